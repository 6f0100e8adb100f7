//! After a repair: the resident says it is fixed or not, and rates the work.

use super::view as support;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::state::AppState;
use crate::wire::repairs::*;
/// The answers that led to the original job's outcome, found again from the stored words.
pub fn recall_answers(state: &AppState, row: &crate::server::db::repairs::RepairRow) -> Vec<usize> {
    use crate::domain::repairs::Step;
    let mut answers = Vec::new();
    for line in row.answers.lines() {
        let Some((_, label)) = line.split_once('\t') else {
            break;
        };
        let Ok(Step::Ask(q)) = state.site.repairs.walk(&answers) else {
            break;
        };
        let Some(i) = q.options.iter().position(|o| o.label == label) else {
            break;
        };
        answers.push(i);
    }
    answers
}

pub fn plan_ready(
    state: &AppState,
    draft: &crate::server::repairs::Draft,
    tenure: crate::domain::housing::Tenure,
) -> bool {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    matches!(state.site.repairs.walk(&draft.answers), Ok(Step::Done(o)) if who_fixes(o, tenure) == WhoFixes::Landlord)
}

/// "Is it fixed?" Yes closes the question; no starts a recall report linked to this job.
pub async fn say_fixed(
    state: &AppState,
    reference: String,
    fixed: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::server::db::repairs::{change_repair, Change, NewEvent};
    use crate::server::forms::Reply;
    use crate::server::repairs::{Draft, DRAFT};

    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_answer(&account, &standing)?;
    let support::Reporter { tenure, .. } = support::reporter().await?;
    let now = chrono::Utc::now();
    // One recall per job: "not fixed" again (from an old tab) goes to the one already opened.
    if fixed.as_deref() == Some("no") {
        if let Some(recall) = crate::server::db::repairs::recall_of_job(&state.db, row.id).await? {
            return Ok(Reply::go(format!("/repairs/{recall}")));
        }
    }
    if !support::allowed(state, &row, now).ask_fixed {
        return Err(AppError::NotFound);
    }
    match fixed.as_deref() {
        Some("yes") => {
            let change = Change {
                fixed: Some("yes"),
                ..Default::default()
            };
            let event = NewEvent::shown("fixed", "You told us it is fixed").by(Some(account.id));
            change_repair(&state.db, row.id, &change, Some(&event), now).await?;
            Ok(Reply::go(format!("/repairs/{}", row.reference)))
        }
        Some("no") => {
            // A recall repeats the original diagnosis; the resident describes what is wrong now.
            let answers = recall_answers(state, &row);
            let draft = Draft {
                token: crate::server::tokens::submission_token(),
                answers,
                communal_area_id: row.communal_area_id,
                access_times: row.access_times.clone(),
                pets: row.pets.clone(),
                key_safe: row.key_safe.clone(),
                contact_phone: row.contact_phone.clone(),
                recall_of: Some(row.reference.clone()),
                ..Default::default()
            };
            if plan_ready(state, &draft, tenure) {
                DRAFT
                    .keep(&crate::server::request::session()?, &draft)
                    .await?;
                Ok(Reply::go("/repairs/report/describe"))
            } else {
                Err(AppError::NotFound)
            }
        }
        _ => {
            let mut errors = FieldErrors::default();
            errors.add("fixed", "Select yes if the repair is fixed");
            Reply::back(
                RESIDENT_FORM,
                &format!("/repairs/{}", row.reference),
                (),
                errors,
            )
        }
    }
}

/// The one-question satisfaction rating, with an optional comment.
pub async fn rate(
    state: &AppState,
    reference: String,
    rating: Option<String>,
    comment: String,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::repairs::NOTE_LIMIT;
    use crate::server::db::repairs::{change_repair, Change, NewEvent};
    use crate::server::forms::Reply;

    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_answer(&account, &standing)?;
    let now = chrono::Utc::now();
    if !support::allowed(state, &row, now).may_rate {
        return Err(AppError::NotFound);
    }
    let comment = comment.trim().to_owned();
    let value = rating
        .and_then(|r| r.parse::<i64>().ok())
        .filter(|r| (1..=5).contains(r));
    let mut errors = FieldErrors::default();
    if value.is_none() {
        errors.add("rating", "Select how satisfied you are, from 1 to 5");
    }
    if comment.chars().count() > NOTE_LIMIT {
        errors.add(
            "comment",
            format!("Your comment must be {NOTE_LIMIT} characters or fewer"),
        );
    }
    let Some(value) = value.filter(|_| errors.is_empty()) else {
        return Reply::back(
            RESIDENT_FORM,
            &format!("/repairs/{}", row.reference),
            (),
            errors,
        );
    };
    let change = Change {
        rating: Some((value, (!comment.is_empty()).then_some(comment))),
        ..Default::default()
    };
    let event = NewEvent::shown("rated", format!("You rated this repair {value} out of 5"))
        .by(Some(account.id));
    change_repair(&state.db, row.id, &change, Some(&event), now).await?;
    Ok(Reply::go(format!("/repairs/{}?rated=1", row.reference)))
}
