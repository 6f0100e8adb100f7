//! Form plumbing for server functions: a failed form's values and messages kept across the
//! redirect (post/redirect/get without losing anything), and values a journey keeps in the
//! session between pages (`SessionSlot`: the report being written, the case being written, a
//! file waiting for its details).

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::forms::FormState;
use serde::{de::DeserializeOwned, Serialize};
use std::marker::PhantomData;
use tower_sessions::Session;

/// The form's values and errors kept by `back_to_form`, taken out once (empty if none).
pub async fn take_form<V: DeserializeOwned + Default>(
    form: &str,
) -> Result<FormState<V>, AppError> {
    let session = super::request::session()?;
    Ok(super::flash::take::<V>(&session, form)
        .await?
        .map(|r| FormState {
            values: r.values,
            errors: r.errors,
        })
        .unwrap_or_default())
}

/// Keeps the values and errors for the form and sends the browser back to it.
pub async fn back_to_form<V: Serialize>(
    form: &str,
    path: &str,
    values: V,
    errors: FieldErrors,
) -> Result<(), AppError> {
    let session = super::request::session()?;
    super::flash::keep(&session, form, values, errors).await?;
    super::request::redirect(path);
    Ok(())
}

/// What the browser sees after a form is posted: the next page, or the form again with what
/// was typed and what is wrong. Services return it; the server function hands it to `answer`,
/// so the redirect is made in one place and a service never touches the response.
#[derive(Debug)]
pub enum Reply {
    Go(String),
    Back {
        form: String,
        path: String,
        values: serde_json::Value,
        errors: FieldErrors,
    },
}

impl Reply {
    /// On to `path`.
    pub fn go(path: impl AsRef<str>) -> Reply {
        Reply::Go(path.as_ref().to_owned())
    }

    /// Back to the form at `path`, keeping `values` and `errors` for it (see `back_to_form`).
    pub fn back<V: Serialize>(
        form: &str,
        path: &str,
        values: V,
        errors: FieldErrors,
    ) -> Result<Reply, AppError> {
        Ok(Reply::Back {
            form: form.to_owned(),
            path: path.to_owned(),
            values: serde_json::to_value(values).map_err(crate::error::internal)?,
            errors,
        })
    }
}

/// Carries out a service's `Reply`: the redirect, or the form kept and the redirect back to it.
pub async fn answer(reply: Reply) -> Result<(), AppError> {
    match reply {
        Reply::Go(path) => {
            super::request::redirect(&path);
            Ok(())
        }
        Reply::Back {
            form,
            path,
            values,
            errors,
        } => back_to_form(&form, &path, values, errors).await,
    }
}

/// One value a journey keeps in the session under a fixed key, typed: read, keep, drop.
pub struct SessionSlot<T> {
    key: &'static str,
    kind: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned> SessionSlot<T> {
    pub const fn new(key: &'static str) -> SessionSlot<T> {
        SessionSlot {
            key,
            kind: PhantomData,
        }
    }

    pub async fn get(&self, session: &Session) -> Result<Option<T>, AppError> {
        Ok(session.get::<T>(self.key).await?)
    }

    pub async fn keep(&self, session: &Session, value: &T) -> Result<(), AppError> {
        session.insert(self.key, value).await?;
        Ok(())
    }

    /// Drops the value, touching the session only when there is one to drop (a removal marks
    /// the session changed).
    pub async fn drop(&self, session: &Session) -> Result<(), AppError> {
        if session.get_value(self.key).await?.is_some() {
            session.remove_value(self.key).await?;
        }
        Ok(())
    }
}
