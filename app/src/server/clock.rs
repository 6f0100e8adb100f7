//! The time, as the application state gives it. In service it is the system's; a test can move
//! it forward (`advance`) instead of sleeping to let time pass. Clones share one offset, so a
//! test moving the clock of its `AppState` moves the server's.

use chrono::{DateTime, Duration, Utc};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Milliseconds added to the system's time (0 in service).
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward. For tests.
    pub fn advance(&self, by: Duration) {
        self.offset_ms
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_move_together() {
        let clock = Clock::default();
        let server = clock.clone();
        let before = server.now();
        clock.advance(Duration::seconds(61));
        let moved = server.now() - before;
        assert!(
            moved >= Duration::seconds(61) && moved < Duration::seconds(62),
            "{moved}"
        );
    }
}
