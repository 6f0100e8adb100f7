//! Doorstep: everything shared by the browser and the server.
//!
//! `domain` is pure rules (no I/O) and compiles everywhere; `format` writes dates for people;
//! `wire` the types server functions return and pages render; `api` holds the server functions; `server` is the store and other
//! server-only parts; `pages` and `components` are the site.
#![forbid(unsafe_code)]

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod format;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub mod site;
pub mod wire;

mod app;
pub use app::{shell, App};
