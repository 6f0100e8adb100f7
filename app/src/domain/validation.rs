//! The shape every form's validation returns: the values as the person typed them and a
//! message per field, in page order, so a page can show them again with an error summary.

use serde::{Deserialize, Serialize};

/// One problem with one field, worded for the person filling in the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The `name` (and `id`) of the input the message belongs to.
    pub field: String,
    pub message: String,
}

/// Problems found in a submitted form, in the order the fields appear on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }
}

/// Trims the text and folds Windows line endings, so that limits count what the person sees.
pub fn tidy(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

/// Counts characters as a person would (not bytes), the same way the character-count island does.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// A deliberately loose email check: something@something.something, no spaces. Real proof that
/// an address works is a message that arrives; this only catches slips of the thumb.
/// A date from day, month and year boxes, in the years a housing record can hold.
pub fn date_of(day: &str, month: &str, year: &str) -> Option<chrono::NaiveDate> {
    let n = |v: &str| v.trim().parse::<u32>().ok();
    let year = year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))?;
    chrono::NaiveDate::from_ymd_opt(year, n(month)?, n(day)?)
}

pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !text.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// An https address with something after the scheme and no spaces or quote marks (safe to put
/// in an HTML attribute once escaped).
pub fn looks_like_https_address(text: &str) -> bool {
    text.strip_prefix("https://").is_some_and(|rest| {
        !rest.is_empty() && !rest.contains(|c: char| c.is_whitespace() || c == '"')
    })
}

/// UK phone numbers as people write them: digits with spaces, brackets, dashes and an optional
/// leading +. Between 10 and 13 digits.
pub fn looks_like_phone(text: &str) -> bool {
    let allowed = text.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-') || (c == '+' && i == 0)
    });
    let digits = text.chars().filter(char::is_ascii_digit).count();
    allowed && (10..=13).contains(&digits)
}

/// A person's name as a resident may type it for an email we send: letters (of any alphabet),
/// spaces, hyphens and apostrophes, at most 100 characters. Nothing that could read as a link,
/// an address or an instruction ("Visit evil.example") goes into the landlord's email.
pub fn is_plain_name(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && name.chars().count() <= 100
        && name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '\u{2019}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_with_an_at_and_a_dotted_domain_pass() {
        assert!(looks_like_email("sam@example.org"));
        assert!(looks_like_email("first.last+tag@mail.example.co.uk"));
    }

    #[test]
    fn emails_missing_parts_or_with_spaces_fail() {
        for bad in [
            "",
            "sam",
            "sam@",
            "@example.org",
            "sam@example",
            "sam @example.org",
            "sam@.org",
            "sam@org.",
        ] {
            assert!(!looks_like_email(bad), "{bad} should fail");
        }
    }

    #[test]
    fn phone_numbers_as_people_write_them_pass() {
        assert!(looks_like_phone("0161 496 0000"));
        assert!(looks_like_phone("+44 (0)161 496-0000"));
        assert!(looks_like_phone("07700900123"));
    }

    #[test]
    fn phone_numbers_too_short_or_with_letters_fail() {
        assert!(!looks_like_phone("12345"));
        assert!(!looks_like_phone("0161 CALL NOW"));
        assert!(!looks_like_phone("0161+4960000"));
    }

    #[test]
    fn tidy_trims_and_folds_line_endings_and_char_len_counts_characters() {
        assert_eq!(tidy("  a\r\nb  "), "a\nb");
        assert_eq!(char_len("café"), 4);
    }

    #[test]
    fn field_errors_keep_page_order_and_find_by_field() {
        let mut errors = FieldErrors::default();
        errors.add("name", "Enter your name");
        errors.add("email", "Enter an email address");
        assert_eq!(errors.for_field("email"), Some("Enter an email address"));
        assert_eq!(errors.iter().next().map(|e| e.field.as_str()), Some("name"));
        assert!(errors.for_field("phone").is_none());
    }

    #[test]
    fn a_plain_name_has_letters_spaces_hyphens_and_apostrophes_only() {
        for good in [
            "Priya Shah",
            "Siobhán Ní Bhriain",
            "Zoë O'Neill",
            "Łukasz Nowak-Kowalski",
            "Aoife O\u{2019}Brien",
        ] {
            assert!(is_plain_name(good), "{good}");
        }
        let long = "a".repeat(101);
        for bad in [
            "Visit http://evil.example/login to accept",
            "evil.example",
            "Call 0800 000 000",
            "name@example.org",
            "",
            "  ",
            "--",
            long.as_str(),
        ] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
