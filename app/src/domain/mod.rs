//! Pure housing rules: no I/O, no leptos, no sqlx. Compiles for wasm and native.

pub mod contact;
pub mod home;
pub mod housing;
pub mod profile;
pub mod reference;
pub mod validation;
