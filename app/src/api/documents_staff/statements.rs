//! Service-charge statements for staff: the list, one statement, publishing.

use super::*;

/// Every statement, and the import form.
#[server(prefix = "/api", endpoint = "staff/service-charges")]
pub async fn get_staff_statements() -> Result<StaffStatements, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    crate::server::service_charges::staff_statements(&state, account).await
}

/// A statement for staff to check: its lines, every home's share, and residents' questions.
#[server(prefix = "/api", endpoint = "staff/service-charges/one")]
pub async fn get_staff_statement(reference: String) -> Result<StaffStatement, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    crate::server::service_charges::staff_statement(&state, account, reference).await
}

/// Publishes a draft statement: residents with a share see it from now on.
#[server(prefix = "/api", endpoint = "staff/service-charges/publish")]
pub async fn publish_statement(reference: String) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::service_charges as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageServiceCharges).await?;
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
        crate::server::notify::tell(&state, person, &notice, now).await?;
    }
    support::finish(
        STAFF_DOCUMENTS_FORM,
        "Published: residents can see it now",
        &back,
    )
    .await
}
