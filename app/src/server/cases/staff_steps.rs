//! A colleague's steps on a case: acknowledging, assigning, extending, declining, passing on
//! a compliment, and the actions and notes on its timeline.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::cases::workflow::*;
use crate::server::db::accounts::Account;
use crate::server::db::cases::{Change, NewEvent};
use crate::server::state::AppState;

/// Extend the response deadline, with a reason and a new date within the regime's limit; the
/// resident is told, with the ombudsman's details.
pub async fn extend(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    extend_date_day: Option<String>,
    extend_date_month: Option<String>,
    extend_date_year: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{check_extension, ClockKind, Step};
    let now = chrono::Utc::now();
    let reason = text(reason);
    let regime = &state.site.profile.complaints;
    let schedule = state.site.schedule();
    let complaint = complaint_of(state, &row).await?;
    let mut errors = FieldErrors::default();
    if let Err(e) = complaint.apply(regime, &Step::Extend) {
        return finish(state, &account, &row, "extend", Err(e.to_string()), None).await;
    }
    let kind = ClockKind::respond(complaint.stage);
    let clock = crate::server::db::cases::clocks(&state.db, row.id)
        .await?
        .into_iter()
        .find(|c| c.kind == kind.into() && c.met_at.is_none());
    let Some(clock) = clock else {
        return finish(
            state,
            &account,
            &row,
            "extend",
            Err("There is no response deadline running to extend".to_owned()),
            None,
        )
        .await;
    };
    let date = crate::domain::validation::date_of(
        &text(extend_date_day),
        &text(extend_date_month),
        &text(extend_date_year),
    );
    let Some(date) = date else {
        errors.add("extend_date", "Enter the new date, like 27 3 2027");
        return back_with(&row, errors).await;
    };
    // The new deadline is the close of that day's office hours.
    let to = schedule.close_of(date);
    if too_long(&reason) {
        refuse(
            &mut errors,
            "extend",
            "reason",
            "The reason must be 2000 characters or fewer",
        );
    }
    if let Err(e) = check_extension(
        regime,
        complaint.stage,
        (clock.standard_due_at, clock.due_at),
        to,
        &reason,
        &schedule,
        crate::format::when,
    ) {
        let field = if matches!(e, crate::domain::cases::ExtensionError::NoReason) {
            "extend-reason"
        } else {
            "extend_date"
        };
        errors.add(field, e.to_string());
    }
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let words = crate::format::when(to);
    let body = format!(
        "We need more time to respond: {reason}. We will now respond by {words}. If you are unhappy with this, you can contact the {} on {} or at {}.",
        regime.ombudsman.name, regime.ombudsman.phone, regime.ombudsman.website
    );
    let change = Change {
        extend: Some((kind, to, reason.clone())),
        ..Default::default()
    };
    let event = NewEvent::shown("extended", "Response deadline extended")
        .with_body(Some(body.clone()))
        .by(Some(account.id));
    let result = apply_step(state, &row, Step::Extend, change, event, now).await?;
    finish(state, &account, &row, "extend", result, Some(body)).await
}

/// Decline a complaint for one of the regime's reasons, explained to the resident.
pub async fn decline(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    reason: Option<String>,
    explanation: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::Step;
    let now = chrono::Utc::now();
    let regime = &state.site.profile.complaints;
    let explanation = text(explanation);
    let mut errors = FieldErrors::default();
    let index = reason
        .and_then(|r| r.trim().parse::<usize>().ok())
        .filter(|i| *i < regime.exclusions.len());
    if index.is_none() {
        refuse(
            &mut errors,
            "decline",
            "reason",
            "Choose the reason the complaints policy allows",
        );
    }
    if explanation.is_empty() {
        refuse(
            &mut errors,
            "decline",
            "explanation",
            "Explain the decision to the resident",
        );
    } else if too_long(&explanation) {
        refuse(
            &mut errors,
            "decline",
            "explanation",
            "The explanation must be 2000 characters or fewer",
        );
    }
    let Some(index) = index.filter(|_| errors.is_empty()) else {
        return back_with(&row, errors).await;
    };
    let why = regime.exclusions[index].clone();
    let body = format!(
        "We cannot take this on as a complaint because {why}. {explanation}\n\nIf you disagree, you can contact the {} on {} or at {}.",
        regime.ombudsman.name, regime.ombudsman.phone, regime.ombudsman.website
    );
    let change = Change {
        stamps: vec!["closed_at"],
        decline_reason: Some(why),
        ..Default::default()
    };
    let event = NewEvent::shown("declined", "Not taken on as a complaint")
        .with_body(Some(body.clone()))
        .by(Some(account.id));
    let result = apply_step(
        state,
        &row,
        Step::Decline { reason: index },
        change,
        event,
        now,
    )
    .await?;
    finish(state, &account, &row, "decline", result, Some(body)).await
}

