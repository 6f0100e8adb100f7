//! What the performance pages show: the regulator's measures and the public results, as the
//! server works them out and the pages render them.

use serde::{Deserialize, Serialize};

/// One measure for a period: what it is, and what the records say.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureLine {
    /// The regulator's code ("RP02", "Indicator 8"), or empty for the landlord's own measure.
    pub code: String,
    pub name: String,
    /// The figure as people read it ("87.5%", "4.2 hours").
    pub result: String,
    /// For a share: how many met it, of how many.
    pub met: Option<i64>,
    pub of: Option<i64>,
    /// What was counted, in a sentence, where it needs saying.
    pub note: String,
}

/// One standard and its result, on the public page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicLine {
    pub standard: String,
    pub result: String,
    pub met: Option<i64>,
    pub of: Option<i64>,
    /// Fewer than the smallest number published: the counts are withheld.
    pub suppressed: bool,
}

/// A period's results on the public page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicPeriod {
    /// "Last quarter: 1 July to 30 September 2026".
    pub title: String,
    pub first_day: String,
    pub last_day: String,
    pub lines: Vec<PublicLine>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicPerformance {
    pub periods: Vec<PublicPeriod>,
    /// The smallest number of cases a result is published from.
    pub smallest: i64,
}
