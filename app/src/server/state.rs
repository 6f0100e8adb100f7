//! What every server function and page can reach on the server, provided as leptos context.

use super::db::Db;
use crate::error::AppError;
use crate::site::SiteInfo;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub site: SiteInfo,
    /// The address people reach Doorstep at, for links in emails (no trailing slash).
    pub public_url: String,
    pub outbox: crate::server::mail::Outbox,
    /// Uploaded files (repair photos).
    pub storage: crate::server::storage::Storage,
    /// Sign-in attempts allowed from one client address in `auth::ADDRESS_WINDOW`.
    pub sign_in_address_limit: i64,
    /// "Contact us" messages allowed from one client address in `contact::CONTACT_WINDOW`
    /// without signing in.
    pub contact_address_limit: i64,
    /// The time (the system's in service; tests move it forward instead of sleeping).
    pub clock: crate::server::clock::Clock,
    /// The public "How we are doing" results, worked out at most once every few minutes.
    pub published: PublishedCache,
}

impl AppState {
    /// Where a running deadline stands now (on track, due soon, overdue), on this landlord's
    /// calendar and "due soon" setting.
    pub fn progress(
        &self,
        received_at: chrono::DateTime<chrono::Utc>,
        due_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> crate::wire::clocks::Progress {
        crate::domain::deadline::state_of_deadline(
            now,
            received_at,
            due_at,
            None,
            &self.site.schedule(),
            self.site.profile.due_soon,
        )
        .into()
    }

    /// An absolute link to a path of this site, for an email.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

/// The state for the current request. Only reachable inside a request handled by leptos.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::error::internal("AppState missing from context"))
}

/// The public results last worked out, on this node, and for which day. The page is open to
/// anyone, and its figures are for finished periods, so a request does not count a year of
/// records again: the results are reused for `performance::PUBLISHED_FOR` on the same day. A correction to
/// an old record shows within that time.
#[derive(Clone, Debug, Default)]
pub struct PublishedCache(
    pub  std::sync::Arc<
        std::sync::Mutex<
            Option<(
                std::time::Instant,
                chrono::NaiveDate,
                crate::wire::performance::PublicPerformance,
            )>,
        >,
    >,
);
