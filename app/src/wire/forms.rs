//! What form pages receive: the state after a failed attempt (kept and taken across the
//! redirect by `server::forms`) and the answers a question offers.

use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// The values as typed and what was wrong with them (empty when the form is fresh).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState<V> {
    pub values: V,
    pub errors: FieldErrors,
}

/// One answer offered: the value posted, its words and an optional hint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offered {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}
