//! Colleagues' accounts, the audit trail and the development mailbox.

use crate::domain::housing::Role;
use crate::wire::forms::FormState;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    /// Still to choose a password from their invitation.
    pub invited: bool,
    /// The administrator looking at the page (who may not disable themselves).
    pub is_you: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStaffValues {
    pub name: String,
    pub email: String,
    pub role: String,
    /// A contractor's firm (its id).
    #[serde(default)]
    pub firm: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPage {
    pub staff: Vec<StaffMember>,
    pub form: FormState<NewStaffValues>,
    /// Contractor firms, for a contractor's account.
    pub firms: Vec<crate::wire::forms::Offered>,
}

/// The contractor firms page: each firm with its colleagues, and the form to add one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirmsPage {
    pub firms: Vec<FirmView>,
    pub form: FormState<NewFirmValues>,
    pub done: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirmView {
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
    pub colleagues: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFirmValues {
    pub name: String,
    pub phone: String,
    pub email: String,
}

pub const FIRM_FORM: &str = "new_firm";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub when: String,
    pub who: String,
    pub for_whom: Option<String>,
    pub action: String,
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub address: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditTrail {
    pub lines: Vec<AuditLine>,
    pub page: i64,
    pub pages: i64,
}

pub const AUDIT_PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxMessage {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub queued: String,
    pub sent: bool,
}

/// A colleague in a team, as the teams page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMemberView {
    pub account_id: i64,
    pub name: String,
    pub role: Role,
    pub manager: bool,
    /// Their account is disabled: they stay listed so the team's history reads true.
    pub disabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub id: i64,
    pub name: String,
    pub members: Vec<TeamMemberView>,
    /// What new cases come to this team: "Complaints", "Repairs".
    pub routed: Vec<String>,
    /// Colleagues in use who are not in the team yet.
    pub joinable: Vec<crate::wire::forms::Offered>,
}

/// A kind of case and the team new ones go to (the team's id, or empty for none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteView {
    pub kind: String,
    pub label: String,
    pub team: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamsPage {
    pub teams: Vec<TeamView>,
    pub routes: Vec<RouteView>,
    /// The new team's name as typed, and any problem with it or another form on the page
    /// (keyed "name", "member-<team>", "route-<kind>").
    pub form: FormState<String>,
    pub done: Option<String>,
}

pub const TEAMS_FORM: &str = "teams";
pub const TEAMS_DONE: &str = "teams_done";
