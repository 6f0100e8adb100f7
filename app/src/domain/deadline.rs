//! Deadlines and clocks: when something is received, when it is due, and where it stands.
//!
//! Conventions (standards.md, "Counting conventions"): the day a contact arrives is the day of
//! receipt, whatever the hour and whether or not it is a working day, so arriving out of hours
//! or at a weekend never gains the landlord a day; "within N working days" counts the day of
//! receipt as day 0 and ends at the close of the office on the Nth working day after it (from a
//! Saturday, 5 working days end on the Friday); clock hours run from the moment itself, day and
//! night; a deadline measured in calendar days, weeks or months that lands on a non-working day
//! moves to the next working day. Office hours decide when a working day ends, and when a
//! colleague will first see a contact (`received`), never when a clock starts.

use super::calendar::WorkingDayCalendar;
use super::hours::OfficeHours;
use super::london::{from_local, to_local};
use super::timescale::{Timescale, Unit};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// A landlord's working week: its calendar and its office hours.
#[derive(Clone, Copy, Debug)]
pub struct Schedule<'a> {
    pub calendar: &'a WorkingDayCalendar,
    pub hours: &'a OfficeHours,
}

impl Schedule<'_> {
    fn opening(&self, date: NaiveDate) -> Option<(NaiveTime, NaiveTime)> {
        if self.calendar.is_working_day(date) {
            self.hours.on(date.weekday())
        } else {
            None
        }
    }

    /// The end of the office day: that day's closing time, or the latest closing time of the
    /// week when the office does not open that day.
    pub fn close_of(&self, date: NaiveDate) -> DateTime<Utc> {
        let close = self
            .hours
            .on(date.weekday())
            .map(|(_, close)| close)
            .or_else(|| self.hours.days.iter().flatten().map(|(_, c)| *c).max())
            .unwrap_or(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default());
        from_local(date.and_time(close))
    }

    /// When a colleague will first be there to see a contact: the moment itself during office
    /// hours, otherwise the next opening. Not when its clock starts (that is the day itself).
    pub fn received(&self, instant: DateTime<Utc>) -> DateTime<Utc> {
        let local = to_local(instant);
        let mut date = local.date();
        if let Some((open, close)) = self.opening(date) {
            if local.time() < open {
                return from_local(date.and_time(open));
            }
            if local.time() < close {
                return instant;
            }
        }
        // Look ahead at most a year: a profile always opens on some day of the week.
        for _ in 0..366 {
            date += Duration::days(1);
            if let Some((open, _)) = self.opening(date) {
                return from_local(date.and_time(open));
            }
        }
        instant
    }

    /// The day a day-based timescale ends, counted from `day0`, with `extra_days` added (days
    /// the clock was stopped).
    fn date_after(&self, day0: NaiveDate, timescale: Timescale, extra_days: u32) -> NaiveDate {
        let calendar = self.calendar;
        let extra = Duration::days(i64::from(extra_days));
        match timescale.unit {
            // "Within 0 working days" of a Saturday is the next working day.
            Unit::WorkingDays => {
                calendar.on_or_after(calendar.add_working_days(day0, timescale.amount + extra_days))
            }
            Unit::CalendarDays => {
                calendar.on_or_after(day0 + Duration::days(i64::from(timescale.amount)) + extra)
            }
            Unit::Weeks => {
                calendar.on_or_after(day0 + Duration::days(7 * i64::from(timescale.amount)) + extra)
            }
            Unit::CalendarMonths => {
                // The same date N months on, or that month's last day when there is none.
                let later = day0
                    .checked_add_months(Months::new(timescale.amount))
                    .unwrap_or(day0);
                calendar.on_or_after(later + extra)
            }
            Unit::ClockHours => day0,
        }
    }

    fn deadline_with(
        &self,
        start: DateTime<Utc>,
        timescale: Timescale,
        extra_days: u32,
        extra_time: Duration,
    ) -> DateTime<Utc> {
        if timescale.unit == Unit::ClockHours {
            return start + Duration::hours(i64::from(timescale.amount)) + extra_time;
        }
        // The day of receipt is day 0, whatever the hour.
        let day0 = to_local(start).date();
        self.close_of(self.date_after(day0, timescale, extra_days))
    }

    /// A moment `timescale` after `from`, counted from `from`'s own day (no receipt rule): how
    /// far an extension may reach beyond a deadline.
    pub fn later_by(&self, from: DateTime<Utc>, timescale: Timescale) -> DateTime<Utc> {
        if timescale.unit == Unit::ClockHours {
            return from + Duration::hours(i64::from(timescale.amount));
        }
        self.close_of(self.date_after(to_local(from).date(), timescale, 0))
    }

    pub fn deadline(&self, start: DateTime<Utc>, timescale: Timescale) -> DateTime<Utc> {
        self.deadline_with(start, timescale, 0, Duration::zero())
    }

    /// Working days left from `at` until `deadline` (0 on the day itself).
    pub fn working_days_left(&self, at: DateTime<Utc>, deadline: DateTime<Utc>) -> u32 {
        self.calendar
            .working_days_between(to_local(at).date(), to_local(deadline).date())
    }
}

