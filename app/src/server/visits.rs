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

/// An operative's or a contractor's visits: today's (done or not), then those booked for the
/// next two weeks.
pub async fn your_visits(state: &AppState, account: &Account) -> Result<YourVisits, AppError> {
    require(account, Action::WorkVisits)?;
    let worker = worker(account).ok_or(AppError::NotFound)?;
    let today = to_local(state.clock.now()).date();
    let rows = store::visits_for(
        &state.db,
        worker,
        today,
        today + chrono::Duration::days(DAYS_AHEAD),
    )
    .await?;
    let firm = rows.iter().find_map(|v| v.firm_name.clone());
    let firm = match (worker, firm) {
        (Worker::Firm(id), None) => store::firms(&state.db)
            .await?
            .into_iter()
            .find(|f| f.id == id)
            .map(|f| f.name),
        (_, firm) => firm,
    };
    let (today_rows, ahead): (Vec<&VisitRow>, Vec<&VisitRow>) =
        rows.iter().partition(|v| v.day == today);
    Ok(YourVisits {
        today: today.format(crate::format::DAY).to_string(),
        firm,
        today_visits: today_rows
            .into_iter()
            .map(|v| line(state, v, today))
            .collect(),
        ahead: ahead
            .into_iter()
            .filter(|v| v.status == "booked")
            .map(|v| line(state, v, today))
            .collect(),
    })
}

fn offered(value: &str, label: &str) -> Offered {
    Offered {
        value: value.to_owned(),
        label: label.to_owned(),
        hint: None,
    }
}

