//! Visits in the field as they are shown: an operative's or a contractor's day, and one visit
//! with what it needs and the forms for its steps.

use super::forms::Offered;
use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// The visit page's kept form: which step failed and why, or what was done.
pub const VISIT_FORM: &str = "visit";

/// One visit in the day's list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitLine {
    pub href: String,
    /// "Morning (8am to 1pm)", or the day and period for a visit on another day.
    pub when: String,
    pub reference: String,
    pub summary: String,
    pub place: String,
    pub trade: String,
    pub priority: String,
    /// "Damp and mould: hazard" where the job has one.
    pub hazard: Option<String>,
    /// Where the visit stands: "To do", "On the way: expected between ...", "Arrived at ...",
    /// or its outcome.
    pub state: String,
    /// Nothing left to do on it.
    pub done: bool,
}

/// An operative's or a contractor's visits: today's, then the days ahead.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YourVisits {
    /// "Monday 7 December 2026".
    pub today: String,
    /// The firm, for a contractor.
    pub firm: Option<String>,
    pub today_visits: Vec<VisitLine>,
    pub ahead: Vec<VisitLine>,
}

/// The outcome form's answers, kept when it is sent back with a problem.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeValues {
    pub outcome: String,
    pub note: String,
    pub access: Vec<String>,
    pub parts: (String, String, String),
    pub slot: String,
    pub travel: String,
}

/// One visit, with what the operative needs on the doorstep and the forms for its steps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitPage {
    pub id: i64,
    pub reference: String,
    pub summary: String,
    pub description: String,
    pub when: String,
    pub place: String,
    pub trade: String,
    pub priority: String,
    pub hazard: Option<String>,
    /// Who the visit is given to (an operative, a firm), for the office.
    pub given_to: Option<String>,
    pub resident: String,
    pub phone: String,
    /// Best times, pets, key safe: each a label and the resident's words.
    pub access: Vec<(String, String)>,
    /// The resident's needs and how to contact them ("allow time to answer the door").
    pub needs: Vec<String>,
    /// The job's photos (links).
    pub photos: Vec<String>,
    /// Photos of the finished work taken on this visit (links).
    pub work_photos: Vec<String>,
    pub state: String,
    /// What happened, once recorded: the outcome and its details.
    pub outcome: Option<String>,
    pub may_record: bool,
    pub can_set_off: bool,
    pub can_arrive: bool,
    pub can_record: bool,
    pub travel_default: u32,
    pub outcomes: Vec<Offered>,
    pub access_tried: Vec<Offered>,
    /// Free slots for a follow-on visit (value "2026-12-09_morning").
    pub slots: Vec<Offered>,
    pub errors: FieldErrors,
    pub done: Option<String>,
    pub values: OutcomeValues,
    /// Where "Back" goes: the day's list, or the office's job page.
    pub back: String,
}

/// The form kept for the reminder's link page.
pub const LINK_FORM: &str = "visit_link";

/// A reminder's link: change or cancel that one visit without signing in. It shows only the
/// visit's day and time and the job's reference (a text may be forwarded); a link that no longer
/// works shows nothing of the visit, and the phone number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitLink {
    pub works: bool,
    pub token: String,
    pub reference: String,
    pub when: String,
    pub slots: Vec<Offered>,
    pub reasons: Vec<Offered>,
    pub phone: String,
    pub errors: FieldErrors,
    /// What was just done ("Your visit is now on ..."), once the link has been used.
    pub done: Option<String>,
}

/// One week's missed appointments for one trade.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekLine {
    /// "Week of Monday 30 November".
    pub week: String,
    pub trade: String,
    pub visits: u32,
    /// "3 of 40 (8%)" of the visits.
    pub no_access: String,
    pub cancelled_late: u32,
}

/// One firm's (or the in-house operatives') completed jobs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirmLine {
    pub name: String,
    pub completed: u32,
    pub within_target: String,
    pub right_first_time: String,
    pub no_access: String,
    pub satisfaction: String,
}

/// The managers' visit figures over the last eight weeks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFigures {
    /// "Monday 12 October 2026 to Sunday 6 December 2026".
    pub period: String,
    pub weeks: Vec<WeekLine>,
    pub firms: Vec<FirmLine>,
}