/// A stop of the clock while the landlord waits for the resident (identity, access).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
    pub reason: String,
}

/// A new deadline agreed with a reason and told to the resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub to: DateTime<Utc>,
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockState {
    OnTrack,
    DueSoon,
    Overdue,
    Paused,
    Met,
    Missed,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("Give a reason")]
    NoReason,
    #[error("The clock is already stopped")]
    AlreadyPaused,
    #[error("The clock is not stopped")]
    NotPaused,
    #[error("The clock cannot restart before it stopped")]
    ResumeBeforePause,
    #[error("The clock has already finished")]
    Finished,
    #[error("The new date must be later than the current deadline")]
    NotLater,
    #[error("The new date can be no later than {latest}")]
    BeyondLimit { latest: DateTime<Utc> },
    #[error("This deadline cannot be extended")]
    NotExtendable,
}

/// What must happen when, on one case: acknowledge, respond, update. A case carries several.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub started: DateTime<Utc>,
    pub timescale: Timescale,
    pub pauses: Vec<Pause>,
    pub extension: Option<Extension>,
    pub completed: Option<DateTime<Utc>>,
}

/// How close to the deadline counts as "due soon".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueSoon {
    /// For day-based clocks: this many working days left or fewer.
    pub working_days: u32,
    /// For clock-hour clocks: this many hours left or fewer.
    pub hours: u32,
}

impl Clock {
    pub fn start(at: DateTime<Utc>, timescale: Timescale) -> Clock {
        Clock {
            started: at,
            timescale,
            pauses: Vec::new(),
            extension: None,
            completed: None,
        }
    }

    fn is_paused(&self) -> bool {
        self.pauses.last().is_some_and(|p| p.until.is_none())
    }

    pub fn pause(&mut self, at: DateTime<Utc>, reason: &str) -> Result<(), ClockError> {
        if self.completed.is_some() {
            return Err(ClockError::Finished);
        }
        if reason.trim().is_empty() {
            return Err(ClockError::NoReason);
        }
        if self.is_paused() {
            return Err(ClockError::AlreadyPaused);
        }
        self.pauses.push(Pause {
            from: at,
            until: None,
            reason: reason.trim().to_owned(),
        });
        Ok(())
    }

    pub fn resume(&mut self, at: DateTime<Utc>) -> Result<(), ClockError> {
        let pause = self
            .pauses
            .last_mut()
            .filter(|p| p.until.is_none())
            .ok_or(ClockError::NotPaused)?;
        if at < pause.from {
            return Err(ClockError::ResumeBeforePause);
        }
        pause.until = Some(at);
        Ok(())
    }

