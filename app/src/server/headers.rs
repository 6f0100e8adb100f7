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

/// Every page may show who is signed in, so no page is stored by the browser or a proxy: the
/// back button after signing out on a shared computer shows nothing private.
pub fn set_page_headers() {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Some(nonce) = leptos::nonce::use_nonce() {
        if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce)) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}
