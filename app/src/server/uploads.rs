//! Uploads nobody can reach any more, removed: photos added to a report that was never sent,
//! and stored files that no record names (a document or signed form chosen on a form that was
//! then left, a photo stored by a request that failed before its row was written). Both kinds
//! are only reachable from a session, and a session ends within 12 hours of signing in, so
//! anything older than a day is abandoned. Run by one node every few hours
//! (`server::startup`); each run looks at files written in the week before that day, so a
//! node down for a few days still finds what was left meanwhile. `server sweep-uploads` looks
//! at every file once.

use super::db::uploads as store;
use super::state::AppState;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};

/// How old an upload must be before it counts as abandoned: longer than any session lasts.
pub fn abandoned_after() -> Duration {
    Duration::days(1)
}

/// How far back each run looks for files no record names.
pub fn looks_back() -> Duration {
    Duration::days(8)
}

/// What one run removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Photos of reports never sent (their rows and their files).
    pub unsent_photos: usize,
    /// Stored files no record names.
    pub unnamed_files: usize,
}

/// Removes the abandoned uploads as of `now`, looking at the files written in the
/// [`looks_back`] before they count as abandoned.
pub async fn sweep(state: &AppState, now: DateTime<Utc>) -> Result<Swept, AppError> {
    sweep_from(state, now, now - abandoned_after() - looks_back()).await
}

/// [`sweep`], looking at every file written since `from` (`server sweep-uploads` looks at all
/// of them, once, for what earlier versions left).
pub async fn sweep_from(
    state: &AppState,
    now: DateTime<Utc>,
    from: DateTime<Utc>,
) -> Result<Swept, AppError> {
    let before = now - abandoned_after();
    let mut swept = Swept::default();
    loop {
        let photos = store::unsent_photos(&state.db, before, 500).await?;
        if photos.is_empty() {
            break;
        }
        for (id, key) in photos {
            // The row first: a report sent at this moment keeps its photo.
            if store::forget_unsent_photo(&state.db, id).await? {
                state.storage.delete(&key).await?;
                swept.unsent_photos += 1;
            }
        }
    }
    for key in state.storage.written_between(from, before).await? {
        if !store::is_named(&state.db, &key).await? {
            state.storage.delete(&key).await?;
            swept.unnamed_files += 1;
        }
    }
    Ok(swept)
}
