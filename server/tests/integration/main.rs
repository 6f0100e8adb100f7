//! Integration tests: the store and the real server on port 0, against SQLite and PostgreSQL.
//!
//! One test binary rather than one per file: every binary links the whole server, so fewer
//! binaries means a faster, much smaller build. (The outage test stays its own binary because
//! it stops the shared PostgreSQL cluster.)

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod cases;
mod contacts;
mod dashboard;
mod documents;
mod field;
mod http;
mod metrics;
mod mutations;
mod on_behalf;
mod outbox;
mod performance;
mod permissions;
mod preferences;
mod repairs;
mod schema;
mod standards;
mod store;
mod teams;
mod uploads;
mod visits;
mod your_data;
