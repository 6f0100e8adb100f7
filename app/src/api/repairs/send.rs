//! The rest of the report: description, photos, access, check your answers, send.

use super::*;

/// The description page's values.
#[server(prefix = "/api", endpoint = "repairs/describe-form")]
pub async fn get_describe() -> Result<crate::wire::forms::FormState<DescribeValues>, AppError> {
    support::reporter().await?;
    let draft = support::draft_or_new().await?;
    let mut form = crate::server::forms::take_form::<DescribeValues>(RESIDENT_FORM).await?;
    if form.errors.is_empty() {
        form.values.description = draft.description;
    }
    Ok(form)
}

#[server(prefix = "/api", endpoint = "repairs/describe")]
pub async fn describe(#[server(default)] description: String) -> Result<(), AppError> {
    use crate::server::repairs::DRAFT;
    support::reporter().await?;
    let session = crate::server::request::session()?;
    let values = DescribeValues {
        description: description.trim().to_owned(),
    };
    let errors = values.problems();
    if !errors.is_empty() {
        let back = "/repairs/report/describe";
        return crate::server::forms::back_to_form(RESIDENT_FORM, back, values, errors).await;
    }
    let mut draft = support::draft_or_new().await?;
    draft.description = values.description;
    DRAFT.keep(&session, &draft).await?;
    crate::server::request::redirect("/repairs/report/photos");
    Ok(())
}

/// The photos added so far.
#[server(prefix = "/api", endpoint = "repairs/photos")]
pub async fn get_photos() -> Result<PhotosStep, AppError> {
    use crate::server::db::repairs::draft_photos;
    use crate::server::repairs::{DRAFT, MAX_PHOTOS};
    use crate::server::state::app_state;
    let support::Reporter { person_id, .. } = support::reporter().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    // The upload handler finds the draft in the session: make sure there is one.
    DRAFT
        .keep(&crate::server::request::session()?, &draft)
        .await?;
    let form = crate::server::forms::take_form::<()>(RESIDENT_FORM).await?;
    let photos: Vec<i64> = draft_photos(&state.db, &draft.token, person_id)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    Ok(PhotosStep {
        may_add: photos.len() < MAX_PHOTOS,
        photos,
        errors: form.errors,
    })
}

/// Removes a photo from the report being written.
#[server(prefix = "/api", endpoint = "repairs/remove-photo")]
pub async fn remove_photo(photo: Option<String>) -> Result<(), AppError> {
    use crate::server::db::repairs::remove_draft_photo;
    use crate::server::state::app_state;
    let support::Reporter { person_id, .. } = support::reporter().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    if let Some(id) = photo.and_then(|p| p.parse::<i64>().ok()) {
        if let Some(key) = remove_draft_photo(&state.db, id, &draft.token, person_id).await? {
            state.storage.delete(&key).await?;
        }
    }
    crate::server::request::redirect("/repairs/report/photos");
    Ok(())
}

/// The access page's values, the phone prefilled from the resident's record.
#[server(prefix = "/api", endpoint = "repairs/access-form")]
pub async fn get_access() -> Result<crate::wire::forms::FormState<AccessValues>, AppError> {
    let support::Reporter { place, .. } = support::reporter().await?;
    let draft = support::draft_or_new().await?;
    let mut form = crate::server::forms::take_form::<AccessValues>(RESIDENT_FORM).await?;
    if form.errors.is_empty() {
        form.values = AccessValues {
            contact_phone: if draft.contact_phone.is_empty() {
                place.phone.unwrap_or_default()
            } else {
                draft.contact_phone
            },
            access_times: draft.access_times,
            pets: draft.pets,
            key_safe: draft.key_safe,
        };
    }
    Ok(form)
}

// Longer than 30 lines because four form fields, one argument each, trimmed into `AccessValues` (which
// says what is wrong), then kept in the draft.
#[server(prefix = "/api", endpoint = "repairs/access")]
pub async fn give_access(
    #[server(default)] access_times: String,
    #[server(default)] pets: String,
    #[server(default)] key_safe: String,
    #[server(default)] contact_phone: String,
) -> Result<(), AppError> {
    use crate::server::repairs::DRAFT;
    support::reporter().await?;
    let values = AccessValues {
        access_times: access_times.trim().to_owned(),
        pets: pets.trim().to_owned(),
        key_safe: key_safe.trim().to_owned(),
        contact_phone: contact_phone.trim().to_owned(),
    };
    let errors = values.problems();
    if !errors.is_empty() {
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            "/repairs/report/access",
            values,
            errors,
        )
        .await;
    }
    let session = crate::server::request::session()?;
    let mut draft = support::draft_or_new().await?;
    draft.access_times = values.access_times;
    draft.pets = values.pets;
    draft.key_safe = values.key_safe;
    draft.contact_phone = values.contact_phone;
    DRAFT.keep(&session, &draft).await?;
    crate::server::request::redirect("/repairs/report/check");
    Ok(())
}

/// "Check your answers", with the priority and target the report will get.
#[server(prefix = "/api", endpoint = "repairs/check")]
pub async fn get_check() -> Result<RepairCheck, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::check(&state).await
}

/// Sends the report: creates the job once per submission token and goes to its confirmation.
#[server(prefix = "/api", endpoint = "repairs/send")]
pub async fn send_report(token: Option<String>) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(crate::server::repairs::journey::send(&state, token).await?).await
}
