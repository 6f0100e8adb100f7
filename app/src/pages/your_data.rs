//! "Your data": what Doorstep holds about the resident (a page and a file to download), and
//! asking to see the information the landlord holds (a subject access request) with each
//! request's page.

use crate::api::your_data::*;
use crate::components::content::tel_href;
use crate::components::content::{
    BackLink, NotificationBanner, PrevNext, StatusTag, SummaryList, SummaryRow, TagColour,
    Timeline, TimelineEntry,
};
use crate::components::content::{Deadlines, ProgressTag};
use crate::components::fields::{ErrorSummary, SubmitButton, TextArea};
use crate::domain::subject_access::TEXT_LIMIT;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn as _;

/// Requests as a list, each with where its clock stands.
#[component]
pub fn RequestList(
    lines: Vec<RequestLine>,
    href: fn(&str) -> String,
    show_person: bool,
) -> impl IntoView {
    view! {
        <ul class="list case-list">
            {lines.into_iter().map(|l| view! {
                <li class="case-item">
                    <a href=href(&l.reference)><strong>{format!("Request {}", l.reference)}</strong></a>
                    <br/>
                    <span class="hint">
                        {if show_person { format!("For {}. ", l.person) } else { String::new() }}
                        {format!("Received {}.", l.received)}
                        {l.due.clone().map(|d| format!(" Due by {d}."))}
                    </span>
                    " "
                    <StatusTag text=l.status.clone() colour=TagColour::Blue/>
                    " "
                    <ProgressTag state=l.state/>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn YourDataPage() -> impl IntoView {
    view! {
        <Layout title="Your data">
            <Load future=get_your_data_page() let:page>
                <YourDataStart page/>
            </Load>
        </Layout>
    }
}

#[component]
fn YourDataStart(page: YourDataHome) -> impl IntoView {
    let landlord = crate::site::site().profile.landlord.clone();
    let errors = page.form.errors.clone();
    let has_errors = !errors.is_empty();
    view! {
        {has_errors.then(|| view! { <Title text="Error: Your data"/> })}
        <ErrorSummary errors=errors.clone()/>
        <BackLink href="/account"/>
        <h1 class="heading-l">"Your data"</h1>
        <p>"You can see everything Doorstep holds about you, and take a copy."</p>
        <ul class="list">
            <li><a href="/account/your-data/all">"See your data on a page"</a></li>
            <li><a href="/account/your-data.json" download="">"Download your data as a file"</a>" (JSON, which other services and spreadsheets can read)"</li>
        </ul>
        <p>"Notes our colleagues keep about your repairs and cases are not shown here. To see them, and anything we hold outside Doorstep, ask to see the information we hold about you."</p>

        <h2 class="heading-m" id="ask">"Ask to see the information we hold about you"</h2>
        <p>{format!("This is called a subject access request. It is free. We will send you everything we hold about you within {}.", page.respond)}
            {page.extension.clone().map(|e| format!(" If your request is complex, we may need up to {e} more. We would tell you before the first date."))}
        </p>
        <form method="post" action=crate::api::your_data::AskForYourData::PATH novalidate>
            <input type="hidden" name="token" value=page.token.clone()/>
            <TextArea
                name="details"
                label="Is there anything in particular you are looking for? (optional)"
                hint="For example, letters about a repair in 2025, or recordings of phone calls."
                value=page.form.values.clone()
                error=errors.for_field("details").map(str::to_owned)
                limit=TEXT_LIMIT
                rows=4
            />
            <SubmitButton text="Send my request"/>
        </form>
        <p>"You can also ask by phone on " <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a> ", by email to " <a href=format!("mailto:{}", landlord.email)>{landlord.email.clone()}</a> " or by letter."</p>

        <h2 class="heading-m">"Your requests"</h2>
        {if page.requests.is_empty() {
            view! { <p>"You have not asked yet."</p> }.into_any()
        } else {
            view! { <RequestList lines=page.requests.clone() href=|r| format!("/account/your-data/{r}") show_person=false/> }.into_any()
        }}
    }
}

/// Everything held, on one page: each section with what it is for, each thing with its facts
/// and timeline.
#[component]
pub fn YourDataAllPage() -> impl IntoView {
    let activity = use_query_map()
        .with_untracked(|q| q.get("activity"))
        .and_then(|a| a.trim().parse::<u32>().ok());
    view! {
        <Layout title="Everything we hold about you">
            <Load future=get_your_data(activity) let:data>
                <DataView data/>
            </Load>
        </Layout>
    }
}

#[component]
pub fn DataView(data: YourData) -> impl IntoView {
    view! {
        <BackLink href="/account/your-data"/>
        <span class="caption">{format!("Held by {}", data.landlord)}</span>
        <h1 class="heading-l">{format!("Everything Doorstep holds about {}", data.person)}</h1>
        <p>{format!("As it stood on {}. ", data.gathered)} <a href="/account/your-data.json" download="">"Download it as a file"</a> "."</p>
        <nav aria-label="Sections">
            <ul class="list">
                {data.sections.iter().enumerate().map(|(i, s)| view! {
                    <li><a href=format!("#section-{i}")>{s.title.clone()}</a>{format!(" ({})", s.count)}</li>
                }).collect_view()}
            </ul>
        </nav>
        {data.sections.into_iter().enumerate().map(|(i, s)| view! {
            <section class="data-section" aria-labelledby=format!("section-{i}")>
                <h2 class="heading-m" id=format!("section-{i}")>{s.title.clone()}</h2>
                <p class="hint">{s.explained.clone()}</p>
                {if s.items.is_empty() {
                    view! { <p>"Nothing held."</p> }.into_any()
                } else {
                    s.items.into_iter().map(|item| view! {
                        <h3 class="heading-s">{item.title.clone()}</h3>
                        {(!item.facts.is_empty()).then(|| view! {
                            <SummaryList rows=item.facts.iter().map(|f| SummaryRow::lines(f.label.clone(), f.value.lines().map(str::to_owned).collect())).collect()/>
                        })}
                        {(!item.history.is_empty()).then(|| view! {
                            <ul class="list data-history">
                                {item.history.iter().map(|h| view! { <li><span class="hint">{h.label.clone()}": "</span>{h.value.clone()}</li> }).collect_view()}
                            </ul>
                        })}
                    }).collect_view().into_any()
                }}
                {s.pages.map(|p| {
                    let href = |page: u32| format!("/account/your-data/all?{}={page}#section-{i}", p.field);
                    view! {
                        <PrevNext
                            previous=(p.page > 1).then(|| href(p.page - 1))
                            next=(p.page < p.pages).then(|| href(p.page + 1))
                        />
                    }
                })}
            </section>
        }).collect_view()}
    }
}

/// One of the resident's requests.
#[component]
pub fn YourRequestPage() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| p.get("reference").unwrap_or_default());
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    view! {
        <Layout title="Your request">
            <Load future=get_your_request(reference) let:view>
                <RequestPage view sent/>
            </Load>
        </Layout>
    }
}

/// The details and timeline of a request (the resident's and the colleague's pages share it).
#[component]
pub fn RequestDetails(view: RequestView) -> impl IntoView {
    let mut rows = vec![
        SummaryRow::new("Status", view.status.clone()),
        SummaryRow::new("Received", view.received.clone()),
        SummaryRow::new("How it reached us", view.made_by.clone()),
    ];
    if !view.details.is_empty() {
        rows.push(SummaryRow::lines(
            "What was asked for",
            view.details.lines().map(str::to_owned).collect(),
        ));
    }
    if let Some(at) = &view.identity_confirmed {
        rows.push(SummaryRow::new("Identity confirmed", at.clone()));
    }
    if let Some(at) = &view.finished {
        rows.push(SummaryRow::new("Finished", at.clone()));
    }
    if let Some(outcome) = &view.outcome {
        rows.push(SummaryRow::new("Outcome", outcome.clone()));
    }
    let entries: Vec<TimelineEntry> = view.timeline.iter().map(TimelineEntry::from).collect();
    view! {
        <SummaryList rows/>
        {view.deadline.clone().map(|d| view! { <Deadlines deadlines=vec![d]/> })}
        <h2 class="heading-m">"What has happened"</h2>
        <Timeline entries/>
    }
}

#[component]
fn RequestPage(view: RequestView, sent: bool) -> impl IntoView {
    let reference = view.reference.clone();
    view! {
        <Title text=format!("Your request {}", view.reference)/>
        {sent.then(|| view! {
            <NotificationBanner title="Request sent" success=true>
                <p class="notification-banner-heading">{format!("Your reference is {reference}")}</p>
            </NotificationBanner>
        })}
        <BackLink href="/account/your-data"/>
        <span class="caption">{format!("Request {}", view.reference)}</span>
        <h1 class="heading-l">"Your request to see the information we hold about you"</h1>
        <div class="inset"><h2 class="heading-s">"What happens next"</h2><p>{view.next_step.clone()}</p></div>
        <RequestDetails view/>
    }
}
