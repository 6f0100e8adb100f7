//! Visits out in the field: the arrival window an operative's "on my way" gives the resident,
//! the travel time they may adjust, and how access was tried when nobody answered.

use chrono::{Duration, NaiveDateTime, Timelike};

/// Travel time offered when the operative does not change it, in minutes.
pub const TRAVEL_DEFAULT: u32 = 20;
/// The longest travel time accepted: beyond it the visit is for another day.
pub const TRAVEL_MAX: u32 = 180;

/// When the resident should expect the operative: local times (UK), five-minute steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrival {
    pub from: NaiveDateTime,
    pub until: NaiveDateTime,
}

impl Arrival {
    /// The window for a tap on "on my way" at `tap` (local time) with `travel` minutes to go.
    /// Around the expected arrival by a margin that grows with the journey (ten minutes plus a
    /// quarter of the travel time: a long drive is less certain), widened to five-minute
    /// steps; never starting before the tap itself.
    pub fn after_tap(tap: NaiveDateTime, travel: u32) -> Arrival {
        let travel = travel.min(TRAVEL_MAX);
        let tap = tap
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(tap);
        let expected = tap + Duration::minutes(i64::from(travel));
        let margin = Duration::minutes(10 + i64::from(travel / 4));
        let from = step_down(expected - margin).max(step_down(tap));
        let until = step_up(expected + margin);
        Arrival { from, until }
    }

    /// "between 10:05am and 10:40am" (and the day, when the window runs past midnight).
    pub fn words(self) -> String {
        let from = crate::domain::repairs::time_words(self.from.time());
        let until = crate::domain::repairs::time_words(self.until.time());
        if self.until.date() == self.from.date() {
            format!("between {from} and {until}")
        } else {
            format!(
                "between {from} and {until} on {}",
                self.until.format("%A %-d %B")
            )
        }
    }
}

fn step_down(t: NaiveDateTime) -> NaiveDateTime {
    let t = t
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t);
    t - Duration::minutes(i64::from(t.minute() % 5))
}

fn step_up(t: NaiveDateTime) -> NaiveDateTime {
    let down = step_down(t);
    if down == t {
        t
    } else {
        down + Duration::minutes(5)
    }
}

/// Why a travel time was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TravelProblem {
    NotANumber,
    TooLong,
}

impl TravelProblem {
    pub fn message(self) -> String {
        match self {
            TravelProblem::NotANumber => "Enter the travel time in minutes, like 20".to_owned(),
            TravelProblem::TooLong => {
                format!("The travel time must be {TRAVEL_MAX} minutes or less")
            }
        }
    }
}

/// The travel time as typed ("25", "25 minutes", "25 mins"); empty is the default.
pub fn parse_travel(text: &str) -> Result<u32, TravelProblem> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Ok(TRAVEL_DEFAULT);
    }
    let digits = ["minutes", "minute", "mins", "min", "m"]
        .iter()
        .find_map(|unit| t.strip_suffix(unit))
        .unwrap_or(&t)
        .trim();
    let minutes: u32 = digits.parse().map_err(|_| TravelProblem::NotANumber)?;
    if minutes > TRAVEL_MAX {
        return Err(TravelProblem::TooLong);
    }
    Ok(minutes)
}

/// How an operative tried to get in when nobody answered (Awaab's Law asks that every attempt
/// to gain access is recorded, with how it was made).
pub const ACCESS_TRIED: [(&str, &str); 3] = [
    ("door", "Knocked or rang at the door"),
    ("phoned", "Phoned the resident"),
    ("card", "Left a card with how to rebook"),
];

/// The ways chosen, in the list's order, as stored ("door,phoned"); `None` when none is
/// known or none was chosen.
pub fn access_tried(chosen: &[String]) -> Option<String> {
    let codes: Vec<&str> = ACCESS_TRIED
        .iter()
        .map(|(code, _)| *code)
        .filter(|code| chosen.iter().any(|c| c == code))
        .collect();
    (!codes.is_empty()).then(|| codes.join(","))
}

