//! Cases for staff: the queue, a case's page with the complaint workflow, recording a case
//! from a phone call or letter, and the complaints report.

use super::cases::{CaseList, CaseRecord};
use crate::api::cases::CaseView;
use crate::api::cases_staff::*;
use crate::api::repairs::Offered;
use crate::components::content::NeedsBannerView;
use crate::components::content::{BackLink, NotificationBanner, PrevNext, SummaryList, SummaryRow};
use crate::components::fields::Select;
use crate::components::fields::{
    Choice, Choices, DateInput, ErrorSummary, SubmitButton, TextArea, TextInput,
};
use crate::domain::cases::{Decision, SHORT_LIMIT, TEXT_LIMIT};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn as _;

fn q(name: &str) -> Option<String> {
    use_query_map()
        .with_untracked(|q| q.get(name))
        .filter(|v| !v.is_empty())
}

fn choices(options: &[Offered]) -> Vec<Choice> {
    options
        .iter()
        .map(|o| match &o.hint {
            Some(h) => Choice::new(o.value.clone(), o.label.clone()).with_hint(h.clone()),
            None => Choice::new(o.value.clone(), o.label.clone()),
        })
        .collect()
}

#[component]
pub fn CaseQueuePage() -> impl IntoView {
    let page = q("page").and_then(|p| p.parse::<i64>().ok());
    let text = |name: &str| q(name).unwrap_or_default();
    let future = get_case_queue(
        text("kind"),
        text("status"),
        text("owner"),
        text("due"),
        text("team"),
        page,
    );
    view! {
        <Layout title="Cases queue">
            <Load future let:page>
                <Queue page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Queue(page: CaseQueue) -> impl IntoView {
    let f = page.filters.clone();
    let due = crate::components::content::due_choices();
    let query = page.query.clone();
    let link = move |n: i64| crate::components::content::page_link("/staff/cases", &query, n);
    let previous = (page.page > 1).then(|| link(page.page - 1));
    let next = (page.page < page.pages).then(|| link(page.page + 1));
    view! {
        <h1 class="heading-l">"Cases queue"</h1>
        <p>
            {page.may_record.then(|| view! { <a href="/staff/cases/new">"Record a contact"</a> " " })}
            {page.may_report.then(|| view! { <a href="/staff/reports/complaints">"Reports to the regulator"</a> " " })}
            {page.may_record.then(|| view! { <a href="/staff/subject-access">"Requests to see personal information"</a> })}
        </p>
        <form method="get" action="/staff/cases" class="filters">
            <Select name="kind" label="Type" options=page.kinds.clone() selected=f.kind.clone()/>
            <Select name="status" label="Status" options=page.statuses.clone() selected=f.status.clone()/>
            <Select name="team" label="Team" options=page.teams.clone() selected=f.team.clone()/>
            <Select name="owner" label="Handled by" options=page.owners.clone() selected=f.owner.clone()/>
            <Select name="due" label="Due" options=due selected=f.due.clone()/>
            <button type="submit" class="button button-secondary">"Filter"</button>
        </form>
        <p role="status">{if page.more {
            format!("More than {} cases, most urgent deadline first. Page {}.", page.total, page.page)
        } else {
            format!("{} cases, most urgent deadline first. Page {} of {}.", page.total, page.page, page.pages)
        }}</p>
        <CaseList lines=page.lines.clone() href=|r| format!("/staff/cases/{r}") show_person=true/>
        <PrevNext previous next/>
    }
}

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| p.get("reference").unwrap_or_default());
    view! {
        <Layout title="Case">
            <Load future=get_staff_case(reference.clone()) let:page>
                <StaffCase form=page.0 view=page.1/>
            </Load>
        </Layout>
    }
}

/// One action's form, posting to its own endpoint. Its fields take ids "{action}-{name}".
#[component]
fn ActionForm(
    reference: String,
    action: &'static str,
    endpoint: &'static str,
    #[prop(into)] title: String,
    #[prop(into)] button: String,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post" action=endpoint novalidate class="panel action-form">
            <h3 class="heading-s" id=format!("{action}-action")>{title}</h3>
            <input type="hidden" name="reference" value=reference/>
            {children()}
            <SubmitButton text=button secondary=true/>
        </form>
    }
}

fn id(action: &str, name: &str) -> String {
    format!("{action}-{name}")
}

