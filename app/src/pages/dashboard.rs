//! The managers' daily dashboard: a table of every team's deadlines against each published
//! standard, each figure a link to the records behind it; printable, and as CSV.

use crate::api::dashboard::*;
use crate::components::content::BackLink;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Layout title="Daily dashboard">
            <Load future=get_dashboard() let:page>
                <DashboardView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn DashboardView(page: Dashboard) -> impl IntoView {
    let empty = page.lines.is_empty();
    view! {
        <h1 class="heading-l">"Daily dashboard"</h1>
        <p>"Every deadline of every case, repair and request to see information, by team and by the standard it is measured against. Counted from the records at " {page.generated.clone()} " (counted again at most once a minute); each figure opens the list behind it as it stands now."</p>
        <p class="no-print"><a href="/staff/dashboard.csv" download="">"Download as CSV"</a>" (for a spreadsheet). To print, use your browser's print: the menus are left off the page."</p>
        {if empty {
            view! { <p>"No deadlines running, and none in the last 30 days."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Deadlines by team and standard">
                <table class="table">
                    <caption class="visually-hidden">"Deadlines by team and standard"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Team"</th>
                            <th scope="col">"Standard"</th>
                            {page.figures.iter().map(|f| view! { <th scope="col" class="number">{f.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {page.lines.iter().map(|l| view! {
                            <tr>
                                <th scope="row">{l.team.clone()}</th>
                                <td>{l.standard.clone()}</td>
                                {l.counts.iter().map(|(n, href)| view! {
                                    <td class="number">{match href {
                                        Some(href) => view! { <a href=href.clone()>{n.to_string()}</a> }.into_any(),
                                        None => view! { {n.to_string()} }.into_any(),
                                    }}</td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="2">"All teams"</th>
                            {page.totals.iter().map(|n| view! { <td class="number">{n.to_string()}</td> }).collect_view()}
                        </tr>
                    </tfoot>
                </table>
                </div>
            }.into_any()
        }}
        <h2 class="heading-m">"How the figures are counted"</h2>
        <dl class="definitions">
            {page.definitions.iter().map(|(term, words)| view! {
                <dt>{term.clone()}</dt>
                <dd>{words.clone()}</dd>
            }).collect_view()}
        </dl>
    }
}

#[component]
pub fn DashboardListPage() -> impl IntoView {
    let q = |name: &str| use_query_map().with_untracked(|m| m.get(name).unwrap_or_default());
    let future = get_dashboard_list(q("team"), q("standard"), q("figure"));
    view! {
        <Layout title="Daily dashboard">
            <Load future let:page>
                <ListView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn ListView(page: DashboardList) -> impl IntoView {
    view! {
        <BackLink href="/staff/dashboard"/>
        <h1 class="heading-l">{page.title.clone()}</h1>
        {if page.items.is_empty() {
            view! { <p>"None now."</p> }.into_any()
        } else {
            view! {
                <ul class="list case-list">
                    {page.items.iter().map(|i| view! {
                        <li class="case-item">
                            <a href=i.path.clone()><strong>{i.reference.clone()}</strong></a>
                            <br/>{i.summary.clone()}
                            <br/><span class="hint">"Deadline " {i.due.clone()} {i.met.clone().map(|m| format!(". Met {m}")).unwrap_or_default()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {page.more.then(|| view! { <p>"Only the first 200 are listed, earliest deadline first."</p> })}
    }
}
