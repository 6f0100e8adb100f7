//! Cases a resident opens by writing to us: complaints, compliments and enquiries. The complaint
//! stage machine lives here, pure: which step may follow which under the landlord's regime
//! (English Housing Ombudsman Code or Scottish SPSO model), which deadlines each step starts
//! and meets, how far a response may be extended, and the rule that stage 2 is handled by
//! someone not involved at stage 1.

use super::deadline::Schedule;
use super::housing::{stored_as_text, Tenure};
use super::standards::{ComplaintRegime, ComplaintStage, RespondFrom};
use super::timescale::Timescale;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest text a resident or colleague may write in one box.
pub const TEXT_LIMIT: usize = 2000;
/// The longest short answer ("when did it happen", "who helped you").
pub const SHORT_LIMIT: usize = 200;

mod complaint;
mod contact;
mod kinds;
mod questions;
mod report;
pub use complaint::*;
pub use contact::*;
pub use kinds::*;
pub use questions::*;
pub use report::*;

#[cfg(test)]
mod contact_tests;
#[cfg(test)]
mod tests;
