//! Contact preferences and needs as pages show them: the form's values, its choices, the
//! history of changes, and the needs banner on colleagues' screens.

use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// The flash key the form's values and errors are kept under.
pub const PREFERENCES_FORM: &str = "contact_preferences";

/// The form's answers as codes, as posted and as shown again after a mistake.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferenceValues {
    /// First, second and third choice of channel.
    pub order: [String; 3],
    pub never: Vec<String>,
    pub good_times: String,
    pub bad_times: String,
    pub language: String,
    pub formats: Vec<String>,
    pub adjustments: Vec<String>,
    pub other_adjustments: String,
    pub visit_staff: String,
    pub newsletters: Vec<String>,
}

/// One saved version, for the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub when: String,
    pub by: Option<String>,
    pub lines: Vec<String>,
}

/// A code and its words, for a choice on the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Option_ {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferencesPage {
    pub person_id: i64,
    pub person_name: String,
    /// A colleague is looking (the staff resident page).
    pub staff: bool,
    pub channels: Vec<Option_>,
    pub formats: Vec<Option_>,
    pub adjustments: Vec<Option_>,
    pub visit_staff: Vec<Option_>,
    pub newsletters: Vec<Option_>,
    pub values: PreferenceValues,
    pub errors: FieldErrors,
    /// What is in force, as a colleague's needs banner says it.
    pub summary: Vec<String>,
    pub history: Vec<Change>,
}

/// The needs banner on staff screens about a resident or their case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsBanner {
    pub person_id: i64,
    pub name: String,
    pub lines: Vec<String>,
    /// Only for colleagues whose work needs them.
    pub vulnerabilities: Vec<String>,
    /// Open tasks to make contact another way.
    pub open_tasks: i64,
}

/// A vulnerability as a colleague who needs it reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VulnerabilityView {
    pub id: i64,
    pub description: String,
    pub consent: String,
    pub until: String,
    pub recorded: String,
}

/// A task to make contact another way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskView {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub phone: Option<String>,
    pub reason: String,
    pub subject: String,
    pub body: String,
    pub reference: Option<String>,
    pub created: String,
    /// "Phoned on ... by ...: outcome", once done.
    pub done: Option<String>,
}

/// A message as the portal lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub sent: String,
    /// "Also sent by email" / "We could not send this: a colleague will contact you".
    pub how: String,
    pub unread: bool,
    /// The message's id, for "mark as read up to here".
    pub id: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VulnerabilityValues {
    pub description: String,
    pub consent: String,
    pub ends_day: String,
    pub ends_month: String,
    pub ends_year: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffResident {
    pub banner: NeedsBanner,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    /// `None`: this colleague's work does not need them.
    pub vulnerabilities: Option<Vec<VulnerabilityView>>,
    pub vulnerability_form: crate::wire::forms::FormState<VulnerabilityValues>,
    pub tasks: Vec<TaskView>,
    pub task_errors: FieldErrors,
    pub messages: Vec<MessageView>,
    pub done: Option<String>,
    /// Who may act for the resident now.
    pub people: Vec<crate::wire::permissions::PermissionView>,
    /// This colleague may record permissions given on paper or by phone, and withdraw them.
    pub may_record_permissions: bool,
    pub permission_form: crate::wire::forms::FormState<crate::wire::permissions::PaperValues>,
    /// The evidence chosen on the last try of the permission form, kept for the next.
    pub evidence_chosen: Option<String>,
    /// The resident's requests to see their information (for colleagues who handle them).
    pub requests: Option<Vec<crate::wire::your_data::RequestLine>>,
    pub request_form: crate::wire::forms::FormState<crate::wire::your_data::RecordValues>,
    pub request_token: String,
    /// The contact preferences form for this resident.
    pub preferences: PreferencesPage,
    /// Their current tenancy or lease reference (`None`: no current home).
    pub tenancy: Option<String>,
    /// This colleague may record a contact (a case of any kind) taken for the resident.
    pub may_record_contacts: bool,
    /// This colleague may record a repair the resident reported (they have a current home).
    pub may_record_repairs: bool,
}

pub const RESIDENT_FORM: &str = "staff_resident";

pub const TASK_FORM: &str = "contact_task";

pub const CONSENTS: [(&str, &str); 4] = [
    ("in_person", "In person"),
    ("phone", "By phone"),
    ("in_writing", "In writing"),
    ("portal", "On the portal"),
];

/// Every open task to make contact, oldest first, and the latest done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactTasks {
    pub open: Vec<TaskView>,
    pub done: Vec<TaskView>,
    pub errors: FieldErrors,
}

/// A resident in a colleague's search results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundResident {
    pub person_id: i64,
    pub name: String,
    pub address: String,
    pub tenancy: String,
}
