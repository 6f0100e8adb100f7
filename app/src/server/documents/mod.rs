//! Documents on the server: who is reading (a resident, or an advocate for one), uploads and
//! replacements through the storage layer, downloads with their record, and the demo files.

use super::db::accounts::{record_audit, Account, AuditEvent};
use super::db::documents::{self as store, DocumentRow, NewDocument, Place, Residence};
use super::forms::SessionSlot;
use super::state::AppState;
use super::storage::Stored;
use crate::domain::documents::{check_file, clean_filename, Audience, Category, FileProblem};
use crate::domain::housing::Role;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::documents_staff::UploadValues;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

mod demo;
mod pages;
mod read;
pub mod staff_forms;
pub mod staff_steps;
mod upload;
pub use demo::*;
pub use pages::*;
pub use read::*;
pub use upload::*;
