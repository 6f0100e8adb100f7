//! The staff workspace as its page shows it.

use super::clocks::Progress;
use super::forms::Offered;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkFilters {
    /// "mine" (named on it), "team" (my teams' work) or empty (everything).
    pub view: String,
    pub kind: String,
    pub team: String,
    pub due: String,
    /// An estate's id.
    pub area: String,
    /// A colleague's account id: the work they are named on.
    pub owner: String,
}

/// One piece of work.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkLine {
    pub path: String,
    pub reference: String,
    pub kind: String,
    pub summary: String,
    pub status: String,
    pub person: Option<String>,
    /// "Sam Patel (Repairs)", "Repairs (no named colleague yet)", "Nobody yet".
    pub owner: String,
    pub due: Option<String>,
    pub due_state: Option<Progress>,
    pub area: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub filters: WorkFilters,
    pub views: Vec<Offered>,
    pub kinds: Vec<Offered>,
    pub teams: Vec<Offered>,
    pub areas: Vec<Offered>,
    /// Every colleague, to see the work one is named on.
    pub owners: Vec<Offered>,
    pub lines: Vec<WorkLine>,
    pub page: i64,
    pub more: bool,
    /// The filters as a query string, for the page links.
    pub query: String,
}
