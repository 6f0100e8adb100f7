//! After the visit: is it fixed (a recall if not), and how did it go.

use super::*;

/// "Is it fixed?" Yes closes the question; no starts a recall report linked to this job.
#[server(prefix = "/api", endpoint = "repairs/fixed")]
pub async fn say_fixed(reference: String, fixed: Option<String>) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::repairs::after::say_fixed(&state, reference, fixed).await?,
    )
    .await
}

/// The one-question satisfaction rating, with an optional comment.
#[server(prefix = "/api", endpoint = "repairs/rate")]
pub async fn rate_repair(
    reference: String,
    rating: Option<String>,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::repairs::after::rate(&state, reference, rating, comment).await?,
    )
    .await
}