/// Pass a compliment on to the colleague and their manager.
pub async fn pass_on(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    _reference: String,
    colleague: Option<String>,
) -> Result<(), AppError> {
    let now = chrono::Utc::now();
    let colleagues = crate::server::db::cases::colleagues(&state.db).await?;
    let Some(to) = colleague
        .and_then(|o| o.trim().parse::<i64>().ok())
        .and_then(|id| colleagues.iter().find(|c| c.id == id))
        .cloned()
    else {
        let mut errors = FieldErrors::default();
        refuse(
            &mut errors,
            "pass_on",
            "colleague",
            "Choose the colleague the compliment is for",
        );
        return back_with(&row, errors).await;
    };
    if row.kind != crate::domain::cases::CaseKind::Compliment {
        return Err(AppError::BadRequest);
    }
    let change = Change {
        status: Some("closed"),
        owner: Some(to.id),
        stamps: vec!["closed_at"],
        meet_clocks: vec![crate::domain::cases::ClockKind::Acknowledge],
        ..Default::default()
    };
    let told = match &to.manager_name {
        Some(m) => format!("Passed on to {} and their manager, {m}", to.display_name),
        None => format!("Passed on to {}", to.display_name),
    };
    let event = NewEvent::shown("passed_on", told.clone()).by(Some(account.id));
    let result = write(state, &row, &change, &event, now).await?;
    let written = result.is_ok();
    if written {
        let landlord = &state.site.profile.landlord;
        let words = format!("{}\n\n(Compliment {})", row.details, row.reference);
        let message =
            crate::server::emails::compliment(landlord, &to.display_name, &to.display_name, &words);
        state.outbox.queue(&state.db, &to.email, message).await?;
        if let (Some(name), Some(email)) = (&to.manager_name, &to.manager_email) {
            let message =
                crate::server::emails::compliment(landlord, name, &to.display_name, &words);
            state.outbox.queue(&state.db, email, message).await?;
        }
    }
    finish(
        state,
        &account,
        &row,
        "pass_on",
        result,
        Some(format!(
            "We have passed your thanks on to {}. Thank you.",
            to.display_name
        )),
    )
    .await
}

