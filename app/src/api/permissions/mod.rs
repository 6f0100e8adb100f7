//! "People who can act for you": a resident sees who may act for them and in what, withdraws a
//! permission at once, and invites a household member or an advocate by email; the invited
//! person accepts from the emailed link, setting up an advocate's account if they have none.

#[cfg(feature = "ssr")]
use crate::domain::validation::FieldErrors;
use leptos::prelude::*;

pub use crate::wire::permissions::*;

mod invitation;
mod invite;
mod people;
pub use invitation::*;
pub use invite::*;
pub use people::*;
