//! Headers that depend on the page being rendered: the Content-Security-Policy carries this
//! response's nonce, which leptos also puts on its hydration script.

use axum::http::{header, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// Scripts run only from this site and with this page's nonce; the wasm may be compiled
/// ('wasm-unsafe-eval' allows that and nothing else). Styles only from our stylesheet.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Where the page's nonce is left for the server's `page_headers` middleware, which puts it in
/// the content security policy itself if leptos did not apply the page's headers (about one
/// page in thirty lost them: a race inside the rendering, not yet found).
#[derive(Clone, Debug, Default)]
pub struct PageNonce(pub std::sync::Arc<std::sync::Mutex<Option<String>>>);

/// Every page may show who is signed in, so no page is stored by the browser or a proxy: the
/// back button after signing out on a shared computer shows nothing private.
pub fn set_page_headers() {
    let nonce = leptos::nonce::use_nonce();
    if let (Some(nonce), Some(parts)) = (&nonce, use_context::<axum::http::request::Parts>()) {
        if let Some(slot) = parts.extensions.get::<PageNonce>() {
            if let Ok(mut kept) = slot.0.lock() {
                *kept = Some(nonce.to_string());
            }
        }
    }
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Some(nonce) = nonce {
        if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce)) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}
