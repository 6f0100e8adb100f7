//! The complaints report: CH01 and CH02 by home group, counted from each tenure's figures.

use super::*;

/// Complaints counted for one tenure over a period (the store counts them; see
/// `db::cases::report_counts`): stage 1 complaints received, escalations made, and the stage
/// responses sent with how many of them were in time (their acknowledgement and response no
/// later than their deadlines; a permitted extension counts, as the Code allows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub stage_1_received: i64,
    pub stage_2_received: i64,
    pub stage_1_responded: i64,
    pub stage_1_in_time: i64,
    pub stage_2_responded: i64,
    pub stage_2_in_time: i64,
}

/// A group of homes the report is broken down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HomeGroup {
    All,
    /// Low-cost rental homes (general needs and affordable rent).
    Rented,
    /// Low-cost home ownership (shared ownership).
    SharedOwnership,
}

impl HomeGroup {
    pub const ALL: [HomeGroup; 3] = [
        HomeGroup::All,
        HomeGroup::Rented,
        HomeGroup::SharedOwnership,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HomeGroup::All => "All homes",
            HomeGroup::Rented => "Rented homes (general needs and affordable rent)",
            HomeGroup::SharedOwnership => "Shared ownership homes",
        }
    }

    pub fn holds(self, tenure: Option<Tenure>) -> bool {
        match self {
            HomeGroup::All => true,
            HomeGroup::Rented => {
                matches!(tenure, Some(Tenure::GeneralNeeds | Tenure::AffordableRent))
            }
            HomeGroup::SharedOwnership => tenure == Some(Tenure::SharedOwnership),
        }
    }
}

/// CH01 and CH02 for one group of homes over a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportLine {
    pub group: String,
    pub homes: i64,
    /// CH01: stage 1 complaints received in the period, and per 1,000 homes.
    pub stage_1_received: i64,
    pub stage_1_per_1000: Option<f64>,
    /// CH01: stage 2 complaints (escalations) in the period, and per 1,000 homes.
    pub stage_2_received: i64,
    pub stage_2_per_1000: Option<f64>,
    /// CH02: stage 1 responses in the period, and those within the regime's timescales.
    pub stage_1_responded: i64,
    pub stage_1_in_time: i64,
    pub stage_1_in_time_percent: Option<f64>,
    pub stage_2_responded: i64,
    pub stage_2_in_time: i64,
    pub stage_2_in_time_percent: Option<f64>,
}

pub(super) fn ratio(part: i64, whole: i64, scale: f64) -> Option<f64> {
    (whole > 0).then(|| (part as f64) * scale / (whole as f64))
}

/// CH01 (complaints per 1,000 homes at each stage) and CH02 (the share answered within the
/// regime's timescales) for all homes, rented homes and shared ownership homes, from the
/// counts by tenure and the homes by tenure. Complaints about no home count in "all homes".
pub fn complaints_report(
    counts: &[(Option<Tenure>, Counts)],
    homes: &[(Tenure, i64)],
) -> Vec<ReportLine> {
    HomeGroup::ALL
        .iter()
        .map(|group| {
            let homes: i64 = homes
                .iter()
                .filter(|(t, _)| group.holds(Some(*t)))
                .map(|(_, n)| n)
                .sum();
            let mut c = Counts::default();
            for (_, n) in counts.iter().filter(|(t, _)| group.holds(*t)) {
                c.stage_1_received += n.stage_1_received;
                c.stage_2_received += n.stage_2_received;
                c.stage_1_responded += n.stage_1_responded;
                c.stage_1_in_time += n.stage_1_in_time;
                c.stage_2_responded += n.stage_2_responded;
                c.stage_2_in_time += n.stage_2_in_time;
            }
            ReportLine {
                group: group.label().to_owned(),
                homes,
                stage_1_received: c.stage_1_received,
                stage_1_per_1000: ratio(c.stage_1_received, homes, 1000.0),
                stage_2_received: c.stage_2_received,
                stage_2_per_1000: ratio(c.stage_2_received, homes, 1000.0),
                stage_1_responded: c.stage_1_responded,
                stage_1_in_time: c.stage_1_in_time,
                stage_1_in_time_percent: ratio(c.stage_1_in_time, c.stage_1_responded, 100.0),
                stage_2_responded: c.stage_2_responded,
                stage_2_in_time: c.stage_2_in_time,
                stage_2_in_time_percent: ratio(c.stage_2_in_time, c.stage_2_responded, 100.0),
            }
        })
        .collect()
}

/// A figure to one decimal place, or a dash when there is nothing to divide by.
pub fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"))
}
