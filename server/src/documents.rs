//! Documents and service charges as plain routes, because they carry files: the upload (a new
//! document or a new version), the statement import, the document download (streamed, never
//! cached, never sniffed), and a statement as CSV and as a printable page.

use crate::downloads::attachment;
use app::api::documents_staff::{ImportValues, UploadValues, IMPORT_FORM, UPLOAD_FORM};
use app::server::authz::Action;
use app::server::state::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

/// One document and the multipart framing and fields around it.
pub const UPLOAD_LIMIT_BYTES: usize = app::domain::documents::MAX_DOCUMENT_BYTES + 256 * 1024;

/// Where a form's file goes as it is read.
pub(crate) enum FileTo<'a> {
    /// Held in memory (a statement's CSV, read whole anyway).
    Memory,
    /// Written to the store as it arrives and checked as a document
    /// (`app::server::documents::receive`): never held whole.
    Store(&'a app::server::storage::Storage),
}

/// A form's text fields and its one file: in memory (name and bytes) or already in the store
/// (`chosen`); `None` when no file was chosen.
#[derive(Default)]
pub(crate) struct Posted {
    fields: Vec<(String, String)>,
    pub(crate) file: Option<(String, Vec<u8>)>,
    pub(crate) chosen: Option<app::server::documents::Chosen>,
    pub(crate) too_big: bool,
    /// The store failed while the file was written.
    pub(crate) failed: Option<app::error::AppError>,
}

/// Reads a multipart form whose file input is named `file_field`.
pub(crate) async fn read_multipart(
    mut multipart: Multipart,
    file_field: &str,
    file_to: FileTo<'_>,
) -> Posted {
    use app::domain::documents::FileProblem;
    let mut posted = Posted::default();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                if name != file_field {
                    if let Ok(text) = field.text().await {
                        posted.fields.push((name, text));
                    }
                    continue;
                }
                let filename = field.file_name().unwrap_or_default().to_owned();
                match file_to {
                    FileTo::Memory => match field.bytes().await {
                        // A form with no file chosen sends an empty part with no name.
                        Ok(bytes) if bytes.is_empty() && filename.is_empty() => {}
                        Ok(bytes) => posted.file = Some((filename, bytes.to_vec())),
                        Err(_) => {
                            posted.too_big = true;
                            break;
                        }
                    },
                    FileTo::Store(storage) => {
                        match app::server::documents::receive(storage, &filename, field).await {
                            Ok(Some(Err(FileProblem::TooBig))) => {
                                posted.too_big = true;
                                break;
                            }
                            Ok(None) => {}
                            Ok(Some(chosen)) => {
                                // One file per form: a second part replaces the first.
                                if let Some(Ok(earlier)) = posted.chosen.replace(chosen) {
                                    let _ = storage.delete(&earlier.key).await;
                                }
                            }
                            Err(error) => {
                                posted.failed = Some(error);
                                break;
                            }
                        }
                    }
                }
            }
            Ok(None) => break,
            Err(_) => {
                posted.too_big = true;
                break;
            }
        }
    }
    posted
}

