//! A colleague's actions and notes on a case's timeline: an action to take by a date, marking it
//! done, and an internal note.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::cases::workflow::*;
use crate::server::db::accounts::Account;
use crate::server::db::cases::{Change, NewEvent};
use crate::server::state::AppState;

/// An outstanding action promised to the resident, with its date.
pub async fn add_action(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    description: Option<String>,
    action_date_day: Option<String>,
    action_date_month: Option<String>,
    action_date_year: Option<String>,
) -> Result<(), AppError> {
    let description = text(description);
    let mut errors = FieldErrors::default();
    if description.is_empty() {
        refuse(
            &mut errors,
            "add_action",
            "description",
            "Describe what we will do",
        );
    } else if description.chars().count() > crate::domain::cases::SHORT_LIMIT {
        refuse(
            &mut errors,
            "add_action",
            "description",
            format!(
                "This must be {} characters or fewer",
                crate::domain::cases::SHORT_LIMIT
            ),
        );
    }
    let date = crate::domain::validation::date_of(
        &text(action_date_day),
        &text(action_date_month),
        &text(action_date_year),
    );
    if date.is_none() {
        errors.add(
            "action_date",
            "Enter the date it will be done by, like 27 3 2027",
        );
    }
    let Some(date) = date.filter(|_| errors.is_empty()) else {
        return back_with(&row, errors).await;
    };
    let now = chrono::Utc::now();
    let title = format!(
        "We will {description} by {}",
        date.format(crate::format::DATE)
    );
    crate::server::db::cases::add_action(
        &state.db,
        row.id,
        row.stage,
        &description,
        date,
        &NewEvent::shown("action", title.clone()).by(Some(account.id)),
        now,
    )
    .await?;
    finish(state, &account, &row, "add_action", Ok(()), Some(title)).await
}

/// A note on the case: internal, or an update the resident sees.
pub async fn note(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    note: Option<String>,
    visible: Option<String>,
) -> Result<(), AppError> {
    let note = text(note);
    let mut errors = FieldErrors::default();
    if note.is_empty() {
        refuse(&mut errors, "note", "note", "Write the note");
    } else if too_long(&note) {
        refuse(
            &mut errors,
            "note",
            "note",
            "The note must be 2000 characters or fewer",
        );
    }
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let shown = visible.as_deref() == Some("yes");
    let event = NewEvent::shown(
        "note",
        if shown {
            "Update from us"
        } else {
            "Internal note"
        },
    )
    .with_body(Some(note.clone()))
    .by(Some(account.id));
    let result = if shown {
        // An update the resident sees keeps the promise to keep them informed, and, while the
        // case is open, the next update is due that long after this one.
        use crate::domain::cases::ClockKind;
        let now = state.clock.now();
        let every = crate::domain::cases::update_every(
            &state.site.profile,
            row.kind,
            row.complex_at.is_some(),
        );
        let next =
            every
                .filter(|_| row.status.is_open())
                .map(|t| crate::server::db::cases::NewClock {
                    kind: ClockKind::Update.into(),
                    started_at: now,
                    due_at: state.site.schedule().deadline(now, t),
                });
        let change = Change {
            meet_clocks: vec![ClockKind::Update],
            repeat_clocks: next.into_iter().collect(),
            ..Default::default()
        };
        write(state, &row, &change, &event, now).await?
    } else {
        crate::server::db::cases::add_event(
            &state.db,
            row.id,
            &event.internal(),
            chrono::Utc::now(),
        )
        .await?;
        Ok(())
    };
    finish(
        state,
        &account,
        &row,
        "note",
        result,
        shown.then(|| format!("Update: {note}")),
    )
    .await
}

/// Mark an outstanding action done.
pub async fn action_done(
    state: &AppState,
    account: Account,
    row: crate::server::db::cases::CaseRow,
    action: Option<String>,
) -> Result<(), AppError> {
    let actions = crate::server::db::cases::actions(&state.db, row.id).await?;
    let Some(found) = action
        .and_then(|a| a.trim().parse::<i64>().ok())
        .and_then(|id| {
            actions
                .into_iter()
                .find(|a| a.id == id && a.done_at.is_none())
        })
    else {
        return finish(
            state,
            &account,
            &row,
            "action_done",
            Err("That action is done already".to_owned()),
            None,
        )
        .await;
    };
    let now = chrono::Utc::now();
    let title = format!("Done: {}", found.description);
    let change = Change {
        action_done: Some((found.id, account.id)),
        ..Default::default()
    };
    let event = NewEvent::shown("action_done", title.clone()).by(Some(account.id));
    let result = write(state, &row, &change, &event, now).await?;
    finish(state, &account, &row, "action_done", result, Some(title)).await
}
