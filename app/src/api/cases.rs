//! Complaints, compliments and questions for residents and advocates: "Your complaints and
//! questions", the journey one question a page (check your answers, send once), the case page
//! with its deadlines, responses and timeline, replying, and escalating to stage 2.
//!
//! An advocate acts only for residents whose current permission covers complaints; the
//! permission is checked again on every request, so a withdrawn or expired one stops at once.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::cases::*;

#[cfg(feature = "ssr")]
use crate::server::cases::view as support;

/// The area's start page: the cases about the resident (or, for an advocate, the residents
/// they act for), newest first.
#[server(prefix = "/api", endpoint = "cases/home")]
pub async fn get_cases_home() -> Result<CasesHome, AppError> {
    use crate::domain::housing::Role;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::cases as store;
    let account = authorise(Action::MakeCase).await?;
    let state = crate::server::state::app_state()?;
    let now = chrono::Utc::now();
    if account.role == Role::Advocate {
        let people = support::represented(&state, &account).await?;
        let ids: Vec<i64> = people.iter().map(|p| p.person_id).collect();
        let rows = store::cases_for(&state.db, &ids, None).await?;
        return Ok(CasesHome {
            advocate: true,
            represented: crate::server::permissions::represented_choices(people),
            lines: rows.iter().map(|r| support::line(&state, r, now)).collect(),
        });
    }
    let person_id = account.person_id.ok_or(AppError::NotFound)?;
    let rows = store::cases_for(&state.db, &[person_id], Some(account.id)).await?;
    Ok(CasesHome {
        advocate: false,
        represented: Vec::new(),
        lines: rows.iter().map(|r| support::line(&state, r, now)).collect(),
    })
}

/// One question of the journey. `about`: the repair or case a complaint is about; `person`:
/// the resident an advocate acts for (both kept in the draft from the first page).
#[server(prefix = "/api", endpoint = "cases/question")]
pub async fn get_case_question(
    kind: String,
    field: String,
    about: Option<String>,
    person: Option<String>,
) -> Result<CaseQuestion, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::cases::pages::question(&state, kind, field, about, person).await
}

/// Saves one answer and goes to the next question, or to "check your answers".
#[server(prefix = "/api", endpoint = "cases/answer")]
pub async fn case_answer(
    kind: String,
    field: String,
    #[server(default)] value: String,
) -> Result<(), AppError> {
    let state = crate::server::state::app_state()?;
    let kind = support::kind_of(&kind)?;
    let session = crate::server::request::session()?;
    let mut draft = support::draft_for(kind, None).await?;
    let writer = support::writer(&state, draft.for_person).await?;
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
            match crate::server::cases::pages::related_reference(&state, &writer, &answer).await? {
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
            crate::server::forms::back_to_form(CASE_FORM, &here, typed, errors).await
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
            match missing {
                Some(next) => crate::server::request::redirect(&format!(
                    "/cases/new/{}/{}",
                    kind.as_str(),
                    next.field
                )),
                None => {
                    crate::server::request::redirect(&format!("/cases/new/{}/check", kind.as_str()))
                }
            }
            Ok(())
        }
    }
}

/// "Check your answers" before sending.
#[server(prefix = "/api", endpoint = "cases/check")]
pub async fn get_case_check(kind: String) -> Result<CaseCheck, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::cases::pages::check(&state, kind).await
}

/// Sends the case: created once per token, then the case page with its confirmation.
#[server(prefix = "/api", endpoint = "cases/send")]
pub async fn send_case(kind: String, #[server(default)] token: String) -> Result<(), AppError> {
    use crate::domain::cases::Channel;
    use crate::server::cases::{open_case, Opening};
    // Who may write a case is asked first, before anything is read from the session.
    crate::server::authz::authorise(crate::server::authz::Action::MakeCase).await?;
    let state = crate::server::state::app_state()?;
    let kind = support::kind_of(&kind)?;
    let session = crate::server::request::session()?;
    let draft = crate::server::cases::DRAFT.get(&session).await?;
    let Some(draft) = draft.filter(|d| d.kind == Some(kind) && d.token == token) else {
        // Sent already (a second click), or the session ended: the case list shows it.
        crate::server::request::redirect("/cases");
        return Ok(());
    };
    let writer = support::writer(&state, draft.for_person).await?;
    if kind
        .questions()
        .iter()
        .any(|q| !draft.answers.contains_key(q.field))
    {
        crate::server::request::redirect(&format!(
            "/cases/new/{}/{}",
            kind.as_str(),
            kind.questions()[0].field
        ));
        return Ok(());
    }
    let now = chrono::Utc::now();
    let (reference, _) = open_case(
        &state,
        Opening {
            token: draft.token.clone(),
            kind,
            person_id: writer.person_id,
            made_by: writer.made_by,
            made_by_account_id: Some(writer.account.id),
            channel: Channel::Portal,
            answers: &draft.answers,
            related: draft.related.clone(),
            received_at: now,
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
    crate::server::request::redirect(&format!("/cases/{reference}?sent=1"));
    Ok(())
}

/// A case's page with the messages of a form on it that failed.
#[server(prefix = "/api", endpoint = "cases/page")]
pub async fn get_case_page(reference: String) -> Result<(CaseView, FieldErrors), AppError> {
    let (_, state, row, staff) = support::visible_case(&reference).await?;
    if staff {
        // Colleagues work from the staff page, which records that they looked.
        crate::server::request::redirect(&format!("/staff/cases/{}", row.reference));
        return Ok((CaseView::default(), FieldErrors::default()));
    }
    let view = support::view(&state, &row, false, chrono::Utc::now()).await?;
    let errors = crate::server::forms::take_form::<String>(CASE_FORM)
        .await?
        .errors;
    Ok((view, errors))
}

/// A message from the resident or advocate on an open case.
#[server(prefix = "/api", endpoint = "cases/reply")]
pub async fn reply_to_case(
    reference: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::domain::cases::TEXT_LIMIT;
    use crate::server::db::cases::{add_event, NewEvent};
    let (account, state, row, staff) = support::visible_case(&reference).await?;
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
        return crate::server::forms::back_to_form(CASE_FORM, &back, message, errors).await;
    }
    let on_behalf =
        (account.role == crate::domain::housing::Role::Advocate).then_some(row.person_id);
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
    crate::server::request::redirect(&format!("{back}?replied=1"));
    Ok(())
}

/// Escalation to stage 2: one button, no reason needed.
#[server(prefix = "/api", endpoint = "cases/escalate")]
pub async fn escalate_case(reference: String) -> Result<(), AppError> {
    use crate::domain::cases::Step;
    let (account, state, row, staff) = support::visible_case(&reference).await?;
    if staff {
        return Err(AppError::NotFound);
    }
    let now = chrono::Utc::now();
    let on_behalf =
        (account.role == crate::domain::housing::Role::Advocate).then_some(row.person_id);
    let outcome = crate::server::cases::workflow::apply_step(
        &state,
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
        return crate::server::forms::back_to_form(CASE_FORM, &back, String::new(), errors).await;
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
        crate::server::cases::notify(&state, &row, crate::domain::preferences::MessageKind::Acknowledged, &format!("We have your request to take the complaint to stage 2. We will acknowledge it by {due}.")).await?;
    }
    crate::server::request::redirect(&format!("{back}?escalated=1"));
    Ok(())
}
