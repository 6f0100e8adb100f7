//! Performance measures computed from the records: the regulators' measures (England's Tenant
//! Satisfaction Measure RP02; Scotland's Charter indicators on complaints, repairs and damp
//! and mould), the portal's own repairs satisfaction survey, and the figures the public "How
//! we are doing" page publishes against each standard. Pure: the store hands over one fact per
//! repair, complaint stage or request, and these functions count them.

use super::deadline::Schedule;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Figures from fewer cases than this are not published: a share of two or three complaints
/// can point at the people who made them.
pub const SMALLEST_PUBLISHED: i64 = 5;

/// How many of how many met a standard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub met: i64,
    pub of: i64,
}

impl Share {
    pub fn count(&mut self, met: bool) {
        self.of += 1;
        if met {
            self.met += 1;
        }
    }

    pub fn percent(self) -> Option<f64> {
        (self.of > 0).then(|| self.met as f64 * 100.0 / self.of as f64)
    }

    /// "87.5%" to one decimal place, or a dash when there is nothing to count.
    pub fn percent_text(self) -> String {
        self.percent()
            .map_or_else(|| "-".to_owned(), |p| format!("{p:.1}%"))
    }

    /// What the public page shows: the share and its counts, or a plain sentence when there
    /// were none or too few to publish.
    pub fn published(self) -> String {
        match self.of {
            0 => "None in this period".to_owned(),
            n if n < SMALLEST_PUBLISHED => {
                format!("Fewer than {SMALLEST_PUBLISHED}: not shown, to protect privacy")
            }
            _ => format!("{} ({} of {})", self.percent_text(), self.met, self.of),
        }
    }

    pub fn publishable(self) -> bool {
        self.of >= SMALLEST_PUBLISHED
    }
}

/// A period: from its first moment, up to (not including) its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Period {
    pub fn holds(self, at: DateTime<Utc>) -> bool {
        at >= self.from && at < self.to
    }

    /// From the start of `first` to the end of `last` (UK days).
    pub fn days(first: NaiveDate, last: NaiveDate) -> Period {
        let start =
            |d: NaiveDate| super::london::from_local(d.and_hms_opt(0, 0, 0).unwrap_or_default());
        Period {
            from: start(first),
            to: start(last.succ_opt().unwrap_or(last)),
        }
    }
}

/// The reporting years the regulators use run from 1 April to 31 March, in quarters from April.
/// The last complete quarter and the last complete year before `today`, as (first day, last
/// day).
pub fn last_complete_quarter_and_year(
    today: NaiveDate,
) -> ((NaiveDate, NaiveDate), (NaiveDate, NaiveDate)) {
    let first_of_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    // Quarters start in January, April, July and October.
    let quarter_month = ((today.month() - 1) / 3) * 3 + 1;
    let this_quarter =
        NaiveDate::from_ymd_opt(today.year(), quarter_month, 1).unwrap_or(first_of_month);
    let last_quarter_start = this_quarter
        .checked_sub_months(Months::new(3))
        .unwrap_or(this_quarter);
    let last_quarter_end = this_quarter.pred_opt().unwrap_or(this_quarter);
    let year_end_year = if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    };
    let year_start = NaiveDate::from_ymd_opt(year_end_year - 1, 4, 1).unwrap_or(today);
    let year_end = NaiveDate::from_ymd_opt(year_end_year, 3, 31).unwrap_or(today);
    (
        (last_quarter_start, last_quarter_end),
        (year_start, year_end),
    )
}

/// "1 July to 30 September 2026", "1 April 2025 to 31 March 2026".
pub fn period_words(first: NaiveDate, last: NaiveDate) -> String {
    if first.year() == last.year() {
        format!("{} to {}", first.format("%-d %B"), last.format("%-d %B %Y"))
    } else {
        format!(
            "{} to {}",
            first.format("%-d %B %Y"),
            last.format("%-d %B %Y")
        )
    }
}

