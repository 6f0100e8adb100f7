//! Repairs as people see them: a job's page and its line in a list, its deadlines, what a
//! resident may do with it now, and who may see it. Used by the repairs server functions and by
//! other areas' services (a case about a repair, a resident's data).

use crate::domain::deadline::state_of_deadline;
use crate::domain::housing::Tenure;
use crate::domain::repairs::Status;
use crate::error::AppError;
pub use crate::format::{day, when};
use crate::server::db::accounts::Account;
use crate::server::db::clocks::StoredClock;
use crate::server::db::repairs::{self as store, Place, RepairListRow, RepairRow};
use crate::server::state::AppState;
use crate::wire::repairs::*;
use chrono::{DateTime, Utc};

/// Someone reporting a repair, and the resident and home it is for.
pub struct Reporter {
    pub account: Account,
    /// The resident the repair is for (the caller themselves, for a resident).
    pub person_id: i64,
    pub place: Place,
    pub tenure: Tenure,
    /// Who the draft is for and how it reached us, when someone reports for a resident.
    pub behalf: Option<crate::server::repairs::Behalf>,
}

/// The signed-in caller writing a report, and who it is for: a resident for their own home, or
/// an advocate or colleague for the resident their draft names.
pub async fn reporter() -> Result<Reporter, AppError> {
    let state = crate::server::state::app_state()?;
    let session = crate::server::request::session()?;
    let account = crate::server::authz::signed_in().await?;
    let behalf = crate::server::repairs::DRAFT
        .get(&session)
        .await?
        .and_then(|d| d.behalf);
    let person = behalf.as_ref().map(|b| b.person_id);
    Ok(Reporter {
        behalf,
        ..reporter_for(&state, account, person).await?
    })
}

