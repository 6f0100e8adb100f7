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
    use crate::domain::cases::{CaseKind, Decision, Step};
    use crate::server::db::cases::NewResponse;
    let (account, state, row) = staff_case(&reference).await?;
    let now = chrono::Utc::now();
    let (points, reasons, remedy) = (text(points), text(reasons), text(remedy));
    let complaint = row.kind == CaseKind::Complaint;
    let decision = decision.as_deref().and_then(Decision::parse);
    let mut errors = FieldErrors::default();
    if complaint && decision.is_none() {
        refuse(&mut errors, "respond", "decision", "Choose the decision");
    }
    if points.is_empty() {
        refuse(
            &mut errors,
            "respond",
            "points",
            if complaint {
                "Give the decision on each point of the complaint"
            } else {
                "Write the answer"
            },
        );
    }
    if complaint && reasons.is_empty() {
        refuse(
            &mut errors,
            "respond",
            "reasons",
            "Give the reasons for the decision",
        );
    }
    for (field, value) in [
        ("points", &points),
        ("reasons", &reasons),
        ("remedy", &remedy),
    ] {
        if too_long(value) {
            refuse(
                &mut errors,
                "respond",
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
    let regime = &state.site.profile.complaints;
    let stage = row.stage;
    let response = NewResponse {
        stage,
        decision: decision.map(|d| d.as_str()),
        points: points.clone(),
        reasons: Some(reasons.clone()).filter(|r| !r.is_empty()),
        remedy: Some(remedy.clone()).filter(|r| !r.is_empty()),
        by: account.id,
        actions: Vec::new(),
    };
    let result;
    let tell;
    if complaint {
        let stage_name = crate::domain::cases::stage_of(regime, stage as u8)
            .name
            .clone();
        let next = if stage == 1 {
            "If you are unhappy with this response, you can ask us to take your complaint to stage 2 from the complaint's page. You do not need to give a reason.".to_owned()
        } else {
            format!("This is our final response. If you are still unhappy, you can contact the {} on {} or at {}, {}.", regime.ombudsman.name, regime.ombudsman.phone, regime.ombudsman.website, regime.ombudsman.time_limit)
        };
        let body = format!(
            "Decision: {}.\n\n{points}\n\nReasons: {reasons}{}\n\n{next}",
            decision.map_or("", |d| d.label()),
            if remedy.is_empty() {
                String::new()
            } else {
                format!("\n\nTo put things right: {remedy}")
            }
        );
        let stamp = if stage == 1 {
            "responded_at"
        } else {
            "final_response_at"
        };
        let mut stamps = vec![stamp];
        if stage == 2 {
            stamps.push("closed_at");
        }
        let change = Change {
            stamps,
            response: Some(response),
            ..Default::default()
        };
        let event = NewEvent::shown("responded", format!("{stage_name} response sent"))
            .with_body(Some(body.clone()))
            .by(Some(account.id));
        result = apply_step(
            &state,
            &row,
            Step::Respond { by: account.id },
            change,
            event,
            now,
        )
        .await?;
        tell = Some(format!("Our {stage_name} response:\n\n{body}"));
    } else if row.kind == CaseKind::Enquiry {
        let change = Change {
            status: Some("closed"),
            owner: row.owner_account_id.or(Some(account.id)),
            stamps: vec!["responded_at", "closed_at"],
            meet_clocks: vec![
                crate::domain::cases::ClockKind::Acknowledge,
                crate::domain::cases::ClockKind::Reply,
            ],
            response: Some(response),
            ..Default::default()
        };
        let event = NewEvent::shown("answered", "Answered")
            .with_body(Some(points.clone()))
            .by(Some(account.id));
        result = write(&state, &row, &change, &event, now).await?;
        tell = Some(format!("Our answer:\n\n{points}"));
    } else {
        return Err(AppError::BadRequest);
    }
    finish(&state, &account, &row, "respond", result, tell).await
}
