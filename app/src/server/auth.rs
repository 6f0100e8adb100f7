//! Who is signed in, and signing in. The session holds the account id, the account's session
//! epoch and the time of sign-in; the account is read afresh on each request, so a disabled
//! account, a password reset or "sign out everywhere" takes effect at once.

use super::db::accounts::{
    account_by_email, account_by_id, normalise_email, record_audit, Account, AuditEvent,
};
use super::db::throttle;
use super::password;
use super::request::client_address;
use super::state::AppState;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::session::*;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::sync::OnceCell;
use tower_sessions::Session;

const SIGNED_IN_KEY: &str = "signed_in";

/// However active, a session ends this long after sign-in.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// Failed attempts for one email before each further attempt has to wait.
pub const FAILURES_BEFORE_DELAY: i64 = 5;
/// The longest wait: an attacker can slow a resident down but never lock them out for good.
pub const LONGEST_DELAY: Duration = Duration::minutes(15);
pub const ADDRESS_WINDOW: Duration = Duration::minutes(15);

#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
struct SignedIn {
    account_id: i64,
    epoch: i64,
    /// When the person signed in (for the absolute time-out).
    at: DateTime<Utc>,
    /// When the session was last written. The store only saves a changed session, and saving
    /// is what pushes the idle time-out back, so activity rewrites this, at most once a minute.
    seen: DateTime<Utc>,
}

/// How often activity is written to the session store (and so how exact the idle time-out is).
const SEEN_GRANULARITY: Duration = Duration::minutes(1);

/// Whether a session is still signed in to `account`, and whether it should be written now to
/// push its idle time-out back.
#[derive(Debug, PartialEq, Eq)]
enum Standing {
    Ended,
    Current { touch: bool },
}

fn standing(signed_in: &SignedIn, account: Option<&Account>, now: DateTime<Utc>) -> Standing {
    match account {
        Some(a)
            if a.is_usable()
                && a.session_epoch == signed_in.epoch
                && now - signed_in.at < ABSOLUTE_TIMEOUT =>
        {
            Standing::Current {
                touch: now - signed_in.seen >= SEEN_GRANULARITY,
            }
        }
        _ => Standing::Ended,
    }
}

/// The signed-in account, read once per request: the header and the page both ask for it.
/// Provided fresh in each request's context by the server.
#[derive(Clone, Debug, Default)]
pub struct AccountMemo(Arc<OnceCell<Option<Account>>>);

/// The session's account as the server's middleware read it before the request was handled:
/// `None` inside when signed out, or `Err` when the database could not be asked. Reading (and
/// rewriting "seen") there, once, means no two parts of a page rendering at the same time ever
/// touch the session for it: they did, and a page whose form also read the session hung once
/// its minute for rewriting "seen" came round.
#[derive(Clone, Debug)]
pub struct RequestAccount(pub Result<Option<Account>, AppError>);

/// Reads the session's account for a request, before it is handled (the middleware's part).
pub async fn request_account(state: &super::state::AppState, session: &Session) -> RequestAccount {
    RequestAccount(session_account(state, session).await)
}

pub async fn current_account(session: &Session) -> Result<Option<Account>, AppError> {
    let from_request = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestAccount>().cloned());
    if let Some(RequestAccount(found)) = from_request {
        return found;
    }
    match leptos::prelude::use_context::<AccountMemo>() {
        Some(memo) => memo
            .0
            .get_or_try_init(|| read_current_account(session))
            .await
            .cloned(),
        None => read_current_account(session).await,
    }
}

async fn read_current_account(session: &Session) -> Result<Option<Account>, AppError> {
    let state = super::state::app_state()?;
    session_account(&state, session).await
}

tokio::task_local! {
    /// The account the session store read with the session, for the request loading it.
    static PRELOADED: std::cell::RefCell<Option<Account>>;
}

