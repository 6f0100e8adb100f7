//! Server-side parts of cases shared by the resident's, the advocate's and the staff's server
//! functions: the case being written (kept in the session until it is sent), opening a case
//! with its deadlines from the profile, telling people about changes, and the demo cases.

pub mod contacts;
pub mod journey;
pub mod pages;
pub mod record;
pub mod report;
pub mod respond;
pub mod staff_notes;
pub mod staff_pages;
pub mod staff_steps;
pub mod view;
pub mod workflow;

use super::db::cases::{self as store, CaseRow, NewCase, NewClock, NewEvent};
use super::forms::SessionSlot;
use super::state::AppState;
use crate::domain::cases::{CaseKind, Channel, ClockKind, Complaint, MadeBy};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tower_sessions::Session;

/// The case being written, kept in the session until it is sent.
pub const DRAFT: SessionSlot<Draft> = SessionSlot::new("case_draft");

/// A case being written. Nothing is stored until it is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Sending twice creates one case.
    pub token: String,
    pub kind: Option<CaseKind>,
    /// The resident an advocate is acting for.
    pub for_person: Option<i64>,
    pub answers: BTreeMap<String, String>,
    /// The repair or case this is about ("make a complaint about this").
    pub related: Option<String>,
}

mod demo;
mod evidence;
mod open;
pub use demo::*;
pub use evidence::*;
pub use open::*;
