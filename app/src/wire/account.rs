//! Your account: sign-ins and the forms that change email and password.

use crate::domain::housing::Role;
use crate::wire::forms::FormState;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentSignIn {
    /// UK local time, as "Monday 23 November 2026 at 9:05am".
    pub when: String,
    pub succeeded: bool,
    pub address: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YourAccount {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub recent: Vec<RecentSignIn>,
    pub email_form: FormState<String>,
    pub password_form: FormState<()>,
}
