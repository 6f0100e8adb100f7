//! Request-level protections and headers that apply to every route.

use app::server::request::ClientAddress;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Reads the session's account once, before the request is handled, and leaves it in the
/// request for every part of the page and every server function to take (see
/// `auth::RequestAccount`). Static files and health checks skip it.
pub async fn read_account(
    state: app::server::state::AppState,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let plain = path.starts_with("/pkg/")
        || path.starts_with("/favicon")
        || matches!(path, "/healthz" | "/readyz" | "/robots.txt");
    if !plain {
        if let Some(session) = request
            .extensions()
            .get::<tower_sessions::Session>()
            .cloned()
        {
            let account = app::server::auth::request_account(&state, &session).await;
            let away = matches!(account.0, Err(app::error::AppError::Unavailable));
            request.extensions_mut().insert(account);
            if away {
                return unavailable_at_once(request, next).await;
            }
        }
    }
    next.run(request).await
}

/// True for a browser asking for a page (not a script's call, not a file).
fn wants_a_page(request: &Request<Body>) -> bool {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
        && !request.uri().path().starts_with("/api/")
}

/// The database did not answer for the session: the request is answered now rather than
/// after a second wait for a connection inside the page. A page becomes the unavailable page
/// (503, the phone numbers); a form post goes to it; anything else is a bare 503 (in our words,
/// by `own_words`).
async fn unavailable_at_once(mut request: Request<Body>, next: Next) -> Response {
    if !wants_a_page(&request) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    if request.method() != Method::GET {
        return axum::response::Redirect::to("/problem/unavailable").into_response();
    }
    *request.uri_mut() = axum::http::Uri::from_static("/problem/unavailable");
    next.run(request).await
}