/// The stored ways in words: "knocked or rang at the door; phoned the resident".
pub fn access_tried_words(stored: &str) -> String {
    stored
        .split(',')
        .filter_map(|code| ACCESS_TRIED.iter().find(|(c, _)| *c == code))
        .map(|(_, words)| words.to_lowercase())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The latest a parts date may be: further out, the job needs a planner's eye, not a promise.
pub const PARTS_DAYS_MAX: i64 = 90;

/// Why a parts date was refused.
pub fn parts_date_problem(
    date: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> Option<&'static str> {
    match date {
        None => Some("Enter the date the parts are expected, like 14/12/2026"),
        Some(d) if d < today => Some("The date the parts are expected must be today or later"),
        Some(d) if d > today + Duration::days(PARTS_DAYS_MAX) => {
            Some("The date the parts are expected must be within 90 days. Ask a planner to arrange a longer wait")
        }
        Some(_) => None,
    }
}

/// When the reminder of a visit on `day` is due: at `at` (UK time) the day before, whatever
/// day that is. A Monday visit is reminded on the Sunday and a visit after a bank holiday on the
/// bank holiday: the reminder's link works at any hour, so it need not wait for the office.
pub fn reminder_due(day: chrono::NaiveDate, at: chrono::NaiveTime) -> NaiveDateTime {
    day.pred_opt().unwrap_or(day).and_time(at)
}

/// Whether a visit gets a reminder: booked before its reminder was due (one booked later, the
/// evening before or on the day, has just been confirmed).
pub fn wants_reminder(
    booked: NaiveDateTime,
    day: chrono::NaiveDate,
    at: chrono::NaiveTime,
) -> bool {
    booked < reminder_due(day, at)
}

/// Whether a reminder's link still changes its visit: the visit is still booked (not moved,
/// cancelled or attended; a moved visit is a new one with a reminder of its own) and its day has
/// not passed.
pub fn link_works(booked: bool, day: chrono::NaiveDate, today: chrono::NaiveDate) -> bool {
    booked && today <= day
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(h, m, 17))
            .expect("a time")
    }

    #[test]
    fn the_window_is_around_the_expected_arrival_in_five_minute_steps() {
        // 10:03 and 20 minutes: expected 10:23, fifteen minutes either side.
        let a = Arrival::after_tap(at(10, 3), 20);
        assert_eq!(a.from.format("%H:%M:%S").to_string(), "10:05:00");
        assert_eq!(a.until.format("%H:%M:%S").to_string(), "10:40:00");
        assert_eq!(a.words(), "between 10:05am and 10:40am");
        // Next door: never before the tap, still a ten-minute margin after.
        let a = Arrival::after_tap(at(10, 3), 0);
        assert_eq!(a.words(), "between 10am and 10:15am");
        // A long drive is less certain: an hour gives 25 minutes either side.
        let a = Arrival::after_tap(at(13, 0), 60);
        assert_eq!(a.words(), "between 1:35pm and 2:25pm");
        // Past midnight the day is named.
        let a = Arrival::after_tap(at(23, 50), 20);
        assert_eq!(
            a.words(),
            "between 11:55pm and 12:25am on Tuesday 8 December"
        );
        // Longer than the limit counts as the limit.
        assert_eq!(
            Arrival::after_tap(at(9, 0), 500),
            Arrival::after_tap(at(9, 0), TRAVEL_MAX)
        );
    }

    #[test]
    fn a_travel_time_is_minutes_as_people_type_them() {
        assert_eq!(parse_travel(""), Ok(TRAVEL_DEFAULT));
        assert_eq!(parse_travel(" 25 "), Ok(25));
        assert_eq!(parse_travel("25 minutes"), Ok(25));
        assert_eq!(parse_travel("5mins"), Ok(5));
        assert_eq!(parse_travel("0"), Ok(0));
        assert_eq!(parse_travel("half an hour"), Err(TravelProblem::NotANumber));
        assert_eq!(parse_travel("-5"), Err(TravelProblem::NotANumber));
        assert_eq!(parse_travel("181"), Err(TravelProblem::TooLong));
        assert_eq!(parse_travel("180"), Ok(180));
    }

    #[test]
    fn access_attempts_are_kept_in_the_lists_order_and_read_back_in_words() {
        let chosen = ["card".to_owned(), "door".to_owned(), "nonsense".to_owned()];
        assert_eq!(access_tried(&chosen).as_deref(), Some("door,card"));
        assert_eq!(access_tried(&[]), None);
        assert_eq!(access_tried(&["x".to_owned()]), None);
        assert_eq!(
            access_tried_words("door,card"),
            "knocked or rang at the door; left a card with how to rebook"
        );
    }

    #[test]
    fn a_reminder_goes_the_evening_before_whatever_day_that_is() {
        let six = chrono::NaiveTime::from_hms_opt(18, 0, 0).expect("a time");
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("a day");
        // A Tuesday visit: Monday at six.
        assert_eq!(reminder_due(day(12, 8), six), day(12, 7).and_time(six));
        // A Monday visit: the Sunday before.
        assert_eq!(reminder_due(day(12, 14), six), day(12, 13).and_time(six));
        // After the Christmas bank holidays (Friday 25, Monday 28 December in England): a visit
        // on Tuesday 29th is reminded on the bank holiday Monday, not on Christmas Eve.
        assert_eq!(reminder_due(day(12, 29), six), day(12, 28).and_time(six));
        // Across the clocks going forward (Sunday 29 March 2026): six in the evening UK time
        // both sides, which is 6pm GMT on the Saturday and 5pm UTC on the Sunday.
        let before = crate::domain::london::from_local(reminder_due(day(3, 29), six));
        let after = crate::domain::london::from_local(reminder_due(day(3, 30), six));
        assert_eq!(before.format("%d %H:%M").to_string(), "28 18:00");
        assert_eq!(after.format("%d %H:%M").to_string(), "29 17:00");
        // Booked before the reminder is due: reminded. Booked after (the evening before, or on
        // the day): just confirmed, no reminder.
        assert!(wants_reminder(day(12, 1).and_time(six), day(12, 8), six));
        let evening = day(12, 7).and_hms_opt(18, 30, 0).expect("a time");
        assert!(!wants_reminder(evening, day(12, 8), six));
        assert!(!wants_reminder(day(12, 8).and_time(six), day(12, 8), six));
    }

    #[test]
    fn a_reminders_link_works_for_its_booked_visit_until_the_day_is_over() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 8).expect("a day");
        assert!(link_works(true, day, day - Duration::days(1)));
        assert!(link_works(true, day, day), "on the day itself, to cancel");
        assert!(
            !link_works(true, day, day + Duration::days(1)),
            "after the visit"
        );
        assert!(
            !link_works(false, day, day - Duration::days(1)),
            "moved, cancelled or attended"
        );
    }

    #[test]
    fn a_parts_date_is_from_today_to_ninety_days_on() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).expect("a day");
        assert!(parts_date_problem(None, today).is_some());
        assert!(parts_date_problem(Some(today - Duration::days(1)), today).is_some());
        assert_eq!(parts_date_problem(Some(today), today), None);
        assert_eq!(
            parts_date_problem(Some(today + Duration::days(90)), today),
            None
        );
        assert!(parts_date_problem(Some(today + Duration::days(91)), today).is_some());
    }
}