/// A report's period from its form (dates as YYYY-MM-DD, `to` inclusive), or the last twelve
/// whole months before `today`; problems are added to `errors`.
pub fn report_period(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
    errors: &mut super::validation::FieldErrors,
) -> (NaiveDate, NaiveDate) {
    let first_of_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let default_to = first_of_month.pred_opt().unwrap_or(today);
    let default_from = first_of_month
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(today);
    let parse = |v: Option<&str>, field: &str, errors: &mut super::validation::FieldErrors| match v
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => None,
        Some(v) => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.add(field, "Enter a date like 2026-04-01");
                None
            }
        },
    };
    let from = parse(from, "from", errors).unwrap_or(default_from);
    let to = parse(to, "to", errors).unwrap_or(default_to);
    if to < from {
        errors.add("to", "The end of the period must be on or after its start");
        return (default_from, default_to);
    }
    (from, to)
}

// ---------------------------------------------------------------------------------------------
// Repairs.

/// One repair, as the measures need it.
#[derive(Clone, Debug, PartialEq)]
pub struct RepairFact {
    pub priority: String,
    /// Its priority is an emergency priority of the profile.
    pub emergency: bool,
    /// In a rented home (general needs or affordable rent) or a communal area: the homes RP02
    /// covers ("low-cost rental accommodation", homes and communal areas).
    pub rented_or_communal: bool,
    pub received_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub cancelled: bool,
    /// The deadline of its priority's target (as last set).
    pub target_due: DateTime<Utc>,
    /// Reported again as not fixed (a recall names it).
    pub recalled: bool,
    /// Damp and mould (its hazard kind).
    pub damp_and_mould: bool,
    /// This job reopens a damp and mould job that was reported as not fixed.
    pub reopens_damp_and_mould: bool,
    /// The resident's rating of the finished job, 1 to 5.
    pub rating: Option<u8>,
}

impl RepairFact {
    fn completed_in(&self, period: Period) -> Option<DateTime<Utc>> {
        self.completed_at
            .filter(|at| !self.cancelled && period.holds(*at))
    }

    fn on_time(&self) -> bool {
        self.completed_at.is_some_and(|at| at <= self.target_due)
    }
}

/// RP02: of the responsive repairs completed in the period in rented homes and communal areas,
/// the share completed within the landlord's own target; (emergency, non-emergency).
pub fn rp02(facts: &[RepairFact], period: Period) -> (Share, Share) {
    let mut emergency = Share::default();
    let mut other = Share::default();
    for f in facts.iter().filter(|f| f.rented_or_communal) {
        if f.completed_in(period).is_some() {
            let share = if f.emergency {
                &mut emergency
            } else {
                &mut other
            };
            share.count(f.on_time());
        }
    }
    (emergency, other)
}

/// Repairs completed in the period within their target, by priority code (all homes), in the
/// order of `priorities`.
pub fn completed_on_time_by_priority(
    facts: &[RepairFact],
    period: Period,
    priorities: &[String],
) -> Vec<(String, Share)> {
    priorities
        .iter()
        .map(|code| {
            let mut share = Share::default();
            for f in facts.iter().filter(|f| &f.priority == code) {
                if f.completed_in(period).is_some() {
                    share.count(f.on_time());
                }
            }
            (code.clone(), share)
        })
        .collect()
}

/// The portal's own survey: of the repairs completed in the period that their resident rated,
/// how many were rated 4 or 5 ("satisfied" or "very satisfied").
pub fn repairs_satisfaction(facts: &[RepairFact], period: Period) -> Share {
    let mut share = Share::default();
    for f in facts {
        if let (Some(_), Some(rating)) = (f.completed_in(period), f.rating) {
            share.count(rating >= 4);
        }
    }
    share
}

/// An average and how many it is of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Average {
    pub total: f64,
    pub of: i64,
}

impl Average {
    pub fn add(&mut self, value: f64) {
        self.total += value;
        self.of += 1;
    }

    pub fn value(self) -> Option<f64> {
        (self.of > 0).then(|| self.total / self.of as f64)
    }

    pub fn text(self, unit: &str) -> String {
        self.value()
            .map_or_else(|| "-".to_owned(), |v| format!("{v:.1} {unit}"))
    }
}

