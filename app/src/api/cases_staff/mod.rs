//! Cases for staff: the queue of complaints, compliments and questions (what breaches first, at
//! the top), the complaint workflow under the landlord's regime, recording a complaint from a
//! phone call or letter, and the complaints reports (CH01, CH02).
//!
//! Every change checks the stage machine (`domain::cases`), is written with its timeline entry
//! only if the case is still as it was read, goes into the audit trail against the resident,
//! and, when the resident can see it, is emailed to them (and the advocate who made it).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::wire::forms::Offered;
use leptos::prelude::*;

pub use crate::wire::cases_staff::*;

#[cfg(feature = "ssr")]
use crate::server::cases::workflow::*;

mod extend;
mod handle;
mod notes;
mod queue;
mod record;
mod report;
pub use extend::*;
pub use handle::*;
pub use notes::*;
pub use queue::*;
pub use record::*;
pub use report::*;
