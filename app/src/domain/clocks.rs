//! Which clock a row of the clock store is: whose (a repair, a case, a request to see
//! information) and of what kind. The kind says the subject, so a store command given a kind
//! cannot write a repair's clock against a case.

use super::cases::ClockKind as CaseClock;
use super::repairs::ClockKind as RepairClock;
use serde::{Deserialize, Serialize};

/// Whose clocks these are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Repair,
    Case,
    SubjectAccess,
}

impl Subject {
    /// The value kept in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Repair => "repair",
            Subject::Case => "case",
            Subject::SubjectAccess => "subject_access",
        }
    }
}

/// One clock of one subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClockKind {
    Repair(RepairClock),
    Case(CaseClock),
    /// The month (or the landlord's earlier promise) to answer a request to see information.
    SubjectAccess,
}

impl ClockKind {
    pub fn subject(self) -> Subject {
        match self {
            ClockKind::Repair(_) => Subject::Repair,
            ClockKind::Case(_) => Subject::Case,
            ClockKind::SubjectAccess => Subject::SubjectAccess,
        }
    }

    /// The kind's name kept in the store, unique within its subject.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::Repair(kind) => kind.as_str(),
            ClockKind::Case(kind) => kind.as_str(),
            ClockKind::SubjectAccess => "respond",
        }
    }

    /// The hazard clock this is, if it is one.
    pub fn hazard(self) -> Option<super::hazards::HazardClock> {
        match self {
            ClockKind::Repair(RepairClock::Hazard(clock)) => Some(clock),
            _ => None,
        }
    }

    /// The kind a stored name means for `subject`; `None` for a name this release does not know.
    pub fn parse(subject: Subject, text: &str) -> Option<ClockKind> {
        match subject {
            Subject::Repair => RepairClock::parse(text).map(ClockKind::Repair),
            Subject::Case => CaseClock::parse(text).map(ClockKind::Case),
            Subject::SubjectAccess => (text == "respond").then_some(ClockKind::SubjectAccess),
        }
    }
}

impl From<RepairClock> for ClockKind {
    fn from(kind: RepairClock) -> ClockKind {
        ClockKind::Repair(kind)
    }
}

impl From<CaseClock> for ClockKind {
    fn from(kind: CaseClock) -> ClockKind {
        ClockKind::Case(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hazards::HazardClock;

    #[test]
    fn every_kind_reads_back_from_its_stored_name_under_its_own_subject_only() {
        let mut kinds: Vec<ClockKind> = vec![RepairClock::Target.into(), ClockKind::SubjectAccess];
        kinds.extend(HazardClock::ALL.map(|h| ClockKind::Repair(RepairClock::Hazard(h))));
        kinds.extend(CaseClock::ALL.iter().map(|c| ClockKind::Case(*c)));
        for kind in kinds {
            assert_eq!(ClockKind::parse(kind.subject(), kind.as_str()), Some(kind));
            for other in [Subject::Repair, Subject::Case, Subject::SubjectAccess] {
                if other != kind.subject() {
                    assert_eq!(ClockKind::parse(other, kind.as_str()), None, "{kind:?}");
                }
            }
        }
    }

    #[test]
    fn completing_a_job_meets_its_target_and_work_clocks_but_not_an_investigation() {
        use RepairClock::*;
        assert!(RepairClock::MET_BY_COMPLETION.contains(&Target));
        assert!(RepairClock::MET_BY_COMPLETION.contains(&Hazard(HazardClock::MakeSafe)));
        assert!(!RepairClock::MET_BY_COMPLETION.contains(&Hazard(HazardClock::Investigate)));
        assert!(!RepairClock::MET_BY_COMPLETION.contains(&Hazard(HazardClock::Summary)));
    }
}
