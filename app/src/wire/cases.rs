//! Cases as pages show them: the residents' list, the journey's pages, a case with its
//! deadlines, responses and timeline.

use super::clocks::{DeadlineLine, Progress};
use super::repairs::{Offered, TimelineLine};
use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// A case as a line in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    pub reference: String,
    pub kind: String,
    pub summary: String,
    pub status: String,
    pub opened: String,
    /// The resident it concerns (advocates' and staff lists).
    pub person: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub due_state: Option<Progress>,
    pub stage: Option<String>,
    /// Its page, when it is not a case (a repair's).
    pub path: Option<String>,
}

/// The start of the area: what can be started, for whom, and the cases so far.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasesHome {
    pub advocate: bool,
    /// For an advocate: the residents they may act for (person id, name).
    pub represented: Vec<Offered>,
    pub lines: Vec<CaseLine>,
    /// What a resident may start here (link, words, what we promise).
    pub offered: Vec<Offered>,
}

/// One question of the journey.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseQuestion {
    pub kind: String,
    pub kind_label: String,
    pub field: String,
    pub label: String,
    pub hint: String,
    pub long: bool,
    pub limit: usize,
    pub value: String,
    pub errors: FieldErrors,
    pub back: String,
    pub number: usize,
    pub of: usize,
    /// A question answered by choosing: (value, words).
    pub choices: Vec<(String, String)>,
    pub acting_for: Option<String>,
    pub related: Option<String>,
}

/// "Check your answers".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCheck {
    pub kind: String,
    pub kind_label: String,
    pub token: String,
    /// Question, answer, where to change it.
    pub rows: Vec<(String, String, String)>,
    pub acting_for: Option<String>,
    pub next: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    pub title: String,
    pub decision: Option<String>,
    pub points: String,
    pub reasons: Option<String>,
    pub remedy: Option<String>,
    pub when: String,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub id: i64,
    pub description: String,
    pub due: String,
    pub done: Option<String>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmbudsmanView {
    pub name: String,
    pub phone: String,
    pub website: String,
    pub time_limit: String,
}

/// A case as its page shows it (to the resident or advocate, or with more to staff).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub reference: String,
    pub kind: String,
    pub kind_code: String,
    pub summary: String,
    pub status: String,
    pub status_code: String,
    pub stage: i64,
    pub stage_name: Option<String>,
    pub open: bool,
    pub person: String,
    pub made_by: String,
    pub channel: String,
    pub received: String,
    pub owner: Option<String>,
    pub next_step: String,
    pub deadlines: Vec<DeadlineLine>,
    pub answers: Vec<(String, String)>,
    pub related: Option<(String, String)>,
    pub understanding: Option<String>,
    pub decline_reason: Option<String>,
    pub responses: Vec<ResponseView>,
    pub actions: Vec<ActionView>,
    pub timeline: Vec<TimelineLine>,
    pub may_escalate: bool,
    pub may_reply: bool,
    /// A service request the resident may complain about.
    pub may_complain_about: bool,
    pub ombudsman: Option<OmbudsmanView>,
}

pub const CASE_FORM: &str = "cases";
