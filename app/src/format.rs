//! How dates and times are written for people, in one place: every page, email and letter
//! says a date the same way ("5 December 2026", "Saturday 5 December 2026", "5 December 2026 at
//! 2:51pm"), in UK time. Compiles everywhere; no I/O.

use crate::domain::london::to_local;
use chrono::{DateTime, NaiveDate, Utc};

/// "5 December 2026".
pub const DATE: &str = "%-d %B %Y";
/// "Saturday 5 December 2026".
pub const DAY: &str = "%A %-d %B %Y";
/// "5 December 2026 at 2:51pm".
pub const MOMENT: &str = "%-d %B %Y at %-I:%M%P";
/// "Saturday 5 December 2026 at 2:51pm".
pub const DAY_MOMENT: &str = "%A %-d %B %Y at %-I:%M%P";

/// A calendar date: "5 December 2026".
pub fn date(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

/// A calendar date with its weekday: "Saturday 5 December 2026".
pub fn weekday(d: NaiveDate) -> String {
    d.format(DAY).to_string()
}

/// A moment, in UK time: "5 December 2026 at 2:51pm".
pub fn when(at: DateTime<Utc>) -> String {
    to_local(at).format(MOMENT).to_string()
}

/// A moment with its weekday, in UK time: "Saturday 5 December 2026 at 2:51pm".
pub fn day_when(at: DateTime<Utc>) -> String {
    to_local(at).format(DAY_MOMENT).to_string()
}

/// The UK day a moment falls on, with its weekday: "Saturday 5 December 2026".
pub fn day(at: DateTime<Utc>) -> String {
    to_local(at).format(DAY).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_and_moments_are_written_in_uk_time() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(date(d), "5 December 2026");
        assert_eq!(weekday(d), "Saturday 5 December 2026");
        // 23:30 UTC in summer is half past midnight the next day in the UK.
        let late = Utc.with_ymd_and_hms(2026, 7, 4, 23, 30, 0).unwrap();
        assert_eq!(when(late), "5 July 2026 at 12:30am");
        assert_eq!(day(late), "Sunday 5 July 2026");
        assert_eq!(day_when(late), "Sunday 5 July 2026 at 12:30am");
    }
}
