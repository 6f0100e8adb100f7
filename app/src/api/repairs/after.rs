//! After the visit: is it fixed (a recall if not), and how did it go.

use super::*;
#[cfg(feature = "ssr")]
use crate::server::repairs::after::{plan_ready, recall_answers};

/// "Is it fixed?" Yes closes the question; no starts a recall report linked to this job.
#[server(prefix = "/api", endpoint = "repairs/fixed")]
pub async fn say_fixed(reference: String, fixed: Option<String>) -> Result<(), AppError> {
    use crate::server::db::repairs::{change_repair, Change, NewEvent};
    use crate::server::repairs::{Draft, DRAFT};
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_answer(&account, &standing)?;
    let (_, _, _, tenure) = support::resident().await?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    // One recall per job: "not fixed" again (from an old tab) goes to the one already opened.
    if fixed.as_deref() == Some("no") {
        if let Some(recall) = crate::server::db::repairs::recall_of_job(&state.db, row.id).await? {
            crate::server::request::redirect(&format!("/repairs/{recall}"));
            return Ok(());
        }
    }
    if !support::allowed(&state, &row, now).ask_fixed {
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
            crate::server::request::redirect(&format!("/repairs/{}", row.reference));
        }
        Some("no") => {
            // A recall repeats the original diagnosis; the resident describes what is wrong now.
            let answers = recall_answers(&state, &row);
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
            if plan_ready(&state, &draft, tenure) {
                DRAFT
                    .keep(&crate::server::request::session()?, &draft)
                    .await?;
                crate::server::request::redirect("/repairs/report/describe");
            } else {
                return Err(AppError::NotFound);
            }
        }
        _ => {
            let mut errors = FieldErrors::default();
            errors.add("fixed", "Select yes if the repair is fixed");
            return crate::server::forms::back_to_form(
                RESIDENT_FORM,
                &format!("/repairs/{}", row.reference),
                (),
                errors,
            )
            .await;
        }
    }
    Ok(())
}

/// The one-question satisfaction rating, with an optional comment.
#[server(prefix = "/api", endpoint = "repairs/rate")]
pub async fn rate_repair(
    reference: String,
    rating: Option<String>,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::domain::repairs::NOTE_LIMIT;
    use crate::server::db::repairs::{change_repair, Change, NewEvent};
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_answer(&account, &standing)?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    if !support::allowed(&state, &row, now).may_rate {
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
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            &format!("/repairs/{}", row.reference),
            (),
            errors,
        )
        .await;
    };
    let change = Change {
        rating: Some((value, (!comment.is_empty()).then_some(comment))),
        ..Default::default()
    };
    let event = NewEvent::shown("rated", format!("You rated this repair {value} out of 5"))
        .by(Some(account.id));
    change_repair(&state.db, row.id, &change, Some(&event), now).await?;
    crate::server::request::redirect(&format!("/repairs/{}?rated=1", row.reference));
    Ok(())
}
