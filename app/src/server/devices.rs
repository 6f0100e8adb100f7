//! Devices an account has signed in from, recognised by a cookie, so that someone else's
//! guessing cannot lock the account holder out (OWASP's "device cookies"). An address is no
//! proof: households, offices and mobile networks share one, so trusting an address would leave
//! an account guarded only by the per-address limit. A device is trusted only for the account it
//! signed in to, and stops being trusted after a few wrong passwords of its own.

use super::db::throttle;
use super::state::AppState;
use crate::error::AppError;
use axum::http::{header, request::Parts, HeaderValue};
use chrono::{DateTime, Utc};
use leptos::prelude::use_context;

/// Wrong passwords from one trusted device before it is trusted no more.
pub const DEVICE_FAILURE_LIMIT: i64 = 5;
/// How long a device stays trusted without signing in again.
const DEVICE_DAYS: i64 = 365;

/// The cookie's name: `__Host-` prefixed (and so `Secure`) outside development, like the
/// session's.
fn cookie_name(development: bool) -> &'static str {
    if development {
        "doorstep_device"
    } else {
        "__Host-doorstep_device"
    }
}

/// The device token this request carries, if it carries one of the right shape.
fn presented(development: bool) -> Option<String> {
    let parts = use_context::<Parts>()?;
    let name = cookie_name(development);
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The trusted device this request comes from for `account_id`, if it is one.
pub async fn trusted(state: &AppState, account_id: i64) -> Result<Option<i64>, AppError> {
    let Some(token) = presented(state.site.development) else {
        return Ok(None);
    };
    let hash = super::db::account_tokens::hash_token(&token);
    throttle::trusted_device(&state.db, account_id, &hash, DEVICE_FAILURE_LIMIT).await
}

/// Counts a wrong password from a trusted device; at the limit the device is forgotten.
pub async fn failed(state: &AppState, device_id: i64) -> Result<(), AppError> {
    throttle::device_failed(&state.db, device_id, DEVICE_FAILURE_LIMIT).await
}

/// After a successful sign-in: the device is trusted for this account from now on (its
/// failures forgotten), with a new cookie when it had none for this account.
pub async fn remember(
    state: &AppState,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let development = state.site.development;
    if let Some(token) = presented(development) {
        let hash = super::db::account_tokens::hash_token(&token);
        if throttle::touch_device(&state.db, account_id, &hash, now).await? {
            return Ok(());
        }
    }
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return Ok(());
    };
    let token = super::tokens::link_token();
    let hash = super::db::account_tokens::hash_token(&token);
    throttle::add_device(&state.db, account_id, &hash, now).await?;
    let secure = if development { "" } else { "; Secure" };
    let cookie = format!(
        "{}={token}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax{secure}",
        cookie_name(development),
        DEVICE_DAYS * 24 * 60 * 60
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.append_header(header::SET_COOKIE, value);
    }
    Ok(())
}
