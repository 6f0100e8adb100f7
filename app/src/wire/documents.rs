//! Documents and service charges as residents' pages show them.

use super::forms::Offered;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocItem {
    pub reference: String,
    pub title: String,
    pub effective: String,
    pub review: Option<String>,
    /// "PDF, 240 KB".
    pub file: String,
    pub is_new: bool,
    pub href: String,
    /// Yearly safety information for the resident themselves: when they last told us they
    /// received it (`Some`), or `None` with `ask_received` to offer the button.
    pub received: Option<String>,
    pub ask_received: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocCategory {
    pub label: String,
    pub explained: String,
    pub items: Vec<DocItem>,
}

/// The documents of one place: the home, the building or the estate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocGroup {
    pub title: String,
    pub categories: Vec<DocCategory>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementItem {
    pub title: String,
    pub href: String,
    pub your_share: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YourDocuments {
    /// The resident's name when an advocate reads for them.
    pub acting_for: Option<String>,
    /// An advocate who has not chosen a resident: the residents they may read for.
    pub represented: Option<Vec<Offered>>,
    pub groups: Vec<DocGroup>,
    pub statements: Vec<StatementItem>,
    pub new_count: usize,
    /// When the reader last looked, in words.
    pub last_visit: Option<String>,
    /// The person whose documents these are (kept in links for advocates).
    pub person: Option<i64>,
    /// No current tenancy or lease: nothing to show.
    pub no_home: bool,
}

/// One line of a statement as the resident reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    pub position: Option<i64>,
    pub heading: String,
    pub explanation: String,
    /// The building's or estate's cost.
    pub total: String,
    /// The home's share.
    pub share: String,
    /// The home's share of the same heading in the statement compared with.
    pub other: Option<String>,
    /// "£12.00 more".
    pub change: Option<String>,
    /// "Ask about this line".
    pub ask_href: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    pub reference: String,
    /// "Service charge estimate" or "Service charge year-end account".
    pub kind_label: String,
    pub is_account: bool,
    pub place: String,
    pub year: String,
    pub method: String,
    pub how_shared: String,
    pub lines: Vec<StatementLine>,
    /// What the comparison column is: "Last year's account (April 2025 to March 2026)".
    pub compared_with: Option<String>,
    pub total_share: String,
    pub other_total: Option<String>,
    pub building_total: String,
    /// A year-end account against the estimate: a title and what happens.
    pub balance: Option<(String, String)>,
    pub published: String,
    pub draft: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeStatement {
    pub view: StatementView,
    pub acting_for: Option<String>,
    pub back: String,
    pub csv_href: String,
    pub print_href: String,
}

/// `?for=` in links, for an advocate reading for someone.
pub fn for_query(person: Option<i64>, first: bool) -> String {
    match person {
        Some(p) if first => format!("?for={p}"),
        Some(p) => format!("&for={p}"),
        None => String::new(),
    }
}