/// One visit as the missed-appointment figures count it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitFact {
    pub day: chrono::NaiveDate,
    pub trade: String,
    /// What happened, once recorded.
    pub outcome: Option<String>,
    /// The day (UK) it was cancelled, if it was.
    pub cancelled_on: Option<chrono::NaiveDate>,
}

/// Cancelled late: on the visit's day or the day before, too late to give the time to someone
/// else.
pub fn cancelled_late(day: chrono::NaiveDate, cancelled_on: chrono::NaiveDate) -> bool {
    cancelled_on >= day - Duration::days(1)
}

/// A week's visits for one trade: those with an outcome, those where nobody let us in, and
/// those cancelled late.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WeekFigures {
    /// The week's Monday.
    pub week: chrono::NaiveDate,
    pub trade: String,
    pub visits: u32,
    pub no_access: u32,
    pub cancelled_late: u32,
}

/// The missed-appointment figures by week (Monday to Sunday) and trade, newest week first,
/// trades in name order.
pub fn weekly(facts: &[VisitFact]) -> Vec<WeekFigures> {
    use chrono::Datelike;
    let mut weeks: std::collections::BTreeMap<(chrono::NaiveDate, String), WeekFigures> =
        std::collections::BTreeMap::new();
    for f in facts {
        let monday = f.day - Duration::days(i64::from(f.day.weekday().num_days_from_monday()));
        let late = f.cancelled_on.is_some_and(|c| cancelled_late(f.day, c));
        if f.outcome.is_none() && !late {
            continue;
        }
        let w = weeks
            .entry((monday, f.trade.clone()))
            .or_insert_with(|| WeekFigures {
                week: monday,
                trade: f.trade.clone(),
                ..WeekFigures::default()
            });
        if f.outcome.is_some() {
            w.visits += 1;
        }
        if f.outcome.as_deref() == Some("no_access") {
            w.no_access += 1;
        }
        if late {
            w.cancelled_late += 1;
        }
    }
    let mut out: Vec<WeekFigures> = weeks.into_values().collect();
    out.sort_by(|a, b| b.week.cmp(&a.week).then(a.trade.cmp(&b.trade)));
    out
}

/// One completed job as the contractors' figures count it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobFact {
    /// The firm that did it; `None` in house.
    pub firm: Option<String>,
    pub within_target: bool,
    /// Its visits with an outcome, and those with no access.
    pub visits: u32,
    pub no_access: u32,
    /// The resident's rating, 1 to 5, if they gave one.
    pub rating: Option<i64>,
}

/// A firm's (or the in-house operatives') completed jobs: within target, right first time (done
/// on the one visit), the no-access rate over their visits, and residents' ratings.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FirmFigures {
    /// The firm's name, or "Our own operatives".
    pub name: String,
    pub completed: u32,
    pub within_target: u32,
    pub right_first_time: u32,
    pub visits: u32,
    pub no_access: u32,
    pub ratings: u32,
    pub rating_total: i64,
}

