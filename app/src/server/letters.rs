//! The print queue's letters, for the colleagues who print them.

use crate::error::AppError;

/// A letter from the print queue as its PDF, for a colleague who prints letters; `None` for
/// anyone else, or when the id is not a letter.
pub async fn letter_for(
    state: &super::state::AppState,
    session: &tower_sessions::Session,
    id: i64,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    use super::authz::{may, Action};
    let Some(account) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::PrintLetters) {
        return Ok(None);
    }
    let Some(letter) = super::db::outbox::by_id(&state.db, id)
        .await?
        .filter(|l| l.channel == "letter")
    else {
        return Ok(None);
    };
    let pdf = super::mail::letter_pdf(&letter, &state.site.profile.landlord.address)?;
    Ok(Some((format!("letter-{id:08}.pdf"), pdf)))
}
