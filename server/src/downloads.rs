//! Files to download: a complaint's evidence pack and the complaints report as CSV (staff), and
//! a resident's own data as JSON. Plain routes, because they are attachments rather than pages;
//! never cached, never sniffed.

use app::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

/// A private file: its type, how the browser shows it (`inline`, or `attachment` with a name
/// that needs no escaping), never cached, never sniffed.
pub(crate) fn private_file(
    body: impl IntoResponse,
    content_type: &str,
    disposition: &str,
) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// A stored file (a document, a signed form) as an attachment, streamed from the disk or the
/// object store as it is sent, with its length.
pub(crate) fn stored_file(download: app::server::documents::Download) -> Response {
    let body = axum::body::Body::from_stream(download.body.0);
    // The name was cleaned on upload to letters, digits and ". -_()".
    let mut response = private_file(
        body,
        &download.content_type,
        &format!("attachment; filename=\"{}\"", download.filename),
    );
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(download.size));
    response
}

pub(crate) fn attachment(
    result: Result<Option<(String, String)>, app::error::AppError>,
    content_type: &'static str,
) -> Response {
    match result {
        // The name is built from a checked reference and dates: nothing to escape.
        Ok(Some((filename, body))) => private_file(
            body,
            content_type,
            &format!("attachment; filename=\"{filename}\""),
        ),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(app::error::AppError::SignInRequired) => StatusCode::UNAUTHORIZED.into_response(),
        Err(error) => {
            tracing::error!(?error, "download failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /staff/cases/{reference}/evidence`: the complaint's whole record as one document.
pub async fn evidence(
    State(state): State<AppState>,
    session: Session,
    Path(reference): Path<String>,
) -> Response {
    let result = app::server::cases::evidence_pack(&state, &session, &reference).await;
    attachment(result, "text/html; charset=utf-8")
}

#[derive(Deserialize)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
}

/// `GET /staff/reports/complaints.csv?from=&to=`: CH01 and CH02 for the period.
pub async fn complaints_csv(
    State(state): State<AppState>,
    session: Session,
    Query(period): Query<Period>,
) -> Response {
    let result = app::server::cases::complaints_csv(
        &state,
        &session,
        period.from.as_deref(),
        period.to.as_deref(),
    )
    .await;
    attachment(result, "text/csv; charset=utf-8")
}

/// `GET /staff/reports/measures.csv?from=&to=`: RP02 or the Charter indicators, and the
/// portal's own repairs survey, for the period.
pub async fn measures_csv(
    State(state): State<AppState>,
    session: Session,
    Query(period): Query<Period>,
) -> Response {
    let result = app::server::performance::measures_csv(
        &state,
        &session,
        period.from.as_deref(),
        period.to.as_deref(),
    )
    .await;
    attachment(result, "text/csv; charset=utf-8")
}

/// `GET /staff/dashboard.csv`: the managers' dashboard's figures.
pub async fn dashboard_csv(State(state): State<AppState>, session: Session) -> Response {
    attachment(
        app::server::dashboard::csv(&state, &session).await,
        "text/csv; charset=utf-8",
    )
}

/// `GET /how-we-are-doing.csv`: the public results, for anyone.
pub async fn performance_csv(State(state): State<AppState>) -> Response {
    let today = app::domain::london::to_local(chrono::Utc::now()).date();
    let result = match app::server::performance::public_cached(&state, today).await {
        Ok(p) => app::server::performance::public_csv(&p)
            .map(|csv| Some((format!("how-we-are-doing-{today}.csv"), csv))),
        Err(error) => Err(error),
    };
    attachment(result, "text/csv; charset=utf-8")
}

/// `GET /account/your-data.json`: everything held about the signed-in resident, as a file.
/// Signed out, the browser is sent to sign in and then to "Your data".
pub async fn your_data(State(state): State<AppState>, session: Session) -> Response {
    match app::server::your_data::file(&state, &session).await {
        Err(app::error::AppError::SignInRequired) => axum::response::Redirect::to(
            &app::domain::navigation::sign_in_returning_to("/account/your-data"),
        )
        .into_response(),
        result => attachment(result, "application/json; charset=utf-8"),
    }
}

/// `GET /staff/letters/{id}/pdf`: one letter of the print queue, for colleagues who print them.
pub async fn letter(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    match app::server::letters::letter_for(&state, &session, id).await {
        Ok(Some((filename, pdf))) => private_file(
            pdf,
            "application/pdf",
            &format!("attachment; filename=\"{filename}\""),
        ),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(app::error::AppError::SignInRequired) => StatusCode::UNAUTHORIZED.into_response(),
        Err(error) => {
            tracing::error!(?error, "letter download failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /staff/subject-access/{reference}/data.json`: what Doorstep holds about the resident a
/// request is about, internal notes included, for the colleague answering it.
pub async fn request_data(
    State(state): State<AppState>,
    session: Session,
    Path(reference): Path<String>,
) -> Response {
    let result = app::server::your_data::for_request(&state, &session, &reference).await;
    attachment(result, "application/json; charset=utf-8")
}
