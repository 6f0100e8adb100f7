//! What the colleagues' cases pages show: the queue, filtered, most urgent first; a case
//! with what may be done next; the complaints report.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::cases::workflow::*;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::cases_staff::*;
use crate::wire::forms::Offered;

/// The cases queue, filtered, most urgent deadline first.
pub async fn case_queue(
    state: &AppState,
    account: Account,
    asked: CaseQueueFilters,
    page: Option<i64>,
) -> Result<CaseQueue, AppError> {
    use crate::domain::cases::{CaseKind, Status};
    use crate::server::authz::{may, Action};
    use crate::server::db::cases::{colleagues, queue, QueueFilter, COUNT_LIMIT};
    use crate::server::db::teams::TeamFilter;
    let clean = |v: String| Some(v.trim().to_owned()).filter(|s| !s.is_empty());
    let kind = clean(asked.kind).filter(|k| CaseKind::parse(k).is_some());
    let status = clean(asked.status).filter(|s| Status::parse(s).is_some());
    let team_text = clean(asked.team);
    let team = team_text
        .as_deref()
        .and_then(|t| TeamFilter::parse(t, account.id));
    let owner_text = clean(asked.owner);
    let owner = match owner_text.as_deref() {
        Some("none") => Some(-1),
        Some("me") => Some(account.id),
        Some(other) => other.parse::<i64>().ok(),
        None => None,
    };
    let due = clean(asked.due).filter(|d| ["overdue", "soon", "later"].contains(&d.as_str()));
    let now = chrono::Utc::now();
    let soon = state.site.due_soon_until(now);
    let closed = status
        .as_deref()
        .is_some_and(|s| !Status::parse(s).is_some_and(Status::is_open));
    let filter = QueueFilter {
        kind: kind.clone(),
        status: status.clone(),
        owner,
        due: due.clone(),
        team,
        closed,
    };
    let page = page.unwrap_or(1).max(1);
    let (rows, total) = queue(&state.db, &filter, now, soon, page, PER_PAGE).await?;
    let crate::domain::navigation::Paging {
        pages, more, total, ..
    } = crate::domain::navigation::Paging::of(page, total, COUNT_LIMIT, rows.len(), PER_PAGE);
    let filters = CaseQueueFilters {
        kind: kind.unwrap_or_default(),
        status: status.unwrap_or_default(),
        owner: owner_text.filter(|_| owner.is_some()).unwrap_or_default(),
        due: due.unwrap_or_default(),
        team: team_text.filter(|_| team.is_some()).unwrap_or_default(),
    };
    let query = crate::domain::navigation::query_string(&[
        ("kind", &filters.kind),
        ("status", &filters.status),
        ("owner", &filters.owner),
        ("due", &filters.due),
        ("team", &filters.team),
    ]);
    let offered = |value: String, label: String| Offered {
        value,
        label,
        hint: None,
    };
    let mut owners = vec![
        offered("me".into(), "Me".into()),
        offered("none".into(), "Nobody yet".into()),
    ];
    owners.extend(
        colleagues(&state.db)
            .await?
            .into_iter()
            .map(|c| offered(c.id.to_string(), c.display_name)),
    );
    Ok(CaseQueue {
        filters,
        teams: crate::server::teams::filter_choices(state).await?,
        kinds: CaseKind::ALL
            .iter()
            .map(|k| offered(k.as_str().into(), k.label().into()))
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|s| offered(s.as_str().into(), s.label().into()))
            .collect(),
        owners,
        lines: rows
            .iter()
            .map(|r| crate::server::cases::view::line(state, r, now))
            .collect(),
        total,
        more,
        page,
        pages,
        query,
        may_record: may(&account, Action::ManageCases),
        may_report: may(&account, Action::ViewComplaintReports),
    })
}

