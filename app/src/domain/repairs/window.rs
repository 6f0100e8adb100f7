//! How a person stands to a repair, and an operative's arrival window.

/// How a resident stands to a repair, strongest first. Each gives different rights: the
/// reporter and the household it is for manage its visits and say whether it is fixed; a
/// follower of a communal repair (anyone in the block, with one click) is told of its progress
/// and may see it, not change someone else's appointment or learn who reported it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RepairRelation {
    Reporter,
    Household,
    Follower,
}

impl RepairRelation {
    /// The reporter, or someone living in the home it is for.
    pub fn is_party(self) -> bool {
        matches!(self, RepairRelation::Reporter | RepairRelation::Household)
    }
}

/// When an operative expects to arrive: two times of day, the first before the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArrivalWindow {
    pub from: chrono::NaiveTime,
    pub until: chrono::NaiveTime,
}

/// Why an arrival window was refused, in a colleague's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowProblem {
    Missing,
    NotATime,
    Backwards,
}

impl WindowProblem {
    pub fn message(self) -> &'static str {
        match self {
            WindowProblem::Missing => {
                "Give the earliest and latest time the operative expects to arrive"
            }
            WindowProblem::NotATime => "Give each time like 10:30am, 2pm or 14:00",
            WindowProblem::Backwards => "The latest time must be after the earliest",
        }
    }
}

impl ArrivalWindow {
    /// The window from two boxes as a colleague types them ("10:30am", "2pm", "14:00", "9.15").
    pub fn parse(from: &str, until: &str) -> Result<ArrivalWindow, WindowProblem> {
        if from.trim().is_empty() || until.trim().is_empty() {
            return Err(WindowProblem::Missing);
        }
        let from = time_of_day(from).ok_or(WindowProblem::NotATime)?;
        let until = time_of_day(until).ok_or(WindowProblem::NotATime)?;
        if until <= from {
            return Err(WindowProblem::Backwards);
        }
        Ok(ArrivalWindow { from, until })
    }

    /// "between 10:30am and 11am".
    pub fn words(self) -> String {
        format!(
            "between {} and {}",
            time_words(self.from),
            time_words(self.until)
        )
    }
}

/// A time of day as people type it: "10:30am", "10.30 am", "2pm", "12 noon", "14:00", "9".
pub(super) fn time_of_day(text: &str) -> Option<chrono::NaiveTime> {
    let t = text.trim().to_lowercase().replace(' ', "");
    if t == "noon" || t == "12noon" || t == "midday" {
        return chrono::NaiveTime::from_hms_opt(12, 0, 0);
    }
    let (digits, half) = match (t.strip_suffix("am"), t.strip_suffix("pm")) {
        (Some(d), _) => (d, Some(false)),
        (_, Some(d)) => (d, Some(true)),
        _ => (t.as_str(), None),
    };
    let (hour, minute) = match digits.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        Some(_) => return None,
        None => (digits.parse::<u32>().ok()?, 0),
    };
    let hour = match half {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => hour,
    };
    chrono::NaiveTime::from_hms_opt(hour, minute, 0)
}

/// "10:30am", "11am", "12 noon", "2pm".
pub(crate) fn time_words(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    let (hour, minute) = (t.hour(), t.minute());
    if hour == 12 && minute == 0 {
        return "12 noon".to_owned();
    }
    let suffix = if hour < 12 { "am" } else { "pm" };
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    if minute == 0 {
        format!("{twelve}{suffix}")
    } else {
        format!("{twelve}:{minute:02}{suffix}")
    }
}

#[cfg(test)]
mod arrival_tests {
    use super::*;

    #[test]
    fn an_arrival_window_is_two_times_in_order_said_plainly() {
        let w = ArrivalWindow::parse("10:30am", "11am").expect("a window");
        assert_eq!(w.words(), "between 10:30am and 11am");
        assert_eq!(
            ArrivalWindow::parse("9.15", "14:00").map(|w| w.words()),
            Ok("between 9:15am and 2pm".to_owned())
        );
        assert_eq!(
            ArrivalWindow::parse("11:30 am", "12 noon").map(|w| w.words()),
            Ok("between 11:30am and 12 noon".to_owned())
        );
        assert_eq!(
            ArrivalWindow::parse("", "11am"),
            Err(WindowProblem::Missing)
        );
        assert_eq!(
            ArrivalWindow::parse("10:30am to 11am", "11am"),
            Err(WindowProblem::NotATime)
        );
        assert_eq!(
            ArrivalWindow::parse("13pm", "2pm"),
            Err(WindowProblem::NotATime)
        );
        assert_eq!(
            ArrivalWindow::parse("11am", "10:30am"),
            Err(WindowProblem::Backwards)
        );
        assert_eq!(
            ArrivalWindow::parse("2pm", "2pm"),
            Err(WindowProblem::Backwards)
        );
    }
}
