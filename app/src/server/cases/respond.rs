//! Sending a complaint's stage response or a question's answer: the form checked, the response
//! recorded with the stage's dates and clocks, and the words the resident is told.

use super::workflow::{apply_step, refuse, text, too_long, write};
use crate::domain::cases::{CaseKind, Decision, Step};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::db::cases::{CaseRow, Change, NewEvent, NewResponse};
use crate::server::state::AppState;

/// A response or an answer as its form posts it, each text trimmed.
pub struct ResponseForm {
    pub decision: Option<Decision>,
    pub points: String,
    pub reasons: String,
    pub remedy: String,
}

impl ResponseForm {
    pub fn new(decision: Option<String>, [points, reasons, remedy]: [Option<String>; 3]) -> Self {
        ResponseForm {
            decision: decision.as_deref().and_then(Decision::parse),
            points: text(points),
            reasons: text(reasons),
            remedy: text(remedy),
        }
    }

    /// What is missing or too long, by field: a complaint needs a decision, the points and the
    /// reasons; a question needs its answer.
    pub fn problems(&self, complaint: bool) -> FieldErrors {
        let ResponseForm {
            decision,
            points,
            reasons,
            remedy,
        } = self;
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
        errors
    }
}

/// Records the response (a complaint's, through the stage machine; a question's answer closes
/// it) and returns what the step came to with the words the resident is told.
pub async fn respond(
    state: &AppState,
    account: &Account,
    row: &CaseRow,
    form: &ResponseForm,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Result<(), String>, Option<String>), AppError> {
    let ResponseForm {
        decision,
        points,
        reasons,
        remedy,
    } = form;
    let decision = *decision;
    let complaint = row.kind == CaseKind::Complaint;
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
            state,
            row,
            Step::Respond { by: account.id },
            change,
            event,
            now,
        )
        .await?;
        tell = Some(format!("Our {stage_name} response:\n\n{body}"));
    } else if row.kind != CaseKind::Compliment {
        let change = Change {
            status: Some("closed"),
            owner: row.owner_account_id.or(Some(account.id)),
            stamps: vec!["responded_at", "closed_at"],
            meet_clocks: vec![
                crate::domain::cases::ClockKind::Acknowledge,
                crate::domain::cases::ClockKind::Reply,
                crate::domain::cases::ClockKind::Update,
            ],
            response: Some(response),
            ..Default::default()
        };
        let event = NewEvent::shown("answered", crate::domain::cases::done_words(row.kind))
            .with_body(Some(points.clone()))
            .by(Some(account.id));
        result = write(state, row, &change, &event, now).await?;
        tell = Some(format!("Our answer:\n\n{points}"));
    } else {
        return Err(AppError::BadRequest);
    }
    Ok((result, tell))
}
