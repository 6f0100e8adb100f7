//! Requests to see the information held about a resident (subject access requests, UK GDPR),
//! pure. The law gives one calendar month from the day of receipt (whatever the hour, working
//! day or not), to the same date next month (the month's last day if there is none), moved to
//! the next working day if that is not one. Where identity or clarification is needed, the clock
//! stops, and the whole month starts again from the day it arrives (Article 12A, from 5 February
//! 2026). A landlord's own promise ("20 working days") counts only where it is earlier than the
//! legal date. A complex request may be extended, while the legal first deadline has not passed,
//! by up to the profile's extension (at most two months) counted from the legal first deadline.

use super::deadline::{
    state_of_deadline, Clock, ClockError, ClockState, DueSoon, Extension, Schedule,
};
use super::housing::stored_as_text;
use super::standards::SubjectAccess;
use super::timescale::{Timescale, Unit};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The reference prefix: "SA-7K4QXP".
pub const PREFIX: &str = "SA";
/// Why the clock stops while identity is checked (also shown to the resident).
pub const IDENTITY_REASON: &str = "Waiting to confirm who is asking";
/// The law's period: one calendar month (UK GDPR Article 12(3)).
pub const LEGAL_PERIOD: Timescale = Timescale::new(1, Unit::CalendarMonths);

/// The longest note, reason or description of what is wanted.
pub const TEXT_LIMIT: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// The clock is stopped until we know who is asking.
    IdentityCheck,
    /// The clock runs while we gather the information.
    InProgress,
    /// The information has been sent.
    Completed,
    /// Ended without sending: withdrawn by the resident, or refused with a reason.
    Closed,
}

stored_as_text!(Status {
    IdentityCheck => "identity_check", "Waiting to confirm who is asking";
    InProgress => "in_progress", "Gathering your information";
    Completed => "completed", "Information sent";
    Closed => "closed", "Closed";
});

impl Status {
    pub fn is_open(self) -> bool {
        matches!(self, Status::IdentityCheck | Status::InProgress)
    }
}

/// A request as its rules see it: where it stands and its clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub status: Status,
    pub clock: Clock,
}

