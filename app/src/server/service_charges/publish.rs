//! Publishing a checked statement: each home's share made visible, and its residents told.

use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::documents::staff_forms as support;
use crate::server::state::AppState;
use crate::wire::documents_staff::*;

/// Publishes a draft statement: residents with a share see it from now on.
pub async fn publish(
    state: &AppState,
    account: Account,
    reference: String,
) -> Result<(), AppError> {
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::service_charges as store;
    let row = store::statement_by_reference(&state.db, reference.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/service-charges/{}", row.reference);
    let now = chrono::Utc::now();
    if !store::publish(&state.db, row.id, account.id, now).await? {
        return support::finish(
            STAFF_DOCUMENTS_FORM,
            "This statement is published already",
            &back,
        )
        .await;
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "service_charges_published")
            .on("service_charge_statement", &row.reference),
        now,
    )
    .await?;
    let notice = crate::server::notify::Notice {
        kind: crate::domain::preferences::MessageKind::DocumentPublished,
        subject: crate::server::service_charges::title_of(&row),
        what: format!(
            "Your {} is ready to read, line by line, with your share of each cost.",
            crate::server::service_charges::title_of(&row).to_lowercase()
        ),
        reference: Some(row.reference.clone()),
        path: Some(format!("/documents/service-charges/{}", row.reference)),
    };
    for person in store::people_with_shares(&state.db, row.id).await? {
        crate::server::notify::tell(state, person, &notice, now).await?;
    }
    support::finish(
        STAFF_DOCUMENTS_FORM,
        "Published: residents can see it now",
        &back,
    )
    .await
}