/// A browser's request for a page or a file that failed without a page to show (a download
/// whose file is missing or whose store is away answers a bare status): the page for that
/// failure is rendered in its place, with the same status, the phone numbers and, for an
/// internal error, the request id; the address stays, so reloading tries again. `pages` is the
/// router of the pages, without this layer.
pub async fn failure_as_page(pages: axum::Router, request: Request<Body>, next: Next) -> Response {
    if request.method() != Method::GET || !wants_a_page(&request) {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    let mut extensions = axum::http::Extensions::new();
    if let Some(session) = request.extensions().get::<tower_sessions::Session>() {
        extensions.insert(session.clone());
    }
    if let Some(account) = request
        .extensions()
        .get::<app::server::auth::RequestAccount>()
    {
        extensions.insert(account.clone());
    }
    if let Some(address) = request.extensions().get::<ClientAddress>() {
        extensions.insert(address.clone());
    }
    if let Some(info) = request
        .extensions()
        .get::<ConnectInfo<crate::listener::Peer>>()
    {
        extensions.insert(*info);
    }
    let response = next.run(request).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let has_a_page = content_type.starts_with("text/html")
        || content_type.starts_with("application/json")
        || response.headers().contains_key(header::LOCATION);
    let kind = match status {
        StatusCode::NOT_FOUND => "not-found".to_owned(),
        StatusCode::SERVICE_UNAVAILABLE => "unavailable".to_owned(),
        StatusCode::INTERNAL_SERVER_ERROR => {
            let id = headers
                .get(app::server::request::REQUEST_ID_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            format!("error?reference={id}")
        }
        _ => return response,
    };
    if has_a_page {
        return response;
    }
    let mut problem = Request::new(Body::empty());
    *problem.uri_mut() = match format!("/problem/{kind}").parse() {
        Ok(uri) => uri,
        Err(_) => return response,
    };
    *problem.headers_mut() = headers;
    *problem.extensions_mut() = extensions;
    use tower::ServiceExt;
    match pages.oneshot(problem).await {
        Ok(page) => page,
        Err(never) => match never {},
    }
}

/// No request waits for ever: past `limit` it is answered 503 (in our words, with the phone
/// number, by `own_words`) and logged with its request id and path.
pub async fn time_limit(
    limit: std::time::Duration,
    upload_limit: std::time::Duration,
    request: Request<Body>,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let id = request
        .headers()
        .get(app::server::request::REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    // Uploads come from phones on slow connections: reading 25 MB takes longer than a page
    // (a visit's outcome carries up to three photos).
    let uploading = request.method() == Method::POST
        && (path.ends_with("/upload")
            || path.ends_with("/import")
            || path.ends_with("/permissions")
            || path.ends_with("/outcome"));
    let limit = if uploading { upload_limit } else { limit };
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(request_id = %id, %path, seconds = limit.as_secs(), "request timed out");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The language of Doorstep's own plain-text answers. A plain-text error without it was
/// written by a library (an extractor's rejection, an unknown server function, a body limit)
/// and is put into our words by `own_words`.
pub const OUR_WORDS: &str = "en-GB";

/// Set by server_fn on its error responses (JSON, explained by `form_errors`).
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";

/// Every error that reaches a browser is in Doorstep's words, with the phone number: an error
/// answer that is neither a page, JSON, nor one of our own plain-text answers (a library's
/// wording such as "Cannot parse `abc` to a `i64`", or an empty body) gets the words for its
/// status instead. The status itself is kept.
pub async fn own_words(
    landlord: std::sync::Arc<(String, String)>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let headers = response.headers();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let ours = headers.contains_key(header::CONTENT_LANGUAGE)
        || headers.contains_key(SERVER_FN_ERROR_HEADER)
        || content_type.starts_with("text/html")
        || content_type.starts_with("application/json");
    if ours {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let (name, phone) = (&landlord.0, &landlord.1);
    let what = match status {
        StatusCode::UNAUTHORIZED => "Sign in to see this.",
        StatusCode::FORBIDDEN => "You cannot do that here.",
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED | StatusCode::GONE => {
            "We could not find that page. Check the address, or go back and use the links on the page."
        }
        StatusCode::PAYLOAD_TOO_LARGE => "That was too large for us to take. Nothing was saved.",
        s if s.is_client_error() => {
            "We could not understand that request, so nothing was done. Go back and try again."
        }
        StatusCode::SERVICE_UNAVAILABLE => {
            "Sorry, this is not working right now. Nothing was done. Try again in a few minutes."
        }
        _ => "Sorry, something went wrong on our side and nothing was done. Try again later.",
    };
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    parts.headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(OUR_WORDS),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(
        parts,
        Body::from(format!("{what} If you need help, phone {name} on {phone}.")),
    )
}

/// Refuses a state-changing request sent from another site: a browser says so with
/// `Sec-Fetch-Site: cross-site`, or with an `Origin` that is not this host.
pub async fn refuse_cross_site(request: Request<Body>, next: Next) -> Response {
    if is_safe_method(request.method()) || is_same_site(&request) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "cross-site request refused");
    (
        StatusCode::FORBIDDEN,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CONTENT_LANGUAGE, OUR_WORDS),
        ],
        "This form was sent from another website, so we did not act on it. Go back to the page you were on and try again.",
    )
        .into_response()
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_site(request: &Request<Body>) -> bool {
    let headers = request.headers();
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        // Not a browser form post (curl, tests): no cross-site risk from a cookie-less client.
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let origin = origin.to_str().unwrap_or_default();
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .unwrap_or_default();
    origin_host.eq_ignore_ascii_case(host)
}

/// Works out the client's address once, for throttling and the audit trail: the peer, or
/// behind a trusted proxy the last `X-Forwarded-For` entry (the one the proxy added).
pub async fn client_address(trust_proxy: bool, mut request: Request<Body>, next: Next) -> Response {
    let forwarded = trust_proxy
        .then(|| {
            request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|v| !v.is_empty())
                .map(str::to_owned)
        })
        .flatten();
    let peer = request
        .extensions()
        .get::<ConnectInfo<crate::listener::Peer>>()
        .map(|c| c.0 .0.ip().to_string());
    if let Some(address) = forwarded.or(peer) {
        request.extensions_mut().insert(ClientAddress(address));
    }
    next.run(request).await
}

/// Headers every response carries.
pub async fn security_headers(production: bool, request: Request<Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if production {
        // Production is served over HTTPS only (the session cookie is `__Host-` and `Secure`):
        // browsers are told never to try plain HTTP for a year, whatever the proxy does.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Pages set their own policy with the nonce; everything else (files, redirects, errors from
    // the server itself) may run nothing at all.
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'",
        ));
    response
}

/// The answer when something inside a request panicked: a plain page in Doorstep's words with
/// the phone number, so the person is never left with a dropped connection. The panic itself
/// is logged inside the request's span, which carries its request id.
pub fn panicked(landlord: &str, phone: &str, detail: Box<dyn std::any::Any + Send>) -> Response {
    let what = detail
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| detail.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = %what, "a request panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_LANGUAGE, OUR_WORDS),
        ],
        format!(
            "Sorry, something went wrong on our side and nothing was done. Try again later, or \
             phone {landlord} on {phone}."
        ),
    )
        .into_response()
}

