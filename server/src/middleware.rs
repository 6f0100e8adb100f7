//! Request-level protections and headers that apply to every route.

use app::server::request::ClientAddress;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Refuses a state-changing request sent from another site: a browser says so with
/// `Sec-Fetch-Site: cross-site`, or with an `Origin` that is not this host.
pub async fn refuse_cross_site(request: Request<Body>, next: Next) -> Response {
    if is_safe_method(request.method()) || is_same_site(&request) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "cross-site request refused");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
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
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
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
        ],
        format!(
            "Sorry, something went wrong on our side and nothing was done. Try again later, or \
             phone {landlord} on {phone}."
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
