//! The facts every page shows (landlord, phone numbers, office hours, standards) and how the
//! site runs. Provided as context on the server; pages read it while rendering.

use crate::domain::calendar::WorkingDayCalendar;
use crate::domain::profile::PolicyProfile;
use crate::domain::repairs::RepairSetup;
use std::sync::Arc;

/// A signed-in session unused for this long ends (the session store's expiry).
pub const SESSION_IDLE_MINUTES: u32 = 30;
/// The browser warns this long before the idle time-out, with a button to stay signed in.
pub const IDLE_WARNING_MINUTES: u32 = 5;

#[derive(Clone, Debug)]
pub struct SiteInfo {
    pub profile: Arc<PolicyProfile>,
    /// The profile's working-day calendar, built once at start-up.
    pub calendar: Arc<WorkingDayCalendar>,
    /// The repairs diagnosis tree, trades and emergencies, checked against the profile.
    pub repairs: Arc<RepairSetup>,
    /// Development mode shows helpers (the component gallery, later the mailbox); never on in
    /// production.
    pub development: bool,
}

impl SiteInfo {
    pub fn new(profile: PolicyProfile, repairs: RepairSetup, development: bool) -> Self {
        let calendar = WorkingDayCalendar::with_changes(profile.nation, profile.calendar.clone());
        SiteInfo {
            profile: Arc::new(profile),
            calendar: Arc::new(calendar),
            repairs: Arc::new(repairs),
            development,
        }
    }
}

/// The site facts for this render. Pages render only on the server, where they are provided.
pub fn site() -> SiteInfo {
    leptos::prelude::expect_context::<SiteInfo>()
}

impl SiteInfo {
    /// The landlord's working week, for deadlines.
    pub fn schedule(&self) -> crate::domain::deadline::Schedule<'_> {
        crate::domain::deadline::Schedule {
            calendar: &self.calendar,
            hours: &self.profile.office_hours,
        }
    }

    /// Where "due soon" ends for the staff queues: the profile's due-soon working days on.
    pub fn due_soon_until(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> chrono::DateTime<chrono::Utc> {
        use crate::domain::timescale::{Timescale, Unit};
        let days = self.profile.due_soon.working_days;
        self.schedule()
            .later_by(now, Timescale::new(days, Unit::WorkingDays))
    }
}

/// Today's date in the UK. Pages render only on the server (islands mode), where the clock is;
/// the browser build never calls this.
pub fn today() -> chrono::NaiveDate {
    #[cfg(feature = "ssr")]
    {
        crate::domain::london::to_local(chrono::Utc::now()).date()
    }
    #[cfg(not(feature = "ssr"))]
    {
        chrono::NaiveDate::MIN
    }
}
