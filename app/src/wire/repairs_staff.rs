//! The staff repairs queue and job page as they are shown, and the staff form's kept result.

use super::forms::Offered;
use super::repairs::RepairLine;
use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

pub const PER_PAGE: i64 = 50;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilters {
    pub status: String,
    pub priority: String,
    pub trade: String,
    pub block: String,
    pub due: String,
    /// "mine", "none" or a team's id.
    pub team: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub filters: QueueFilters,
    pub statuses: Vec<Offered>,
    pub priorities: Vec<Offered>,
    pub trades: Vec<Offered>,
    pub blocks: Vec<Offered>,
    pub teams: Vec<Offered>,
    pub lines: Vec<RepairLine>,
    /// Matching jobs, counted up to `db::repairs::COUNT_LIMIT`.
    pub total: i64,
    /// More match than were counted.
    pub more: bool,
    pub page: i64,
    pub pages: i64,
    /// The filters as a query string, for the page links.
    pub query: String,
}

/// The form state of the staff job page: which action failed and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffForm {
    /// The reporter's needs and contact rules, at the top of the job page.
    pub banner: Option<crate::wire::preferences::NeedsBanner>,
    pub errors: FieldErrors,
    pub done: Option<String>,
    pub may_manage: bool,
    pub priorities: Vec<Offered>,
    /// The hazard deadlines still open on this job, as the actions that meet them (value:
    /// the action; label: the form's title).
    pub hazard_actions: Vec<Offered>,
    /// What an investigation may have found, where an investigation deadline is open.
    pub findings: Vec<Offered>,
    /// Contractor firms to give the job to (value: the firm's id; "in_house" to take it back).
    pub firms: Vec<Offered>,
    /// Operatives to give the booked visit to (value: the account's id).
    pub operatives: Vec<Offered>,
    /// The job's visits, newest first (value: the visit's page; label: when, who, where it
    /// stands).
    pub visits: Vec<Offered>,
}

pub const STAFF_FORM: &str = "repair_staff";
