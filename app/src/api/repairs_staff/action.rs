//! Every colleague's change to a job: status, priority, contractor, notes, visits and the hazard
//! law's steps, checked before anything is written.

use super::*;

/// One change to a job. `action` says which; the other fields are those its form posts.
///
/// `choice` is the radio answer (the new priority, the visit's outcome, how access was sought);
/// `detail` the one line of text (the contractor).
// Longer than 30 lines because the change form has seven fields, one argument each, read into an
// `ActionForm` for `plan`, whose outcome is refused (back to the form) or carried out.
#[server(prefix = "/api", endpoint = "staff/repair-action")]
pub async fn staff_action(
    reference: String,
    action: Option<String>,
    choice: Option<String>,
    reason: Option<String>,
    detail: Option<String>,
    note: Option<String>,
    visible: Option<String>,
) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::repairs::staff::{carry_out, plan, ActionForm, Outcome};
    let account = authorise(Action::ManageRepairs).await?;
    let state = crate::server::state::app_state()?;
    let reference = crate::domain::reference::normalise_reference("RP", &reference)
        .ok_or(AppError::NotFound)?;
    let row = crate::server::db::repairs::repair_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = ActionForm::new(action, choice, [reason, detail, note], visible);
    let action = form.action.clone();
    let now = chrono::Utc::now();
    match plan(&state, &account, &row, form, now).await? {
        Outcome::Refused(errors) => {
            let back = format!("/staff/repairs/{reference}");
            crate::server::forms::back_to_form(STAFF_FORM, &back, None::<String>, errors).await
        }
        Outcome::Ready(planned) => {
            crate::server::forms::answer(
                carry_out(&state, &account, &row, &action, *planned, now).await?,
            )
            .await
        }
    }
}