/// Something a colleague does to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Stop the clock until the requester proves who they are.
    AskForIdentity,
    /// Identity confirmed: the clock runs again from now.
    IdentityConfirmed,
    /// A complex request: a later deadline, with the reason told to the resident.
    Extend { to: DateTime<Utc>, reason: String },
    /// The information has been sent.
    Complete,
    /// Ended without sending, with the reason.
    Close { reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("{0}")]
    NotNow(&'static str),
    #[error("{0}")]
    Clock(#[from] ClockError),
    #[error("Our policy does not allow more time for these requests")]
    NotExtendable,
    #[error("More time can only be taken before the first deadline ({deadline}) passes")]
    TooLateToExtend { deadline: String },
}

impl Request {
    /// A new request received at `received`. Without confirmed identity its clock starts
    /// stopped, so the time limit runs from when identity is confirmed.
    pub fn open(
        received: DateTime<Utc>,
        rule: &SubjectAccess,
        identity_confirmed: bool,
    ) -> Request {
        let mut clock = Clock::start(received, rule.respond);
        let status = if identity_confirmed {
            Status::InProgress
        } else {
            // A fresh clock with a reason always stops.
            let _ = clock.pause(received, IDENTITY_REASON);
            Status::IdentityCheck
        };
        Request { status, clock }
    }

    /// The request after `step` at `at`, or why the step cannot be taken now.
    pub fn apply(
        &self,
        step: &Step,
        at: DateTime<Utc>,
        rule: &SubjectAccess,
        schedule: &Schedule,
    ) -> Result<Request, StepError> {
        let mut next = self.clone();
        match (self.status, step) {
            (Status::InProgress, Step::AskForIdentity) => {
                next.clock.pause(at, IDENTITY_REASON)?;
                next.status = Status::IdentityCheck;
            }
            (Status::IdentityCheck, Step::IdentityConfirmed) => {
                next.clock.resume(at)?;
                next.status = Status::InProgress;
            }
            (Status::InProgress, Step::Extend { to, reason }) => {
                let latest = self
                    .latest_extension(rule, schedule)
                    .ok_or(StepError::NotExtendable)?;
                if self.too_late_to_extend(at, schedule) {
                    return Err(StepError::TooLateToExtend {
                        deadline: super::london::to_local(self.legal_deadline(schedule))
                            .format("%-d %B %Y")
                            .to_string(),
                    });
                }
                if self.clock.completed.is_some() {
                    return Err(ClockError::Finished.into());
                }
                if reason.trim().is_empty() {
                    return Err(ClockError::NoReason.into());
                }
                if *to <= self.deadline(rule, schedule) {
                    return Err(ClockError::NotLater.into());
                }
                if *to > latest {
                    return Err(ClockError::BeyondLimit { latest }.into());
                }
                next.clock.extension = Some(Extension {
                    to: *to,
                    reason: reason.trim().to_owned(),
                });
            }
            (Status::InProgress, Step::Complete) => {
                next.clock.complete(at)?;
                next.status = Status::Completed;
            }
            (Status::IdentityCheck | Status::InProgress, Step::Close { reason }) => {
                if reason.trim().is_empty() {
                    return Err(ClockError::NoReason.into());
                }
                next.clock.complete(at)?;
                next.status = Status::Closed;
            }
            (Status::IdentityCheck, _) => {
                return Err(StepError::NotNow(
                    "Confirm who is asking first: the clock is stopped until then",
                ))
            }
            (Status::InProgress, Step::IdentityConfirmed) => {
                return Err(StepError::NotNow("Their identity is confirmed already"))
            }
            (Status::Completed | Status::Closed, _) => {
                return Err(StepError::NotNow("This request is finished"))
            }
        }
        Ok(next)
    }

    /// When the month runs from: the day of receipt, or, when the clock was stopped for
    /// identity or clarification, the day that arrived (the whole period starts again).
    pub fn period_start(&self) -> DateTime<Utc> {
        self.clock
            .pauses
            .iter()
            .filter_map(|p| p.until)
            .next_back()
            .unwrap_or(self.clock.started)
    }

    /// The latest first deadline the law allows: one calendar month from `period_start`.
    pub fn legal_deadline(&self, schedule: &Schedule) -> DateTime<Utc> {
        schedule.deadline(self.period_start(), LEGAL_PERIOD)
    }

    /// The first deadline: the landlord's promise where it is earlier, otherwise the legal date.
    pub fn first_deadline(&self, rule: &SubjectAccess, schedule: &Schedule) -> DateTime<Utc> {
        let promised = schedule.deadline(self.period_start(), rule.respond);
        promised.min(self.legal_deadline(schedule))
    }

    /// The deadline in force: an extension's date, or the first deadline.
    pub fn deadline(&self, rule: &SubjectAccess, schedule: &Schedule) -> DateTime<Utc> {
        match &self.clock.extension {
            Some(e) => e.to,
            None => self.first_deadline(rule, schedule),
        }
    }

    /// The deadline in force while the clock runs; `None` while it is stopped or finished.
    pub fn due_at(&self, rule: &SubjectAccess, schedule: &Schedule) -> Option<DateTime<Utc>> {
        let running = self.status == Status::InProgress && self.clock.completed.is_none();
        running.then(|| self.deadline(rule, schedule))
    }

    /// Where the request stands at `at`: stopped, met or missed once finished, otherwise against
    /// the deadline in force.
    pub fn state(
        &self,
        at: DateTime<Utc>,
        rule: &SubjectAccess,
        schedule: &Schedule,
        due_soon: DueSoon,
    ) -> ClockState {
        if self.clock.completed.is_none() && self.status == Status::IdentityCheck {
            return ClockState::Paused;
        }
        let deadline = self.deadline(rule, schedule);
        state_of_deadline(
            at,
            self.period_start(),
            deadline,
            self.clock.completed,
            schedule,
            due_soon,
        )
    }

    /// More time can be taken only before the legal first deadline passes (the resident must
    /// be told within the month).
    fn too_late_to_extend(&self, at: DateTime<Utc>, schedule: &Schedule) -> bool {
        at > self.legal_deadline(schedule)
    }

    /// The latest date more time may reach, while it may still be taken at `at`: the clock is
    /// running, the first deadline has not passed and the profile allows an extension.
    pub fn extension_open_until(
        &self,
        at: DateTime<Utc>,
        rule: &SubjectAccess,
        schedule: &Schedule,
    ) -> Option<DateTime<Utc>> {
        (self.status == Status::InProgress && !self.too_late_to_extend(at, schedule))
            .then(|| self.latest_extension(rule, schedule))
            .flatten()
    }

    /// The latest date an extension may reach, when the profile allows one: counted from the
    /// legal first deadline, never from one already moved.
    pub fn latest_extension(
        &self,
        rule: &SubjectAccess,
        schedule: &Schedule,
    ) -> Option<DateTime<Utc>> {
        let limit = rule.extension?;
        Some(schedule.later_by(self.legal_deadline(schedule), limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::WorkingDayCalendar;
    use crate::domain::housing::Nation;
    use crate::domain::london::{from_local, to_local};
    use crate::domain::profile::OfficeHours;
    use crate::domain::timescale::{Timescale, Unit};
    use chrono::{NaiveDate, NaiveTime};

    const DUE_SOON: DueSoon = DueSoon {
        working_days: 2,
        hours: 4,
    };

    fn uk(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        from_local(
            NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|d| d.and_hms_opt(h, mi, 0))
                .expect("valid"),
        )
    }

    fn hours() -> OfficeHours {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("time");
        let day = Some((t(9), t(17)));
        OfficeHours {
            days: [day, day, day, day, day, None, None],
        }
    }

    /// A nation's calendar and office hours, 9 to 5 on weekdays.
    struct Week {
        calendar: WorkingDayCalendar,
        hours: OfficeHours,
    }

    impl Week {
        fn new(nation: Nation) -> Week {
            Week {
                calendar: WorkingDayCalendar::new(nation),
                hours: hours(),
            }
        }

        fn schedule(&self) -> Schedule<'_> {
            Schedule {
                calendar: &self.calendar,
                hours: &self.hours,
            }
        }
    }

    fn month_rule() -> SubjectAccess {
        SubjectAccess {
            respond: Timescale::new(1, Unit::CalendarMonths),
            extension: Some(Timescale::new(2, Unit::CalendarMonths)),
        }
    }

    fn working_day_rule() -> SubjectAccess {
        SubjectAccess {
            respond: Timescale::new(20, Unit::WorkingDays),
            extension: None,
        }
    }

    fn day_of(at: DateTime<Utc>) -> NaiveDate {
        to_local(at).date()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_confirmed_request_is_due_the_same_date_next_month() {
        let week = Week::new(Nation::England);
        let schedule = week.schedule();
        // Tuesday 3 March 2026, in office hours: due Friday 3 April... which is Good Friday,
        // so the next working day, Tuesday 7 April (Easter Monday is a holiday too).
        let rule = month_rule();
        let request = Request::open(uk(2026, 3, 3, 10, 0), &rule, true);
        assert_eq!(request.status, Status::InProgress);
        let due = request.due_at(&rule, &schedule).expect("running");
        assert_eq!(day_of(due), date(2026, 4, 7));
        // 30 January has no 30 February: the month's last day, a Saturday, moves to Monday.
        let request = Request::open(uk(2026, 1, 30, 10, 0), &rule, true);
        assert_eq!(
            day_of(request.due_at(&rule, &schedule).expect("running")),
            date(2026, 3, 2)
        );
    }

    #[test]
    fn the_clock_stops_while_identity_is_checked_and_the_month_starts_again_when_it_arrives() {
        let week = Week::new(Nation::England);
        let schedule = week.schedule();
        let rule = month_rule();
        // Recorded from a letter on Monday 2 November 2026 without proof of identity.
        let request = Request::open(uk(2026, 11, 2, 11, 0), &rule, false);
        assert_eq!(request.status, Status::IdentityCheck);
        assert_eq!(request.due_at(&rule, &schedule), None);
        let at = uk(2026, 11, 4, 12, 0);
        assert_eq!(
            request.state(at, &rule, &schedule, DUE_SOON),
            ClockState::Paused
        );
        // Nothing else can happen until identity is confirmed.
        for step in [Step::Complete, Step::AskForIdentity] {
            assert!(matches!(
                request.apply(&step, at, &rule, &schedule),
                Err(StepError::NotNow(_))
            ));
        }
        // Confirmed on Thursday 5 November: a month from then, Saturday 5 December, moves to
        // Monday 7 December.
        let running = request
            .apply(
                &Step::IdentityConfirmed,
                uk(2026, 11, 5, 9, 30),
                &rule,
                &schedule,
            )
            .expect("confirmed");
        assert_eq!(running.status, Status::InProgress);
        assert_eq!(
            day_of(running.due_at(&rule, &schedule).expect("running")),
            date(2026, 12, 7)
        );
        // Asking again (for clarification) stops it again; the whole month starts again from
        // Friday 13 November, when the answer came: Sunday 13 December, so Monday 14 December.
        let stopped = running
            .apply(
                &Step::AskForIdentity,
                uk(2026, 11, 10, 10, 0),
                &rule,
                &schedule,
            )
            .expect("stopped");
        let again = stopped
            .apply(
                &Step::IdentityConfirmed,
                uk(2026, 11, 13, 10, 0),
                &rule,
                &schedule,
            )
            .expect("confirmed again");
        assert_eq!(
            day_of(again.due_at(&rule, &schedule).expect("running")),
            date(2026, 12, 14)
        );
        assert_eq!(again.clock.pauses.len(), 2);
    }

    #[test]
    fn a_working_day_promise_skips_scottish_holidays_and_restarts_after_a_stop() {
        let week = Week::new(Nation::Scotland);
        let schedule = week.schedule();
        let rule = working_day_rule();
        // Monday 16 November 2026: 20 working days, skipping St Andrew's Day (Monday 30 November).
        let request = Request::open(uk(2026, 11, 16, 10, 0), &rule, true);
        assert_eq!(
            day_of(request.due_at(&rule, &schedule).expect("running")),
            date(2026, 12, 15)
        );
        // Stopped Tuesday 17, running again Thursday 19: 20 working days from the 19th (St
        // Andrew's Day skipped) is Friday 18 December, before the legal Monday 21 December.
        let stopped = request
            .apply(
                &Step::AskForIdentity,
                uk(2026, 11, 17, 10, 0),
                &rule,
                &schedule,
            )
            .expect("stopped");
        let running = stopped
            .apply(
                &Step::IdentityConfirmed,
                uk(2026, 11, 19, 10, 0),
                &rule,
                &schedule,
            )
            .expect("running");
        assert_eq!(
            day_of(running.due_at(&rule, &schedule).expect("running")),
            date(2026, 12, 18)
        );
        // This landlord allows no extension.
        assert_eq!(
            running.apply(
                &Step::Extend {
                    to: uk(2027, 1, 29, 17, 0),
                    reason: "Complex".into()
                },
                uk(2026, 11, 20, 10, 0),
                &rule,
                &schedule,
            ),
            Err(StepError::NotExtendable)
        );
        assert_eq!(running.latest_extension(&rule, &schedule), None);
    }

    #[test]
    fn an_extension_needs_a_reason_comes_before_the_first_deadline_and_stays_within_the_limit() {
        let week = Week::new(Nation::England);
        let schedule = week.schedule();
        let rule = month_rule();
        // Thursday 1 October 2026: due Monday 2 November (1 November is a Sunday); at most two
        // months more, Saturday 2 January 2027, moved to Monday 4 January.
        let request = Request::open(uk(2026, 10, 1, 10, 0), &rule, true);
        let first = request.due_at(&rule, &schedule).expect("running");
        assert_eq!(day_of(first), date(2026, 11, 2));
        let latest = request
            .latest_extension(&rule, &schedule)
            .expect("extension allowed");
        assert_eq!(day_of(latest), date(2027, 1, 4));
        let within = uk(2026, 10, 20, 10, 0);
        let extend = |to, reason: &str| Step::Extend {
            to,
            reason: reason.into(),
        };
        assert_eq!(
            request.apply(&extend(latest, " "), within, &rule, &schedule),
            Err(StepError::Clock(ClockError::NoReason))
        );
        assert!(matches!(
            request.apply(
                &extend(latest + chrono::Duration::days(1), "Many records"),
                within,
                &rule,
                &schedule
            ),
            Err(StepError::Clock(ClockError::BeyondLimit { .. }))
        ));
        assert_eq!(
            request.apply(&extend(first, "Many records"), within, &rule, &schedule),
            Err(StepError::Clock(ClockError::NotLater))
        );
        let extended = request
            .apply(&extend(latest, "Many records"), within, &rule, &schedule)
            .expect("extended");
        assert_eq!(extended.due_at(&rule, &schedule), Some(latest));
        assert_eq!(
            request.extension_open_until(within, &rule, &schedule),
            Some(latest)
        );
        assert_eq!(
            request.extension_open_until(uk(2026, 11, 3, 10, 0), &rule, &schedule),
            None
        );
        // Once the first deadline has passed it is too late to take more time.
        assert!(matches!(
            request.apply(
                &extend(latest, "Many records"),
                uk(2026, 11, 3, 10, 0),
                &rule,
                &schedule
            ),
            Err(StepError::TooLateToExtend { .. })
        ));
    }

    /// The dates in issue 17, each against the law's rule.
    #[test]
    fn the_law_s_month_runs_from_the_day_of_receipt_and_restarts_when_identity_arrives() {
        let england = Week::new(Nation::England);
        let schedule = england.schedule();
        let rule = month_rule();
        // Received on Friday 22 May 2026 at 19:00, after hours: due Monday 22 June.
        let request = Request::open(uk(2026, 5, 22, 19, 0), &rule, true);
        assert_eq!(
            day_of(request.due_at(&rule, &schedule).expect("running")),
            date(2026, 6, 22)
        );
        // Received on Saturday 7 March 2026, identity confirmed on Monday 9 March: the month
        // runs from 9 March, to Thursday 9 April.
        let waiting = Request::open(uk(2026, 3, 7, 11, 0), &rule, false);
        let running = waiting
            .apply(
                &Step::IdentityConfirmed,
                uk(2026, 3, 9, 10, 0),
                &rule,
                &schedule,
            )
            .expect("confirmed");
        assert_eq!(
            day_of(running.due_at(&rule, &schedule).expect("running")),
            date(2026, 4, 9)
        );
    }

    /// For receipt instants every 7 hours 13 minutes from 2025 to 2030, in England and in
    /// Scotland, neither a monthly rule nor a 20-working-day promise is ever due after the
    /// day the law gives (one month from the day of receipt, then the next working day).
    #[test]
    fn no_request_is_ever_due_after_the_law_s_date() {
        for nation in [Nation::England, Nation::Scotland] {
            let week = Week::new(nation);
            let schedule = week.schedule();
            let mut at = uk(2025, 1, 1, 0, 0);
            while at < uk(2031, 1, 1, 0, 0) {
                let law = crate::domain::deadline::tests::independent_due_date(
                    &week.calendar,
                    at,
                    LEGAL_PERIOD,
                );
                for rule in [month_rule(), working_day_rule()] {
                    let request = Request::open(at, &rule, true);
                    let due = day_of(request.due_at(&rule, &schedule).expect("running"));
                    assert!(
                        due <= law,
                        "{nation:?} {} received {}: {due} after {law}",
                        rule.respond,
                        to_local(at)
                    );
                }
                at += chrono::Duration::minutes(7 * 60 + 13);
            }
        }
    }

    #[test]
    fn a_landlord_s_promise_counts_only_where_it_is_earlier_than_the_law() {
        let scotland = Week::new(Nation::Scotland);
        let schedule = scotland.schedule();
        let rule = working_day_rule();
        // Received on Thursday 3 December 2026: 20 working days would be Wednesday 6 January
        // (Christmas, Boxing Day, New Year and 2 January, moved to Monday 4 January); the law's
        // 3 January is a Sunday and 4 January a holiday, so Tuesday 5 January stands.
        let request = Request::open(uk(2026, 12, 3, 10, 0), &rule, true);
        assert_eq!(
            day_of(request.due_at(&rule, &schedule).expect("running")),
            date(2027, 1, 5)
        );
        // In November the promise is the earlier: 20 working days from Monday 2 November 2026
        // is Tuesday 1 December (St Andrew's Day skipped); the law's is Wednesday 2 December.
        let request = Request::open(uk(2026, 11, 2, 10, 0), &rule, true);
        assert_eq!(
            day_of(request.due_at(&rule, &schedule).expect("running")),
            date(2026, 12, 1)
        );
    }

    #[test]
    fn the_extension_counts_from_the_legal_first_deadline() {
        let england = Week::new(Nation::England);
        let schedule = england.schedule();
        let rule = SubjectAccess {
            respond: Timescale::new(20, Unit::WorkingDays),
            extension: Some(Timescale::new(2, Unit::CalendarMonths)),
        };
        // Thursday 1 October 2026: promised Thursday 29 October; the law's Monday 2 November;
        // at most two months after the law's date: Saturday 2 January 2027, so Monday 4 January.
        let request = Request::open(uk(2026, 10, 1, 10, 0), &rule, true);
        assert_eq!(
            day_of(request.due_at(&rule, &schedule).expect("running")),
            date(2026, 10, 29)
        );
        let latest = request.latest_extension(&rule, &schedule).expect("allowed");
        assert_eq!(day_of(latest), date(2027, 1, 4));
        // Moving it once does not move the limit.
        let moved = request
            .apply(
                &Step::Extend {
                    to: uk(2026, 11, 30, 17, 0),
                    reason: "Records in storage".into(),
                },
                uk(2026, 10, 20, 10, 0),
                &rule,
                &schedule,
            )
            .expect("extended");
        assert_eq!(moved.latest_extension(&rule, &schedule), Some(latest));
        // More time may be taken until the law's first deadline, not only the promise's.
        assert!(request
            .extension_open_until(uk(2026, 10, 30, 10, 0), &rule, &schedule)
            .is_some());
    }

    #[test]
    fn completing_or_closing_finishes_the_clock_and_nothing_follows() {
        let week = Week::new(Nation::England);
        let schedule = week.schedule();
        let rule = month_rule();
        let request = Request::open(uk(2026, 10, 1, 10, 0), &rule, true);
        let done = request
            .apply(&Step::Complete, uk(2026, 10, 15, 10, 0), &rule, &schedule)
            .expect("completed");
        assert_eq!(done.status, Status::Completed);
        assert_eq!(done.due_at(&rule, &schedule), None);
        assert_eq!(
            done.state(uk(2026, 12, 1, 10, 0), &rule, &schedule, DUE_SOON),
            ClockState::Met
        );
        assert!(matches!(
            done.apply(
                &Step::AskForIdentity,
                uk(2026, 10, 16, 10, 0),
                &rule,
                &schedule
            ),
            Err(StepError::NotNow(_))
        ));
        // A request waiting for identity can be closed (withdrawn), with a reason only.
        let waiting = Request::open(uk(2026, 10, 1, 10, 0), &rule, false);
        assert_eq!(
            waiting.apply(
                &Step::Close { reason: "".into() },
                uk(2026, 10, 2, 10, 0),
                &rule,
                &schedule
            ),
            Err(StepError::Clock(ClockError::NoReason))
        );
        let closed = waiting
            .apply(
                &Step::Close {
                    reason: "Withdrawn by the resident".into(),
                },
                uk(2026, 10, 2, 10, 0),
                &rule,
                &schedule,
            )
            .expect("closed");
        assert_eq!(closed.status, Status::Closed);
        assert!(!closed.status.is_open());
    }

    #[test]
    fn the_request_and_its_clock_survive_being_stored_as_json() {
        let week = Week::new(Nation::England);
        let schedule = week.schedule();
        let rule = month_rule();
        let request = Request::open(uk(2026, 11, 2, 11, 0), &rule, false)
            .apply(
                &Step::IdentityConfirmed,
                uk(2026, 11, 5, 9, 30),
                &rule,
                &schedule,
            )
            .expect("confirmed");
        let stored = serde_json::to_string(&request.clock).expect("json");
        let back: Clock = serde_json::from_str(&stored).expect("read back");
        assert_eq!(back, request.clock);
    }
}
