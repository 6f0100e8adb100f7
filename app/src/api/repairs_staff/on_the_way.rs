//! Telling the resident an operative is on the way, with the arrival window.

use super::*;

/// "Operative on the way": the arrival window as two times, told to the resident at once. Only
/// with a visit booked: telling someone to expect an operative for a visit that was just
/// cancelled would keep them at home for nobody.
#[server(prefix = "/api", endpoint = "staff/repair-on-the-way")]
pub async fn tell_on_the_way(
    reference: String,
    from: Option<String>,
    until: Option<String>,
) -> Result<(), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let account = authorise(Action::ManageRepairs).await?;
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(
        crate::server::repairs::staff::on_the_way(&state, account, reference, from, until).await?,
    )
    .await
}
