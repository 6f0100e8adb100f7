//! Repairs in the store: jobs, their clocks, timeline, followers, photos and appointments.
//! Everything that changes a job writes its timeline event in the same transaction.

use super::clocks::StoredClock;
use super::{bind, insert_once, Bind, Db};
use crate::db_run;
use crate::domain::clocks::Subject;
use crate::domain::repairs::{ClockKind, RepairRelation, Status};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

mod change;
mod field;
mod followers;
mod jobs;
mod queue;
mod visits;
pub use change::*;
pub use field::*;
pub use followers::*;
pub use jobs::*;
pub use queue::*;
pub use visits::*;
