//! Permissions a colleague records from a signed form or a phone call, as plain routes because
//! the form carries a file: recording one (`POST /staff/residents/{person}/permissions`) and
//! downloading the stored form (`GET /staff/permissions/{id}/evidence`).

use crate::documents::{failed, read_multipart, FileTo, Posted};
use app::api::permissions::{PaperValues, PAPER_FORM};
use app::server::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Records the permission, then back to the resident's page: with the problems, or saying it
/// was recorded.
pub async fn record(
    State(state): State<AppState>,
    session: Session,
    Path(person): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let back = format!("/staff/residents/{person}#people");
    // Asked before the file is read, so only a colleague who may record fills the store.
    if let Err(error) = app::server::authz::authorise_session(
        &state,
        &session,
        app::server::authz::Action::RecordPermissions,
    )
    .await
    {
        return failed(error, &back);
    }
    let mut posted = match multipart {
        Ok(m) => read_multipart(m, "evidence", FileTo::Store(&state.storage)).await,
        Err(_) => Posted::default(),
    };
    if let Some(error) = posted.failed.take() {
        return failed(error, &back);
    }
    let values = PaperValues {
        name: posted.get("name"),
        email: posted.get("email"),
        relationship: posted.get("relationship"),
        scope: posted.get("scope"),
        given_by: posted.get("given_by"),
        note: posted.get("note"),
        ends_day: posted.get("permission_ends_day"),
        ends_month: posted.get("permission_ends_month"),
        ends_year: posted.get("permission_ends_year"),
    };
    let outcome = if posted.too_big {
        let mut errors = app::domain::validation::FieldErrors::default();
        errors.add(
            "evidence",
            app::domain::documents::FileProblem::TooBig.message(),
        );
        Ok(app::server::permissions::Recorded::Refused(errors))
    } else {
        app::server::permissions::record(&state, &session, person, &values, posted.chosen).await
    };
    let kept = match outcome {
        Ok(app::server::permissions::Recorded::Done(message)) => {
            app::server::flash::keep(
                &session,
                "staff_resident_done",
                message,
                app::domain::validation::FieldErrors::default(),
            )
            .await
        }
        Ok(app::server::permissions::Recorded::Refused(errors)) => {
            app::server::flash::keep(&session, PAPER_FORM, values, errors).await
        }
        Err(error) => return failed(error, &back),
    };
    match kept {
        Ok(()) => Redirect::to(&back).into_response(),
        Err(error) => failed(error, &back),
    }
}

/// The signed form behind a permission, for colleagues who record them.
pub async fn evidence(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    match app::server::permissions::evidence(&state, &session, id).await {
        Ok(Some(download)) => crate::downloads::stored_file(download),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(app::error::AppError::SignInRequired) => StatusCode::UNAUTHORIZED.into_response(),
        Err(error) => {
            tracing::error!(?error, "permission evidence download failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
