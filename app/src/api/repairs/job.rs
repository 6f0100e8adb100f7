//! "Your repairs" and a job's page.

use super::*;

/// "Your repairs": open first, then closed, newest first within each. An advocate first
/// chooses whose (`person`), among the residents whose current permission covers repairs.
#[server(prefix = "/api", endpoint = "repairs/yours")]
pub async fn get_your_repairs(person: Option<String>) -> Result<YourRepairs, AppError> {
    use crate::domain::housing::Role;
    use crate::server::authz::signed_in;
    use crate::server::db::repairs::{place_for_person, repairs_for_person};
    use crate::server::state::app_state;
    let state = app_state()?;
    let account = signed_in().await?;
    let (person_id, home_id, acting_for) = if account.role == Role::Advocate {
        let people = crate::server::repairs::represented(&state, &account).await?;
        let chosen = person.and_then(|p| p.trim().parse::<i64>().ok());
        let Some(chosen) = chosen else {
            return Ok(YourRepairs {
                represented: Some(crate::server::permissions::represented_choices(people)),
                ..YourRepairs::default()
            });
        };
        let found = people
            .into_iter()
            .find(|r| r.person_id == chosen)
            .ok_or(AppError::NotFound)?;
        let home = place_for_person(&state.db, chosen)
            .await?
            .map(|p| p.home_id);
        (chosen, home, Some((chosen, found.name)))
    } else {
        let (_, person_id, place, _) = support::resident().await?;
        (person_id, Some(place.home_id), None)
    };
    let now = chrono::Utc::now();
    let mut lines: Vec<RepairLine> = repairs_for_person(&state.db, person_id, home_id)
        .await?
        .iter()
        .map(|r| support::line(&state, r, now))
        .collect();
    lines.sort_by_key(|l| !l.open);
    Ok(YourRepairs {
        lines,
        represented: None,
        acting_for,
    })
}

/// One job, as a resident related to it or a colleague sees it.
#[server(prefix = "/api", endpoint = "repairs/job")]
pub async fn get_repair(reference: String) -> Result<RepairView, AppError> {
    use crate::server::authz::{may, Action};
    use crate::server::repairs::Standing;
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    let state = app_state()?;
    let staff = account.role.is_staff();
    // Colleagues and advocates looking at a resident's repair are in the audit trail.
    let looked_at = match &standing {
        _ if staff => Some(row.reported_by_person_id),
        Standing::ActingFor { person_id, .. } => Some(*person_id),
        _ => None,
    };
    if let Some(person) = looked_at {
        crate::server::db::accounts::record_audit(
            &state.db,
            crate::server::db::accounts::AuditEvent::by(Some(account.id), "repair_viewed")
                .on("repair", &row.reference)
                .for_person(Some(person)),
            chrono::Utc::now(),
        )
        .await?;
    }
    let mut view = support::view(&state, &row, staff, chrono::Utc::now()).await?;
    let relation = standing.relation();
    // What the page offers is what the caller may do, each asked of `authz` on its own.
    if !may(&account, Action::ManageRepairVisits { relation }) {
        view.may_book = false;
        view.may_cancel = false;
    }
    if !may(&account, Action::AnswerForRepair { relation }) {
        view.ask_fixed = false;
        view.may_rate = false;
    }
    if !may(&account, Action::SeeRepairDetails { relation }) {
        view.reporter = String::new();
        view.photos = Vec::new();
        view.rating = None;
    }
    if let Standing::ActingFor {
        person_id, name, ..
    } = standing
    {
        view.acting_for = Some((person_id, name));
    }
    Ok(view)
}

/// A job's page with the messages of a form on it that failed (one request, one read of the
/// account: two nested loads on one page could hang when the session was being refreshed).
#[server(prefix = "/api", endpoint = "repairs/job-page")]
pub async fn get_repair_page(reference: String) -> Result<(RepairView, FieldErrors), AppError> {
    let view = get_repair(reference).await?;
    let errors = crate::server::forms::take_form::<()>(RESIDENT_FORM)
        .await?
        .errors;
    Ok((view, errors))
}
