//! Password hashing with argon2id and the crate's default parameters, always off the async
//! runtime. Hashes never cross the wire: `PasswordHash` has no `Serialize`.

use crate::error::{internal, AppError};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;

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

pub async fn hash(password: String) -> Result<PasswordHash, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(internal)?
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
    tokio::task::spawn_blocking(move || {
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
    .map_err(internal)
}
