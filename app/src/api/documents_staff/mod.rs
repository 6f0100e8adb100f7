//! Documents and service charges for staff: the documents list, uploading, a document's page
//! (versions, replacing, withdrawing), who has not had this year's safety information, and
//! service-charge statements (import, check, publish).

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::documents_staff::*;

#[cfg(feature = "ssr")]
use crate::server::documents::staff_forms as support;

mod documents;
mod safety;
mod statements;
pub use documents::*;
pub use safety::*;
pub use statements::*;
