//! Sessions live in the running database, in Doorstep's own table (`sessions`, migration 0017)
//! on either engine. A session's row names the account it is signed in to, so loading it reads
//! that account in the same statement (`db::sessions::load`) and hands it to `auth` for this
//! request only (`auth::preloaded`): one query where there were two, and nothing cached between
//! requests or shared between nodes.

use app::server::db::{sessions as table, Db};
use async_trait::async_trait;
use tower_sessions::cookie::time::{Duration, OffsetDateTime};
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};

#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
}

fn backend(error: impl std::fmt::Debug) -> session_store::Error {
    session_store::Error::Backend(format!("{error:?}"))
}

/// The row's parts: the data as JSON, the expiry in Unix seconds, the signed-in account.
fn row(record: &Record) -> session_store::Result<(Vec<u8>, i64, Option<i64>)> {
    let data = serde_json::to_vec(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    Ok((
        data,
        record.expiry_date.unix_timestamp(),
        app::server::auth::signed_in_account(&record.data),
    ))
}

impl Store {
    pub fn for_db(db: &Db) -> Store {
        Store { db: db.clone() }
    }

    /// Removes expired sessions once every `period` in all, whichever node's turn it is, until
    /// the server stops (`crate::periodic`).
    pub fn spawn_cleanup(&self, db: Db, period: std::time::Duration) {
        crate::periodic::spawn(db, "expired_sessions", period, |db, now| async move {
            table::delete_expired(&db, now.timestamp())
                .await
                .map(|_| ())
                .map_err(|error| format!("expired sessions could not be removed: {error:?}"))
        });
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let (data, expiry, account) = row(record)?;
        while !table::create(&self.db, &record.id.to_string(), &data, expiry, account)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (data, expiry, account) = row(record)?;
        table::save(&self.db, &record.id.to_string(), &data, expiry, account)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let Some(loaded) = table::load(&self.db, &id.to_string(), now)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_slice(&loaded.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(loaded.expiry)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        app::server::auth::preloaded(loaded.account);
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        table::delete(&self.db, &id.to_string())
            .await
            .map_err(backend)
    }
}

/// The cookie is `__Host-` prefixed and `Secure` outside development (browsers refuse such a
/// cookie over plain http, which local development uses).
pub fn layer(store: Store, development: bool) -> SessionManagerLayer<Store> {
    let name = if development {
        "doorstep_session"
    } else {
        "__Host-doorstep_session"
    };
    SessionManagerLayer::new(store)
        .with_name(name)
        .with_secure(!development)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(Duration::minutes(i64::from(
            app::site::SESSION_IDLE_MINUTES,
        ))))
}