/// Called by the session store as it loads a session: the account read in the same statement,
/// kept for the request that is loading it and for nothing else (a task-local slot, empty
/// outside `signed_in_session`).
pub fn preloaded(account: Option<Account>) {
    let _ = PRELOADED.try_with(|slot| *slot.borrow_mut() = account);
}

/// The account a session's data says it is signed in to: the session store keeps it beside
/// the data, to read the account with the session.
pub fn signed_in_account(
    data: &std::collections::HashMap<String, serde_json::Value>,
) -> Option<i64> {
    data.get(SIGNED_IN_KEY)?.get("account_id")?.as_i64()
}

/// The session's sign-in and its account as it stands now: read with the session when this is
/// what loads it (one query), otherwise read on its own.
async fn signed_in_session(
    state: &super::state::AppState,
    session: &Session,
) -> Result<Option<(SignedIn, Option<Account>)>, AppError> {
    let (signed_in, preloaded) = PRELOADED
        .scope(std::cell::RefCell::new(None), async {
            let signed_in = session.get::<SignedIn>(SIGNED_IN_KEY).await;
            (signed_in, PRELOADED.with(|slot| slot.borrow_mut().take()))
        })
        .await;
    let Some(signed_in) = signed_in? else {
        return Ok(None);
    };
    let account = match preloaded {
        Some(account) if account.id == signed_in.account_id => Some(account),
        _ => account_by_id(&state.db, signed_in.account_id).await?,
    };
    Ok(Some((signed_in, account)))
}

/// The session's account, outside leptos (plain routes that carry bytes).
pub async fn session_account(
    state: &super::state::AppState,
    session: &Session,
) -> Result<Option<Account>, AppError> {
    let Some((signed_in, account)) = signed_in_session(state, session).await? else {
        return Ok(None);
    };
    let now = state.clock.now();
    match standing(&signed_in, account.as_ref(), now) {
        Standing::Ended => {
            // Ended elsewhere, timed out or disabled: this session is over too.
            session.flush().await?;
            Ok(None)
        }
        Standing::Current { touch } => {
            if touch {
                let seen = SignedIn {
                    seen: now,
                    ..signed_in
                };
                session.insert(SIGNED_IN_KEY, seen).await?;
            }
            Ok(account)
        }
    }
}

/// Pushes the idle time-out back ("Stay signed in"). False when the session is not signed in,
/// or no longer: ended elsewhere, timed out, its account disabled (then it is ended here too).
pub async fn keep_alive(
    state: &super::state::AppState,
    session: &Session,
) -> Result<bool, AppError> {
    let Some((signed_in, account)) = signed_in_session(state, session).await? else {
        return Ok(false);
    };
    let now = state.clock.now();
    if standing(&signed_in, account.as_ref(), now) == Standing::Ended {
        session.flush().await?;
        return Ok(false);
    }
    let seen = SignedIn {
        seen: now,
        ..signed_in
    };
    session.insert(SIGNED_IN_KEY, seen).await?;
    Ok(true)
}

/// What came of a sign-in attempt.
#[derive(Debug)]
pub enum SignIn {
    SignedIn(Account),
    /// Wrong email or password (the same answer for both).
    Refused,
    /// Too many failures for this email: try again after this time.
    Waiting(DateTime<Utc>),
    /// Too many attempts from this address.
    AddressLimited,
}

/// The wait after `failures` failed attempts: none up to five, then one minute, doubling,
/// at most fifteen minutes.
pub fn delay_after(failures: i64) -> Option<Duration> {
    let over = failures - FAILURES_BEFORE_DELAY;
    (over >= 0).then(|| (Duration::minutes(1) * 2_i32.pow(over.min(10) as u32)).min(LONGEST_DELAY))
}

