//! Random values: submission tokens that make a form act once, and case references.

use crate::domain::reference::{make_reference, LENGTH};
use rand::RngCore;

const TOKEN_BYTES: usize = 16;

/// 128 random bits as hex: unguessable and unique per rendered form.
pub fn submission_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 256 random bits as hex, for emailed links.
pub fn link_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn is_submission_token(text: &str) -> bool {
    text.len() == TOKEN_BYTES * 2 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn reference(prefix: &str) -> String {
    let mut bytes = [0u8; LENGTH];
    rand::thread_rng().fill_bytes(&mut bytes);
    make_reference(prefix, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_recognised_and_differ() {
        let a = submission_token();
        assert!(is_submission_token(&a));
        assert_ne!(a, submission_token());
        assert!(!is_submission_token("not-a-token"));
    }
}