/// One visit as its operative (or the office) sees it, with the forms its state allows.
pub async fn visit_page(
    state: &AppState,
    account: &Account,
    id: i64,
) -> Result<VisitPage, AppError> {
    let visit = visible(state, account, id).await?;
    let repair = store::repair_by_id(&state.db, visit.repair_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let today = to_local(now).date();
    let form =
        crate::server::forms::take_form::<(Option<String>, OutcomeValues)>(VISIT_FORM).await?;
    let (done, values) = form.values;
    let may_record = may(
        account,
        Action::RecordVisit {
            assigned: assigned(account, &visit),
        },
    );
    let open = visit.status == "booked" && visit.outcome.is_none();
    let needs =
        crate::server::preferences::needs_banner(state, account, repair.reported_by_person_id)
            .await?
            .lines;
    let slots = if may_record && open {
        follow_on_slots(state, &repair, today).await?
    } else {
        Vec::new()
    };
    let outcome = visit.outcome.as_deref().map(|o| outcome_words(&visit, o));
    let office = account.role.is_staff();
    Ok(VisitPage {
        id: visit.id,
        reference: visit.reference.clone(),
        summary: repair.summary.clone(),
        description: repair.description.clone(),
        when: when(&visit, today),
        place: visit.place.clone(),
        trade: crate::server::repairs::view::trade_name(state, &visit.trade),
        priority: crate::server::repairs::view::priority_name(state, &visit.priority),
        hazard: visit.hazard.clone(),
        given_to: office.then(|| given_to(&visit)).flatten(),
        resident: repair.reporter_name.clone(),
        phone: repair.contact_phone.clone(),
        access: vec![
            ("When we can come".to_owned(), repair.access_times.clone()),
            ("Pets".to_owned(), repair.pets.clone()),
            ("Key safe".to_owned(), repair.key_safe.clone()),
        ],
        needs,
        photos: store::repair_photos(&state.db, repair.id)
            .await?
            .into_iter()
            .map(|p| format!("/repairs/photos/{}", p.id))
            .collect(),
        state: standing(&visit).0,
        outcome,
        may_record,
        can_set_off: may_record && open && visit.arrived_at.is_none() && visit.day == today,
        can_arrive: may_record && open && visit.arrived_at.is_none() && visit.day == today,
        can_record: may_record && open && visit.day <= today,
        travel_default: TRAVEL_DEFAULT,
        outcomes: VisitOutcome::ALL
            .iter()
            .map(|o| offered(o.as_str(), outcome_choice(*o)))
            .collect(),
        access_tried: ACCESS_TRIED
            .iter()
            .map(|(code, words)| offered(code, words))
            .collect(),
        slots: slots
            .iter()
            .map(|(day, period)| {
                offered(
                    &format!("{day}_{}", period.as_str()),
                    &format!(
                        "{}, {}",
                        day.format("%A %-d %B"),
                        period.label().to_lowercase()
                    ),
                )
            })
            .collect(),
        errors: form.errors,
        done,
        values,
        back: if office {
            format!("/staff/repairs/{}", visit.reference)
        } else {
            "/visits".to_owned()
        },
    })
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

/// The outcome as the operative chooses it.
fn outcome_choice(outcome: VisitOutcome) -> &'static str {
    match outcome {
        VisitOutcome::Completed => "Completed: the repair is done",
        VisitOutcome::NoAccess => "No access: nobody let me in",
        VisitOutcome::PartsOrdered => "Parts ordered: I need to come back with them",
        VisitOutcome::FollowOn => "Another visit needed: book it now with the resident",
    }
}

/// What was recorded, in words.
fn outcome_words(visit: &VisitRow, outcome: &str) -> String {
    let label = VisitOutcome::parse(outcome).map_or(outcome.to_owned(), |o| o.label().to_owned());
    let mut parts = vec![match visit.outcome_at {
        Some(at) => format!("{label} (recorded at {})", time(at)),
        None => label,
    }];
    if let Some(tried) = &visit.access_tried {
        parts.push(format!("Tried: {}", access_tried_words(tried)));
    }
    if let Some(day) = visit.parts_expected_on {
        parts.push(format!(
            "Parts expected by {}",
            day.format(crate::format::DATE)
        ));
    }
    if let Some(note) = visit.outcome_note.as_deref().filter(|n| !n.is_empty()) {
        parts.push(note.to_owned());
    }
    parts.join(". ")
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

fn back_to(id: i64) -> String {
    format!("/visits/{id}")
}

/// A step refused: the form again with the problem, what was typed kept.
fn refused(id: i64, values: OutcomeValues, errors: FieldErrors) -> Result<Reply, AppError> {
    Reply::back(VISIT_FORM, &back_to(id), (None::<String>, values), errors)
}

/// Writes a checked step with its timeline entry; on success audits it and tells the resident
/// (`tell`, with its kind), and goes back to the visit saying what was done. A stale page is
/// told what happened instead, and nothing is written.
#[allow(clippy::too_many_arguments)]
async fn write_step(
    state: &AppState,
    account: &Account,
    visit: &VisitRow,
    repair: &RepairRow,
    change: Change,
    event: NewEvent,
    tell: Option<(crate::domain::preferences::MessageKind, String)>,
    values: OutcomeValues,
    field: &str,
) -> Result<Reply, AppError> {
    let now = state.clock.now();
    match store::change_repair(&state.db, repair.id, &change, Some(&event), now).await? {
        Applied::Done => {}
        Applied::VisitMoved => {
            let now_is = store::visit_by_id(&state.db, visit.id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut errors = FieldErrors::default();
            errors.add(field, what_happened(&now_is));
            return refused(visit.id, values, errors);
        }
        Applied::NoSeat => {
            let mut errors = FieldErrors::default();
            errors.add("slot", "Someone has just taken that slot. Choose another");
            return refused(visit.id, values, errors);
        }
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "visit_recorded")
            .on("repair", &repair.reference)
            .for_person(Some(repair.reported_by_person_id))
            .detail(event.kind.to_owned()),
        now,
    )
    .await?;
    if let Some((kind, what)) = tell {
        crate::server::repairs::notify(
            state,
            repair.id,
            &repair.reference,
            &repair.summary,
            kind,
            &what,
        )
        .await?;
    }
    Reply::back(
        VISIT_FORM,
        &back_to(visit.id),
        (Some(event.title.clone()), OutcomeValues::default()),
        FieldErrors::default(),
    )
}

/// The visit and its job for a step, checked: may `account` record on it at all.
async fn for_step(
    state: &AppState,
    account: &Account,
    id: i64,
) -> Result<(VisitRow, RepairRow), AppError> {
    let visit = visible(state, account, id).await?;
    require(
        account,
        Action::RecordVisit {
            assigned: assigned(account, &visit),
        },
    )?;
    let repair = store::repair_by_id(&state.db, visit.repair_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((visit, repair))
}

/// Who is coming, as the resident is told: the operative's first name, or the firm.
fn who_is_coming(account: &Account, visit: &VisitRow) -> String {
    match (&visit.firm_name, account.role) {
        (Some(firm), _) => format!("{firm}, working for us,"),
        (None, Role::Operative) => {
            let first = account
                .display_name
                .split_whitespace()
                .next()
                .unwrap_or("Our operative");
            format!("{first}, our operative,")
        }
        _ => "Our operative".to_owned(),
    }
}

/// "On my way": the arrival window from now and the travel time, on the job's timeline and
/// told to the resident at once. Again, before arriving, to change the window.
pub async fn on_my_way(
    state: &AppState,
    account: &Account,
    id: i64,
    travel: Option<String>,
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    let (visit, repair) = for_step(state, account, id).await?;
    let values = OutcomeValues {
        travel: travel.clone().unwrap_or_default(),
        ..OutcomeValues::default()
    };
    let now = state.clock.now();
    let mut errors = FieldErrors::default();
    let travel = match parse_travel(travel.as_deref().unwrap_or_default()) {
        Ok(minutes) => Some(minutes),
        Err(problem) => {
            errors.add("travel", problem.message());
            None
        }
    };
    if visit.day != to_local(now).date() && visit.status == "booked" {
        errors.add(
            "travel",
            format!(
                "This visit is for {}. Say you are on your way on the day",
                visit.day.format("%A %-d %B")
            ),
        );
    }
    let Some(travel) = travel.filter(|_| errors.is_empty()) else {
        return refused(id, values, errors);
    };
    let arrival = Arrival::after_tap(to_local(now), travel);
    let words = arrival.words();
    let coming = who_is_coming(account, &visit);
    let change = Change {
        status: matches!(repair.status.as_str(), "reported" | "booked").then_some("in_progress"),
        visit: Some(VisitStep::OnWay {
            visit_id: visit.id,
            from: from_local(arrival.from),
            until: from_local(arrival.until),
        }),
        ..Change::default()
    };
    let event = NewEvent::shown("on_the_way", "Operative on the way")
        .with_body(Some(format!("Expected {words}")))
        .by(Some(account.id));
    let tell = format!("{coming} is on the way to you, expected {words}");
    write_step(
        state,
        account,
        &visit,
        &repair,
        change,
        event,
        Some((MessageKind::OperativeOnTheWay, tell)),
        values,
        "travel",
    )
    .await
}

/// "Arrived": on the timeline (the resident has the operative at the door; no message).
pub async fn arrived(state: &AppState, account: &Account, id: i64) -> Result<Reply, AppError> {
    let (visit, repair) = for_step(state, account, id).await?;
    let now = state.clock.now();
    if visit.day != to_local(now).date() && visit.status == "booked" {
        let mut errors = FieldErrors::default();
        errors.add(
            "arrived",
            format!("This visit is for {}", visit.day.format("%A %-d %B")),
        );
        return refused(id, OutcomeValues::default(), errors);
    }
    let change = Change {
        status: matches!(repair.status.as_str(), "reported" | "booked").then_some("in_progress"),
        visit: Some(VisitStep::Arrived { visit_id: visit.id }),
        ..Change::default()
    };
    let event = NewEvent::shown("arrived", "Operative arrived").by(Some(account.id));
    write_step(
        state,
        account,
        &visit,
        &repair,
        change,
        event,
        None,
        OutcomeValues::default(),
        "arrived",
    )
    .await
}

/// The outcome form as posted: one field per value, ticked boxes each their own.
pub fn outcome_values(pairs: &[(String, String)]) -> OutcomeValues {
    let one = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    OutcomeValues {
        outcome: one("outcome"),
        note: one("note"),
        access: pairs
            .iter()
            .filter(|(k, _)| k == "access")
            .map(|(_, v)| v.clone())
            .collect(),
        parts: (one("parts_day"), one("parts_month"), one("parts_year")),
        slot: one("slot"),
        travel: String::new(),
    }
}

/// What happened on the visit, recorded once: completed; no access (how access was tried, kept
/// as an attempt, and the resident told how to rebook); parts ordered (the date the resident
/// will see); or another visit needed, booked there and then from real capacity.
pub async fn record_outcome(
    state: &AppState,
    account: &Account,
    id: i64,
    values: OutcomeValues,
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    let (visit, repair) = for_step(state, account, id).await?;
    let now = state.clock.now();
    let today = to_local(now).date();
    let mut errors = FieldErrors::default();
    if visit.day > today && visit.status == "booked" {
        errors.add(
            "outcome",
            format!(
                "This visit is for {}. Record what happened on the day",
                visit.day.format("%A %-d %B")
            ),
        );
        return refused(id, values, errors);
    }
    if values.note.chars().count() > NOTE_LIMIT {
        // Each outcome has its own form and note box.
        let key = VisitOutcome::parse(&values.outcome)
            .map_or("outcome".to_owned(), |o| format!("{}-note", o.as_str()));
        errors.add(
            &key,
            format!("The note must be {NOTE_LIMIT} characters or fewer"),
        );
    }
    let note = Some(values.note.clone()).filter(|n| !n.is_empty());
    let outcome = VisitOutcome::parse(&values.outcome);
    let phone = state.site.profile.landlord.phone.clone();
    let at = time(now);
    // (status, completed, tried, parts date, follow-on, event, tell)
    let mut tried = None;
    let mut parts = None;
    let mut follow_on = None;
    let planned: Option<(&'static str, NewEvent, (MessageKind, String))> = match outcome {
        None => {
            errors.add("outcome", "Select what happened on the visit");
            None
        }
        Some(VisitOutcome::Completed) => Some((
            "completed",
            NewEvent::shown("completed", "Repair completed").with_body(note.clone()),
            (
                MessageKind::Update,
                "Repair completed. If it is not fixed, tell us within 30 days from the repair's page"
                    .to_owned(),
            ),
        )),
        Some(VisitOutcome::NoAccess) => {
            tried = access_tried(&values.access);
            match &tried {
                None => {
                    errors.add("access", "Select how you tried to get in");
                    None
                }
                Some(ways) => {
                    let body = [
                        format!("We called at {at}: {}.", access_tried_words(ways)),
                        note.clone().unwrap_or_default(),
                    ]
                    .join(" ")
                    .trim()
                    .to_owned();
                    Some((
                        "reported",
                        NewEvent::shown("access_attempt", "We could not get in")
                            .with_body(Some(body)),
                        (
                            MessageKind::Update,
                            format!(
                                "We called at {at} but could not get in. Book another visit from your repair's page, or call us on {phone}"
                            ),
                        ),
                    ))
                }
            }
        }
        Some(VisitOutcome::PartsOrdered) => {
            let (d, m, y) = &values.parts;
            let date = crate::domain::validation::date_of(d, m, y);
            match parts_date_problem(date, today) {
                Some(problem) => {
                    errors.add("parts", problem);
                    None
                }
                None => {
                    parts = date;
                    let by = date
                        .map(|d| d.format(crate::format::DAY).to_string())
                        .unwrap_or_default();
                    Some((
                        "awaiting_parts",
                        NewEvent::shown("parts_ordered", "Parts ordered")
                            .with_body(Some(
                                [format!("Expected by {by}."), note.clone().unwrap_or_default()]
                                    .join(" ")
                                    .trim()
                                    .to_owned(),
                            )),
                        (
                            MessageKind::Update,
                            format!("Parts have been ordered for your repair. We expect them by {by}, and we will arrange the next visit with you"),
                        ),
                    ))
                }
            }
        }
        Some(VisitOutcome::FollowOn) => {
            let offered = follow_on_slots(state, &repair, today).await?;
            let chosen = values.slot.split_once('_').and_then(|(day, period)| {
                Some((day.parse::<NaiveDate>().ok()?, Period::parse(period)?))
            });
            match chosen {
                None => {
                    errors.add("slot", "Select a day and time for the next visit");
                    None
                }
                Some(slot) if !offered.contains(&slot) => {
                    errors.add("slot", "That slot is no longer free. Choose another");
                    None
                }
                Some((day, period)) => {
                    let capacity = state
                        .site
                        .repairs
                        .trade(&repair.trade)
                        .map(|t| t.capacity(period))
                        .unwrap_or(0);
                    follow_on = Some(FollowOn {
                        trade: repair.trade.clone(),
                        day,
                        period: period.as_str(),
                        capacity,
                        operative: visit.operative_account_id,
                    });
                    let words = format!(
                        "{}, {}",
                        day.format(crate::format::DAY),
                        period.label().to_lowercase()
                    );
                    Some((
                        "booked",
                        NewEvent::shown("visit_booked", "Another visit booked")
                            .with_body(Some(
                                [format!("{words}."), note.clone().unwrap_or_default()]
                                    .join(" ")
                                    .trim()
                                    .to_owned(),
                            )),
                        (
                            MessageKind::AppointmentBooked,
                            format!("Another visit is needed to finish your repair. We have booked it for {words}"),
                        ),
                    ))
                }
            }
        }
    };
    let (Some(outcome), Some((status, event, tell))) =
        (outcome, planned.filter(|_| errors.is_empty()))
    else {
        return refused(id, values, errors);
    };
    let change = Change {
        status: Some(status),
        completed_at: (outcome == VisitOutcome::Completed).then_some(now),
        visit: Some(VisitStep::Outcome {
            visit_id: visit.id,
            outcome: outcome.as_str(),
            by: account.id,
            note,
            access_tried: tried,
            parts_expected_on: parts,
            follow_on,
        }),
        ..Change::default()
    };
    write_step(
        state,
        account,
        &visit,
        &repair,
        change,
        event.by(Some(account.id)),
        Some(tell),
        values,
        "outcome",
    )
    .await
}

/// Demo visits, so the operative's and the contractor's days have something in them: Sam
/// Price (in-house) visits Amira Hassan's extractor fan this morning and Margaret Lewis's damp
/// this afternoon (her needs show before he knocks); the stair light in Alder Court is given to
/// Ashdown Building Services, for today. Loaded by `seed-demo` after the repairs; does nothing
/// when any visit exists.
pub async fn seed_demo_visits(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use crate::server::db::accounts::account_by_email;
    if store::count_visits(&state.db).await? > 0 {
        return Ok(0);
    }
    let Some(sam) = account_by_email(&state.db, "sam.price@staff.example.org").await? else {
        return Ok(0);
    };
    let firm = store::firms(&state.db)
        .await?
        .into_iter()
        .find(|f| f.name == crate::server::db::demo::DEMO_FIRM.0);
    let today = to_local(now).date();
    // (the reporter's tenancy, a word of the summary, the period, in house or the firm)
    let plan = [
        ("TEN-100001", Period::Morning, true),
        ("TEN-100003", Period::Afternoon, true),
        ("TEN-100004", Period::AllDay, false),
    ];
    let mut made = 0;
    for (tenancy, period, in_house) in plan {
        let Some(person) = store::person_on_tenancy(&state.db, tenancy).await? else {
            continue;
        };
        let Some(line) = store::repairs_for_person(&state.db, person)
            .await?
            .into_iter()
            .next()
        else {
            continue;
        };
        let Some(repair) = store::repair_by_reference(&state.db, &line.reference).await? else {
            continue;
        };
        let capacity = state
            .site
            .repairs
            .trade(&repair.trade)
            .map(|t| t.capacity(period))
            .unwrap_or(0);
        let words = format!(
            "{}, {}",
            today.format(crate::format::DAY),
            period.label().to_lowercase()
        );
        let booked = store::book_visit(
            &state.db,
            repair.id,
            &repair.trade,
            today,
            period.as_str(),
            capacity,
            None,
            &NewEvent::shown("visit_booked", "Visit booked").with_body(Some(words)),
            now,
        )
        .await?;
        let Some(visit) = store::booked_visit(&state.db, repair.id)
            .await?
            .filter(|_| booked)
        else {
            continue;
        };
        let change = match (in_house, &firm) {
            (true, _) => Change {
                visit: Some(VisitStep::Give {
                    visit_id: visit.id,
                    operative: Some(sam.id),
                }),
                ..Change::default()
            },
            (false, Some(firm)) => Change {
                firm: Some(Some(firm.id)),
                contractor: Some(Some(firm.name.clone())),
                ..Change::default()
            },
            (false, None) => continue,
        };
        let event = match (in_house, &firm) {
            (false, Some(firm)) => Some(NewEvent::shown(
                "contractor",
                format!("{} will do this repair for us", firm.name),
            )),
            _ => None,
        };
        store::change_repair(&state.db, repair.id, &change, event.as_ref(), now).await?;
        made += 1;
    }
    Ok(made)
}

/// For the office's job page: the firms the job may be given to (or back in house), the
/// operatives its booked visit may be given to, and its visits with where each stands.
pub async fn office_choices(
    state: &AppState,
    repair: &RepairRow,
) -> Result<(Vec<Offered>, Vec<Offered>, Vec<Offered>), AppError> {
    let today = to_local(state.clock.now()).date();
    let mut firms: Vec<Offered> = store::firms(&state.db)
        .await?
        .into_iter()
        .map(|f| offered(&f.id.to_string(), &f.name))
        .collect();
    if repair.firm_id.is_some() {
        firms.push(offered("in_house", "Our own operatives"));
    }
    let operatives = store::operatives(&state.db)
        .await?
        .into_iter()
        .map(|(id, name)| offered(&id.to_string(), &name))
        .collect();
    let visits = store::visits_of(&state.db, repair.id)
        .await?
        .iter()
        .filter(|v| v.status == "booked" || v.status == "attended")
        .map(|v| {
            let who = given_to(v).unwrap_or_else(|| "not given to anyone yet".to_owned());
            offered(
                &format!("/visits/{}", v.id),
                &format!("{} ({who}): {}", when(v, today), standing(v).0),
            )
        })
        .collect();
    Ok((firms, operatives, visits))
}

/// Sends the reminders due at `now`: for each visit tomorrow (UK time) booked before its
/// reminder was due, once the profile's reminder time has come, one message to the resident who
/// reported the job, by the channel they prefer (never one they refused), with a link that
/// changes or cancels that visit. Each is claimed first, so however many nodes run this at once
/// a reminder goes once. The number sent.
pub async fn send_reminders(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use crate::domain::visits::reminder_due;
    let local = to_local(now);
    let at = state.site.profile.visit_reminder_at;
    let tomorrow = local.date() + chrono::Duration::days(1);
    let due = reminder_due(tomorrow, at);
    if local < due {
        return Ok(0);
    }
    let mut sent = 0;
    for (visit_id, repair_id) in store::reminders_due(&state.db, tomorrow, from_local(due)).await? {
        sent += usize::from(remind(state, visit_id, repair_id, now).await?);
    }
    Ok(sent)
}

/// Development mode only: the reminders of every booked visit in the coming week that has had
/// none, sent now whatever the time, so that someone trying Doorstep (or an end-to-end test)
/// can follow a reminder's link without waiting for the evening before. The number sent.
pub async fn send_reminders_now(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    if !state.site.development {
        return Err(AppError::NotFound);
    }
    let today = to_local(now).date();
    let mut sent = 0;
    for offset in 0..7 {
        let day = today + chrono::Duration::days(offset);
        for (visit_id, repair_id) in store::reminders_due(&state.db, day, now).await? {
            sent += usize::from(remind(state, visit_id, repair_id, now).await?);
        }
    }
    Ok(sent)
}

/// Claims and sends one visit's reminder; `false` when another node (or an earlier run) has
/// it, or the visit is no longer booked.
async fn remind(
    state: &AppState,
    visit_id: i64,
    repair_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    use crate::server::db::account_tokens::hash_token;
    let token = crate::server::tokens::link_token();
    if !store::claim_reminder(&state.db, visit_id, &hash_token(&token), now).await? {
        return Ok(false);
    }
    let (Some(visit), Some(repair)) = (
        store::visit_by_id(&state.db, visit_id).await?,
        store::repair_by_id(&state.db, repair_id).await?,
    ) else {
        return Ok(false);
    };
    let words = visit_words(visit.day, &visit.period);
    let link = format!("{}/visit/{token}", state.public_url);
    let notice = crate::server::notify::Notice {
        kind: crate::domain::preferences::MessageKind::AppointmentBooked,
        subject: format!(
            "Reminder: your repair visit on {} ({})",
            visit.day.format("%A %-d %B"),
            repair.reference
        ),
        what: format!(
            "A reminder of your repair visit on {words} (repair {}).\n\nIf you cannot be in, change or cancel this visit here:\n{link}\n\nOr call us on {}.",
            repair.reference, state.site.profile.landlord.phone
        ),
        reference: Some(repair.reference.clone()),
        path: Some(format!("/repairs/{}", repair.reference)),
    };
    crate::server::notify::tell(state, repair.reported_by_person_id, &notice, now).await?;
    Ok(true)
}

/// The visit a reminder's link is for, if the link still works.
async fn linked(state: &AppState, token: &str) -> Result<Option<(VisitRow, RepairRow)>, AppError> {
    use crate::server::db::account_tokens::hash_token;
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(visit) = store::visit_by_reminder(&state.db, &hash_token(token)).await? else {
        return Ok(None);
    };
    let today = to_local(state.clock.now()).date();
    if !crate::domain::visits::link_works(visit.status == "booked", visit.day, today) {
        return Ok(None);
    }
    let repair = store::repair_by_id(&state.db, visit.repair_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Some((visit, repair)))
}

fn visit_words(day: NaiveDate, period: &str) -> String {
    format!(
        "{}, {}",
        day.format(crate::format::DAY),
        Period::parse(period).map_or(period.to_owned(), |p| p.label().to_lowercase())
    )
}

/// The page behind a reminder's link: the visit's day and time with a choice of another and a
/// way to cancel, or, when the link no longer works (used, the visit gone or past, or not a
/// link we sent), nothing of any visit and the phone number.
pub async fn link_page(state: &AppState, token: String) -> Result<VisitLink, AppError> {
    use crate::domain::repairs::CANCEL_REASONS;
    let form = crate::server::forms::take_form::<Option<String>>(LINK_FORM).await?;
    let phone = state.site.profile.landlord.phone.clone();
    let Some((visit, repair)) = linked(state, &token).await? else {
        return Ok(VisitLink {
            works: false,
            phone,
            done: form.values,
            ..VisitLink::default()
        });
    };
    let today = to_local(state.clock.now()).date();
    let slots = follow_on_slots(state, &repair, today)
        .await?
        .into_iter()
        .filter(|(day, period)| !(*day == visit.day && period.as_str() == visit.period))
        .map(|(day, period)| {
            offered(
                &format!("{day}_{}", period.as_str()),
                &format!(
                    "{}, {}",
                    day.format("%A %-d %B"),
                    period.label().to_lowercase()
                ),
            )
        })
        .collect();
    Ok(VisitLink {
        works: true,
        token,
        reference: visit.reference.clone(),
        when: visit_words(visit.day, &visit.period),
        slots,
        reasons: CANCEL_REASONS
            .iter()
            .map(|(code, words)| offered(code, words))
            .collect(),
        phone,
        errors: form.errors,
        done: form.values,
    })
}

/// Moves the visit to another free slot from its reminder's link. The link then stops
/// working (the moved visit is a new one, with a reminder of its own).
pub async fn change_by_link(
    state: &AppState,
    token: String,
    slot: Option<String>,
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    let back = format!("/visit/{token}");
    let Some((visit, repair)) = linked(state, &token).await? else {
        return Reply::back(LINK_FORM, &back, None::<String>, FieldErrors::default());
    };
    let now = state.clock.now();
    let today = to_local(now).date();
    let offered = follow_on_slots(state, &repair, today).await?;
    let chosen = slot
        .as_deref()
        .and_then(|s| s.split_once('_'))
        .and_then(|(day, period)| Some((day.parse::<NaiveDate>().ok()?, Period::parse(period)?)));
    let mut errors = FieldErrors::default();
    let Some((day, period)) = chosen else {
        errors.add("slot", "Select a new day and time for the visit");
        return Reply::back(LINK_FORM, &back, None::<String>, errors);
    };
    if !offered.contains(&(day, period)) {
        errors.add("slot", "That time is no longer free. Choose another");
        return Reply::back(LINK_FORM, &back, None::<String>, errors);
    }
    let capacity = state
        .site
        .repairs
        .trade(&repair.trade)
        .map(|t| t.capacity(period))
        .unwrap_or(0);
    let words = visit_words(day, period.as_str());
    let event = NewEvent::shown("visit_booked", "Visit changed")
        .with_body(Some(format!("{words}. Changed from the reminder's link.")));
    if !store::book_visit(
        &state.db,
        repair.id,
        &repair.trade,
        day,
        period.as_str(),
        capacity,
        None,
        &event,
        now,
    )
    .await?
    {
        errors.add("slot", "Someone has just taken that time. Choose another");
        return Reply::back(LINK_FORM, &back, None::<String>, errors);
    }
    done_by_link(
        state,
        &repair,
        visit.id,
        "visit_changed_by_link",
        MessageKind::AppointmentBooked,
        &format!("Visit changed: {words}"),
        now,
    )
    .await?;
    Reply::back(
        LINK_FORM,
        &back,
        Some(format!(
            "Your visit is now on {words}. We have sent you a confirmation."
        )),
        FieldErrors::default(),
    )
}

/// Audits a change made from a reminder's link (no account: the link is the proof) against the
/// resident, and tells everyone on the job.
async fn done_by_link(
    state: &AppState,
    repair: &RepairRow,
    visit_id: i64,
    action: &str,
    kind: crate::domain::preferences::MessageKind,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    record_audit(
        &state.db,
        AuditEvent::by(None, action)
            .on("repair", &repair.reference)
            .for_person(Some(repair.reported_by_person_id))
            .detail(format!("visit {visit_id}")),
        now,
    )
    .await?;
    crate::server::repairs::notify(
        state,
        repair.id,
        &repair.reference,
        &repair.summary,
        kind,
        what,
    )
    .await
}

/// Cancels the visit from its reminder's link, with the reason.
pub async fn cancel_by_link(
    state: &AppState,
    token: String,
    reason: Option<String>,
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    use crate::domain::repairs::CANCEL_REASONS;
    let back = format!("/visit/{token}");
    let Some((visit, repair)) = linked(state, &token).await? else {
        return Reply::back(LINK_FORM, &back, None::<String>, FieldErrors::default());
    };
    let Some((code, words)) = reason
        .as_deref()
        .and_then(|r| CANCEL_REASONS.iter().find(|(c, _)| *c == r))
    else {
        let mut errors = FieldErrors::default();
        errors.add("reason", "Select why you are cancelling the visit");
        return Reply::back(LINK_FORM, &back, None::<String>, errors);
    };
    let now = state.clock.now();
    let event = NewEvent::shown("visit_cancelled", "Visit cancelled").with_body(Some(format!(
        "Reason: {words}. Cancelled from the reminder's link."
    )));
    if store::cancel_visit(&state.db, repair.id, code, &event, now).await? {
        done_by_link(
            state,
            &repair,
            visit.id,
            "visit_cancelled_by_link",
            MessageKind::Update,
            &format!(
                "Visit cancelled. Book another from your repair's page, or call us on {}",
                state.site.profile.landlord.phone
            ),
            now,
        )
        .await?;
    }
    Reply::back(
        LINK_FORM,
        &back,
        Some(format!(
            "Your visit is cancelled. To book another, sign in and open repair {}, or call us on {}.",
            repair.reference, state.site.profile.landlord.phone
        )),
        FieldErrors::default(),
    )
}

/// Weeks the managers' figures cover, this one included.
const FIGURE_WEEKS: i64 = 8;

/// The managers' figures: missed appointments (no access, cancelled late) by week and trade,
/// and each firm's (and the in-house operatives') completed jobs: within target, right first
/// time, no-access rate and residents' ratings, over the last eight weeks.
pub async fn figures(state: &AppState) -> Result<VisitFigures, AppError> {
    use crate::domain::visits::{by_firm, share, weekly, JobFact, VisitFact};
    use chrono::Datelike;
    let today = to_local(state.clock.now()).date();
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let from = monday - chrono::Duration::weeks(FIGURE_WEEKS - 1);
    let to = monday + chrono::Duration::days(6);
    let facts: Vec<VisitFact> = store::visit_facts(&state.db, from, to)
        .await?
        .into_iter()
        .map(|(day, trade, outcome, status, changed)| VisitFact {
            day,
            trade,
            outcome,
            cancelled_on: (status == "cancelled").then(|| to_local(changed).date()),
        })
        .collect();
    let jobs: Vec<JobFact> =
        store::completed_jobs(&state.db, from_local(from.and_time(chrono::NaiveTime::MIN)))
            .await?
            .into_iter()
            .map(|j| JobFact {
                firm: j.firm,
                within_target: j.completed_at <= j.target_at,
                visits: u32::try_from(j.visits).unwrap_or(0),
                no_access: u32::try_from(j.no_access).unwrap_or(0),
                rating: j.rating,
            })
            .collect();
    Ok(VisitFigures {
        period: format!(
            "{} to {}",
            from.format(crate::format::DAY),
            to.format(crate::format::DAY)
        ),
        weeks: weekly(&facts)
            .into_iter()
            .map(|w| WeekLine {
                week: format!("Week of {}", w.week.format("%A %-d %B")),
                trade: crate::server::repairs::view::trade_name(state, &w.trade),
                visits: w.visits,
                no_access: share(w.no_access, w.visits),
                cancelled_late: w.cancelled_late,
            })
            .collect(),
        firms: by_firm(&jobs)
            .into_iter()
            .map(|f| FirmLine {
                satisfaction: if f.ratings == 0 {
                    "no ratings yet".to_owned()
                } else {
                    format!(
                        "{:.1} out of 5 from {} rating{}",
                        f.rating_total as f64 / f64::from(f.ratings),
                        f.ratings,
                        if f.ratings == 1 { "" } else { "s" }
                    )
                },
                within_target: share(f.within_target, f.completed),
                right_first_time: share(f.right_first_time, f.completed),
                no_access: share(f.no_access, f.visits),
                completed: f.completed,
                name: f.name,
            })
            .collect(),
    })
}
