//! The pieces the colleagues' documents pages share: the upload form with its choices, and
//! the one-line message a finished step leaves for the page it returns to.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::documents::PlaceRow;
use crate::wire::documents_staff::*;
use crate::wire::forms::Offered;

pub fn place_options(places: &[PlaceRow]) -> Vec<Offered> {
    places
        .iter()
        .map(|p| Offered {
            value: format!("{}:{}", p.kind, p.id),
            label: if p.kind == "block" {
                format!("{} (building)", p.name)
            } else {
                format!("{} (estate)", p.name)
            },
            hint: None,
        })
        .collect()
}

pub fn offered<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Offered> {
    all.iter()
        .map(|t| Offered {
            value: value(*t).to_owned(),
            label: label(*t).to_owned(),
            hint: None,
        })
        .collect()
}

/// The upload form for `values` (a fresh token when it has none).
pub async fn upload_form(
    state: &crate::server::state::AppState,
    mut values: UploadValues,
    errors: FieldErrors,
) -> Result<UploadForm, AppError> {
    use crate::domain::documents::{file_in_words, Audience, Category};
    if values.token.is_empty() {
        values.token = crate::server::tokens::submission_token();
    }
    let session = crate::server::request::session()?;
    let pending = crate::server::documents::PENDING
        .get(&session)
        .await?
        .filter(|_| !errors.is_empty())
        .map(|p| {
            format!(
                "{} ({})",
                p.filename,
                file_in_words(&p.content_type, p.size)
            )
        });
    Ok(UploadForm {
        values,
        errors,
        pending,
        categories: offered(Category::ALL, Category::as_str, Category::label),
        audiences: offered(Audience::ALL, Audience::as_str, Audience::label),
        places: place_options(&crate::server::db::documents::places(&state.db).await?),
    })
}

pub async fn done_message(form: &str) -> Result<Option<String>, AppError> {
    let state = crate::server::forms::take_form::<Option<String>>(form).await?;
    Ok(state.values)
}

pub async fn finish(form: &str, message: &str, back: &str) -> Result<(), AppError> {
    let session = crate::server::request::session()?;
    crate::server::flash::keep(
        &session,
        form,
        Some(message.to_owned()),
        FieldErrors::default(),
    )
    .await?;
    crate::server::request::redirect(back);
    Ok(())
}
