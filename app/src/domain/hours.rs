//! A landlord's office hours, by weekday, and how they are written ("Monday to Thursday, 9am to
//! 5pm"). Deadlines that count from when a contact is first seen read them.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// Opening and closing time for each weekday; a day without hours is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeHours {
    /// Monday first. `None` is closed.
    pub days: [Option<(NaiveTime, NaiveTime)>; 7],
}

pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "8am", "5:30pm": the way times are written on GOV.UK-style pages.
pub fn time_in_words(time: NaiveTime) -> String {
    use chrono::Timelike;
    let (pm, hour) = time.hour12();
    let suffix = if pm { "pm" } else { "am" };
    match time.minute() {
        0 => format!("{hour}{suffix}"),
        m => format!("{hour}:{m:02}{suffix}"),
    }
}

impl OfficeHours {
    pub fn on(&self, day: Weekday) -> Option<(NaiveTime, NaiveTime)> {
        self.days[day.num_days_from_monday() as usize]
    }

    /// Consecutive days with the same hours, for a one-line summary:
    /// "Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm".
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < 7 {
            let Some((open, close)) = self.days[i] else {
                i += 1;
                continue;
            };
            let mut j = i;
            while j + 1 < 7 && self.days[j + 1] == self.days[i] {
                j += 1;
            }
            let days = if i == j {
                weekday_name(WEEKDAYS[i]).to_owned()
            } else {
                format!(
                    "{} to {}",
                    weekday_name(WEEKDAYS[i]),
                    weekday_name(WEEKDAYS[j])
                )
            };
            parts.push(format!(
                "{days}, {} to {}",
                time_in_words(open),
                time_in_words(close)
            ));
            i = j + 1;
        }
        if parts.is_empty() {
            "Our offices are closed".to_owned()
        } else {
            parts.join("; ")
        }
    }
}
