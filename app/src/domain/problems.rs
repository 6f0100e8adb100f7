//! How the profile's checks report a problem: the field as a dotted path and what is wrong.

use std::fmt;

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

pub fn required(value: &Option<String>, field: &str, errors: &mut Vec<ProfileError>) -> String {
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

pub fn problem(field: &str, text: &str) -> ProfileError {
    ProfileError {
        field: field.to_owned(),
        problem: text.to_owned(),
    }
}
