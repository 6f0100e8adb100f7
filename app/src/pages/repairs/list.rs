//! "Your repairs".

use super::*;

#[component]
pub fn YourRepairsPage() -> impl IntoView {
    let person = Some(query("for")).filter(|p| !p.is_empty());
    view! {
        <Layout title="Your repairs">
            <Load future=get_your_repairs(person) let:page>
                <YourRepairsView page/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn YourRepairsView(page: YourRepairs) -> impl IntoView {
    if let Some(people) = page.represented {
        return view! {
            <crate::pages::permissions::ChooseResident
                people
                area="Repairs"
                path="/repairs"
                nobody="follow their repairs"
                choose="Choose whose repairs to see. You can see them and book visits while the resident's permission lasts."
            />
        }
        .into_any();
    }
    view! { <YourRepairs lines=page.lines acting_for=page.acting_for/> }.into_any()
}

#[component]
pub(super) fn YourRepairs(
    lines: Vec<RepairLine>,
    acting_for: Option<(i64, String)>,
) -> impl IntoView {
    let landlord = crate::site::site().profile.landlord.clone();
    let (open, closed): (Vec<_>, Vec<_>) = lines.into_iter().partition(|l| l.open);
    let list = |lines: Vec<RepairLine>| {
        view! {
            <ul class="list repair-list">
                {lines.into_iter().map(|l| {
                    let href = format!("/repairs/{}", l.reference);
                    view! {
                        <li class="repair-item">
                            <h3 class="heading-s"><a href=href>{l.summary.clone()}</a></h3>
                            <p class="repair-meta">
                                <span class="reference">{l.reference.clone()}</span> " · " {l.place.clone()}
                            </p>
                            <p>
                                <StatusTag text=l.status.clone() colour=if l.open { TagColour::Blue } else { TagColour::Green }/>
                                " "
                                {if l.open {
                                    format!("Reported {}. We aim to finish by {}.", l.reported, l.target)
                                } else {
                                    format!("Reported {}.", l.reported)
                                }}
                                " "
                                {l.open.then(|| view! { <ProgressTag state=l.target_state/> })}
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    };
    let start = match &acting_for {
        Some((person, name)) => view! {
            <span class="caption">{format!("Acting for {name}")}</span>
            <h1 class="heading-l">{format!("Repairs for {name}")}</h1>
            <p><a href=format!("/repairs/report/for?person={person}") class="button">{format!("Report a repair for {name}")}</a></p>
            <p>"In an emergency phone " <a href=crate::components::content::tel_href(&landlord.emergency_phone)>{landlord.emergency_phone.clone()}</a> ", day or night."</p>
        }
        .into_any(),
        None => view! {
            <h1 class="heading-l">"Your repairs"</h1>
            <p><a href="/repairs/report" class="button">"Report a repair"</a></p>
        }
        .into_any(),
    };
    view! {
        {start}
        <h2 class="heading-m">"Open repairs"</h2>
        {if open.is_empty() {
            view! { <p>"No open repairs."</p> }.into_any()
        } else {
            list(open).into_any()
        }}
        {(!closed.is_empty()).then(|| view! {
            <h2 class="heading-m">"Closed repairs"</h2>
            {list(closed)}
        })}
    }
}
