//! Service charges: a block's or an estate's costs for a year, line by line, and each home's
//! share in whole pence. Shares are worked out by the statement's method and always add up to
//! the line's total exactly: the pennies left over by rounding go to the homes whose exact
//! shares were cut the most. Also the statements' CSV, read with every problem reported by row
//! and column.

use super::housing::stored_as_text;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most a line may be: £100 million, far beyond any building's costs.
pub const MAX_PENCE: i64 = 10_000_000_000;
/// The longest explanation of a line.
pub const EXPLANATION_LIMIT: usize = 500;
/// The most lines a statement may have.
pub const MAX_LINES: usize = 60;

/// The cost headings every landlord uses; a profile may add its own.
pub const STANDARD_HEADINGS: &[&str] = &[
    "Cleaning",
    "Grounds maintenance",
    "Lift maintenance",
    "Door entry",
    "Communal electricity",
    "Buildings insurance",
    "Management fee",
    "Reserve fund",
];

mod compare;
mod csv;
mod money;
pub use compare::*;
pub use csv::*;
pub use money::*;

#[cfg(test)]
mod tests;
