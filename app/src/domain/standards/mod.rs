//! The landlord's service standards as a profile states them, checked: contact standards,
//! the complaint regime, repair priorities, hazard rules (Awaab's Law), subject access
//! requests, the due-soon threshold and satisfaction targets.

use super::deadline::DueSoon;
use super::housing::Nation;
use super::problems::{problem, required, ProfileError};
use super::timescale::{Timescale, Unit};
use serde::{Deserialize, Serialize};

mod hazards;
mod raw;
mod rules;
mod validate;
use hazards::*;
pub use raw::*;
pub use rules::*;
pub use validate::*;

#[cfg(test)]
mod tests;
