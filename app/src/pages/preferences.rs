//! "How we contact you" for residents, the form colleagues use on a resident's page, and the
//! needs banner at the top of every staff screen about a resident or their case.

use crate::api::preferences::{get_preferences, Option_, PreferencesPage};
use crate::api::repairs::Offered;
use crate::components::content::NeedsBannerView;
use crate::components::content::NotificationBanner;
use crate::components::fields::Select;
use crate::components::fields::{Choice, Choices, ErrorSummary, SubmitButton, TextArea, TextInput};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn as _;

#[component]
pub fn ContactPreferencesPage() -> impl IntoView {
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    view! {
        <Layout title="How we contact you">
            <Load future=get_preferences(None) let:page>
                {saved.then(|| view! {
                    <NotificationBanner title="Saved" success=true>
                        <p class="notification-banner-heading">"Your contact preferences have been saved. Everyone who works with you will see them."</p>
                    </NotificationBanner>
                })}
                <h1 class="heading-l">"How we contact you"</h1>
                <p>"Tell us how to reach you and what you need from us. Everything we send you, and everyone who works on your repairs and cases, follows what you say here."</p>
                <PreferencesForm page/>
            </Load>
        </Layout>
    }
}

fn choices(options: &[Option_]) -> Vec<Choice> {
    options
        .iter()
        .map(|o| Choice::new(o.value.clone(), o.label.clone()))
        .collect()
}

