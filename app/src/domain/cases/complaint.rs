//! The complaint stage machine under both regimes: each step, the clocks it starts and meets,
//! and extensions within the regime's limits.

use super::*;

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
pub(super) fn stage_start(regime: &ComplaintRegime, n: u8) -> ClockPlan {
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
