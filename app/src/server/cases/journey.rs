//! The resident's side of a case: answering the journey's questions, sending it, replying
//! and escalating to stage 2.

use super::view as support;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::cases::*;

/// Saves one answer and goes to the next question, or to "check your answers".
pub async fn answer(
    state: &AppState,
    kind: String,
    field: String,
    value: String,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::server::forms::Reply;
    let kind = support::kind_of(state, &kind)?;
    let session = crate::server::request::session()?;
    let mut draft = support::draft_for(kind, None).await?;
    let writer = support::writer(state, draft.for_person).await?;
    let questions = kind.questions();
    let index = questions
        .iter()
        .position(|q| q.field == field)
        .ok_or(AppError::BadRequest)?;
    let question = questions[index];
    let typed = value;
    // A related reference must be one of the writer's own repairs or cases.
    let checked = match question.check(&typed) {
        Ok(answer) if question.field == "related" && !answer.is_empty() => {
            match crate::server::cases::pages::related_reference(state, &writer, &answer).await? {
                Some(reference) => {
                    draft.related = Some(reference.clone());
                    Ok(reference)
                }
                None => Err("Enter the reference of one of your repairs, complaints or questions, like RP-7K4QXP, or leave it blank".to_owned()),
            }
        }
        Ok(answer) => {
            if question.field == "related" {
                draft.related = None;
            }
            Ok(answer)
        }
        Err(message) => Err(message),
    };
    match checked {
        Err(message) => {
            let mut errors = FieldErrors::default();
            errors.add(question.field, message);
            let here = format!("/cases/new/{}/{}", kind.as_str(), question.field);
            Reply::back(CASE_FORM, &here, typed, errors)
        }
        Ok(answer) => {
            draft.answers.insert(question.field.to_owned(), answer);
            crate::server::cases::DRAFT.keep(&session, &draft).await?;
            // The next unanswered question (after this one, else from the start); the check
            // page when every answer is in (so a change link goes straight back).
            let unanswered =
                |q: &&crate::domain::cases::Question| !draft.answers.contains_key(q.field);
            let missing = questions
                .iter()
                .skip(index + 1)
                .find(unanswered)
                .or_else(|| questions.iter().find(unanswered));
            Ok(match missing {
                Some(next) => Reply::go(format!("/cases/new/{}/{}", kind.as_str(), next.field)),
                None => Reply::go(format!("/cases/new/{}/check", kind.as_str())),
            })
        }
    }
}

/// Sends the case: created once per token, then the case page with its confirmation.
pub async fn send(
    state: &AppState,
    kind: String,
    token: String,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::cases::Channel;
    use crate::server::cases::{open_case, Opening};
    use crate::server::forms::Reply;
    // Who may write a case is asked first, before anything is read from the session.
    crate::server::authz::authorise(crate::server::authz::Action::MakeCase).await?;
    let kind = support::kind_of(state, &kind)?;
    let session = crate::server::request::session()?;
    let draft = crate::server::cases::DRAFT.get(&session).await?;
    let Some(draft) = draft.filter(|d| d.kind == Some(kind) && d.token == token) else {
        // Sent already (a second click), or the session ended: the case list shows it.
        return Ok(Reply::go("/cases"));
    };
    let writer = support::writer(state, draft.for_person).await?;
    if kind
        .questions()
        .iter()
        .any(|q| !draft.answers.contains_key(q.field))
    {
        return Ok(Reply::go(format!(
            "/cases/new/{}/{}",
            kind.as_str(),
            kind.questions()[0].field
        )));
    }
    let now = chrono::Utc::now();
    let (reference, _) = open_case(
        state,
        Opening {
            token: draft.token.clone(),
            related: draft.related.clone(),
            ..Opening::new(
                kind,
                Some(writer.person_id),
                writer.made_by,
                Some(writer.account.id),
                Channel::Portal,
                &draft.answers,
                now,
            )
        },
        now,
    )
    .await?;
    if writer.made_by == crate::domain::cases::MadeBy::Advocate {
        use crate::server::db::accounts::{record_audit, AuditEvent};
        record_audit(
            &state.db,
            AuditEvent::by(Some(writer.account.id), "case_made_for_resident")
                .on("case", &reference)
                .for_person(Some(writer.person_id)),
            now,
        )
        .await?;
    }
    crate::server::cases::DRAFT.drop(&session).await?;
    Ok(Reply::go(format!("/cases/{reference}?sent=1")))
}

/// Escalation to stage 2: one button, no reason needed.
pub async fn escalate(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    staff: bool,
    _reference: String,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::cases::Step;
    use crate::server::forms::Reply;
    if staff {
        return Err(AppError::NotFound);
    }
    let now = chrono::Utc::now();
    let on_behalf = row
        .person_id
        .filter(|_| account.role == crate::domain::housing::Role::Advocate);
    let outcome = crate::server::cases::workflow::apply_step(
        state,
        &row,
        Step::Escalate,
        crate::server::db::cases::Change {
            stamps: vec!["escalated_at"],
            ..Default::default()
        },
        crate::server::db::cases::NewEvent::shown("escalated", "Stage 2 requested")
            .by(Some(account.id))
            .for_person(on_behalf),
        now,
    )
    .await?;
    let back = format!("/cases/{}", row.reference);
    if let Err(message) = outcome {
        let mut errors = FieldErrors::default();
        errors.add("escalate", message);
        return Reply::back(CASE_FORM, &back, String::new(), errors);
    }
    if let Some(row) =
        crate::server::db::cases::case_by_reference(&state.db, &row.reference).await?
    {
        let due = crate::server::db::cases::clocks(&state.db, row.id)
            .await?
            .into_iter()
            .find(|c| {
                use crate::domain::cases::ClockKind::{Acknowledge2, Respond2};
                [Acknowledge2.into(), Respond2.into()].contains(&c.kind)
            })
            .map(|c| crate::format::when(c.due_at))
            .unwrap_or_default();
        crate::server::cases::notify(state, &row, crate::domain::preferences::MessageKind::Acknowledged, &format!("We have your request to take the complaint to stage 2. We will acknowledge it by {due}.")).await?;
    }
    Ok(Reply::go(format!("{back}?escalated=1")))
}

/// A message from the resident or advocate on an open case.
pub async fn reply(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    staff: bool,
    _reference: String,
    message: String,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::cases::TEXT_LIMIT;
    use crate::server::db::cases::{add_event, NewEvent};
    use crate::server::forms::Reply;
    if staff {
        return Err(AppError::NotFound);
    }
    let back = format!("/cases/{}", row.reference);
    let message = message.trim().to_owned();
    let mut errors = FieldErrors::default();
    if !row.status.is_open() {
        errors.add(
            "message",
            "This case is closed. If you are unhappy, make a complaint about it",
        );
    } else if message.is_empty() {
        errors.add("message", "Write your message");
    } else if message.chars().count() > TEXT_LIMIT {
        errors.add(
            "message",
            format!("Your message must be {TEXT_LIMIT} characters or fewer"),
        );
    }
    if !errors.is_empty() {
        return Reply::back(CASE_FORM, &back, message, errors);
    }
    let on_behalf = row
        .person_id
        .filter(|_| account.role == crate::domain::housing::Role::Advocate);
    add_event(
        &state.db,
        row.id,
        &NewEvent::shown("message", "Message")
            .with_body(Some(message))
            .by(Some(account.id))
            .for_person(on_behalf),
        chrono::Utc::now(),
    )
    .await?;
    Ok(Reply::go(format!("{back}?replied=1")))
}
