//! Sessions live in the running database: one store type over both engines' stores, so the
//! session layer is built once whichever engine `DATABASE_URL` names.

use app::server::db::Db;
use async_trait::async_trait;
use tower_sessions::cookie::time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Store {
    pub fn for_db(db: &Db) -> Store {
        match db {
            Db::Sqlite(pool) => Store::Sqlite(SqliteStore::new(pool.clone())),
            Db::Postgres(pool) => Store::Postgres(PostgresStore::new(pool.clone())),
        }
    }

    /// Creates the store's table if it is not there yet (the store owns its schema).
    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        match self {
            Store::Sqlite(s) => s.migrate().await,
            Store::Postgres(s) => s.migrate().await,
        }
    }

    /// Removes expired sessions once every `period` in all, whichever node's turn it is
    /// (`periodic::take_turn`), until the server stops. A failure is logged and tried again at
    /// the next period.
    pub fn spawn_cleanup(&self, db: Db, period: std::time::Duration) {
        let store = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(period).await;
                let now = chrono::Utc::now();
                match app::server::db::periodic::take_turn(&db, "expired_sessions", now, period)
                    .await
                {
                    Ok(true) => {
                        let result = match &store {
                            Store::Sqlite(s) => s.delete_expired().await,
                            Store::Postgres(s) => s.delete_expired().await,
                        };
                        if let Err(error) = result {
                            tracing::warn!(%error, "expired sessions could not be removed");
                        }
                    }
                    Ok(false) => {}
                    Err(error) => tracing::warn!(?error, "periodic work: no turn taken"),
                }
            }
        });
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(s) => s.load(id).await,
            Store::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
        }
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
