//! Repair photos in and out: a multipart upload for the report being written (one photo a
//! post, so a failed upload loses only that photo) and the photo itself for whoever may see it.
//! Both are plain routes rather than server functions because they carry bytes.

use app::domain::validation::FieldErrors;
use app::server::repairs::{add_draft_photo, photo_for, UploadRefused};
use app::server::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// One photo and the multipart framing around it.
pub const UPLOAD_LIMIT_BYTES: usize = app::domain::images::MAX_PHOTO_BYTES + 64 * 1024;

const PHOTOS_PAGE: &str = "/repairs/report/photos";

async fn back_with(session: &Session, message: &str) -> Response {
    let mut errors = FieldErrors::default();
    errors.add("photo", message);
    if let Err(error) =
        app::server::flash::keep(session, app::api::repairs::RESIDENT_FORM, (), errors).await
    {
        tracing::warn!(?error, "could not keep the upload error");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    Redirect::to(PHOTOS_PAGE).into_response()
}

/// `POST /repairs/report/photos/upload`: adds the photo to the draft and goes back to the
/// photos page, with a message when it was refused.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let Ok(mut multipart) = multipart else {
        return back_with(&session, "Choose a photo to add").await;
    };
    let mut bytes = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("photo") => match field.bytes().await {
                Ok(b) => {
                    bytes = Some(b);
                    break;
                }
                Err(_) => return back_with(&session, "The photo must be smaller than 10 MB").await,
            },
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => return back_with(&session, "The photo must be smaller than 10 MB").await,
        }
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return back_with(&session, "Choose a photo to add").await;
    };
    match add_draft_photo(&state, &session, &bytes, chrono::Utc::now()).await {
        Ok(()) => Redirect::to(PHOTOS_PAGE).into_response(),
        Err(UploadRefused::Photo(problem)) => back_with(&session, problem.message()).await,
        Err(UploadRefused::TooMany) => back_with(&session, "You can add up to 3 photos").await,
        Err(UploadRefused::NoDraft) => Redirect::to("/repairs/report").into_response(),
        Err(UploadRefused::Failed(app::error::AppError::SignInRequired)) => {
            Redirect::to("/sign-in?next=%2Frepairs%2Freport%2Fphotos").into_response()
        }
        Err(UploadRefused::Failed(app::error::AppError::NotFound)) => {
            StatusCode::NOT_FOUND.into_response()
        }
        Err(UploadRefused::Failed(error)) => {
            tracing::error!(?error, "photo upload failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /repairs/photos/{id}`: the photo, never cached, never sniffed.
pub async fn photo(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    photo_response(photo_for(&state, &session, id).await)
}

/// A stored photo as the answer to a request: the picture, or "not found" for one the caller
/// may not see or that does not exist.
pub fn photo_response(photo: Result<Option<(String, Vec<u8>)>, app::error::AppError>) -> Response {
    match photo {
        Ok(Some((content_type, bytes))) => {
            crate::downloads::private_file(bytes, &content_type, "inline")
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(app::error::AppError::SignInRequired) => StatusCode::UNAUTHORIZED.into_response(),
        Err(error) => {
            tracing::error!(?error, "photo could not be read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
