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
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageDocuments).await?;
    crate::server::documents::staff_steps::withdraw(&state, account, reference, reason).await
}
