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