/// The figures by firm, in house first, then firms by name.
pub fn by_firm(jobs: &[JobFact]) -> Vec<FirmFigures> {
    let mut firms: std::collections::BTreeMap<Option<String>, FirmFigures> =
        std::collections::BTreeMap::new();
    for j in jobs {
        let f = firms.entry(j.firm.clone()).or_insert_with(|| FirmFigures {
            name: j
                .firm
                .clone()
                .unwrap_or_else(|| "Our own operatives".to_owned()),
            ..FirmFigures::default()
        });
        f.completed += 1;
        f.within_target += u32::from(j.within_target);
        f.right_first_time += u32::from(j.visits == 1 && j.no_access == 0);
        f.visits += j.visits;
        f.no_access += j.no_access;
        if let Some(r) = j.rating {
            f.ratings += 1;
            f.rating_total += r;
        }
    }
    firms.into_values().collect()
}

/// "12 of 40 (30%)"; "none" when there is nothing to count.
pub fn share(part: u32, whole: u32) -> String {
    if whole == 0 {
        "none".to_owned()
    } else {
        format!(
            "{part} of {whole} ({}%)",
            (f64::from(part) * 100.0 / f64::from(whole)).round()
        )
    }
}

#[cfg(test)]
mod figures_tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("a day")
    }

    fn fact(
        d: NaiveDate,
        trade: &str,
        outcome: Option<&str>,
        cancelled: Option<NaiveDate>,
    ) -> VisitFact {
        VisitFact {
            day: d,
            trade: trade.to_owned(),
            outcome: outcome.map(str::to_owned),
            cancelled_on: cancelled,
        }
    }

    #[test]
    fn missed_appointments_are_counted_by_week_and_trade() {
        let facts = [
            // Week of Monday 30 November: plumbing, three visits, one no access; one cancelled
            // the day before (late), one cancelled a week ahead (not late).
            fact(day(11, 30), "plumber", Some("completed"), None),
            fact(day(12, 2), "plumber", Some("no_access"), None),
            fact(day(12, 6), "plumber", Some("follow_on"), None),
            fact(day(12, 3), "plumber", None, Some(day(12, 2))),
            fact(day(12, 4), "plumber", None, Some(day(11, 27))),
            // The same week, electrics: cancelled on the day.
            fact(day(12, 1), "electrician", None, Some(day(12, 1))),
            // The week before, a Sunday: no access.
            fact(day(11, 29), "plumber", Some("no_access"), None),
            // Booked and not yet visited: not counted.
            fact(day(12, 5), "plumber", None, None),
        ];
        assert_eq!(
            weekly(&facts),
            vec![
                WeekFigures {
                    week: day(11, 30),
                    trade: "electrician".into(),
                    visits: 0,
                    no_access: 0,
                    cancelled_late: 1
                },
                WeekFigures {
                    week: day(11, 30),
                    trade: "plumber".into(),
                    visits: 3,
                    no_access: 1,
                    cancelled_late: 1
                },
                WeekFigures {
                    week: day(11, 23),
                    trade: "plumber".into(),
                    visits: 1,
                    no_access: 1,
                    cancelled_late: 0
                },
            ]
        );
    }

    #[test]
    fn contractors_are_measured_on_target_first_time_access_and_satisfaction() {
        let job = |firm: Option<&str>, within_target, visits, no_access, rating| JobFact {
            firm: firm.map(str::to_owned),
            within_target,
            visits,
            no_access,
            rating,
        };
        let figures = by_firm(&[
            job(None, true, 1, 0, Some(5)),
            job(None, false, 3, 1, None),
            job(Some("Ashdown"), true, 1, 0, Some(4)),
            job(Some("Ashdown"), true, 2, 0, Some(2)),
            job(Some("Ashdown"), false, 0, 0, None),
        ]);
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].name, "Our own operatives");
        assert_eq!(
            (
                figures[0].completed,
                figures[0].within_target,
                figures[0].right_first_time
            ),
            (2, 1, 1)
        );
        assert_eq!((figures[0].visits, figures[0].no_access), (4, 1));
        let ashdown = &figures[1];
        assert_eq!(ashdown.name, "Ashdown");
        assert_eq!(
            (
                ashdown.completed,
                ashdown.within_target,
                ashdown.right_first_time
            ),
            (3, 2, 1)
        );
        assert_eq!((ashdown.ratings, ashdown.rating_total), (2, 6));
        assert_eq!(share(1, 3), "1 of 3 (33%)");
        assert_eq!(share(0, 0), "none");
    }
}
