//! Cases a resident opens by writing to us: complaints, compliments and enquiries. The complaint
//! stage machine lives here, pure: which step may follow which under the landlord's regime
//! (English Housing Ombudsman Code or Scottish SPSO model), which deadlines each step starts
//! and meets, how far a response may be extended, and the rule that stage 2 is handled by
//! someone not involved at stage 1.

use super::deadline::Schedule;
use super::housing::{stored_as_text, Tenure};
use super::standards::{ComplaintRegime, ComplaintStage, RespondFrom};
use super::timescale::Timescale;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest text a resident or colleague may write in one box.
pub const TEXT_LIMIT: usize = 2000;
/// The longest short answer ("when did it happen", "who helped you").
pub const SHORT_LIMIT: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseKind {
    Complaint,
    Compliment,
    Enquiry,
}

stored_as_text!(CaseKind {
    Complaint => "complaint", "Complaint";
    Compliment => "compliment", "Compliment";
    Enquiry => "enquiry", "Question";
});

impl CaseKind {
    /// The reference prefix: "CP-7K4QXP".
    pub fn prefix(self) -> &'static str {
        match self {
            CaseKind::Complaint => "CP",
            CaseKind::Compliment => "PR",
            CaseKind::Enquiry => "EQ",
        }
    }

    /// The kind a reference belongs to.
    pub fn of_reference(reference: &str) -> Option<(CaseKind, String)> {
        CaseKind::ALL.iter().find_map(|k| {
            super::reference::normalise_reference(k.prefix(), reference).map(|r| (*k, r))
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
    /// An enquiry's answer.
    Reply,
}

stored_as_text!(ClockKind {
    Acknowledge1 => "acknowledge_1", "Complaint acknowledged";
    Respond1 => "respond_1", "Stage 1 response";
    Acknowledge2 => "acknowledge_2", "Escalation acknowledged";
    Respond2 => "respond_2", "Stage 2 response";
    Acknowledge => "acknowledge", "Acknowledged";
    Reply => "reply", "Answered";
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

/// The complaint as the stage machine needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Complaint {
    pub status: Status,
    /// 1 or 2.
    pub stage: u8,
    /// The colleague handling it now.
    pub owner: Option<i64>,
    /// Everyone who handled or answered it at stage 1.
    pub stage_one_handlers: Vec<i64>,
}

/// Something done to a complaint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Record the complaint as understood and the outcome wanted, and tell the resident.
    Acknowledge,
    /// Give it to a colleague.
    Assign { to: i64 },
    /// The stage's response, sent by `by`.
    Respond { by: i64 },
    /// Move the response deadline, with a reason.
    Extend,
    /// The resident asks for stage 2 (no reason needed).
    Escalate,
    /// Not taken on, for the regime's reason number `reason`.
    Decline { reason: usize },
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("This complaint has been acknowledged already")]
    AlreadyAcknowledged,
    #[error("Acknowledge the complaint first")]
    NotAcknowledged,
    #[error("Assign a handler before responding")]
    NoHandler,
    #[error("Stage 2 must be handled by someone not involved at stage 1")]
    SameHandler,
    #[error("There is no response to give at this point")]
    NothingToRespondTo,
    #[error("Only a stage 1 response can be escalated")]
    CannotEscalate,
    #[error("A complaint can be declined only before the stage 1 response")]
    CannotDecline,
    #[error("Choose one of the reasons the complaints policy allows")]
    UnknownReason,
    #[error("This complaint is closed")]
    Closed,
    #[error("There is no response deadline to extend at this point")]
    NothingToExtend,
}

/// What a step does to the deadlines: start these (from the moment of the step), meet these.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClockPlan {
    pub start: Vec<(ClockKind, Timescale)>,
    pub meet: Vec<ClockKind>,
}

impl Complaint {
    /// A complaint just received: waiting to be acknowledged, or straight in hand when the
    /// regime's first stage has no acknowledgement (Scotland's frontline stage).
    pub fn received(regime: &ComplaintRegime) -> Complaint {
        let status = if stage_of(regime, 1).acknowledge.is_some() {
            Status::Received
        } else {
            Status::Open
        };
        Complaint {
            status,
            stage: 1,
            owner: None,
            stage_one_handlers: Vec::new(),
        }
    }

    /// The clocks that start when the complaint is received.
    pub fn clocks_on_receipt(regime: &ComplaintRegime) -> ClockPlan {
        stage_start(regime, 1)
    }

    fn involved_at_stage_one(&self, who: i64) -> bool {
        self.stage_one_handlers.contains(&who)
    }

