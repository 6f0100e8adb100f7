//! What the resident's case journey shows: one question a page, and the answers to check.

use super::view as support;
use crate::error::AppError;
use crate::server::state::AppState;
use crate::wire::cases::*;

/// One question of the journey. `about`: the repair or case a complaint is about; `person`:
/// the resident an advocate acts for (both kept in the draft from the first page).
pub async fn question(
    state: &AppState,
    kind: String,
    field: String,
    about: Option<String>,
    person: Option<String>,
) -> Result<CaseQuestion, AppError> {
    let kind = support::kind_of(state, &kind)?;
    let for_person = person.and_then(|p| p.trim().parse::<i64>().ok());
    let mut draft = support::draft_for(kind, for_person).await?;
    let writer = support::writer(state, draft.for_person.or(for_person)).await?;
    draft.for_person =
        (writer.made_by == crate::domain::cases::MadeBy::Advocate).then_some(writer.person_id);
    if let Some(about) = about.filter(|a| !a.trim().is_empty()) {
        draft.related = related_reference(state, &writer, &about).await?;
        if let Some(related) = &draft.related {
            draft.answers.insert("related".to_owned(), related.clone());
            // A question about a service-charge line starts by saying which line.
            if let Some((statement, position)) =
                crate::server::service_charges::line_reference(related)
            {
                if let Some(words) = crate::server::service_charges::line_for_person(
                    state,
                    &statement,
                    position,
                    writer.person_id,
                )
                .await?
                {
                    draft
                        .answers
                        .entry("what".to_owned())
                        .or_insert_with(|| format!("{words}: "));
                }
            }
        }
    }
    let questions = kind.questions();
    let index = questions
        .iter()
        .position(|q| q.field == field)
        .ok_or(AppError::NotFound)?;
    let question = questions[index];
    let session = crate::server::request::session()?;
    crate::server::cases::DRAFT.keep(&session, &draft).await?;
    let form = crate::server::forms::take_form::<String>(CASE_FORM).await?;
    let value = if form.errors.is_empty() {
        draft
            .answers
            .get(question.field)
            .cloned()
            .unwrap_or_default()
    } else {
        form.values
    };
    let back = if index == 0 {
        "/cases".to_owned()
    } else {
        format!(
            "/cases/new/{}/{}",
            kind.as_str(),
            questions[index - 1].field
        )
    };
    Ok(CaseQuestion {
        kind: kind.as_str().to_owned(),
        kind_label: kind.start_words().to_owned(),
        field: question.field.to_owned(),
        label: question.label.to_owned(),
        hint: question.hint.to_owned(),
        long: question.long,
        limit: question.limit(),
        value,
        errors: form.errors,
        back,
        number: index + 1,
        of: questions.len(),
        choices: question
            .choices
            .iter()
            .map(|(v, w)| ((*v).to_owned(), (*w).to_owned()))
            .collect(),
        acting_for: writer.acting_for,
        related: draft.related,
    })
}

/// "Check your answers" before sending.
pub async fn check(state: &AppState, kind: String) -> Result<CaseCheck, AppError> {
    use crate::domain::cases::CaseKind;
    let kind = support::kind_of(state, &kind)?;
    let draft = support::draft_for(kind, None).await?;
    let writer = support::writer(state, draft.for_person).await?;
    let mut rows = Vec::new();
    for q in kind.questions() {
        let Some(answer) = draft.answers.get(q.field) else {
            // Not finished: the first unanswered question says what is missing.
            return Err(AppError::NotFound);
        };
        rows.push((
            q.label.trim_end_matches(" (optional)").to_owned(),
            if answer.is_empty() {
                "None".to_owned()
            } else {
                q.words_for(answer).to_owned()
            },
            format!("/cases/new/{}/{}", kind.as_str(), q.field),
        ));
    }

    let profile = &state.site.profile;
    let next = match kind {
        CaseKind::Complaint => match profile.complaints.stages[0].acknowledge {
            Some(t) => format!(
                "We will acknowledge the complaint within {t} and tell you who is handling it."
            ),
            None => format!(
                "We will reply within {}.",
                profile.complaints.stages[0].respond
            ),
        },
        CaseKind::Compliment => {
            "We will pass your words on to the colleague and their manager.".to_owned()
        }
        _ => crate::domain::cases::promise_words(kind, profile),
    };
    Ok(CaseCheck {
        kind: kind.as_str().to_owned(),
        kind_label: kind.label().to_owned(),
        token: draft.token,
        rows,
        acting_for: writer.acting_for,
        next,
    })
}

/// A reference the writer may link a complaint to: one of their repairs or cases.
pub async fn related_reference(
    state: &crate::server::state::AppState,
    writer: &support::Writer,
    typed: &str,
) -> Result<Option<String>, AppError> {
    use crate::domain::reference::normalise_reference;
    if let Some((statement, position)) = crate::server::service_charges::line_reference(typed) {
        // Quoting a line (and the resident's share) is reading their documents.
        if !writer_may_read(state, writer, "documents").await? {
            return Ok(None);
        }
        let line = crate::server::service_charges::line_for_person(
            state,
            &statement,
            position,
            writer.person_id,
        )
        .await?;
        return Ok(line.map(|_| format!("{statement}-{position}")));
    }
    if let Some(reference) = normalise_reference("RP", typed) {
        if !writer_may_read(state, writer, "repairs").await? {
            return Ok(None);
        }
        let row = crate::server::db::repairs::repair_by_reference(&state.db, &reference).await?;
        return Ok(match row {
            Some(r)
                if crate::server::db::repairs::is_related(&state.db, &r, writer.person_id)
                    .await? =>
            {
                Some(reference)
            }
            _ => None,
        });
    }
    if let Some((_, reference)) = crate::domain::cases::CaseKind::of_reference(typed) {
        let row = crate::server::db::cases::case_by_reference(&state.db, &reference).await?;
        return Ok(row
            .filter(|r| r.person_id == Some(writer.person_id))
            .map(|_| reference));
    }
    Ok(None)
}

/// Whether the writer may bring a record of this area into a case: a resident their own always;
/// an advocate (whose permission covers complaints) only with a current permission for the
/// area too, so a complaints permission is no way into the resident's documents or repairs.
pub async fn writer_may_read(
    state: &crate::server::state::AppState,
    writer: &support::Writer,
    scope: &str,
) -> Result<bool, AppError> {
    if writer.made_by != crate::domain::cases::MadeBy::Advocate {
        return Ok(true);
    }
    Ok(crate::server::db::cases::represented(
        &state.db,
        writer.account.id,
        scope,
        crate::site::today(),
    )
    .await?
    .iter()
    .any(|r| r.person_id == writer.person_id))
}
