//! A landlord's policy profile: who the landlord is, how to reach them, where they work and when
//! their offices are open. The service standards, complaint regime and repair priorities join
//! it in the service-standards engine. Profiles are files people edit (`config/profiles/*.toml`),
//! so every problem is reported with the field's path.

use super::housing::Nation;
use super::validation::{looks_like_email, looks_like_phone};
use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The profile as written in the file, before it is checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub landlord: Option<RawLandlord>,
    pub nation: Option<String>,
    pub office_hours: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLandlord {
    pub code: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub emergency_phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub textphone: Option<String>,
}

/// A problem in a profile, naming the field as a dotted path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    pub field: String,
    pub problem: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

/// A checked profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyProfile {
    pub landlord: Landlord,
    pub nation: Nation,
    pub office_hours: OfficeHours,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landlord {
    /// Short, stable identifier used in the database (`northfield`).
    pub code: String,
    pub name: String,
    pub phone: String,
    /// Answered day and night, every day: emergencies always lead here.
    pub emergency_phone: String,
    pub email: String,
    pub address: String,
    pub textphone: Option<String>,
}

/// Opening and closing time for each weekday; a day without hours is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeHours {
    /// Monday first. `None` is closed.
    pub days: [Option<(NaiveTime, NaiveTime)>; 7],
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn weekday_name(day: Weekday) -> &'static str {
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

fn required(value: &Option<String>, field: &str, errors: &mut Vec<ProfileError>) -> String {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => v.to_owned(),
        Some(_) => {
            errors.push(problem(field, "must not be empty"));
            String::new()
        }
        None => {
            errors.push(problem(field, "is missing"));
            String::new()
        }
    }
}

fn problem(field: &str, text: &str) -> ProfileError {
    ProfileError {
        field: field.to_owned(),
        problem: text.to_owned(),
    }
}

fn parse_hours(text: &str) -> Result<Option<(NaiveTime, NaiveTime)>, &'static str> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("closed") {
        return Ok(None);
    }
    let (open, close) = text
        .split_once('-')
        .ok_or("must be \"HH:MM-HH:MM\" or \"closed\"")?;
    let open = NaiveTime::parse_from_str(open.trim(), "%H:%M")
        .map_err(|_| "has an opening time that is not HH:MM")?;
    let close = NaiveTime::parse_from_str(close.trim(), "%H:%M")
        .map_err(|_| "has a closing time that is not HH:MM")?;
    if close <= open {
        return Err("closes before it opens");
    }
    Ok(Some((open, close)))
}

impl RawProfile {
    /// Checks every field and returns all the problems found, not just the first.
    pub fn validate(self) -> Result<PolicyProfile, Vec<ProfileError>> {
        let mut errors = Vec::new();

        let landlord = match &self.landlord {
            None => {
                errors.push(problem("landlord", "is missing"));
                None
            }
            Some(l) => {
                let code = required(&l.code, "landlord.code", &mut errors);
                if !code.is_empty()
                    && !code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    errors.push(problem("landlord.code", "may use only a-z, 0-9 and -"));
                }
                let name = required(&l.name, "landlord.name", &mut errors);
                let phone = required(&l.phone, "landlord.phone", &mut errors);
                let emergency_phone =
                    required(&l.emergency_phone, "landlord.emergency_phone", &mut errors);
                let email = required(&l.email, "landlord.email", &mut errors);
                let address = required(&l.address, "landlord.address", &mut errors);
                for (field, value) in [
                    ("landlord.phone", &phone),
                    ("landlord.emergency_phone", &emergency_phone),
                ] {
                    if !value.is_empty() && !looks_like_phone(value) {
                        errors.push(problem(field, "is not a phone number"));
                    }
                }
                if !email.is_empty() && !looks_like_email(&email) {
                    errors.push(problem("landlord.email", "is not an email address"));
                }
                let textphone = l.textphone.as_deref().map(str::trim).map(str::to_owned);
                Some(Landlord {
                    code,
                    name,
                    phone,
                    emergency_phone,
                    email,
                    address,
                    textphone,
                })
            }
        };

        let nation = match self.nation.as_deref() {
            None => {
                errors.push(problem("nation", "is missing"));
                None
            }
            Some(text) => {
                let parsed = Nation::parse(text.trim());
                if parsed.is_none() {
                    errors.push(problem(
                        "nation",
                        &format!(
                            "\"{text}\" is not a nation; use england, wales, scotland or northern_ireland"
                        ),
                    ));
                }
                parsed
            }
        };

