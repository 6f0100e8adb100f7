//! Timescales with their units, as a landlord writes them: "24 hours", "3 working days",
//! "28 calendar days", "12 weeks", "1 calendar month".

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    ClockHours,
    WorkingDays,
    CalendarDays,
    Weeks,
    CalendarMonths,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Timescale {
    pub amount: u32,
    pub unit: Unit,
}

impl Timescale {
    pub const fn new(amount: u32, unit: Unit) -> Self {
        Timescale { amount, unit }
    }

    /// Reads "3 working days" and the like. The message says what is wrong, for a person
    /// editing a profile.
    pub fn parse(text: &str) -> Result<Timescale, String> {
        let text = text.trim();
        let (number, unit) = text.split_once(char::is_whitespace).ok_or_else(|| {
            format!("\"{text}\" needs a number and a unit, like \"3 working days\"")
        })?;
        if number.starts_with('-') {
            return Err(format!("\"{text}\" must not be negative"));
        }
        let amount: u32 = number
            .parse()
            .map_err(|_| format!("\"{text}\" does not start with a whole number"))?;
        let unit = match unit.trim().to_lowercase().as_str() {
            "hour" | "hours" | "clock hour" | "clock hours" => Unit::ClockHours,
            "working day" | "working days" => Unit::WorkingDays,
            "calendar day" | "calendar days" | "day" | "days" => Unit::CalendarDays,
            "week" | "weeks" => Unit::Weeks,
            "calendar month" | "calendar months" | "month" | "months" => Unit::CalendarMonths,
            other => {
                return Err(format!(
                    "\"{other}\" is not a unit; use hours, working days, calendar days, weeks or calendar months"
                ))
            }
        };
        Ok(Timescale { amount, unit })
    }
}

impl Timescale {
    /// "within 3 working days", or "the same working day" for none at all.
    pub fn within_words(self) -> String {
        match (self.amount, self.unit) {
            (0, Unit::WorkingDays) => "the same working day".to_owned(),
            (0, Unit::CalendarDays) => "the same day".to_owned(),
            _ => format!("within {self}"),
        }
    }
}

impl fmt::Display for Timescale {
    /// "3 working days", "1 working day", "24 hours": the way residents read it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one = self.amount == 1;
        let unit = match (self.unit, one) {
            (Unit::ClockHours, true) => "hour",
            (Unit::ClockHours, false) => "hours",
            (Unit::WorkingDays, true) => "working day",
            (Unit::WorkingDays, false) => "working days",
            (Unit::CalendarDays, true) => "day",
            (Unit::CalendarDays, false) => "days",
            (Unit::Weeks, true) => "week",
            (Unit::Weeks, false) => "weeks",
            (Unit::CalendarMonths, true) => "calendar month",
            (Unit::CalendarMonths, false) => "calendar months",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_time_at_all_reads_as_the_same_day() {
        let t = |text| Timescale::parse(text).expect("timescale").within_words();
        assert_eq!(t("0 working days"), "the same working day");
        assert_eq!(t("0 days"), "the same day");
        assert_eq!(t("1 working day"), "within 1 working day");
    }

    #[test]
    fn timescales_are_read_as_people_write_them_and_written_back() {
        for (text, amount, unit, shown) in [
            ("24 hours", 24, Unit::ClockHours, "24 hours"),
            ("3 working days", 3, Unit::WorkingDays, "3 working days"),
            ("1 Working Day", 1, Unit::WorkingDays, "1 working day"),
            ("28 calendar days", 28, Unit::CalendarDays, "28 days"),
            ("12 weeks", 12, Unit::Weeks, "12 weeks"),
            (
                "1 calendar month",
                1,
                Unit::CalendarMonths,
                "1 calendar month",
            ),
        ] {
            let t = Timescale::parse(text).expect(text);
            assert_eq!((t.amount, t.unit), (amount, unit), "{text}");
            assert_eq!(t.to_string(), shown);
        }
    }

    #[test]
    fn bad_timescales_say_what_is_wrong() {
        assert!(Timescale::parse("-3 working days")
            .unwrap_err()
            .contains("negative"));
        assert!(Timescale::parse("three days")
            .unwrap_err()
            .contains("whole number"));
        assert!(Timescale::parse("3 fortnights")
            .unwrap_err()
            .contains("not a unit"));
        assert!(Timescale::parse("3")
            .unwrap_err()
            .contains("number and a unit"));
    }
}
