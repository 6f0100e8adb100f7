//! Work done every period by one node of however many: each node wakes every period and the
//! one that takes the turn (`app::server::db::periodic::take_turn`) does it; the others wait
//! for the next period. A failure is logged and the work tried again at the next period.

use app::server::db::Db;
use chrono::{DateTime, Utc};
use std::future::Future;
use std::time::Duration;

/// Runs `work` once every `period` in all until the server stops, the first time one period
/// after starting. `name` identifies the work in the turns table and in the log.
pub fn spawn<F, Fut>(db: Db, name: &'static str, period: Duration, work: F)
where
    F: Fn(Db, DateTime<Utc>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), String>> + Send,
{
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(period).await;
            let now = Utc::now();
            match app::server::db::periodic::take_turn(&db, name, now, period).await {
                Ok(true) => {
                    if let Err(error) = work(db.clone(), now).await {
                        tracing::warn!(work = name, %error, "periodic work failed");
                    }
                }
                Ok(false) => {}
                Err(error) => tracing::warn!(work = name, ?error, "periodic work: no turn taken"),
            }
        }
    });
}