/// The Scottish Social Housing Charter's repairs and damp and mould indicators for a period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CharterRepairs {
    /// Indicator 8: average hours to complete emergency repairs (from report to completion).
    pub emergency_hours: Average,
    /// Indicator 9: average working days to complete non-emergency repairs.
    pub non_emergency_working_days: Average,
    /// Indicator 10: repairs completed right first time (by their target, and not reported
    /// again as not fixed), of the repairs completed.
    pub right_first_time: Share,
    /// Damp and mould: average working days from report to resolution (completion).
    pub damp_working_days_to_resolve: Average,
    /// Damp and mould: cases reopened in the period (reported again as not fixed).
    pub damp_reopened: i64,
    /// Damp and mould: cases open at the end of the period.
    pub damp_open_at_end: i64,
}

pub fn charter_repairs(
    facts: &[RepairFact],
    period: Period,
    schedule: &Schedule,
) -> CharterRepairs {
    let mut c = CharterRepairs::default();
    for f in facts {
        if let Some(done) = f.completed_in(period) {
            if f.emergency {
                c.emergency_hours
                    .add((done - f.received_at).num_minutes() as f64 / 60.0);
            } else {
                c.non_emergency_working_days
                    .add(f64::from(schedule.working_days_left(f.received_at, done)));
            }
            c.right_first_time.count(f.on_time() && !f.recalled);
            if f.damp_and_mould {
                c.damp_working_days_to_resolve
                    .add(f64::from(schedule.working_days_left(f.received_at, done)));
            }
        }
        if f.reopens_damp_and_mould && period.holds(f.received_at) {
            c.damp_reopened += 1;
        }
        let open_at_end = f.received_at < period.to
            && !f.cancelled
            && f.completed_at.is_none_or(|at| at >= period.to);
        if f.damp_and_mould && open_at_end {
            c.damp_open_at_end += 1;
        }
    }
    c
}

// ---------------------------------------------------------------------------------------------
// Complaints and other contacts.

/// One complaint's stages, as the Charter's complaints indicators count them.
#[derive(Clone, Debug, PartialEq)]
pub struct ComplaintFact {
    pub received_at: DateTime<Utc>,
    /// Stage 1 answered in full (the decision sent).
    pub responded_at: Option<DateTime<Utc>>,
    /// Taken to stage 2.
    pub escalated_at: Option<DateTime<Utc>>,
    pub final_response_at: Option<DateTime<Utc>>,
    /// Ended without a response (declined, withdrawn), and when.
    pub ended_unanswered_at: Option<DateTime<Utc>>,
}

/// One stage of the Charter's complaints indicators.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CharterStage {
    /// Received in the period, and carried forward (received earlier, still unanswered when
    /// it began).
    pub received: i64,
    pub carried_forward: i64,
    /// Indicator 3: responded to in full in the period, of those received and carried forward.
    pub responded: Share,
    /// Indicator 4: average working days from receipt to the full response.
    pub working_days: Average,
}

/// Indicators 3 and 4 for stage 1 and stage 2.
pub fn charter_complaints(
    facts: &[ComplaintFact],
    period: Period,
    schedule: &Schedule,
) -> [CharterStage; 2] {
    let mut stages = [CharterStage::default(); 2];
    for f in facts {
        let stage_dates = [
            (Some(f.received_at), f.responded_at),
            (f.escalated_at, f.final_response_at),
        ];
        for (stage, (start, answered)) in stages.iter_mut().zip(stage_dates) {
            let Some(start) = start else { continue };
            let unanswered_at = |at: DateTime<Utc>| {
                answered.is_none_or(|a| a >= at) && f.ended_unanswered_at.is_none_or(|e| e >= at)
            };
            let counted = if period.holds(start) {
                stage.received += 1;
                true
            } else if start < period.from && unanswered_at(period.from) {
                stage.carried_forward += 1;
                true
            } else {
                false
            };
            if !counted {
                continue;
            }
            let in_full = answered.filter(|a| period.holds(*a));
            stage.responded.count(in_full.is_some());
            if let Some(a) = in_full {
                stage
                    .working_days
                    .add(f64::from(schedule.working_days_left(start, a)));
            }
        }
    }
    stages
}