    /// Applies `step`, returning the complaint after it and what happens to the deadlines.
    pub fn apply(
        &self,
        regime: &ComplaintRegime,
        step: &Step,
    ) -> Result<(Complaint, ClockPlan), StepError> {
        if !self.status.is_open() {
            return Err(StepError::Closed);
        }
        let mut next = self.clone();
        let mut plan = ClockPlan::default();
        let different = regime.different_handler_at_stage_2;
        match step {
            Step::Acknowledge => {
                match self.status {
                    Status::Received | Status::EscalationRequested => {}
                    _ => return Err(StepError::AlreadyAcknowledged),
                }
                let stage = stage_of(regime, self.stage);
                next.status = Status::Open;
                plan.meet.push(ClockKind::acknowledge(self.stage));
                if stage.respond_from == RespondFrom::Acknowledgement {
                    plan.start
                        .push((ClockKind::respond(self.stage), stage.respond));
                }
            }
            Step::Assign { to } => {
                if self.stage == 2 && different && self.involved_at_stage_one(*to) {
                    return Err(StepError::SameHandler);
                }
                if self.status == Status::Responded {
                    return Err(StepError::NothingToRespondTo);
                }
                next.owner = Some(*to);
                if self.stage == 1 && !next.stage_one_handlers.contains(to) {
                    next.stage_one_handlers.push(*to);
                }
            }
            Step::Respond { by } => {
                match self.status {
                    Status::Open => {}
                    Status::Received | Status::EscalationRequested => {
                        return Err(StepError::NotAcknowledged)
                    }
                    _ => return Err(StepError::NothingToRespondTo),
                }
                if self.owner.is_none() {
                    return Err(StepError::NoHandler);
                }
                if self.stage == 2 && different && self.involved_at_stage_one(*by) {
                    return Err(StepError::SameHandler);
                }
                if self.stage == 1 && !next.stage_one_handlers.contains(by) {
                    next.stage_one_handlers.push(*by);
                }
                plan.meet.push(ClockKind::respond(self.stage));
                next.status = if self.stage == 1 {
                    Status::Responded
                } else {
                    Status::Closed
                };
            }
            Step::Extend => {
                let stage = stage_of(regime, self.stage);
                let running = match self.status {
                    Status::Open => true,
                    // A response clock counted from receipt runs before the acknowledgement.
                    Status::Received | Status::EscalationRequested => {
                        stage.respond_from == RespondFrom::Receipt
                    }
                    _ => false,
                };
                if !running {
                    return Err(StepError::NothingToExtend);
                }
            }
            Step::Escalate => {
                if !(self.stage == 1 && self.status == Status::Responded) {
                    return Err(StepError::CannotEscalate);
                }
                next.stage = 2;
                next.owner = None;
                let start = stage_start(regime, 2);
                next.status = if stage_of(regime, 2).acknowledge.is_some() {
                    Status::EscalationRequested
                } else {
                    Status::Open
                };
                plan = start;
            }
            Step::Decline { reason } => {
                if !(self.stage == 1 && matches!(self.status, Status::Received | Status::Open)) {
                    return Err(StepError::CannotDecline);
                }
                if *reason >= regime.exclusions.len() {
                    return Err(StepError::UnknownReason);
                }
                next.status = Status::Declined;
                plan.meet = vec![ClockKind::Acknowledge1, ClockKind::Respond1];
            }
        }
        Ok((next, plan))
    }

    /// What a colleague may do next, for the case page's forms.
    pub fn may(&self, regime: &ComplaintRegime, step: &Step) -> bool {
        self.apply(regime, step).is_ok()
    }
}

/// The regime's stage `n` (1 or 2); a checked profile always has both.
pub fn stage_of(regime: &ComplaintRegime, n: u8) -> &ComplaintStage {
    let i = usize::from(n.clamp(1, 2)) - 1;
    &regime.stages[i.min(regime.stages.len().saturating_sub(1))]
}

/// The clocks a stage starts with: its acknowledgement, and its response when that runs from
/// receipt.
fn stage_start(regime: &ComplaintRegime, n: u8) -> ClockPlan {
    let stage = stage_of(regime, n);
    let mut plan = ClockPlan::default();
    if let Some(ack) = stage.acknowledge {
        plan.start.push((ClockKind::acknowledge(n), ack));
    }
    if stage.respond_from == RespondFrom::Receipt || stage.acknowledge.is_none() {
        plan.start.push((ClockKind::respond(n), stage.respond));
    }
    plan
}

/// The latest a stage's response may be extended to from its standard deadline; `None` when
/// the regime sets no limit (an extension still needs a reason and a new date).
pub fn latest_extension(
    regime: &ComplaintRegime,
    stage: u8,
    standard_due: DateTime<Utc>,
    schedule: &Schedule,
) -> Option<DateTime<Utc>> {
    stage_of(regime, stage)
        .extension_limit
        .map(|limit| schedule.later_by(standard_due, limit))
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    #[error("Give the reason for the extension")]
    NoReason,
    #[error("The new date must be later than the current deadline")]
    NotLater,
    #[error("The new date can be no later than {0}")]
    BeyondLimit(String),
}

