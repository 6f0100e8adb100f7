//! Who is signed in, the sign-in form, and the home page's summary.

use crate::domain::housing::Role;
use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// Who is signed in, as pages need to know it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub display_name: String,
    pub role: Role,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInFields {
    pub email: String,
    pub errors: FieldErrors,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YourHome {
    pub display_name: String,
    pub role: Role,
    pub home: Option<crate::domain::home::HomeSummary>,
    pub needs: Vec<String>,
}
