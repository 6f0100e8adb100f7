//! Hazard clocks: which statutory deadlines a reported hazard starts, and which the end of the
//! investigation starts, under the law of the landlord's nation (Awaab's Law in England, the
//! 2026 damp and mould regulations in Scotland). Which repairs are hazards, of what class and
//! kind, is configuration (`config/repairs.toml`); the timescales are the profile's.

use super::housing::Tenure;
use super::repairs::Hazard;
use super::standards::HazardLaw;
use super::timescale::Timescale;
use serde::{Deserialize, Serialize};

/// One statutory hazard deadline of a repair. Stored as `repair_clocks.kind` under the names the
/// first release gave them ("awaab_..."), whatever the law: a stored name, not the law's (the
/// profile says which law applies), kept so that a release can be rolled back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HazardClock {
    /// An emergency hazard investigated and made safe (Awaab's Law: 24 hours).
    MakeSafe,
    /// A significant hazard (or, in Scotland, damp and mould) investigated.
    Investigate,
    /// The written summary of the findings given to the tenant.
    Summary,
    /// Safety work begun (in Scotland: repairs commenced).
    SafetyWork,
    /// Supplementary preventative work begun (Awaab's Law).
    FurtherBegin,
    /// Supplementary preventative work physically started on site (Awaab's Law).
    FurtherOnSite,
}

