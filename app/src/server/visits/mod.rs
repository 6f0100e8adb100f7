//! Visits in the field: an operative's or a contractor's day, one visit with what the doorstep
//! needs, and the steps on it (on my way, arrived, what happened), each written from the state
//! the page showed, put on the job's timeline that the resident and the office read, and told
//! to the resident on their channel.

use crate::domain::housing::Role;
use crate::domain::london::{from_local, to_local};
use crate::domain::repairs::{Period, VisitOutcome, NOTE_LIMIT};
use crate::domain::validation::FieldErrors;
use crate::domain::visits::{
    access_tried, access_tried_words, parse_travel, parts_date_problem, Arrival, ACCESS_TRIED,
    TRAVEL_DEFAULT,
};
use crate::error::AppError;
use crate::server::authz::{may, require, Action};
use crate::server::db::accounts::{record_audit, Account, AuditEvent};
use crate::server::db::repairs::{
    self as store, Applied, Change, FollowOn, NewEvent, RepairRow, VisitRow, VisitStep, Worker,
};
use crate::server::forms::Reply;
use crate::server::state::AppState;
use crate::wire::forms::Offered;
use crate::wire::visits::*;
use chrono::{DateTime, NaiveDate, Utc};

mod day;
mod demo;
mod figures;
mod reminders;
mod steps;
pub use day::*;
pub use demo::*;
pub use figures::*;
pub use reminders::*;
pub use steps::*;

/// Days ahead the list shows after today.
const DAYS_AHEAD: i64 = 13;

/// How far ahead a follow-on may be booked at the door.
const FOLLOW_ON_DAYS: i64 = 28;

/// Whose visits `account` works: an operative's own, a contractor's firm's.
pub fn worker(account: &Account) -> Option<Worker> {
    match account.role {
        Role::Operative => Some(Worker::Operative(account.id)),
        Role::Contractor => account.firm_id.map(Worker::Firm),
        _ => None,
    }
}

/// Whether the visit is given to `account` (by name, or to their firm).
fn assigned(account: &Account, visit: &VisitRow) -> bool {
    worker(account).is_some_and(|w| visit.is_for(w))
}

/// Whether any visit of the job is given to `account` (its photos are then theirs to see).
pub async fn works_on(
    state: &AppState,
    account: &Account,
    repair: &RepairRow,
) -> Result<bool, AppError> {
    let Some(worker) = worker(account) else {
        return Ok(false);
    };
    Ok(match worker {
        Worker::Firm(firm) => repair.firm_id == Some(firm),
        Worker::Operative(_) => store::visits_of(&state.db, repair.id)
            .await?
            .iter()
            .any(|v| v.is_for(worker)),
    })
}

/// The visit, if `account` may see it; "not found" otherwise, so nobody learns that a visit
/// given to someone else exists.
async fn visible(state: &AppState, account: &Account, id: i64) -> Result<VisitRow, AppError> {
    let visit = store::visit_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    require(
        account,
        Action::SeeVisit {
            assigned: assigned(account, &visit),
        },
    )?;
    Ok(visit)
}

/// "Morning, 8am to 12 noon" today; "Tuesday 8 December, morning" on another day.
fn when(visit: &VisitRow, today: NaiveDate) -> String {
    let period = Period::parse(&visit.period);
    if visit.day == today {
        period.map_or(visit.period.clone(), |p| p.label().to_owned())
    } else {
        format!(
            "{}, {}",
            visit.day.format("%A %-d %B"),
            period.map_or(visit.period.clone(), |p| p.label().to_lowercase())
        )
    }
}

fn time(at: DateTime<Utc>) -> String {
    crate::domain::repairs::time_words(to_local(at).time())
}

fn window_words(visit: &VisitRow) -> Option<String> {
    let (from, until) = (visit.expected_from?, visit.expected_until?);
    Some(
        Arrival {
            from: to_local(from),
            until: to_local(until),
        }
        .words(),
    )
}

/// Where the visit stands, in a line; and whether anything is left to do on it.
fn standing(visit: &VisitRow) -> (String, bool) {
    match (visit.status.as_str(), &visit.outcome) {
        (_, Some(outcome)) => (
            VisitOutcome::parse(outcome).map_or(outcome.clone(), |o| o.label().to_owned()),
            true,
        ),
        ("cancelled", _) => ("Cancelled".to_owned(), true),
        ("moved", _) => ("Moved to another time".to_owned(), true),
        _ => match (visit.arrived_at, window_words(visit)) {
            (Some(at), _) => (format!("Arrived at {}", time(at)), false),
            (None, Some(window)) => (format!("On the way: expected {window}"), false),
            (None, None) => ("To do".to_owned(), false),
        },
    }
}

/// What happened to a visit, for someone whose page had gone stale.
fn what_happened(visit: &VisitRow) -> String {
    let (state, _) = standing(visit);
    match (&visit.outcome, visit.outcome_at) {
        (Some(_), Some(at)) => format!(
            "This visit has changed since you opened it: \"{state}\" was recorded at {}",
            time(at)
        ),
        _ => format!("This visit has changed since you opened it. It now says: {state}"),
    }
}

fn line(state: &AppState, visit: &VisitRow, today: NaiveDate) -> VisitLine {
    let (words, done) = standing(visit);
    VisitLine {
        href: format!("/visits/{}", visit.id),
        when: when(visit, today),
        reference: visit.reference.clone(),
        summary: visit.summary.clone(),
        place: visit.place.clone(),
        trade: crate::server::repairs::view::trade_name(state, &visit.trade),
        priority: crate::server::repairs::view::priority_name(state, &visit.priority),
        hazard: visit.hazard.clone(),
        state: words,
        done,
    }
}

/// A free slot as a choice: value "2026-12-09_morning", words "Wednesday 9 December, morning".
fn slot_choice(day: NaiveDate, period: Period) -> Offered {
    offered(
        &format!("{day}_{}", period.as_str()),
        &format!(
            "{}, {}",
            day.format("%A %-d %B"),
            period.label().to_lowercase()
        ),
    )
}

fn offered(value: &str, label: &str) -> Offered {
    Offered {
        value: value.to_owned(),
        label: label.to_owned(),
        hint: None,
    }
}

/// "Operative: Sam Price", "Contractor: Ashdown Plumbing", for the office.
fn given_to(visit: &VisitRow) -> Option<String> {
    match (&visit.firm_name, &visit.operative_name) {
        (Some(firm), Some(name)) => Some(format!("{firm} ({name})")),
        (Some(firm), None) => Some(firm.clone()),
        (None, Some(name)) => Some(name.clone()),
        (None, None) => None,
    }
}

/// Free slots for another visit, from tomorrow for four weeks, whatever the job's target (a
/// follow-on on an overdue job is still needed).
async fn follow_on_slots(
    state: &AppState,
    repair: &RepairRow,
    today: NaiveDate,
) -> Result<Vec<(NaiveDate, Period)>, AppError> {
    crate::server::repairs::visits::free_slots(
        state,
        &repair.trade,
        today,
        today + chrono::Duration::days(FOLLOW_ON_DAYS),
    )
    .await
}

fn visit_words(day: NaiveDate, period: &str) -> String {
    format!(
        "{}, {}",
        day.format(crate::format::DAY),
        Period::parse(period).map_or(period.to_owned(), |p| p.label().to_lowercase())
    )
}