/// Checks a proposed new response deadline.
pub fn check_extension(
    regime: &ComplaintRegime,
    stage: u8,
    (standard_due, current_due): (DateTime<Utc>, DateTime<Utc>),
    to: DateTime<Utc>,
    reason: &str,
    schedule: &Schedule,
    words: impl Fn(DateTime<Utc>) -> String,
) -> Result<(), ExtensionError> {
    if reason.trim().is_empty() {
        return Err(ExtensionError::NoReason);
    }
    if to <= current_due {
        return Err(ExtensionError::NotLater);
    }
    match latest_extension(regime, stage, standard_due, schedule) {
        Some(latest) if to > latest => Err(ExtensionError::BeyondLimit(words(latest))),
        _ => Ok(()),
    }
}

/// Who made a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MadeBy {
    Resident,
    HouseholdMember,
    Advocate,
    Staff,
}

stored_as_text!(MadeBy {
    Resident => "resident", "The resident";
    HouseholdMember => "household_member", "A household member";
    Advocate => "advocate", "An advocate";
    Staff => "staff", "A colleague";
});

/// How a case reached us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Portal,
    Phone,
    Letter,
    Email,
    InPerson,
}

stored_as_text!(Channel {
    Portal => "portal", "Doorstep";
    Phone => "phone", "Phone call";
    Letter => "letter", "Letter";
    Email => "email", "Email";
    InPerson => "in_person", "In person";
});

/// A stage response's overall decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Upheld,
    PartlyUpheld,
    NotUpheld,
}

stored_as_text!(Decision {
    Upheld => "upheld", "Upheld";
    PartlyUpheld => "partly_upheld", "Partly upheld";
    NotUpheld => "not_upheld", "Not upheld";
});

/// One question of the resident's journey: the field it fills, its words and limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub field: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub required: bool,
    pub long: bool,
    /// What the error says when it is left empty.
    pub missing: &'static str,
}

const COMPLAINT_QUESTIONS: &[Question] = &[
    Question {
        field: "what",
        label: "What happened?",
        hint:
            "Tell us what went wrong, in your own words. You do not need to use the word complaint.",
        required: true,
        long: true,
        missing: "Tell us what happened",
    },
    Question {
        field: "when",
        label: "When did it happen?",
        hint: "For example: since March, or on 3 November. If it is still happening, say so.",
        required: true,
        long: false,
        missing: "Tell us when it happened",
    },
    Question {
        field: "outcome",
        label: "What would you like us to do to put things right?",
        hint: "For example: finish the repair, an apology, or a change to how we do things.",
        required: true,
        long: true,
        missing: "Tell us what you would like us to do",
    },
    Question {
        field: "adjustments",
        label: "Do you need anything from us to take part? (optional)",
        hint:
            "For example: written contact only, an interpreter, large print, or more time to reply.",
        required: false,
        long: true,
        missing: "",
    },
    Question {
        field: "related",
        label: "Is it about a repair or something else you have told us about? (optional)",
        hint: "Give its reference, like RP-7K4QXP or EQ-3M9TXA. You will find it in your repairs or your complaints and questions.",
        required: false,
        long: false,
        missing: "",
    },
];

const COMPLIMENT_QUESTIONS: &[Question] = &[
    Question {
        field: "who",
        label: "Who would you like to thank?",
        hint: "The name of the colleague or team, if you know it. For example: Sam from the repairs team.",
        required: true,
        long: false,
        missing: "Tell us who you would like to thank",
    },
    Question {
        field: "what",
        label: "What did they do?",
        hint: "We will pass your words on to them and their manager.",
        required: true,
        long: true,
        missing: "Tell us what they did",
    },
];

const ENQUIRY_QUESTIONS: &[Question] = &[Question {
    field: "what",
    label: "What would you like to ask?",
    hint: "Give as much detail as you can, so we can answer in one go.",
    required: true,
    long: true,
    missing: "Write your question",
}];

impl CaseKind {
    /// The questions of this kind's journey, in order, one to a page.
    pub fn questions(self) -> &'static [Question] {
        match self {
            CaseKind::Complaint => COMPLAINT_QUESTIONS,
            CaseKind::Compliment => COMPLIMENT_QUESTIONS,
            CaseKind::Enquiry => ENQUIRY_QUESTIONS,
        }
    }

    pub fn question(self, field: &str) -> Option<&'static Question> {
        self.questions().iter().find(|q| q.field == field)
    }
}