#[component]
fn StaffCase(view: CaseView, form: StaffCaseForm) -> impl IntoView {
    let errors = StoredValue::new(form.errors.clone());
    let err = move |key: &str| errors.with_value(|e| e.for_field(key).map(str::to_owned));
    let r = view.reference.clone();
    let mut rows = vec![
        SummaryRow::new("Type", view.kind.clone()),
        SummaryRow::new("Status", view.status.clone()),
        SummaryRow::new("Resident", view.person.clone()),
        SummaryRow::new("Made by", view.made_by.clone()),
        SummaryRow::new("How it reached us", view.channel.clone()),
        SummaryRow::new("Received", view.received.clone()),
        SummaryRow::new(
            "Handled by",
            view.owner.clone().unwrap_or_else(|| "Nobody yet".into()),
        ),
    ];
    if let Some(stage) = &view.stage_name {
        rows.push(SummaryRow::new("Stage", stage.clone()));
    }
    if !form.stage_one_handlers.is_empty() {
        rows.push(SummaryRow::new(
            "Involved at stage 1",
            form.stage_one_handlers.join(", "),
        ));
    }
    for (label, value) in &form.details {
        rows.push(SummaryRow::new(label.clone(), value.clone()));
    }
    if let Some(reason) = &view.decline_reason {
        rows.push(SummaryRow::new("Declined because", reason.clone()));
    }
    let decisions: Vec<Choice> = Decision::ALL
        .iter()
        .map(|d| Choice::new(d.as_str(), d.label()))
        .collect();
    let complaint = view.kind_code == "complaint";
    let open_actions: Vec<(i64, String)> = view
        .actions
        .iter()
        .filter(|a| a.done.is_none())
        .map(|a| (a.id, format!("{} (by {})", a.description, a.due)))
        .collect();
    view! {
        <Title text=format!("{} - {}", view.reference, view.summary)/>
        {(!form.errors.is_empty()).then(|| view! { <Title text=format!("Error: {}", view.reference)/> })}
        <ErrorSummary errors=form.errors.clone()/>
        {form.done.clone().map(|d| view! {
            <NotificationBanner title="Done" success=true><p class="notification-banner-heading">{d}</p></NotificationBanner>
        })}
        <BackLink href="/staff/cases"/>
        <span class="caption">{view.kind.clone()} " " {view.reference.clone()}</span>
        <h1 class="heading-l">{view.summary.clone()}</h1>
        <NeedsBannerView banner=form.banner.clone()/>
        <SummaryList rows/>
        <div class="inset"><p>{view.next_step.clone()}</p></div>
        {form.may_evidence.then(|| view! {
            <p><a href=format!("/staff/cases/{}/evidence", r) download="">"Download the evidence pack"</a> " (the whole record, for the ombudsman)"</p>
        })}
        {form.may_manage.then(|| view! {
            <h2 class="heading-m">"Move it along"</h2>
            {form.may_acknowledge.then(|| view! {
                <ActionForm reference=r.clone() action="acknowledge" endpoint=crate::api::cases_staff::AcknowledgeCase::PATH title="Acknowledge" button="Send the acknowledgement">
                    {complaint.then(|| view! {
                        <TextArea name="understanding" id=id("acknowledge", "understanding") error=err("acknowledge-understanding") label="The complaint as we understand it" hint="Sent to the resident. Set out each point we will answer." limit=TEXT_LIMIT rows=4/>
                        <TextArea name="outcome" id=id("acknowledge", "outcome") error=err("acknowledge-outcome") label="The outcome the resident wants" value=form.outcome_wanted.clone() limit=TEXT_LIMIT rows=3/>
                    })}
                    {(!complaint).then(|| view! {
                        <TextArea name="understanding" id=id("acknowledge", "understanding") error=err("acknowledge-understanding") label="Message to the resident (optional)" limit=TEXT_LIMIT rows=3/>
                    })}
                </ActionForm>
            })}
            {form.may_assign.then(|| view! {
                <ActionForm reference=r.clone() action="assign" endpoint=crate::api::cases_staff::AssignCase::PATH title="Assign a handler" button="Assign">
                    <Choices name="owner" id=id("assign", "owner") error=err("assign-owner") legend="Who will handle it?" hint=if view.stage == 2 { "At stage 2, only colleagues not involved at stage 1 are listed" } else { "" } choices=choices(&form.handlers)/>
                </ActionForm>
            })}
            {(!form.teams.is_empty()).then(|| view! {
                <ActionForm reference=r.clone() action="team" endpoint=crate::api::cases_staff::GiveCaseToTeam::PATH title="Give it to another team" button="Give it to the team">
                    <Choices name="team" id=id("team", "team") error=err("team-team") legend="Which team? Its managers are told" choices=choices(&form.teams)/>
                </ActionForm>
            })}
            {form.may_respond.then(|| view! {
                <ActionForm reference=r.clone() action="respond" endpoint=crate::api::cases_staff::RespondCase::PATH title=form.respond_words.0.clone() button=form.respond_words.1.clone()>
                    {complaint.then(|| view! {
                        <Choices name="decision" id=id("respond", "decision") error=err("respond-decision") legend="Decision" choices=decisions.clone()/>
                    })}
                    <TextArea name="points" id=id("respond", "points") error=err("respond-points") label=form.respond_words.2.clone() limit=TEXT_LIMIT rows=5/>
                    {complaint.then(|| view! {
                        <TextArea name="reasons" id=id("respond", "reasons") error=err("respond-reasons") label="The reasons" limit=TEXT_LIMIT rows=4/>
                        <TextArea name="remedy" id=id("respond", "remedy") error=err("respond-remedy") label="What we will do to put things right (optional)" hint="Add dated actions below so they are tracked until done." limit=TEXT_LIMIT rows=3/>
                    })}
                </ActionForm>
            })}
            {form.complex.clone().map(|hint| view! {
                <ActionForm reference=r.clone() action="complex" endpoint=crate::api::cases_staff::MarkCaseComplex::PATH title="It needs more time (complex)" button="Mark complex and tell the resident">
                    <TextArea name="reason" id=id("complex", "reason") error=err("complex-reason") label="Why it needs more time (the resident sees this)" hint=hint limit=TEXT_LIMIT rows=3/>
                </ActionForm>
            })}
            {form.extend_latest.clone().filter(|_| form.may_extend).map(|latest| view! {
                <ActionForm reference=r.clone() action="extend" endpoint=crate::api::cases_staff::ExtendCase::PATH title="Extend the response deadline" button="Extend and tell the resident">
                    <DateInput name="extend_date" legend="New date" hint=latest error=err("extend_date")/>
                    <TextArea name="reason" id=id("extend", "reason") error=err("extend-reason") label="Why we need more time (sent to the resident)" limit=TEXT_LIMIT rows=3/>
                </ActionForm>
            })}
            {form.may_decline.then(|| view! {
                <ActionForm reference=r.clone() action="decline" endpoint=crate::api::cases_staff::DeclineCase::PATH title="Decline the complaint" button="Decline and tell the resident">
                    <Choices name="reason" id=id("decline", "reason") error=err("decline-reason") legend="Reason allowed by the complaints policy" choices=choices(&form.exclusions)/>
                    <TextArea name="explanation" id=id("decline", "explanation") error=err("decline-explanation") label="Explanation for the resident" limit=TEXT_LIMIT rows=3/>
                </ActionForm>
            })}
            {form.may_pass_on.then(|| view! {
                <ActionForm reference=r.clone() action="pass_on" endpoint=crate::api::cases_staff::PassOnCompliment::PATH title="Pass the compliment on" button="Pass it on">
                    <Choices name="colleague" id=id("pass_on", "colleague") error=err("pass_on-colleague") legend="Who is it for? They and their manager will be emailed" choices=choices(&form.colleagues)/>
                </ActionForm>
            })}
            {complaint.then(|| view! {
                <ActionForm reference=r.clone() action="add_action" endpoint=crate::api::cases_staff::AddCaseAction::PATH title="Add an action we have promised" button="Add the action">
                    <TextInput name="description" id=id("add_action", "description") error=err("add_action-description") label="What we will do" hint=format!("For example: replace the bedroom window. Up to {SHORT_LIMIT} characters.")/>
                    <DateInput name="action_date" legend="By when" error=err("action_date")/>
                </ActionForm>
            })}
            {(!open_actions.is_empty()).then(|| view! {
                <ActionForm reference=r.clone() action="action_done" endpoint=crate::api::cases_staff::CaseActionDone::PATH title="Mark an action done" button="Mark it done">
                    <Choices name="action" id=id("action_done", "action") error=err("action_done-action") legend="Which action?" choices=open_actions.iter().map(|(i, l)| Choice::new(i.to_string(), l.clone())).collect()/>
                </ActionForm>
            })}
            <ActionForm reference=r.clone() action="note" endpoint=crate::api::cases_staff::CaseNote::PATH title="Add a note" button="Add the note">
                <TextArea name="note" id=id("note", "note") error=err("note-note") label="Note" limit=TEXT_LIMIT rows=3/>
                <Choices name="visible" id=id("note", "visible") legend="Who sees it?" choices=vec![Choice::new("no", "Staff only (internal)"), Choice::new("yes", "The resident too")] selected=vec!["no".to_owned()]/>
            </ActionForm>
        })}
        <CaseRecord view=view.clone() staff=true/>
    }
}