/// Acknowledge: a complaint as understood and the outcome wanted (sent to the resident), or
/// an enquiry's acknowledgement.
pub async fn acknowledge(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    understanding: Option<String>,
    outcome: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Step};
    let (understanding, outcome) = (text(understanding), text(outcome));
    let now = chrono::Utc::now();
    let mut errors = FieldErrors::default();
    let complaint = row.kind == CaseKind::Complaint;
    if complaint && understanding.is_empty() {
        refuse(
            &mut errors,
            "acknowledge",
            "understanding",
            "Write the complaint as you understand it",
        );
    }
    if complaint && outcome.is_empty() {
        refuse(
            &mut errors,
            "acknowledge",
            "outcome",
            "Write the outcome the resident wants",
        );
    }
    for (field, value) in [("understanding", &understanding), ("outcome", &outcome)] {
        if too_long(value) {
            refuse(
                &mut errors,
                "acknowledge",
                field,
                format!(
                    "This must be {} characters or fewer",
                    crate::domain::cases::TEXT_LIMIT
                ),
            );
        }
    }
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let stage = row.stage;
    let body = if complaint {
        Some(format!("How we understand your complaint: {understanding}\n\nWhat you would like us to do: {outcome}"))
    } else {
        Some(understanding.clone()).filter(|u| !u.is_empty())
    };
    let event = NewEvent::shown(
        "acknowledged",
        if stage == 2 {
            "Stage 2 acknowledged"
        } else {
            "Acknowledged"
        },
    )
    .with_body(body.clone())
    .by(Some(account.id));
    let stamp = if stage == 2 {
        "stage2_acknowledged_at"
    } else {
        "acknowledged_at"
    };
    let outcome_result = if complaint {
        let change = Change {
            stamps: vec![stamp],
            understanding: Some(understanding.clone()),
            outcome_wanted: Some(outcome.clone()),
            ..Default::default()
        };
        apply_step(state, &row, Step::Acknowledge, change, event, now).await?
    } else {
        let change = Change {
            status: Some("open"),
            stamps: vec!["acknowledged_at"],
            meet_clocks: vec![crate::domain::cases::ClockKind::Acknowledge],
            ..Default::default()
        };
        write(state, &row, &change, &event, now).await?
    };
    let tell = body.map(|b| format!("We have acknowledged it.\n\n{b}"));
    finish(state, &account, &row, "acknowledge", outcome_result, tell).await
}

/// Give the case to a colleague (at stage 2, someone not involved at stage 1).
pub async fn assign(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    owner: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Step};
    let now = chrono::Utc::now();
    let colleagues = crate::server::db::cases::colleagues(&state.db).await?;
    let Some(to) = owner
        .and_then(|o| o.trim().parse::<i64>().ok())
        .and_then(|id| colleagues.iter().find(|c| c.id == id))
    else {
        let mut errors = FieldErrors::default();
        refuse(&mut errors, "assign", "owner", "Choose who will handle it");
        return back_with(&row, errors).await;
    };
    let title = format!("{} is handling this", to.display_name);
    let body = to.team.clone().map(|t| format!("Team: {t}"));
    let event = NewEvent::shown("assigned", title.clone())
        .with_body(body)
        .by(Some(account.id));
    let result = if row.kind == CaseKind::Complaint {
        apply_step(
            state,
            &row,
            Step::Assign { to: to.id },
            Change::default(),
            event,
            now,
        )
        .await?
    } else {
        let change = Change {
            owner: Some(to.id),
            ..Default::default()
        };
        write(state, &row, &change, &event, now).await?
    };
    if result.is_ok() {
        let to_whom = "yours to handle".to_owned();
        tell_new_owner(
            state,
            &account,
            &row,
            &[(to.display_name.clone(), to.email.clone())],
            &to_whom,
        )
        .await?;
    }
    finish(state, &account, &row, "assign", result, Some(title)).await
}

