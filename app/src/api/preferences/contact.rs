//! The contact preferences form.

use super::*;

/// The form for the signed-in resident, or (`person`, for a colleague) for that resident.
#[server(prefix = "/api", endpoint = "preferences/form")]
pub async fn get_preferences(
    person: Option<i64>,
) -> Result<PreferencesPage, crate::error::AppError> {
    use crate::domain::preferences::*;
    use crate::error::AppError;
    use crate::server::authz::{may, signed_in, Action};
    use crate::server::db::preferences as store;
    use crate::server::forms::take_form;
    use crate::server::state::app_state;
    let account = signed_in().await?;
    let state = app_state()?;
    let (person_id, staff) = match (person, account.person_id) {
        (Some(p), _) if may(&account, Action::RecordNeeds) => (p, true),
        (None, Some(p)) if may(&account, Action::ManageOwnPreferences) => (p, false),
        _ => return Err(AppError::NotFound),
    };
    let contact = store::contact(&state.db, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = store::current(&state.db, person_id).await?;
    let homeowner = crate::server::preferences::is_homeowner(&state, person_id).await?;
    let form = take_form::<PreferenceValues>(PREFERENCES_FORM).await?;
    let values = if form.errors.is_empty() {
        PreferenceValues::of(&current)
    } else {
        form.values
    };
    let history = store::history(&state.db, person_id)
        .await?
        .into_iter()
        .map(change_of)
        .collect();
    Ok(PreferencesPage {
        person_id,
        person_name: contact.name,
        staff,
        channels: options(&state.site.profile.channels, Channel::code, Channel::label),
        formats: options(&Format::ALL, Format::code, Format::label),
        adjustments: options(&Adjustment::ALL, Adjustment::code, Adjustment::label),
        visit_staff: options(&VisitStaff::ALL, VisitStaff::code, VisitStaff::label),
        newsletters: options(
            &Newsletter::offered(homeowner),
            Newsletter::code,
            Newsletter::label,
        ),
        values,
        errors: form.errors,
        summary: current.banner(),
        history,
    })
}
