//! "Your home": the signed-in start page. Repairs, complaints, documents and contact
//! preferences each add their section here as they are built.

use crate::api::session::{get_your_home, YourHome};
use crate::components::content::tel_href;
use crate::components::content::{SummaryList, SummaryRow};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use crate::site::site;
use leptos::prelude::*;

#[component]
pub fn YourHomePage() -> impl IntoView {
    view! {
        <Layout title="Your home">
            <Load future=get_your_home() let:home>
                <Home home/>
            </Load>
        </Layout>
    }
}

fn in_words(date: chrono::NaiveDate) -> String {
    date.format(crate::format::DATE).to_string()
}

#[component]
fn Home(home: YourHome) -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    let phone = view! { <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a> };
    let details = home.home.map(|h| {
        let rows = vec![
            SummaryRow::lines("Address", h.address.clone()),
            SummaryRow::new(
                landlord.tenancy_name(h.tenancy_kind),
                h.tenancy_reference.clone(),
            ),
            SummaryRow::new("Started", in_words(h.start_date)),
            SummaryRow::lines("Household", h.household.clone()),
        ];
        let rows = match &h.block {
            Some(block) => {
                let mut rows = rows;
                rows.insert(
                    1,
                    SummaryRow::new("Building", format!("{block}, {}", h.estate)),
                );
                rows
            }
            None => rows,
        };
        view! {
            <h2 class="heading-m">"Your home"</h2>
            <SummaryList rows/>
        }
    });
    let staff = home.role.is_staff();
    let admin = home.role == crate::domain::housing::Role::Administrator;
    view! {
        <span class="caption">{home.role.label()}</span>
        <h1 class="heading-l">{format!("Hello, {}", home.display_name)}</h1>
        {details}
        {(!home.needs.is_empty()).then(|| view! {
            <h2 class="heading-m">"What we know you need from us"</h2>
            <ul class="list list-bullet">
                {home.needs.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
            </ul>
        })}
        {if staff {
            view! {
                <h2 class="heading-m">"Staff workspace"</h2>
                <ul class="list">
                    <li><a href="/staff/work">"Workspace"</a>": every open repair, case and request in one list, the first to breach at the top; your work, your teams' or everyone's"</li>
                    <li><a href="/staff/repairs">"Repairs queue"</a>": every open repair, the first to breach at the top"</li>
                    <li><a href="/staff/cases">"Cases queue"</a>": complaints, compliments, questions, messages and requests"</li>
                    {(admin || home.role == crate::domain::housing::Role::Manager).then(|| view! {
                        <li><a href="/staff/dashboard">"Daily dashboard"</a>": every team's deadlines against our standards"</li>
                        <li><a href="/staff/visits/figures">"Visits"</a>": missed appointments by week and trade, and how each contractor does"</li>
                    })}
                    <li><a href="/staff/documents">"Documents"</a>": upload and replace documents, fire safety instructions, service-charge statements"</li>
                </ul>
                {admin.then(|| view! {
                    <h2 class="heading-m">"Administration"</h2>
                    <ul class="list">
                        <li><a href="/admin/staff">"Staff accounts"</a></li>
                        <li><a href="/admin/audit">"Audit trail"</a></li>
                    </ul>
                })}
            }.into_any()
        } else if home.role.is_field() {
            view! {
                <h2 class="heading-m">"Your visits"</h2>
                <p><a href="/visits">"Today's visits and the days ahead"</a>": for each, the address, how to get in, what the resident needs and the problem; say you are on your way, that you have arrived and what happened, and book another visit there and then."</p>
            }.into_any()
        } else {
            view! {
                <h2 class="heading-m">"Repairs"</h2>
                <p><a href="/repairs/report">"Report a repair"</a>" or see " <a href="/repairs">"your repairs"</a>", book a visit and follow what is happening. You can also phone " {phone} "."</p>
                <h2 class="heading-m">"Your contacts with us"</h2>
                <p><a href="/cases">"Everything you have raised with us"</a>", with who is dealing with it and when. Make a complaint, give a compliment, ask a question or ask for anything else we offer, or " <a href="/contact">"send us a message"</a> " about anything."</p>
                <h2 class="heading-m">"Documents"</h2>
                <p><a href="/documents">"Your documents"</a>": your tenancy agreement or lease, your service charges line by line, and your building's safety information."</p>
                <h2 class="heading-m">"How we contact you"</h2>
                <p><a href="/account/contact">"Tell us how and when to contact you, and what you need from us"</a>"."</p>
            }.into_any()
        }}
    }
}
