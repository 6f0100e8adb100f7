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
                | sqlx::Error::Tls(_) => {
                    tracing::warn!(%error, "database unavailable");
                    AppError::Unavailable
                }
                other => internal(other),
            }
        }
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
        let request_id = crate::server::request::request_id().unwrap_or_default();
        tracing::error!(%request_id, error = %cause, "internal error");
        AppError::Internal { request_id }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::internal;
