//! The repairs configuration as `config/repairs.toml` writes it.

use super::*;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRepairSetup {
    pub start: Option<String>,
    pub emergencies: Option<Vec<RawEmergency>>,
    pub trades: Option<Vec<RawTrade>>,
    pub questions: Option<Vec<RawQuestion>>,
    pub outcomes: Option<Vec<RawOutcome>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEmergency {
    pub code: Option<String>,
    pub label: Option<String>,
    pub gas: Option<bool>,
    pub hazard: Option<String>,
    pub hazard_kind: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrade {
    pub code: Option<String>,
    pub name: Option<String>,
    pub morning: Option<u32>,
    pub afternoon: Option<u32>,
    pub all_day: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Option<String>,
    pub text: Option<String>,
    pub hint: Option<String>,
    pub communal: Option<bool>,
    pub options: Option<Vec<RawOption>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub label: Option<String>,
    pub hint: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub id: Option<String>,
    pub summary: Option<String>,
    pub priority: Option<String>,
    pub trade: Option<String>,
    pub scope: Option<String>,
    pub resident_responsible: Option<bool>,
    pub advice: Option<String>,
    pub hazard: Option<String>,
    pub hazard_kind: Option<String>,
}
