//! Repairs: the diagnosis tree (what to ask and where each answer leads), who is responsible
//! for a repair by tenure, appointment slots, the states of a job and its timeline. Pure rules;
//! the tree is a file people edit (`config/repairs.toml`), so it is checked in full at start-up
//! and every problem names its place in the file.

use super::housing::Tenure;
use super::profile::{problem, ProfileError};
use super::standards::RepairPriority;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod check;
mod life;
mod raw;
mod setup;
mod window;
pub use check::*;
pub use life::*;
pub use raw::*;
pub use setup::*;
pub use window::*;

#[cfg(test)]
mod tests;
