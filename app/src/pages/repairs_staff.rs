//! Repairs for staff: the queue and a job's page with every change that moves it along.

use crate::api::repairs::{Offered, RepairView};
use crate::api::repairs_staff::{get_queue, get_staff_repair, QueuePage, StaffForm};
use crate::components::content::NeedsBannerView;
use crate::components::content::{
    BackLink, NotificationBanner, PrevNext, StatusTag, SummaryList, SummaryRow, TagColour,
    Timeline, TimelineEntry,
};
use crate::components::content::{Deadlines, ProgressTag};
use crate::components::fields::Select;
use crate::components::fields::{Choice, Choices, ErrorSummary, SubmitButton, TextArea, TextInput};
use crate::domain::repairs::{VisitOutcome, ACCESS_METHODS, NOTE_LIMIT};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn as _;

#[component]
pub fn RepairQueuePage() -> impl IntoView {
    let q = |name: &str| use_query_map().with_untracked(|q| q.get(name).unwrap_or_default());
    let page = q("page").parse::<i64>().ok();
    let future = get_queue(
        q("status"),
        q("priority"),
        q("trade"),
        q("block"),
        q("due"),
        q("team"),
        page,
    );
    view! {
        <Layout title="Repairs queue">
            <Load future let:page>
                <Queue page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Queue(page: QueuePage) -> impl IntoView {
    let f = page.filters.clone();
    let due = vec![
        Offered {
            value: "overdue".into(),
            label: "Overdue".into(),
            hint: None,
        },
        Offered {
            value: "soon".into(),
            label: "Due soon".into(),
            hint: None,
        },
        Offered {
            value: "later".into(),
            label: "Not due soon".into(),
            hint: None,
        },
    ];
    let query = page.query.clone();
    let link = move |n: i64| {
        if query.is_empty() {
            format!("/staff/repairs?page={n}")
        } else {
            format!("/staff/repairs?{query}&page={n}")
        }
    };
    let previous = (page.page > 1).then(|| link(page.page - 1));
    let next = (page.page < page.pages).then(|| link(page.page + 1));
    view! {
        <h1 class="heading-l">"Repairs queue"</h1>
        <form method="get" action="/staff/repairs" class="filters">
            <Select name="status" label="Status" options=page.statuses.clone() selected=f.status.clone()/>
            <Select name="priority" label="Priority" options=page.priorities.clone() selected=f.priority.clone()/>
            <Select name="trade" label="Trade" options=page.trades.clone() selected=f.trade.clone()/>
            <Select name="block" label="Block" options=page.blocks.clone() selected=f.block.clone()/>
            <Select name="team" label="Team" options=page.teams.clone() selected=f.team.clone()/>
            <Select name="due" label="Due" options=due selected=f.due.clone()/>
            <button type="submit" class="button button-secondary">"Filter"</button>
        </form>
        <p role="status">{if page.more {
            format!("More than {} repairs, most urgent deadline first. Page {}.", page.total, page.page)
        } else {
            format!("{} repairs, most urgent deadline first. Page {} of {}.", page.total, page.page, page.pages)
        }}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Repairs queue">
        <table class="table">
            <caption class="visually-hidden">"Repairs, most urgent deadline first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Repair"</th>
                    <th scope="col">"Where"</th>
                    <th scope="col">"Priority"</th>
                    <th scope="col">"Trade"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Team"</th>
                    <th scope="col">"Next deadline"</th>
                </tr>
            </thead>
            <tbody>
                {page.lines.into_iter().map(|l| view! {
                    <tr>
                        <td><a href=format!("/staff/repairs/{}", l.reference)>{l.reference.clone()}</a><br/>{l.summary.clone()}
                            {l.hazard.clone().map(|h| view! { <br/><StatusTag text=format!("Hazard: {h}") colour=TagColour::Red/> })}
                        </td>
                        <td>{l.place.clone()}</td>
                        <td>{l.priority.clone()}</td>
                        <td>{l.trade.clone()}</td>
                        <td>{l.status.clone()}</td>
                        <td>{l.team.clone().unwrap_or_else(|| "None yet".into())}</td>
                        <td>{l.due.clone().unwrap_or_else(|| "None".into())} " " <ProgressTag state=l.target_state/></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <PrevNext previous next/>
    }
}

#[component]
pub fn StaffRepairPage() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| p.get("reference").unwrap_or_default());
    view! {
        <Layout title="Repair">
            <Load future=get_staff_repair(reference.clone()) let:page>
                <StaffRepair form=page.0 view=page.1/>
            </Load>
        </Layout>
    }
}

/// One action's form: a heading, the fields, and a button. Fields take ids
/// "{action}-{name}" (`field_id`), so forms posting the same names do not share ids.
#[component]
fn ActionForm(
    reference: String,
    #[prop(into)] action: String,
    #[prop(into)] title: String,
    button: &'static str,
    /// The server function that takes this form, when not the general one.
    #[prop(default = crate::api::repairs_staff::StaffAction::PATH)]
    endpoint: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post" action=endpoint novalidate class="panel action-form">
            <h3 class="heading-s" id=format!("{action}-action")>{title}</h3>
            <input type="hidden" name="reference" value=reference/>
            <input type="hidden" name="action" value=action/>
            {children()}
            <SubmitButton text=button secondary=true/>
        </form>
    }
}

fn field_id(action: &str, name: &str) -> String {
    format!("{action}-{name}")
}

#[component]
fn StaffRepair(view: RepairView, form: StaffForm) -> impl IntoView {
    // Copy, so every action's form can look up its own errors.
    let errors = StoredValue::new(form.errors.clone());
    let err = move |action: &str, name: &str| {
        errors.with_value(|e| e.for_field(&field_id(action, name)).map(str::to_owned))
    };
    let r = view.reference.clone();
    let mut rows = vec![
        SummaryRow::new("Status", view.status.clone()),
        SummaryRow::new("Where", view.place.clone()),
        SummaryRow::new("Reported by", view.reporter.clone()),
        SummaryRow::new("Reported", view.reported.clone()),
        SummaryRow::new("Priority", view.priority.clone()),
        SummaryRow::new("Trade", view.trade.clone()),
    ];
    if let Some(v) = &view.visit {
        rows.push(SummaryRow::new("Visit", v.clone()));
    }
    if let Some(t) = &view.team {
        rows.push(SummaryRow::new("Team", t.clone()));
    }
    if let Some(c) = &view.contractor {
        rows.push(SummaryRow::new("Contractor", c.clone()));
    }
    if let Some(h) = &view.hazard {
        rows.push(SummaryRow::new(
            "Hazard",
            match &view.hazard_law {
                Some(law) => format!("{h} ({law} deadlines)"),
                None => h.clone(),
            },
        ));
    }
    if let Some(r) = &view.recall_of {
        rows.push(SummaryRow::new("Recall of", r.clone()));
    }
    if let Some(r) = &view.recalled_by {
        rows.push(SummaryRow::new("Recalled as", r.clone()));
    }
    if view.followers > 0 {
        rows.push(SummaryRow::new("Followers", view.followers.to_string()));
    }
    let entries: Vec<TimelineEntry> = view.timeline.iter().map(TimelineEntry::from).collect();
    let priorities: Vec<Choice> = form
        .priorities
        .iter()
        .map(|p| Choice::new(p.value.clone(), p.label.clone()))
        .collect();
    let open = view.open;
    let manage = form.may_manage;
    view! {
        <Title text=format!("{} - {}", view.reference, view.summary)/>
        {(!form.errors.is_empty()).then(|| view! { <Title text=format!("Error: {}", view.reference)/> })}
        <ErrorSummary errors=form.errors.clone()/>
        {form.done.clone().map(|d| view! {
            <NotificationBanner title="Done" success=true><p class="notification-banner-heading">{d}</p></NotificationBanner>
        })}
        <BackLink href="/staff/repairs"/>
        <span class="caption">"Repair " {view.reference.clone()}</span>
        <h1 class="heading-l">{view.summary.clone()}</h1>
        {form.banner.clone().map(|banner| view! { <NeedsBannerView banner/> })}
        <SummaryList rows/>
        <Deadlines deadlines=view.deadlines.clone()/>
        {(!form.visits.is_empty()).then(|| view! {
            <h2 class="heading-m">"Visits"</h2>
            <ul class="list">
                {form.visits.iter().map(|v| view! { <li><a href=v.value.clone() class="link">{v.label.clone()}</a></li> }).collect_view()}
            </ul>
        })}
        <h2 class="heading-m">"Access and needs"</h2>
        <SummaryList rows=view.access.iter().map(|(k, v)| SummaryRow::new(k.clone(), if v.is_empty() { "Not given".to_owned() } else { v.clone() })).collect()/>
        <h2 class="heading-m">"What the resident told us"</h2>
        <SummaryList rows=view.answers.iter().map(|(q, a)| SummaryRow::new(q.clone(), a.clone())).chain(std::iter::once(SummaryRow::lines("Description", view.description.lines().map(str::to_owned).collect()))).collect()/>
        {(!view.photos.is_empty()).then(|| view! {
            <ul class="photo-list">
                {view.photos.iter().enumerate().map(|(i, id)| view! {
                    <li class="photo-item"><a href=format!("/repairs/photos/{id}")><img src=format!("/repairs/photos/{id}") alt=format!("Photo {} from the resident", i + 1) class="photo"/></a></li>
                }).collect_view()}
            </ul>
        })}
        <crate::components::content::WorkPhotos hrefs=view.work_photos.iter().map(|id| format!("/visits/photos/{id}")).collect()/>
        {(manage && open).then(|| view! {
            <h2 class="heading-m">"Move it along"</h2>
            {view.may_book.then(|| view! { <p><a href=format!("/repairs/{}/book", r) class="button">{if view.visit.is_some() { "Reschedule the visit" } else { "Schedule a visit" }}</a></p> })}
            <ActionForm reference=r.clone() action="on_the_way" title="Operative on the way" button="Tell the resident" endpoint=crate::api::repairs_staff::TellOnTheWay::PATH>
                <TextInput name="from" id=field_id("on_the_way", "from") error=err("on_the_way", "from") label="Earliest arrival" hint="For example: 10:30am" width="width-10"/>
                <TextInput name="until" id=field_id("on_the_way", "until") label="Latest arrival" hint="For example: 11am" width="width-10"/>
            </ActionForm>
            <ActionForm reference=r.clone() action="visit_outcome" title="Record the visit" button="Record the visit">
                <Choices name="choice" id=field_id("visit_outcome", "choice") error=err("visit_outcome", "choice") legend="What happened?" choices=VisitOutcome::ALL.iter().map(|o| Choice::new(o.as_str(), o.label())).collect()/>
                <TextArea name="note" id=field_id("visit_outcome", "note") error=err("visit_outcome", "note") label="What was done (shown to the resident)" limit=NOTE_LIMIT rows=3/>
            </ActionForm>
            <ActionForm reference=r.clone() action="priority" title="Change the priority" button="Change the priority">
                <Choices name="choice" id=field_id("priority", "choice") error=err("priority", "choice") legend="New priority" choices=priorities.clone() selected=vec![view.priority_code.clone()]/>
                <TextInput name="reason" id=field_id("priority", "reason") error=err("priority", "reason") label="Reason"/>
            </ActionForm>
            {(!form.operatives.is_empty() && view.visit.is_some() && view.contractor.is_none()).then(|| view! {
                <ActionForm reference=r.clone() action="give_visit" title="Give the visit to an operative" button="Give the visit">
                    <Choices name="choice" id=field_id("give_visit", "choice") error=err("give_visit", "choice") legend="Operative" choices=form.operatives.iter().map(|o| Choice::new(o.value.clone(), o.label.clone())).collect()/>
                </ActionForm>
            })}
            {(!form.firms.is_empty()).then(|| view! {
                <ActionForm reference=r.clone() action="contractor" title="Give the repair to a contractor" button="Give the repair">
                    <Choices name="choice" id=field_id("contractor", "choice") error=err("contractor", "choice") legend="Who will do it?" choices=form.firms.iter().map(|o| Choice::new(o.value.clone(), o.label.clone())).collect()/>
                </ActionForm>
            })}
            <ActionForm reference=r.clone() action="access_attempt" title="Record an attempt to arrange access" button="Record the attempt">
                <Choices name="choice" id=field_id("access_attempt", "choice") error=err("access_attempt", "choice") legend="How?" choices=ACCESS_METHODS.iter().map(|(c, l)| Choice::new(*c, *l)).collect()/>
                <TextArea name="note" id=field_id("access_attempt", "note") error=err("access_attempt", "note") label="Note (optional)" limit=NOTE_LIMIT rows=2/>
            </ActionForm>
            {form.hazard_actions.iter().map(|a| {
                let action = a.value.clone();
                let findings: Vec<Choice> = if action == "investigated" {
                    form.findings.iter().map(|f| Choice::new(f.value.clone(), f.label.clone())).collect()
                } else {
                    Vec::new()
                };
                let note_label = if action == "investigated" { "What was found (shown to the resident)" } else { "Note (optional)" };
                view! {
                    <ActionForm reference=r.clone() action=action.clone() title=a.label.clone() button="Record it">
                        {(!findings.is_empty()).then(|| view! {
                            <Choices name="choice" id=field_id(&action, "choice") error=err(&action, "choice") legend="What did the investigation find?" choices=findings.clone()/>
                        })}
                        <TextArea name="note" id=field_id(&action, "note") error=err(&action, "note") label=note_label limit=NOTE_LIMIT rows=2/>
                    </ActionForm>
                }
            }).collect_view()}
            <ActionForm reference=r.clone() action="complete" title="Complete the repair" button="Complete">
                <TextArea name="note" id=field_id("complete", "note") error=err("complete", "note") label="What was done (shown to the resident)" limit=NOTE_LIMIT rows=2/>
            </ActionForm>
            <ActionForm reference=r.clone() action="cancel" title="Cancel the repair" button="Cancel the repair">
                <TextInput name="reason" id=field_id("cancel", "reason") error=err("cancel", "reason") label="Reason (shown to the resident)"/>
            </ActionForm>
        })}
        {manage.then(|| view! {
            <ActionForm reference=r.clone() action="note" title="Add a note" button="Add the note">
                <TextArea name="note" id=field_id("note", "note") error=err("note", "note") label="Note" limit=NOTE_LIMIT rows=3/>
                <Choices name="visible" id=field_id("note", "visible") error=err("note", "visible") legend="Who sees it?" choices=vec![Choice::new("no", "Staff only (internal)"), Choice::new("yes", "The resident too")] selected=vec!["no".to_owned()]/>
            </ActionForm>
        })}
        <h2 class="heading-m">"Timeline"</h2>
        <Timeline entries/>
    }
}
