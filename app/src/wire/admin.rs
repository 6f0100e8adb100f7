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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPage {
    pub staff: Vec<StaffMember>,
    pub form: FormState<NewStaffValues>,
}

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
