//! Opening a case: its clocks from the profile, its first status, storing it once, and telling
//! the resident (and the advocate who made it) and the team.

use super::*;

/// Everything needed to open a case, however it arrived.
pub struct Opening<'a> {
    pub token: String,
    pub kind: CaseKind,
    pub person_id: i64,
    pub made_by: MadeBy,
    pub made_by_account_id: Option<i64>,
    pub channel: Channel,
    pub answers: &'a BTreeMap<String, String>,
    pub related: Option<String>,
    pub received_at: DateTime<Utc>,
}

/// The deadlines a new case starts with, from the profile: a complaint's first stage, an
/// enquiry's reply standard, a compliment's acknowledgement if the landlord sets one.
pub(super) fn opening_clocks(
    state: &AppState,
    kind: CaseKind,
    received_at: DateTime<Utc>,
) -> Vec<NewClock> {
    let schedule = state.site.schedule();
    let profile = &state.site.profile;
    let clock = |kind: ClockKind, timescale| NewClock {
        kind: kind.into(),
        started_at: received_at,
        due_at: schedule.deadline(received_at, timescale),
    };
    match kind {
        CaseKind::Complaint => Complaint::clocks_on_receipt(&profile.complaints)
            .start
            .into_iter()
            .map(|(k, t)| clock(k, t))
            .collect(),
        CaseKind::Enquiry => {
            let standard = &profile.enquiry_standard;
            standard
                .acknowledge
                .map(|t| clock(ClockKind::Acknowledge, t))
                .into_iter()
                .chain(standard.respond.map(|t| clock(ClockKind::Reply, t)))
                .collect()
        }
        CaseKind::Compliment => profile
            .compliment_standard
            .as_ref()
            .and_then(|s| s.acknowledge.or(s.respond))
            .map(|t| clock(ClockKind::Acknowledge, t))
            .into_iter()
            .collect(),
    }
}

/// The status a new case starts in.
pub fn opening_status(state: &AppState, kind: CaseKind) -> crate::domain::cases::Status {
    use crate::domain::cases::Status;
    let profile = &state.site.profile;
    match kind {
        CaseKind::Complaint => Complaint::received(&profile.complaints).status,
        CaseKind::Enquiry if profile.enquiry_standard.acknowledge.is_none() => Status::Open,
        CaseKind::Enquiry | CaseKind::Compliment => Status::Received,
    }
}

/// Opens the case once per token and tells the resident (and the advocate who made it).
/// Returns the reference and whether this call created it.
pub async fn open_case(
    state: &AppState,
    opening: Opening<'_>,
    now: DateTime<Utc>,
) -> Result<(String, bool), AppError> {
    let place = crate::server::db::repairs::place_for_person(&state.db, opening.person_id).await?;
    let answer = |field: &str| {
        opening
            .answers
            .get(field)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let details = answer("what").unwrap_or_default();
    let kind = opening.kind;
    let title = match (kind, opening.made_by) {
        (_, MadeBy::Staff) => format!(
            "{} recorded from a {}",
            kind.label(),
            opening.channel.label().to_lowercase()
        ),
        (CaseKind::Complaint, _) => "Complaint made".to_owned(),
        (CaseKind::Compliment, _) => "Compliment sent".to_owned(),
        (CaseKind::Enquiry, _) => "Question sent".to_owned(),
    };
    let on_behalf = (opening.made_by == MadeBy::Advocate).then_some(opening.person_id);
    let new = NewCase {
        submission_token: opening.token.clone(),
        kind: kind.as_str(),
        person_id: opening.person_id,
        home_id: place.as_ref().map(|p| p.home_id),
        tenure: place.as_ref().map(|p| p.tenure.clone()),
        made_by: opening.made_by.as_str(),
        made_by_account_id: opening.made_by_account_id,
        channel: opening.channel.as_str(),
        status: opening_status(state, kind).as_str(),
        summary: crate::domain::cases::summary_of(kind, &details),
        details,
        happened_when: answer("when"),
        outcome_wanted: answer("outcome"),
        adjustments: answer("adjustments"),
        thanks_to: answer("who"),
        related_reference: opening.related.clone(),
        received_at: opening.received_at,
        clocks: opening_clocks(state, kind, opening.received_at),
        events: vec![NewEvent::shown("opened", title)
            .by(opening.made_by_account_id)
            .for_person(on_behalf)],
    };
    let prefix = kind.prefix();
    let (reference, created) = store::create_case(&state.db, &new, now, || {
        crate::server::tokens::reference(prefix)
    })
    .await?;
    if created {
        if let Some(row) = store::case_by_reference(&state.db, &reference).await? {
            let due = new.clocks.first().map(|c| crate::format::when(c.due_at));
            let what = match (kind, due) {
                (CaseKind::Complaint, Some(due)) => format!(
                    "We have received your complaint. We will {} by {due}.",
                    if new.status == "received" {
                        "acknowledge it"
                    } else {
                        "reply"
                    }
                ),
                (CaseKind::Enquiry, Some(due)) => {
                    format!("We have received your question. We will reply by {due}.")
                }
                (CaseKind::Compliment, _) => {
                    "Thank you for your compliment. We will pass it on.".to_owned()
                }
                (_, None) => "We have received it.".to_owned(),
            };
            notify(
                state,
                &row,
                crate::domain::preferences::MessageKind::Acknowledged,
                &what,
            )
            .await?;
        }
    }
    Ok((reference, created))
}

/// Tells the resident about a case (by the channel they allow, and in their messages on the
/// portal) and, when an advocate made it, emails the advocate too.
pub async fn notify(
    state: &AppState,
    row: &CaseRow,
    kind: crate::domain::preferences::MessageKind,
    what: &str,
) -> Result<(), AppError> {
    let landlord = &state.site.profile.landlord;
    let path = format!("/cases/{}", row.reference);
    let label = row.kind.label();
    let notice = crate::server::notify::Notice {
        kind,
        subject: format!("{label} {}: an update", row.reference),
        what: format!(
            "There is news about {} {} ({}):\n\n{what}",
            label.to_lowercase(),
            row.reference,
            row.summary
        ),
        reference: Some(row.reference.clone()),
        path: Some(path.clone()),
    };
    crate::server::notify::tell(state, row.person_id, &notice, Utc::now()).await?;
    if row.made_by == MadeBy::Advocate.as_str() {
        if let (Some(email), Some(name)) = (&row.made_by_email, &row.made_by_name) {
            let message = crate::server::emails::case_update(
                landlord,
                name,
                &row.reference,
                label,
                &row.summary,
                what,
                &state.link(&path),
            );
            state.outbox.queue(&state.db, email, message).await?;
        }
    }
    Ok(())
}
