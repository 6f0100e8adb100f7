//! "Contact us": a message anyone can send, before or without an account. It is the first real
//! form and proves the pattern every later form follows (validate, show again, act once).

use super::validation::{char_len, looks_like_email, looks_like_phone, tidy, FieldErrors};
use serde::{Deserialize, Serialize};

pub const MESSAGE_LIMIT: usize = 2000;
pub const NAME_LIMIT: usize = 100;

/// What the person typed, kept exactly so that it can be shown back to them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub message: String,
}

/// A message that passed every check: at least one way to reply is present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactMessage {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub message: String,
}

impl ContactInput {
    /// Checks the input and returns the message to store, or every problem at once.
    pub fn validate(&self) -> Result<ContactMessage, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = tidy(&self.name);
        let email = tidy(&self.email);
        let phone = tidy(&self.phone);
        let message = tidy(&self.message);

        if name.is_empty() {
            errors.add("name", "Enter your name");
        } else if char_len(&name) > NAME_LIMIT {
            errors.add(
                "name",
                format!("Your name must be {NAME_LIMIT} characters or fewer"),
            );
        }
        if email.is_empty() && phone.is_empty() {
            errors.add(
                "email",
                "Enter an email address or a phone number so we can reply",
            );
        }
        if !email.is_empty() && !looks_like_email(&email) {
            errors.add(
                "email",
                "Enter an email address in the correct format, like name@example.com",
            );
        }
        if !phone.is_empty() && !looks_like_phone(&phone) {
            errors.add(
                "phone",
                "Enter a phone number, like 01632 960 001 or 07700 900 982",
            );
        }
        if message.is_empty() {
            errors.add("message", "Enter your message");
        } else if char_len(&message) > MESSAGE_LIMIT {
            errors.add(
                "message",
                format!("Your message must be {MESSAGE_LIMIT} characters or fewer"),
            );
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ContactMessage {
            name,
            email: (!email.is_empty()).then_some(email),
            phone: (!phone.is_empty()).then_some(phone),
            message,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, email: &str, phone: &str, message: &str) -> ContactInput {
        ContactInput {
            name: name.into(),
            email: email.into(),
            phone: phone.into(),
            message: message.into(),
        }
    }

    #[test]
    fn a_complete_message_with_email_only_is_accepted_and_tidied() {
        let ok = input("  Sam Jones ", "sam@example.org", "", " Hello\r\nthere ")
            .validate()
            .expect("valid");
        assert_eq!(ok.name, "Sam Jones");
        assert_eq!(ok.email.as_deref(), Some("sam@example.org"));
        assert_eq!(ok.phone, None);
        assert_eq!(ok.message, "Hello\nthere");
    }

    #[test]
    fn an_empty_form_reports_every_missing_field_in_page_order() {
        let errors = input("", "", "", "").validate().expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "message"]);
    }

    #[test]
    fn a_bad_email_and_a_bad_phone_are_both_reported() {
        let errors = input("Sam", "sam@", "12", "Hi")
            .validate()
            .expect_err("invalid");
        assert!(errors.for_field("email").is_some());
        assert!(errors.for_field("phone").is_some());
    }

    #[test]
    fn a_message_over_the_limit_is_refused_and_one_at_the_limit_is_not() {
        let at_limit = "é".repeat(MESSAGE_LIMIT);
        assert!(input("Sam", "", "07700 900 982", &at_limit)
            .validate()
            .is_ok());
        let over = "a".repeat(MESSAGE_LIMIT + 1);
        let errors = input("Sam", "", "07700 900 982", &over)
            .validate()
            .expect_err("invalid");
        assert!(errors.for_field("message").is_some());
    }
}