impl Question {
    /// Checks an answer, returning it tidied or the message to show.
    pub fn check(&self, value: &str) -> Result<String, String> {
        let value = value.trim().replace("\r\n", "\n");
        let limit = if self.long { TEXT_LIMIT } else { SHORT_LIMIT };
        if value.is_empty() && self.required {
            return Err(self.missing.to_owned());
        }
        if value.chars().count() > limit {
            return Err(format!("Your answer must be {limit} characters or fewer"));
        }
        Ok(value)
    }

    pub fn limit(&self) -> usize {
        if self.long {
            TEXT_LIMIT
        } else {
            SHORT_LIMIT
        }
    }
}

/// A one-line title for a case from what the resident wrote: the first line, shortened.
pub fn summary_of(kind: CaseKind, text: &str) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut words = String::new();
    for c in first.chars() {
        if words.chars().count() >= 80 {
            words.push('…');
            break;
        }
        words.push(c);
    }
    if words.is_empty() {
        kind.label().to_owned()
    } else {
        words
    }
}

/// Complaints counted for one tenure over a period (the store counts them; see
/// `db::cases::report_counts`): stage 1 complaints received, escalations made, and the stage
/// responses sent with how many of them were in time (their acknowledgement and response no
/// later than their deadlines; a permitted extension counts, as the Code allows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub stage_1_received: i64,
    pub stage_2_received: i64,
    pub stage_1_responded: i64,
    pub stage_1_in_time: i64,
    pub stage_2_responded: i64,
    pub stage_2_in_time: i64,
}

/// A group of homes the report is broken down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HomeGroup {
    All,
    /// Low-cost rental homes (general needs and affordable rent).
    Rented,
    /// Low-cost home ownership (shared ownership).
    SharedOwnership,
}

impl HomeGroup {
    pub const ALL: [HomeGroup; 3] = [
        HomeGroup::All,
        HomeGroup::Rented,
        HomeGroup::SharedOwnership,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HomeGroup::All => "All homes",
            HomeGroup::Rented => "Rented homes (general needs and affordable rent)",
            HomeGroup::SharedOwnership => "Shared ownership homes",
        }
    }

    pub fn holds(self, tenure: Option<Tenure>) -> bool {
        match self {
            HomeGroup::All => true,
            HomeGroup::Rented => {
                matches!(tenure, Some(Tenure::GeneralNeeds | Tenure::AffordableRent))
            }
            HomeGroup::SharedOwnership => tenure == Some(Tenure::SharedOwnership),
        }
    }
}

/// CH01 and CH02 for one group of homes over a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportLine {
    pub group: String,
    pub homes: i64,
    /// CH01: stage 1 complaints received in the period, and per 1,000 homes.
    pub stage_1_received: i64,
    pub stage_1_per_1000: Option<f64>,
    /// CH01: stage 2 complaints (escalations) in the period, and per 1,000 homes.
    pub stage_2_received: i64,
    pub stage_2_per_1000: Option<f64>,
    /// CH02: stage 1 responses in the period, and those within the regime's timescales.
    pub stage_1_responded: i64,
    pub stage_1_in_time: i64,
    pub stage_1_in_time_percent: Option<f64>,
    pub stage_2_responded: i64,
    pub stage_2_in_time: i64,
    pub stage_2_in_time_percent: Option<f64>,
}

fn ratio(part: i64, whole: i64, scale: f64) -> Option<f64> {
    (whole > 0).then(|| (part as f64) * scale / (whole as f64))
}

/// CH01 (complaints per 1,000 homes at each stage) and CH02 (the share answered within the
/// regime's timescales) for all homes, rented homes and shared ownership homes, from the
/// counts by tenure and the homes by tenure. Complaints about no home count in "all homes".
pub fn complaints_report(
    counts: &[(Option<Tenure>, Counts)],
    homes: &[(Tenure, i64)],
) -> Vec<ReportLine> {
    HomeGroup::ALL
        .iter()
        .map(|group| {
            let homes: i64 = homes
                .iter()
                .filter(|(t, _)| group.holds(Some(*t)))
                .map(|(_, n)| n)
                .sum();
            let mut c = Counts::default();
            for (_, n) in counts.iter().filter(|(t, _)| group.holds(*t)) {
                c.stage_1_received += n.stage_1_received;
                c.stage_2_received += n.stage_2_received;
                c.stage_1_responded += n.stage_1_responded;
                c.stage_1_in_time += n.stage_1_in_time;
                c.stage_2_responded += n.stage_2_responded;
                c.stage_2_in_time += n.stage_2_in_time;
            }
            ReportLine {
                group: group.label().to_owned(),
                homes,
                stage_1_received: c.stage_1_received,
                stage_1_per_1000: ratio(c.stage_1_received, homes, 1000.0),
                stage_2_received: c.stage_2_received,
                stage_2_per_1000: ratio(c.stage_2_received, homes, 1000.0),
                stage_1_responded: c.stage_1_responded,
                stage_1_in_time: c.stage_1_in_time,
                stage_1_in_time_percent: ratio(c.stage_1_in_time, c.stage_1_responded, 100.0),
                stage_2_responded: c.stage_2_responded,
                stage_2_in_time: c.stage_2_in_time,
                stage_2_in_time_percent: ratio(c.stage_2_in_time, c.stage_2_responded, 100.0),
            }
        })
        .collect()
}