/// A case's staff page: what may be done, the last form's result, and the case with its
/// internal notes and the resident's needs. Opening it is recorded in the audit trail.
pub async fn staff_case(
    state: &AppState,
    account: Account,
    reference: String,
) -> Result<(StaffCaseForm, crate::wire::cases::CaseView), AppError> {
    use crate::domain::cases::{CaseKind, Status, Step};
    use crate::domain::housing::Role;
    use crate::server::authz::{may, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::cases as store;
    let (_, reference) = CaseKind::of_reference(&reference).ok_or(AppError::NotFound)?;
    let row = store::case_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now();
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "case_viewed")
            .on("case", &row.reference)
            .for_person(row.person_id),
        now,
    )
    .await?;
    let view = crate::server::cases::view::view(state, &row, true, now).await?;
    let flash = crate::server::forms::take_form::<Option<String>>(STAFF_CASE_FORM).await?;
    let may_manage = may(&account, Action::ManageCases);
    let regime = &state.site.profile.complaints;
    let kind = row.kind;
    let status = row.status;
    let complaint = complaint_of(state, &row).await?;
    let colleagues = store::colleagues(&state.db).await?;
    let names = |ids: &[i64]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| {
                colleagues
                    .iter()
                    .find(|c| c.id == *id)
                    .map(|c| c.display_name.clone())
            })
            .collect()
    };
    let offered = |value: String, label: String| Offered {
        value,
        label,
        hint: None,
    };
    let handlers = colleagues
        .iter()
        .filter(|c| {
            matches!(
                Role::parse(&c.role),
                Some(Role::ComplaintsHandler | Role::Manager | Role::CustomerServices)
            )
        })
        .filter(|c| {
            kind != CaseKind::Complaint || complaint.may(regime, &Step::Assign { to: c.id })
        })
        .map(|c| Offered {
            value: c.id.to_string(),
            label: c.display_name.clone(),
            hint: c.team.clone(),
        })
        .collect();
    let is_complaint = kind == CaseKind::Complaint;
    let extend_latest = if is_complaint && complaint.may(regime, &Step::Extend) {
        store::clocks(&state.db, row.id)
            .await?
            .into_iter()
            .find(|c| c.kind == crate::domain::cases::ClockKind::respond(complaint.stage).into() && c.met_at.is_none())
            .map(|c| match crate::domain::cases::latest_extension(regime, complaint.stage, c.standard_due_at, &state.site.schedule()) {
                Some(latest) => format!("No later than {}", crate::format::when(latest)),
                None => "The complaints procedure sets no fixed limit: give the reason and a realistic date".to_owned(),
            })
    } else {
        None
    };
    let mut banner =
        crate::server::preferences::needs_banner_for(state, &account, row.person_id).await?;
    if let Some(a) = row.adjustments.clone().filter(|a| !a.trim().is_empty()) {
        banner.lines.push(format!("Asked for on this case: {a}"));
    }
    let form = StaffCaseForm {
        banner,
        errors: flash.errors,
        done: flash.values,
        may_manage,
        may_acknowledge: may_manage
            && (if is_complaint {
                complaint.may(regime, &Step::Acknowledge)
            } else {
                status == Status::Received && kind != CaseKind::Compliment
            }),
        may_assign: may_manage
            && status.is_open()
            && (!is_complaint || status != Status::Responded),
        may_respond: may_manage
            && (if is_complaint {
                status == Status::Open
            } else {
                kind != CaseKind::Compliment && status.is_open()
            }),
        may_extend: may_manage && extend_latest.is_some(),
        may_decline: may_manage
            && is_complaint
            && complaint.may(regime, &Step::Decline { reason: 0 }),
        may_pass_on: may_manage && kind == CaseKind::Compliment && status.is_open(),
        may_evidence: is_complaint && may(&account, Action::ViewComplaintReports),
        handlers,
        colleagues: colleagues
            .iter()
            .map(|c| offered(c.id.to_string(), c.display_name.clone()))
            .collect(),
        exclusions: regime
            .exclusions
            .iter()
            .enumerate()
            .map(|(i, e)| offered(i.to_string(), e.clone()))
            .collect(),
        stage_one_handlers: names(&complaint.stage_one_handlers),
        extend_latest,
        outcome_wanted: row.outcome_wanted.clone().unwrap_or_default(),
        details: contact_details(&row),
        respond_words: respond_words(kind),
        complex: complex_words(state, &row).filter(|_| may_manage),
        teams: if may_manage && status.is_open() && !(is_complaint && row.stage == 2) {
            crate::server::db::teams::teams(&state.db)
                .await?
                .into_iter()
                .filter(|t| row.team.as_deref() != Some(t.name.as_str()))
                .map(|t| offered(t.id.to_string(), t.name))
                .collect()
        } else {
            Vec::new()
        },
    };
    Ok((form, view))
}

