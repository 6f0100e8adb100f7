//! The demo's activity on top of its people and homes, in one order for `server seed-demo` and
//! the tests alike. Contact preferences come first, so that every message the demo's repairs and
//! cases send goes by the channel the resident chose (Margaret Lewis's by letter, not email).

use super::state::AppState;
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// How much of each the demo loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub repairs: usize,
    pub visits: usize,
    pub cases: usize,
    pub documents: usize,
    pub statements: usize,
}

/// Loads the demo's preferences, repairs, visits, cases, documents and service charges. Each part does
/// nothing when the database already has its kind of data.
pub async fn seed_activity(state: &AppState, now: DateTime<Utc>) -> Result<Loaded, AppError> {
    super::preferences::seed_demo_preferences(state, now).await?;
    Ok(Loaded {
        repairs: super::repairs::seed_demo_repairs(state, now).await?,
        visits: super::visits::seed_demo_visits(state, now).await?,
        cases: super::cases::seed_demo_cases(state, now).await?,
        documents: super::documents::seed_demo_documents(state, now).await?,
        statements: super::service_charges::seed_demo_service_charges(state, now).await?,
    })
}