        let mut days = [None; 7];
        match &self.office_hours {
            None => errors.push(problem("office_hours", "is missing")),
            Some(map) => {
                for (key, value) in map {
                    let field = format!("office_hours.{key}");
                    let Some(index) = WEEKDAYS
                        .iter()
                        .position(|d| weekday_name(*d).eq_ignore_ascii_case(key))
                    else {
                        errors.push(problem(&field, "is not a day of the week"));
                        continue;
                    };
                    match parse_hours(value) {
                        Ok(hours) => days[index] = hours,
                        Err(text) => errors.push(problem(&field, text)),
                    }
                }
                if days.iter().all(Option::is_none) && errors.is_empty() {
                    errors.push(problem("office_hours", "must open on at least one day"));
                }
            }
        }

        match (landlord, nation) {
            (Some(landlord), Some(nation)) if errors.is_empty() => Ok(PolicyProfile {
                landlord,
                nation,
                office_hours: OfficeHours { days },
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn landlord() -> RawLandlord {
        RawLandlord {
            code: Some("northfield".into()),
            name: Some("Northfield Homes".into()),
            phone: Some("0161 496 0000".into()),
            emergency_phone: Some("0161 496 0999".into()),
            email: Some("help@northfield.example".into()),
            address: Some("1 High Street, Northfield".into()),
            textphone: None,
        }
    }

    fn hours(pairs: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
        Some(
            pairs
                .iter()
                .map(|(d, h)| (d.to_string(), h.to_string()))
                .collect(),
        )
    }

    fn raw() -> RawProfile {
        RawProfile {
            landlord: Some(landlord()),
            nation: Some("england".into()),
            office_hours: hours(&[
                ("monday", "08:00-17:30"),
                ("tuesday", "08:00-17:30"),
                ("wednesday", "08:00-17:30"),
                ("thursday", "08:00-17:30"),
                ("friday", "08:00-17:30"),
            ]),
        }
    }

    fn fields(errors: Vec<ProfileError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_profile_validates() {
        let profile = raw().validate().expect("valid");
        assert_eq!(profile.nation, Nation::England);
        assert_eq!(
            profile.office_hours.summary(),
            "Monday to Friday, 8am to 5:30pm"
        );
        assert_eq!(profile.office_hours.on(Weekday::Sat), None);
    }

    #[test]
    fn differing_days_are_summarised_separately() {
        let mut p = raw();
        p.office_hours = hours(&[
            ("monday", "09:00-17:00"),
            ("tuesday", "09:00-17:00"),
            ("wednesday", "09:00-17:00"),
            ("thursday", "09:00-17:00"),
            ("friday", "09:00-16:00"),
            ("saturday", "closed"),
        ]);
        let profile = p.validate().expect("valid");
        assert_eq!(
            profile.office_hours.summary(),
            "Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm"
        );
    }

    #[test]
    fn missing_and_empty_fields_are_named() {
        let mut p = raw();
        let mut l = landlord();
        l.phone = None;
        l.email = Some("  ".into());
        p.landlord = Some(l);
        let errors = p.validate().expect_err("invalid");
        assert_eq!(fields(errors.clone()), ["landlord.phone", "landlord.email"]);
        assert_eq!(errors[0].to_string(), "landlord.phone: is missing");
        assert_eq!(errors[1].problem, "must not be empty");
    }

    #[test]
    fn an_unknown_nation_is_refused_with_the_choices() {
        let mut p = raw();
        p.nation = Some("atlantis".into());
        let errors = p.validate().expect_err("invalid");
        assert_eq!(errors[0].field, "nation");
        assert!(errors[0].problem.contains("scotland"));
    }

    #[test]
    fn bad_office_hours_are_named_by_day() {
        let mut p = raw();
        p.office_hours = hours(&[
            ("monday", "17:00-09:00"),
            ("funday", "09:00-10:00"),
            ("friday", "9am"),
        ]);
        let errors = p.validate().expect_err("invalid");
        assert_eq!(
            fields(errors),
            [
                "office_hours.friday",
                "office_hours.funday",
                "office_hours.monday"
            ]
        );
    }

    #[test]
    fn bad_contact_details_and_codes_are_refused() {
        let mut p = raw();
        let mut l = landlord();
        l.phone = Some("call us".into());
        l.email = Some("help".into());
        l.code = Some("North Field".into());
        p.landlord = Some(l);
        let errors = p.validate().expect_err("invalid");
        assert_eq!(
            fields(errors),
            ["landlord.code", "landlord.phone", "landlord.email"]
        );
    }

    #[test]
    fn a_missing_landlord_section_is_named() {
        let mut p = raw();
        p.landlord = None;
        assert_eq!(fields(p.validate().expect_err("invalid")), ["landlord"]);
    }

    #[test]
    fn times_are_written_in_words() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        assert_eq!(time_in_words(t(8, 0)), "8am");
        assert_eq!(time_in_words(t(17, 30)), "5:30pm");
        assert_eq!(time_in_words(t(12, 0)), "12pm");
    }
}
