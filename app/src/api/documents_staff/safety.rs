//! Who has not had this year's safety information, and recording that it was given.

use super::*;

/// Everyone named on a tenancy or lease in a block, with when they last had the fire safety
/// instructions; those without this year's first.
#[server(prefix = "/api", endpoint = "staff/documents/safety")]
pub async fn get_safety_information() -> Result<SafetyPage, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    crate::server::documents::safety_information(&state, account).await
}

/// Records that a resident was given this year's fire safety instructions another way.
/// `recipient`: "person:home" from the list of those due.
#[server(prefix = "/api", endpoint = "staff/documents/safety-given")]
pub async fn record_safety_given(
    recipient: Option<String>,
    #[server(default)] how: String,
    given_day: Option<String>,
    given_month: Option<String>,
    given_year: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::documents::Category;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::documents as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageDocuments).await?;
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
