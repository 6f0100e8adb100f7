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

pub async fn take<V: DeserializeOwned>(
    session: &Session,
    form: &str,
) -> Result<Option<Returned<V>>, AppError> {
    Ok(session.remove::<Returned<V>>(&key(form)).await?)
}