/// A figure to one decimal place, or a dash when there is nothing to divide by.
pub fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::WorkingDayCalendar;
    use crate::domain::housing::Nation;
    use crate::domain::london::{from_local, to_local};
    use crate::domain::profile::{PolicyProfile, RawProfile};
    use chrono::NaiveDate;

    fn profile(text: &str) -> PolicyProfile {
        toml::from_str::<RawProfile>(text)
            .expect("parses")
            .validate()
            .expect("valid")
    }

    fn england() -> PolicyProfile {
        profile(include_str!("../../../config/profiles/northfield.toml"))
    }

    fn scotland() -> PolicyProfile {
        profile(include_str!("../../../config/profiles/glenbrae.toml"))
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        from_local(
            NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|d| d.and_hms_opt(h, min, 0))
                .expect("date"),
        )
    }

    fn local(t: DateTime<Utc>) -> String {
        to_local(t).format("%Y-%m-%d %H:%M").to_string()
    }

    const A: i64 = 1;
    const B: i64 = 2;
    const C: i64 = 3;

    /// Runs steps from a fresh complaint, panicking on a refused one.
    fn after(regime: &ComplaintRegime, steps: &[Step]) -> Complaint {
        let mut c = Complaint::received(regime);
        for step in steps {
            c = c
                .apply(regime, step)
                .unwrap_or_else(|e| panic!("{step:?} refused: {e}"))
                .0;
        }
        c
    }

    #[test]
    fn an_english_complaint_goes_through_both_stages() {
        let p = england();
        let r = &p.complaints;
        let c = Complaint::received(r);
        assert_eq!(c.status, Status::Received);
        assert_eq!(
            Complaint::clocks_on_receipt(r).start,
            vec![(
                ClockKind::Acknowledge1,
                r.stages[0].acknowledge.expect("ack")
            )]
        );
        let (c, plan) = c.apply(r, &Step::Acknowledge).expect("ack");
        assert_eq!(c.status, Status::Open);
        assert_eq!(plan.meet, vec![ClockKind::Acknowledge1]);
        assert_eq!(plan.start, vec![(ClockKind::Respond1, r.stages[0].respond)]);
        let (c, _) = c.apply(r, &Step::Assign { to: A }).expect("assign");
        let (c, plan) = c.apply(r, &Step::Respond { by: A }).expect("respond");
        assert_eq!(c.status, Status::Responded);
        assert_eq!(plan.meet, vec![ClockKind::Respond1]);
        let (c, plan) = c.apply(r, &Step::Escalate).expect("escalate");
        assert_eq!(
            (c.status, c.stage, c.owner),
            (Status::EscalationRequested, 2, None)
        );
        assert_eq!(
            plan.start,
            vec![(
                ClockKind::Acknowledge2,
                r.stages[1].acknowledge.expect("ack")
            )]
        );
        let (c, plan) = c.apply(r, &Step::Acknowledge).expect("ack 2");
        assert_eq!(plan.start, vec![(ClockKind::Respond2, r.stages[1].respond)]);
        let (c, _) = c.apply(r, &Step::Assign { to: B }).expect("assign 2");
        let (c, plan) = c.apply(r, &Step::Respond { by: B }).expect("final");
        assert_eq!(c.status, Status::Closed);
        assert_eq!(plan.meet, vec![ClockKind::Respond2]);
        assert_eq!(c.apply(r, &Step::Escalate), Err(StepError::Closed));
    }

    #[test]
    fn a_scottish_complaint_starts_in_hand_with_its_response_clock_running() {
        let p = scotland();
        let r = &p.complaints;
        let c = Complaint::received(r);
        assert_eq!(c.status, Status::Open);
        assert_eq!(
            Complaint::clocks_on_receipt(r).start,
            vec![(ClockKind::Respond1, r.stages[0].respond)]
        );
        assert_eq!(
            c.apply(r, &Step::Acknowledge),
            Err(StepError::AlreadyAcknowledged)
        );
        let c = after(r, &[Step::Assign { to: A }, Step::Respond { by: A }]);
        let (c, plan) = c.apply(r, &Step::Escalate).expect("escalate");
        assert_eq!(c.status, Status::EscalationRequested);
        // Stage 2: acknowledged in 3 and decided in 20, both from the escalation.
        assert_eq!(
            plan.start,
            vec![
                (
                    ClockKind::Acknowledge2,
                    r.stages[1].acknowledge.expect("ack")
                ),
                (ClockKind::Respond2, r.stages[1].respond)
            ]
        );
        let (c, plan) = c.apply(r, &Step::Acknowledge).expect("ack 2");
        assert!(plan.start.is_empty());
        assert_eq!(plan.meet, vec![ClockKind::Acknowledge2]);
        // Extending stage 2 is allowed (with a reason and date) while it is open.
        assert!(c.may(r, &Step::Extend));
    }

    #[test]
    fn illegal_steps_are_refused_under_both_regimes() {
        for p in [england(), scotland()] {
            let r = &p.complaints;
            let fresh = Complaint::received(r);
            assert_eq!(
                fresh.apply(r, &Step::Escalate),
                Err(StepError::CannotEscalate)
            );
            assert_eq!(
                after(r, &[Step::Assign { to: A }])
                    .apply(r, &Step::Respond { by: A })
                    .map(|c| c.0.status)
                    .ok()
                    .is_some(),
                fresh.status == Status::Open,
                "responding before acknowledging is refused only where there is an acknowledgement"
            );
            let open = if fresh.status == Status::Received {
                after(r, &[Step::Acknowledge])
            } else {
                fresh.clone()
            };
            assert_eq!(
                open.apply(r, &Step::Respond { by: A }),
                Err(StepError::NoHandler)
            );
            let responded = after(
                r,
                &if fresh.status == Status::Received {
                    vec![
                        Step::Acknowledge,
                        Step::Assign { to: A },
                        Step::Respond { by: A },
                    ]
                } else {
                    vec![Step::Assign { to: A }, Step::Respond { by: A }]
                },
            );
            assert_eq!(
                responded.apply(r, &Step::Respond { by: A }),
                Err(StepError::NothingToRespondTo)
            );
            assert_eq!(
                responded.apply(r, &Step::Decline { reason: 0 }),
                Err(StepError::CannotDecline)
            );
            assert_eq!(
                responded.apply(r, &Step::Extend),
                Err(StepError::NothingToExtend)
            );
            assert_eq!(
                responded.apply(r, &Step::Assign { to: B }),
                Err(StepError::NothingToRespondTo)
            );
            let escalated = responded.apply(r, &Step::Escalate).expect("escalate").0;
            assert_eq!(
                escalated.apply(r, &Step::Escalate),
                Err(StepError::CannotEscalate)
            );
            assert_eq!(
                escalated.apply(r, &Step::Decline { reason: 0 }),
                Err(StepError::CannotDecline)
            );
            assert_eq!(
                escalated.apply(r, &Step::Respond { by: B }),
                Err(StepError::NotAcknowledged)
            );
            let stage_two = escalated.apply(r, &Step::Acknowledge).expect("ack").0;
            assert_eq!(
                stage_two.apply(r, &Step::Acknowledge),
                Err(StepError::AlreadyAcknowledged)
            );
        }
    }

    #[test]
    fn stage_two_needs_someone_not_involved_at_stage_one() {
        for p in [england(), scotland()] {
            let r = &p.complaints;
            let mut steps = vec![Step::Assign { to: A }, Step::Assign { to: C }];
            if Complaint::received(r).status == Status::Received {
                steps.insert(0, Step::Acknowledge);
            }
            // C answers stage 1 after A had it: both were involved.
            steps.extend([Step::Respond { by: C }, Step::Escalate]);
            let c = after(r, &steps);
            assert_eq!(c.stage_one_handlers, vec![A, C]);
            let c = if c.status == Status::EscalationRequested {
                c.apply(r, &Step::Acknowledge).expect("ack").0
            } else {
                c
            };
            assert_eq!(
                c.apply(r, &Step::Assign { to: A }),
                Err(StepError::SameHandler)
            );
            assert_eq!(
                c.apply(r, &Step::Assign { to: C }),
                Err(StepError::SameHandler)
            );
            let c = c.apply(r, &Step::Assign { to: B }).expect("B").0;
            assert_eq!(
                c.apply(r, &Step::Respond { by: A }),
                Err(StepError::SameHandler)
            );
            assert_eq!(
                c.apply(r, &Step::Respond { by: B })
                    .expect("B answers")
                    .0
                    .status,
                Status::Closed
            );
            // A landlord that does not insist may let the same colleague answer.
            let mut relaxed = r.clone();
            relaxed.different_handler_at_stage_2 = false;
            assert!(c.may(&relaxed, &Step::Respond { by: A }));
        }
    }

    #[test]
    fn declines_need_one_of_the_regimes_reasons_and_come_before_the_response() {
        for p in [england(), scotland()] {
            let r = &p.complaints;
            let fresh = Complaint::received(r);
            let n = r.exclusions.len();
            assert!(n >= 2);
            assert_eq!(
                fresh.apply(r, &Step::Decline { reason: n }),
                Err(StepError::UnknownReason)
            );
            let (declined, plan) = fresh
                .apply(r, &Step::Decline { reason: n - 1 })
                .expect("decline");
            assert_eq!(declined.status, Status::Declined);
            assert!(plan.meet.contains(&ClockKind::Respond1));
            assert_eq!(declined.apply(r, &Step::Escalate), Err(StepError::Closed));
            assert_eq!(
                declined.apply(r, &Step::Acknowledge),
                Err(StepError::Closed)
            );
        }
    }

    #[test]
    fn extensions_stay_within_the_regimes_limit() {
        let p = england();
        let r = &p.complaints;
        let calendar = WorkingDayCalendar::new(Nation::England);
        let schedule = Schedule {
            calendar: &calendar,
            hours: &p.office_hours,
        };
        // Acknowledged Monday 1 December 2025: stage 1 answer due Monday 15 December.
        let ack = at(2025, 12, 1, 10, 0);
        let due = schedule.deadline(ack, r.stages[0].respond);
        assert_eq!(local(due), "2025-12-15 17:30");
        // At most 10 further working days, Christmas Day and Boxing Day skipped: Wednesday 31
        // December.
        let latest = latest_extension(r, 1, due, &schedule).expect("limit");
        assert_eq!(local(latest), "2025-12-31 17:30");
        let words = |t: DateTime<Utc>| local(t);
        assert_eq!(
            check_extension(
                r,
                1,
                (due, due),
                latest,
                "Waiting for a surveyor's report",
                &schedule,
                words
            ),
            Ok(())
        );
        assert_eq!(
            check_extension(
                r,
                1,
                (due, due),
                latest + chrono::Duration::days(3),
                "Surveyor",
                &schedule,
                words
            ),
            Err(ExtensionError::BeyondLimit("2025-12-31 17:30".into()))
        );
        assert_eq!(
            check_extension(r, 1, (due, due), latest, " ", &schedule, words),
            Err(ExtensionError::NoReason)
        );
        assert_eq!(
            check_extension(r, 1, (due, due), due, "Reason", &schedule, words),
            Err(ExtensionError::NotLater)
        );
        // Stage 2 (due Wednesday 31 December) may go 20 working days further, past New Year's
        // Day: Thursday 29 January.
        let due2 = schedule.deadline(ack, r.stages[1].respond);
        assert_eq!(
            local(latest_extension(r, 2, due2, &schedule).expect("limit")),
            "2026-01-29 17:30"
        );
        // Scotland: St Andrew's Day (Sunday 30 November 2025) moves to Monday 1 December, so
        // a stage 1 decision on a complaint of Monday 24 November is due Tuesday 2 December;
        // it may be extended by 5 more working days; stage 2 has no fixed limit.
        let s = scotland();
        let calendar = WorkingDayCalendar::new(Nation::Scotland);
        let schedule = Schedule {
            calendar: &calendar,
            hours: &s.office_hours,
        };
        let due = schedule.deadline(at(2025, 11, 24, 10, 0), s.complaints.stages[0].respond);
        assert_eq!(local(due), "2025-12-02 17:00");
        assert_eq!(
            local(latest_extension(&s.complaints, 1, due, &schedule).expect("limit")),
            "2025-12-09 17:00"
        );
        assert_eq!(latest_extension(&s.complaints, 2, due, &schedule), None);
        let far = due + chrono::Duration::days(60);
        assert_eq!(
            check_extension(
                &s.complaints,
                2,
                (due, due),
                far,
                "A complex investigation",
                &schedule,
                words
            ),
            Ok(())
        );
    }

    #[test]
    fn deadlines_skip_bank_holidays_and_count_out_of_hours_receipt_from_its_own_day() {
        // England: a complaint emailed at 10pm on Thursday 24 December 2026 is first seen when
        // the office opens on Tuesday 29 December (Christmas, Boxing Day substitute on Monday
        // 28th), but its day of receipt is the 24th: acknowledgement in 5 working days
        // (29, 30, 31 December, New Year's Day skipped, 4 and 5 January) by Tuesday 5 January.
        let p = england();
        let calendar = WorkingDayCalendar::new(Nation::England);
        let schedule = Schedule {
            calendar: &calendar,
            hours: &p.office_hours,
        };
        let sent = at(2026, 12, 24, 22, 0);
        assert_eq!(local(schedule.received(sent)), "2026-12-29 08:00");
        let ack = schedule.deadline(sent, p.complaints.stages[0].acknowledge.expect("ack"));
        assert_eq!(local(ack), "2027-01-05 17:30");
        // Scotland: 2 January is a bank holiday too. A complaint at 8pm on Wednesday 30
        // December 2026 counts from the 30th; five working days on (31 December, then 5 to 8
        // January: 1 and 4 January are holidays, 2 January falling on a Saturday and moving to
        // Monday 4th) is Friday 8 January.
        let s = scotland();
        let calendar = WorkingDayCalendar::new(Nation::Scotland);
        let schedule = Schedule {
            calendar: &calendar,
            hours: &s.office_hours,
        };
        let sent = at(2026, 12, 30, 20, 0);
        assert_eq!(local(schedule.received(sent)), "2026-12-31 09:00");
        let due = schedule.deadline(sent, s.complaints.stages[0].respond);
        assert_eq!(
            local(due),
            "2027-01-08 16:00",
            "the office closes at 4pm on Fridays"
        );
    }

    #[test]
    fn the_journeys_ask_their_questions_and_check_the_answers() {
        assert_eq!(
            CaseKind::Complaint
                .questions()
                .iter()
                .map(|q| q.field)
                .collect::<Vec<_>>(),
            ["what", "when", "outcome", "adjustments", "related"]
        );
        let what = CaseKind::Complaint.question("what").expect("what");
        assert_eq!(what.check("  "), Err("Tell us what happened".into()));
        assert_eq!(
            what.check(" The lift \r\nagain "),
            Ok("The lift \nagain".into())
        );
        assert!(what.check(&"x".repeat(TEXT_LIMIT + 1)).is_err());
        let adjustments = CaseKind::Complaint.question("adjustments").expect("adj");
        assert_eq!(adjustments.check(""), Ok(String::new()));
        let when = CaseKind::Complaint.question("when").expect("when");
        assert!(when.check(&"x".repeat(SHORT_LIMIT + 1)).is_err());
        assert_eq!(
            summary_of(CaseKind::Complaint, "\n  The lift is broken\nagain"),
            "The lift is broken"
        );
        assert_eq!(summary_of(CaseKind::Enquiry, ""), "Question");
        assert_eq!(
            CaseKind::of_reference(" cp-7k4qxp"),
            Some((CaseKind::Complaint, "CP-7K4QXP".into()))
        );
        assert_eq!(CaseKind::of_reference("RP-7K4QXP"), None);
    }

    #[test]
    fn the_report_groups_tenures_and_works_out_rates_per_1000_homes_and_in_time() {
        let counts = |s1, s2, r1, t1, r2, t2| Counts {
            stage_1_received: s1,
            stage_2_received: s2,
            stage_1_responded: r1,
            stage_1_in_time: t1,
            stage_2_responded: r2,
            stage_2_in_time: t2,
        };
        let by_tenure = [
            (Some(Tenure::GeneralNeeds), counts(2, 1, 2, 1, 1, 0)),
            (Some(Tenure::AffordableRent), counts(1, 0, 1, 1, 0, 0)),
            (Some(Tenure::SharedOwnership), counts(1, 0, 1, 0, 0, 0)),
            (Some(Tenure::Leasehold), counts(1, 0, 0, 0, 0, 0)),
            (None, counts(1, 0, 0, 0, 0, 0)),
        ];
        let homes = [
            (Tenure::GeneralNeeds, 1500),
            (Tenure::AffordableRent, 500),
            (Tenure::SharedOwnership, 400),
            (Tenure::Leasehold, 100),
        ];
        let lines = complaints_report(&by_tenure, &homes);
        let all = &lines[0];
        // 6 received over 2,500 homes: 2.4 per 1,000; 1 escalation: 0.4.
        assert_eq!(
            (all.homes, all.stage_1_received, all.stage_2_received),
            (2500, 6, 1)
        );
        assert_eq!(figure(all.stage_1_per_1000), "2.4");
        assert_eq!(figure(all.stage_2_per_1000), "0.4");
        // 2 of 4 answered in time at stage 1 (50.0%); none of 1 at stage 2.
        assert_eq!((all.stage_1_responded, all.stage_1_in_time), (4, 2));
        assert_eq!(figure(all.stage_1_in_time_percent), "50.0");
        assert_eq!(figure(all.stage_2_in_time_percent), "0.0");
        let rented = &lines[1];
        // 3 over 2,000 rented homes: 1.5 per 1,000; 2 of 3 in time (66.7%).
        assert_eq!((rented.homes, rented.stage_1_received), (2000, 3));
        assert_eq!(figure(rented.stage_1_per_1000), "1.5");
        assert_eq!(figure(rented.stage_1_in_time_percent), "66.7");
        let shared = &lines[2];
        assert_eq!(
            (
                shared.homes,
                shared.stage_1_received,
                shared.stage_1_in_time
            ),
            (400, 1, 0)
        );
        assert_eq!(figure(shared.stage_1_per_1000), "2.5");
        assert_eq!(figure(shared.stage_2_in_time_percent), "-");
    }
}
