//! Cases for staff as pages show them: the queue with its filters, what a case page may offer,
//! the complaints report.

use super::cases::CaseLine;
use super::repairs::Offered;
use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

pub const PER_PAGE: i64 = 50;
pub const STAFF_CASE_FORM: &str = "case_staff";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseQueueFilters {
    pub kind: String,
    pub status: String,
    pub owner: String,
    pub due: String,
    /// "mine", "none" or a team's id.
    pub team: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseQueue {
    pub filters: CaseQueueFilters,
    pub kinds: Vec<Offered>,
    pub statuses: Vec<Offered>,
    pub owners: Vec<Offered>,
    pub teams: Vec<Offered>,
    pub lines: Vec<CaseLine>,
    pub total: i64,
    pub more: bool,
    pub page: i64,
    pub pages: i64,
    pub query: String,
    pub may_record: bool,
    pub may_report: bool,
}

/// What the staff case page may offer, and the result of the last form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCaseForm {
    /// The resident's needs and contact rules, at the top of the page.
    pub banner: crate::wire::preferences::NeedsBanner,
    pub errors: FieldErrors,
    pub done: Option<String>,
    pub may_manage: bool,
    pub may_acknowledge: bool,
    pub may_assign: bool,
    pub may_respond: bool,
    pub may_extend: bool,
    pub may_decline: bool,
    pub may_pass_on: bool,
    pub may_evidence: bool,
    /// Colleagues who may take the case (at stage 2, not those involved at stage 1).
    pub handlers: Vec<Offered>,
    /// Every colleague, for passing on a compliment.
    pub colleagues: Vec<Offered>,
    pub exclusions: Vec<Offered>,
    pub stage_one_handlers: Vec<String>,
    /// The latest date an extension may reach, in words.
    pub extend_latest: Option<String>,
    pub outcome_wanted: String,
    /// What only this kind of contact carries, for the summary: how to reply to a visitor,
    /// the times that suit, who should visit, why it needs more time.
    pub details: Vec<(String, String)>,
    /// The finishing form's title, button and box ("Record the call back", ...).
    pub respond_words: (String, String, String),
    /// Whether it may be marked complex, and what that changes, in words.
    pub complex: Option<String>,
    /// The teams it may be given to (every team but its own), when it may be.
    pub teams: Vec<Offered>,
}

/// The complaints report for a period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportPage {
    pub from: String,
    pub to: String,
    pub lines: Vec<crate::domain::cases::ReportLine>,
    pub compliments: Vec<(String, i64)>,
    pub regime: String,
    /// The regulator's other measures the records can compute: RP02 in England, the Charter
    /// indicators in Scotland, and the portal's own repairs survey.
    pub measures: Vec<crate::wire::performance::MeasureLine>,
    /// Scotland reports the Charter indicators, not the Tenant Satisfaction Measures.
    pub scotland: bool,
    pub errors: FieldErrors,
}

/// What the "record a complaint" form offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordForm {
    pub values: RecordValues,
    pub errors: FieldErrors,
    pub channels: Vec<Offered>,
    /// The kinds of contact the landlord offers.
    pub kinds: Vec<Offered>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordValues {
    pub kind: String,
    pub tenancy: String,
    pub channel: String,
    pub received: String,
    pub what: String,
    pub outcome: String,
    pub adjustments: String,
    /// A call-back request's number to ring.
    pub phone: String,
    /// When suits the resident (a call back, a visit, an appointment).
    pub times: String,
    /// A home visit: "none", "female" or "male".
    pub preference: String,
    /// "yes": sorted there and then (first-contact resolution).
    pub sorted: String,
}

pub const RECORD_FORM: &str = "case_record";
