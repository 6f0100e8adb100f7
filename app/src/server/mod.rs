//! Server-only parts: the store, sessions, passwords and request context.

pub mod auth;
pub mod db;
pub mod flash;
pub mod password;
pub mod request;
pub mod state;
pub mod tokens;
