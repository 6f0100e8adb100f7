//! Who fixes it, and a job's life: statuses, clocks, visit outcomes, visit days.

use super::*;

// ---------------------------------------------------------------------------------------------
// Who fixes it.

/// Who puts the problem right, given the outcome and the home's tenure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WhoFixes {
    /// We do: the report goes ahead.
    Landlord,
    /// A tenant's own responsibility, with the outcome's advice.
    Tenant { advice: String },
    /// A shared owner or leaseholder looks after the inside of their home.
    Owner,
}

pub fn who_fixes(outcome: &Outcome, tenure: Tenure) -> WhoFixes {
    if !tenure.is_renter() {
        return match outcome.scope {
            Scope::Home => WhoFixes::Owner,
            Scope::Structure | Scope::Communal => WhoFixes::Landlord,
        };
    }
    match (&outcome.advice, outcome.resident_responsible) {
        (Some(advice), true) => WhoFixes::Tenant {
            advice: advice.clone(),
        },
        _ => WhoFixes::Landlord,
    }
}

// ---------------------------------------------------------------------------------------------
// A job's life.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Reported,
    Booked,
    InProgress,
    AwaitingParts,
    Completed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Reported,
        Status::Booked,
        Status::InProgress,
        Status::AwaitingParts,
        Status::Completed,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Booked => "booked",
            Status::InProgress => "in_progress",
            Status::AwaitingParts => "awaiting_parts",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Reported => "Reported",
            Status::Booked => "Visit booked",
            Status::InProgress => "In progress",
            Status::AwaitingParts => "Waiting for parts",
            Status::Completed => "Completed",
            Status::Cancelled => "Cancelled",
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, Status::Completed | Status::Cancelled)
    }

    /// The statuses of a job that is finished: it has no next deadline.
    pub fn closed() -> impl Iterator<Item = Status> {
        Status::ALL.into_iter().filter(|s| !s.is_open())
    }
}

/// A stored status read back; a value this release does not know is an error.
impl TryFrom<String> for Status {
    type Error = String;

    fn try_from(text: String) -> Result<Status, String> {
        Status::parse(&text).ok_or_else(|| format!("unknown repair status {text:?}"))
    }
}

/// One deadline of a job: the priority's target, or a hazard clock under the home's hazard law.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClockKind {
    Target,
    Hazard(crate::domain::hazards::HazardClock),
}

impl From<crate::domain::hazards::HazardClock> for ClockKind {
    fn from(clock: crate::domain::hazards::HazardClock) -> ClockKind {
        ClockKind::Hazard(clock)
    }
}

impl From<crate::domain::hazards::HazardClock> for crate::domain::clocks::ClockKind {
    fn from(clock: crate::domain::hazards::HazardClock) -> crate::domain::clocks::ClockKind {
        crate::domain::clocks::ClockKind::Repair(ClockKind::Hazard(clock))
    }
}

impl ClockKind {
    /// The clocks that completing the job meets: the target, and any make-safe, safety-work or
    /// further-work clock (the work was done by then at the latest). An investigation or a
    /// written summary is met only when it is recorded.
    pub const MET_BY_COMPLETION: [ClockKind; 5] = [
        ClockKind::Target,
        ClockKind::Hazard(crate::domain::hazards::HazardClock::MakeSafe),
        ClockKind::Hazard(crate::domain::hazards::HazardClock::SafetyWork),
        ClockKind::Hazard(crate::domain::hazards::HazardClock::FurtherBegin),
        ClockKind::Hazard(crate::domain::hazards::HazardClock::FurtherOnSite),
    ];

    /// The name kept in the clock store.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::Target => "target",
            ClockKind::Hazard(clock) => clock.as_str(),
        }
    }

    pub fn parse(text: &str) -> Option<ClockKind> {
        match text {
            "target" => Some(ClockKind::Target),
            _ => crate::domain::hazards::HazardClock::parse(text).map(ClockKind::Hazard),
        }
    }

    /// What the deadline is for, as the resident and the colleague read it.
    pub fn label(self, law: Option<&crate::domain::standards::HazardLaw>) -> String {
        match self {
            ClockKind::Target => "Repair completed".to_owned(),
            ClockKind::Hazard(clock) => clock.label(law),
        }
    }
}

