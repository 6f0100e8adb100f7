//! A resident's home as pages show it.

use super::housing::{TenancyKind, Tenure};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A resident's home and agreement, for "Your home".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeSummary {
    pub tenancy_reference: String,
    pub tenancy_kind: TenancyKind,
    pub start_date: NaiveDate,
    pub address: Vec<String>,
    pub tenure: Tenure,
    pub block: Option<String>,
    pub estate: String,
    pub household: Vec<String>,
}
