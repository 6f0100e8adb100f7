//! The managers' daily dashboard: for each team and each published standard, how many deadlines
//! are open, due today, due soon and overdue now, and how many were met or missed over the last
//! 7 and 30 days. Which standard a deadline belongs to comes from what it is a deadline of: a
//! case's kind and clock, a repair's priority (or its hazard clock under the hazard law), a
//! request to see data.

use serde::{Deserialize, Serialize};

/// One figure of a dashboard line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Figure {
    /// Deadlines still running (not met, not stopped) on open work.
    Open,
    /// Running deadlines that fall later today.
    DueToday,
    /// Running deadlines after today, within the profile's "due soon" working days.
    DueSoon,
    /// Running deadlines already passed.
    Overdue,
    /// Met on time in the last 7 days (by when they were met).
    Met7,
    /// Deadlines of the last 7 days not met by them (met late, or never met while open).
    Missed7,
    Met30,
    Missed30,
}

impl Figure {
    pub const ALL: [Figure; 8] = [
        Figure::Open,
        Figure::DueToday,
        Figure::DueSoon,
        Figure::Overdue,
        Figure::Met7,
        Figure::Missed7,
        Figure::Met30,
        Figure::Missed30,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Figure::Open => "open",
            Figure::DueToday => "due_today",
            Figure::DueSoon => "due_soon",
            Figure::Overdue => "overdue",
            Figure::Met7 => "met_7",
            Figure::Missed7 => "missed_7",
            Figure::Met30 => "met_30",
            Figure::Missed30 => "missed_30",
        }
    }

    pub fn parse(text: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Figure::Open => "Open",
            Figure::DueToday => "Due today",
            Figure::DueSoon => "Due soon",
            Figure::Overdue => "Overdue",
            Figure::Met7 => "Met, last 7 days",
            Figure::Missed7 => "Missed, last 7 days",
            Figure::Met30 => "Met, last 30 days",
            Figure::Missed30 => "Missed, last 30 days",
        }
    }
}

/// What a deadline is a deadline of, as a key for links and CSV: "case:complaint:respond_1",
/// "repair:urgent:target", "repair::make_safe" (a hazard clock, whatever the priority),
/// "subject_access::respond".
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StandardKey {
    pub subject: String,
    /// The case's kind or the repair's priority; empty where it does not matter.
    pub of: String,
    pub clock: String,
}

impl StandardKey {
    /// The key of a stored deadline: hazard clocks are one standard across priorities.
    pub fn of_clock(
        subject: &str,
        clock: &str,
        case_kind: Option<&str>,
        priority: Option<&str>,
    ) -> StandardKey {
        let of = match subject {
            "case" => case_kind.unwrap_or_default(),
            "repair" if clock == "target" => priority.unwrap_or_default(),
            _ => "",
        };
        StandardKey {
            subject: subject.to_owned(),
            of: of.to_owned(),
            clock: clock.to_owned(),
        }
    }

    pub fn parse(text: &str) -> Option<StandardKey> {
        let mut parts = text.splitn(3, ':');
        let (subject, of, clock) = (parts.next()?, parts.next()?, parts.next()?);
        if !matches!(subject, "case" | "repair" | "subject_access") || clock.is_empty() {
            return None;
        }
        let ok = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        };
        (ok(of) && ok(clock)).then(|| StandardKey {
            subject: subject.to_owned(),
            of: of.to_owned(),
            clock: clock.to_owned(),
        })
    }
}

impl std::fmt::Display for StandardKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.subject, self.of, self.clock)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_belongs_to_its_standard_and_its_key_reads_back() {
        let k = StandardKey::of_clock("case", "respond_1", Some("complaint"), None);
        assert_eq!(k.to_string(), "case:complaint:respond_1");
        assert_eq!(StandardKey::parse("case:complaint:respond_1"), Some(k));
        let target = StandardKey::of_clock("repair", "target", None, Some("urgent"));
        assert_eq!(target.to_string(), "repair:urgent:target");
        // A hazard clock is one standard whatever the job's priority.
        let hazard = StandardKey::of_clock("repair", "make_safe", None, Some("emergency"));
        assert_eq!(hazard.to_string(), "repair::make_safe");
        assert_eq!(StandardKey::parse("repair::make_safe"), Some(hazard));
        for bad in [
            "",
            "case",
            "case:x",
            "case:x:",
            "lift:x:y",
            "case:a b:c",
            "case:x:'",
        ] {
            assert_eq!(StandardKey::parse(bad), None, "{bad}");
        }
        for f in Figure::ALL {
            assert_eq!(Figure::parse(f.as_str()), Some(f));
        }
    }
}