    /// The deadline as the standard sets it, moved on by every finished stop of the clock
    /// (working days stopped, for working-day clocks; days, for calendar ones; the exact time,
    /// for clock hours), before any extension.
    pub fn standard_deadline(&self, schedule: &Schedule) -> DateTime<Utc> {
        let mut days = 0;
        let mut time = Duration::zero();
        for pause in &self.pauses {
            let Some(until) = pause.until else { continue };
            time += until - pause.from;
            let (from, to) = (to_local(pause.from).date(), to_local(until).date());
            days += match self.timescale.unit {
                Unit::WorkingDays => schedule.calendar.working_days_between(from, to),
                _ => u32::try_from((to - from).num_days().max(0)).unwrap_or(0),
            };
        }
        schedule.deadline_with(self.started, self.timescale, days, time)
    }

    /// The deadline in force: the extension's date if there is one.
    pub fn deadline(&self, schedule: &Schedule) -> DateTime<Utc> {
        match &self.extension {
            Some(e) => e.to,
            None => self.standard_deadline(schedule),
        }
    }

    /// Extends to `to` with a reason, at most `limit` beyond the standard deadline (`None`: the
    /// regime allows no extension).
    pub fn extend(
        &mut self,
        to: DateTime<Utc>,
        reason: &str,
        limit: Option<Timescale>,
        schedule: &Schedule,
    ) -> Result<(), ClockError> {
        if self.completed.is_some() {
            return Err(ClockError::Finished);
        }
        let limit = limit.ok_or(ClockError::NotExtendable)?;
        if reason.trim().is_empty() {
            return Err(ClockError::NoReason);
        }
        let standard = self.standard_deadline(schedule);
        if to <= self.deadline(schedule) {
            return Err(ClockError::NotLater);
        }
        let latest = schedule.later_by(standard, limit);
        if to > latest {
            return Err(ClockError::BeyondLimit { latest });
        }
        self.extension = Some(Extension {
            to,
            reason: reason.trim().to_owned(),
        });
        Ok(())
    }

    pub fn complete(&mut self, at: DateTime<Utc>) -> Result<(), ClockError> {
        if self.completed.is_some() {
            return Err(ClockError::Finished);
        }
        if self.is_paused() {
            self.resume(at)?;
        }
        self.completed = Some(at);
        Ok(())
    }

    pub fn state(&self, at: DateTime<Utc>, schedule: &Schedule, due_soon: DueSoon) -> ClockState {
        let deadline = self.deadline(schedule);
        if let Some(done) = self.completed {
            return if done <= deadline {
                ClockState::Met
            } else {
                ClockState::Missed
            };
        }
        if self.is_paused() {
            return ClockState::Paused;
        }
        if at > deadline {
            return ClockState::Overdue;
        }
        let soon = match self.timescale.unit {
            Unit::ClockHours => deadline - at <= Duration::hours(i64::from(due_soon.hours)),
            _ => schedule.working_days_left(at, deadline) <= due_soon.working_days,
        };
        if soon {
            ClockState::DueSoon
        } else {
            ClockState::OnTrack
        }
    }
}

/// Where a stored deadline stands: `due` and `met` already worked out (a repair's target, an
/// Awaab's Law clock). Deadlines three days or less after their start are counted in hours
/// for "due soon", longer ones in working days.
pub fn state_of_deadline(
    at: DateTime<Utc>,
    started: DateTime<Utc>,
    due: DateTime<Utc>,
    met: Option<DateTime<Utc>>,
    schedule: &Schedule,
    due_soon: DueSoon,
) -> ClockState {
    if let Some(done) = met {
        return if done <= due {
            ClockState::Met
        } else {
            ClockState::Missed
        };
    }
    if at > due {
        return ClockState::Overdue;
    }
    let soon = if due - started <= Duration::hours(72) {
        due - at <= Duration::hours(i64::from(due_soon.hours))
    } else {
        schedule.working_days_left(at, due) <= due_soon.working_days
    };
    if soon {
        ClockState::DueSoon
    } else {
        ClockState::OnTrack
    }
}