#[component]
pub fn RecordCasePage() -> impl IntoView {
    view! {
        <Layout title="Record a contact">
            <Load future=get_record_form() let:form>
                <Record form/>
            </Load>
        </Layout>
    }
}

#[component]
fn Record(form: RecordForm) -> impl IntoView {
    let e = |f: &str| form.errors.for_field(f).map(str::to_owned);
    let v = form.values.clone();
    // From a resident's page: their tenancy already filled in.
    let tenancy = if v.tenancy.is_empty() {
        q("tenancy").unwrap_or_default()
    } else {
        v.tenancy.clone()
    };
    let offers = |kind: &str| form.kinds.iter().any(|k| k.value == kind);
    let preferences = vec![
        Choice::new("none", "No preference"),
        Choice::new("female", "A female colleague"),
        Choice::new("male", "A male colleague"),
    ];
    let sorted = vec![Choice::new("yes", "We sorted it during this contact")
        .with_hint("It is closed as resolved at first contact; the resident is told what we did.")];
    let title = "Record a contact";
    view! {
        {(!form.errors.is_empty()).then(|| view! { <Title text=format!("Error: {title}")/> })}
        <ErrorSummary errors=form.errors.clone()/>
        <BackLink href="/staff/work"/>
        <h1 class="heading-l">{title}</h1>
        <p>"For a call, letter, email, text or visit. Deadlines run from the date we received it. A repair is recorded from the resident's page, through the repair questions."</p>
        <form method="post" action=crate::api::cases_staff::RecordCase::PATH novalidate>
            <Choices name="kind" legend="What is it?" choices=choices(&form.kinds) selected=vec![v.kind.clone()] error=e("kind")/>
            <TextInput name="tenancy" label="Tenancy or lease reference" hint=crate::site::site().profile.landlord.reference_for_example() value=tenancy error=e("tenancy") width="width-10"/>
            <p><a href="/staff/residents">"Find a resident by name, address or postcode"</a></p>
            <Choices name="channel" legend="How did it reach us?" choices=choices(&form.channels) selected=vec![v.channel.clone()] error=e("channel")/>
            <TextInput name="received" label="Date we received it" hint="For example: 2026-11-20" input_type="date" value=v.received.clone() error=e("received") width="width-10"/>
            <TextArea name="what" label="What the resident told us" value=v.what.clone() error=e("what") limit=TEXT_LIMIT rows=5/>
            {(offers("complaint") || offers("compliment")).then(|| view! {
                <TextArea name="outcome" label="What they would like us to do (a complaint), or who they want to thank (a compliment)" value=v.outcome.clone() error=e("outcome") limit=TEXT_LIMIT rows=3/>
            })}
            {offers("callback").then(|| view! {
                <TextInput name="phone" label="Number to call back on (a call-back request)" input_type="tel" autocomplete="tel" value=v.phone.clone() error=e("phone") width="width-20"/>
            })}
            {(offers("callback") || offers("home_visit") || offers("office_appointment")).then(|| view! {
                <TextInput name="times" label="Days and times that suit them (a call back, home visit or office appointment)" value=v.times.clone() error=e("times")/>
            })}
            {offers("home_visit").then(|| view! {
                <Choices name="preference" legend="Who would they like to visit? (a home visit)" choices=preferences selected=vec![v.preference.clone()] error=e("preference")/>
            })}
            <TextArea name="adjustments" label="Adjustments they need to take part (optional)" value=v.adjustments.clone() error=e("adjustments") limit=TEXT_LIMIT rows=2/>
            <Choices name="sorted" legend="First-contact resolution" choices=sorted selected=vec![v.sorted.clone()] multiple=true/>
            <SubmitButton text="Record it"/>
        </form>
    }
}