/// Checks the password, with the throttles. An unknown, unconfirmed or disabled account still
/// costs one hash check and counts failures in the same way, so neither the time taken nor
/// the answers tell anyone who has an account.
pub async fn attempt_sign_in(
    state: &AppState,
    email: &str,
    password: String,
    now: DateTime<Utc>,
) -> Result<SignIn, AppError> {
    let db = &state.db;
    let key = normalise_email(email);
    let address = client_address();
    if let Some(address) = &address {
        if throttle::count_address_attempt(db, address, now, ADDRESS_WINDOW).await?
            > state.sign_in_address_limit
        {
            record_audit(db, AuditEvent::by(None, "sign_in_address_limited"), now).await?;
            return Ok(SignIn::AddressLimited);
        }
    }
    let account = account_by_email(db, &key).await?.filter(Account::is_usable);
    // A browser this account has signed in from before (its device cookie), while it has not
    // failed too often itself: someone else's guessing does not hold it back.
    let device = match &account {
        Some(a) => super::devices::trusted(state, a.id).await?,
        None => None,
    };
    if let Some(until) = throttle::blocked_until(db, &key)
        .await?
        .filter(|u| *u > now)
    {
        if device.is_none() {
            record_audit(
                db,
                AuditEvent::by(account.as_ref().map(|a| a.id), "sign_in_delayed"),
                now,
            )
            .await?;
            return Ok(SignIn::Waiting(until));
        }
    }
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    if password::verify(stored, password).await? {
        if let Some(account) = account {
            throttle::clear(db, &key).await?;
            return Ok(SignIn::SignedIn(account));
        }
    }
    if let Some(device) = device {
        super::devices::failed(state, device).await?;
    }
    let failures = throttle::record_failure(db, &key, now).await?;
    record_audit(
        db,
        AuditEvent::by(account.as_ref().map(|a| a.id), "sign_in_failed"),
        now,
    )
    .await?;
    if let Some(delay) = delay_after(failures) {
        throttle::block(db, &key, now + delay).await?;
        if let (Some(account), FAILURES_BEFORE_DELAY) = (&account, failures) {
            let landlord = &state.site.profile.landlord;
            let email =
                super::emails::sign_in_attempts(landlord, &account.display_name, &state.public_url);
            state.outbox.queue(db, &account.email, email).await?;
        }
    }
    Ok(SignIn::Refused)
}

/// Signs the account in with a new session id, so a session fixed before sign-in is useless.
pub async fn start_session(
    db: &super::db::Db,
    session: &Session,
    account: &Account,
) -> Result<(), AppError> {
    session.cycle_id().await?;
    // The application's clock, which the idle time-out is measured against.
    let state = super::state::app_state().ok();
    let now = state.as_ref().map_or_else(Utc::now, |s| s.clock.now());
    let signed_in = SignedIn {
        account_id: account.id,
        epoch: account.session_epoch,
        at: now,
        seen: now,
    };
    session.insert(SIGNED_IN_KEY, signed_in).await?;
    if let Some(state) = &state {
        super::devices::remember(state, account.id, now).await?;
    }
    record_audit(db, AuditEvent::by(Some(account.id), "sign_in"), now).await
}