impl ClockState {
    /// In words for residents and staff alike.
    pub fn label(self) -> &'static str {
        match self {
            ClockState::OnTrack => "On track",
            ClockState::DueSoon => "Due soon",
            ClockState::Overdue => "Overdue",
            ClockState::Paused => "Paused",
            ClockState::Met => "Met",
            ClockState::Missed => "Missed",
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::housing::Nation;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    fn hours() -> OfficeHours {
        let day = Some((t(8, 0), t(17, 30)));
        OfficeHours {
            days: [day, day, day, day, day, None, None],
        }
    }

    /// A UK wall-clock time as the instant it is.
    fn uk(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        from_local(
            NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|d| d.and_hms_opt(h, mi, 0))
                .expect("valid"),
        )
    }

    struct Fixture {
        calendar: WorkingDayCalendar,
        hours: OfficeHours,
    }

    impl Fixture {
        fn england() -> Self {
            Fixture {
                calendar: WorkingDayCalendar::new(Nation::England),
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

    const SOON: DueSoon = DueSoon {
        working_days: 2,
        hours: 4,
    };
    const THREE_DAYS: Timescale = Timescale::new(3, Unit::WorkingDays);

    #[test]
    fn a_contact_in_office_hours_counts_from_that_moment() {
        let f = Fixture::england();
        let monday_ten = uk(2025, 3, 3, 10, 0);
        assert_eq!(f.schedule().received(monday_ten), monday_ten);
        // Day 0 is Monday; the third working day after it is Thursday, at close of office.
        assert_eq!(
            f.schedule().deadline(monday_ten, THREE_DAYS),
            uk(2025, 3, 6, 17, 30)
        );
    }

    /// The examples in issue 17 and standards.md: a contact out of hours or at a weekend
    /// counts from its own day.
    #[test]
    fn the_day_of_receipt_is_day_0_whatever_the_hour() {
        let f = Fixture::england();
        let s = f.schedule();
        let five = Timescale::new(5, Unit::WorkingDays);
        let ten = Timescale::new(10, Unit::WorkingDays);
        // A complaint made on Saturday 7 March 2026: acknowledged by Friday 13 March.
        assert_eq!(
            to_local(s.deadline(uk(2026, 3, 7, 11, 0), five)).date(),
            NaiveDate::from_ymd_opt(2026, 3, 13).expect("date")
        );
        // A significant hazard reported on Friday 22 May 2026 at 19:00 (Monday 25 May is the
        // spring bank holiday): investigated within 10 working days, by Monday 8 June.
        assert_eq!(
            to_local(s.deadline(uk(2026, 5, 22, 19, 0), ten)).date(),
            NaiveDate::from_ymd_opt(2026, 6, 8).expect("date")
        );
        // Before opening on a working day counts from that day too.
        assert_eq!(
            s.deadline(uk(2025, 3, 3, 6, 0), THREE_DAYS),
            uk(2025, 3, 6, 17, 30)
        );
        // "Within 0 working days" of a Saturday is the Monday.
        assert_eq!(
            to_local(s.deadline(uk(2026, 3, 7, 11, 0), Timescale::new(0, Unit::WorkingDays)))
                .date(),
            NaiveDate::from_ymd_opt(2026, 3, 9).expect("date")
        );
    }

    /// The rule written again without the engine: from the local date of receipt, count working
    /// days one by one, or add calendar days or months (the month's last day when the date does
    /// not exist), then move to the next working day.
    pub(crate) fn independent_due_date(
        calendar: &WorkingDayCalendar,
        received: DateTime<Utc>,
        timescale: Timescale,
    ) -> NaiveDate {
        let day0 = to_local(received).date();
        let mut day = match timescale.unit {
            Unit::WorkingDays => {
                let mut day = day0;
                let mut counted = 0;
                while counted < timescale.amount {
                    day = day.succ_opt().expect("date");
                    if calendar.is_working_day(day) {
                        counted += 1;
                    }
                }
                day
            }
            Unit::CalendarDays => day0 + Duration::days(i64::from(timescale.amount)),
            Unit::Weeks => day0 + Duration::days(7 * i64::from(timescale.amount)),
            Unit::CalendarMonths => {
                let months = day0.month0() + timescale.amount;
                let (year, month) = (day0.year() + (months / 12) as i32, months % 12 + 1);
                (1..=day0.day())
                    .rev()
                    .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
                    .expect("a day of that month")
            }
            Unit::ClockHours => day0,
        };
        while !calendar.is_working_day(day) {
            day = day.succ_opt().expect("date");
        }
        day
    }

    /// For receipt instants every 5 hours 17 minutes from 2025 to 2030, in all three nations,
    /// no day-based deadline ends after the day the independent rule gives (nor before it).
    #[test]
    fn no_deadline_is_later_than_the_rule_for_any_receipt_instant_2025_to_2030() {
        for nation in [Nation::England, Nation::Scotland, Nation::NorthernIreland] {
            let calendar = WorkingDayCalendar::new(nation);
            let hours = hours();
            let s = Schedule {
                calendar: &calendar,
                hours: &hours,
            };
            let timescales = [
                Timescale::new(0, Unit::WorkingDays),
                Timescale::new(5, Unit::WorkingDays),
                Timescale::new(10, Unit::WorkingDays),
                Timescale::new(20, Unit::WorkingDays),
                Timescale::new(28, Unit::CalendarDays),
                Timescale::new(1, Unit::CalendarMonths),
            ];
            let mut at = uk(2025, 1, 1, 0, 0);
            while at < uk(2031, 1, 1, 0, 0) {
                for ts in timescales {
                    let engine = to_local(s.deadline(at, ts)).date();
                    let rule = independent_due_date(&calendar, at, ts);
                    assert_eq!(engine, rule, "{nation:?} {ts} received {}", to_local(at));
                }
                at += Duration::minutes(5 * 60 + 17);
            }
        }
    }

    #[test]
    fn out_of_hours_contacts_are_seen_at_the_next_opening() {
        let f = Fixture::england();
        let s = f.schedule();
        assert_eq!(
            s.received(uk(2025, 3, 3, 7, 59)),
            uk(2025, 3, 3, 8, 0),
            "before opening"
        );
        assert_eq!(
            s.received(uk(2025, 3, 3, 17, 30)),
            uk(2025, 3, 4, 8, 0),
            "at closing"
        );
        assert_eq!(
            s.received(uk(2025, 3, 8, 11, 0)),
            uk(2025, 3, 10, 8, 0),
            "on a Saturday"
        );
        // Friday evening before Easter: Good Friday and Easter Monday are holidays.
        assert_eq!(
            s.received(uk(2025, 4, 17, 19, 0)),
            uk(2025, 4, 22, 8, 0),
            "over Easter"
        );
        // A Saturday email: seen on Monday, but its clock counts from the Saturday: 3 working
        // days end on Wednesday.
        assert_eq!(
            s.deadline(uk(2025, 3, 8, 11, 0), THREE_DAYS),
            uk(2025, 3, 12, 17, 30)
        );
    }

    #[test]
    fn summer_time_is_honoured_in_office_hours() {
        let f = Fixture::england();
        // 07:30 UTC in July is 08:30 in the UK: inside office hours.
        let instant = Utc
            .with_ymd_and_hms(2025, 7, 7, 7, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(f.schedule().received(instant), instant);
        assert_eq!(
            f.schedule().deadline(instant, THREE_DAYS),
            Utc.with_ymd_and_hms(2025, 7, 10, 16, 30, 0)
                .single()
                .expect("valid")
        );
    }

    #[test]
    fn clock_hours_run_day_and_night_from_the_moment_itself() {
        let f = Fixture::england();
        let saturday_night = uk(2025, 3, 8, 23, 0);
        assert_eq!(
            f.schedule()
                .deadline(saturday_night, Timescale::new(24, Unit::ClockHours)),
            uk(2025, 3, 9, 23, 0)
        );
    }

    #[test]
    fn calendar_months_keep_the_date_or_take_the_last_day_and_skip_non_working_days() {
        let f = Fixture::england();
        let s = f.schedule();
        let month = Timescale::new(1, Unit::CalendarMonths);
        assert_eq!(
            s.deadline(uk(2025, 3, 12, 10, 0), month),
            uk(2025, 4, 14, 17, 30),
            "12 April 2025 is a Saturday"
        );
        assert_eq!(
            s.deadline(uk(2025, 1, 31, 10, 0), month),
            uk(2025, 2, 28, 17, 30),
            "no 31 February"
        );
        assert_eq!(
            s.deadline(uk(2024, 1, 31, 10, 0), month),
            uk(2024, 2, 29, 17, 30),
            "leap year"
        );
        assert_eq!(
            s.deadline(uk(2025, 11, 25, 10, 0), month),
            uk(2025, 12, 29, 17, 30),
            "Christmas and a weekend"
        );
    }

    #[test]
    fn weeks_and_calendar_days_count_every_day() {
        let f = Fixture::england();
        let s = f.schedule();
        assert_eq!(
            s.deadline(uk(2025, 3, 3, 10, 0), Timescale::new(12, Unit::Weeks)),
            uk(2025, 5, 27, 17, 30),
            "26 May is a holiday"
        );
        assert_eq!(
            s.deadline(
                uk(2025, 3, 3, 10, 0),
                Timescale::new(28, Unit::CalendarDays)
            ),
            uk(2025, 3, 31, 17, 30)
        );
    }

    #[test]
    fn a_stopped_clock_is_paused_and_its_deadline_moves_by_the_working_days_stopped() {
        let f = Fixture::england();
        let s = f.schedule();
        let mut clock = Clock::start(uk(2025, 3, 3, 10, 0), Timescale::new(5, Unit::WorkingDays));
        assert_eq!(clock.deadline(&s), uk(2025, 3, 10, 17, 30));
        assert_eq!(
            clock.pause(uk(2025, 3, 4, 9, 0), " "),
            Err(ClockError::NoReason)
        );
        clock
            .pause(uk(2025, 3, 4, 9, 0), "Waiting for proof of identity")
            .expect("pause");
        assert_eq!(
            clock.pause(uk(2025, 3, 4, 9, 5), "again"),
            Err(ClockError::AlreadyPaused)
        );
        assert_eq!(
            clock.state(uk(2025, 3, 20, 9, 0), &s, SOON),
            ClockState::Paused
        );
        assert_eq!(
            clock.resume(uk(2025, 3, 4, 8, 0)),
            Err(ClockError::ResumeBeforePause)
        );
        // Stopped Tuesday to the next Tuesday: five working days.
        clock.resume(uk(2025, 3, 11, 9, 0)).expect("resume");
        assert_eq!(clock.deadline(&s), uk(2025, 3, 17, 17, 30));
        assert_eq!(
            clock.resume(uk(2025, 3, 12, 9, 0)),
            Err(ClockError::NotPaused)
        );
    }

    #[test]
    fn a_stopped_clock_hour_deadline_moves_by_the_exact_time_stopped() {
        let f = Fixture::england();
        let s = f.schedule();
        let mut clock = Clock::start(uk(2025, 3, 3, 10, 0), Timescale::new(24, Unit::ClockHours));
        clock
            .pause(uk(2025, 3, 3, 12, 0), "No access: nobody home")
            .expect("pause");
        clock.resume(uk(2025, 3, 3, 15, 30)).expect("resume");
        assert_eq!(clock.deadline(&s), uk(2025, 3, 4, 13, 30));
    }

    #[test]
    fn extensions_need_a_reason_a_later_date_and_stay_within_the_limit() {
        let f = Fixture::england();
        let s = f.schedule();
        let ten = Some(Timescale::new(10, Unit::WorkingDays));
        let mut clock = Clock::start(uk(2025, 3, 3, 10, 0), Timescale::new(10, Unit::WorkingDays));
        let standard = clock.deadline(&s);
        assert_eq!(standard, uk(2025, 3, 17, 17, 30));
        assert_eq!(
            clock.extend(uk(2025, 3, 20, 17, 30), "", ten, &s),
            Err(ClockError::NoReason)
        );
        assert_eq!(
            clock.extend(uk(2025, 3, 14, 17, 30), "Waiting for a survey", ten, &s),
            Err(ClockError::NotLater)
        );
        assert_eq!(
            clock.extend(uk(2025, 4, 1, 9, 0), "Waiting for a survey", ten, &s),
            Err(ClockError::BeyondLimit {
                latest: uk(2025, 3, 31, 17, 30)
            })
        );
        assert_eq!(
            clock.extend(uk(2025, 3, 20, 17, 30), "Waiting for a survey", None, &s),
            Err(ClockError::NotExtendable)
        );
        clock
            .extend(uk(2025, 3, 31, 17, 30), "Waiting for a survey", ten, &s)
            .expect("at the limit");
        assert_eq!(clock.deadline(&s), uk(2025, 3, 31, 17, 30));
        assert_eq!(
            clock.extension.as_ref().map(|e| e.reason.as_str()),
            Some("Waiting for a survey")
        );
    }

    #[test]
    fn each_state_in_turn() {
        let f = Fixture::england();
        let s = f.schedule();
        let clock = Clock::start(uk(2025, 3, 3, 10, 0), Timescale::new(10, Unit::WorkingDays));
        // Due Monday 17 March at 17:30.
        assert_eq!(
            clock.state(uk(2025, 3, 4, 9, 0), &s, SOON),
            ClockState::OnTrack
        );
        assert_eq!(
            clock.state(uk(2025, 3, 13, 9, 0), &s, SOON),
            ClockState::DueSoon,
            "two working days left"
        );
        assert_eq!(
            clock.state(uk(2025, 3, 17, 17, 30), &s, SOON),
            ClockState::DueSoon,
            "the last moment"
        );
        assert_eq!(
            clock.state(uk(2025, 3, 17, 17, 31), &s, SOON),
            ClockState::Overdue
        );
        let mut met = clock.clone();
        met.complete(uk(2025, 3, 17, 12, 0)).expect("complete");
        assert_eq!(met.state(uk(2025, 4, 1, 9, 0), &s, SOON), ClockState::Met);
        assert_eq!(
            met.complete(uk(2025, 3, 18, 12, 0)),
            Err(ClockError::Finished)
        );
        let mut missed = clock.clone();
        missed.complete(uk(2025, 3, 18, 9, 0)).expect("complete");
        assert_eq!(
            missed.state(uk(2025, 4, 1, 9, 0), &s, SOON),
            ClockState::Missed
        );
        let emergency = Clock::start(uk(2025, 3, 3, 10, 0), Timescale::new(24, Unit::ClockHours));
        assert_eq!(
            emergency.state(uk(2025, 3, 4, 5, 0), &s, SOON),
            ClockState::OnTrack
        );
        assert_eq!(
            emergency.state(uk(2025, 3, 4, 6, 0), &s, SOON),
            ClockState::DueSoon,
            "four hours left"
        );
    }

    #[test]
    fn deadlines_never_move_backwards_as_the_start_moves_forwards() {
        let f = Fixture::england();
        let s = f.schedule();
        let timescales = [
            Timescale::new(0, Unit::WorkingDays),
            Timescale::new(3, Unit::WorkingDays),
            Timescale::new(20, Unit::WorkingDays),
            Timescale::new(24, Unit::ClockHours),
            Timescale::new(28, Unit::CalendarDays),
            Timescale::new(1, Unit::CalendarMonths),
        ];
        let mut start = uk(2024, 12, 20, 6, 0);
        let end = uk(2025, 1, 10, 0, 0);
        let mut previous: Vec<DateTime<Utc>> =
            timescales.iter().map(|ts| s.deadline(start, *ts)).collect();
        while start < end {
            start += Duration::minutes(37);
            for (i, ts) in timescales.iter().enumerate() {
                let deadline = s.deadline(start, *ts);
                assert!(deadline >= previous[i], "{ts} from {start}");
                if ts.unit == Unit::WorkingDays {
                    assert!(
                        s.calendar.is_working_day(to_local(deadline).date()),
                        "{ts} from {start}"
                    );
                }
                previous[i] = deadline;
            }
        }
    }
}
