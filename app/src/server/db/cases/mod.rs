//! Cases in the store: complaints, compliments and enquiries, their clocks, timeline, responses,
//! outstanding actions and stage handlers, and advocates' permissions. Every change to a case
//! writes its timeline entry in the same transaction, and only applies when the case is still
//! in the state the change was planned from.

use super::clocks::StoredClock;
use super::{bind, insert_once, Bind, Db};
use crate::db_run;
use crate::domain::cases::{ClockKind, Status};
use crate::domain::clocks::Subject;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

mod change;
mod colleagues;
mod create;
mod permissions;
mod queue;
mod read;
mod report;
pub use change::*;
pub use colleagues::*;
pub use create::*;
pub use permissions::*;
pub use queue::*;
pub use read::*;
pub use report::*;