/// A deadline that was met or missed in the period: `met_at` when it was done, `due_at` the
/// deadline in force (with any extension the rules permit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Done {
    pub met_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// Of the things done in the period, how many by their deadline.
pub fn in_time(done: &[Done], period: Period) -> Share {
    let mut share = Share::default();
    for d in done.iter().filter(|d| period.holds(d.met_at)) {
        share.count(d.met_at <= d.due_at);
    }
    share
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::WorkingDayCalendar;
    use crate::domain::housing::Nation;
    use crate::domain::london::from_local;
    use crate::domain::profile::OfficeHours;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        from_local(
            NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|d| d.and_hms_opt(h, 0, 0))
                .expect("date"),
        )
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn fact(
        priority: &str,
        received: DateTime<Utc>,
        completed: Option<DateTime<Utc>>,
        due: DateTime<Utc>,
    ) -> RepairFact {
        RepairFact {
            priority: priority.to_owned(),
            emergency: priority == "emergency",
            rented_or_communal: true,
            received_at: received,
            completed_at: completed,
            cancelled: false,
            target_due: due,
            recalled: false,
            damp_and_mould: false,
            reopens_damp_and_mould: false,
            rating: None,
        }
    }

    #[test]
    fn the_last_complete_quarter_and_reporting_year() {
        let (q, y) = last_complete_quarter_and_year(day(2026, 12, 5));
        assert_eq!(q, (day(2026, 7, 1), day(2026, 9, 30)));
        assert_eq!(y, (day(2025, 4, 1), day(2026, 3, 31)));
        let (q, y) = last_complete_quarter_and_year(day(2027, 2, 10));
        assert_eq!(q, (day(2026, 10, 1), day(2026, 12, 31)));
        assert_eq!(y, (day(2025, 4, 1), day(2026, 3, 31)));
        let (q, y) = last_complete_quarter_and_year(day(2026, 4, 1));
        assert_eq!(q, (day(2026, 1, 1), day(2026, 3, 31)));
        assert_eq!(y, (day(2025, 4, 1), day(2026, 3, 31)));
        assert_eq!(
            period_words(day(2026, 7, 1), day(2026, 9, 30)),
            "1 July to 30 September 2026"
        );
    }

    #[test]
    fn a_report_period_defaults_to_the_last_twelve_whole_months_and_says_what_is_wrong() {
        use crate::domain::validation::FieldErrors;
        let today = day(2026, 12, 5);
        let mut errors = FieldErrors::default();
        assert_eq!(
            report_period(None, None, today, &mut errors),
            (day(2025, 12, 1), day(2026, 11, 30))
        );
        assert_eq!(
            report_period(Some("2025-04-01"), Some(" 2026-03-31 "), today, &mut errors),
            (day(2025, 4, 1), day(2026, 3, 31))
        );
        assert!(errors.is_empty());
        report_period(Some("1 April"), None, today, &mut errors);
        assert_eq!(
            errors.for_field("from"),
            Some("Enter a date like 2026-04-01")
        );
        let mut errors = FieldErrors::default();
        assert_eq!(
            report_period(Some("2026-03-31"), Some("2025-04-01"), today, &mut errors),
            (day(2025, 12, 1), day(2026, 11, 30))
        );
        assert_eq!(
            errors.for_field("to"),
            Some("The end of the period must be on or after its start")
        );
    }

    #[test]
    fn rp02_counts_completions_in_the_year_against_their_own_target() {
        let year = Period::days(day(2025, 4, 1), day(2026, 3, 31));
        let facts = vec![
            // Emergency, done in 3 hours of a 24-hour target: in time.
            fact(
                "emergency",
                at(2025, 6, 2, 9),
                Some(at(2025, 6, 2, 12)),
                at(2025, 6, 3, 9),
            ),
            // Emergency, done 2 hours late.
            fact(
                "emergency",
                at(2025, 6, 2, 9),
                Some(at(2025, 6, 3, 11)),
                at(2025, 6, 3, 9),
            ),
            // Routine, exactly at its deadline: in time.
            fact(
                "routine",
                at(2025, 5, 1, 9),
                Some(at(2025, 5, 29, 17)),
                at(2025, 5, 29, 17),
            ),
            // Routine, reported in the year before, completed in this one: counts here.
            fact(
                "routine",
                at(2025, 3, 20, 9),
                Some(at(2025, 4, 2, 9)),
                at(2025, 4, 17, 17),
            ),
            // Completed after the year: not counted.
            fact(
                "urgent",
                at(2026, 3, 30, 9),
                Some(at(2026, 4, 2, 9)),
                at(2026, 4, 3, 17),
            ),
            // Still open: not counted.
            fact("urgent", at(2026, 3, 1, 9), None, at(2026, 3, 6, 17)),
        ];
        let mut shared_owner = fact(
            "routine",
            at(2025, 5, 1, 9),
            Some(at(2025, 9, 1, 9)),
            at(2025, 5, 29, 17),
        );
        shared_owner.rented_or_communal = false;
        let mut cancelled = fact(
            "routine",
            at(2025, 5, 1, 9),
            Some(at(2025, 5, 2, 9)),
            at(2025, 5, 29, 17),
        );
        cancelled.cancelled = true;
        let mut all = facts.clone();
        all.push(shared_owner);
        all.push(cancelled);
        let (emergency, other) = rp02(&all, year);
        assert_eq!(emergency, Share { met: 1, of: 2 });
        assert_eq!(other, Share { met: 2, of: 2 });
        assert_eq!(emergency.percent_text(), "50.0%");
        // By priority (all homes): the shared owner's late routine repair counts here.
        let by = completed_on_time_by_priority(
            &all,
            year,
            &["emergency".into(), "urgent".into(), "routine".into()],
        );
        assert_eq!(by[0].1, Share { met: 1, of: 2 });
        assert_eq!(by[1].1, Share { met: 0, of: 0 });
        assert_eq!(by[2].1, Share { met: 2, of: 3 });
    }

    #[test]
    fn satisfaction_is_the_share_rating_four_or_five() {
        let year = Period::days(day(2025, 4, 1), day(2026, 3, 31));
        let ratings = [5, 4, 3, 1, 5];
        let facts: Vec<RepairFact> = ratings
            .iter()
            .map(|r| {
                let mut f = fact(
                    "routine",
                    at(2025, 5, 1, 9),
                    Some(at(2025, 5, 2, 9)),
                    at(2025, 5, 29, 17),
                );
                f.rating = Some(*r);
                f
            })
            .chain(std::iter::once(fact(
                "routine",
                at(2025, 5, 1, 9),
                Some(at(2025, 5, 2, 9)),
                at(2025, 5, 29, 17),
            )))
            .collect();
        let share = repairs_satisfaction(&facts, year);
        assert_eq!(share, Share { met: 3, of: 5 });
        assert_eq!(share.published(), "60.0% (3 of 5)");
        assert_eq!(
            Share { met: 2, of: 4 }.published(),
            "Fewer than 5: not shown, to protect privacy"
        );
        assert_eq!(Share::default().published(), "None in this period");
    }

    #[test]
    fn charter_repairs_indicators_by_hand() {
        let calendar = WorkingDayCalendar::new(Nation::Scotland);
        let hours = OfficeHours { days: [None; 7] };
        let schedule = Schedule {
            calendar: &calendar,
            hours: &hours,
        };
        let year = Period::days(day(2025, 4, 1), day(2026, 3, 31));
        // Emergencies: 3 hours and 5 hours: 4.0 on average.
        let e1 = fact(
            "emergency",
            at(2025, 6, 2, 9),
            Some(at(2025, 6, 2, 12)),
            at(2025, 6, 2, 13),
        );
        let e2 = fact(
            "emergency",
            at(2025, 6, 3, 9),
            Some(at(2025, 6, 3, 14)),
            at(2025, 6, 3, 13),
        );
        // Non-emergency: reported Friday 28 November 2025, done Friday 5 December: Monday 1
        // December is St Andrew's Day's substitute in Scotland (30 November was a Sunday), so
        // 4 working days; reported Monday 2 June, done Monday 9 June: 5.
        let mut n1 = fact(
            "routine",
            at(2025, 11, 28, 10),
            Some(at(2025, 12, 5, 10)),
            at(2025, 12, 12, 16),
        );
        n1.damp_and_mould = true;
        let mut n2 = fact(
            "urgent",
            at(2025, 6, 2, 10),
            Some(at(2025, 6, 9, 10)),
            at(2025, 6, 5, 16),
        );
        n2.recalled = true;
        // A damp job reopened in the year, still open at its end.
        let mut reopened = fact("routine", at(2026, 1, 5, 10), None, at(2026, 1, 19, 16));
        reopened.damp_and_mould = true;
        reopened.reopens_damp_and_mould = true;
        let c = charter_repairs(&[e1, e2, n1, n2, reopened], year, &schedule);
        assert_eq!(c.emergency_hours.value(), Some(4.0));
        assert_eq!(c.non_emergency_working_days.value(), Some(4.5));
        // Right first time: e1 (on time), n1 (on time); not e2 (late) nor n2 (late and recalled).
        assert_eq!(c.right_first_time, Share { met: 2, of: 4 });
        assert_eq!(c.damp_working_days_to_resolve.value(), Some(4.0));
        assert_eq!(c.damp_reopened, 1);
        assert_eq!(c.damp_open_at_end, 1);
    }

    #[test]
    fn charter_complaints_count_the_carried_forward_and_average_working_days() {
        let calendar = WorkingDayCalendar::new(Nation::Scotland);
        let hours = OfficeHours { days: [None; 7] };
        let schedule = Schedule {
            calendar: &calendar,
            hours: &hours,
        };
        let year = Period::days(day(2025, 4, 1), day(2026, 3, 31));
        let facts = vec![
            // Received Monday 2 June, answered Friday 6 June: 4 working days.
            ComplaintFact {
                received_at: at(2025, 6, 2, 10),
                responded_at: Some(at(2025, 6, 6, 10)),
                escalated_at: Some(at(2025, 6, 10, 10)),
                final_response_at: Some(at(2025, 7, 8, 10)),
                ended_unanswered_at: None,
            },
            // Carried forward from Friday 28 March, answered Thursday 3 April: 4 working days
            // from receipt.
            ComplaintFact {
                received_at: at(2025, 3, 28, 10),
                responded_at: Some(at(2025, 4, 3, 10)),
                escalated_at: None,
                final_response_at: None,
                ended_unanswered_at: None,
            },
            // Received in the year, not answered by its end.
            ComplaintFact {
                received_at: at(2026, 3, 30, 10),
                responded_at: None,
                escalated_at: None,
                final_response_at: None,
                ended_unanswered_at: None,
            },
            // Answered before the year: not carried forward, not counted.
            ComplaintFact {
                received_at: at(2025, 3, 3, 10),
                responded_at: Some(at(2025, 3, 7, 10)),
                escalated_at: None,
                final_response_at: None,
                ended_unanswered_at: None,
            },
        ];
        let [one, two] = charter_complaints(&facts, year, &schedule);
        assert_eq!((one.received, one.carried_forward), (2, 1));
        assert_eq!(one.responded, Share { met: 2, of: 3 });
        assert_eq!(one.working_days.value(), Some(4.0));
        // Stage 2: escalated Tuesday 10 June, final response Tuesday 8 July: 20 working days.
        assert_eq!((two.received, two.carried_forward), (1, 0));
        assert_eq!(two.responded, Share { met: 1, of: 1 });
        assert_eq!(two.working_days.value(), Some(20.0));
    }

    #[test]
    fn in_time_counts_what_was_done_in_the_period() {
        let q = Period::days(day(2026, 7, 1), day(2026, 9, 30));
        let done = [
            Done {
                met_at: at(2026, 7, 2, 9),
                due_at: at(2026, 7, 2, 17),
            },
            Done {
                met_at: at(2026, 7, 3, 9),
                due_at: at(2026, 7, 2, 17),
            },
            Done {
                met_at: at(2026, 10, 1, 9),
                due_at: at(2026, 10, 2, 17),
            },
        ];
        assert_eq!(in_time(&done, q), Share { met: 1, of: 2 });
    }
}
