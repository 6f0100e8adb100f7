//! What a resident types to claim an account, checked before anything is looked up.

use super::housing::Postcode;
use super::validation::{looks_like_email, tidy, FieldErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The claim form as typed (never the password: that is not sent back to the page).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimInput {
    pub reference: String,
    pub postcode: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub email: String,
}

/// A well-formed claim, ready to compare with the records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub reference: String,
    pub postcode: Postcode,
    pub born: NaiveDate,
    pub email: String,
}

/// A date from three boxes as people type them ("7", "07", " 2024 "), or `None`.
pub fn date_from_parts(day: &str, month: &str, year: &str) -> Option<NaiveDate> {
    let number = |s: &str| s.trim().parse::<u32>().ok();
    let year = i32::try_from(number(year)?).ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)
}

impl ClaimInput {
    /// Checks each field's form, in page order, against `today` for the date of birth.
    pub fn validate(&self, today: NaiveDate) -> Result<Claim, FieldErrors> {
        let mut errors = FieldErrors::default();
        let reference = tidy(&self.reference).to_uppercase();
        if reference.is_empty() {
            errors.add(
                "reference",
                "Enter your tenancy or lease reference. It is on your agreement and your rent statements",
            );
        } else if reference.chars().count() > 40 {
            errors.add("reference", "Your reference must be 40 characters or fewer");
        }
        let postcode = Postcode::parse(&self.postcode);
        if self.postcode.trim().is_empty() {
            errors.add("postcode", "Enter the postcode of your home");
        } else if postcode.is_none() {
            errors.add("postcode", "Enter a real postcode, like NG9 4AB");
        }
        let born = date_from_parts(&self.day, &self.month, &self.year);
        let all_blank = [&self.day, &self.month, &self.year]
            .iter()
            .all(|p| p.trim().is_empty());
        match born {
            _ if all_blank => errors.add("born", "Enter your date of birth"),
            None => errors.add(
                "born",
                "Date of birth must be a real date, for example 27 3 1985",
            ),
            Some(d) if d >= today => errors.add("born", "Date of birth must be in the past"),
            Some(_) => {}
        }
        let email = tidy(&self.email);
        if email.is_empty() {
            errors.add("email", "Enter your email address");
        } else if !looks_like_email(&email) || email.chars().count() > 254 {
            errors.add(
                "email",
                "Enter an email address in the correct format, like name@example.com",
            );
        }
        match (postcode, born) {
            (Some(postcode), Some(born)) if errors.is_empty() => Ok(Claim {
                reference,
                postcode,
                born,
                email,
            }),
            _ => Err(errors),
        }
    }
}

/// Failed claims for one tenancy reference before each further claim has to wait, whatever
/// address it comes from: a resident who mistypes has room, a guesser does not.
pub const CLAIM_FAILURES_BEFORE_WAIT: i64 = 3;

/// The wait after `failures` failed claims for one reference: none up to three, then five
/// minutes, doubling, at most a day. 141 guesses (what found a date of birth in under a second)
/// would take months; a resident can always phone instead.
pub fn claim_wait_after(failures: i64) -> Option<chrono::Duration> {
    let over = failures - CLAIM_FAILURES_BEFORE_WAIT;
    (over >= 0).then(|| {
        (chrono::Duration::minutes(5) * 2_i32.pow(over.min(12) as u32))
            .min(chrono::Duration::days(1))
    })
}

/// An email address as we may repeat it to someone who might not own it: the first letter of
/// the name and the whole domain ("j…@example.net"), enough to recognise, not to use.
pub fn masked_email(email: &str) -> String {
    match email.split_once('@') {
        Some((name, domain)) => {
            let first: String = name.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => "…".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_for_one_reference_wait_longer_after_each_failure_up_to_a_day() {
        use chrono::Duration;
        assert_eq!(claim_wait_after(2), None);
        assert_eq!(claim_wait_after(3), Some(Duration::minutes(5)));
        assert_eq!(claim_wait_after(4), Some(Duration::minutes(10)));
        assert_eq!(claim_wait_after(10), Some(Duration::minutes(640)));
        assert_eq!(claim_wait_after(12), Some(Duration::days(1)));
        assert_eq!(claim_wait_after(10_000), Some(Duration::days(1)));
        // 141 guesses, each after the wait the last failure set, take far longer than a month.
        let total: Duration = (1..141).filter_map(claim_wait_after).sum();
        assert!(total > Duration::days(120), "{total}");
    }

    #[test]
    fn an_email_is_masked_to_its_first_letter_and_domain() {
        assert_eq!(masked_email("jamal.reid@example.net"), "j…@example.net");
        assert_eq!(masked_email("nonsense"), "…");
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    fn input() -> ClaimInput {
        ClaimInput {
            reference: " nfh-t-0001 ".into(),
            postcode: "ng94ab".into(),
            day: "7".into(),
            month: "03".into(),
            year: "1985".into(),
            email: "sam@example.org".into(),
        }
    }

    #[test]
    fn a_complete_claim_is_tidied() {
        let claim = input().validate(today()).expect("valid");
        assert_eq!(claim.reference, "NFH-T-0001");
        assert_eq!(claim.postcode.as_str(), "NG9 4AB");
        assert_eq!(
            claim.born,
            NaiveDate::from_ymd_opt(1985, 3, 7).unwrap_or_default()
        );
    }

    #[test]
    fn every_problem_is_reported_in_page_order() {
        let errors = ClaimInput::default()
            .validate(today())
            .expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["reference", "postcode", "born", "email"]);
    }

    #[test]
    fn impossible_and_future_dates_are_refused() {
        for (d, m, y) in [
            ("31", "2", "1990"),
            ("1", "13", "1990"),
            ("x", "1", "1990"),
            ("1", "1", "90"),
        ] {
            let claim = ClaimInput {
                day: d.into(),
                month: m.into(),
                year: y.into(),
                ..input()
            };
            assert!(claim.validate(today()).is_err(), "{d}/{m}/{y}");
        }
        let future = ClaimInput {
            year: "2030".into(),
            ..input()
        };
        let errors = future.validate(today()).expect_err("future");
        assert_eq!(
            errors.for_field("born"),
            Some("Date of birth must be in the past")
        );
    }
}
