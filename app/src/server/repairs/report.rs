//! A finished report becoming a job: its priority, target and clocks worked out from the
//! profile, the repairs configuration and the home's hazard law (`plan`), then stored once per
//! submission token with its first timeline entries (`create_from_draft`). Used by "Send report"
//! and by the demo data.

use crate::error::AppError;

/// What a report will become: its priority, target and clocks.
pub struct Plan {
    pub outcome: crate::domain::repairs::Outcome,
    pub priority: String,
    pub target_at: chrono::DateTime<chrono::Utc>,
    pub clocks: Vec<crate::server::db::repairs::NewClock>,
    pub hazard_note: Option<String>,
    /// The hazard the report is (class and kind), whether or not a law clocks it.
    pub hazard: Option<(crate::domain::repairs::Hazard, String)>,
    /// Whether the home's hazard law started clocks.
    pub hazard_clocks: bool,
}

/// Works out the priority, target and clocks of a draft; "not found" when the draft is not
/// complete (an old page, a tampered form), so nothing half-made is ever stored.
pub fn plan(
    state: &crate::server::state::AppState,
    draft: &crate::server::repairs::Draft,
    tenure: crate::domain::housing::Tenure,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Plan, AppError> {
    use crate::domain::hazards::{law_covers, on_report, HazardClock};
    use crate::domain::repairs::{reported_hazard, who_fixes, Step, WhoFixes};
    use crate::server::db::repairs::NewClock;
    let Ok(Step::Done(outcome)) = state.site.repairs.walk(&draft.answers) else {
        return Err(AppError::BadRequest);
    };
    if who_fixes(outcome, tenure) != WhoFixes::Landlord
        || draft.description.is_empty()
        || draft.contact_phone.is_empty()
        || (state.site.repairs.is_communal(&draft.answers) && draft.communal_area_id.is_none())
    {
        return Err(AppError::BadRequest);
    }
    let profile = &state.site.profile;
    let emergency_priority = profile.repair_priorities.iter().find(|p| p.emergency);
    let priority = match (&draft.emergency, emergency_priority) {
        (Some(_), Some(p)) => p,
        _ => profile
            .repair_priorities
            .iter()
            .find(|p| p.code == outcome.priority)
            .ok_or_else(|| crate::error::internal("outcome priority missing"))?,
    };
    let schedule = state.site.schedule();
    let target_at = schedule.deadline(now, priority.target);
    let mut clocks = vec![NewClock {
        kind: crate::domain::repairs::ClockKind::Target.into(),
        started_at: now,
        due_at: target_at,
    }];
    // A hazard starts the clocks of the home's hazard law (Awaab's Law, or Scotland's damp
    // and mould regulations) from when the landlord became aware: now.
    let emergency = draft
        .emergency
        .as_deref()
        .and_then(|code| state.site.repairs.emergency(code));
    let hazard = reported_hazard(emergency, outcome);
    let law = profile
        .hazards
        .law
        .as_ref()
        .filter(|_| law_covers(profile.hazards.law.as_ref(), tenure));
    let mut hazard_note = None;
    if let (Some(law), Some((class, kind))) = (law, &hazard) {
        let started = on_report(law, *class, kind);
        for (clock, timescale) in &started {
            let due = schedule.deadline(now, *timescale);
            let words = match clock {
                HazardClock::MakeSafe => "Because someone's health or safety may be at risk now, we will investigate and make your home safe",
                _ if kind == "damp_and_mould" => "Because damp and mould can harm health, we will investigate",
                _ => "Because this can harm health, we will investigate",
            };
            hazard_note = Some(format!("{words} by {}.", super::view::when(due)));
            clocks.push(NewClock {
                kind: (*clock).into(),
                started_at: now,
                due_at: due,
            });
        }
    }
    let hazard_clocks = clocks.len() > 1;
    Ok(Plan {
        outcome: outcome.clone(),
        priority: priority.code.clone(),
        target_at,
        clocks,
        hazard_note,
        hazard,
        hazard_clocks,
    })
}

/// Creates the job a finished draft describes (once per its token). Shared by "Send report"
/// and the demo data.
pub async fn create_from_draft(
    state: &crate::server::state::AppState,
    draft: &crate::server::repairs::Draft,
    person_id: i64,
    account_id: Option<i64>,
    place: &crate::server::db::repairs::Place,
    tenure: crate::domain::housing::Tenure,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, bool), AppError> {
    use crate::domain::cases::{Channel, MadeBy};
    use crate::server::db::repairs::{create_repair, NewEvent, NewRepair};
    // The clocks run from when we were told: a colleague's recorded time, or now.
    let received_at = draft.told_at(now);
    let plan = plan(state, draft, tenure, received_at)?;
    let recall_of_id = match &draft.recall_of {
        Some(reference) => crate::server::db::repairs::repair_by_reference(&state.db, reference)
            .await?
            .map(|r| r.id),
        None => None,
    };
    let communal = draft.communal_area_id.is_some();
    let answers: Vec<String> = state
        .site
        .repairs
        .transcript(&draft.answers)
        .into_iter()
        .map(|(q, a)| format!("{q}\t{a}"))
        .collect();
    let priority_name = super::view::priority_name(state, &plan.priority);
    let mut events = vec![
        NewEvent::shown("reported", "Repair reported")
            .with_body(Some(plan.outcome.summary.clone()))
            .by(account_id),
        NewEvent::shown("priority", format!("Priority set: {priority_name}")).with_body(Some(
            format!(
                "We aim to complete it by {}.",
                super::view::when(plan.target_at)
            ),
        )),
    ];
    if let Some(behalf) = &draft.behalf {
        let (title, body) = match behalf.made_by {
            MadeBy::Staff => (
                format!("Recorded for you from a {}", channel_words(behalf.channel)),
                format!(
                    "You told us on {}; our deadlines run from then.",
                    super::view::when(received_at)
                ),
            ),
            _ => (
                "Reported for you by someone you gave permission to".to_owned(),
                format!("Reported for {}.", behalf.name),
            ),
        };
        events.push(
            NewEvent::shown("on_behalf", title)
                .with_body(Some(body))
                .by(account_id),
        );
    }
    if let Some(note) = &plan.hazard_note {
        events.push(
            NewEvent::shown(
                "hazard",
                format!(
                    "Hazard deadlines started ({})",
                    state.site.profile.hazards.law_name().unwrap_or("the law")
                ),
            )
            .with_body(Some(note.clone())),
        );
    }
    if let Some(reference) = &draft.recall_of {
        events.push(NewEvent::shown(
            "recall",
            format!("Reopened: {reference} was not fixed"),
        ));
    }
    let new = NewRepair {
        submission_token: draft.token.clone(),
        home_id: (!communal).then_some(place.home_id),
        block_id: place.block_id,
        communal_area_id: draft.communal_area_id,
        person_id,
        account_id,
        outcome: plan.outcome.id.clone(),
        summary: plan.outcome.summary.clone(),
        answers: answers.join("\n"),
        emergency: draft.emergency.clone(),
        priority: plan.priority.clone(),
        trade: plan.outcome.trade.clone(),
        hazard: plan.hazard.as_ref().map(|(h, _)| h.as_str().to_owned()),
        hazard_kind: plan.hazard.as_ref().map(|(_, k)| k.clone()),
        hazard_clocks: plan.hazard_clocks,
        description: draft.description.clone(),
        access_times: draft.access_times.clone(),
        pets: draft.pets.clone(),
        key_safe: draft.key_safe.clone(),
        contact_phone: draft.contact_phone.clone(),
        channel: draft
            .behalf
            .as_ref()
            .map_or(Channel::Portal, |b| b.channel)
            .as_str(),
        made_by: draft
            .behalf
            .as_ref()
            .map_or(MadeBy::Resident, |b| b.made_by)
            .as_str(),
        received_at,
        target_at: plan.target_at,
        recall_of_id,
        clocks: plan.clocks,
        events,
    };
    create_repair(&state.db, &new, now, || {
        crate::server::tokens::reference("RP")
    })
    .await
}

/// How a recorded report reached us, in a sentence: "Recorded for you from a phone call".
fn channel_words(channel: crate::domain::cases::Channel) -> &'static str {
    use crate::domain::cases::Channel;
    match channel {
        Channel::Phone => "phone call",
        Channel::Letter => "letter",
        Channel::Email => "email",
        Channel::InPerson => "conversation in person",
        Channel::Text => "text message",
        Channel::Portal => "report on Doorstep",
    }
}
