//! The report journey's questions: emergencies, the diagnosis, the communal area, who fixes it.

use super::*;

/// "Is any of these happening now?": the emergencies from configuration.
#[server(prefix = "/api", endpoint = "repairs/start")]
pub async fn get_report_start() -> Result<QuestionPage, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::report_start(&state).await
}

/// Starts a new report from the emergency answer.
#[server(prefix = "/api", endpoint = "repairs/emergency")]
pub async fn answer_emergency(emergency: Option<String>) -> Result<(), AppError> {
    use crate::server::repairs::{Draft, DRAFT};
    use crate::server::state::app_state;
    support::resident().await?;
    let state = app_state()?;
    let session = crate::server::request::session()?;
    let answer = emergency.unwrap_or_default();
    let known = state.site.repairs.emergency(&answer).cloned();
    if answer != "none" && known.is_none() {
        let mut errors = FieldErrors::default();
        errors.add("emergency", "Select one of these, or \"None of these\"");
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            "/repairs/report",
            None::<String>,
            errors,
        )
        .await;
    }
    let draft = Draft {
        token: crate::server::tokens::submission_token(),
        emergency: known.as_ref().map(|e| e.code.clone()),
        ..Default::default()
    };
    DRAFT.keep(&session, &draft).await?;
    match known {
        Some(e) if e.gas => crate::server::request::redirect("/repairs/report/gas"),
        Some(_) => crate::server::request::redirect("/repairs/report/emergency"),
        None => crate::server::request::redirect("/repairs/report/question"),
    }
    Ok(())
}

/// The emergency page's facts.
#[server(prefix = "/api", endpoint = "repairs/emergency-page")]
pub async fn get_emergency_page() -> Result<EmergencyQuestion, AppError> {
    use crate::server::state::app_state;
    support::resident().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    let emergency = draft
        .emergency
        .as_deref()
        .and_then(|code| state.site.repairs.emergency(code))
        .ok_or(AppError::NotFound)?;
    Ok(EmergencyQuestion {
        label: emergency.label.clone(),
        may_continue_online: state.site.profile.online_emergency_reports && !emergency.gas,
    })
}

/// The question reached after `at` answers (the next unanswered one when `at` is absent).
#[server(prefix = "/api", endpoint = "repairs/question")]
pub async fn get_question(at: Option<usize>) -> Result<QuestionPage, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::question(&state, at).await
}

/// Records an answer and goes to what comes next: another question, the shared area, the
/// "not ours" page or the description.
#[server(prefix = "/api", endpoint = "repairs/answer")]
pub async fn answer_question(at: Option<String>, answer: Option<String>) -> Result<(), AppError> {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    use crate::server::repairs::DRAFT;
    use crate::server::state::app_state;
    let (_, _, place, tenure) = support::resident().await?;
    let state = app_state()?;
    let session = crate::server::request::session()?;
    let mut draft = support::draft_or_new().await?;
    let at: usize = at
        .and_then(|a| a.parse().ok())
        .unwrap_or(draft.answers.len())
        .min(draft.answers.len());
    let chosen: Option<usize> = answer.and_then(|a| a.parse().ok());
    let mut answers = draft.answers[..at].to_vec();
    let valid = chosen.and_then(|c| {
        answers.push(c);
        state.site.repairs.walk(&answers).ok()
    });
    let Some(step) = valid else {
        let mut errors = FieldErrors::default();
        errors.add("answer", "Select the answer that fits best");
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            &format!("/repairs/report/question?at={at}"),
            None::<String>,
            errors,
        )
        .await;
    };
    let communal = state.site.repairs.is_communal(&answers);
    if !communal {
        draft.communal_area_id = None;
    }
    draft.answers = answers;
    DRAFT.keep(&session, &draft).await?;
    let next = match step {
        Step::Ask(q) if q.communal && draft.communal_area_id.is_none() => {
            if place.block_id.is_none() {
                // A house has no shared areas: say so rather than ask.
                "/repairs/report/no-shared-areas"
            } else {
                "/repairs/report/communal"
            }
        }
        Step::Ask(_) => "/repairs/report/question",
        Step::Done(outcome) => match who_fixes(outcome, tenure) {
            WhoFixes::Landlord => "/repairs/report/describe",
            _ => "/repairs/report/not-ours",
        },
    };
    crate::server::request::redirect(next);
    Ok(())
}

