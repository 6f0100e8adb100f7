//! Server-only parts: the store, sessions, passwords and request context.

pub mod auth;
pub mod authz;
pub mod cases;
pub mod claims;
pub mod db;
pub mod devices;
pub mod documents;
pub mod emails;
pub mod flash;
pub mod headers;
pub mod mail;
pub mod notify;
pub mod password;
pub mod pdf;
pub mod permissions;
pub mod preferences;
pub mod repairs;
pub mod request;
pub mod s3;
pub mod service_charges;
pub mod staff;
pub mod state;
pub mod storage;
pub mod subject_access;
pub mod tokens;
pub mod your_data;
