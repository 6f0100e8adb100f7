//! The staff documents list, the upload form, a document's page and withdrawing one.

use super::*;

/// Every document by status (current unless asked) and place, newest upload first.
#[server(prefix = "/api", endpoint = "staff/documents")]
pub async fn get_staff_documents(
    status: Option<String>,
    place: Option<String>,
    page: Option<i64>,
) -> Result<StaffDocuments, AppError> {
    use crate::domain::documents::{Audience, Category, DocumentStatus};
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::documents::{self as store, Place};
    const PER_PAGE: i64 = 50;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    let status = status
        .and_then(|s| DocumentStatus::parse(&s))
        .unwrap_or(DocumentStatus::Current);
    let places = store::places(&state.db).await?;
    let chosen = place.clone().unwrap_or_default();
    let filter = chosen.split_once(':').and_then(|(k, id)| {
        let id = id.parse::<i64>().ok()?;
        match k {
            "block" => Some(Place::Block(id)),
            "estate" => Some(Place::Estate(id)),
            _ => None,
        }
    });
    let page = page.unwrap_or(1).clamp(1, 10_000);
    let (rows, total) = store::staff_list(
        &state.db,
        status.as_str(),
        filter,
        PER_PAGE,
        (page - 1) * PER_PAGE,
    )
    .await?;
    let date = |d: chrono::NaiveDate| d.format(crate::format::DATE).to_string();
    Ok(StaffDocuments {
        lines: rows
            .iter()
            .map(|d| StaffDocLine {
                reference: d.reference.clone(),
                title: d.title.clone(),
                category: d
                    .category()
                    .map(Category::label)
                    .unwrap_or("Document")
                    .to_owned(),
                place: d.place_name.clone().unwrap_or_default(),
                audience: Audience::parse(&d.audience)
                    .map(Audience::label)
                    .unwrap_or("")
                    .to_owned(),
                effective: date(d.effective_on),
                review: d.review_on.map(date),
                uploaded: crate::format::when(d.uploaded_at),
            })
            .collect(),
        total,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        status: status.as_str().to_owned(),
        place: chosen,
        statuses: support::offered(
            DocumentStatus::ALL,
            DocumentStatus::as_str,
            DocumentStatus::label,
        ),
        places: support::place_options(&places),
        may_upload: may(&account, Action::ManageDocuments),
        may_import: may(&account, Action::ManageServiceCharges),
    })
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
    use crate::domain::documents::{size_in_words, Audience, Category, DocumentStatus, FileKind};
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::documents as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    let reference = crate::domain::reference::normalise_reference("DC", &reference)
        .ok_or(AppError::NotFound)?;
    let doc = store::document_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let when = crate::format::when;
    let date = |d: chrono::NaiveDate| d.format(crate::format::DATE).to_string();
    let form = crate::server::forms::take_form::<UploadValues>(UPLOAD_FORM).await?;
    let (values, errors) = if form.values.replaces == doc.reference {
        (form.values, form.errors)
    } else {
        let (day, month, year) = (String::new(), String::new(), String::new());
        (
            UploadValues {
                title: doc.title.clone(),
                audience: doc.audience.clone(),
                replaces: doc.reference.clone(),
                effective_day: day,
                effective_month: month,
                effective_year: year,
                ..UploadValues::default()
            },
            FieldErrors::default(),
        )
    };
    let replace = support::upload_form(&state, values, errors).await?;
    let done = support::done_message(STAFF_DOCUMENTS_FORM).await?;
    let withdraw_error = done
        .as_deref()
        .and_then(|d| d.strip_prefix("error:"))
        .map(str::to_owned);
    let done = done.filter(|d| !d.starts_with("error:"));
    let replaced_by = match doc.replaced_by_id {
        Some(id) => store::document_by_id(&state.db, id)
            .await?
            .map(|d| d.reference),
        None => None,
    };
    let versions = store::versions(&state.db, &doc)
        .await?
        .into_iter()
        .map(|v| VersionLine {
            reference: v.reference.clone(),
            version: v.version,
            status: DocumentStatus::parse(&v.status)
                .map(DocumentStatus::label)
                .unwrap_or("")
                .to_owned(),
            uploaded: when(v.uploaded_at),
            title: v.title,
        })
        .collect();
    Ok(StaffDocument {
        reference: doc.reference.clone(),
        title: doc.title.clone(),
        category: doc
            .category()
            .map(Category::label)
            .unwrap_or("Document")
            .to_owned(),
        place: doc.place_name.clone().unwrap_or_default(),
        audience: Audience::parse(&doc.audience)
            .map(Audience::label)
            .unwrap_or("")
            .to_owned(),
        effective: date(doc.effective_on),
        review: doc.review_on.map(date),
        status: DocumentStatus::parse(&doc.status)
            .map(DocumentStatus::label)
            .unwrap_or("")
            .to_owned(),
        current: doc.status == "current",
        version: doc.version,
        uploaded: format!("{} by {}", when(doc.uploaded_at), doc.uploaded_by),
        file: format!(
            "{}, {}, {}",
            doc.filename,
            FileKind::from_content_type(&doc.content_type)
                .map(FileKind::label)
                .unwrap_or("File"),
            size_in_words(doc.size_bytes)
        ),
        downloads: store::download_count(&state.db, doc.id).await?,
        withdrawn: doc.withdrawn_at.map(|at| {
            format!(
                "{}: {}",
                when(at),
                doc.withdrawn_reason.clone().unwrap_or_default()
            )
        }),
        replaced_by,
        versions,
        may_manage: may(&account, Action::ManageDocuments),
        replace,
        withdraw_error,
        done,
    })
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
