//! The kinds of contact other than complaints: which of them a landlord offers, and the clocks
//! each starts, all from the profile's published contact standards. What a profile does not
//! publish is not offered.

use super::*;
use crate::domain::profile::PolicyProfile;
use crate::domain::standards::ContactStandard;

impl CaseKind {
    /// The contact standard this kind is answered to, if the profile publishes one. A complaint
    /// has none (its clocks come from the complaints regime).
    pub fn standard(self, profile: &PolicyProfile) -> Option<&ContactStandard> {
        let published = |kind: &str| profile.contact_standards.iter().find(|s| s.kind == kind);
        match self {
            CaseKind::Complaint => None,
            CaseKind::Enquiry => Some(&profile.enquiry_standard),
            CaseKind::Compliment => profile.compliment_standard.as_ref(),
            CaseKind::Message => Some(&profile.message_standard),
            CaseKind::Callback | CaseKind::HomeVisit | CaseKind::OfficeAppointment => {
                published(self.as_str())
            }
            CaseKind::Comment => published("comment"),
        }
    }

    /// Whether the landlord offers this kind of contact: complaints, questions, compliments and
    /// messages always; call-back, home-visit and office-appointment requests and comments
    /// only where the profile publishes a standard for them.
    pub fn offered(self, profile: &PolicyProfile) -> bool {
        match self {
            CaseKind::Complaint | CaseKind::Enquiry | CaseKind::Compliment | CaseKind::Message => {
                true
            }
            _ => self.standard(profile).is_some(),
        }
    }

    /// The kinds a resident may start from "Contact us and other requests", in order.
    pub fn offered_to_residents(profile: &PolicyProfile) -> Vec<CaseKind> {
        CaseKind::ALL
            .iter()
            .copied()
            .filter(|k| *k != CaseKind::Message && k.offered(profile))
            .collect()
    }
}

/// The deadlines a new contact (not a complaint) starts with, counted from receipt: the
/// acknowledgement and the reply (the call, the visit, the appointment) from its standard, a
/// text message's quicker reply where the standard has one, and the update promise. A
/// compliment's one clock is its acknowledgement (or its reply time, if that is all the
/// standard gives).
pub fn contact_clocks(
    profile: &PolicyProfile,
    schedule: &Schedule,
    kind: CaseKind,
    channel: Channel,
    received_at: DateTime<Utc>,
) -> Vec<(ClockKind, DateTime<Utc>)> {
    let Some(standard) = kind.standard(profile) else {
        return Vec::new();
    };
    let due = |t: Timescale| schedule.deadline(received_at, t);
    if kind == CaseKind::Compliment {
        return standard
            .acknowledge
            .or(standard.respond)
            .map(|t| (ClockKind::Acknowledge, due(t)))
            .into_iter()
            .collect();
    }
    let respond = match (channel, standard.respond_by_text) {
        (Channel::Text, Some(quicker)) => Some(quicker),
        _ => standard.respond,
    };
    let mut clocks = Vec::new();
    if let Some(t) = standard.acknowledge {
        clocks.push((ClockKind::Acknowledge, due(t)));
    }
    if let Some(t) = respond {
        clocks.push((ClockKind::Reply, due(t)));
    }
    if let Some(t) = standard.update {
        clocks.push((ClockKind::Update, due(t)));
    }
    clocks
}

/// What marking a contact complex changes, from the profile: the reply's new deadline (the
/// standard's own complex timescale, or the complex standard's reply time) and an update
/// promise (the complex standard's), both counted from receipt. Nothing when the landlord
/// publishes no timescale for complex matters of this kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Complexity {
    /// The timescale the resident is told: "10 working days".
    pub timescale: Timescale,
    pub reply_due: Option<DateTime<Utc>>,
    pub update_due: Option<DateTime<Utc>>,
}

pub fn complexity(
    profile: &PolicyProfile,
    schedule: &Schedule,
    kind: CaseKind,
    received_at: DateTime<Utc>,
) -> Option<Complexity> {
    let own = kind.standard(profile)?;
    if kind == CaseKind::Compliment {
        return None;
    }
    let due = |t: Timescale| schedule.deadline(received_at, t);
    if let Some(t) = own.complex {
        return Some(Complexity {
            timescale: t,
            reply_due: Some(due(t)),
            update_due: None,
        });
    }
    let longer = profile.complex_standard.as_ref()?;
    let timescale = longer.respond.or(longer.update)?;
    Some(Complexity {
        timescale,
        reply_due: longer.respond.map(due),
        update_due: longer.update.map(due),
    })
}

/// How often the resident of a contact of `kind` is promised an update ("at least every 10
/// working days"): its own standard's `update`, or, once marked complex and moved to the
/// landlord's complex standard (its own having no complex time), that standard's. Each update
/// the resident sees starts the next period from then. `None`: no update is promised.
pub fn update_every(profile: &PolicyProfile, kind: CaseKind, complex: bool) -> Option<Timescale> {
    if kind == CaseKind::Compliment {
        return None;
    }
    let own = kind.standard(profile)?;
    if complex && own.complex.is_none() {
        if let Some(t) = profile.complex_standard.as_ref().and_then(|s| s.update) {
            return Some(t);
        }
    }
    own.update
}

impl CaseKind {
    /// The link and caption that start this kind: "Ask us to call you back".
    pub fn start_words(self) -> &'static str {
        match self {
            CaseKind::Complaint => "Make a complaint",
            CaseKind::Compliment => "Give a compliment",
            CaseKind::Enquiry => "Ask a question",
            CaseKind::Message => "Send us a message",
            CaseKind::Callback => "Ask us to call you back",
            CaseKind::HomeVisit => "Ask for a home visit",
            CaseKind::OfficeAppointment => "Ask for an appointment at our office",
            CaseKind::Comment => "Make a comment or suggestion",
        }
    }
}

/// What the landlord promises for this kind, in a sentence from its published standard: "We
/// will acknowledge it within 1 working day and visit you within 5 working days."
pub fn promise_words(kind: CaseKind, profile: &PolicyProfile) -> String {
    let Some(standard) = kind.standard(profile) else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(t) = standard.acknowledge {
        parts.push(format!("acknowledge it within {t}"));
    }
    if let Some(t) = standard.respond {
        parts.push(format!("{} within {t}", kind.reply_words()));
    }
    if let Some(t) = standard.update {
        parts.push(format!("give you an update within {t}"));
    }
    let mut words = if parts.is_empty() {
        String::new()
    } else {
        format!("We will {}.", parts.join(" and "))
    };
    if let Some(t) = standard.respond_by_text {
        words.push_str(&format!(
            " If you ask by text message, we will {} {}.",
            kind.reply_words(),
            t.within_words()
        ));
    }
    if let Some(promise) = &standard.promise {
        words.push(' ');
        words.push_str(promise);
    }
    words.trim().to_owned()
}

/// The timeline's title when a colleague finishes a contact: "Answered", "Called back".
pub fn done_words(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Callback => "Called back",
        CaseKind::HomeVisit => "Visited",
        CaseKind::OfficeAppointment => "Appointment held",
        CaseKind::Message | CaseKind::Comment => "Replied",
        _ => "Answered",
    }
}