/// Mark a contact complex, with the reason the resident is shown: its reply moves to the
/// profile's complex timescale (counted from receipt, as published), or, where the landlord
/// publishes a "longer query" standard instead, this message is the follow-up and the update
/// promise starts. Refused when the landlord publishes no timescale for complex matters.
pub async fn complex(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::ClockKind;
    let now = chrono::Utc::now();
    let reason = text(reason);
    let schedule = state.site.schedule();
    let Some(complexity) =
        crate::domain::cases::complexity(&state.site.profile, &schedule, row.kind, row.received_at)
            .filter(|_| row.status.is_open() && row.complex_at.is_none())
    else {
        return finish(
            state,
            &account,
            &row,
            "complex",
            Err("This cannot be marked complex".to_owned()),
            None,
        )
        .await;
    };
    let mut errors = FieldErrors::default();
    if reason.is_empty() {
        refuse(
            &mut errors,
            "complex",
            "reason",
            "Write why it needs more time: the resident will see it",
        );
    } else if too_long(&reason) {
        refuse(
            &mut errors,
            "complex",
            "reason",
            format!(
                "This must be {} characters or fewer",
                crate::domain::cases::TEXT_LIMIT
            ),
        );
    }
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let mut change = Change {
        complex: Some(reason.clone()),
        owner: row.owner_account_id.or(Some(account.id)),
        ..Default::default()
    };
    let mut promise = Vec::new();
    match complexity.reply_due {
        Some(due) => {
            change.moves.push((ClockKind::Reply, due));
            promise.push(format!(
                "We will {} by {}.",
                row.kind.reply_words(),
                crate::format::when(due)
            ));
        }
        // Telling the resident that it is a longer query, and who is helping, is the follow-up.
        None => change.meet_clocks.push(ClockKind::Reply),
    }
    if let Some(due) = complexity.update_due {
        change
            .start_clocks
            .push(crate::server::db::cases::NewClock {
                kind: ClockKind::Update.into(),
                started_at: row.received_at,
                due_at: due,
            });
        promise.push(format!(
            "We will give you an update by {}.",
            crate::format::when(due)
        ));
    }
    let body = format!(
        "This needs more time than usual: {reason}\n\n{}",
        promise.join(" ")
    );
    let event = NewEvent::shown("complex", "Needs more time")
        .with_body(Some(body.clone()))
        .by(Some(account.id));
    let result = write(state, &row, &change, &event, now).await?;
    finish(state, &account, &row, "complex", result, Some(body)).await
}

/// Emails whoever is given the work: the colleague named, or the managers of the team it went
/// to (never the colleague who gave it, who knows).
async fn tell_new_owner(
    state: &AppState,
    by: &Account,
    row: &crate::server::db::cases::CaseRow,
    to: &[(String, String)],
    to_whom: &str,
) -> Result<(), AppError> {
    let landlord = &state.site.profile.landlord;
    let link = state.link(&format!("/staff/cases/{}", row.reference));
    for (name, email) in to {
        if *email == by.email {
            continue;
        }
        let message = crate::server::emails::work_given(
            landlord,
            name,
            to_whom,
            &row.reference,
            &row.summary,
            &link,
        );
        state.outbox.queue(&state.db, email, message).await?;
    }
    Ok(())
}

/// Give the case to another team: nobody in it is named yet, its managers are told. Refused for
/// a team that does not exist, and at stage 2 of a complaint (its handler must be someone not
/// involved at stage 1, so it is given to a colleague by name).
pub async fn give_to_team(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    team: Option<String>,
) -> Result<(), AppError> {
    use crate::server::db::teams;
    let now = chrono::Utc::now();
    let chosen = team.and_then(|t| t.trim().parse::<i64>().ok());
    let Some(team) = teams::teams(&state.db)
        .await?
        .into_iter()
        .find(|t| Some(t.id) == chosen)
    else {
        let mut errors = FieldErrors::default();
        refuse(&mut errors, "team", "team", "Choose the team to give it to");
        return back_with(&row, errors).await;
    };
    if !row.status.is_open() {
        return finish(
            state,
            &account,
            &row,
            "team",
            Err("This is finished".to_owned()),
            None,
        )
        .await;
    }
    let title = format!("Passed to the {} team", team.name);
    let change = Change {
        team: Some(team.id),
        ..Default::default()
    };
    let event = NewEvent::shown("team", title.clone()).by(Some(account.id));
    let result = write(state, &row, &change, &event, now).await?;
    if result.is_ok() {
        let managers: Vec<(String, String)> = teams::members(&state.db)
            .await?
            .into_iter()
            .filter(|m| m.team_id == team.id && m.manager && !m.disabled)
            .map(|m| (m.display_name, m.email))
            .collect();
        let to_whom = format!("with the {} team", team.name);
        tell_new_owner(state, &account, &row, &managers, &to_whom).await?;
    }
    finish(state, &account, &row, "team", result, Some(title)).await
}