impl Posted {
    pub(crate) fn get(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

pub(crate) fn failed(error: app::error::AppError, back: &str) -> Response {
    match error {
        app::error::AppError::SignInRequired => {
            Redirect::to(&app::domain::navigation::sign_in_returning_to(back)).into_response()
        }
        app::error::AppError::NotFound => StatusCode::NOT_FOUND.into_response(),
        error => {
            tracing::error!(?error, "upload failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// On to `to`, where the page says `message`.
async fn done(session: &Session, message: &str, to: &str, back: &str) -> Response {
    match app::server::flash::keep(
        session,
        app::api::documents_staff::STAFF_DOCUMENTS_FORM,
        Some(message.to_owned()),
        app::domain::validation::FieldErrors::default(),
    )
    .await
    {
        Ok(()) => Redirect::to(to).into_response(),
        Err(error) => failed(error, back),
    }
}

/// `POST /staff/documents/upload`: a new document, or a new version when `replaces` is set.
/// Back to the form with every problem, or on to the document's page.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    // Asked before the file is read, so only a colleague who may upload fills the store.
    if let Err(error) =
        app::server::authz::authorise_session(&state, &session, Action::ManageDocuments).await
    {
        return failed(error, "/staff/documents/new");
    }
    let mut posted = match multipart {
        Ok(m) => read_multipart(m, "file", FileTo::Store(&state.storage)).await,
        Err(_) => Posted::default(),
    };
    if let Some(error) = posted.failed.take() {
        return failed(error, "/staff/documents/new");
    }
    let values = UploadValues {
        token: posted.get("token"),
        category: posted.get("category"),
        title: posted.get("title"),
        effective_day: posted.get("effective_day"),
        effective_month: posted.get("effective_month"),
        effective_year: posted.get("effective_year"),
        review_day: posted.get("review_day"),
        review_month: posted.get("review_month"),
        review_year: posted.get("review_year"),
        audience: posted.get("audience"),
        place: posted.get("place"),
        tenancy_reference: posted.get("tenancy_reference"),
        replaces: posted.get("replaces"),
    };
    let back = if values.replaces.is_empty() {
        "/staff/documents/new".to_owned()
    } else {
        format!("/staff/documents/{}#replace", values.replaces.trim())
    };
    let outcome = if posted.too_big {
        let mut errors = app::domain::validation::FieldErrors::default();
        errors.add(
            "file",
            app::domain::documents::FileProblem::TooBig.message(),
        );
        Ok(app::server::documents::Uploaded::Refused(errors))
    } else {
        app::server::documents::upload(&state, &session, &values, posted.chosen).await
    };
    match outcome {
        Ok(app::server::documents::Uploaded::Stored(reference)) => {
            let message = if values.replaces.is_empty() {
                "Document uploaded"
            } else {
                "New version uploaded"
            };
            done(
                &session,
                message,
                &format!("/staff/documents/{reference}"),
                &back,
            )
            .await
        }
        Ok(app::server::documents::Uploaded::Refused(errors)) => {
            match app::server::flash::keep(&session, UPLOAD_FORM, values, errors).await {
                Ok(()) => Redirect::to(&back).into_response(),
                Err(error) => failed(error, &back),
            }
        }
        Err(error) => failed(error, &back),
    }
}

/// `POST /staff/service-charges/import`: a statement from CSV, all or nothing.
pub async fn import(
    State(state): State<AppState>,
    session: Session,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let back = "/staff/service-charges";
    let posted = match multipart {
        Ok(m) => read_multipart(m, "file", FileTo::Memory).await,
        Err(_) => Posted::default(),
    };
    let mut values = ImportValues {
        place: posted.get("place"),
        year: posted.get("year"),
        kind: posted.get("kind"),
        method: posted.get("method"),
        problems: Vec::new(),
    };
    let outcome = if posted.too_big {
        let mut errors = app::domain::validation::FieldErrors::default();
        errors.add("file", "The file must be smaller than 256 KB");
        Ok(app::server::service_charges::Imported::Refused(
            errors,
            Vec::new(),
        ))
    } else {
        let file = posted
            .file
            .as_ref()
            .map(|(name, bytes)| (name.clone(), bytes.as_slice()));
        app::server::service_charges::import(&state, &session, &values, file).await
    };
    match outcome {
        Ok(app::server::service_charges::Imported::Saved(reference)) => {
            done(
                &session,
                "Imported as a draft: check it, then publish",
                &format!("/staff/service-charges/{reference}"),
                back,
            )
            .await
        }
        Ok(app::server::service_charges::Imported::Refused(errors, problems)) => {
            values.problems = problems;
            match app::server::flash::keep(&session, IMPORT_FORM, values, errors).await {
                Ok(()) => Redirect::to(&format!("{back}#import")).into_response(),
                Err(error) => failed(error, back),
            }
        }
        Err(error) => failed(error, back),
    }
}

#[derive(Deserialize)]
pub struct ForPerson {
    #[serde(rename = "for")]
    person: Option<String>,
}

impl ForPerson {
    fn person(&self) -> Option<i64> {
        self.person.as_deref().and_then(|p| p.trim().parse().ok())
    }
}

/// `GET /documents/{reference}/file`: the document for whoever may have it, as an attachment.
pub async fn file(
    State(state): State<AppState>,
    session: Session,
    Path(reference): Path<String>,
    Query(query): Query<ForPerson>,
) -> Response {
    match app::server::documents::download(&state, &session, &reference, query.person()).await {
        Ok(Some(download)) => crate::downloads::stored_file(download),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(app::error::AppError::SignInRequired) => Redirect::to(
            &app::domain::navigation::sign_in_returning_to(&format!("/documents/{reference}/file")),
        )
        .into_response(),
        Err(error) => {
            tracing::error!(?error, "document download failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /documents/service-charges/{reference}/csv`: the home's statement as CSV.
pub async fn statement_csv(
    State(state): State<AppState>,
    session: Session,
    Path(reference): Path<String>,
    Query(query): Query<ForPerson>,
) -> Response {
    let result =
        app::server::service_charges::statement_csv(&state, &session, &reference, query.person())
            .await;
    attachment(result, "text/csv; charset=utf-8")
}

/// `GET /documents/service-charges/{reference}/print`: the home's statement on its own page.
pub async fn statement_print(
    State(state): State<AppState>,
    session: Session,
    Path(reference): Path<String>,
    Query(query): Query<ForPerson>,
) -> Response {
    match app::server::service_charges::statement_print(
        &state,
        &session,
        &reference,
        query.person(),
    )
    .await
    {
        Ok(Some(html)) => {
            let mut response = Html(html).into_response();
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(app::error::AppError::SignInRequired) => StatusCode::UNAUTHORIZED.into_response(),
        Err(error) => {
            tracing::error!(?error, "printable statement failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
