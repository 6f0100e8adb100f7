//! Recording and removing a resident's vulnerabilities.

use super::*;

/// Records a vulnerability the resident agreed to, until a date at most two years away.
// Longer than 30 lines because six form fields, one argument each, gathered into the vulnerability's
// values before one call to `preferences::vulnerabilities::record`.
#[server(prefix = "/api", endpoint = "staff/vulnerability")]
pub async fn record_vulnerability(
    person: i64,
    #[server(default)] description: String,
    #[server(default)] consent: String,
    #[server(default)] ends_day: String,
    #[server(default)] ends_month: String,
    #[server(default)] ends_year: String,
    agreed: Option<String>,
) -> Result<(), crate::error::AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    use crate::server::state::app_state;
    let account = authorise(Action::ViewVulnerabilities).await?;
    let state = app_state()?;
    let values = VulnerabilityValues {
        description: description.trim().to_owned(),
        consent,
        ends_day,
        ends_month,
        ends_year,
    };
    use crate::server::preferences::vulnerabilities::record;
    crate::server::forms::answer(record(&state, account, person, values, agreed).await?).await
}

/// Removes a vulnerability (consent withdrawn, or it no longer applies).
#[server(prefix = "/api", endpoint = "staff/vulnerability-remove")]
pub async fn remove_vulnerability(person: i64, id: i64) -> Result<(), crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::state::app_state;
    let account = authorise(Action::ViewVulnerabilities).await?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    if !crate::server::db::preferences::remove_vulnerability(&state.db, id, person, account.id, now)
        .await?
    {
        return Err(crate::error::AppError::NotFound);
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "vulnerability_removed")
            .on("person", person)
            .for_person(Some(person)),
        now,
    )
    .await?;
    crate::server::forms::answer(crate::server::preferences::pages::resident_done(
        person,
        "Vulnerability removed",
    )?)
    .await
}
