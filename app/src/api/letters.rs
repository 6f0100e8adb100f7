//! The letters print queue for colleagues: every letter Doorstep wrote (large print where the
//! resident needs it) waiting to be printed and posted, each downloadable as its PDF
//! (`GET /staff/letters/{id}/pdf`), marked posted once it has gone.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::letters::*;

#[cfg(feature = "ssr")]
fn line(row: crate::server::db::outbox::LetterRow) -> LetterLine {
    LetterLine {
        id: row.id,
        to: row.person_name.unwrap_or_default(),
        address: row.recipient,
        subject: row.subject,
        large_print: row.large_print,
        written: crate::format::day_when(row.created_at),
        posted: row.posted_at.map(|at| {
            format!(
                "Posted {} by {}",
                crate::format::day_when(at),
                row.posted_by.unwrap_or_default()
            )
        }),
    }
}

/// Letters waiting to be posted, oldest first, and the latest 20 posted.
#[server(prefix = "/api", endpoint = "staff/letters")]
pub async fn get_letters() -> Result<LetterQueue, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::outbox::letters;
    authorise(Action::PrintLetters).await?;
    let state = crate::server::state::app_state()?;
    let session = crate::server::request::session()?;
    let done = crate::server::flash::take::<String>(&session, "letters_done")
        .await?
        .map(|r| r.values);
    Ok(LetterQueue {
        waiting: letters(&state.db, false, 500)
            .await?
            .into_iter()
            .map(line)
            .collect(),
        posted: letters(&state.db, true, 20)
            .await?
            .into_iter()
            .map(line)
            .collect(),
        done,
    })
}

/// Marks one letter as posted.
#[server(prefix = "/api", endpoint = "staff/letter-posted")]
pub async fn mark_letter_posted(id: i64) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::PrintLetters).await?;
    let state = crate::server::state::app_state()?;
    let message =
        if crate::server::db::outbox::mark_posted(&state.db, id, account.id, chrono::Utc::now())
            .await?
        {
            "Marked as posted"
        } else {
            "That letter was marked as posted already"
        };
    crate::server::forms::back_to_form(
        "letters_done",
        "/staff/letters",
        message.to_owned(),
        crate::domain::validation::FieldErrors::default(),
    )
    .await
}