/// The form itself, with what is in force and every earlier version below it.
#[component]
pub fn PreferencesForm(page: PreferencesPage) -> impl IntoView {
    let errors = page.errors.clone();
    let has_errors = !errors.is_empty();
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = page.values.clone();
    let offered: Vec<Offered> = page
        .channels
        .iter()
        .map(|o| Offered {
            value: o.value.clone(),
            label: o.label.clone(),
            hint: None,
        })
        .collect();
    let whose = if page.staff {
        format!("{}'s", page.person_name)
    } else {
        "Your".to_owned()
    };
    let title = if page.staff {
        "Contact preferences"
    } else {
        "How we contact you"
    };
    view! {
        {has_errors.then(|| view! { <Title text=format!("Error: {title}")/> })}
        <ErrorSummary errors=errors.clone()/>
        <form method="post" action="/account/contact/save" novalidate id="preferences">
            {page.staff.then(|| view! { <input type="hidden" name="person" value=page.person_id.to_string()/> })}
            <h2 class="heading-m">"Ways to contact"</h2>
            <p class="hint">"Choose up to three, best first. We send messages by email, text or letter ourselves; for the others a colleague gets in touch."</p>
            <Select name="first" label="First choice" options=offered.clone() selected=v.order[0].clone() empty="No preference" error=error("first")/>
            <Select name="second" label="Second choice" options=offered.clone() selected=v.order[1].clone() empty="No preference" error=error("second")/>
            <Select name="third" label="Third choice" options=offered.clone() selected=v.order[2].clone() empty="No preference" error=error("third")/>
            <Choices
                name="never"
                legend="Ways we must never use"
                hint="We will not contact you this way, even if nothing else works."
                choices=choices(&page.channels)
                selected=v.never.clone()
                error=error("never")
                multiple=true
            />
            <TextInput name="good_times" label="Good times to phone or visit (optional)" hint="For example, weekday mornings" value=v.good_times.clone() error=error("good_times")/>
            <TextInput name="bad_times" label="Times to avoid (optional)" hint="For example, school pick-up, 3pm to 4pm" value=v.bad_times.clone() error=error("bad_times")/>

            <h2 class="heading-m">"What you need from us"</h2>
            <TextInput name="language" label="Language, if not English (optional)" value=v.language.clone() error=error("language")/>
            <Choices
                name="formats"
                legend="Formats you need"
                hint="Select all that apply."
                choices=choices(&page.formats)
                selected=v.formats.clone()
                error=error("formats")
                multiple=true
            />
            <Choices
                name="adjustments"
                legend="Adjustments that help you"
                hint="Select all that apply."
                choices=choices(&page.adjustments)
                selected=v.adjustments.clone()
                error=error("adjustments")
                multiple=true
            />
            <TextArea name="other_adjustments" label="Anything else we should do or know (optional)" value=v.other_adjustments.clone() error=error("other_adjustments") limit=crate::domain::preferences::MAX_TEXT rows=3/>
            <Choices
                name="visit_staff"
                legend="Who would you like to visit your home?"
                choices=choices(&page.visit_staff)
                selected=vec![if v.visit_staff.is_empty() { "no_preference".to_owned() } else { v.visit_staff.clone() }]
                error=error("visit_staff")
            />

            <h2 class="heading-m">"Newsletters"</h2>
            <Choices
                name="newsletters"
                legend="Newsletters to send you"
                hint="Sent by your first choice of contact. Select none to have none."
                choices=choices(&page.newsletters)
                selected=v.newsletters.clone()
                error=error("newsletters")
                multiple=true
            />
            <SubmitButton text="Save contact preferences"/>
        </form>

        <h2 class="heading-m">{format!("{whose} preferences now")}</h2>
        {if page.summary.is_empty() {
            view! { <p>"None given yet: we use email, then text message, then letter."</p> }.into_any()
        } else {
            view! { <ul class="list">{page.summary.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul> }.into_any()
        }}
        <h2 class="heading-m">"Changes"</h2>
        {if page.history.is_empty() {
            view! { <p>"No changes yet."</p> }.into_any()
        } else {
            view! {
                <ol class="timeline">
                    {page.history.iter().map(|c| view! {
                        <li class="timeline-item">
                            <p class="timeline-title">{c.when.clone()}{c.by.clone().map(|b| format!(", by {b}"))}</p>
                            <ul class="list">{c.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

/// A resident's page for colleagues.
#[component]
pub fn StaffResidentPage() -> impl IntoView {
    use crate::api::preferences::get_staff_resident;
    let params = leptos_router::hooks::use_params_map();
    let person = params
        .with_untracked(|p| p.get("person").and_then(|v| v.parse::<i64>().ok()))
        .unwrap_or(0);
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    view! {
        <Layout title="Resident">
            <Load future=get_staff_resident(person) let:resident>
                <StaffResidentView resident saved/>
            </Load>
        </Layout>
    }
}

#[component]
fn StaffResidentView(
    resident: crate::api::preferences::StaffResident,
    saved: bool,
) -> impl IntoView {
    use crate::api::preferences::CONSENTS;
    use crate::components::content::{SummaryList, SummaryRow};
    use crate::components::fields::DateInput;
    let person = resident.banner.person_id;
    let errors = resident.vulnerability_form.errors.clone();
    let mut all_errors = errors.clone();
    for e in resident
        .task_errors
        .iter()
        .chain(resident.permission_form.errors.iter())
        .chain(resident.request_form.errors.iter())
    {
        all_errors.add(&e.field, e.message.clone());
    }
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = resident.vulnerability_form.values.clone();
    let not_known = || "Not recorded".to_owned();
    let rows = vec![
        SummaryRow::new("Email", resident.email.clone().unwrap_or_else(not_known)),
        SummaryRow::new("Phone", resident.phone.clone().unwrap_or_else(not_known)),
        SummaryRow::new(
            "Address",
            resident.address.clone().unwrap_or_else(not_known),
        ),
    ];
    let name = resident.banner.name.clone();
    view! {
        <Title text=resident.banner.name.clone()/>
        <ErrorSummary errors=all_errors/>
        {resident.done.clone().or_else(|| saved.then(|| "Contact preferences saved".to_owned())).map(|m| view! {
            <NotificationBanner title="Done" success=true>
                <p class="notification-banner-heading">{m}</p>
            </NotificationBanner>
        })}
        <span class="caption">"Resident"</span>
        <h1 class="heading-l">{name.clone()}</h1>
        <NeedsBannerView banner=resident.banner.clone()/>
        <SummaryList rows/>

        {(!resident.tasks.is_empty()).then(|| view! {
            <h2 class="heading-m">"Messages we could not send"</h2>
            <TaskList tasks=resident.tasks.clone() errors=resident.task_errors.clone() back=format!("/staff/residents/{person}")/>
        })}

        {resident.vulnerabilities.clone().map(|list| view! {
            <h2 class="heading-m" id="vulnerability">"Vulnerabilities"</h2>
            <p class="hint">"Recorded only with the resident's agreement, for a limited time, and seen only by colleagues whose work needs them."</p>
            {if list.is_empty() {
                view! { <p>"None recorded."</p> }.into_any()
            } else {
                view! {
                    <ul class="list">
                        {list.into_iter().map(|item| view! {
                            <li>
                                <strong>{item.description.clone()}</strong>
                                {format!(" Until {}. Agreed {}; recorded {}.", item.until, item.consent.to_lowercase(), item.recorded)}
                                <form method="post" action=crate::api::preferences::RemoveVulnerability::PATH class="inline-form">
                                    <input type="hidden" name="person" value=person.to_string()/>
                                    <input type="hidden" name="id" value=item.id.to_string()/>
                                    <button type="submit" class="button button-secondary">"Remove"<span class="visually-hidden">{format!(" {}", item.description)}</span></button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form method="post" action=crate::api::preferences::RecordVulnerability::PATH novalidate>
                <input type="hidden" name="person" value=person.to_string()/>
                <TextArea name="description" label="Vulnerability, and what it means for our work" value=v.description.clone() error=error("description") limit=500 rows=3/>
                <Choices
                    name="consent"
                    legend="How did the resident agree to us recording it?"
                    choices=CONSENTS.iter().map(|(c, l)| Choice::new(*c, *l)).collect()
                    selected=vec![v.consent.clone()]
                    error=error("consent")
                />
                <DateInput name="ends" legend="Review or remove it on" hint="At most two years from today." values=(v.ends_day.clone(), v.ends_month.clone(), v.ends_year.clone()) error=error("ends")/>
                <Choices
                    name="agreed"
                    legend="Consent"
                    choices=vec![Choice::new("yes", "The resident agreed to us recording this")]
                    error=error("agreed")
                    multiple=true
                />
                <SubmitButton text="Record vulnerability" secondary=true/>
            </form>
        })}

        {resident.may_record_permissions.then(|| view! {
            <PeopleActing
                person
                name=name.clone()
                people=resident.people.clone()
                form=resident.permission_form.clone()
                chosen=resident.evidence_chosen.clone()
            />
        })}

        {resident.requests.clone().map(|requests| view! {
            <RequestsToSee person requests form=resident.request_form.clone() token=resident.request_token.clone()/>
        })}

        <h2 class="heading-m">"Messages sent"</h2>
        <MessageList messages=resident.messages.clone()/>

        <h2 class="heading-m">"Contact preferences"</h2>
        <p class="hint">"Record what the resident told you by phone, by letter or in person."</p>
        <PreferencesForm page=resident.preferences.clone()/>
    }
}

/// The resident's own words for a permission ("lives with me", "your repairs"), as a colleague
/// says them about the resident.
fn about_them(words: &str) -> String {
    words
        .replace("with me", "with them")
        .replace("for you", "for them")
        .replace("your ", "their ")
}

/// Who may act for the resident, and the form for a permission given on paper or by phone.
#[component]
fn PeopleActing(
    person: i64,
    name: String,
    people: Vec<crate::api::permissions::PermissionView>,
    form: crate::wire::forms::FormState<crate::api::permissions::PaperValues>,
    chosen: Option<String>,
) -> impl IntoView {
    use crate::api::permissions::{RELATIONSHIPS, SCOPES};
    use crate::components::fields::{DateInput, FileUpload};
    let errors = form.errors.clone();
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = form.values.clone();
    view! {
        <h2 class="heading-m" id="people">"People who can act for them"</h2>
        {if people.is_empty() {
            view! { <p>"Nobody at the moment."</p> }.into_any()
        } else {
            view! {
                <ul class="list">
                    {people.into_iter().map(|p| view! {
                        <li>
                            <strong>{p.name.clone()}</strong>
                            {format!(" ({}). {}: {}. {}.", p.email, p.scope, p.until, p.given)}
                            {(!p.relationship.is_empty()).then(|| format!(" {}.", p.relationship))}
                            {p.note.clone().map(|n| view! { <br/><span class="hint">{format!("Note: {n}")}</span> })}
                            {p.evidence_file.then(|| view! { <br/><a href=format!("/staff/permissions/{}/evidence", p.id) download="">"The signed form"</a> })}
                            <form method="post" action=crate::api::permissions::WithdrawPermissionFor::PATH class="inline-form">
                                <input type="hidden" name="person" value=person.to_string()/>
                                <input type="hidden" name="id" value=p.id.to_string()/>
                                <button type="submit" class="button button-secondary">"Withdraw"<span class="visually-hidden">{format!(" {}'s permission", p.name)}</span></button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <form method="post" action=format!("/staff/residents/{person}/permissions") enctype="multipart/form-data" novalidate>
            <h3 class="heading-s">{format!("Record a permission {name} gave on paper or by phone")}</h3>
            <p class="hint">"Residents can give permission themselves under their account. Record one here when they signed a form or told you on the phone. They will be told."</p>
            <TextInput name="name" id="advocate_name" label="The full name of the person who may act for them" value=v.name.clone() error=error("advocate_name")/>
            <TextInput name="email" id="advocate_email" label="Their email address" hint="They sign in with it; we email them how to start." value=v.email.clone() error=error("advocate_email") input_type="email"/>
            <Choices name="relationship" id="advocate_relationship" legend="Who are they to the resident?" choices=RELATIONSHIPS.iter().map(|(c, l)| Choice::new(*c, about_them(l))).collect() selected=vec![v.relationship.clone()] error=error("advocate_relationship")/>
            <Choices name="scope" id="advocate_scope" legend="What may they do?" choices=SCOPES.iter().map(|(c, l, h)| Choice::new(*c, *l).with_hint(about_them(h))).collect() selected=vec![v.scope.clone()] error=error("advocate_scope")/>
            <Choices name="given_by" legend="How did the resident give permission?" choices=vec![Choice::new("paper", "A signed form or letter"), Choice::new("phone", "On the phone")] selected=vec![v.given_by.clone()] error=error("given_by")/>
            <FileUpload name="evidence" label="The signed form or letter" hint=match &chosen { Some(f) => format!("File chosen: {f}. Choose another to replace it. A PDF, JPEG or PNG, up to 25 MB."), None => "Needed for a signed form. A PDF, JPEG or PNG, up to 25 MB.".to_owned() } error=error("evidence") accept="application/pdf,image/jpeg,image/png"/>
            <TextArea name="note" label="What the resident said, and how you checked it was them" hint="Needed for a phone call." value=v.note.clone() error=error("note") limit=crate::domain::cases::TEXT_LIMIT rows=3/>
            <DateInput name="permission_ends" legend="The last day it lasts" hint="At most three years from today." values=(v.ends_day.clone(), v.ends_month.clone(), v.ends_year.clone()) error=error("permission_ends")/>
            <SubmitButton text="Record the permission" secondary=true/>
        </form>
    }
}

/// The resident's requests to see their information, and the form to record one.
#[component]
fn RequestsToSee(
    person: i64,
    requests: Vec<crate::api::your_data::RequestLine>,
    form: crate::wire::forms::FormState<crate::api::subject_access::RecordValues>,
    token: String,
) -> impl IntoView {
    use crate::domain::cases::Channel;
    let errors = form.errors.clone();
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = form.values.clone();
    view! {
        <h2 class="heading-m" id="subject-access">"Requests to see their information"</h2>
        {if requests.is_empty() {
            view! { <p>"None."</p> }.into_any()
        } else {
            view! { <crate::pages::your_data::RequestList lines=requests href=|r| format!("/staff/subject-access/{r}") show_person=false/> }.into_any()
        }}
        <form method="post" action=crate::api::subject_access::RecordSubjectAccess::PATH novalidate>
            <h3 class="heading-s">"Record a request made by phone, letter, email or in person"</h3>
            <input type="hidden" name="person" value=person.to_string()/>
            <input type="hidden" name="token" value=token/>
            <Choices name="channel" id="sar_channel" legend="How did it reach us?" choices=Channel::ALL.iter().filter(|c| **c != Channel::Portal).map(|c| Choice::new(c.as_str(), c.label())).collect() selected=vec![v.channel.clone()] error=error("sar_channel")/>
            <TextInput name="received" id="sar_received" label="The date it reached us" hint="For example: 2026-11-02" input_type="date" value=v.received.clone() error=error("sar_received") width="width-10"/>
            <Choices name="identity" id="sar_identity" legend="Have you confirmed who is asking?" hint="If not, the clock stays stopped until they prove it." choices=vec![Choice::new("yes", "Yes"), Choice::new("no", "No, we need proof")] selected=vec![v.identity.clone()] error=error("sar_identity")/>
            <TextArea name="details" id="sar_details" label="What they asked for (optional)" value=v.details.clone() error=error("sar_details") limit=crate::domain::subject_access::TEXT_LIMIT rows=3/>
            <SubmitButton text="Record the request" secondary=true/>
        </form>
    }
}

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
