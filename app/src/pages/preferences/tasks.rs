//! Contact tasks, messages and finding a resident.

use super::*;

/// Tasks to make contact another way, each with a form to say how it was done.
#[component]
pub fn TaskList(
    tasks: Vec<crate::api::preferences::TaskView>,
    errors: crate::domain::validation::FieldErrors,
    back: String,
) -> impl IntoView {
    view! {
        <ul class="task-list">
            {tasks.into_iter().map(|t| {
                let field = format!("outcome-{}", t.id);
                let error = errors.for_field(&field).map(str::to_owned);
                view! {
                    <li class="task">
                        <p class="task-title">
                            <a href=format!("/staff/residents/{}", t.person_id)>{t.person_name.clone()}</a>
                            {format!(": {}", t.subject)}
                        </p>
                        <p class="hint">{format!("{}. {}", t.created, t.reason)}</p>
                        {t.phone.clone().map(|p| view! { <p>{format!("Phone: {p}")}</p> })}
                        <details class="details">
                            <summary>"The message"</summary>
                            <p class="preserve-lines">{t.body.clone()}</p>
                        </details>
                        {match t.done.clone() {
                            Some(done) => view! { <p>{done}</p> }.into_any(),
                            None => view! {
                                <form method="post" action=crate::api::preferences::CompleteContactTask::PATH novalidate>
                                    <input type="hidden" name="task" value=t.id.to_string()/>
                                    <input type="hidden" name="back" value=back.clone()/>
                                    <TextInput name="outcome" id=field.clone() label="How you made contact, and what was said" value=String::new() error=error/>
                                    <SubmitButton text="Mark as done" secondary=true/>
                                </form>
                            }.into_any(),
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Messages, newest first.
#[component]
pub fn MessageList(
    messages: Vec<crate::api::preferences::MessageView>,
    /// Where the list stands: under the page's h1 (the resident's own page) its messages are
    /// h2, under a section's h2 (a colleague's view) h3.
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    if messages.is_empty() {
        return view! { <p>"No messages yet."</p> }.into_any();
    }
    view! {
        <ul class="message-list">
            {messages.into_iter().map(|m| {
                let subject = view! {
                    {m.unread.then(|| view! { <strong class="tag tag-blue">"New"</strong>" " })}
                    {m.subject.clone()}
                };
                view! {
                <li class="message">
                    {if top_level {
                        view! { <h2 class="heading-s">{subject}</h2> }.into_any()
                    } else {
                        view! { <h3 class="heading-s">{subject}</h3> }.into_any()
                    }}
                    <p class="hint">{format!("{}. {}", m.sent, m.how)}</p>
                    <p class="preserve-lines">{m.body.clone()}</p>
                    {m.link.clone().map(|l| view! { <p><a href=l>"See it on Doorstep"</a></p> })}
                </li>
            }}).collect_view()}
        </ul>
    }
    .into_any()
}

/// Every open task to make contact, for colleagues.
#[component]
pub fn ContactTasksPage() -> impl IntoView {
    use crate::api::preferences::get_contact_tasks;
    view! {
        <Layout title="Messages we could not send">
            <Load future=get_contact_tasks() let:tasks>
                <ErrorSummary errors=tasks.errors.clone()/>
                <h1 class="heading-l">"Messages we could not send"</h1>
                <p>"Each resident here allows no channel Doorstep can send by for this message. Make contact the way their preferences say, then record how."</p>
                <p>"Letters Doorstep wrote are in " <a href="/staff/letters">"letters to print and post"</a> "."</p>
                {if tasks.open.is_empty() {
                    view! { <p>"Nothing to do."</p> }.into_any()
                } else {
                    view! { <TaskList tasks=tasks.open.clone() errors=tasks.errors.clone() back="/staff/contact-tasks".to_owned()/> }.into_any()
                }}
                {(!tasks.done.is_empty()).then(|| view! {
                    <h2 class="heading-m">"Recently done"</h2>
                    <TaskList tasks=tasks.done.clone() errors=Default::default() back="/staff/contact-tasks".to_owned()/>
                })}
            </Load>
        </Layout>
    }
}

/// The resident's messages.
#[component]
pub fn MessagesPage() -> impl IntoView {
    use crate::api::preferences::get_messages;
    view! {
        <Layout title="Your messages">
            <h1 class="heading-l">"Your messages"</h1>
            <p>"Everything we have sent you about your repairs, cases and documents. "<a href="/account/contact">"Change how we contact you"</a>"."</p>
            <Load future=get_messages() let:messages>
                {messages.iter().any(|m| m.unread).then(|| {
                    let newest = messages.first().map(|m| m.id.to_string()).unwrap_or_default();
                    view! {
                        <form method="post" action=crate::api::preferences::MarkMessagesRead::PATH>
                            <input type="hidden" name="upto" value=newest/>
                            <SubmitButton text="Mark all as read" secondary=true/>
                        </form>
                    }
                })}
                <MessageList messages top_level=true/>
            </Load>
        </Layout>
    }
}

/// Colleagues find a resident by name, reference, address or postcode.
#[component]
pub fn FindResidentPage() -> impl IntoView {
    use crate::api::preferences::find_residents;
    let q = use_query_map().with_untracked(|q| q.get("q").unwrap_or_default());
    let searched = q.trim().chars().count() >= 2;
    let short = !q.trim().is_empty() && !searched;
    // The search is asked even with nothing typed (it then finds nobody), so that the page is
    // authorised like every staff page: "sign in" or "not found" for anyone but a colleague.
    view! {
        <Layout title="Find a resident">
            <Load future=find_residents(q.clone()) let:found>
            <h1 class="heading-l">"Find a resident"</h1>
            <form method="get" action="/staff/residents" role="search">
                <TextInput
                    name="q"
                    label="Name, tenancy or lease reference, address or postcode"
                    value=q.clone()
                    error=short.then(|| "Enter at least two letters or numbers".to_owned())
                />
                <SubmitButton text="Search" secondary=true/>
            </form>
            {searched.then(|| view! {
                    {if found.is_empty() {
                        view! { <p>"No residents match."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="list">
                                {found.into_iter().map(|f| view! {
                                    <li>
                                        <a href=format!("/staff/residents/{}", f.person_id)>{f.name.clone()}</a>
                                        {format!(", {} ({})", f.address, f.tenancy)}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
            })}
            </Load>
        </Layout>
    }
}