#[component]
pub fn ComplaintsReportPage() -> impl IntoView {
    let future = get_complaints_report(q("from"), q("to"));
    view! {
        <Layout title="Reports">
            <Load future let:page>
                <Report page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Report(page: ReportPage) -> impl IntoView {
    use crate::domain::cases::figure;
    let e = |f: &str| page.errors.for_field(f).map(str::to_owned);
    let csv = format!(
        "/staff/reports/complaints.csv?from={}&to={}",
        page.from, page.to
    );
    let measures_csv = format!(
        "/staff/reports/measures.csv?from={}&to={}",
        page.from, page.to
    );
    let caption = if page.scotland {
        format!(
            "Scottish Social Housing Charter indicators from {} to {}",
            page.from, page.to
        )
    } else {
        format!(
            "Repairs (RP02) and our own survey from {} to {}",
            page.from, page.to
        )
    };
    let measures = view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Measures">
            <table class="table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Measure"</th>
                        <th scope="col">"Result"</th>
                        <th scope="col">"What was counted"</th>
                    </tr>
                </thead>
                <tbody>
                    {page.measures.iter().map(|m| {
                        let name = if m.code.is_empty() { m.name.clone() } else { format!("{}: {}", m.code, m.name) };
                        let counts = match (m.met, m.of) {
                            (Some(met), Some(of)) => format!("{met} of {of}. {}", m.note),
                            _ => m.note.clone(),
                        };
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{m.result.clone()}</td>
                                <td>{counts}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p><a href=measures_csv download="">"Download these measures as CSV"</a></p>
    };
    let scotland = page.scotland;
    view! {
        <ErrorSummary errors=page.errors.clone()/>
        <BackLink href="/staff/cases"/>
        <h1 class="heading-l">{if scotland { "Charter indicators" } else { "Tenant Satisfaction Measures" }}</h1>
        {if scotland {
            view! { <p>"The indicators of the Scottish Social Housing Charter that our records can compute, for the Annual Return on the Charter to the Scottish Housing Regulator. Complaints are counted against our timescales: " {page.regime.clone()} "."</p> }.into_any()
        } else {
            view! { <p>"Tenant Satisfaction Measures CH01 (complaints per 1,000 homes), CH02 (complaints answered within our timescales: " {page.regime.clone()} ") and RP02 (repairs completed within our target), with our own repairs survey."</p> }.into_any()
        }}
        <form method="get" action="/staff/reports/complaints" class="filters">
            <TextInput name="from" label="From" input_type="date" value=page.from.clone() error=e("from") width="width-10"/>
            <TextInput name="to" label="To (inclusive)" input_type="date" value=page.to.clone() error=e("to") width="width-10"/>
            <button type="submit" class="button button-secondary">"Show"</button>
        </form>
        {(!scotland).then(|| view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Complaints report">
            <table class="table">
                <caption>{format!("Complaints from {} to {}", page.from, page.to)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Homes"</th>
                        <th scope="col">"Stage 1 received"</th>
                        <th scope="col">"Stage 1 per 1,000 homes (CH01)"</th>
                        <th scope="col">"Stage 2 received"</th>
                        <th scope="col">"Stage 2 per 1,000 homes (CH01)"</th>
                        <th scope="col">"Stage 1 answered in time (CH02)"</th>
                        <th scope="col">"Stage 2 answered in time (CH02)"</th>
                    </tr>
                </thead>
                <tbody>
                    {page.lines.iter().map(|l| view! {
                        <tr>
                            <th scope="row">{l.group.clone()} " (" {l.homes} ")"</th>
                            <td>{l.stage_1_received}</td>
                            <td>{figure(l.stage_1_per_1000)}</td>
                            <td>{l.stage_2_received}</td>
                            <td>{figure(l.stage_2_per_1000)}</td>
                            <td>{format!("{} of {} ({}%)", l.stage_1_in_time, l.stage_1_responded, figure(l.stage_1_in_time_percent))}</td>
                            <td>{format!("{} of {} ({}%)", l.stage_2_in_time, l.stage_2_responded, figure(l.stage_2_in_time_percent))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p><a href=csv.clone() download="">"Download CH01 and CH02 as CSV"</a></p>
        })}
        {measures}
        <h2 class="heading-m">"Compliments received"</h2>
        {if page.compliments.is_empty() {
            view! { <p>"None in this period."</p> }.into_any()
        } else {
            view! {
                <ul class="list">
                    {page.compliments.iter().map(|(who, n)| view! { <li>{who.clone()} ": " {*n}</li> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
