//! "Your contacts": one list of everything a resident raised (or someone raised for them), of
//! any kind: repairs, complaints, questions, messages, requests. Each line has its status, who
//! is dealing with it (team and colleague) and its next date, and opens its own page. An
//! advocate sees the same for each resident whose permission covers it: cases where it covers
//! complaints, repairs where it covers repairs.

use super::view as support;
use crate::domain::housing::Role;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::db::repairs::RepairListRow;
use crate::server::state::AppState;
use crate::wire::cases::{CaseLine, CasesHome};
use chrono::{DateTime, Utc};

/// A repair as a line of "Your contacts": its team deals with it, to its target date.
fn repair_line(
    state: &AppState,
    row: &RepairListRow,
    person: &str,
    now: DateTime<Utc>,
) -> CaseLine {
    let repair = crate::server::repairs::view::line(state, row, now);
    CaseLine {
        reference: row.reference.clone(),
        kind: "Repair".to_owned(),
        summary: row.summary.clone(),
        status: repair.status,
        opened: repair.reported,
        person: person.to_owned(),
        owner: row.team.clone(),
        due: repair.open.then_some(repair.target),
        due_state: repair.open.then_some(repair.target_state),
        stage: None,
        path: Some(format!("/repairs/{}", row.reference)),
    }
}

/// Open things first, then newest first.
fn ordered(mut lines: Vec<(bool, DateTime<Utc>, CaseLine)>) -> Vec<CaseLine> {
    lines.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    lines.into_iter().map(|(_, _, line)| line).collect()
}

/// The start page for a resident or advocate: what they may start, and everything raised.
pub async fn home(state: &AppState, account: &Account) -> Result<CasesHome, AppError> {
    use crate::server::db::cases as store;
    use crate::server::db::repairs::repairs_for_person;
    let now = chrono::Utc::now();
    let mut lines = Vec::new();
    if account.role == Role::Advocate {
        let people = support::represented(state, account).await?;
        let ids: Vec<i64> = people.iter().map(|p| p.person_id).collect();
        for row in store::cases_for(&state.db, &ids, None).await? {
            lines.push((
                row.status.is_open(),
                row.created_at,
                support::line(state, &row, now),
            ));
        }
        for person in crate::server::repairs::represented(state, account).await? {
            for row in repairs_for_person(&state.db, person.person_id).await? {
                let line = repair_line(state, &row, &person.name, now);
                lines.push((row.status.is_open(), row.created_at, line));
            }
        }
        return Ok(CasesHome {
            advocate: true,
            represented: crate::server::permissions::represented_choices(people),
            lines: ordered(lines),
            offered: Vec::new(),
        });
    }
    let person_id = account.person_id.ok_or(AppError::NotFound)?;
    for row in store::cases_for(&state.db, &[person_id], Some(account.id)).await? {
        lines.push((
            row.status.is_open(),
            row.created_at,
            support::line(state, &row, now),
        ));
    }
    for row in repairs_for_person(&state.db, person_id).await? {
        let line = repair_line(state, &row, "", now);
        lines.push((row.status.is_open(), row.created_at, line));
    }
    Ok(CasesHome {
        advocate: false,
        represented: Vec::new(),
        lines: ordered(lines),
        offered: support::offered_kinds(state),
    })
}
