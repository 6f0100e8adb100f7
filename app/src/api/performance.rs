//! Performance: the regulator's measures for colleagues (RP02 in England, the Scottish Charter
//! indicators in Scotland, beside the complaints report) and the public "How we are doing" page,
//! each standard beside the result computed from live records.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::performance::*;

/// "How we are doing": for anyone, signed in or not.
#[server(prefix = "/api", endpoint = "how-we-are-doing")]
pub async fn get_public_performance() -> Result<PublicPerformance, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::performance::public_cached(&state, crate::site::today()).await
}
