//! A colleague's steps on documents: recording that yearly safety information was given,
//! and withdrawing a document.

use super::staff_forms as support;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::documents_staff::*;

/// Records that a resident was given this year's fire safety instructions another way.
/// `recipient`: "person:home" from the list of those due.
pub async fn safety_given(
    state: &AppState,
    account: Account,
    recipient: Option<String>,
    how: String,
    given_day: Option<String>,
    given_month: Option<String>,
    given_year: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::documents::Category;
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::documents as store;
    let back = "/staff/documents/safety";
    let mut errors = FieldErrors::default();
    let recipients = store::safety_recipients(&state.db, Category::FireSafetyInstructions).await?;
    let chosen = recipient
        .as_deref()
        .and_then(|r| r.split_once(':'))
        .and_then(|(p, h)| Some((p.trim().parse::<i64>().ok()?, h.trim().parse::<i64>().ok()?)))
        .filter(|(p, h)| {
            recipients
                .iter()
                .any(|r| r.person_id == *p && r.home_id == *h)
        });
    if chosen.is_none() {
        errors.add("recipient", "Choose who was given them");
    }
    if !["email", "letter", "by_hand"].contains(&how.as_str()) {
        errors.add("how", "Choose how they were given them");
    }
    let today = crate::site::today();
    let given = crate::domain::validation::date_of(
        given_day.as_deref().unwrap_or(""),
        given_month.as_deref().unwrap_or(""),
        given_year.as_deref().unwrap_or(""),
    );
    match given {
        Some(d) if d <= today => {}
        Some(_) => errors.add(
            "given",
            "The date they were given them cannot be in the future",
        ),
        None => errors.add(
            "given",
            "Enter the date they were given them, like 2 4 2026",
        ),
    }
    let (Some((person_id, home_id)), Some(given), true) = (chosen, given, errors.is_empty()) else {
        return crate::server::forms::back_to_form(
            STAFF_DOCUMENTS_FORM,
            back,
            None::<String>,
            errors,
        )
        .await;
    };
    let now = chrono::Utc::now();
    store::record_given(
        &state.db,
        person_id,
        home_id,
        Category::FireSafetyInstructions,
        given,
        &how,
        None,
        Some(account.id),
        now,
    )
    .await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "safety_information_given")
            .on("person", person_id)
            .for_person(Some(person_id))
            .detail(format!("fire safety instructions, {how}, {given}")),
        now,
    )
    .await?;
    support::finish(STAFF_DOCUMENTS_FORM, "Recorded as given", back).await
}

/// Withdraws a current document: residents no longer see it; staff still can.
pub async fn withdraw(
    state: &AppState,
    account: Account,
    reference: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::documents as store;
    let doc = store::document_by_reference(&state.db, reference.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/documents/{}", doc.reference);
    let reason = reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 500 {
        return support::finish(
            STAFF_DOCUMENTS_FORM,
            "error:Say why it is withdrawn, in 500 characters or fewer",
            &back,
        )
        .await;
    }
    let now = chrono::Utc::now();
    if !store::withdraw(&state.db, doc.id, account.id, &reason, now).await? {
        return support::finish(
            STAFF_DOCUMENTS_FORM,
            "error:This version is not current any more, so it cannot be withdrawn",
            &back,
        )
        .await;
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "document_withdrawn")
            .on("document", &doc.reference)
            .detail(reason),
        now,
    )
    .await?;
    support::finish(STAFF_DOCUMENTS_FORM, "Document withdrawn", &back).await
}
