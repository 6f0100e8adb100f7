//! The service standards as the profile file writes them.

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDueSoon {
    pub working_days: Option<u32>,
    pub hours: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContactStandard {
    pub kind: Option<String>,
    pub description: Option<String>,
    pub acknowledge: Option<String>,
    pub respond: Option<String>,
    pub complex: Option<String>,
    pub update: Option<String>,
    pub respond_by_text: Option<String>,
    pub promise: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawComplaints {
    pub regime: Option<String>,
    pub different_handler_at_stage_2: Option<bool>,
    pub stages: Option<Vec<RawStage>>,
    pub ombudsman: Option<RawOmbudsman>,
    pub exclusions: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    pub name: Option<String>,
    pub acknowledge: Option<String>,
    pub respond: Option<String>,
    pub respond_from: Option<String>,
    pub extension_limit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOmbudsman {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub time_limit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRepairPriority {
    pub code: Option<String>,
    pub name: Option<String>,
    pub target: Option<String>,
    pub emergency: Option<bool>,
    pub residents_may_book: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHazards {
    /// "awaabs_law" (England), "scotland" (the 2026 Scottish damp and mould regulations) or
    /// "none".
    pub law: Option<String>,
    /// Earlier profiles said `awaabs_law = true` or `false`; still read as `law`.
    pub awaabs_law: Option<bool>,
    /// Scotland: the hazard kinds (an outcome's `hazard_kind` in the repairs file) the
    /// regulations cover.
    pub kinds: Option<Vec<String>>,
    pub investigate: Option<String>,
    pub written_summary: Option<String>,
    pub start_repairs: Option<String>,
    pub emergency_make_safe: Option<String>,
    pub significant_investigate: Option<String>,
    pub significant_written_summary: Option<String>,
    pub significant_safety_work: Option<String>,
    pub significant_further_work_begin: Option<String>,
    pub significant_further_work_start_on_site: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSubjectAccess {
    pub respond: Option<String>,
    pub extension: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSatisfaction {
    pub tenants: Option<i64>,
    pub homeowners: Option<i64>,
    pub repairs: Option<i64>,
}
