//! Opening a case: its clocks from the profile, its first status, storing it once, and telling
//! the resident (and the advocate who made it) and the team.

use super::*;

/// Everything needed to open a case, however it arrived.
pub struct Opening<'a> {
    pub token: String,
    pub kind: CaseKind,
    /// The resident it is for; None for a message from someone not signed in.
    pub person_id: Option<i64>,
    pub made_by: MadeBy,
    pub made_by_account_id: Option<i64>,
    pub channel: Channel,
    pub answers: &'a BTreeMap<String, String>,
    pub related: Option<String>,
    pub received_at: DateTime<Utc>,
    /// The sender's own name and ways to reply (a "Contact us" message).
    pub contact: Option<crate::domain::contact::ContactMessage>,
    /// Sorted by the colleague recording it, there and then: stored closed, its clocks met.
    pub first_contact: bool,
}

impl<'a> Opening<'a> {
    /// A case opened through the usual path, with a fresh submission token: nothing related,
    /// no sender's details, not sorted at first contact (set those after, as needed).
    pub fn new(
        kind: CaseKind,
        person_id: Option<i64>,
        made_by: MadeBy,
        made_by_account_id: Option<i64>,
        channel: Channel,
        answers: &'a BTreeMap<String, String>,
        received_at: DateTime<Utc>,
    ) -> Opening<'a> {
        Opening {
            token: crate::server::tokens::submission_token(),
            kind,
            person_id,
            made_by,
            made_by_account_id,
            channel,
            answers,
            related: None,
            received_at,
            contact: None,
            first_contact: false,
        }
    }
}

/// The deadlines a new case starts with, from the profile: a complaint's first stage; any
/// other contact's standard (acknowledge, reply, update; a text message's quicker reply).
pub(super) fn opening_clocks(
    state: &AppState,
    kind: CaseKind,
    channel: Channel,
    received_at: DateTime<Utc>,
) -> Vec<NewClock> {
    let schedule = state.site.schedule();
    let profile = &state.site.profile;
    let clock = |kind: ClockKind, due_at| NewClock {
        kind: kind.into(),
        started_at: received_at,
        due_at,
    };
    match kind {
        CaseKind::Complaint => Complaint::clocks_on_receipt(&profile.complaints)
            .start
            .into_iter()
            .map(|(k, t)| clock(k, schedule.deadline(received_at, t)))
            .collect(),
        _ => crate::domain::cases::contact_clocks(profile, &schedule, kind, channel, received_at)
            .into_iter()
            .map(|(k, due)| clock(k, due))
            .collect(),
    }
}

/// The status a new case starts in: received while an acknowledgement is owed, otherwise open
/// (being looked into).
pub fn opening_status(state: &AppState, kind: CaseKind) -> crate::domain::cases::Status {
    use crate::domain::cases::Status;
    let profile = &state.site.profile;
    match kind {
        CaseKind::Complaint => Complaint::received(&profile.complaints).status,
        CaseKind::Compliment => Status::Received,
        _ => match kind.standard(profile).and_then(|s| s.acknowledge) {
            Some(_) => Status::Received,
            None => Status::Open,
        },
    }
}

/// What the resident is told when a case arrives, with its first date.
fn received_words(kind: CaseKind, acknowledge_first: bool, due: Option<String>) -> String {
    match (kind, due) {
        (CaseKind::Complaint, Some(due)) => format!(
            "We have received your complaint. We will {} by {due}.",
            if acknowledge_first {
                "acknowledge it"
            } else {
                "reply"
            }
        ),
        (CaseKind::Compliment, _) => {
            "Thank you for your compliment. We will pass it on.".to_owned()
        }
        (CaseKind::Comment, Some(due)) => {
            format!("Thank you for your comment. We will acknowledge it by {due}.")
        }
        (_, Some(due)) if acknowledge_first => format!(
            "We have received your {}. We will get back to you by {due}.",
            kind.label().to_lowercase()
        ),
        (_, Some(due)) => format!(
            "We have received it. We will {} by {due}.",
            kind.reply_words()
        ),
        (_, None) => "We have received it.".to_owned(),
    }
}

/// Opens the case once per token and tells the resident (and the advocate who made it).
/// Returns the reference and whether this call created it.
pub async fn open_case(
    state: &AppState,
    opening: Opening<'_>,
    now: DateTime<Utc>,
) -> Result<(String, bool), AppError> {
    let place = match opening.person_id {
        Some(person) => crate::server::db::repairs::place_for_person(&state.db, person).await?,
        None => None,
    };
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
        (_, _) => format!("{} sent", kind.label()),
    };
    let on_behalf = opening
        .person_id
        .filter(|_| opening.made_by == MadeBy::Advocate);
    let mut clocks = opening_clocks(state, kind, opening.channel, opening.received_at);
    if opening.first_contact {
        // Sorted there and then: every promise is kept at the moment it was made.
        clocks.clear();
    }
    let status = if opening.first_contact {
        crate::domain::cases::Status::Closed
    } else {
        opening_status(state, kind)
    };
    let mut events = vec![NewEvent::shown("opened", title)
        .by(opening.made_by_account_id)
        .for_person(on_behalf)];
    if opening.first_contact {
        events.push(
            NewEvent::shown("first_contact", "Sorted when you contacted us")
                .by(opening.made_by_account_id),
        );
    }
    let new = NewCase {
        submission_token: opening.token.clone(),
        kind: kind.as_str(),
        person_id: opening.person_id,
        home_id: place.as_ref().map(|p| p.home_id),
        tenure: place.as_ref().map(|p| p.tenure.clone()),
        made_by: opening.made_by.as_str(),
        made_by_account_id: opening.made_by_account_id,
        channel: opening.channel.as_str(),
        status: status.as_str(),
        summary: crate::domain::cases::summary_of(kind, &details),
        details,
        happened_when: answer("when"),
        outcome_wanted: answer("outcome"),
        adjustments: answer("adjustments"),
        thanks_to: answer("who"),
        related_reference: opening.related.clone(),
        contact_name: opening.contact.as_ref().map(|c| c.name.clone()),
        contact_email: opening.contact.as_ref().and_then(|c| c.email.clone()),
        contact_phone: opening
            .contact
            .as_ref()
            .and_then(|c| c.phone.clone())
            .or_else(|| answer("phone")),
        times_that_suit: answer("times"),
        colleague_preference: answer("preference").filter(|p| p == "male" || p == "female"),
        // (an answer of "none" is no preference)
        first_contact: opening.first_contact,
        received_at: opening.received_at,
        clocks,
        events,
    };
    let prefix = kind.prefix();
    let (reference, created) = store::create_case(&state.db, &new, now, || {
        crate::server::tokens::reference(prefix)
    })
    .await?;
    if created && !opening.first_contact {
        if let Some(row) = store::case_by_reference(&state.db, &reference).await? {
            let due = new.clocks.first().map(|c| crate::format::when(c.due_at));
            let what = received_words(kind, new.status == "received", due);
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
    match row.person_id {
        Some(person) => {
            crate::server::notify::tell(state, person, &notice, Utc::now()).await?;
        }
        // Someone not signed in hears by the email they gave (a phone number alone: the
        // colleague rings them).
        None => {
            if let Some(email) = &row.contact_email {
                let name = row.contact_name.as_deref().unwrap_or("");
                let message = crate::server::emails::message_update(
                    landlord,
                    name,
                    &row.reference,
                    what,
                    &state.link("/contact"),
                );
                state.outbox.queue(&state.db, email, message).await?;
            }
        }
    }
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
