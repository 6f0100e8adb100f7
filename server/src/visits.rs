//! `POST /visits/{id}/outcome`: what happened on a visit, and `GET /visits/photos/{id}`, a
//! photo of the finished work. The outcome is a plain route rather than a server function
//! because "how did you try to get in" posts one field per ticked box under the same name, and
//! "completed" carries its photos (a multipart form; the other outcomes' forms are not).

use crate::documents::failed;
use app::domain::validation::FieldErrors;
use app::server::forms::Reply;
use app::server::state::AppState;
use app::wire::visits::VISIT_FORM;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use tower_sessions::Session;

/// Three photos and the rest of the form around them.
pub const UPLOAD_LIMIT_BYTES: usize =
    app::server::repairs::MAX_PHOTOS * app::domain::images::MAX_PHOTO_BYTES + 64 * 1024;

/// A multipart form's text fields, and the files sent as `photo` (an empty file part, which a
/// browser sends when none was chosen, is left out). `Err` with what had been read when the
/// body could not be read to its end (too large, or cut off).
async fn read_multipart(
    mut multipart: Multipart,
) -> Result<(Vec<(String, String)>, Vec<Vec<u8>>), Vec<(String, String)>> {
    let (mut pairs, mut photos) = (Vec::new(), Vec::new());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok((pairs, photos)),
            Err(_) => return Err(pairs),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if field.file_name().is_some() || name == "photo" {
            match field.bytes().await {
                Ok(bytes) if bytes.is_empty() => {}
                Ok(bytes) if name == "photo" => photos.push(bytes.to_vec()),
                Ok(_) => {}
                Err(_) => return Err(pairs),
            }
        } else {
            match field.text().await {
                Ok(text) => pairs.push((name, text)),
                Err(_) => return Err(pairs),
            }
        }
    }
}

pub async fn outcome(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = format!("/visits/{id}");
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    // A body that is not a form is treated as an empty one: the form says what is missing.
    let (pairs, photos, unread) = if multipart {
        match Multipart::from_request(request, &state).await {
            Ok(multipart) => match read_multipart(multipart).await {
                Ok((pairs, photos)) => (pairs, photos, false),
                Err(pairs) => (pairs, Vec::new(), true),
            },
            Err(_) => (Vec::new(), Vec::new(), false),
        }
    } else {
        let form = Form::<Vec<(String, String)>>::from_request(request, &state).await;
        (form.map(|Form(p)| p).unwrap_or_default(), Vec::new(), false)
    };
    let account = match app::server::auth::session_account(&state, &session).await {
        Ok(Some(account)) => account,
        Ok(None) => return failed(app::error::AppError::SignInRequired, &back),
        Err(error) => return failed(error, &back),
    };
    let values = app::server::visits::outcome_values(&pairs);
    let reply = if unread {
        // The photos did not arrive whole: nothing is recorded, and what was typed is kept.
        let mut errors = FieldErrors::default();
        errors.add(
            "photo",
            "The photos could not be sent. Each must be smaller than 10 MB; try again, or record it without them",
        );
        Reply::back(VISIT_FORM, &back, (None::<String>, values), errors)
    } else {
        app::server::visits::record_outcome(&state, &account, id, values, photos).await
    };
    let reply = match reply {
        Ok(reply) => reply,
        Err(error) => return failed(error, &back),
    };
    match reply {
        Reply::Go(path) => Redirect::to(&path).into_response(),
        Reply::Back {
            form,
            path,
            values,
            errors,
        } => match app::server::flash::keep(&session, &form, values, errors).await {
            Ok(()) => Redirect::to(&path).into_response(),
            Err(error) => failed(error, &back),
        },
    }
}

/// `GET /visits/photos/{id}`: a photo of the finished work, for whoever may see the job's
/// photos; never cached, never sniffed.
pub async fn photo(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    crate::uploads::photo_response(app::server::repairs::work_photo_for(&state, &session, id).await)
}
