//! The report journey's answers: the area, each question, the emergency check, following a
//! repair already reported, access, the description and sending.

use super::view as support;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::state::AppState;
use crate::wire::repairs::*;

/// Records an answer and goes to what comes next: another question, the shared area, the
/// "not ours" page or the description.
pub async fn answer(
    state: &AppState,
    at: Option<String>,
    answer: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    use crate::server::forms::Reply;
    use crate::server::repairs::DRAFT;

    let (_, _, place, tenure) = support::resident().await?;
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
        return Reply::back(
            RESIDENT_FORM,
            &format!("/repairs/report/question?at={at}"),
            None::<String>,
            errors,
        );
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
    Ok(Reply::go(next))
}

/// "I have this problem too": follows an open communal repair of the resident's own block.
pub async fn follow(
    state: &AppState,
    reference: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::reference::normalise_reference;
    use crate::server::db::repairs::{self as store, NewEvent};
    use crate::server::forms::Reply;

    let (_, person_id, place, _) = support::resident().await?;
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
    Ok(Reply::go(format!("/repairs/{reference}?following=1")))
}

/// Starts a new report from the emergency answer.
pub async fn emergency(
    state: &AppState,
    emergency: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::server::forms::Reply;
    use crate::server::repairs::{Draft, DRAFT};

    support::resident().await?;
    let session = crate::server::request::session()?;
    let answer = emergency.unwrap_or_default();
    let known = state.site.repairs.emergency(&answer).cloned();
    if answer != "none" && known.is_none() {
        let mut errors = FieldErrors::default();
        errors.add("emergency", "Select one of these, or \"None of these\"");
        return Reply::back(RESIDENT_FORM, "/repairs/report", None::<String>, errors);
    }
    let draft = Draft {
        token: crate::server::tokens::submission_token(),
        emergency: known.as_ref().map(|e| e.code.clone()),
        ..Default::default()
    };
    DRAFT.keep(&session, &draft).await?;
    Ok(match known {
        Some(e) if e.gas => Reply::go("/repairs/report/gas"),
        Some(_) => Reply::go("/repairs/report/emergency"),
        None => Reply::go("/repairs/report/question"),
    })
}

/// Chooses the shared area of the block the problem is in.
pub async fn choose_area(
    state: &AppState,
    area: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::server::db::repairs::communal_areas;
    use crate::server::forms::Reply;
    use crate::server::repairs::DRAFT;

    let (_, _, place, _) = support::resident().await?;
    let block_id = place.block_id.ok_or(AppError::NotFound)?;
    let areas = communal_areas(&state.db, block_id).await?;
    let chosen = area
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|id| areas.iter().any(|a| a.id == *id));
    let Some(area_id) = chosen else {
        let mut errors = FieldErrors::default();
        errors.add("area", "Select where in the building the problem is");
        return Reply::back(
            RESIDENT_FORM,
            "/repairs/report/communal",
            None::<String>,
            errors,
        );
    };
    let session = crate::server::request::session()?;
    let mut draft = support::draft_or_new().await?;
    draft.communal_area_id = Some(area_id);
    DRAFT.keep(&session, &draft).await?;
    Ok(Reply::go("/repairs/report/question"))
}

/// Sends the report: creates the job once per submission token and goes to its confirmation.
pub async fn send(
    state: &AppState,
    token: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::server::forms::Reply;
    use crate::server::repairs::{notify, DRAFT};

    let (account, person_id, place, tenure) = support::resident().await?;
    let session = crate::server::request::session()?;
    let Some(draft) = crate::server::repairs::DRAFT.get(&session).await? else {
        // Already sent (a second click after the first went through): show "Your repairs".
        return Ok(Reply::go("/repairs"));
    };
    if token.as_deref() != Some(draft.token.as_str()) {
        return Err(AppError::BadRequest);
    }
    // A recall sent from a second tab after the first: the job has its recall already.
    if let Some(original) = &draft.recall_of {
        let opened =
            match crate::server::db::repairs::repair_by_reference(&state.db, original).await? {
                Some(job) => crate::server::db::repairs::recall_of_job(&state.db, job.id).await?,
                None => None,
            };
        if let Some(recall) = opened {
            DRAFT.drop(&session).await?;
            return Ok(Reply::go(format!("/repairs/{recall}")));
        }
    }
    let now = chrono::Utc::now();
    let (reference, created) = crate::server::repairs::report::create_from_draft(
        state,
        &draft,
        person_id,
        Some(account.id),
        &place,
        tenure,
        now,
    )
    .await?;
    DRAFT.drop(&session).await?;
    if created {
        let repair = crate::server::db::repairs::repair_by_reference(&state.db, &reference)
            .await?
            .ok_or(AppError::NotFound)?;
        notify(
            state,
            repair.id,
            &reference,
            &repair.summary,
            crate::domain::preferences::MessageKind::Acknowledged,
            "We have your report",
        )
        .await?;
    }
    Ok(Reply::go(format!("/repairs/{reference}/reported")))
}
