//! How a resident wants to be contacted and what they need from us, and the one rule that
//! decides how a message reaches them. Pure: no I/O, so every case is a line of a table test.

use serde::{Deserialize, Serialize};

mod choices;
mod delivery;
mod settings;
pub use choices::*;
pub use delivery::*;
pub use settings::*;

#[cfg(test)]
mod tests;
