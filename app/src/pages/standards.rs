//! "What to expect from us": the landlord's published standards in plain English, so residents
//! have something to measure the landlord against. Everything here comes from the profile.

use crate::components::content::tel_href;
use crate::domain::housing::Nation;
use crate::domain::standards::{ContactStandard, RespondFrom};
use crate::pages::layout::Layout;
use crate::site::{site, today};
use chrono::Datelike;
use leptos::prelude::*;

/// The sentences for one kind of contact.
pub fn contact_sentences(c: &ContactStandard) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(t) = c.acknowledge {
        lines.push(format!("We will acknowledge {} within {t}.", c.description));
    }
    if let Some(t) = c.respond {
        lines.push(format!("We will reply to {} within {t}.", c.description));
    }
    if let Some(t) = c.respond_by_text {
        lines.push(format!(
            "If you ask by text message, we will reply {}.",
            t.within_words()
        ));
    }
    if let Some(t) = c.complex {
        lines.push(format!(
            "If it is complex, we will reply within {t} and tell you why."
        ));
    }
    if let Some(t) = c.update {
        lines.push(format!(
            "For {}, we will give you an update at least every {t}.",
            c.description
        ));
    }
    lines.extend(c.promise.clone());
    lines
}

#[component]
pub fn StandardsPage() -> impl IntoView {
    let info = site();
    let p = info.profile.clone();
    let year = today().year();
    let holidays = info.calendar.bank_holidays(year);
    let nation = match p.nation {
        Nation::England | Nation::Wales => "England and Wales",
        Nation::Scotland => "Scotland",
        Nation::NorthernIreland => "Northern Ireland",
    };
    let regime = p.complaints.clone();
    let stage_1 = regime.stages.first().cloned();
    let stage_2 = regime.stages.get(1).cloned();
    let stage_text = |stage: &crate::domain::standards::ComplaintStage| {
        let mut lines = Vec::new();
        if let Some(ack) = stage.acknowledge {
            lines.push(format!("We will acknowledge your complaint within {ack}. We will write down what we understand it to be about, and what you would like to happen."));
        }
        let from = match stage.respond_from {
            RespondFrom::Acknowledgement => "of acknowledging it",
            RespondFrom::Receipt => "of receiving it",
        };
        lines.push(format!(
            "We will give you our decision within {} {from}.",
            stage.respond
        ));
        lines.push(match stage.extension_limit {
            Some(limit) => format!("If we need longer, we will tell you why and give you a new date, no more than {limit} later."),
            None => "If we need longer, we will tell you why and give you a new date.".to_owned(),
        });
        lines
    };
    let paragraphs = |lines: Vec<String>| {
        lines
            .into_iter()
            .map(|l| view! { <p>{l}</p> })
            .collect_view()
    };
    view! {
        <Layout title="What to expect from us">
            <h1 class="heading-l">"What to expect from us"</h1>
            <p class="lead">
                "These are our service standards: how quickly we will answer you, fix repairs and deal with complaints. You can hold us to them."
            </p>

            <h2 class="heading-m">"When we are open"</h2>
            <p>{p.office_hours.summary()} "."</p>
            <p>
                "Phone " <a href=tel_href(&p.landlord.phone)>{p.landlord.phone.clone()}</a>
                ". In an emergency, phone " <a href=tel_href(&p.landlord.emergency_phone)>{p.landlord.emergency_phone.clone()}</a>
                ", day or night."
            </p>

            <h2 class="heading-m">"When you contact us"</h2>
            {p.contact_standards.iter().map(|c| paragraphs(contact_sentences(c))).collect_view()}

            <h2 class="heading-m">"Repairs"</h2>
            <ul class="list list-bullet">
                {p.repair_priorities.iter().map(|r| {
                    let text = if r.emergency {
                        format!("{} repairs: we will come and make it safe within {}.", r.name, r.target)
                    } else {
                        format!("{} repairs: we will complete them within {}.", r.name, r.target)
                    };
                    let booking = r.residents_may_book.then_some(" You can choose the appointment.");
                    view! { <li>{text}{booking}</li> }
                }).collect_view()}
            </ul>

            {p.hazards.law.as_ref().and_then(|l| l.scotland()).cloned().map(|s| view! {
                <h2 class="heading-m">"Damp and mould"</h2>
                <p>"If you rent your home from us, the law sets how fast we must act on damp or mould in your home. The time starts on the day we hear about it, however you tell us."</p>
                <ul class="list list-bullet">
                    <li>{format!("We will have it investigated within {}.", s.investigate)}</li>
                    <li>{format!("We will send you a written summary of what we found within {} of finishing.", s.written_summary)}</li>
                    <li>{format!("If work is needed to put it right, we will start it within {} of finishing the investigation.", s.start_repairs)}</li>
                    <li>"If something outside our control stops us, we will tell you why and when we expect to do it. Until then, we will do what we reasonably can to limit the damp or mould."</li>
                </ul>
            })}
            {p.hazards.awaabs_law().cloned().map(|a| view! {
                <h2 class="heading-m">"Damp, mould and other hazards"</h2>
                <p>"If you rent your home from us, the law (Awaab's Law) sets how fast we must act on hazards to your health or safety. These include damp and mould, exposed wires, flooding and no heating in cold weather. The time starts when we first hear of the hazard, however we hear."</p>
                <ul class="list list-bullet">
                    <li>{format!("Emergency hazards: we will investigate and make your home safe within {}.", a.emergency_make_safe)}</li>
                    <li>{format!("Other significant hazards: we will investigate within {}. We will send you a written summary of what we found within {} of finishing.", a.significant_investigate, a.significant_written_summary)}</li>
                    <li>{format!("We will start the work needed to make your home safe within {} of the investigation.", a.significant_safety_work)}</li>
                    <li>{format!("Sometimes more work is needed to stop the problem coming back. We will begin it within {} of the investigation, and start work at your home within {}.", a.significant_further_work_begin, a.significant_further_work_start_on_site)}</li>
                    <li>"If we cannot make your home safe in time, we will offer you somewhere suitable to stay."</li>
                </ul>
            })}

            <h2 class="heading-m">"Complaints"</h2>
            <p>"Tell us whenever you are unhappy with something we have done or not done. You do not have to use the word \"complaint\", and someone can complain for you."</p>
            {stage_1.map(|s| view! { <h3 class="heading-s">{s.name.clone()}</h3> {paragraphs(stage_text(&s))} })}
            {stage_2.map(|s| view! {
                <h3 class="heading-s">{s.name.clone()}</h3>
                <p>"If you are not happy with our decision, you can ask us to look at it again. You do not have to give a reason."</p>
                {regime.different_handler_at_stage_2.then_some(view! { <p>"Someone who was not involved before will handle it."</p> })}
                {paragraphs(stage_text(&s))}
            })}
            {(!regime.exclusions.is_empty()).then(|| view! {
                <p>"We may not be able to look at a complaint if:"</p>
                <ul class="list list-bullet">
                    {regime.exclusions.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                </ul>
                <p>"If so, we will tell you why."</p>
            })}
            <h3 class="heading-s">"If you are still not happy"</h3>
            <p>
                "You can ask the " {regime.ombudsman.name.clone()} " to look at your complaint, "
                {regime.ombudsman.time_limit.clone()} ". Phone "
                <a href=tel_href(&regime.ombudsman.phone)>{regime.ombudsman.phone.clone()}</a>
                " or visit " <a href=regime.ombudsman.website.clone()>{regime.ombudsman.website.clone()}</a> "."
            </p>

            <h2 class="heading-m">"Information we hold about you"</h2>
            <p>
                {format!("If you ask to see the information we hold about you, we will send it within {}", p.subject_access.respond)}
                {p.subject_access.extension.map(|e| format!(". If your request is complex we may need up to {e} more; if so, we will tell you before the first deadline"))}
                "."
            </p>

            {(p.satisfaction.tenants.is_some() || p.satisfaction.homeowners.is_some() || p.satisfaction.repairs.is_some()).then(|| view! {
                <h2 class="heading-m">"How satisfied we aim for you to be"</h2>
                <ul class="list list-bullet">
                    {p.satisfaction.tenants.map(|t| view! { <li>{format!("{t}% of tenants satisfied with our service")}</li> })}
                    {p.satisfaction.homeowners.map(|t| view! { <li>{format!("{t}% of homeowners satisfied with our service")}</li> })}
                    {p.satisfaction.repairs.map(|t| view! { <li>{format!("{t}% satisfied with our repairs service")}</li> })}
                </ul>
            })}

            <h2 class="heading-m">"How we count working days"</h2>
            <p>
                {format!("Working days are Monday to Friday, except bank holidays in {nation}. If you contact us when our offices are closed, we count from when they next open.")}
            </p>
            <p>{format!("Bank holidays in {year}:")}</p>
            <ul class="list list-bullet">
                {holidays.into_iter().map(|h| view! { <li>{format!("{}: {}", h.date.format("%A %-d %B"), h.name)}</li> }).collect_view()}
            </ul>
        </Layout>
    }
}