/// What a contact carries beyond the common core, for the colleague's summary.
fn contact_details(row: &crate::server::db::cases::CaseRow) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if row.person_id.is_none() {
        let ways: Vec<String> = [
            row.contact_email.as_ref().map(|e| format!("email {e}")),
            row.contact_phone.as_ref().map(|p| format!("phone {p}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        rows.push((
            "Reply to".to_owned(),
            format!("{} (not signed in): {}", row.person_name, ways.join(", ")),
        ));
    } else if let Some(phone) = &row.contact_phone {
        rows.push(("Number to call".to_owned(), phone.clone()));
    }
    if let Some(times) = &row.times_that_suit {
        rows.push(("Times that suit".to_owned(), times.clone()));
    }
    if let Some(p) = &row.colleague_preference {
        let who = if p == "female" {
            "A female colleague"
        } else {
            "A male colleague"
        };
        rows.push(("Who should visit".to_owned(), who.to_owned()));
    }
    if let Some(reason) = &row.complex_reason {
        rows.push(("Needs more time because".to_owned(), reason.clone()));
    }
    if row.first_contact {
        rows.push(("Resolved at first contact".to_owned(), "Yes".to_owned()));
    }
    rows
}

/// The finishing form's title, button and box, by kind.
fn respond_words(kind: crate::domain::cases::CaseKind) -> (String, String, String) {
    use crate::domain::cases::CaseKind;
    let (title, button, label) = match kind {
        CaseKind::Complaint => (
            "Send the response",
            "Send the response",
            "Our decision on each point",
        ),
        CaseKind::Callback => (
            "Record the call back",
            "Record the call",
            "What we talked about (the resident sees this)",
        ),
        CaseKind::HomeVisit => (
            "Record the visit",
            "Record the visit",
            "What happened at the visit (the resident sees this)",
        ),
        CaseKind::OfficeAppointment => (
            "Record the appointment",
            "Record the appointment",
            "What we talked about (the resident sees this)",
        ),
        CaseKind::Message | CaseKind::Comment => ("Reply", "Send the reply", "The reply"),
        _ => ("Answer the question", "Send the answer", "The answer"),
    };
    (title.to_owned(), button.to_owned(), label.to_owned())
}

/// What marking this contact complex would change, or nothing if it cannot be.
fn complex_words(state: &AppState, row: &crate::server::db::cases::CaseRow) -> Option<String> {
    if !row.status.is_open() || row.complex_at.is_some() {
        return None;
    }
    let c = crate::domain::cases::complexity(
        &state.site.profile,
        &state.site.schedule(),
        row.kind,
        row.received_at,
    )?;
    Some(match (c.reply_due, c.update_due) {
        (Some(due), _) => format!(
            "Complex matters are dealt with within {}: the new date will be {}.",
            c.timescale,
            crate::format::when(due)
        ),
        (None, Some(due)) => format!(
            "This message counts as the follow-up; the resident will have an update by {} and at least every {} after that.",
            crate::format::when(due),
            c.timescale
        ),
        (None, None) => return None,
    })
}

/// CH01 and CH02 for a period (dates as YYYY-MM-DD, `to` inclusive), and compliments counted
/// by colleague. Without dates: the last twelve whole months.
pub async fn complaints_report(
    state: &AppState,
    from: Option<String>,
    to: Option<String>,
) -> Result<ReportPage, AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::ViewComplaintReports).await?;
    let mut errors = FieldErrors::default();
    let (from_date, to_date) = crate::domain::performance::report_period(
        from.as_deref(),
        to.as_deref(),
        crate::site::today(),
        &mut errors,
    );
    let (lines, compliments) =
        crate::server::cases::report::report_figures(state, from_date, to_date).await?;
    let measures = crate::server::performance::regulatory(state, from_date, to_date).await?;
    Ok(ReportPage {
        measures,
        scotland: state.site.profile.nation == crate::domain::housing::Nation::Scotland,
        from: from_date.format("%Y-%m-%d").to_string(),
        to: to_date.format("%Y-%m-%d").to_string(),
        lines,
        compliments,
        regime: state
            .site
            .profile
            .complaints
            .stages
            .iter()
            .map(|s| format!("{}: respond within {}", s.name, s.respond))
            .collect::<Vec<_>>()
            .join("; "),
        errors,
    })
}
