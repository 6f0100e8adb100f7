//! "How we contact you": a resident's contact preferences and needs, with every change kept;
//! colleagues read and record them on the resident's staff page. The form posts to a plain
//! route (`POST /account/contact/save`), because its checkbox groups repeat their names.

#[cfg(feature = "ssr")]
use crate::domain::validation::FieldErrors;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) use crate::server::preferences::needs_banner;
pub use crate::wire::preferences::*;

mod contact;
mod resident;
mod tasks;
mod vulnerabilities;
pub use contact::*;
pub use resident::*;
pub use tasks::*;
pub use vulnerabilities::*;