impl HazardClock {
    pub const ALL: [HazardClock; 6] = [
        HazardClock::MakeSafe,
        HazardClock::Investigate,
        HazardClock::Summary,
        HazardClock::SafetyWork,
        HazardClock::FurtherBegin,
        HazardClock::FurtherOnSite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HazardClock::MakeSafe => "awaab_make_safe",
            HazardClock::Investigate => "awaab_investigate",
            HazardClock::Summary => "awaab_summary",
            HazardClock::SafetyWork => "awaab_safety_work",
            HazardClock::FurtherBegin => "awaab_further_begin",
            HazardClock::FurtherOnSite => "awaab_further_on_site",
        }
    }

    pub fn parse(text: &str) -> Option<HazardClock> {
        HazardClock::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// What the deadline is for, as the resident and the colleague read it.
    pub fn label(self, law: Option<&HazardLaw>) -> String {
        let scotland = matches!(law, Some(HazardLaw::Scotland(_)));
        let what = match self {
            HazardClock::MakeSafe => "Hazard investigated and made safe",
            HazardClock::Investigate => "Hazard investigated",
            HazardClock::Summary => "Written summary of what we found sent to you",
            HazardClock::SafetyWork if scotland => "Repairs started",
            HazardClock::SafetyWork => "Safety work started",
            HazardClock::FurtherBegin => "Further work to stop it coming back begun",
            HazardClock::FurtherOnSite => "Further work started on site",
        };
        match (self, law) {
            (HazardClock::MakeSafe | HazardClock::Investigate, Some(law)) => {
                format!("{what} ({})", capitalised(law.name()))
            }
            _ => what.to_owned(),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Whether the hazard law covers this home: rented homes only (shared owners and leaseholders
/// are not tenants under either law).
pub fn law_covers(law: Option<&HazardLaw>, tenure: Tenure) -> bool {
    law.is_some() && tenure.is_renter()
}

/// The clocks a reported hazard starts, from when the landlord became aware. `kind` is the
/// configured hazard kind ("damp_and_mould", "electrical", ...).
pub fn on_report(law: &HazardLaw, class: Hazard, kind: &str) -> Vec<(HazardClock, Timescale)> {
    match law {
        HazardLaw::AwaabsLaw(a) => match class {
            Hazard::Emergency => vec![(HazardClock::MakeSafe, a.emergency_make_safe)],
            Hazard::Significant => vec![(HazardClock::Investigate, a.significant_investigate)],
        },
        // The Scottish duties are for the kinds they name (damp and mould), however serious.
        HazardLaw::Scotland(s) if s.kinds.iter().any(|k| k == kind) => {
            vec![(HazardClock::Investigate, s.investigate)]
        }
        HazardLaw::Scotland(_) => Vec::new(),
    }
}

/// What an investigation found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Findings {
    /// Work is needed to make the home safe (Scotland: "relevant safety work").
    pub safety_work: bool,
    /// Supplementary preventative work is needed to stop the hazard coming back.
    pub further_work: bool,
}

/// What a colleague may record an investigation found: (form value, words, findings). Under
/// Scotland's regulations only the first two apply (they have no further-work duty).
pub const FINDINGS: [(&str, &str, Findings); 4] = [
    (
        "none",
        "No work needed to make the home safe",
        Findings {
            safety_work: false,
            further_work: false,
        },
    ),
    (
        "safety",
        "Work needed to make the home safe",
        Findings {
            safety_work: true,
            further_work: false,
        },
    ),
    (
        "safety_further",
        "Work needed to make the home safe, and further work to stop it coming back",
        Findings {
            safety_work: true,
            further_work: true,
        },
    ),
    (
        "further",
        "Only further work to stop it coming back",
        Findings {
            safety_work: false,
            further_work: true,
        },
    ),
];

/// The clocks the end of an investigation starts: the written summary always; safety work when
/// the investigation found it is needed; under Awaab's Law, supplementary preventative work
/// (begun, then physically started) when that is needed.
pub fn after_investigation(law: &HazardLaw, findings: Findings) -> Vec<(HazardClock, Timescale)> {
    let mut clocks = Vec::new();
    match law {
        HazardLaw::AwaabsLaw(a) => {
            clocks.push((HazardClock::Summary, a.significant_written_summary));
            if findings.safety_work {
                clocks.push((HazardClock::SafetyWork, a.significant_safety_work));
            }
            if findings.further_work {
                clocks.push((HazardClock::FurtherBegin, a.significant_further_work_begin));
                clocks.push((
                    HazardClock::FurtherOnSite,
                    a.significant_further_work_start_on_site,
                ));
            }
        }
        HazardLaw::Scotland(s) => {
            clocks.push((HazardClock::Summary, s.written_summary));
            if findings.safety_work {
                clocks.push((HazardClock::SafetyWork, s.start_repairs));
            }
        }
    }
    clocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::WorkingDayCalendar;
    use crate::domain::deadline::Schedule;
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

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<chrono::Utc> {
        from_local(
            NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|d| d.and_hms_opt(h, min, 0))
                .expect("date"),
        )
    }

    fn due(
        p: &PolicyProfile,
        nation: Nation,
        from: chrono::DateTime<chrono::Utc>,
        t: Timescale,
    ) -> NaiveDate {
        let calendar = WorkingDayCalendar::new(nation);
        let schedule = Schedule {
            calendar: &calendar,
            hours: &p.office_hours,
        };
        to_local(schedule.deadline(from, t)).date()
    }

    #[test]
    fn every_emergency_hazard_starts_the_24_hour_clock_in_england() {
        let p = profile(include_str!("../../../config/profiles/northfield.toml"));
        let law = p.hazards.law.as_ref().expect("England has Awaab's Law");
        for kind in ["electrical", "flooding", "excess_cold", "damp_and_mould"] {
            let clocks = on_report(law, Hazard::Emergency, kind);
            assert_eq!(clocks.len(), 1, "{kind}");
            assert_eq!(clocks[0].0, HazardClock::MakeSafe);
            assert_eq!(clocks[0].1.to_string(), "24 hours");
        }
        let significant = on_report(law, Hazard::Significant, "damp_and_mould");
        assert_eq!(significant[0].0, HazardClock::Investigate);
    }

    #[test]
    fn scotland_clocks_damp_and_mould_only_and_investigates_within_10_working_days() {
        let p = profile(include_str!("../../../config/profiles/glenbrae.toml"));
        let law = p
            .hazards
            .law
            .as_ref()
            .expect("Glenbrae carries the Scottish regulations");
        assert!(law.scotland().is_some());
        assert!(on_report(law, Hazard::Emergency, "electrical").is_empty());
        // Damp and mould, however serious, is investigated within 10 working days.
        for class in [Hazard::Emergency, Hazard::Significant] {
            let clocks = on_report(law, class, "damp_and_mould");
            assert_eq!(
                clocks,
                vec![(
                    HazardClock::Investigate,
                    Timescale::parse("10 working days").expect("t")
                )]
            );
        }
        // Reported on Friday 27 November 2026 at 19:00: day 0 is that Friday; St Andrew's Day
        // (Monday 30 November) is not a working day in Scotland; working days 1 to 9 are
        // Tuesday 1 to Friday 11 December, and the tenth is Monday 14 December.
        let reported = at(2026, 11, 27, 19, 0);
        assert_eq!(
            due(&p, Nation::Scotland, reported, clocks_of(law)[0].1),
            NaiveDate::from_ymd_opt(2026, 12, 14).expect("date")
        );
        // Investigation ends Monday 7 December: summary by Thursday 10th, repairs started by
        // Monday 14th.
        let ended = at(2026, 12, 7, 11, 0);
        let after = after_investigation(
            law,
            Findings {
                safety_work: true,
                further_work: true,
            },
        );
        assert_eq!(
            after.iter().map(|c| c.0).collect::<Vec<_>>(),
            [HazardClock::Summary, HazardClock::SafetyWork]
        );
        assert_eq!(
            due(&p, Nation::Scotland, ended, after[0].1),
            NaiveDate::from_ymd_opt(2026, 12, 10).expect("date")
        );
        assert_eq!(
            due(&p, Nation::Scotland, ended, after[1].1),
            NaiveDate::from_ymd_opt(2026, 12, 14).expect("date")
        );
        assert_eq!(HazardClock::SafetyWork.label(Some(law)), "Repairs started");
        assert_eq!(
            HazardClock::Investigate.label(Some(law)),
            "Hazard investigated (The Scottish damp and mould regulations)"
        );
    }

    fn clocks_of(law: &HazardLaw) -> Vec<(HazardClock, Timescale)> {
        on_report(law, Hazard::Significant, "damp_and_mould")
    }

    #[test]
    fn supplementary_preventative_work_has_its_two_clocks_only_when_needed() {
        let p = profile(include_str!("../../../config/profiles/northfield.toml"));
        let law = p.hazards.law.as_ref().expect("law");
        let none = after_investigation(law, Findings::default());
        assert_eq!(
            none.iter().map(|c| c.0).collect::<Vec<_>>(),
            [HazardClock::Summary]
        );
        let all = after_investigation(
            law,
            Findings {
                safety_work: true,
                further_work: true,
            },
        );
        assert_eq!(
            all.iter().map(|c| c.0).collect::<Vec<_>>(),
            [
                HazardClock::Summary,
                HazardClock::SafetyWork,
                HazardClock::FurtherBegin,
                HazardClock::FurtherOnSite
            ]
        );
        // Investigation ended Friday 22 May 2026 at 19:00: further work begun within 5 working
        // days is Monday 1 June (Monday 25 May is the spring bank holiday, so Tuesday 26 is
        // the first); physically started within 12 weeks is Friday 14 August.
        let ended = at(2026, 5, 22, 19, 0);
        assert_eq!(
            due(&p, Nation::England, ended, all[2].1),
            NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")
        );
        assert_eq!(
            due(&p, Nation::England, ended, all[3].1),
            NaiveDate::from_ymd_opt(2026, 8, 14).expect("date")
        );
    }

    #[test]
    fn only_renters_are_covered() {
        let p = profile(include_str!("../../../config/profiles/northfield.toml"));
        assert!(law_covers(p.hazards.law.as_ref(), Tenure::GeneralNeeds));
        assert!(!law_covers(p.hazards.law.as_ref(), Tenure::SharedOwnership));
        assert!(!law_covers(None, Tenure::GeneralNeeds));
    }

    #[test]
    fn stored_kinds_read_back() {
        for c in HazardClock::ALL {
            assert_eq!(HazardClock::parse(c.as_str()), Some(c));
        }
        assert_eq!(HazardClock::parse("target"), None);
    }
}
