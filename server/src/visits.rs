//! `POST /visits/{id}/outcome`: what happened on a visit. A plain route rather than a server
//! function because "how did you try to get in" posts one field per ticked box under the same
//! name.

use crate::documents::failed;
use app::server::forms::Reply;
use app::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use tower_sessions::Session;

pub async fn outcome(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    form: Result<Form<Vec<(String, String)>>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = format!("/visits/{id}");
    // A body that is not a form is treated as an empty one: the form says what is missing.
    let pairs = form.map(|Form(p)| p).unwrap_or_default();
    let account = match app::server::auth::session_account(&state, &session).await {
        Ok(Some(account)) => account,
        Ok(None) => return failed(app::error::AppError::SignInRequired, &back),
        Err(error) => return failed(error, &back),
    };
    let values = app::server::visits::outcome_values(&pairs);
    let reply = match app::server::visits::record_outcome(&state, &account, id, values).await {
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
