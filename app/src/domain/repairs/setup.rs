//! The checked repairs configuration: emergencies, trades, questions, outcomes and hazards.

use super::*;

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
    /// A slot as a form posts it, "2026-12-09_morning": the day and the period.
    pub fn parse_slot(text: &str) -> Option<(chrono::NaiveDate, Period)> {
        let (day, period) = text.split_once('_')?;
        Some((day.parse().ok()?, Period::parse(period)?))
    }

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
    pub(super) fn parse(text: &str) -> Option<Scope> {
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
pub(super) fn configured_hazard(
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
