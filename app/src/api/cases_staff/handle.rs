//! Acknowledging, assigning and responding to a case.

use super::*;

/// Acknowledge: a complaint as understood and the outcome wanted (sent to the resident), or
/// an enquiry's acknowledgement.
#[server(prefix = "/api", endpoint = "staff/case-acknowledge")]
pub async fn acknowledge_case(
    reference: String,
    understanding: Option<String>,
    outcome: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Step};
    let (account, state, row) = staff_case(&reference).await?;
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
        apply_step(&state, &row, Step::Acknowledge, change, event, now).await?
    } else {
        let change = Change {
            status: Some("open"),
            stamps: vec!["acknowledged_at"],
            meet_clocks: vec![crate::domain::cases::ClockKind::Acknowledge],
            ..Default::default()
        };
        write(&state, &row, &change, &event, now).await?
    };
    let tell = body.map(|b| format!("We have acknowledged it.\n\n{b}"));
    finish(&state, &account, &row, "acknowledge", outcome_result, tell).await
}

/// Give the case to a colleague (at stage 2, someone not involved at stage 1).
#[server(prefix = "/api", endpoint = "staff/case-assign")]
pub async fn assign_case(reference: String, owner: Option<String>) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Step};
    let (account, state, row) = staff_case(&reference).await?;
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
            &state,
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
        write(&state, &row, &change, &event, now).await?
    };
    finish(&state, &account, &row, "assign", result, Some(title)).await
}

/// The stage's response (a complaint), or the answer to a question.
#[server(prefix = "/api", endpoint = "staff/case-respond")]
pub async fn respond_case(
    reference: String,
    decision: Option<String>,
    points: Option<String>,
    reasons: Option<String>,
    remedy: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::CaseKind;
    use crate::server::cases::respond::{respond, ResponseForm};
    let (account, state, row) = staff_case(&reference).await?;
    let form = ResponseForm::new(decision, [points, reasons, remedy]);
    let errors = form.problems(row.kind == CaseKind::Complaint);
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let (result, tell) = respond(&state, &account, &row, &form, chrono::Utc::now()).await?;
    finish(&state, &account, &row, "respond", result, tell).await
}
