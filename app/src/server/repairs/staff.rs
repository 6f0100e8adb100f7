//! A colleague's change to a job, once checked: written with its timeline entry, audited
//! against the resident, told to everyone on the job, and the colleague sent back to the job.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::{record_audit, Account, AuditEvent};
use crate::server::db::repairs::{change_repair, Change, NewEvent, RepairRow};
use crate::server::state::AppState;
use crate::wire::repairs_staff::STAFF_FORM;

/// A colleague's change to a job, checked and ready: the change, its timeline entry, and
/// what to tell the resident (if anything).
pub struct Planned {
    pub change: Change,
    pub event: NewEvent,
    pub tell: Option<String>,
}

/// Applies a checked change with its timeline entry, records it in the audit trail against
/// the resident, tells everyone on the job, and goes back to the job with "done".
pub async fn apply(
    state: &AppState,
    account: &Account,
    row: &RepairRow,
    action: &str,
    planned: Planned,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    use crate::domain::preferences::MessageKind;
    let Planned {
        change,
        event,
        tell,
    } = planned;
    change_repair(&state.db, row.id, &change, Some(&event), now).await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "repair_changed")
            .on("repair", &row.reference)
            .for_person(Some(row.reported_by_person_id))
            .detail(action.to_owned()),
        now,
    )
    .await?;
    if let Some(what) = tell {
        let kind = match action {
            "on_the_way" => MessageKind::OperativeOnTheWay,
            "priority" => MessageKind::DeadlineExtended,
            _ => MessageKind::Update,
        };
        crate::server::repairs::notify(state, row.id, &row.reference, &row.summary, kind, &what)
            .await?;
    }
    let session = crate::server::request::session()?;
    crate::server::flash::keep(
        &session,
        STAFF_FORM,
        Some(event.title.clone()),
        FieldErrors::default(),
    )
    .await?;
    crate::server::request::redirect(&format!("/staff/repairs/{}", row.reference));
    Ok(())
}
