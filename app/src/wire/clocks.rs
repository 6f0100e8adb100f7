//! Where a deadline stands, as a page receives it: the domain's `ClockState`, or a case or job
//! ended without its clock being met. One component (`components::content::ProgressTag`) turns
//! it into words and a colour; nothing upstream formats it.

use crate::domain::deadline::ClockState;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    Clock(ClockState),
    /// A job cancelled before its deadline: the clock neither met nor missed.
    Cancelled,
    /// A request or case ended without what the clock waited for.
    Closed,
}

impl Progress {
    /// The words the tag shows.
    pub fn label(self) -> &'static str {
        match self {
            Progress::Clock(ClockState::Paused) => "Clock stopped",
            Progress::Clock(state) => state.label(),
            Progress::Cancelled => "Cancelled",
            Progress::Closed => "Closed",
        }
    }
}

impl From<ClockState> for Progress {
    fn from(state: ClockState) -> Progress {
        Progress::Clock(state)
    }
}

/// A deadline shown on a job, a case or a request: what must happen, by when, and how it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineLine {
    pub label: String,
    pub due: String,
    pub state: Progress,
}
