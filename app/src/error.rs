//! One error type for every server function. Its messages are written for residents; no
//! database or I/O text ever reaches the browser (the detail is logged with the request id).

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use thiserror::Error;

#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// The thing does not exist, or the caller may not know that it does.
    #[error("We could not find that page")]
    NotFound,
    /// The caller must sign in first.
    #[error("You need to sign in to see this page")]
    SignInRequired,
    /// The database (or another service we depend on) cannot be reached right now.
    #[error("This service is not available right now")]
    Unavailable,
    /// Something we did not expect. The request id lets staff find the log entry.
    #[error("Something went wrong on our side (reference {request_id})")]
    Internal { request_id: String },
    /// The request itself was malformed (not a validation failure, which is returned as a value).
    #[error("We could not understand that request")]
    BadRequest,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Unavailable,
            _ => AppError::Internal {
                request_id: String::new(),
            },
        }
    }
}

impl AppError {
    /// The HTTP status that goes with the error page.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::SignInRequired => 401,
            AppError::Unavailable => 503,
            AppError::Internal { .. } => 500,
            AppError::BadRequest => 400,
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;

    impl From<sqlx::Error> for AppError {
        fn from(error: sqlx::Error) -> Self {
            match error {
                sqlx::Error::RowNotFound => AppError::NotFound,
                sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::WorkerCrashed => {
                    tracing::warn!(%error, "database unavailable");
                    AppError::Unavailable
                }
                sqlx::Error::Database(ref db)
                    if db.code().is_some_and(|code| database_away(&code)) =>
                {
                    tracing::warn!(%error, "database unavailable");
                    AppError::Unavailable
                }
                other => internal(other),
            }
        }
    }

    /// Whether a database error's code means the database is away or refusing for now, rather
    /// than something wrong with the request: PostgreSQL's connection exceptions (class 08), a
    /// server shutting down or starting (57P01 to 57P03: "terminating connection due to
    /// administrator command" the moment it stops), too many connections (53300); SQLite busy or
    /// locked past its wait (5, 6 and their extended codes). The page then says "unavailable"
    /// (503, with the phone numbers), not "something went wrong".
    pub fn database_away(code: &str) -> bool {
        code.starts_with("08")
            || matches!(code, "57P01" | "57P02" | "57P03" | "53300")
            // SQLite's codes are numbers of at most four digits (PostgreSQL's are five characters).
            || code.len() < 5
                && code
                    .parse::<u32>()
                    .is_ok_and(|sqlite| matches!(sqlite & 0xFF, 5 | 6))
    }

    impl From<tower_sessions::session::Error> for AppError {
        fn from(error: tower_sessions::session::Error) -> Self {
            // The session store is the database: a failure there is the database being away.
            tracing::warn!(%error, "session store unavailable");
            AppError::Unavailable
        }
    }

    /// Logs the real cause under the current request id and returns the generic error.
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        let request_id = super::request_id().unwrap_or_default();
        tracing::error!(%request_id, error = %cause, "internal error");
        AppError::Internal { request_id }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::internal;

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::ssr::database_away;

    #[test]
    fn a_database_that_is_away_is_unavailable_not_an_internal_error() {
        for away in [
            "57P01", "57P02", "57P03", "08006", "08003", "53300", "5", "6", "517", "261",
        ] {
            assert!(database_away(away), "{away}");
        }
        for wrong in [
            "23505", "42P01", "22P02", "19", "2067", "1", "40001", "25006",
        ] {
            assert!(!database_away(wrong), "{wrong}");
        }
    }
}

/// The header carrying the id of the request being served, for logs and the reference an error
/// page gives.
#[cfg(feature = "ssr")]
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of the request being served, read from its headers in the leptos context.
#[cfg(feature = "ssr")]
pub fn request_id() -> Option<String> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    parts
        .headers
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}
