//! The Doorstep server: configuration, the router and its middleware, background work and the
//! command line. `main.rs` only parses the command and calls in here, so the integration tests
//! start exactly the server that runs in production.
#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod documents;
pub mod downloads;
pub mod form_errors;
pub mod listener;
pub mod metrics;
pub mod middleware;
pub mod periodic;
pub mod permissions;
pub mod preferences;
pub mod router;
pub mod sessions;
pub mod startup;
pub mod uploads;
pub mod visits;
