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

    let support::Reporter { place, tenure, .. } = support::reporter().await?;
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

    let support::Reporter {
        person_id, place, ..
    } = support::reporter().await?;
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

    // Someone reporting for a resident keeps who it is for, and how and when we were told.
    let behalf = support::reporter().await?.behalf;
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
        behalf,
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

    let support::Reporter { place, .. } = support::reporter().await?;
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

    let support::Reporter {
        account,
        person_id,
        place,
        tenure,
        ..
    } = support::reporter().await?;
    let session = crate::server::request::session()?;
    let Some(draft) = crate::server::repairs::DRAFT.get(&session).await? else {
        // Already sent (a second click after the first went through): show the repairs list.
        return Ok(Reply::go(if account.role.is_staff() {
            "/staff/repairs"
        } else {
            "/repairs"
        }));
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
    let now = state.clock.now();
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
        if let Some(behalf) = &draft.behalf {
            // A report made for someone else is in the audit trail, against the resident.
            let what = match behalf.made_by {
                crate::domain::cases::MadeBy::Staff => "repair_recorded",
                _ => "repair_reported_for",
            };
            crate::server::db::accounts::record_audit(
                &state.db,
                crate::server::db::accounts::AuditEvent::by(Some(account.id), what)
                    .on("repair", &reference)
                    .for_person(Some(person_id)),
                now,
            )
            .await?;
        }
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
    if account.role.is_staff() {
        // The colleague lands on the job's page, ready to move it along.
        let name = draft.behalf.as_ref().map_or("", |b| b.name.as_str());
        return Reply::back(
            crate::wire::repairs_staff::STAFF_FORM,
            &format!("/staff/repairs/{reference}"),
            Some(format!("Repair recorded for {name}")),
            FieldErrors::default(),
        );
    }
    Ok(Reply::go(format!("/repairs/{reference}/reported")))
}

/// Starts a report for resident `person`: an advocate's (through Doorstep, now), or a
/// colleague's recording of one taken by phone, letter, email, text or in person, with when we
/// were told (the clocks run from then). A report already being written for the same resident
/// keeps its answers (this is the "change" of "Check your answers"); any other starts afresh, so
/// nothing of a report for someone else is carried over.
pub async fn start_for(
    state: &AppState,
    person: Option<String>,
    values: ReportForValues,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::cases::{Channel, MadeBy};
    use crate::server::forms::Reply;
    use crate::server::repairs::{Behalf, Draft, DRAFT};

    let person = person
        .and_then(|p| p.trim().parse::<i64>().ok())
        .ok_or(AppError::NotFound)?;
    let account = crate::server::authz::signed_in().await?;
    let reporter = support::reporter_for(state, account, Some(person)).await?;
    let name = crate::server::db::preferences::contact(&state.db, person)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let behalf = if reporter.account.role.is_staff() {
        let mut errors = FieldErrors::default();
        let channel = Channel::parse(&values.channel).filter(|c| *c != Channel::Portal);
        if channel.is_none() {
            errors.add("channel", "Choose how it reached us");
        }
        let told = crate::domain::repairs::when_told(
            &values.told_date,
            &values.told_time,
            state.clock.now(),
        );
        if let Err(problems) = &told {
            for (field, message) in problems {
                errors.add(field, *message);
            }
        }
        let (Some(channel), Ok(told)) = (channel, told) else {
            let back = format!("/repairs/report/for?person={person}");
            return Reply::back(RESIDENT_FORM, &back, values, errors);
        };
        Behalf {
            person_id: person,
            name,
            made_by: MadeBy::Staff,
            channel,
            told_at: Some(told),
        }
    } else {
        Behalf {
            person_id: person,
            name,
            made_by: MadeBy::Advocate,
            channel: Channel::Portal,
            told_at: None,
        }
    };
    let session = crate::server::request::session()?;
    let mut draft = DRAFT
        .get(&session)
        .await?
        .filter(|d| d.behalf.as_ref().is_some_and(|b| b.person_id == person))
        .unwrap_or_else(|| Draft {
            token: crate::server::tokens::submission_token(),
            ..Default::default()
        });
    draft.behalf = Some(behalf);
    DRAFT.keep(&session, &draft).await?;
    let written = !draft.description.is_empty() && !draft.contact_phone.is_empty();
    Ok(Reply::go(if written {
        "/repairs/report/check"
    } else {
        "/repairs/report"
    }))
}
