//! A household's share beside last year's, and the balance in words.

use super::*;

/// A line as one home sees it: the building's cost and the home's share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLine {
    pub position: i64,
    pub heading: String,
    pub explanation: String,
    pub total_pence: i64,
    pub share_pence: i64,
}

/// A line beside the same heading in another statement (last year's, or the estimate).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compared {
    /// `None` for a heading only the other statement has.
    pub position: Option<i64>,
    pub heading: String,
    pub explanation: String,
    pub total_pence: i64,
    pub share_pence: i64,
    /// The home's share of the same heading in the other statement, if there is one.
    pub other_share_pence: Option<i64>,
}

/// This statement's lines beside another's, by heading: this statement's order first, then
/// headings only the other has (at nothing this time).
pub fn compare(this: &[ShareLine], other: Option<&[ShareLine]>) -> Vec<Compared> {
    let other_of = |heading: &str| {
        other.map(|o| {
            o.iter()
                .find(|l| l.heading == heading)
                .map(|l| l.share_pence)
                .unwrap_or(0)
        })
    };
    let mut rows: Vec<Compared> = this
        .iter()
        .map(|l| Compared {
            position: Some(l.position),
            heading: l.heading.clone(),
            explanation: l.explanation.clone(),
            total_pence: l.total_pence,
            share_pence: l.share_pence,
            other_share_pence: other_of(&l.heading),
        })
        .collect();
    for l in other.unwrap_or_default() {
        if !this.iter().any(|t| t.heading == l.heading) {
            rows.push(Compared {
                position: None,
                heading: l.heading.clone(),
                explanation: l.explanation.clone(),
                total_pence: 0,
                share_pence: 0,
                other_share_pence: Some(l.share_pence),
            });
        }
    }
    rows
}

/// The change from `other` to `this`, in words: "£12.00 more", "£3.50 less", "No change".
pub fn change_words(this: i64, other: i64) -> String {
    match this.cmp(&other) {
        std::cmp::Ordering::Greater => format!("{} more", money(this - other)),
        std::cmp::Ordering::Less => format!("{} less", money(other - this)),
        std::cmp::Ordering::Equal => "No change".to_owned(),
    }
}

/// What the year-end account means for the home against the estimate it paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Balance {
    /// Paid more than was spent: credited.
    Surplus(i64),
    /// Spent more than was paid: added to the account.
    Deficit(i64),
    Even,
}

impl Balance {
    pub fn of(estimate_share: i64, actual_share: i64) -> Balance {
        match actual_share.cmp(&estimate_share) {
            std::cmp::Ordering::Less => Balance::Surplus(estimate_share - actual_share),
            std::cmp::Ordering::Greater => Balance::Deficit(actual_share - estimate_share),
            std::cmp::Ordering::Equal => Balance::Even,
        }
    }

    pub fn title(self) -> String {
        match self {
            Balance::Surplus(p) => format!("A surplus of {}", money(p)),
            Balance::Deficit(p) => format!("A deficit of {}", money(p)),
            Balance::Even => "No surplus or deficit".to_owned(),
        }
    }

    /// What happens to it, in plain words.
    pub fn words(self) -> String {
        match self {
            Balance::Surplus(p) => format!(
                "We spent {} less than the estimate you paid for. We will credit {} to your service charge account, which lowers what you pay next. You do not need to do anything.",
                money(p), money(p)
            ),
            Balance::Deficit(p) => format!(
                "We spent {} more than the estimate you paid for. We will add {} to your service charge account and write to you about paying it. If paying it would be hard, contact us: we can spread the cost.",
                money(p), money(p)
            ),
            Balance::Even => "We spent what we estimated, so there is nothing to pay and nothing to credit.".to_owned(),
        }
    }
}
