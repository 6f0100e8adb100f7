//! Server functions, one file per area. Each is a public endpoint: it checks the session and
//! permission, parses input into domain types, calls the store and maps errors. Forms post to
//! them as plain HTML forms, so every journey works without JavaScript.

pub mod account;
pub mod admin;
pub mod cases;
pub mod cases_staff;
pub mod contact;
pub mod documents;
pub mod documents_staff;
pub mod letters;
pub mod performance;
pub mod permissions;
pub mod preferences;
pub mod repairs;
pub mod repairs_staff;
pub mod session;
pub mod subject_access;
pub mod your_account;
pub mod your_data;
