//! People who can act for a resident, as pages show them: what a permission covers, who the
//! person is to the resident, the invitation and paper forms.

use super::forms::FormState;
use serde::{Deserialize, Serialize};

/// What a permission covers, as the form offers it.
pub const SCOPES: [(&str, &str, &str); 4] = [
    ("repairs", "Repairs", "See and follow your repairs"),
    (
        "complaints",
        "Complaints and questions",
        "Make complaints, compliments and questions for you, and follow them",
    ),
    (
        "documents",
        "Documents",
        "Read your documents and service charges",
    ),
    ("everything", "Everything", "All of these"),
];

/// Who the invited person is to the resident.
pub const RELATIONSHIPS: [(&str, &str); 4] = [
    ("household_member", "Someone who lives with me"),
    ("relative", "A relative or friend"),
    ("support_worker", "A support worker or carer"),
    (
        "advice",
        "An advice agency, councillor's caseworker or other advocate",
    ),
];

pub fn scope_label(code: &str) -> &str {
    SCOPES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(code, |(_, l, _)| l)
}

pub fn relationship_label(code: &str) -> &str {
    RELATIONSHIPS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, l)| l)
}

pub const PEOPLE_FORM: &str = "invite_someone";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteValues {
    pub name: String,
    pub email: String,
    pub relationship: String,
    pub scope: String,
    pub ends_day: String,
    pub ends_month: String,
    pub ends_year: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub relationship: String,
    pub scope: String,
    /// "Until 3 March 2027", or "No end date".
    pub until: String,
    /// "You invited them on ..." / "Recorded by us from a signed form on ...".
    pub given: String,
    /// A colleague's note of what the resident said or signed (colleagues' pages only).
    pub note: Option<String>,
    /// The signed form or letter is stored (colleagues download it).
    pub evidence_file: bool,
}

/// What the colleagues' form for a permission given on paper or by phone was given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperValues {
    pub name: String,
    pub email: String,
    pub relationship: String,
    pub scope: String,
    pub given_by: String,
    pub note: String,
    pub ends_day: String,
    pub ends_month: String,
    pub ends_year: String,
}

pub const PAPER_FORM: &str = "permission_on_paper";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub scope: String,
    pub expires: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Vec<PermissionView>,
    pub invitations: Vec<InvitationView>,
    pub form: FormState<InviteValues>,
    pub done: Option<String>,
}

/// What the invitation link shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    /// Unknown, cancelled or expired.
    NotValid,
    Accepted {
        resident: String,
    },
    Open {
        resident: String,
        name: String,
        email: String,
        scope: String,
        until: String,
        /// Who is looking.
        viewer: Viewer,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    /// Not signed in and no account has the invited email: set one up.
    NewPerson,
    /// Not signed in, and an account has the invited email: sign in first.
    HasAccount,
    /// Signed in with the invited email as an advocate: accept.
    Invited,
    /// Signed in as someone else, or with a resident's or colleague's account.
    Other { reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPage {
    pub state: InvitationState,
    pub form: FormState<()>,
}