/// What an operative found on a visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitOutcome {
    Completed,
    FollowOn,
    PartsOrdered,
    NoAccess,
}

impl VisitOutcome {
    pub const ALL: [VisitOutcome; 4] = [
        VisitOutcome::Completed,
        VisitOutcome::FollowOn,
        VisitOutcome::PartsOrdered,
        VisitOutcome::NoAccess,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VisitOutcome::Completed => "completed",
            VisitOutcome::FollowOn => "follow_on",
            VisitOutcome::PartsOrdered => "parts_ordered",
            VisitOutcome::NoAccess => "no_access",
        }
    }

    pub fn parse(text: &str) -> Option<VisitOutcome> {
        VisitOutcome::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            VisitOutcome::Completed => "Repair completed on the visit",
            VisitOutcome::FollowOn => "Another visit is needed",
            VisitOutcome::PartsOrdered => "Parts ordered",
            VisitOutcome::NoAccess => "We could not get in",
        }
    }

    /// The job's status after the visit.
    pub fn status_after(self) -> Status {
        match self {
            VisitOutcome::Completed => Status::Completed,
            VisitOutcome::FollowOn | VisitOutcome::NoAccess => Status::Reported,
            VisitOutcome::PartsOrdered => Status::AwaitingParts,
        }
    }
}

/// Ways staff try to arrange access (Awaab's Law asks for several, by different methods).
pub const ACCESS_METHODS: [(&str, &str); 4] = [
    ("phone", "Phone call"),
    ("text", "Text message"),
    ("letter", "Letter"),
    ("visit", "Visit to the door"),
];

/// Reasons a resident may give when cancelling a visit.
pub const CANCEL_REASONS: [(&str, &str); 4] = [
    ("not_in", "I will not be in"),
    ("fixed", "The problem has been fixed"),
    ("another_time", "I want another time"),
    ("other", "Another reason"),
];

/// Days a resident has after completion to say a repair is not fixed.
pub const RECALL_DAYS: i64 = 30;

/// The limit on the description of a problem.
pub const DESCRIPTION_LIMIT: usize = 1000;

/// The limit on the access details and notes.
pub const NOTE_LIMIT: usize = 500;

/// Working days (as dates) on which a visit may be offered: from the next working day after
/// `today` up to and including the target date, at most `max` days.
pub fn visit_days(
    today: NaiveDate,
    target: NaiveDate,
    is_working_day: impl Fn(NaiveDate) -> bool,
    max: usize,
) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    let mut day = today;
    while days.len() < max {
        let Some(next) = day.succ_opt() else { break };
        day = next;
        if day > target {
            break;
        }
        if is_working_day(day) && !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            days.push(day);
        }
    }
    days
}

// ---------------------------------------------------------------------------------------------
// When we were told.

/// What is wrong with a recorded "when we were told": the field and the words.
pub type ToldProblem = (&'static str, &'static str);

/// The instant a colleague says the landlord was told of a repair (a UK date `YYYY-MM-DD` and
/// time `HH:MM`), which the target and any hazard clocks run from. It cannot be after `now`
/// (a minute's grace for a clock read as the form was filled in), nor over a year before it.
pub fn when_told(
    date: &str,
    time: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<chrono::DateTime<chrono::Utc>, Vec<ToldProblem>> {
    use chrono::{NaiveDate, NaiveTime};
    let mut problems = Vec::new();
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
    let clock = NaiveTime::parse_from_str(time.trim(), "%H:%M").ok();
    if day.is_none() {
        problems.push((
            "told_date",
            "Enter the date we were told, for example 2026-11-20",
        ));
    }
    if clock.is_none() {
        problems.push((
            "told_time",
            "Enter the time we were told, for example 14:30",
        ));
    }
    let (Some(day), Some(clock)) = (day, clock) else {
        return Err(problems);
    };
    let told = crate::domain::london::from_local(day.and_time(clock));
    if told > now + chrono::Duration::minutes(1) {
        return Err(vec![(
            "told_time",
            "When we were told must be now or in the past",
        )]);
    }
    if now - told > chrono::Duration::days(366) {
        return Err(vec![("told_date", "The date must be within the last year")]);
    }
    Ok(told)
}
