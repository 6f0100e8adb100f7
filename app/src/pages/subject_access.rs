//! Requests to see personal information, for colleagues: the queue and a request's page with
//! its steps, each a plain form.

use super::your_data::{RequestDetails, RequestList};
use crate::api::subject_access::*;
use crate::components::content::NeedsBannerView;
use crate::components::content::{BackLink, NotificationBanner};
use crate::components::fields::{Choice, Choices, DateInput, ErrorSummary, SubmitButton, TextArea};
use crate::domain::subject_access::TEXT_LIMIT;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn as _;

#[component]
pub fn SubjectAccessQueuePage() -> impl IntoView {
    view! {
        <Layout title="Requests to see personal information">
            <Load future=get_subject_access_queue() let:queue>
                <BackLink href="/staff/cases"/>
                <h1 class="heading-l">"Requests to see personal information"</h1>
                <p>"Subject access requests: running clocks first, by deadline, then those waiting for the requester to prove who they are (their clock is stopped). To record a request made by phone, letter or email, find the resident under " <a href="/staff/residents">"Residents"</a> "."</p>
                <h2 class="heading-m">"Open"</h2>
                {if queue.open.is_empty() {
                    view! { <p>"No open requests."</p> }.into_any()
                } else {
                    view! { <RequestList lines=queue.open.clone() href=|r| format!("/staff/subject-access/{r}") show_person=true/> }.into_any()
                }}
                <h2 class="heading-m">"Recently finished"</h2>
                {if queue.finished.is_empty() {
                    view! { <p>"None yet."</p> }.into_any()
                } else {
                    view! { <RequestList lines=queue.finished.clone() href=|r| format!("/staff/subject-access/{r}") show_person=true/> }.into_any()
                }}
            </Load>
        </Layout>
    }
}

#[component]
pub fn StaffRequestPage() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| p.get("reference").unwrap_or_default());
    view! {
        <Layout title="Request to see personal information">
            <Load future=get_staff_request(reference) let:page>
                <StaffRequestView page/>
            </Load>
        </Layout>
    }
}

/// One step's form: a heading, the step posted with the reference, and its fields.
#[component]
fn StepForm(
    reference: String,
    step: &'static str,
    title: &'static str,
    button: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post" action=crate::api::subject_access::ChangeSubjectAccess::PATH novalidate class="panel action-form">
            <h3 class="heading-s">{title}</h3>
            <input type="hidden" name="reference" value=reference/>
            <input type="hidden" name="step" value=step/>
            {children()}
            <SubmitButton text=button secondary=true/>
        </form>
    }
}

#[component]
fn StaffRequestView(page: StaffRequest) -> impl IntoView {
    let view = page.view.clone();
    let errors = StoredValue::new(page.errors.clone());
    let err = move |key: &str| errors.with_value(|e| e.for_field(key).map(str::to_owned));
    let v = page.values.clone();
    // Each form's box is filled in again only when it was that form that came back.
    let typed = |step: &str| {
        if v.step == step {
            v.text.clone()
        } else {
            String::new()
        }
    };
    let (how, extend_reason, close_reason, note) = (
        typed("complete"),
        typed("extend"),
        typed("close"),
        typed("note"),
    );
    let r = view.reference.clone();
    let waiting = view.status_code == "identity_check";
    let running = view.status_code == "in_progress";
    view! {
        <Title text=format!("{} - {}", view.reference, view.person)/>
        {(!page.errors.is_empty()).then(|| view! { <Title text=format!("Error: {}", view.reference)/> })}
        <ErrorSummary errors=page.errors.clone()/>
        {page.done.clone().map(|d| view! {
            <NotificationBanner title="Done" success=true><p class="notification-banner-heading">{d}</p></NotificationBanner>
        })}
        <BackLink href="/staff/subject-access"/>
        <span class="caption">{format!("Request {}", view.reference)}</span>
        <h1 class="heading-l">{format!("{} asked to see the information we hold", view.person)}</h1>
        <NeedsBannerView banner=page.banner.clone()/>
        <div class="inset"><p>{view.next_step.clone()}</p></div>
        <p>
            <a href=format!("/staff/subject-access/{}/data.json", view.reference) download="">{format!("Download everything Doorstep holds about {}", view.person)}</a>
            " (JSON). It includes colleagues' internal notes, their times marked \"(internal)\": check them, and remove other people's details, before sending it."
        </p>
        {view.open.then(|| view! {
            <h2 class="heading-m" id="step" tabindex="-1">"Move it along"</h2>
            {waiting.then(|| view! {
                <StepForm reference=r.clone() step="identity_confirmed" title="Identity confirmed" button="Confirm and restart the clock">
                    <p>"Only once you have seen proof of who is asking, or they answered our security questions. The clock runs again from now, and the resident is told the date."</p>
                </StepForm>
            })}
            {running.then(|| view! {
                <StepForm reference=r.clone() step="complete" title="Information sent" button="Record as sent and tell the resident">
                    <TextArea name="text" id="how" label="How and what was sent" hint="For example: 212 pages by secure email on 3 December, with third parties' details removed." value=how error=err("how") limit=TEXT_LIMIT rows=3/>
                </StepForm>
                {page.extend_until.clone().map(|latest| view! {
                    <StepForm reference=r.clone() step="extend" title="Take more time (a complex request)" button="Extend and tell the resident">
                        <DateInput name="extend" legend="New date" hint=format!("No later than {latest}. Only before the first date has passed.") values=(v.extend_day.clone(), v.extend_month.clone(), v.extend_year.clone()) error=err("extend")/>
                        <TextArea name="text" id="extend_reason" label="Why it needs more time (sent to the resident)" value=extend_reason error=err("extend_reason") limit=TEXT_LIMIT rows=3/>
                    </StepForm>
                })}
                <StepForm reference=r.clone() step="ask_identity" title="Stop the clock to confirm who is asking" button="Stop the clock and tell the resident">
                    <p>"Only when there is real doubt about who is asking. The resident is told; the days until they prove it do not count."</p>
                </StepForm>
            })}
            <StepForm reference=r.clone() step="close" title="Close without sending" button="Close the request">
                <TextArea name="text" id="reason" label="Why (sent to the resident)" hint="For example: withdrawn by the resident on the phone." value=close_reason error=err("reason") limit=TEXT_LIMIT rows=3/>
            </StepForm>
        })}
        <StepForm reference=r.clone() step="note" title="Add a note" button="Add the note">
            <TextArea name="text" id="note" label="Note" value=note error=err("note") limit=TEXT_LIMIT rows=3/>
            <Choices name="visible" id="note_visible" legend="Who sees it?" choices=vec![Choice::new("no", "Staff only (internal)"), Choice::new("yes", "The resident too")] selected=vec!["no".to_owned()]/>
        </StepForm>
        <h2 class="heading-m">"The request"</h2>
        <p><a href=format!("/staff/residents/{}", view.person_id)>{format!("{}'s page", view.person)}</a></p>
        <RequestDetails view/>
    }
}
