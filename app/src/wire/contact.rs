//! The contact form and what its sender is told.

use crate::domain::contact::ContactInput;
use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// What the contact form page needs: a fresh submission token and, after a failed attempt, the
/// values and messages to show again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactFormPage {
    pub token: String,
    pub values: ContactInput,
    pub errors: FieldErrors,
}

/// The confirmation page's facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSent {
    pub reference: String,
    pub reply_to: String,
    /// "by Tuesday 8 December 2026 (within 3 working days)", from the profile's standard for
    /// enquiries; empty when the landlord publishes none.
    pub reply_by: String,
    /// The team it has gone to, if the landlord routes messages to one.
    pub team: Option<String>,
    /// Where a signed-in resident can follow it.
    pub page: Option<String>,
}
