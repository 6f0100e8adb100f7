//! The facts every page shows (landlord, phone numbers, office hours) and how the site runs.
//! Provided as context on the server; pages read it while rendering.

use crate::domain::profile::PolicyProfile;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct SiteInfo {
    pub profile: Arc<PolicyProfile>,
    /// Development mode shows helpers (the component gallery, later the mailbox); never on in
    /// production.
    pub development: bool,
}

/// The site facts for this render. Pages render only on the server, where they are provided.
pub fn site() -> SiteInfo {
    leptos::prelude::expect_context::<SiteInfo>()
}
