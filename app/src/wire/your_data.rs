//! What a resident's data and their requests to see it look like on a page: what is held, in
//! sections, and each request with its deadline and timeline.

use super::clocks::{DeadlineLine, Progress};
use super::forms::FormState;
use super::repairs::TimelineLine;
use serde::{Deserialize, Serialize};
/// A labelled value: "Date of birth": "9 January 1991".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

impl Fact {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Fact {
        Fact {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// One thing held: a repair, a case, a message, a tenancy. `history` is its timeline as the
/// resident can see it (when, what happened), oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataItem {
    pub title: String,
    pub facts: Vec<Fact>,
    pub history: Vec<Fact>,
}

/// One kind of thing held, with what it is for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSection {
    pub title: String,
    pub explained: String,
    /// How many things are held here (items, or entries of a single list such as activity).
    pub count: usize,
    pub items: Vec<DataItem>,
    /// On the page, a long list shows one page at a time (the file always holds everything).
    #[serde(default)]
    pub pages: Option<SectionPages>,
}

/// Which page of a section's list this is, and how many there are; the page's address takes
/// `?{field}={page}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionPages {
    pub field: String,
    pub page: u32,
    pub pages: u32,
}

/// Everything Doorstep holds about one resident.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YourData {
    pub person: String,
    pub landlord: String,
    /// When it was gathered, in words (UK time).
    pub gathered: String,
    /// Gathered by a colleague for a request to see the information held: colleagues' internal
    /// notes are in it, their times marked "(internal)", to be checked before it is sent.
    pub internal_notes: bool,
    pub sections: Vec<DataSection>,
}

/// A request to see the information held, as a line in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLine {
    pub reference: String,
    pub person: String,
    pub received: String,
    pub status: String,
    /// The deadline in force and its state, while the clock runs.
    pub due: Option<String>,
    pub state: Progress,
}

/// The "Your data" start page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YourDataHome {
    pub requests: Vec<RequestLine>,
    /// "1 calendar month": the profile's promise.
    pub respond: String,
    pub extension: Option<String>,
    pub token: String,
    pub form: FormState<String>,
}

/// One request as its page shows it (to the resident, or with more to colleagues).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub reference: String,
    pub person_id: i64,
    pub person: String,
    pub status: String,
    pub status_code: String,
    pub open: bool,
    pub received: String,
    pub made_by: String,
    pub details: String,
    /// When identity was confirmed, and when the request was finished (sent or closed).
    pub identity_confirmed: Option<String>,
    pub finished: Option<String>,
    pub deadline: Option<DeadlineLine>,
    pub next_step: String,
    pub outcome: Option<String>,
    pub timeline: Vec<TimelineLine>,
}

pub const REQUEST_FORM: &str = "subject_access_request";

/// What the "record a request" form on a resident's page was given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordValues {
    pub channel: String,
    /// The date it reached us, as the date box sends it: YYYY-MM-DD.
    pub received: String,
    pub identity: String,
    pub details: String,
}

pub const RECORD_FORM: &str = "subject_access_record";

/// What the staff request page's forms were given, kept across a mistake.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepValues {
    /// Which step's form was sent, so only its box is filled in again.
    pub step: String,
    /// The form's text: how it was sent, the reason, or the note.
    pub text: String,
    pub extend_day: String,
    pub extend_month: String,
    pub extend_year: String,
}
