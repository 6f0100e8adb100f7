//! Repairs for staff: the queue (what breaches first, at the top) and the changes that move a
//! job along. Every change writes the job's timeline and, when the resident can see it, emails
//! the reporter and followers through the outbox.

#[cfg(feature = "ssr")]
use super::repairs::Offered;
use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::repairs_staff::*;

mod action;
mod on_the_way;
mod queue;
pub use action::*;
pub use on_the_way::*;
pub use queue::*;
