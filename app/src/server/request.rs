//! Facts about the request being served: its id (for logs and error references), the session.

use crate::error::AppError;
use axum::http::request::Parts;
use leptos::prelude::use_context;
use tower_sessions::Session;

pub use crate::error::{request_id, REQUEST_ID_HEADER};

/// The address the request came from, as the server works it out (the peer, or the last hop
/// of `X-Forwarded-For` when the operator says a proxy stands in front). Set by middleware.
#[derive(Clone, Debug)]
pub struct ClientAddress(pub String);

pub fn client_address() -> Option<String> {
    let parts = use_context::<Parts>()?;
    parts.extensions.get::<ClientAddress>().map(|a| a.0.clone())
}

/// The visitor's session. Every route runs behind the session layer, so its absence is a bug.
pub fn session() -> Result<Session, AppError> {
    let parts =
        use_context::<Parts>().ok_or_else(|| crate::error::internal("request parts missing"))?;
    parts
        .extensions
        .get::<Session>()
        .cloned()
        .ok_or_else(|| crate::error::internal("session layer missing"))
}

/// Sends the browser to a path on this site after a form. Every redirect goes through here:
/// `leptos_axum::redirect` panics on a value that cannot be a header, so a path that is not a
/// plain local one (built from input with a control character, say) is logged with the request
/// id and the browser goes to the home page instead.
pub fn redirect(path: &str) {
    match crate::domain::navigation::local_path(path) {
        Some(path) => leptos_axum::redirect(path),
        None => {
            tracing::warn!(request_id = ?request_id(), target = ?path, "refused a redirect target");
            leptos_axum::redirect("/");
        }
    }
}
