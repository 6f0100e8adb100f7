//! The staff documents list, the upload form, a document's page and withdrawing one.

use super::*;

/// Every document by status (current unless asked) and place, newest upload first.
#[server(prefix = "/api", endpoint = "staff/documents")]
pub async fn get_staff_documents(
    status: Option<String>,
    place: Option<String>,
    page: Option<i64>,
) -> Result<StaffDocuments, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    crate::server::documents::staff_documents(&state, account, status, place, page).await
}

#[server(prefix = "/api", endpoint = "staff/documents/upload-form")]
pub async fn get_upload_form() -> Result<UploadForm, AppError> {
    use crate::server::authz::{authorise, Action};
    let state = crate::server::state::app_state()?;
    authorise(Action::ManageDocuments).await?;
    let form = crate::server::forms::take_form::<UploadValues>(UPLOAD_FORM).await?;
    let values = if form.values.replaces.is_empty() {
        form.values
    } else {
        UploadValues::default()
    };
    support::upload_form(&state, values, form.errors).await
}

/// A document's page for staff: its details, versions and downloads, with the replace and
/// withdraw forms for those who may.
#[server(prefix = "/api", endpoint = "staff/documents/one")]
pub async fn get_staff_document(reference: String) -> Result<StaffDocument, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    crate::server::documents::staff_document(&state, account, reference).await
}

/// Withdraws a current document: residents no longer see it; staff still can.
#[server(prefix = "/api", endpoint = "staff/documents/withdraw")]
pub async fn withdraw_document(
    reference: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::documents as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageDocuments).await?;
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
