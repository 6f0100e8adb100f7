//! The managers' daily dashboard as its pages show it.

use serde::{Deserialize, Serialize};

/// One team's figures for one published standard.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardLine {
    pub team: String,
    pub standard: String,
    /// Each figure with the link to the records behind it (none for a nought).
    pub counts: Vec<(i64, Option<String>)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// "Saturday 5 December 2026 at 9:14pm".
    pub generated: String,
    /// The figures' names, in the order of each line's counts.
    pub figures: Vec<String>,
    pub lines: Vec<DashboardLine>,
    pub totals: Vec<i64>,
    /// How each figure is counted, for the reader.
    pub definitions: Vec<(String, String)>,
}

/// A record behind a figure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardItem {
    pub reference: String,
    pub summary: String,
    pub path: String,
    pub due: String,
    pub met: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardList {
    /// "Overdue: Customer services, Question: Answered".
    pub title: String,
    pub items: Vec<DashboardItem>,
    /// More records than the page shows.
    pub more: bool,
}
