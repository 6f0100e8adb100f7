//! What a failed server function looks like to the caller. Leptos answers a failed plain-form
//! post by redirecting back to the page it came from, which then shows no explanation; here a
//! form post instead goes to the page for the error (sign-in, not found, unavailable...) with
//! its proper status, and a script caller gets the error's own status code with its JSON.

use app::error::AppError;
use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Set by server_fn on every error response.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// Set by leptos_axum::redirect for a script caller.
const REDIRECT_HEADER: &str = "serverfnredirect";
/// Errors are a few bytes of JSON; anything bigger is not one of ours.
const ERROR_BODY_LIMIT: usize = 16 * 1024;

/// True for a browser's plain form post, and makes the request look like a script's call so
/// that leptos does not redirect on its own.
pub fn take_form_post(request: &mut Request<Body>) -> bool {
    let form_post = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if form_post {
        request
            .headers_mut()
            .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    }
    form_post
}

/// Where a browser goes to see `error` explained.
pub fn page_for(error: &AppError) -> String {
    match error {
        AppError::SignInRequired => "/sign-in".into(),
        AppError::NotFound => "/problem/not-found".into(),
        AppError::BadRequest => "/problem/bad-request".into(),
        AppError::Unavailable => "/problem/unavailable".into(),
        AppError::Internal { request_id } => format!("/problem/error?reference={request_id}"),
    }
}

/// Middleware for the server functions (everything under `/api/`).
pub async fn explain_failures(mut request: Request<Body>, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let form_post = take_form_post(&mut request);
    finish(form_post, next.run(request).await).await
}

async fn finish(form_post: bool, mut response: Response) -> Response {
    if !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        // Leptos marks a redirect for a script caller with a header; a form post needs a real one.
        if form_post
            && response.status().is_success()
            && response.headers().contains_key(header::LOCATION)
        {
            *response.status_mut() = StatusCode::FOUND;
            response.headers_mut().remove(REDIRECT_HEADER);
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, ERROR_BODY_LIMIT)
        .await
        .unwrap_or_default();
    let error = serde_json::from_slice::<AppError>(&bytes).unwrap_or(AppError::BadRequest);
    if form_post {
        return Redirect::to(&page_for(&error)).into_response();
    }
    parts.status =
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    Response::from_parts(parts, Body::from(bytes))
}
