//! "Your contacts" for residents and advocates: the start page with everything raised (cases
//! and repairs), the journey one question a page, check your answers, and a case's page with
//! its deadlines, responses, timeline, reply and escalation.

use crate::api::cases::*;
use crate::components::content::tel_href;
use crate::components::content::{
    BackLink, NotificationBanner, StatusTag, SummaryList, SummaryRow, TagColour, Timeline,
    TimelineEntry,
};
use crate::components::content::{Deadlines, ProgressTag};
use crate::components::fields::{Choice, Choices, ErrorSummary, SubmitButton, TextArea, TextInput};
use crate::domain::cases::TEXT_LIMIT;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn as _;

fn param(name: &str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

fn query(name: &str) -> Option<String> {
    use_query_map()
        .with_untracked(|q| q.get(name))
        .filter(|v| !v.is_empty())
}

/// The list of cases, as a table that fits a phone.
#[component]
pub fn CaseList(
    lines: Vec<CaseLine>,
    href: fn(&str) -> String,
    show_person: bool,
) -> impl IntoView {
    view! {
        <ul class="list case-list">
            {lines.into_iter().map(|l| {
                view! {
                    <li class="case-item">
                        <a href=l.path.clone().unwrap_or_else(|| href(&l.reference))><strong>{l.kind.clone()} " " {l.reference.clone()}</strong></a>
                        <br/>{l.summary.clone()}
                        <br/><span class="hint">{if show_person { format!("For {}. ", l.person) } else { String::new() }} "Sent " {l.opened.clone()} ". " {l.stage.clone().map(|s| format!("{s}. ")).unwrap_or_default()} {format!("Handled by {}. ", l.owner.clone().unwrap_or_else(|| "nobody yet".into()))}</span>
                        <StatusTag text=l.status.clone() colour=TagColour::Blue/>
                        {l.due.clone().map(|d| view! {
                            <span class="hint">" Next deadline: " {d} " "</span>
                            {l.due_state.map(|state| view! { <ProgressTag state/> })}
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn CasesPage() -> impl IntoView {
    view! {
        <Layout title="Your contacts with us">
            <Load future=get_cases_home() let:home>
                <CasesHomeView home/>
            </Load>
        </Layout>
    }
}

#[component]
fn CasesHomeView(home: CasesHome) -> impl IntoView {
    let landlord = crate::site::site().profile.landlord.clone();
    let start = if home.advocate {
        view! {
            <h2 class="heading-m">"Make a complaint for someone"</h2>
            {if home.represented.is_empty() {
                view! { <p>"Nobody has given you permission to act for them in complaints at the moment. The resident can give it from their account, or by phoning us."</p> }.into_any()
            } else {
                view! {
                    <ul class="list">
                        {home.represented.iter().map(|p| view! {
                            <li>
                                <a href=format!("/cases/new/complaint/what?person={}", p.value)>{format!("Make a complaint for {}", p.label)}</a>
                                {p.hint.clone().map(|h| view! { <br/><span class="hint">{h}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }.into_any()
    } else {
        view! {
            <ul class="list">
                {home.offered.iter().map(|o| view! {
                    <li>
                        <a href=o.value.clone()>{o.label.clone()}</a>
                        {o.hint.clone().map(|h| view! { <br/><span class="hint">{h}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let empty = home.lines.is_empty();
    view! {
        <h1 class="heading-l">"Your contacts with us"</h1>
        {start}
        <p>"You can also phone us on " <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a> ", email " <a href=format!("mailto:{}", landlord.email)>{landlord.email.clone()}</a> ", " <a href="/contact">"send us a message"</a> " or write to us. To report a repair, use " <a href="/repairs">"repairs"</a> "."</p>
        <h2 class="heading-m">{if home.advocate { "Everything raised for the people you act for" } else { "Everything you have raised with us" }}</h2>
        {if empty {
            view! { <p>"Nothing yet."</p> }.into_any()
        } else {
            view! { <CaseList lines=home.lines href=|r| format!("/cases/{r}") show_person=home.advocate/> }.into_any()
        }}
    }
}

#[component]
pub fn CaseQuestionPage() -> impl IntoView {
    let kind = param("kind");
    let field = param("field");
    let future = get_case_question(kind, field, query("about"), query("person"));
    view! {
        <Layout title="Your contacts with us">
            <Load future let:page>
                <Question page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Question(page: CaseQuestion) -> impl IntoView {
    let error = page.errors.for_field(&page.field).map(str::to_owned);
    let title = format!("{} - {}", page.label, page.kind_label);
    let field = page.field.clone();
    let input = if !page.choices.is_empty() {
        let choices = page
            .choices
            .iter()
            .map(|(v, w)| Choice::new(v.clone(), w.clone()))
            .collect();
        view! { <Choices name="value" id=field.clone() legend=page.label.clone() hint=page.hint.clone() choices selected=vec![page.value.clone()] error heading=true/> }.into_any()
    } else if page.long {
        view! { <TextArea name="value" id=field.clone() label=page.label.clone() hint=page.hint.clone() value=page.value.clone() error limit=page.limit rows=6 heading=true/> }.into_any()
    } else {
        view! { <TextInput name="value" id=field.clone() label=page.label.clone() hint=page.hint.clone() value=page.value.clone() error heading=true/> }.into_any()
    };
    view! {
        <Title text=if page.errors.is_empty() { title.clone() } else { format!("Error: {title}") }/>
        <ErrorSummary errors=page.errors.clone()/>
        <BackLink href=page.back.clone()/>
        <span class="caption">{page.kind_label.clone()} {page.acting_for.clone().map(|n| format!(" for {n}")).unwrap_or_default()} {format!(" (question {} of {})", page.number, page.of)}</span>
        {page.related.clone().map(|r| view! { <p class="hint">"About " {r}</p> })}
        <form method="post" action=crate::api::cases::CaseAnswer::PATH novalidate class="question-form">
            <input type="hidden" name="kind" value=page.kind.clone()/>
            <input type="hidden" name="field" value=page.field.clone()/>
            {input}
            <SubmitButton text="Continue"/>
        </form>
    }
}

#[component]
pub fn CaseCheckPage() -> impl IntoView {
    let kind = param("kind");
    let journey = match kind.as_str() {
        "complaint" => "Make a complaint",
        "compliment" => "Give a compliment",
        _ => "Ask a question",
    };
    view! {
        <Layout title=format!("Check your answers - {journey}")>
            <Load future=get_case_check(kind.clone()) let:page>
                <Check page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Check(page: CaseCheck) -> impl IntoView {
    let rows = page
        .rows
        .iter()
        .map(|(q, a, href)| {
            let row = SummaryRow::lines(q.clone(), a.lines().map(str::to_owned).collect());
            if href.is_empty() {
                row
            } else {
                row.change(href.clone(), q.to_lowercase())
            }
        })
        .collect();
    let last = page
        .rows
        .iter()
        .rev()
        .find(|r| !r.2.is_empty())
        .map(|r| r.2.clone())
        .unwrap_or_else(|| "/cases".into());
    view! {
        <BackLink href=last/>
        <h1 class="heading-l">"Check your answers"</h1>
        {page.acting_for.clone().map(|n| view! { <p>"You are sending this on behalf of " <strong>{n}</strong> ". It will show as made by you on their behalf."</p> })}
        <SummaryList rows/>
        <h2 class="heading-m">"What happens next"</h2>
        <p>{page.next.clone()}</p>
        <form method="post" action=crate::api::cases::SendCase::PATH novalidate>
            <input type="hidden" name="kind" value=page.kind.clone()/>
            <input type="hidden" name="token" value=page.token.clone()/>
            <SubmitButton text=format!("Send the {}", page.kind_label.to_lowercase())/>
        </form>
    }
}

#[component]
pub fn CasePage() -> impl IntoView {
    let reference = param("reference");
    let banner = if query("sent").is_some() {
        Some("sent")
    } else if query("escalated").is_some() {
        Some("escalated")
    } else if query("replied").is_some() {
        Some("replied")
    } else {
        None
    };
    view! {
        <Layout title="Your case">
            <Load future=get_case_page(reference.clone()) let:page>
                <Case view=page.0 banner errors=page.1/>
            </Load>
        </Layout>
    }
}

/// The responses, actions and timeline, shared by the resident's and the staff's pages.
#[component]
pub fn CaseRecord(view: CaseView, staff: bool) -> impl IntoView {
    let entries: Vec<TimelineEntry> = view.timeline.iter().map(TimelineEntry::from).collect();
    let answers: Vec<SummaryRow> = view
        .answers
        .iter()
        .map(|(q, a)| SummaryRow::lines(q.clone(), a.lines().map(str::to_owned).collect()))
        .collect();
    view! {
        {(!view.deadlines.is_empty()).then(|| view! { <Deadlines deadlines=view.deadlines.clone()/> })}
        {view.responses.iter().map(|r| view! {
            <section class="panel response">
                <h2 class="heading-m">{r.title.clone()}</h2>
                <p class="hint">"Sent " {r.when.clone()} " by " {r.by.clone()}</p>
                {r.decision.clone().map(|d| view! { <p><strong>"Decision: " {d}</strong></p> })}
                {r.points.lines().map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()}
                {r.reasons.clone().map(|x| view! { <h3 class="heading-s">"Why"</h3> {x.lines().map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()} })}
                {r.remedy.clone().map(|x| view! { <h3 class="heading-s">"To put things right"</h3> {x.lines().map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()} })}
            </section>
        }).collect_view()}
        {(!view.actions.is_empty()).then(|| view! {
            <h2 class="heading-m">"What we said we would do"</h2>
            <ul class="list">
                {view.actions.iter().map(|a| view! {
                    <li>
                        {a.description.clone()} ", by " {a.due.clone()} " "
                        {match (&a.done, a.overdue) {
                            (Some(d), _) => view! { <StatusTag text=format!("Done {d}") colour=TagColour::Green/> }.into_any(),
                            (None, true) => view! { <StatusTag text="Overdue" colour=TagColour::Red/> }.into_any(),
                            (None, false) => view! { <StatusTag text="To do" colour=TagColour::Blue/> }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        })}
        <h2 class="heading-m">{if staff { "What the resident told us" } else { "What you told us" }}</h2>
        <SummaryList rows=answers/>
        {view.related.clone().map(|(r, href)| view! { <p>"About: " <a href=href>{r}</a></p> })}
        {view.understanding.clone().map(|u| view! {
            <h2 class="heading-m">"How we understand it"</h2>
            <p>{u}</p>
        })}
        <h2 class="heading-m">"What has happened"</h2>
        <Timeline entries/>
    }
}

#[component]
fn Case(
    view: CaseView,
    banner: Option<&'static str>,
    errors: crate::domain::validation::FieldErrors,
) -> impl IntoView {
    let message_error = errors.for_field("message").map(str::to_owned);
    let escalate_error = errors.for_field("escalate").map(str::to_owned);
    let mut rows = vec![
        SummaryRow::new("Reference", view.reference.clone()),
        SummaryRow::new("Status", view.status.clone()),
        SummaryRow::new("Made by", view.made_by.clone()),
        SummaryRow::new("Received", view.received.clone()),
    ];
    if let Some(stage) = &view.stage_name {
        rows.push(SummaryRow::new("Stage", stage.clone()));
    }
    rows.push(SummaryRow::new(
        "Handled by",
        view.owner
            .clone()
            .unwrap_or_else(|| "Not yet assigned".into()),
    ));
    let banner_text = match (banner, view.kind_code.as_str()) {
        (Some("sent"), _) => Some(format!(
            "{} sent. Your reference is {}",
            view.kind, view.reference
        )),
        (Some("escalated"), _) => {
            Some("You have asked us to take your complaint to stage 2".to_owned())
        }
        (Some("replied"), _) => Some("Message sent".to_owned()),
        _ => None,
    };
    let reference = view.reference.clone();
    let ombudsman = view.ombudsman.clone();
    let finished = !view.open;
    view! {
        <Title text=format!("{} {} - {}", view.kind, view.reference, view.summary)/>
        {(!errors.is_empty()).then(|| view! { <Title text=format!("Error: {}", view.reference)/> })}
        <ErrorSummary errors=errors.clone()/>
        {banner_text.map(|b| view! {
            <NotificationBanner title="Done" success=true><p class="notification-banner-heading">{b}</p></NotificationBanner>
        })}
        <BackLink href="/cases"/>
        <span class="caption">{view.kind.clone()} " " {view.reference.clone()}</span>
        <h1 class="heading-l">{view.summary.clone()}</h1>
        <SummaryList rows/>
        <div class="inset"><h2 class="heading-s">"What happens next"</h2><p>{view.next_step.clone()}</p></div>
        {view.may_escalate.then(|| view! {
            <form method="post" action=crate::api::cases::EscalateCase::PATH novalidate class="panel" id="escalate">
                <h2 class="heading-m">"Not happy with our response?"</h2>
                {escalate_error.map(|e| view! { <p class="error-message">{e}</p> })}
                <p>"You can ask us to look at your complaint again at stage 2. Someone who was not involved at stage 1 will review it. You do not need to give a reason."</p>
                <input type="hidden" name="reference" value=reference.clone()/>
                <SubmitButton text="Take my complaint to stage 2"/>
            </form>
        })}
        {ombudsman.map(|o| view! {
            <section class="panel">
                <h2 class="heading-m">{if finished { "If you are still unhappy" } else { "The ombudsman" }}</h2>
                <p>{if finished { format!("You can ask the {} to look at your complaint {}.", o.name, o.time_limit) } else { format!("Once our complaints process is finished, you can ask the {} to look at your complaint.", o.name) }}</p>
                <p>"Phone " <a href=tel_href(&o.phone)>{o.phone.clone()}</a> " or go to " <a href=o.website.clone()>{o.website.clone()}</a> "."</p>
            </section>
        })}
        {view.may_complain_about.then(|| view! {
            <p>"Unhappy with how we have dealt with this? " <a href=format!("/cases/new/complaint/what?about={}", view.reference)>"Make a complaint about this"</a></p>
        })}
        <CaseRecord view=view.clone() staff=false/>
        {view.may_reply.then(|| view! {
            <form method="post" action=crate::api::cases::ReplyToCase::PATH novalidate class="panel">
                <input type="hidden" name="reference" value=reference.clone()/>
                <TextArea name="message" label="Send us a message about this" error=message_error limit=TEXT_LIMIT rows=4/>
                <SubmitButton text="Send the message" secondary=true/>
            </form>
        })}
    }
}
