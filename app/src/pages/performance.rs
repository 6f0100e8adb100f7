//! "How we are doing": each published standard beside the result computed from live records,
//! for the last complete quarter and year, with a CSV. Small numbers are withheld.

use crate::api::performance::{get_public_performance, PublicPerformance};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use crate::site::site;
use leptos::prelude::*;

#[component]
pub fn PerformancePage() -> impl IntoView {
    view! {
        <Layout title="How we are doing">
            <Load future=get_public_performance() let:page>
                <Performance page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Performance(page: PublicPerformance) -> impl IntoView {
    let landlord = site().profile.landlord.name.clone();
    view! {
        <h1 class="heading-l">"How we are doing"</h1>
        <p>{format!("What {landlord} promises, and how often we kept the promise, counted from our own records. We publish this every quarter so that you can hold us to our standards.")}</p>
        <p>
            "A result from fewer than " {page.smallest} " cases is not shown, so that nobody can be picked out from it. "
            "Satisfaction comes from the short question we ask after each repair; it is our own survey, not the national tenant survey. "
            <a href="/what-to-expect">"Read our standards in full"</a> "."
        </p>
        {page.periods.iter().map(|p| {
            let caption = p.title.clone();
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=caption.clone()>
                    <table class="table">
                        <caption class="heading-m">{caption.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Our standard"</th>
                                <th scope="col">"How often we met it"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {p.lines.iter().map(|l| view! {
                                <tr>
                                    <th scope="row">{l.standard.clone()}</th>
                                    <td>{l.result.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        }).collect_view()}
        <p><a href="/how-we-are-doing.csv" download="">"Download these results as CSV"</a></p>
    }
}
