//! What a case is: its kinds, statuses and clock kinds, as stored and as said.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseKind {
    Complaint,
    Compliment,
    Enquiry,
    /// A "Contact us" message, from anyone, signed in or not.
    Message,
    /// A request to be called back, with the times that suit.
    Callback,
    /// A request for a colleague to visit the home.
    HomeVisit,
    /// A request for an appointment at the landlord's office.
    OfficeAppointment,
    /// A comment or suggestion.
    Comment,
}

stored_as_text!(CaseKind {
    Complaint => "complaint", "Complaint";
    Compliment => "compliment", "Compliment";
    Enquiry => "enquiry", "Question";
    Message => "message", "Message";
    Callback => "callback", "Call-back request";
    HomeVisit => "home_visit", "Home visit request";
    OfficeAppointment => "office_appointment", "Office appointment request";
    Comment => "comment", "Comment or suggestion";
});

impl CaseKind {
    /// The reference prefix: "CP-7K4QXP".
    pub fn prefix(self) -> &'static str {
        match self {
            CaseKind::Complaint => "CP",
            CaseKind::Compliment => "PR",
            CaseKind::Enquiry => "EQ",
            CaseKind::Message => "CM",
            CaseKind::Callback => "CB",
            CaseKind::HomeVisit => "HV",
            CaseKind::OfficeAppointment => "OA",
            CaseKind::Comment => "CS",
        }
    }

    /// The kinds whose clocks come from one of the profile's contact standards (every kind but
    /// a complaint, which follows the complaints regime).
    pub fn is_contact(self) -> bool {
        self != CaseKind::Complaint
    }

    /// What the resident is told the answer to this kind is: "answer your question", "call you
    /// back", "visit you".
    pub fn reply_words(self) -> &'static str {
        match self {
            CaseKind::Complaint => "respond to your complaint",
            CaseKind::Compliment => "pass your thanks on",
            CaseKind::Enquiry => "answer your question",
            CaseKind::Message => "reply to your message",
            CaseKind::Callback => "call you back",
            CaseKind::HomeVisit => "visit you",
            CaseKind::OfficeAppointment => "see you at our office",
            CaseKind::Comment => "reply to your comment",
        }
    }

    /// The kind a reference belongs to.
    pub fn of_reference(reference: &str) -> Option<(CaseKind, String)> {
        CaseKind::ALL.iter().find_map(|k| {
            crate::domain::reference::normalise_reference(k.prefix(), reference).map(|r| (*k, r))
        })
    }
}

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Waiting to be acknowledged (a stage 1 complaint under a regime with an acknowledgement,
    /// an enquiry or compliment whose standard has one).
    Received,
    /// Being handled at the current stage.
    Open,
    /// Stage 1 answered; the resident may escalate.
    Responded,
    /// The resident asked for stage 2; waiting to be acknowledged.
    EscalationRequested,
    /// Finished: the final response, the answer, the compliment passed on.
    Closed,
    /// Not taken on as a complaint, for one of the regime's reasons.
    Declined,
}

stored_as_text!(Status {
    Received => "received", "Received";
    Open => "open", "Being looked into";
    Responded => "responded", "Response sent";
    EscalationRequested => "escalation_requested", "Escalation requested";
    Closed => "closed", "Closed";
    Declined => "declined", "Declined";
});

impl Status {
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Declined)
    }

    /// The statuses of a finished case: it has no next deadline.
    pub fn closed() -> impl Iterator<Item = Status> {
        Status::ALL.iter().copied().filter(|s| !s.is_open())
    }
}

/// A deadline on a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClockKind {
    Acknowledge1,
    Respond1,
    Acknowledge2,
    Respond2,
    /// An enquiry's or compliment's acknowledgement.
    Acknowledge,
    /// An enquiry's answer; for a call-back, visit or appointment request, the call, the visit
    /// or the appointment itself.
    Reply,
    /// The longest the resident goes without an update (from first contact).
    Update,
}

stored_as_text!(ClockKind {
    Acknowledge1 => "acknowledge_1", "Complaint acknowledged";
    Respond1 => "respond_1", "Stage 1 response";
    Acknowledge2 => "acknowledge_2", "Escalation acknowledged";
    Respond2 => "respond_2", "Stage 2 response";
    Acknowledge => "acknowledge", "Acknowledged";
    Reply => "reply", "Answered";
    Update => "update", "Update given";
});

impl ClockKind {
    pub fn acknowledge(stage: u8) -> ClockKind {
        if stage == 2 {
            ClockKind::Acknowledge2
        } else {
            ClockKind::Acknowledge1
        }
    }

    pub fn respond(stage: u8) -> ClockKind {
        if stage == 2 {
            ClockKind::Respond2
        } else {
            ClockKind::Respond1
        }
    }
}
