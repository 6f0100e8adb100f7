//! Documents: versions and where they belong, who is entitled to them, downloads, visits, and
//! the yearly safety information given to each resident.

use super::Db;
use crate::db_run;
use crate::domain::documents::{Audience, Category};
use crate::domain::housing::Tenure;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

mod residence;
mod rows;
mod safety;
mod visits;
pub use residence::*;
pub use rows::*;
pub use safety::*;
pub use visits::*;
