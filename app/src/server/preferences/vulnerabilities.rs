//! A vulnerability a colleague records with the resident's agreement, until a date at most
//! two years away.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::preferences::*;

/// Records a vulnerability the resident agreed to, until a date at most two years away.
pub async fn record(
    state: &AppState,
    account: Account,
    person: i64,
    values: VulnerabilityValues,
    agreed: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::error::AppError;
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::forms::Reply;

    if crate::server::db::preferences::contact(&state.db, person)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let today = crate::site::today();
    let mut errors = FieldErrors::default();
    if values.description.is_empty() {
        errors.add(
            "description",
            "Describe the vulnerability and what it means for our work",
        );
    } else if values.description.chars().count() > 500 {
        errors.add("description", "Use 500 characters or fewer");
    }
    if !CONSENTS.iter().any(|(c, _)| *c == values.consent) {
        errors.add(
            "consent",
            "Select how the resident agreed to us recording it",
        );
    }
    let ends = crate::domain::account::date_from_parts(
        &values.ends_day,
        &values.ends_month,
        &values.ends_year,
    );
    match ends {
        None => errors.add(
            "ends",
            "Enter the date to review or remove it, like 27 3 2027",
        ),
        Some(d) if d <= today => errors.add("ends", "The date must be in the future"),
        Some(d) if d > today + chrono::Duration::days(730) => {
            errors.add("ends", "The date can be at most two years away")
        }
        Some(_) => {}
    }
    if agreed.as_deref() != Some("yes") {
        errors.add("agreed", "Confirm the resident agreed to us recording this");
    }
    let Some(ends) = ends.filter(|_| errors.is_empty()) else {
        return Reply::back(
            RESIDENT_FORM,
            &format!("/staff/residents/{person}#vulnerability"),
            values,
            errors,
        );
    };
    let now = chrono::Utc::now();
    crate::server::db::preferences::record_vulnerability(
        &state.db,
        person,
        &values.description,
        &values.consent,
        ends,
        account.id,
        now,
    )
    .await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "vulnerability_recorded")
            .on("person", person)
            .for_person(Some(person)),
        now,
    )
    .await?;
    super::pages::resident_done(person, "Vulnerability recorded")
}
