//! Contact tasks for colleagues, a resident's messages, and finding a resident.

use super::*;
#[cfg(feature = "ssr")]
use crate::server::preferences::pages::{message_view, task_view};

#[server(prefix = "/api", endpoint = "staff/contact-tasks")]
pub async fn get_contact_tasks() -> Result<ContactTasks, crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::forms::take_form;
    use crate::server::state::app_state;
    authorise(Action::RecordNeeds).await?;
    let state = app_state()?;
    let (open, done) = crate::server::db::messages::tasks(&state.db).await?;
    let form = take_form::<()>(TASK_FORM).await?;
    Ok(ContactTasks {
        open: open.into_iter().map(task_view).collect(),
        done: done.into_iter().map(task_view).collect(),
        errors: form.errors,
    })
}

/// Records how contact was made for a message Doorstep could not send.
#[server(prefix = "/api", endpoint = "staff/contact-task-done")]
pub async fn complete_contact_task(
    task: i64,
    #[server(default)] outcome: String,
    back: Option<String>,
) -> Result<(), crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::forms::back_to_form;
    use crate::server::state::app_state;
    let account = authorise(Action::RecordNeeds).await?;
    let state = app_state()?;
    let back = back
        .filter(|b| b.starts_with("/staff/") && crate::domain::navigation::local_path(b).is_some())
        .unwrap_or_else(|| "/staff/contact-tasks".to_owned());
    let outcome = outcome.trim().to_owned();
    if outcome.is_empty() || outcome.chars().count() > 500 {
        let mut errors = FieldErrors::default();
        errors.add(
            &format!("outcome-{task}"),
            "Say how you made contact and what was said, in 500 characters or fewer",
        );
        return back_to_form(TASK_FORM, &back, (), errors).await;
    }
    let now = chrono::Utc::now();
    crate::server::db::messages::complete_task(&state.db, task, account.id, &outcome, now).await?;
    crate::server::request::redirect(&back);
    Ok(())
}

/// The signed-in resident's messages, newest first. Reading them changes nothing: a link
/// checker or a browser's prefetch could open the page without the resident; "Mark as read"
/// does that.
#[server(prefix = "/api", endpoint = "messages")]
pub async fn get_messages() -> Result<Vec<MessageView>, crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::messages;
    use crate::server::state::app_state;
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(crate::error::AppError::NotFound)?;
    let state = app_state()?;
    let found = messages::for_person(&state.db, person, 100).await?;
    Ok(found.into_iter().map(message_view).collect())
}

/// Marks the resident's messages read, up to the newest they were shown (`upto`), so that one
/// arriving while the page was open stays new.
#[server(prefix = "/api", endpoint = "messages/read")]
pub async fn mark_messages_read(upto: Option<String>) -> Result<(), crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(crate::error::AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    if let Some(upto) = upto.and_then(|u| u.trim().parse::<i64>().ok()) {
        crate::server::db::messages::mark_read(&state.db, person, upto, chrono::Utc::now()).await?;
    }
    crate::server::request::redirect("/messages");
    Ok(())
}

/// Residents matching a name, reference, address or postcode (at least two characters).
#[server(prefix = "/api", endpoint = "staff/residents")]
pub async fn find_residents(q: String) -> Result<Vec<FoundResident>, crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::RecordNeeds).await?;
    let state = crate::server::state::app_state()?;
    if q.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    Ok(crate::server::db::preferences::search(&state.db, &q)
        .await?
        .into_iter()
        .map(|f| FoundResident {
            person_id: f.person_id,
            name: f.name,
            address: f.address.unwrap_or_default(),
            tenancy: f.tenancy.unwrap_or_default(),
        })
        .collect())
}