/// While the node drains, every response asks the client (the load balancer) to close the
/// connection, so no idle keep-alive connection is left for it to reuse at the moment the node
/// stops: the reuse that loses a request.
pub async fn close_while_draining(draining: bool, request: Request<Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    if draining {
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    response
}

/// How long browsers keep the built files. A content-hashed name (`doorstep.3xK9q.css`) never
/// changes content, so it is kept a year and never asked for again; any other file under
/// `/pkg/` or in `public/` (the favicon) is checked with the server on each use. Pages set
/// their own (`no-store`).
pub async fn cache_files(request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if !response.status().is_success() || response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let value = if path.starts_with("/pkg/") && is_hashed_name(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// `doorstep.<hash>.<ext>`: three dot-separated parts, the middle one the hash.
fn is_hashed_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 3
        && parts[1].len() >= 8
        && parts[1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Every page leaves with its own content security policy (with its nonce) and `no-store`, even
/// when leptos did not apply the headers the shell set (`headers::PageNonce`).
pub async fn page_headers(mut request: Request<Body>, next: Next) -> Response {
    let slot = app::server::headers::PageNonce::default();
    request.extensions_mut().insert(slot.clone());
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_page
        || response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        return response;
    }
    let nonce = slot.0.lock().ok().and_then(|kept| kept.clone());
    if let Some(nonce) = nonce {
        let policy = app::server::headers::content_security_policy(&nonce);
        if let Ok(value) = HeaderValue::from_str(&policy) {
            tracing::debug!("page headers put back");
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_hashed_names_are_kept_for_a_year() {
        assert!(is_hashed_name("/pkg/doorstep.Xk3n9Qp0aB1c.css"));
        assert!(is_hashed_name("/pkg/doorstep.Xk3n9Qp0aB1c-_z.wasm"));
        assert!(!is_hashed_name("/pkg/doorstep.css"));
        assert!(!is_hashed_name("/pkg/doorstep_bg.wasm"));
    }

    fn post(headers: &[(&str, &str)]) -> Request<Body> {
        let mut builder = Request::builder()
            .method(Method::POST)
            .uri("/api/contact/send");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(Body::empty()).expect("request")
    }

    #[test]
    fn a_post_from_our_own_pages_is_same_site() {
        assert!(is_same_site(&post(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ])));
        assert!(is_same_site(&post(&[
            ("host", "doorstep.example"),
            ("origin", "https://doorstep.example"),
            ("sec-fetch-site", "same-origin")
        ])));
    }

    #[test]
    fn a_post_from_another_site_is_refused() {
        assert!(!is_same_site(&post(&[
            ("host", "doorstep.example"),
            ("origin", "https://evil.example")
        ])));
        assert!(!is_same_site(&post(&[
            ("host", "doorstep.example"),
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(!is_same_site(&post(&[
            ("host", "doorstep.example"),
            ("origin", "null")
        ])));
    }

    #[tokio::test]
    async fn a_panic_inside_a_request_is_answered_in_our_words_with_the_phone_number() {
        use tower::ServiceExt;
        let app = axum::Router::new()
            .route(
                "/boom",
                axum::routing::get(|| async {
                    if true {
                        panic!("a header value");
                    }
                    "never"
                }),
            )
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(|detail| {
                panicked("Northfield Homes", "0115 496 0000", detail)
            }));
        let response = app
            .oneshot(Request::get("/boom").body(Body::empty()).expect("request"))
            .await
            .expect("an answer, not a dropped connection");
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 10_000)
            .await
            .expect("body");
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("0115 496 0000") && !text.contains("a header value"));
    }

    #[tokio::test]
    async fn a_request_that_never_finishes_is_answered_503_at_the_limit() {
        use std::time::Duration;
        use tower::ServiceExt;
        let app = axum::Router::new()
            .route(
                "/stuck",
                axum::routing::get(|| async {
                    std::future::pending::<()>().await;
                    "never"
                }),
            )
            .layer(axum::middleware::from_fn(|request, next| {
                time_limit(
                    Duration::from_millis(100),
                    Duration::from_secs(300),
                    request,
                    next,
                )
            }));
        let response = tokio::time::timeout(
            Duration::from_secs(5),
            app.oneshot(Request::get("/stuck").body(Body::empty()).expect("request")),
        )
        .await
        .expect("answered within the limit, not left hanging")
        .expect("a response");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    }
}
