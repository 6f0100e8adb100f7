//! The complaint workflow: each staff step checked by the stage machine, written with its
//! timeline entry only if the case is still as it was read, audited, and told to the resident
//! (and the advocate who made it) when they can see it.

use crate::domain::cases::{Complaint, Step};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::db::cases::{self as store, CaseRow, Change, NewClock, NewEvent};
use crate::server::state::AppState;
use crate::wire::cases_staff::*;
use chrono::{DateTime, Utc};

/// The complaint as the stage machine sees it, from its row and handlers.
pub async fn complaint_of(state: &AppState, row: &CaseRow) -> Result<Complaint, AppError> {
    Ok(Complaint {
        status: row.status,
        stage: if row.stage == 2 { 2 } else { 1 },
        owner: row.owner_account_id,
        stage_one_handlers: store::handlers(&state.db, row.id, 1).await?,
    })
}

/// Applies a complaint step: checks it against the regime, adds what it does to status,
/// owner and deadlines to `change`, and writes it with `event` only if nobody changed the
/// case meanwhile. `Ok(Err(message))` is a refusal to show on the form.
pub async fn apply_step(
    state: &AppState,
    row: &CaseRow,
    step: Step,
    mut change: Change,
    event: NewEvent,
    now: DateTime<Utc>,
) -> Result<Result<(), String>, AppError> {
    let regime = &state.site.profile.complaints;
    let complaint = complaint_of(state, row).await?;
    let (next, plan) = match complaint.apply(regime, &step) {
        Ok(done) => done,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let schedule = state.site.schedule();
    if next.status != complaint.status {
        change.status = Some(next.status.as_str());
    }
    if next.stage != complaint.stage {
        change.stage = Some(i64::from(next.stage));
    }
    if next.owner != complaint.owner {
        change.owner = next.owner;
    }
    change
        .start_clocks
        .extend(plan.start.iter().map(|(kind, timescale)| NewClock {
            kind: (*kind).into(),
            started_at: now,
            due_at: schedule.deadline(now, *timescale),
        }));
    change.meet_clocks.extend(plan.meet.iter().copied());
    match step {
        Step::Assign { to } => change.handler = Some((i64::from(complaint.stage), to)),
        Step::Respond { by } => change.handler = Some((i64::from(complaint.stage), by)),
        _ => {}
    }
    write(state, row, &change, &event, now).await
}

/// Writes a planned change if the case is still as it was read; otherwise the message to
/// show on the form.
pub async fn write(
    state: &AppState,
    row: &CaseRow,
    change: &Change,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<Result<(), String>, AppError> {
    let written = store::change_case(
        &state.db,
        row.id,
        (row.status, row.stage),
        change,
        event,
        now,
    )
    .await?;
    Ok(if written {
        Ok(())
    } else {
        Err("Someone else changed this case just now. Check it and try again".to_owned())
    })
}

/// The signed-in colleague who may handle cases, and the case.
pub async fn staff_case(reference: &str) -> Result<(Account, AppState, CaseRow), AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ManageCases).await?;
    let state = crate::server::state::app_state()?;
    let (_, reference) =
        crate::domain::cases::CaseKind::of_reference(reference).ok_or(AppError::NotFound)?;
    let row = store::case_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((account, state, row))
}

/// After a change: audit it, tell the resident what they can see, and go back to the page
/// with a confirmation; or back with the form's error.
pub async fn finish(
    state: &AppState,
    account: &Account,
    row: &CaseRow,
    action: &str,
    outcome: Result<(), String>,
    tell: Option<String>,
) -> Result<(), AppError> {
    use crate::server::db::accounts::{record_audit, AuditEvent};
    let back = format!("/staff/cases/{}", row.reference);
    let session = crate::server::request::session()?;
    if let Err(message) = outcome {
        let mut errors = FieldErrors::default();
        errors.add(&format!("{action}-action"), message);
        return crate::server::forms::back_to_form(STAFF_CASE_FORM, &back, None::<String>, errors)
            .await;
    }
    let now = chrono::Utc::now();
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "case_changed")
            .on("case", &row.reference)
            .for_person(row.person_id)
            .detail(action.to_owned()),
        now,
    )
    .await?;
    if let Some(what) = tell {
        if let Some(fresh) = store::case_by_reference(&state.db, &row.reference).await? {
            use crate::domain::preferences::MessageKind;
            let kind = match action {
                "acknowledge" => MessageKind::Acknowledged,
                "respond" | "decline" => MessageKind::ResponseReady,
                "extend" => MessageKind::DeadlineExtended,
                _ => MessageKind::Update,
            };
            crate::server::cases::notify(state, &fresh, kind, &what).await?;
        }
    }
    crate::server::flash::keep(
        &session,
        STAFF_CASE_FORM,
        Some(done_words(action).to_owned()),
        FieldErrors::default(),
    )
    .await?;
    crate::server::request::redirect(&back);
    Ok(())
}

fn done_words(action: &str) -> &'static str {
    match action {
        "acknowledge" => "Acknowledgement sent",
        "assign" => "Case assigned",
        "respond" => "Response sent",
        "extend" => "Deadline extended and the resident told",
        "decline" => "Complaint declined and the resident told",
        "pass_on" => "Compliment passed on",
        "note" => "Note added",
        "add_action" => "Action added",
        "action_done" => "Action marked done",
        _ => "Saved",
    }
}

/// Form errors for one action's field: `{action}-{field}`.
pub fn refuse(errors: &mut FieldErrors, action: &str, field: &str, message: impl Into<String>) {
    errors.add(&format!("{action}-{field}"), message);
}

pub async fn back_with(row: &CaseRow, errors: FieldErrors) -> Result<(), AppError> {
    let back = format!("/staff/cases/{}", row.reference);
    crate::server::forms::back_to_form(STAFF_CASE_FORM, &back, None::<String>, errors).await
}

pub fn text(value: Option<String>) -> String {
    value
        .map(|v| v.trim().replace("\r\n", "\n"))
        .unwrap_or_default()
}

pub fn too_long(value: &str) -> bool {
    value.chars().count() > crate::domain::cases::TEXT_LIMIT
}