/// Ends this session, and records who signed out.
pub async fn end_session(db: &super::db::Db, session: &Session) -> Result<(), AppError> {
    if let Some(signed_in) = session.get::<SignedIn>(SIGNED_IN_KEY).await? {
        record_audit(
            db,
            AuditEvent::by(Some(signed_in.account_id), "sign_out"),
            Utc::now(),
        )
        .await?;
    }
    session.flush().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::housing::Role;
    use crate::server::password::PasswordHash;

    fn account() -> Account {
        Account {
            id: 3,
            person_id: None,
            email: "a@example.org".into(),
            display_name: "A".into(),
            password_hash: PasswordHash::from_stored(String::new()),
            role: Role::Resident,
            disabled: false,
            confirmed: true,
            session_epoch: 2,
            firm_id: None,
        }
    }

    fn signed_in(at: DateTime<Utc>) -> SignedIn {
        SignedIn {
            account_id: 3,
            epoch: 2,
            at,
            seen: at,
        }
    }

    #[test]
    fn a_session_ends_twelve_hours_after_sign_in_however_active() {
        let start = Utc::now();
        let session = SignedIn {
            seen: start + Duration::hours(11),
            ..signed_in(start)
        };
        let a = account();
        assert_eq!(
            standing(&session, Some(&a), start + Duration::minutes(719)),
            Standing::Current { touch: true }
        );
        assert_eq!(
            standing(&session, Some(&a), start + Duration::hours(12)),
            Standing::Ended
        );
    }

    #[test]
    fn activity_is_written_at_most_once_a_minute() {
        let start = Utc::now();
        let a = account();
        assert_eq!(
            standing(&signed_in(start), Some(&a), start + Duration::seconds(59)),
            Standing::Current { touch: false }
        );
        assert_eq!(
            standing(&signed_in(start), Some(&a), start + Duration::seconds(60)),
            Standing::Current { touch: true }
        );
    }

    #[test]
    fn a_new_epoch_a_disabled_or_missing_account_ends_the_session() {
        let now = Utc::now();
        let session = signed_in(now);
        assert_eq!(standing(&session, None, now), Standing::Ended);
        assert_eq!(
            standing(
                &session,
                Some(&Account {
                    session_epoch: 3,
                    ..account()
                }),
                now
            ),
            Standing::Ended
        );
        assert_eq!(
            standing(
                &session,
                Some(&Account {
                    disabled: true,
                    ..account()
                }),
                now
            ),
            Standing::Ended
        );
        assert_eq!(
            standing(
                &session,
                Some(&Account {
                    confirmed: false,
                    ..account()
                }),
                now
            ),
            Standing::Ended
        );
    }

    #[test]
    fn the_delay_grows_and_stops_growing() {
        assert_eq!(delay_after(4), None);
        assert_eq!(delay_after(5), Some(Duration::minutes(1)));
        assert_eq!(delay_after(6), Some(Duration::minutes(2)));
        assert_eq!(delay_after(8), Some(Duration::minutes(8)));
        assert_eq!(delay_after(9), Some(LONGEST_DELAY));
        assert_eq!(delay_after(1000), Some(LONGEST_DELAY));
    }
}

/// Signs in with email and password. A wrong email and a wrong password get the same message
/// and take the same time.
pub async fn sign_in_form(
    state: &AppState,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::navigation::{safe_return_path, sign_in_returning_to};
    use crate::server::forms::Reply;
    use crate::server::{auth, flash, request::session};
    let session = session()?;
    let email = email.trim().to_owned();
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add("email", "Enter your email address");
    }
    if password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if errors.is_empty() {
        use crate::server::auth::SignIn;
        let now = state.clock.now();
        match auth::attempt_sign_in(state, &email, password, now).await? {
            SignIn::SignedIn(account) => {
                auth::start_session(&state.db, &session, &account).await?;
                let next = next.as_deref().and_then(safe_return_path);
                return Ok(Reply::go(next.unwrap_or("/your-home")));
            }
            SignIn::Refused => errors.add(
                "email",
                "The email address or password is not right. Check them and try again",
            ),
            SignIn::Waiting(until) => errors.add(
                "email",
                format!(
                    "There have been too many attempts to sign in with this email address. \
                     Try again after {}, or reset your password",
                    crate::domain::london::to_local(until).format("%-I:%M%P")
                ),
            ),
            SignIn::AddressLimited => errors.add(
                "email",
                "There have been too many attempts to sign in from your internet connection. \
                 Try again in 15 minutes, or phone us",
            ),
        }
    }
    let values = SignInFields {
        email,
        errors: FieldErrors::default(),
    };
    flash::keep(&session, "sign_in", values, errors).await?;
    Ok(Reply::go(sign_in_returning_to(
        next.as_deref().unwrap_or_default(),
    )))
}
