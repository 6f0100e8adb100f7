//! The staff workspace: every kind of open work in one list, the first to breach on top.

use crate::api::workspace::*;
use crate::components::content::{due_choices, page_link, PrevNext, ProgressTag};
use crate::components::fields::Select;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let q = |name: &str| use_query_map().with_untracked(|m| m.get(name).unwrap_or_default());
    let page = q("page").parse::<i64>().ok();
    let future = get_workspace(
        q("view"),
        q("kind"),
        q("team"),
        q("due"),
        q("area"),
        q("owner"),
        page,
    );
    view! {
        <Layout title="Workspace">
            <Load future let:page>
                <WorkView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn WorkView(page: Workspace) -> impl IntoView {
    let f = page.filters.clone();
    let due = due_choices();
    let query = page.query.clone();
    let link = move |n: i64| page_link("/staff/work", &query, n);
    let previous = (page.page > 1).then(|| link(page.page - 1));
    let next = page.more.then(|| link(page.page + 1));
    let empty = page.lines.is_empty();
    view! {
        <h1 class="heading-l">"Workspace"</h1>
        <p>"Every open repair, case and request in one list, the deadline that breaches first at the top. The " <a href="/staff/repairs">"repairs queue"</a> " and the " <a href="/staff/cases">"cases queue"</a> " have more filters for their own kind."</p>
        <p>"Something reached us by phone, letter, email or at the door? " <a href="/staff/residents">"Find the resident"</a> " and record it from their page, a repair through the repair questions; or " <a href="/staff/cases/new">"record a contact"</a> " with their reference."</p>
        <form method="get" action="/staff/work" class="filters">
            <Select name="view" label="Whose" options=page.views.clone() selected=f.view.clone() empty="Everyone's"/>
            <Select name="kind" label="Type" options=page.kinds.clone() selected=f.kind.clone()/>
            <Select name="team" label="Team" options=page.teams.clone() selected=f.team.clone()/>
            <Select name="due" label="Due" options=due selected=f.due.clone()/>
            <Select name="area" label="Area" options=page.areas.clone() selected=f.area.clone()/>
            <Select name="owner" label="Colleague" options=page.owners.clone() selected=f.owner.clone() empty="Anyone"/>
            <button type="submit" class="button button-secondary">"Filter"</button>
        </form>
        <p role="status">{if empty {
            "Nothing open matches.".to_owned()
        } else {
            format!("Page {}, most urgent deadline first{}.", page.page, if page.more { "; there is more" } else { "" })
        }}</p>
        <ul class="list case-list">
            {page.lines.into_iter().map(|l| view! {
                <li class="case-item">
                    <a href=l.path.clone()><strong>{l.kind.clone()} " " {l.reference.clone()}</strong></a>
                    <br/>{l.summary.clone()}
                    <br/><span class="hint">
                        {l.person.clone().map(|p| format!("For {p}. ")).unwrap_or_default()}
                        {l.area.clone().map(|a| format!("{a}. ")).unwrap_or_default()}
                        {format!("{}. Dealt with by {}.", l.status, l.owner)}
                    </span>
                    {l.due.clone().map(|d| view! {
                        <br/><span class="hint">"Next deadline: " {d} " "</span>
                        {l.due_state.map(|state| view! { <ProgressTag state/> })}
                    })}
                </li>
            }).collect_view()}
        </ul>
        <PrevNext previous next/>
    }
}
