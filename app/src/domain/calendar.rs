//! Working-day calendars for England and Wales, Scotland and Northern Ireland.
//!
//! Bank holidays come from the rules (Easter by the computus, first and last Mondays, substitute
//! days when a holiday falls at a weekend or on another holiday) plus the one-off changes made
//! by proclamation, built in from 1990 and extendable from configuration. Lookups use a bitset
//! of non-working days from 1990 to 2100, built once, so a deadline costs a few bit tests.

use super::housing::Nation;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2100;

/// Which calendar a nation uses: Wales shares England's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Jurisdiction {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl From<Nation> for Jurisdiction {
    fn from(nation: Nation) -> Self {
        match nation {
            Nation::England | Nation::Wales => Jurisdiction::EnglandAndWales,
            Nation::Scotland => Jurisdiction::Scotland,
            Nation::NorthernIreland => Jurisdiction::NorthernIreland,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankHoliday {
    pub date: NaiveDate,
    pub name: String,
}

/// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1).unwrap_or(NaiveDate::MIN)
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let next_month = if month == 12 {
        ymd(year + 1, 1, 1)
    } else {
        ymd(year, month + 1, 1)
    };
    let mut day = next_month - Duration::days(1);
    while day.weekday() != Weekday::Mon {
        day -= Duration::days(1);
    }
    day
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A one-off change by proclamation: holidays moved or added for a jubilee, a wedding, a
/// funeral or a coronation. The same in every UK jurisdiction unless `not_in_scotland` says
/// otherwise for its removals.
struct OneOff {
    remove: &'static [(i32, u32, u32)],
    add: &'static [(i32, u32, u32, &'static str)],
    /// Scotland kept the holiday the others moved (1995: Scotland had 1 May and 8 May).
    not_in_scotland: bool,
}

const ONE_OFFS: &[OneOff] = &[
    OneOff {
        remove: &[(1995, 5, 1)],
        add: &[(1995, 5, 8, "Early May bank holiday (VE Day)")],
        not_in_scotland: true,
    },
    OneOff {
        remove: &[],
        add: &[(1999, 12, 31, "Millennium Eve")],
        not_in_scotland: false,
    },
    OneOff {
        remove: &[(2002, 5, 27)],
        add: &[
            (2002, 6, 3, "Golden Jubilee"),
            (2002, 6, 4, "Spring bank holiday"),
        ],
        not_in_scotland: false,
    },
    OneOff {
        remove: &[],
        add: &[(2011, 4, 29, "Royal wedding")],
        not_in_scotland: false,
    },
    OneOff {
        remove: &[(2012, 5, 28)],
        add: &[
            (2012, 6, 4, "Spring bank holiday"),
            (2012, 6, 5, "Diamond Jubilee"),
        ],
        not_in_scotland: false,
    },
    OneOff {
        remove: &[(2020, 5, 4)],
        add: &[(2020, 5, 8, "Early May bank holiday (VE Day)")],
        not_in_scotland: false,
    },
    OneOff {
        remove: &[(2022, 5, 30)],
        add: &[
            (2022, 6, 2, "Spring bank holiday"),
            (2022, 6, 3, "Platinum Jubilee"),
            (2022, 9, 19, "State funeral of Queen Elizabeth II"),
        ],
        not_in_scotland: false,
    },
    OneOff {
        remove: &[],
        add: &[(2023, 5, 8, "Coronation of King Charles III")],
        not_in_scotland: false,
    },
];

