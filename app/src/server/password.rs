//! Password hashing with argon2id and the crate's default parameters, always off the async
//! runtime. Hashes never cross the wire: `PasswordHash` has no `Serialize`.

use crate::error::{internal, AppError};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn from_stored(text: String) -> Self {
        PasswordHash(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(..)")
    }
}

pub fn hash_blocking(password: &str) -> Result<PasswordHash, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| PasswordHash(h.to_string()))
        .map_err(internal)
}

/// Hashes run on the blocking pool, at most one per two cores at a time (at least one): a
/// burst of sign-ins queues here instead of taking every core from the pages being served.
fn hashing_permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Semaphore::new(cores.div_ceil(2))
    })
}

async fn off_the_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = hashing_permits().acquire().await.map_err(internal)?;
    tokio::task::spawn_blocking(work).await.map_err(internal)
}

pub async fn hash(password: String) -> Result<PasswordHash, AppError> {
    off_the_runtime(move || hash_blocking(&password)).await?
}

/// A hash of a password nobody knows, checked when the account does not exist so that the
/// answer takes as long as for a real account.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_blocking("doorstep-dummy-password-for-timing")
            .map(|h| h.0)
            .unwrap_or_default()
    })
}

/// True when the password matches. With no stored hash, checks the dummy and answers false.
pub async fn verify(stored: Option<PasswordHash>, password: String) -> Result<bool, AppError> {
    off_the_runtime(move || {
        let known = stored.is_some();
        let text = stored
            .map(|h| h.0)
            .unwrap_or_else(|| dummy_hash().to_owned());
        let Ok(parsed) = argon2::PasswordHash::new(&text) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        known && ok
    })
    .await
}

/// The shortest password allowed (NCSC and NIST: length, not composition rules).
pub const MIN_LENGTH: usize = 8;
/// The longest, in characters: long enough for any passphrase or password manager, short
/// enough that hashing it costs nothing extra.
pub const MAX_LENGTH: usize = 256;

const COMMON_PASSWORDS: &str = include_str!("../../../config/common-passwords.txt");

fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    COMMON_PASSWORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l.trim() == lower)
}

/// What is wrong with a password someone has chosen, as the message to show them, or `None`.
/// Any characters are allowed, pasting is allowed, and no mix of letters and digits is asked
/// for: only length, and not being one of the passwords tried first in every attack.
pub fn problem_with_new_password(password: &str, email: &str) -> Option<&'static str> {
    let length = password.chars().count();
    if password.is_empty() {
        return Some("Enter a password");
    }
    if length < MIN_LENGTH {
        return Some("Your password must be at least 8 characters");
    }
    if length > MAX_LENGTH {
        return Some("Your password must be 256 characters or fewer");
    }
    let lower = password.to_lowercase();
    let email = email.trim().to_lowercase();
    let local_part = email.split('@').next().unwrap_or_default();
    let one_character = password.chars().all(|c| password.starts_with(c));
    if is_common(password) || one_character || lower == email || lower == local_part {
        return Some("This password is too easy to guess. Choose a different one, for example three random words");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_the_rule_not_composition() {
        assert_eq!(
            problem_with_new_password("", "a@b.c"),
            Some("Enter a password")
        );
        assert!(problem_with_new_password("seven77", "a@b.c").is_some());
        assert_eq!(
            problem_with_new_password("correct horse battery", "a@b.c"),
            None
        );
        assert_eq!(
            problem_with_new_password("alllowercaseletters", "a@b.c"),
            None
        );
        assert_eq!(
            problem_with_new_password(&"horse ".repeat(10), "a@b.c"),
            None
        );
        assert!(problem_with_new_password(&"ab".repeat(129), "a@b.c").is_some());
        // Characters, not bytes: eight accented letters are eight characters.
        assert_eq!(problem_with_new_password("éàüößçñø", "a@b.c"), None);
    }

    #[test]
    fn common_and_obvious_passwords_are_refused() {
        for bad in [
            "password1",
            "PASSWORD1",
            "12345678",
            "qwertyuiop",
            "zzzzzzzzzz",
        ] {
            assert!(problem_with_new_password(bad, "a@b.c").is_some(), "{bad}");
        }
        assert!(problem_with_new_password("amira.hassan", "amira.hassan@example.org").is_some());
    }
}
