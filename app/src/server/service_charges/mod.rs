//! Service charges on the server: importing a statement from CSV (all or nothing), each
//! home's view of a published statement beside the one it is compared with, the statement as
//! CSV and as a printable page, and the demo statements.

use super::db::accounts::{record_audit, Account, AuditEvent};
use super::db::service_charges::{self as store, ChargePlace, NewStatement, Saved, StatementRow};
use super::documents::Reader;
use super::state::AppState;
use crate::domain::service_charges::{
    apportion, change_words, compare, money, read_lines, year_label, Balance, ImportProblem, Line,
    Method, ShareLine, StatementKind,
};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::documents::{for_query, StatementItem, StatementLine, StatementView};
use crate::wire::documents_staff::ImportValues;
use chrono::{DateTime, Utc};
use tower_sessions::Session;

/// The largest CSV file accepted: far more than sixty lines need.
pub const MAX_CSV_BYTES: usize = 256 * 1024;

pub(crate) fn title_of(row: &StatementRow) -> String {
    let kind = StatementKind::parse(&row.kind).unwrap_or(StatementKind::Estimate);
    format!(
        "Service charge {} for {}, {}",
        kind.label().to_lowercase(),
        row.place_name,
        year_label(row.year_start)
    )
}

mod demo;
mod files;
mod import;
mod pages;
mod publish;
mod view;
pub use demo::*;
pub use files::*;
pub use import::*;
pub use pages::*;
pub use publish::*;
pub use view::*;
