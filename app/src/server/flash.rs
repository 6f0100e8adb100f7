//! Post/redirect/get without losing anything: a form that fails validation keeps the person's
//! values and the messages in the session under the form's name, redirects back to the form,
//! and the form page takes them out once to show them.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use tower_sessions::Session;

#[derive(Debug, Serialize, Deserialize)]
pub struct Returned<V> {
    pub values: V,
    pub errors: FieldErrors,
}

fn key(form: &str) -> String {
    format!("form:{form}")
}

pub async fn keep<V: Serialize>(
    session: &Session,
    form: &str,
    values: V,
    errors: FieldErrors,
) -> Result<(), AppError> {
    session
        .insert(&key(form), Returned { values, errors })
        .await?;
    Ok(())
}

/// Takes the form's returned values out, once. Reads first and removes only what is there (a
/// removal marks the session changed, and a plain visit should not rewrite it). Values kept by
/// another page under the same name (a form left half-way for another step of the same
/// journey) do not fit this page: they are dropped, and the page shows empty, rather than
/// failing the page.
pub async fn take<V: DeserializeOwned>(
    session: &Session,
    form: &str,
) -> Result<Option<Returned<V>>, AppError> {
    let key = key(form);
    let Some(kept) = session.get_value(&key).await? else {
        return Ok(None);
    };
    session.remove_value(&key).await?;
    Ok(serde_json::from_value::<Returned<V>>(kept).ok())
}
