//! Repairs: the diagnosis tree (what to ask and where each answer leads), who is responsible
//! for a repair by tenure, appointment slots, the states of a job and its timeline. Pure rules;
//! the tree is a file people edit (`config/repairs.toml`), so it is checked in full at start-up
//! and every problem names its place in the file.

use super::housing::Tenure;
use super::profile::{problem, ProfileError};
use super::standards::RepairPriority;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------------------
// The file as written.

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRepairSetup {
    pub start: Option<String>,
    pub emergencies: Option<Vec<RawEmergency>>,
    pub trades: Option<Vec<RawTrade>>,
    pub questions: Option<Vec<RawQuestion>>,
    pub outcomes: Option<Vec<RawOutcome>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEmergency {
    pub code: Option<String>,
    pub label: Option<String>,
    pub gas: Option<bool>,
    pub hazard: Option<String>,
    pub hazard_kind: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrade {
    pub code: Option<String>,
    pub name: Option<String>,
    pub morning: Option<u32>,
    pub afternoon: Option<u32>,
    pub all_day: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Option<String>,
    pub text: Option<String>,
    pub hint: Option<String>,
    pub communal: Option<bool>,
    pub options: Option<Vec<RawOption>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub label: Option<String>,
    pub hint: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub id: Option<String>,
    pub summary: Option<String>,
    pub priority: Option<String>,
    pub trade: Option<String>,
    pub scope: Option<String>,
    pub resident_responsible: Option<bool>,
    pub advice: Option<String>,
    pub hazard: Option<String>,
    pub hazard_kind: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// The checked setup.

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emergency {
    pub code: String,
    pub label: String,
    pub gas: bool,
    /// The hazard this emergency is, when reported: its class and kind.
    pub hazard: Option<(Hazard, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Period {
    Morning,
    Afternoon,
    AllDay,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Morning, Period::Afternoon, Period::AllDay];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Morning => "morning",
            Period::Afternoon => "afternoon",
            Period::AllDay => "all_day",
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == text)
    }

    /// "8am to 12 noon": what the resident plans around.
    pub fn label(self) -> &'static str {
        match self {
            Period::Morning => "Morning, 8am to 12 noon",
            Period::Afternoon => "Afternoon, 12 noon to 5pm",
            Period::AllDay => "All day, 8am to 5pm",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trade {
    pub code: String,
    pub name: String,
    /// Visits a day, by period.
    pub capacity: [u32; 3],
}

impl Trade {
    pub fn capacity(&self, period: Period) -> u32 {
        self.capacity[period as usize]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub hint: Option<String>,
    /// Asked about a shared area of the block: the area is chosen first.
    pub communal: bool,
    pub options: Vec<AnswerOption>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub label: String,
    pub hint: Option<String>,
    pub next: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Home,
    Structure,
    Communal,
}

impl Scope {
    fn parse(text: &str) -> Option<Scope> {
        match text {
            "home" => Some(Scope::Home),
            "structure" => Some(Scope::Structure),
            "communal" => Some(Scope::Communal),
            _ => None,
        }
    }
}

/// How serious a hazard is, in Awaab's Law's terms (ordered: an emergency is the more serious).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Hazard {
    Significant,
    Emergency,
}

impl Hazard {
    pub fn as_str(self) -> &'static str {
        match self {
            Hazard::Significant => "significant",
            Hazard::Emergency => "emergency",
        }
    }

    pub fn parse(text: &str) -> Option<Hazard> {
        match text {
            "significant" => Some(Hazard::Significant),
            "emergency" => Some(Hazard::Emergency),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub id: String,
    pub summary: String,
    pub priority: String,
    pub trade: String,
    pub scope: Scope,
    pub resident_responsible: bool,
    pub advice: Option<String>,
    /// The hazard this problem is: its class and its kind ("damp_and_mould", "electrical").
    pub hazard: Option<(Hazard, String)>,
}

/// The hazard a report is: the more serious of the emergency answered first and the problem
/// found, with the problem's kind where it has one (it says more about what is wrong).
pub fn reported_hazard(
    emergency: Option<&Emergency>,
    outcome: &Outcome,
) -> Option<(Hazard, String)> {
    let from_emergency = emergency.and_then(|e| e.hazard.clone());
    match (from_emergency, outcome.hazard.clone()) {
        (Some((ec, ek)), Some((oc, ok))) => Some((ec.max(oc), if ok.is_empty() { ek } else { ok })),
        (one, None) | (None, one) => one,
    }
}

/// Reads a configured hazard: `hazard` is "emergency", "significant" or "none" (said outright,
/// so that nothing that may be a hazard is left off the clock by omission); a hazard needs its
/// `hazard_kind`.
fn configured_hazard(
    hazard: Option<&str>,
    kind: Option<&str>,
    must_say: bool,
    field: &str,
    errors: &mut Vec<ProfileError>,
) -> Option<(Hazard, String)> {
    let class = match hazard {
        None => {
            if must_say {
                errors.push(problem(
                    &format!("{field}.hazard"),
                    "must be said for an emergency: emergency, significant or none",
                ));
            }
            return None;
        }
        Some("none") => return None,
        Some(h) => match Hazard::parse(h) {
            Some(class) => class,
            None => {
                errors.push(problem(
                    &format!("{field}.hazard"),
                    "must be emergency, significant or none",
                ));
                return None;
            }
        },
    };
    let kind = kind.map(str::trim).unwrap_or_default();
    if kind.is_empty() {
        errors.push(problem(
            &format!("{field}.hazard_kind"),
            "is needed for a hazard, for example \"damp_and_mould\" or \"electrical\"",
        ));
    }
    Some((class, kind.to_owned()))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairSetup {
    pub start: String,
    pub emergencies: Vec<Emergency>,
    pub trades: Vec<Trade>,
    pub questions: BTreeMap<String, Question>,
    pub outcomes: BTreeMap<String, Outcome>,
}

fn text(value: &Option<String>, field: &str, errors: &mut Vec<ProfileError>) -> String {
    super::profile::required(value, field, errors)
}

impl RawRepairSetup {
    /// Checks the whole tree against the profile's priorities and returns every problem.
    pub fn validate(self, priorities: &[RepairPriority]) -> Result<RepairSetup, Vec<ProfileError>> {
        let mut errors = Vec::new();
        let start = text(&self.start, "start", &mut errors);

        let mut emergencies = Vec::new();
        let mut codes = BTreeSet::new();
        for (i, e) in self.emergencies.unwrap_or_default().iter().enumerate() {
            let field = format!("emergencies[{i}]");
            let code = text(&e.code, &format!("{field}.code"), &mut errors);
            if !codes.insert(code.clone()) {
                errors.push(problem(&format!("{field}.code"), "is used twice"));
            }
            let gas = e.gas.unwrap_or(false);
            let hazard = configured_hazard(
                e.hazard.as_deref(),
                e.hazard_kind.as_deref(),
                !gas,
                &field,
                &mut errors,
            );
            emergencies.push(Emergency {
                code,
                label: text(&e.label, &format!("{field}.label"), &mut errors),
                gas,
                hazard,
            });
        }
        if !emergencies.iter().any(|e| e.gas) {
            errors.push(problem(
                "emergencies",
                "must include the gas emergency (gas = true)",
            ));
        }

        let mut trades = Vec::new();
        for (i, t) in self.trades.unwrap_or_default().iter().enumerate() {
            let field = format!("trades[{i}]");
            let code = text(&t.code, &format!("{field}.code"), &mut errors);
            if trades.iter().any(|x: &Trade| x.code == code) {
                errors.push(problem(&format!("{field}.code"), "is used twice"));
            }
            trades.push(Trade {
                code,
                name: text(&t.name, &format!("{field}.name"), &mut errors),
                capacity: [
                    t.morning.unwrap_or(0),
                    t.afternoon.unwrap_or(0),
                    t.all_day.unwrap_or(0),
                ],
            });
        }
        if trades.is_empty() {
            errors.push(problem("trades", "must list at least one trade"));
        }

        let mut questions = BTreeMap::new();
        for (i, q) in self.questions.unwrap_or_default().into_iter().enumerate() {
            let field = format!("questions[{i}]");
            let id = text(&q.id, &format!("{field}.id"), &mut errors);
            let options: Vec<AnswerOption> = q
                .options
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(j, o)| AnswerOption {
                    label: text(
                        &o.label,
                        &format!("{field}.options[{j}].label"),
                        &mut errors,
                    ),
                    hint: o.hint.clone(),
                    next: text(&o.next, &format!("{field}.options[{j}].next"), &mut errors),
                })
                .collect();
            if options.is_empty() {
                errors.push(problem(
                    &format!("{field}.options"),
                    "must offer at least one answer",
                ));
            }
            let question = Question {
                text: text(&q.text, &format!("{field}.text"), &mut errors),
                hint: q.hint,
                communal: q.communal.unwrap_or(false),
                options,
                id: id.clone(),
            };
            if questions.insert(id, question).is_some() {
                errors.push(problem(&format!("{field}.id"), "is used twice"));
            }
        }

        let mut outcomes = BTreeMap::new();
        for (i, o) in self.outcomes.unwrap_or_default().into_iter().enumerate() {
            let field = format!("outcomes[{i}]");
            let id = text(&o.id, &format!("{field}.id"), &mut errors);
            let priority = text(&o.priority, &format!("{field}.priority"), &mut errors);
            if !priority.is_empty() && !priorities.iter().any(|p| p.code == priority) {
                errors.push(problem(
                    &format!("{field}.priority"),
                    &format!("\"{priority}\" is not a repair priority of the profile"),
                ));
            }
            let trade = text(&o.trade, &format!("{field}.trade"), &mut errors);
            if !trade.is_empty() && !trades.iter().any(|t| t.code == trade) {
                errors.push(problem(
                    &format!("{field}.trade"),
                    &format!("\"{trade}\" is not one of the trades"),
                ));
            }
            let scope_text = text(&o.scope, &format!("{field}.scope"), &mut errors);
            let scope = Scope::parse(&scope_text).unwrap_or(Scope::Home);
            if !scope_text.is_empty() && Scope::parse(&scope_text).is_none() {
                errors.push(problem(
                    &format!("{field}.scope"),
                    "must be home, structure or communal",
                ));
            }
            let emergency = priorities.iter().any(|p| p.code == priority && p.emergency);
            let hazard = configured_hazard(
                o.hazard.as_deref(),
                o.hazard_kind.as_deref(),
                emergency,
                &field,
                &mut errors,
            );
            let resident_responsible = o.resident_responsible.unwrap_or(false);
            if resident_responsible && o.advice.is_none() {
                errors.push(problem(
                    &format!("{field}.advice"),
                    "is needed when the resident is responsible: tell them what to do",
                ));
            }
            let outcome = Outcome {
                id: id.clone(),
                summary: text(&o.summary, &format!("{field}.summary"), &mut errors),
                priority,
                trade,
                scope,
                resident_responsible,
                advice: o.advice,
                hazard,
            };
            if questions.contains_key(&id) {
                errors.push(problem(&format!("{field}.id"), "is also a question's id"));
            }
            if outcomes.insert(id, outcome).is_some() {
                errors.push(problem(&format!("{field}.id"), "is used twice"));
            }
        }

        // Every answer leads somewhere, and following answers never comes back round.
        for (id, q) in &questions {
            for (j, o) in q.options.iter().enumerate() {
                if !o.next.is_empty()
                    && !questions.contains_key(&o.next)
                    && !outcomes.contains_key(&o.next)
                {
                    errors.push(problem(
                        &format!("question {id}.options[{j}].next"),
                        &format!("\"{}\" is neither a question nor an outcome", o.next),
                    ));
                }
            }
        }
        if !start.is_empty() && !questions.contains_key(&start) {
            errors.push(problem("start", &format!("\"{start}\" is not a question")));
        }
        if let Some(cycle) = find_cycle(&questions) {
            errors.push(problem(
                &format!("question {cycle}"),
                "can be reached again by following its own answers",
            ));
        }
        // Nothing is written that cannot be reached.
        let mut reached = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(id) = stack.pop() {
            if !reached.insert(id.clone()) {
                continue;
            }
            if let Some(q) = questions.get(&id) {
                stack.extend(q.options.iter().map(|o| o.next.clone()));
            }
        }
        if errors.is_empty() {
            for id in questions.keys().chain(outcomes.keys()) {
                if !reached.contains(id) {
                    errors.push(problem(id, "cannot be reached from the start"));
                }
            }
        }

        if errors.is_empty() {
            Ok(RepairSetup {
                start,
                emergencies,
                trades,
                questions,
                outcomes,
            })
        } else {
            Err(errors)
        }
    }
}

fn find_cycle(questions: &BTreeMap<String, Question>) -> Option<String> {
    // Depth-first search with three colours.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    fn visit(
        id: &str,
        questions: &BTreeMap<String, Question>,
        marks: &mut BTreeMap<String, Mark>,
    ) -> Option<String> {
        match marks.get(id) {
            Some(Mark::Visiting) => return Some(id.to_owned()),
            Some(Mark::Done) => return None,
            None => {}
        }
        let q = questions.get(id)?;
        marks.insert(id.to_owned(), Mark::Visiting);
        for o in &q.options {
            if let Some(found) = visit(&o.next, questions, marks) {
                return Some(found);
            }
        }
        marks.insert(id.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    questions
        .keys()
        .find_map(|id| visit(id, questions, &mut marks))
}

/// Where a list of answers (option numbers, from the start) has got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Ask(&'a Question),
    Done(&'a Outcome),
}

/// An answer that is not one of the question's options (a tampered or stale form).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownAnswer {
    pub at: usize,
}

impl RepairSetup {
    pub fn trade(&self, code: &str) -> Option<&Trade> {
        self.trades.iter().find(|t| t.code == code)
    }

    pub fn emergency(&self, code: &str) -> Option<&Emergency> {
        self.emergencies.iter().find(|e| e.code == code)
    }

    /// Follows `answers` from the start. An answer given after an outcome is reached, or one
    /// that is not an option, is refused.
    pub fn walk(&self, answers: &[usize]) -> Result<Step<'_>, UnknownAnswer> {
        let mut id = self.start.as_str();
        for (at, &choice) in answers.iter().enumerate() {
            let question = self.questions.get(id).ok_or(UnknownAnswer { at })?;
            let option = question.options.get(choice).ok_or(UnknownAnswer { at })?;
            id = &option.next;
        }
        if let Some(q) = self.questions.get(id) {
            Ok(Step::Ask(q))
        } else if let Some(o) = self.outcomes.get(id) {
            Ok(Step::Done(o))
        } else {
            Err(UnknownAnswer { at: answers.len() })
        }
    }

    /// The question and answer text of each answer given, for the check page and the job.
    pub fn transcript(&self, answers: &[usize]) -> Vec<(String, String)> {
        let mut id = self.start.as_str();
        let mut lines = Vec::new();
        for &choice in answers {
            let Some(question) = self.questions.get(id) else {
                break;
            };
            let Some(option) = question.options.get(choice) else {
                break;
            };
            lines.push((question.text.clone(), option.label.clone()));
            id = &option.next;
        }
        lines
    }

    /// The first list of answers that leads to `outcome` (for demo data and tests).
    pub fn path_to(&self, outcome: &str) -> Option<Vec<usize>> {
        fn search(setup: &RepairSetup, at: &str, goal: &str, path: &mut Vec<usize>) -> bool {
            if at == goal {
                return true;
            }
            let Some(q) = setup.questions.get(at) else {
                return false;
            };
            for (i, o) in q.options.iter().enumerate() {
                path.push(i);
                if search(setup, &o.next, goal, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        let mut path = Vec::new();
        search(self, &self.start, outcome, &mut path).then_some(path)
    }

    /// Whether the answers so far passed through a communal question.
    pub fn is_communal(&self, answers: &[usize]) -> bool {
        (0..=answers.len())
            .any(|n| matches!(self.walk(&answers[..n]), Ok(Step::Ask(q)) if q.communal))
    }
}

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
    Hazard(super::hazards::HazardClock),
}

impl From<super::hazards::HazardClock> for ClockKind {
    fn from(clock: super::hazards::HazardClock) -> ClockKind {
        ClockKind::Hazard(clock)
    }
}

impl From<super::hazards::HazardClock> for super::clocks::ClockKind {
    fn from(clock: super::hazards::HazardClock) -> super::clocks::ClockKind {
        super::clocks::ClockKind::Repair(ClockKind::Hazard(clock))
    }
}

impl ClockKind {
    /// The clocks that completing the job meets: the target, and any make-safe, safety-work or
    /// further-work clock (the work was done by then at the latest). An investigation or a
    /// written summary is met only when it is recorded.
    pub const MET_BY_COMPLETION: [ClockKind; 5] = [
        ClockKind::Target,
        ClockKind::Hazard(super::hazards::HazardClock::MakeSafe),
        ClockKind::Hazard(super::hazards::HazardClock::SafetyWork),
        ClockKind::Hazard(super::hazards::HazardClock::FurtherBegin),
        ClockKind::Hazard(super::hazards::HazardClock::FurtherOnSite),
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
            _ => super::hazards::HazardClock::parse(text).map(ClockKind::Hazard),
        }
    }

    /// What the deadline is for, as the resident and the colleague read it.
    pub fn label(self, law: Option<&super::standards::HazardLaw>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::timescale::Timescale;

    const SETUP: &str = include_str!("../../../config/repairs.toml");

    fn priorities() -> Vec<RepairPriority> {
        ["emergency", "urgent", "routine"]
            .iter()
            .map(|code| RepairPriority {
                code: (*code).to_owned(),
                name: (*code).to_owned(),
                target: Timescale::parse("5 working days").expect("timescale"),
                emergency: *code == "emergency",
                residents_may_book: *code != "emergency",
            })
            .collect()
    }

    fn setup() -> RepairSetup {
        let raw: RawRepairSetup = toml::from_str(SETUP).expect("parses");
        raw.validate(&priorities())
            .expect("the shipped tree is valid")
    }

    fn with(edit: impl Fn(&str) -> String) -> Vec<String> {
        let raw: RawRepairSetup = toml::from_str(&edit(SETUP)).expect("parses");
        match raw.validate(&priorities()) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    fn path_to(setup: &RepairSetup, outcome: &str) -> Vec<usize> {
        setup.path_to(outcome).expect("reachable")
    }

    fn outcome_of(setup: &RepairSetup, answers: &[usize]) -> Outcome {
        match setup.walk(answers).expect("valid answers") {
            Step::Done(o) => o.clone(),
            Step::Ask(q) => panic!("still asking {}", q.id),
        }
    }

    #[test]
    fn an_emergency_must_say_whether_it_is_a_hazard_and_of_what_kind() {
        // Leaving it out is refused: nothing is left off the 24-hour clock by omission.
        let errors = with(|t| {
            t.replacen(
                "hazard = \"emergency\"\nhazard_kind = \"excess_cold\"\n",
                "",
                1,
            )
        });
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("emergencies[1].hazard"), "{errors:?}");
        // So is an emergency outcome without one.
        let errors = with(|t| {
            t.replacen(
                "hazard = \"emergency\"\nhazard_kind = \"damp_and_mould\"\n",
                "",
                1,
            )
        });
        assert!(errors.iter().any(|e| e.contains(".hazard")), "{errors:?}");
        // "none" says it outright; a hazard without a kind is refused.
        assert!(with(|t| t.replacen(
            "hazard = \"emergency\"\nhazard_kind = \"excess_cold\"",
            "hazard = \"none\"",
            1
        ))
        .is_empty());
        let errors = with(|t| t.replacen("hazard_kind = \"excess_cold\"\n", "", 1));
        assert!(
            errors[0].starts_with("emergencies[1].hazard_kind"),
            "{errors:?}"
        );
        // Every emergency but gas is an emergency hazard in the shipped file.
        let setup = setup();
        for e in setup.emergencies.iter().filter(|e| !e.gas) {
            assert_eq!(
                e.hazard.as_ref().map(|h| h.0),
                Some(Hazard::Emergency),
                "{}",
                e.code
            );
        }
    }

    #[test]
    fn the_shipped_tree_has_no_dead_ends_and_every_leaf_an_outcome() {
        let setup = setup();
        // Every path from the start ends in an outcome within a few questions.
        fn every_path(setup: &RepairSetup, answers: &mut Vec<usize>, leaves: &mut usize) {
            assert!(answers.len() < 10, "a path this long is a loop");
            match setup.walk(answers).expect("valid") {
                Step::Done(_) => *leaves += 1,
                Step::Ask(q) => {
                    for i in 0..q.options.len() {
                        answers.push(i);
                        every_path(setup, answers, leaves);
                        answers.pop();
                    }
                }
            }
        }
        let mut leaves = 0;
        every_path(&setup, &mut Vec::new(), &mut leaves);
        assert!(leaves >= setup.outcomes.len());
        assert!(setup.emergencies.iter().any(|e| e.gas));
    }

    #[test]
    fn a_tenant_reporting_a_dripping_tap_gets_a_routine_plumber() {
        let setup = setup();
        let tap = outcome_of(&setup, &path_to(&setup, "tap_drip"));
        assert_eq!(
            (tap.priority.as_str(), tap.trade.as_str()),
            ("routine", "plumber")
        );
        assert_eq!(who_fixes(&tap, Tenure::GeneralNeeds), WhoFixes::Landlord);
        // Kitchen, tap or sink, drips: three questions, three answers.
        assert_eq!(
            setup.transcript(&path_to(&setup, "tap_drip")),
            vec![
                ("Where is the problem?".to_owned(), "Kitchen".to_owned()),
                (
                    "What in the kitchen has a problem?".to_owned(),
                    "Tap or sink".to_owned()
                ),
                (
                    "What is wrong with the tap or sink?".to_owned(),
                    "It drips or will not turn off fully".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_tenant_is_told_what_is_their_own_job_with_advice() {
        let setup = setup();
        let bulb = outcome_of(&setup, &path_to(&setup, "bulb"));
        match who_fixes(&bulb, Tenure::AffordableRent) {
            WhoFixes::Tenant { advice } => assert!(advice.contains("yours to change")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_shared_owner_reports_structure_and_shared_areas_only() {
        let setup = setup();
        for tenure in [Tenure::SharedOwnership, Tenure::Leasehold] {
            let tap = outcome_of(&setup, &path_to(&setup, "tap_drip"));
            assert_eq!(who_fixes(&tap, tenure), WhoFixes::Owner);
            let roof = outcome_of(&setup, &path_to(&setup, "roof"));
            assert_eq!(who_fixes(&roof, tenure), WhoFixes::Landlord);
            let lift = outcome_of(&setup, &path_to(&setup, "lift"));
            assert_eq!(who_fixes(&lift, tenure), WhoFixes::Landlord);
            // The owner's own bulb is theirs too, whatever a tenant would be told.
            let bulb = outcome_of(&setup, &path_to(&setup, "bulb"));
            assert_eq!(who_fixes(&bulb, tenure), WhoFixes::Owner);
        }
    }

    #[test]
    fn damp_questions_end_in_a_hazard_and_awaab_clocks_only_for_renters() {
        let setup = setup();
        // Walls, damp or mould, larger area, a bedroom, someone vulnerable, ill now.
        let walls = setup.questions["where"]
            .options
            .iter()
            .position(|o| o.next == "walls")
            .expect("walls");
        let emergency = outcome_of(&setup, &[walls, 0, 1, 0, 0, 0]);
        let damp = "damp_and_mould".to_owned();
        assert_eq!(emergency.hazard, Some((Hazard::Emergency, damp.clone())));
        assert_eq!(emergency.priority, "emergency");
        let significant = outcome_of(&setup, &[walls, 0, 2, 5, 1, 1]);
        assert_eq!(
            significant.hazard,
            Some((Hazard::Significant, damp.clone()))
        );
        // Answering "water on electrics" first makes even a significant problem an emergency
        // hazard; the problem's own kind is kept.
        let wet = setup.emergency("water_on_electrics").expect("configured");
        assert_eq!(
            reported_hazard(Some(wet), &significant),
            Some((Hazard::Emergency, damp.clone()))
        );
        let tap = outcome_of(&setup, &path_to(&setup, "tap_drip"));
        assert_eq!(
            reported_hazard(Some(wet), &tap),
            Some((Hazard::Emergency, "electrical".to_owned()))
        );
        assert_eq!(reported_hazard(None, &tap), None);
        // Damp is structural: a shared owner still reports it, without the clocks.
        assert_eq!(
            who_fixes(&significant, Tenure::SharedOwnership),
            WhoFixes::Landlord
        );
    }

    #[test]
    fn communal_questions_are_marked_and_unknown_answers_refused() {
        let setup = setup();
        let lift = path_to(&setup, "lift");
        assert!(setup.is_communal(&lift));
        assert!(!setup.is_communal(&path_to(&setup, "tap_drip")));
        assert_eq!(setup.walk(&[99]), Err(UnknownAnswer { at: 0 }));
        let mut past_the_end = path_to(&setup, "tap_drip");
        past_the_end.push(0);
        assert!(setup.walk(&past_the_end).is_err());
    }

    #[test]
    fn a_broken_tree_is_refused_with_every_problem_named() {
        let dangling = with(|t| t.replace("next = \"tap_drip\"", "next = \"nowhere\""));
        assert!(
            dangling
                .iter()
                .any(|e| e.contains("\"nowhere\" is neither a question nor an outcome")),
            "{dangling:?}"
        );
        let looped = with(|t| t.replace("next = \"toilet_only\"", "next = \"bathroom\""));
        assert!(
            looped.iter().any(|e| e.contains("reached again")),
            "{looped:?}"
        );
        let unknown_priority =
            with(|t| t.replacen("priority = \"routine\"", "priority = \"whenever\"", 1));
        assert!(
            unknown_priority
                .iter()
                .any(|e| e.contains("\"whenever\" is not a repair priority")),
            "{unknown_priority:?}"
        );
        let unknown_trade = with(|t| t.replacen("trade = \"plumber\"", "trade = \"wizard\"", 1));
        assert!(unknown_trade
            .iter()
            .any(|e| e.contains("\"wizard\" is not one of the trades")));
        let no_gas = with(|t| t.replace("gas = true", "gas = false"));
        assert!(no_gas.iter().any(|e| e.contains("gas emergency")));
        let orphan = with(|t| {
            format!("{t}\n[[outcomes]]\nid = \"orphan\"\nsummary = \"x\"\npriority = \"routine\"\ntrade = \"general\"\nscope = \"home\"\n")
        });
        assert!(
            orphan
                .iter()
                .any(|e| e.contains("orphan: cannot be reached")),
            "{orphan:?}"
        );
        let no_advice = with(|t| {
            t.lines()
                .filter(|l| !l.starts_with("advice = \"Light bulbs"))
                .collect::<Vec<_>>()
                .join("\n")
        });
        assert!(
            no_advice
                .iter()
                .any(|e| e.contains("is needed when the resident is responsible")),
            "{no_advice:?}"
        );
    }

    #[test]
    fn visits_are_offered_on_working_days_up_to_the_target() {
        let friday = NaiveDate::from_ymd_opt(2026, 12, 18).expect("date");
        let target = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
        let holiday = |d: NaiveDate| !(d.month() == 12 && (d.day() == 25 || d.day() == 28));
        let days = visit_days(friday, target, holiday, 20);
        let shown: Vec<u32> = days.iter().map(|d| d.day()).collect();
        assert_eq!(shown, vec![21, 22, 23, 24, 29, 30, 31]);
        assert_eq!(visit_days(friday, target, holiday, 3).len(), 3);
        assert!(visit_days(friday, friday, holiday, 5).is_empty());
    }

    #[test]
    fn a_visit_outcome_moves_the_job_on() {
        assert_eq!(VisitOutcome::Completed.status_after(), Status::Completed);
        assert_eq!(
            VisitOutcome::PartsOrdered.status_after(),
            Status::AwaitingParts
        );
        assert_eq!(VisitOutcome::NoAccess.status_after(), Status::Reported);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for p in Period::ALL {
            assert_eq!(Period::parse(p.as_str()), Some(p));
        }
    }
}

/// How a resident stands to a repair, strongest first. Each gives different rights: the
/// reporter and the household it is for manage its visits and say whether it is fixed; a
/// follower of a communal repair (anyone in the block, with one click) is told of its progress
/// and may see it, not change someone else's appointment or learn who reported it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RepairRelation {
    Reporter,
    Household,
    Follower,
}

impl RepairRelation {
    /// The reporter, or someone living in the home it is for.
    pub fn is_party(self) -> bool {
        matches!(self, RepairRelation::Reporter | RepairRelation::Household)
    }
}

/// When an operative expects to arrive: two times of day, the first before the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArrivalWindow {
    pub from: chrono::NaiveTime,
    pub until: chrono::NaiveTime,
}

/// Why an arrival window was refused, in a colleague's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowProblem {
    Missing,
    NotATime,
    Backwards,
}

impl WindowProblem {
    pub fn message(self) -> &'static str {
        match self {
            WindowProblem::Missing => {
                "Give the earliest and latest time the operative expects to arrive"
            }
            WindowProblem::NotATime => "Give each time like 10:30am, 2pm or 14:00",
            WindowProblem::Backwards => "The latest time must be after the earliest",
        }
    }
}

impl ArrivalWindow {
    /// The window from two boxes as a colleague types them ("10:30am", "2pm", "14:00", "9.15").
    pub fn parse(from: &str, until: &str) -> Result<ArrivalWindow, WindowProblem> {
        if from.trim().is_empty() || until.trim().is_empty() {
            return Err(WindowProblem::Missing);
        }
        let from = time_of_day(from).ok_or(WindowProblem::NotATime)?;
        let until = time_of_day(until).ok_or(WindowProblem::NotATime)?;
        if until <= from {
            return Err(WindowProblem::Backwards);
        }
        Ok(ArrivalWindow { from, until })
    }

    /// "between 10:30am and 11am".
    pub fn words(self) -> String {
        format!(
            "between {} and {}",
            time_words(self.from),
            time_words(self.until)
        )
    }
}

/// A time of day as people type it: "10:30am", "10.30 am", "2pm", "12 noon", "14:00", "9".
fn time_of_day(text: &str) -> Option<chrono::NaiveTime> {
    let t = text.trim().to_lowercase().replace(' ', "");
    if t == "noon" || t == "12noon" || t == "midday" {
        return chrono::NaiveTime::from_hms_opt(12, 0, 0);
    }
    let (digits, half) = match (t.strip_suffix("am"), t.strip_suffix("pm")) {
        (Some(d), _) => (d, Some(false)),
        (_, Some(d)) => (d, Some(true)),
        _ => (t.as_str(), None),
    };
    let (hour, minute) = match digits.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        Some(_) => return None,
        None => (digits.parse::<u32>().ok()?, 0),
    };
    let hour = match half {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => hour,
    };
    chrono::NaiveTime::from_hms_opt(hour, minute, 0)
}

/// "10:30am", "11am", "12 noon", "2pm".
fn time_words(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    let (hour, minute) = (t.hour(), t.minute());
    if hour == 12 && minute == 0 {
        return "12 noon".to_owned();
    }
    let suffix = if hour < 12 { "am" } else { "pm" };
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    if minute == 0 {
        format!("{twelve}{suffix}")
    } else {
        format!("{twelve}:{minute:02}{suffix}")
    }
}

#[cfg(test)]
mod arrival_tests {
    use super::*;

    #[test]
    fn an_arrival_window_is_two_times_in_order_said_plainly() {
        let w = ArrivalWindow::parse("10:30am", "11am").expect("a window");
        assert_eq!(w.words(), "between 10:30am and 11am");
        assert_eq!(
            ArrivalWindow::parse("9.15", "14:00").map(|w| w.words()),
            Ok("between 9:15am and 2pm".to_owned())
        );
        assert_eq!(
            ArrivalWindow::parse("11:30 am", "12 noon").map(|w| w.words()),
            Ok("between 11:30am and 12 noon".to_owned())
        );
        assert_eq!(
            ArrivalWindow::parse("", "11am"),
            Err(WindowProblem::Missing)
        );
        assert_eq!(
            ArrivalWindow::parse("10:30am to 11am", "11am"),
            Err(WindowProblem::NotATime)
        );
        assert_eq!(
            ArrivalWindow::parse("13pm", "2pm"),
            Err(WindowProblem::NotATime)
        );
        assert_eq!(
            ArrivalWindow::parse("11am", "10:30am"),
            Err(WindowProblem::Backwards)
        );
        assert_eq!(
            ArrivalWindow::parse("2pm", "2pm"),
            Err(WindowProblem::Backwards)
        );
    }
}