/// The bank holidays the rules give for a year, before one-off changes, in date order.
pub fn rule_holidays(jurisdiction: Jurisdiction, year: i32) -> Vec<BankHoliday> {
    use Jurisdiction::*;
    // Fixed-date holidays move to a substitute weekday when they fall at a weekend.
    let mut fixed: Vec<(NaiveDate, &str)> = vec![(ymd(year, 1, 1), "New Year's Day")];
    if jurisdiction == Scotland {
        fixed.push((ymd(year, 1, 2), "2nd January"));
    }
    if jurisdiction == NorthernIreland {
        fixed.push((ymd(year, 3, 17), "St Patrick's Day"));
        fixed.push((ymd(year, 7, 12), "Battle of the Boyne (Orangemen's Day)"));
    }
    // A bank holiday only since the St Andrew's Day Bank Holiday (Scotland) Act 2007.
    if jurisdiction == Scotland && year >= 2007 {
        fixed.push((ymd(year, 11, 30), "St Andrew's Day"));
    }
    fixed.push((ymd(year, 12, 25), "Christmas Day"));
    fixed.push((ymd(year, 12, 26), "Boxing Day"));

    let easter = easter_sunday(year);
    let mut days: Vec<BankHoliday> = Vec::new();
    let mut take = |date: NaiveDate, name: &str| {
        days.push(BankHoliday {
            date,
            name: name.to_owned(),
        })
    };
    take(easter - Duration::days(2), "Good Friday");
    if jurisdiction != Scotland {
        take(easter + Duration::days(1), "Easter Monday");
    }
    take(first_monday(year, 5), "Early May bank holiday");
    take(last_monday(year, 5), "Spring bank holiday");
    if jurisdiction == Scotland {
        take(first_monday(year, 8), "Summer bank holiday");
    } else {
        take(last_monday(year, 8), "Summer bank holiday");
    }
    // Weekday fixed holidays keep their dates; the weekend ones then take the next weekday
    // that is not already a holiday, in date order.
    for (date, name) in fixed.iter().filter(|(d, _)| !is_weekend(*d)) {
        take(*date, name);
    }
    for (date, name) in fixed.iter().filter(|(d, _)| is_weekend(*d)) {
        let mut substitute = *date;
        while is_weekend(substitute) || days.iter().any(|h| h.date == substitute) {
            substitute += Duration::days(1);
        }
        days.push(BankHoliday {
            date: substitute,
            name: format!("{name} (substitute day)"),
        });
    }
    days.sort_by_key(|h| h.date);
    days
}

/// One-off changes a landlord adds in its profile, for changes announced after this release.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarChanges {
    pub add: Vec<BankHoliday>,
    pub remove: Vec<NaiveDate>,
}

/// A jurisdiction's working days: Monday to Friday, not a bank holiday.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingDayCalendar {
    jurisdiction: Jurisdiction,
    changes: CalendarChanges,
    /// Bit n set: the day `FIRST_YEAR-01-01 + n` is not a working day.
    closed: Vec<u64>,
}

fn epoch() -> NaiveDate {
    ymd(FIRST_YEAR, 1, 1)
}

fn day_index(date: NaiveDate) -> Option<usize> {
    let n = (date - epoch()).num_days();
    (date.year() <= LAST_YEAR && n >= 0).then_some(n as usize)
}

impl WorkingDayCalendar {
    /// The calendar with the built-in one-off changes.
    pub fn new(jurisdiction: impl Into<Jurisdiction>) -> Self {
        Self::with_changes(jurisdiction, CalendarChanges::default())
    }

    /// The calendar with the built-in one-offs and the landlord's own additions and removals.
    pub fn with_changes(jurisdiction: impl Into<Jurisdiction>, changes: CalendarChanges) -> Self {
        let mut calendar = WorkingDayCalendar {
            jurisdiction: jurisdiction.into(),
            changes,
            closed: Vec::new(),
        };
        let days = (ymd(LAST_YEAR + 1, 1, 1) - epoch()).num_days() as usize;
        let mut closed = vec![0u64; days.div_ceil(64)];
        let mut set = |date: NaiveDate| {
            if let Some(i) = day_index(date) {
                closed[i / 64] |= 1 << (i % 64);
            }
        };
        let mut day = epoch();
        for _ in 0..days {
            if is_weekend(day) {
                set(day);
            }
            day += Duration::days(1);
        }
        for year in FIRST_YEAR..=LAST_YEAR {
            for h in calendar.compute_holidays(year) {
                set(h.date);
            }
        }
        calendar.closed = closed;
        calendar
    }

    fn compute_holidays(&self, year: i32) -> Vec<BankHoliday> {
        let mut days = rule_holidays(self.jurisdiction, year);
        let scotland = self.jurisdiction == Jurisdiction::Scotland;
        let removed = ONE_OFFS
            .iter()
            .filter(|o| !(scotland && o.not_in_scotland))
            .flat_map(|o| o.remove.iter().map(|(y, m, d)| ymd(*y, *m, *d)))
            .chain(self.changes.remove.iter().copied());
        for date in removed.filter(|d| d.year() == year).collect::<Vec<_>>() {
            days.retain(|h| h.date != date);
        }
        let added = ONE_OFFS
            .iter()
            .flat_map(|o| {
                o.add.iter().map(|(y, m, d, n)| BankHoliday {
                    date: ymd(*y, *m, *d),
                    name: (*n).to_owned(),
                })
            })
            .chain(self.changes.add.iter().cloned());
        for holiday in added.filter(|h| h.date.year() == year) {
            if !days.iter().any(|h| h.date == holiday.date) {
                days.push(holiday);
            }
        }
        days.sort_by_key(|h| h.date);
        days
    }

