//! Repairs for residents: report one (emergency check, diagnosis questions, a communal follow,
//! description, photos, access, check and send), see "Your repairs" and each job's timeline,
//! book, change or cancel a visit, say whether it is fixed (a recall) and rate it.
//!
//! The report being written is kept in the session (`server::repairs::Draft`); every page of
//! the journey is a plain form posting here, and each handler sends the browser to the next
//! page, so the journey works without JavaScript.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::repairs::*;

// ---------------------------------------------------------------------------------------------
// Shared server-side helpers.

#[cfg(feature = "ssr")]
use crate::server::repairs::view as support;

mod after;
mod job;
mod report;
mod send;
mod visits;
pub use after::*;
pub use job::*;
pub use report::*;
pub use send::*;
pub use visits::*;
