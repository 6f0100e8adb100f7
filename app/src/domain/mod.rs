//! Pure housing rules: no I/O, no leptos, no sqlx. Compiles for wasm and native.

pub mod account;
pub mod calendar;
pub mod cases;
pub mod clocks;
pub mod contact;
pub mod dashboard;
pub mod deadline;
pub mod documents;
pub mod hazards;
pub mod home;
pub mod hours;
pub mod housing;
pub mod images;
pub mod london;
pub mod navigation;
pub mod performance;
pub mod preferences;
pub mod problems;
pub mod profile;
pub mod reference;
pub mod repairs;
pub mod service_charges;
pub mod standards;
pub mod subject_access;
pub mod timescale;
pub mod validation;
