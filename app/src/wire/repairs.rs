//! Repairs as pages show them: the report journey's pages, a job, its deadlines and timeline,
//! the lists. Built by the repairs services, returned by server functions, rendered by pages.

pub use super::clocks::{DeadlineLine, Progress};
pub use super::forms::Offered;
use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// A one-question page: the question, its answers, what was chosen before.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionPage {
    pub question: String,
    pub hint: Option<String>,
    pub options: Vec<Offered>,
    pub selected: Option<String>,
    /// How many answers come before this question (posted back, so an old page changes the
    /// right answer).
    pub at: usize,
    pub back: String,
    pub errors: FieldErrors,
}

/// The emergency page after "Is any of these happening now?".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyQuestion {
    pub label: String,
    pub may_continue_online: bool,
}

/// A job as a line in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairLine {
    pub reference: String,
    pub summary: String,
    pub place: String,
    pub status: String,
    pub open: bool,
    pub reported: String,
    pub target: String,
    pub target_state: Progress,
    /// Staff queue extras.
    pub priority: String,
    pub trade: String,
    pub hazard: Option<String>,
    pub due: Option<String>,
    /// The team dealing with it.
    pub team: Option<String>,
}

/// The communal step: the block's open communal repairs to follow, and its shared areas.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunalQuestion {
    pub block: String,
    pub open: Vec<RepairLine>,
    pub areas: Vec<Offered>,
    pub selected: Option<String>,
    pub errors: FieldErrors,
}

/// Who puts it right when it is not the landlord.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotOursAnswer {
    pub summary: String,
    /// A tenant's own job, with advice; otherwise a shared owner or leaseholder's.
    pub tenant_advice: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescribeValues {
    pub description: String,
}

impl DescribeValues {
    /// What is wrong with the description: missing, or too long.
    pub fn problems(&self) -> FieldErrors {
        use crate::domain::repairs::DESCRIPTION_LIMIT;
        let mut errors = FieldErrors::default();
        if self.description.is_empty() {
            errors.add("description", "Describe the problem");
        } else if self.description.chars().count() > DESCRIPTION_LIMIT {
            errors.add(
                "description",
                format!("The description must be {DESCRIPTION_LIMIT} characters or fewer"),
            );
        }
        errors
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessValues {
    pub access_times: String,
    pub pets: String,
    pub key_safe: String,
    pub contact_phone: String,
}

impl AccessValues {
    /// What is wrong with the access answers: notes too long, a key safe answer that is not
    /// yes or no, or no phone number we can call.
    pub fn problems(&self) -> FieldErrors {
        use crate::domain::repairs::NOTE_LIMIT;
        use crate::domain::validation::looks_like_phone;
        let mut errors = FieldErrors::default();
        for (field, value) in [("access_times", &self.access_times), ("pets", &self.pets)] {
            if value.chars().count() > NOTE_LIMIT {
                errors.add(
                    field,
                    format!("This must be {NOTE_LIMIT} characters or fewer"),
                );
            }
        }
        if !["", "yes", "no"].contains(&self.key_safe.as_str()) {
            errors.add("key_safe", "Select yes or no");
        }
        if self.contact_phone.is_empty() {
            errors.add(
                "contact_phone",
                "Enter a phone number we can call about this repair",
            );
        } else if !looks_like_phone(&self.contact_phone) {
            errors.add(
                "contact_phone",
                "Enter a phone number, like 07700 900 982 or 0161 496 0000",
            );
        }
        errors
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotosStep {
    pub photos: Vec<i64>,
    pub may_add: bool,
    pub errors: FieldErrors,
}

/// The first page of a report made for a resident: whose it is, and for a colleague recording a
/// call, letter or visit, how and when we were told.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportForPage {
    pub person_id: i64,
    pub name: String,
    pub address: String,
    /// A colleague recording (asked how and when we were told); `false`: an advocate.
    pub recording: bool,
    /// The resident's needs, for a colleague.
    pub banner: Option<crate::wire::preferences::NeedsBanner>,
    pub channels: Vec<Offered>,
    pub values: ReportForValues,
    pub errors: FieldErrors,
}

/// How and when a recorded repair reached us, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportForValues {
    pub channel: String,
    /// `YYYY-MM-DD`, UK date.
    pub told_date: String,
    /// `HH:MM`, UK time.
    pub told_time: String,
}

/// "Check your answers".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairCheck {
    pub token: String,
    /// Question, answer, where to change it.
    pub rows: Vec<(String, Vec<String>, String)>,
    pub priority: String,
    pub target: String,
    pub hazard_note: Option<String>,
    pub recall_of: Option<String>,
    /// Whose report it is, when made for someone else ("Margaret Lewis, recorded from a phone
    /// call"), to say on the page.
    pub for_whom: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineLine {
    pub title: String,
    pub when: String,
    pub by: Option<String>,
    pub body: Option<String>,
    pub internal: bool,
}

/// A job as its page shows it (to the resident, or with more to staff).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairView {
    pub reference: String,
    pub summary: String,
    pub place: String,
    pub status: String,
    pub status_code: String,
    pub open: bool,
    pub priority: String,
    pub priority_code: String,
    pub trade: String,
    pub reported: String,
    pub reporter: String,
    pub description: String,
    pub answers: Vec<(String, String)>,
    pub deadlines: Vec<DeadlineLine>,
    pub visit: Option<String>,
    pub may_book: bool,
    pub may_cancel: bool,
    pub ask_fixed: bool,
    pub may_rate: bool,
    pub rating: Option<String>,
    pub photos: Vec<i64>,
    /// Photos of the finished work, taken by whoever recorded a visit as completed.
    pub work_photos: Vec<i64>,
    pub recall_of: Option<String>,
    /// The job that reopened this one because it was not fixed.
    pub recalled_by: Option<String>,
    pub followers: i64,
    pub communal: bool,
    pub hazard: Option<String>,
    /// The hazard law's name where it runs clocks for this repair ("Awaab's Law").
    pub hazard_law: Option<String>,
    pub contractor: Option<String>,
    /// The team dealing with it.
    pub team: Option<String>,
    pub access: Vec<(String, String)>,
    pub timeline: Vec<TimelineLine>,
    /// The resident an advocate is looking at this for, and their person id (for links back).
    pub acting_for: Option<(i64, String)>,
}

/// "Your repairs", or for an advocate the residents to choose from, then one resident's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YourRepairs {
    pub lines: Vec<RepairLine>,
    /// For an advocate who has not chosen: the residents whose permission covers repairs.
    pub represented: Option<Vec<Offered>>,
    /// For an advocate: whose repairs these are (person id, name).
    pub acting_for: Option<(i64, String)>,
}

/// Visit slots to choose from, by day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotsPage {
    pub reference: String,
    pub summary: String,
    pub current: Option<String>,
    pub days: Vec<(String, Vec<Offered>)>,
    pub errors: FieldErrors,
}

pub const RESIDENT_FORM: &str = "repairs";
