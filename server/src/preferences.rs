//! `POST /account/contact/save`: the contact preferences form. A plain route rather than a server
//! function because its checkbox groups post one field per ticked box under the same name.

use app::server::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use tower_sessions::Session;

pub async fn save(
    State(state): State<AppState>,
    session: Session,
    form: Result<Form<Vec<(String, String)>>, axum::extract::rejection::FormRejection>,
) -> Response {
    // A body that is not a form is treated as an empty one: every question gets its message.
    let pairs = form.map(|Form(p)| p).unwrap_or_default();
    match app::server::preferences::save(&state, &session, &pairs).await {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(app::error::AppError::SignInRequired) => Redirect::to(
            &app::domain::navigation::sign_in_returning_to("/account/contact"),
        )
        .into_response(),
        Err(app::error::AppError::NotFound) => axum::http::StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(?error, "contact preferences not saved");
            axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
