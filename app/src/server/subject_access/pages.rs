//! What the colleagues' page for one request to see data shows: its deadlines, steps and
//! the form for the next one.

use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::subject_access::*;
use crate::wire::your_data::*;

/// One request, with the resident's needs and what may be done next. Opening it is audited.
pub async fn staff_request(
    state: &AppState,
    account: Account,
    reference: String,
) -> Result<StaffRequest, AppError> {
    use crate::server::db::accounts::{record_audit, AuditEvent};
    let row = crate::server::subject_access::by_reference(state, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now();
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "subject_access_viewed")
            .on("subject_access_request", &row.reference)
            .for_person(Some(row.person_id)),
        now,
    )
    .await?;
    let request = row.request()?;
    let schedule = state.site.schedule();
    let rule = &state.site.profile.subject_access;
    let extend_until = request.extension_open_until(now, rule, &schedule).map(|d| {
        crate::domain::london::to_local(d)
            .format(crate::format::DATE)
            .to_string()
    });
    let view = crate::server::subject_access::view(state, &row, true, now).await?;
    let banner = crate::server::preferences::needs_banner(state, &account, row.person_id).await?;
    let form = crate::server::forms::take_form::<StepValues>(STEP_FORM).await?;
    let session = crate::server::request::session()?;
    let done = crate::server::flash::take::<String>(&session, "subject_access_done")
        .await?
        .map(|r| r.values);
    Ok(StaffRequest {
        view,
        banner,
        extend_until,
        values: form.values,
        errors: form.errors,
        done,
    })
}