    /// The year's bank holidays in date order, with one-off changes applied.
    pub fn bank_holidays(&self, year: i32) -> Vec<BankHoliday> {
        self.compute_holidays(year)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match day_index(date) {
            Some(i) if i / 64 < self.closed.len() => self.closed[i / 64] & (1 << (i % 64)) == 0,
            // Outside 1990 to 2100: computed from the rules (slower, still right).
            _ => {
                !is_weekend(date)
                    && !self
                        .compute_holidays(date.year())
                        .iter()
                        .any(|h| h.date == date)
            }
        }
    }

    /// The date itself if it is a working day, otherwise the next working day.
    pub fn on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            day += Duration::days(1);
        }
        day
    }

    /// The `n`th working day after `date` (`n = 0` gives `date` itself).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day += Duration::days(1);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bank holidays 2018 to 2027 as the governments published them (GOV.UK and nidirect),
    /// including substitute days and the one-offs of 2020, 2022 and 2023. Month, day pairs.
    const ENGLAND_AND_WALES: &[(i32, &[(u32, u32)])] = &[
        (
            2018,
            &[
                (1, 1),
                (3, 30),
                (4, 2),
                (5, 7),
                (5, 28),
                (8, 27),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2019,
            &[
                (1, 1),
                (4, 19),
                (4, 22),
                (5, 6),
                (5, 27),
                (8, 26),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2020,
            &[
                (1, 1),
                (4, 10),
                (4, 13),
                (5, 8),
                (5, 25),
                (8, 31),
                (12, 25),
                (12, 28),
            ],
        ),
        (
            2021,
            &[
                (1, 1),
                (4, 2),
                (4, 5),
                (5, 3),
                (5, 31),
                (8, 30),
                (12, 27),
                (12, 28),
            ],
        ),
        (
            2022,
            &[
                (1, 3),
                (4, 15),
                (4, 18),
                (5, 2),
                (6, 2),
                (6, 3),
                (8, 29),
                (9, 19),
                (12, 26),
                (12, 27),
            ],
        ),
        (
            2023,
            &[
                (1, 2),
                (4, 7),
                (4, 10),
                (5, 1),
                (5, 8),
                (5, 29),
                (8, 28),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2024,
            &[
                (1, 1),
                (3, 29),
                (4, 1),
                (5, 6),
                (5, 27),
                (8, 26),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2025,
            &[
                (1, 1),
                (4, 18),
                (4, 21),
                (5, 5),
                (5, 26),
                (8, 25),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2026,
            &[
                (1, 1),
                (4, 3),
                (4, 6),
                (5, 4),
                (5, 25),
                (8, 31),
                (12, 25),
                (12, 28),
            ],
        ),
        (
            2027,
            &[
                (1, 1),
                (3, 26),
                (3, 29),
                (5, 3),
                (5, 31),
                (8, 30),
                (12, 27),
                (12, 28),
            ],
        ),
    ];

    const SCOTLAND: &[(i32, &[(u32, u32)])] = &[
        (
            2018,
            &[
                (1, 1),
                (1, 2),
                (3, 30),
                (5, 7),
                (5, 28),
                (8, 6),
                (11, 30),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2019,
            &[
                (1, 1),
                (1, 2),
                (4, 19),
                (5, 6),
                (5, 27),
                (8, 5),
                (12, 2),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2020,
            &[
                (1, 1),
                (1, 2),
                (4, 10),
                (5, 8),
                (5, 25),
                (8, 3),
                (11, 30),
                (12, 25),
                (12, 28),
            ],
        ),
        (
            2021,
            &[
                (1, 1),
                (1, 4),
                (4, 2),
                (5, 3),
                (5, 31),
                (8, 2),
                (11, 30),
                (12, 27),
                (12, 28),
            ],
        ),
        (
            2022,
            &[
                (1, 3),
                (1, 4),
                (4, 15),
                (5, 2),
                (6, 2),
                (6, 3),
                (8, 1),
                (9, 19),
                (11, 30),
                (12, 26),
                (12, 27),
            ],
        ),
        (
            2023,
            &[
                (1, 2),
                (1, 3),
                (4, 7),
                (5, 1),
                (5, 8),
                (5, 29),
                (8, 7),
                (11, 30),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2024,
            &[
                (1, 1),
                (1, 2),
                (3, 29),
                (5, 6),
                (5, 27),
                (8, 5),
                (12, 2),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2025,
            &[
                (1, 1),
                (1, 2),
                (4, 18),
                (5, 5),
                (5, 26),
                (8, 4),
                (12, 1),
                (12, 25),
                (12, 26),
            ],
        ),
        (
            2026,
            &[
                (1, 1),
                (1, 2),
                (4, 3),
                (5, 4),
                (5, 25),
                (8, 3),
                (11, 30),
                (12, 25),
                (12, 28),
            ],
        ),
        (
            2027,
            &[
                (1, 1),
                (1, 4),
                (3, 26),
                (5, 3),
                (5, 31),
                (8, 2),
                (11, 30),
                (12, 27),
                (12, 28),
            ],
        ),
    ];

    /// Northern Ireland: England and Wales's, plus St Patrick's Day and the Boyne.
    const NORTHERN_IRELAND_EXTRA: &[(i32, [(u32, u32); 2])] = &[
        (2018, [(3, 19), (7, 12)]),
        (2019, [(3, 18), (7, 12)]),
        (2020, [(3, 17), (7, 13)]),
        (2021, [(3, 17), (7, 12)]),
        (2022, [(3, 17), (7, 12)]),
        (2023, [(3, 17), (7, 12)]),
        (2024, [(3, 18), (7, 12)]),
        (2025, [(3, 17), (7, 14)]),
        (2026, [(3, 17), (7, 13)]),
        (2027, [(3, 17), (7, 12)]),
    ];

    fn dates(calendar: &WorkingDayCalendar, year: i32) -> Vec<NaiveDate> {
        calendar
            .bank_holidays(year)
            .into_iter()
            .map(|h| h.date)
            .collect()
    }

    fn expected(year: i32, days: &[(u32, u32)]) -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = days.iter().map(|(m, d)| ymd(year, *m, *d)).collect();
        v.sort();
        v
    }

    #[test]
    fn england_and_wales_match_the_published_lists_2018_to_2027() {
        let calendar = WorkingDayCalendar::new(Nation::England);
        for (year, days) in ENGLAND_AND_WALES {
            assert_eq!(dates(&calendar, *year), expected(*year, days), "{year}");
        }
        assert_eq!(
            WorkingDayCalendar::new(Nation::Wales).bank_holidays(2026),
            calendar.bank_holidays(2026)
        );
    }

    #[test]
    fn scotland_matches_the_published_lists_2018_to_2027() {
        let calendar = WorkingDayCalendar::new(Nation::Scotland);
        for (year, days) in SCOTLAND {
            assert_eq!(dates(&calendar, *year), expected(*year, days), "{year}");
        }
    }

    #[test]
    fn northern_ireland_matches_the_published_lists_2018_to_2027() {
        let calendar = WorkingDayCalendar::new(Nation::NorthernIreland);
        for ((year, days), (_, extra)) in ENGLAND_AND_WALES.iter().zip(NORTHERN_IRELAND_EXTRA) {
            let mut all: Vec<(u32, u32)> = days.to_vec();
            all.extend_from_slice(extra);
            assert_eq!(dates(&calendar, *year), expected(*year, &all), "{year}");
        }
    }

    #[test]
    fn st_andrews_day_is_a_scottish_bank_holiday_only_from_2007() {
        let scotland = WorkingDayCalendar::new(Nation::Scotland);
        let named = |year: i32| {
            scotland
                .bank_holidays(year)
                .iter()
                .any(|h| h.name.starts_with("St Andrew's Day"))
        };
        for year in 1990..=2006 {
            assert!(!named(year), "{year}");
        }
        for year in 2007..=2030 {
            assert!(named(year), "{year}");
        }
        // Thursday 30 November 2006 was a working day; Friday 30 November 2007 was not.
        assert!(scotland.is_working_day(ymd(2006, 11, 30)));
        assert!(!scotland.is_working_day(ymd(2007, 11, 30)));
    }

    #[test]
    fn in_1995_scotland_kept_1_may_and_also_had_8_may() {
        let scotland = WorkingDayCalendar::new(Nation::Scotland);
        assert!(!scotland.is_working_day(ymd(1995, 5, 1)));
        assert!(!scotland.is_working_day(ymd(1995, 5, 8)));
        let england = WorkingDayCalendar::new(Nation::England);
        assert!(england.is_working_day(ymd(1995, 5, 1)));
        assert!(!england.is_working_day(ymd(1995, 5, 8)));
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        for (year, month, day) in [
            (1990, 4, 15),
            (2000, 4, 23),
            (2008, 3, 23),
            (2038, 4, 25),
            (2100, 3, 28),
        ] {
            assert_eq!(easter_sunday(year), ymd(year, month, day), "{year}");
        }
    }

    #[test]
    fn substitute_days_are_named_and_one_offs_keep_their_names() {
        let holidays = WorkingDayCalendar::new(Nation::England).bank_holidays(2022);
        let name = |m, d| {
            holidays
                .iter()
                .find(|h| h.date == ymd(2022, m, d))
                .map(|h| h.name.clone())
        };
        assert_eq!(
            name(1, 3).as_deref(),
            Some("New Year's Day (substitute day)")
        );
        assert_eq!(name(6, 3).as_deref(), Some("Platinum Jubilee"));
        assert_eq!(
            name(12, 27).as_deref(),
            Some("Christmas Day (substitute day)")
        );
    }

    #[test]
    fn a_landlord_can_add_and_remove_holidays_in_configuration() {
        let changes = CalendarChanges {
            add: vec![BankHoliday {
                date: ymd(2031, 6, 6),
                name: "A new one-off".into(),
            }],
            remove: vec![ymd(2031, 5, 26)],
        };
        let calendar = WorkingDayCalendar::with_changes(Nation::England, changes);
        assert!(!calendar.is_working_day(ymd(2031, 6, 6)));
        assert!(calendar.is_working_day(ymd(2031, 5, 26)));
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days_and_other_days_are() {
        let calendar = WorkingDayCalendar::new(Nation::England);
        assert!(!calendar.is_working_day(ymd(2025, 12, 25)));
        assert!(!calendar.is_working_day(ymd(2025, 12, 27)), "a Saturday");
        assert!(calendar.is_working_day(ymd(2025, 12, 29)));
        assert_eq!(
            calendar.add_working_days(ymd(2025, 12, 24), 1),
            ymd(2025, 12, 29)
        );
        assert_eq!(
            calendar.add_working_days(ymd(2025, 12, 24), 0),
            ymd(2025, 12, 24)
        );
        // Outside the precomputed years the rules still apply.
        assert!(!calendar.is_working_day(ymd(2101, 12, 26)));
        assert!(calendar.is_working_day(ymd(1989, 12, 27)));
    }

    /// A small deterministic generator: the same "random" dates on every run.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn date(&mut self) -> NaiveDate {
            ymd(1990, 1, 1) + Duration::days((self.next() % 40_000) as i64)
        }

        fn below(&mut self, n: u64) -> u32 {
            (self.next() % n) as u32
        }
    }

    #[test]
    fn working_day_arithmetic_holds_for_random_dates() {
        let calendars = [
            WorkingDayCalendar::new(Nation::England),
            WorkingDayCalendar::new(Nation::Scotland),
            WorkingDayCalendar::new(Nation::NorthernIreland),
        ];
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let calendar = &calendars[random.below(3) as usize];
            let start = random.date();
            let (n, m) = (random.below(40) + 1, random.below(40));
            let after_n = calendar.add_working_days(start, n);
            assert!(
                calendar.is_working_day(after_n),
                "lands on a working day: {start} + {n}"
            );
            assert_eq!(
                calendar.add_working_days(after_n, m),
                calendar.add_working_days(start, n + m),
                "n then m equals n + m: {start} + {n} + {m}"
            );
            assert_eq!(calendar.working_days_between(start, after_n), n);
            let next_day = start + Duration::days(1);
            assert!(
                calendar.add_working_days(next_day, n) >= after_n,
                "a later start never gives an earlier deadline: {start} + {n}"
            );
        }
    }
}