/// `account` reporting a repair for `person` (`None`: for themselves). A resident reports for
/// their own home; an advocate for a resident whose repairs permission holds today (read now,
/// so a withdrawn one stops the report at its next step); a colleague who manages repairs for
/// any resident with a current home. Anyone else: "not found".
pub async fn reporter_for(
    state: &AppState,
    account: Account,
    person: Option<i64>,
) -> Result<Reporter, AppError> {
    use crate::domain::housing::Role;
    use crate::server::authz::{require, Action};
    let person_id = match (account.role, person) {
        (Role::Resident, None) => {
            require(&account, Action::ReportRepair)?;
            account.person_id.ok_or(AppError::NotFound)?
        }
        (Role::Advocate, Some(person)) => {
            require(&account, Action::ReportRepair)?;
            let acts_for = crate::server::repairs::represented(state, &account)
                .await?
                .iter()
                .any(|r| r.person_id == person);
            if !acts_for {
                return Err(AppError::NotFound);
            }
            person
        }
        (role, Some(person)) if role.is_staff() => {
            require(&account, Action::RecordRepair)?;
            person
        }
        _ => return Err(AppError::NotFound),
    };
    let place = store::place_for_person(&state.db, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tenure = Tenure::parse(&place.tenure)
        .ok_or_else(|| crate::error::internal(format!("unknown tenure {}", place.tenure)))?;
    Ok(Reporter {
        account,
        person_id,
        place,
        tenure,
        behalf: None,
    })
}

/// Who reported a job, and how when it was not the resident through Doorstep: "Amira Hassan
/// (phone call, recorded by a colleague)".
fn reporter_words(row: &RepairRow) -> String {
    use crate::domain::cases::{Channel, MadeBy};
    let how = Channel::parse(&row.channel).map_or("", |c| c.label());
    match MadeBy::parse(&row.made_by) {
        Some(MadeBy::Staff) => format!("{} ({how}, recorded by a colleague)", row.reporter_name),
        Some(MadeBy::Advocate) => format!("{} (by someone acting for them)", row.reporter_name),
        _ => row.reporter_name.clone(),
    }
}

pub fn priority_name(state: &AppState, code: &str) -> String {
    state
        .site
        .profile
        .repair_priorities
        .iter()
        .find(|p| p.code == code)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

pub fn trade_name(state: &AppState, code: &str) -> String {
    state
        .site
        .repairs
        .trade(code)
        .map(|t| t.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

/// What a job's deadline is for; a clock of another subject (never stored against a job) is
/// just a deadline.
pub fn clock_label(
    kind: crate::domain::clocks::ClockKind,
    law: Option<&crate::domain::standards::HazardLaw>,
) -> String {
    match kind {
        crate::domain::clocks::ClockKind::Repair(kind) => kind.label(law),
        _ => "Deadline".to_owned(),
    }
}

pub fn place_of(area: Option<&str>, address: Option<&str>, block: Option<&str>) -> String {
    match (area, block, address) {
        (Some(area), Some(block), _) => format!("{area}, {block}"),
        (Some(area), None, _) => area.to_owned(),
        (None, _, Some(address)) => address.to_owned(),
        _ => String::new(),
    }
}

pub fn line(state: &AppState, row: &RepairListRow, now: DateTime<Utc>) -> RepairLine {
    let open = row.status.is_open();
    let met = if open {
        None
    } else {
        row.completed_at.or(Some(now))
    };
    let target_state = state_of_deadline(
        now,
        row.created_at,
        row.target_at,
        met,
        &state.site.schedule(),
        state.site.profile.due_soon,
    );
    RepairLine {
        reference: row.reference.clone(),
        summary: row.summary.clone(),
        place: place_of(
            row.area_name.as_deref(),
            row.address_line_1.as_deref(),
            row.block_name.as_deref(),
        ),
        status: row.status.label().to_owned(),
        open,
        reported: day(row.created_at),
        target: day(row.target_at),
        target_state: if row.status == Status::Cancelled {
            Progress::Cancelled
        } else {
            target_state.into()
        },
        priority: priority_name(state, &row.priority),
        trade: trade_name(state, &row.trade),
        hazard: row.hazard.clone(),
        due: row.due_at.map(when),
        team: row.team.clone(),
    }
}

pub fn deadlines(
    state: &AppState,
    clocks: &[StoredClock],
    now: DateTime<Utc>,
) -> Vec<DeadlineLine> {
    clocks
        .iter()
        .map(|c| {
            let s = state_of_deadline(
                now,
                c.started_at,
                c.due_at,
                c.met_at,
                &state.site.schedule(),
                state.site.profile.due_soon,
            );
            DeadlineLine {
                label: clock_label(c.kind, state.site.profile.hazards.law.as_ref()),
                due: when(c.due_at),
                state: s.into(),
            }
        })
        .collect()
}

/// What a resident may do with a job now, from the job alone (no queries): the page and
/// every handler that acts on the job ask the same question.
pub struct Allowed {
    pub may_book: bool,
    pub may_cancel: bool,
    pub ask_fixed: bool,
    pub may_rate: bool,
}

pub fn allowed(state: &AppState, row: &RepairRow, now: DateTime<Utc>) -> Allowed {
    let open = row.status.is_open();
    let bookable = state
        .site
        .profile
        .repair_priorities
        .iter()
        .any(|p| p.code == row.priority && p.residents_may_book);
    let recent = row
        .completed_at
        .is_some_and(|at| now - at <= chrono::Duration::days(crate::domain::repairs::RECALL_DAYS));
    Allowed {
        may_book: open && bookable && row.status != Status::InProgress,
        may_cancel: open && row.status == Status::Booked,
        ask_fixed: row.status == Status::Completed && recent && row.fixed.is_none(),
        may_rate: row.status == Status::Completed && row.rating.is_none(),
    }
}

/// "Tuesday 1 December 2026, morning, 8am to 12 noon", and the arrival window once the
/// operative is on the way.
pub fn visit_words(visit: &store::AppointmentRow) -> String {
    use crate::domain::london::to_local;
    let period = crate::domain::repairs::Period::parse(&visit.period)
        .map(|p| p.label())
        .unwrap_or_default();
    let when = format!(
        "{}, {}",
        crate::format::weekday(visit.day),
        period.to_lowercase()
    );
    match (visit.expected_from, visit.expected_until, visit.arrived_at) {
        (Some(from), Some(until), None) => format!(
            "{when}. On the way: expected {}",
            crate::domain::visits::Arrival {
                from: to_local(from),
                until: to_local(until),
            }
            .words()
        ),
        (_, _, Some(_)) => format!("{when}. The operative has arrived"),
        _ => when,
    }
}

/// The job's page, for a resident (`staff` false: no internal notes, no access needs) or
/// a colleague.
pub async fn view(
    state: &AppState,
    row: &RepairRow,
    staff: bool,
    now: DateTime<Utc>,
) -> Result<RepairView, AppError> {
    let db = &state.db;
    let open = row.status.is_open();
    let visit = store::booked_visit(db, row.id).await?;
    let allowed = allowed(state, row, now);
    let recall_of = match row.recall_of_id {
        Some(id) => store::reference_of(db, id).await?,
        None => None,
    };
    let recalled_by = store::recall_of_job(db, row.id).await?;
    let events = store::events(db, row.id, staff).await?;
    let answers = row
        .answers
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(q, a)| (q.to_owned(), a.to_owned()))
        .collect();
    Ok(RepairView {
        reference: row.reference.clone(),
        summary: row.summary.clone(),
        place: place_of(
            row.area_name.as_deref(),
            row.address_line_1.as_deref(),
            row.block_name.as_deref(),
        ),
        status: row.status.label().to_owned(),
        status_code: row.status.as_str().to_owned(),
        open,
        priority: priority_name(state, &row.priority),
        priority_code: row.priority.clone(),
        trade: trade_name(state, &row.trade),
        reported: when(row.received_at),
        reporter: reporter_words(row),
        description: row.description.clone(),
        answers,
        deadlines: deadlines(state, &store::clocks(db, row.id).await?, now),
        visit: visit.as_ref().map(visit_words),
        may_book: allowed.may_book,
        may_cancel: allowed.may_cancel,
        ask_fixed: allowed.ask_fixed,
        may_rate: allowed.may_rate,
        rating: row.rating.map(|r| {
            format!(
                "{r} out of 5{}",
                row.rating_comment
                    .as_deref()
                    .map(|c| format!(": {c}"))
                    .unwrap_or_default()
            )
        }),
        photos: store::repair_photos(db, row.id)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect(),
        work_photos: store::work_photos(db, row.id)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect(),
        recall_of,
        recalled_by,
        followers: store::follower_count(db, row.id).await?,
        communal: row.communal_area_id.is_some(),
        hazard: row.hazard.clone(),
        hazard_law: row
            .hazard_clocks
            .then(|| state.site.profile.hazards.law_name().map(str::to_owned))
            .flatten(),
        contractor: row.contractor.clone(),
        team: row.team.clone(),
        access: if staff {
            vec![
                ("When we can come".to_owned(), row.access_times.clone()),
                ("Pets".to_owned(), row.pets.clone()),
                ("Key safe".to_owned(), row.key_safe.clone()),
                ("Phone for this job".to_owned(), row.contact_phone.clone()),
            ]
        } else {
            Vec::new()
        },
        timeline: events
            .into_iter()
            .map(|e| TimelineLine {
                title: e.title,
                when: when(e.occurred_at),
                // Residents see who acted only when someone acted for them.
                by: match (e.actor_name, e.on_behalf_of_name) {
                    (Some(actor), Some(person)) => Some(format!("{actor}, for {person}")),
                    (actor, None) if staff => actor,
                    _ => None,
                },
                body: e.body,
                internal: !e.visible,
            })
            .collect(),
        acting_for: None,
    })
}

/// The job, if the caller may see it: a related resident, an advocate acting for one, or
/// a colleague; with how the caller stands to it.
pub async fn visible_repair(
    reference: &str,
) -> Result<(Account, RepairRow, crate::server::repairs::Standing), AppError> {
    use crate::domain::reference::normalise_reference;
    use crate::server::authz::{may, signed_in, Action};
    let account = signed_in().await?;
    let reference = normalise_reference("RP", reference).ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    let row = store::repair_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let standing = crate::server::repairs::standing(&state, &account, &row).await?;
    if !may(
        &account,
        Action::ViewRepair {
            related: standing.related(),
        },
    ) {
        return Err(AppError::NotFound);
    }
    Ok((account, row, standing))
}

/// Booking, moving or cancelling this job's visit is for its parties and repairs staff.
pub fn may_manage_visits(
    account: &Account,
    standing: &crate::server::repairs::Standing,
) -> Result<(), AppError> {
    use crate::server::authz::{require, Action};
    require(
        account,
        Action::ManageRepairVisits {
            relation: standing.relation(),
        },
    )
}

/// Whether it is fixed, and how it went, is the reporter's or household's own to say.
pub fn may_answer(
    account: &Account,
    standing: &crate::server::repairs::Standing,
) -> Result<(), AppError> {
    use crate::server::authz::{require, Action};
    require(
        account,
        Action::AnswerForRepair {
            relation: standing.relation(),
        },
    )
}

/// The draft, or a new one.
pub async fn draft_or_new() -> Result<crate::server::repairs::Draft, AppError> {
    let session = crate::server::request::session()?;
    Ok(match crate::server::repairs::DRAFT.get(&session).await? {
        Some(d) => d,
        None => crate::server::repairs::Draft {
            token: crate::server::tokens::submission_token(),
            ..Default::default()
        },
    })
}
