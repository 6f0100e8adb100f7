//! Telling the resident an operative is on the way, with the arrival window.

use super::*;

/// "Operative on the way": the arrival window as two times, told to the resident at once. Only
/// with a visit booked: telling someone to expect an operative for a visit that was just
/// cancelled would keep them at home for nobody.
#[server(prefix = "/api", endpoint = "staff/repair-on-the-way")]
pub async fn tell_on_the_way(
    reference: String,
    from: Option<String>,
    until: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::repairs::ArrivalWindow;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::repairs::{self as store, Change, NewEvent};
    let account = authorise(Action::ManageRepairs).await?;
    let state = crate::server::state::app_state()?;
    let reference = crate::domain::reference::normalise_reference("RP", &reference)
        .ok_or(AppError::NotFound)?;
    let row = store::repair_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let open = row.status.is_open();
    let booked = store::booked_visit(&state.db, row.id).await?.is_some();
    let window = ArrivalWindow::parse(
        from.as_deref().unwrap_or_default(),
        until.as_deref().unwrap_or_default(),
    );
    let problem = match (&window, open, booked) {
        (_, false, _) => Some("This repair is closed. Add a note instead"),
        (_, _, false) => Some("There is no visit booked for this repair. Book one first"),
        (Err(problem), _, _) => Some(problem.message()),
        (Ok(_), true, true) => None,
    };
    let (Ok(window), None) = (window, problem) else {
        let mut errors = FieldErrors::default();
        errors.add("on_the_way-from", problem.unwrap_or_default());
        let back = format!("/staff/repairs/{reference}");
        return crate::server::forms::back_to_form(STAFF_FORM, &back, None::<String>, errors).await;
    };
    let words = window.words();
    let planned = support::Planned {
        change: Change {
            status: Some("in_progress"),
            ..Default::default()
        },
        event: NewEvent::shown("on_the_way", "Operative on the way")
            .with_body(Some(format!("Expected {words}")))
            .by(Some(account.id)),
        tell: Some(format!("Our operative is on the way, expected {words}")),
    };
    support::apply(
        &state,
        &account,
        &row,
        "on_the_way",
        planned,
        chrono::Utc::now(),
    )
    .await
}