/// The shared areas of the resident's block and its open communal repairs.
#[server(prefix = "/api", endpoint = "repairs/communal")]
pub async fn get_communal() -> Result<CommunalQuestion, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::communal(&state).await
}

/// Chooses the shared area of the block the problem is in.
#[server(prefix = "/api", endpoint = "repairs/area")]
pub async fn choose_area(area: Option<String>) -> Result<(), AppError> {
    use crate::server::db::repairs::communal_areas;
    use crate::server::repairs::DRAFT;
    use crate::server::state::app_state;
    let (_, _, place, _) = support::resident().await?;
    let state = app_state()?;
    let block_id = place.block_id.ok_or(AppError::NotFound)?;
    let areas = communal_areas(&state.db, block_id).await?;
    let chosen = area
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|id| areas.iter().any(|a| a.id == *id));
    let Some(area_id) = chosen else {
        let mut errors = FieldErrors::default();
        errors.add("area", "Select where in the building the problem is");
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            "/repairs/report/communal",
            None::<String>,
            errors,
        )
        .await;
    };
    let session = crate::server::request::session()?;
    let mut draft = support::draft_or_new().await?;
    draft.communal_area_id = Some(area_id);
    DRAFT.keep(&session, &draft).await?;
    crate::server::request::redirect("/repairs/report/question");
    Ok(())
}

/// "I have this problem too": follows an open communal repair of the resident's own block.
#[server(prefix = "/api", endpoint = "repairs/follow")]
pub async fn follow_repair(reference: Option<String>) -> Result<(), AppError> {
    use crate::domain::reference::normalise_reference;
    use crate::server::db::repairs::{self as store, NewEvent};
    use crate::server::state::app_state;
    let (_, person_id, place, _) = support::resident().await?;
    let state = app_state()?;
    let reference = reference
        .as_deref()
        .and_then(|r| normalise_reference("RP", r))
        .ok_or(AppError::NotFound)?;
    let row = store::repair_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    // Only an open communal job in the resident's own block can be followed.
    let open = row.status.is_open();
    if row.communal_area_id.is_none() || row.block_id != place.block_id || !open {
        return Err(AppError::NotFound);
    }
    let now = chrono::Utc::now();
    if store::follow(&state.db, row.id, person_id, now).await? {
        store::add_event(
            &state.db,
            row.id,
            &NewEvent::shown("followed", "Another resident reported the same problem"),
            now,
        )
        .await?;
    }
    let session = crate::server::request::session()?;
    crate::server::repairs::DRAFT.drop(&session).await?;
    crate::server::request::redirect(&format!("/repairs/{reference}?following=1"));
    Ok(())
}

/// When the problem is the resident's to put right.
#[server(prefix = "/api", endpoint = "repairs/not-ours")]
pub async fn get_not_ours() -> Result<NotOursAnswer, AppError> {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    use crate::server::state::app_state;
    let (_, _, _, tenure) = support::resident().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    let Ok(Step::Done(outcome)) = state.site.repairs.walk(&draft.answers) else {
        return Err(AppError::NotFound);
    };
    Ok(match who_fixes(outcome, tenure) {
        WhoFixes::Tenant { advice } => NotOursAnswer {
            summary: outcome.summary.clone(),
            tenant_advice: Some(advice),
        },
        WhoFixes::Owner => NotOursAnswer {
            summary: outcome.summary.clone(),
            tenant_advice: None,
        },
        WhoFixes::Landlord => return Err(AppError::NotFound),
    })
}
