//! Statement kinds and apportionment methods, and money in pence: written, read, shared out.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Estimate,
    Actual,
}

stored_as_text!(StatementKind {
    Estimate => "estimate", "Estimate";
    Actual => "actual", "Year-end account";
});

/// How a cost is shared between the homes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Equal,
    FloorArea,
    Bedrooms,
    Percentage,
}

stored_as_text!(Method {
    Equal => "equal", "Equal shares";
    FloorArea => "floor_area", "By floor area";
    Bedrooms => "bedrooms", "By number of bedrooms";
    Percentage => "percentage", "Fixed percentage in each lease";
});

impl Method {
    /// How the home's share was worked out, in a sentence: `weight` is the home's (1 a home,
    /// square decimetres, bedrooms, basis points) and `total` everyone's.
    pub fn explain(self, weight: i64, total: i64, homes: usize, place: &str) -> String {
        match self {
            Method::Equal => format!(
                "The costs are shared equally between the {homes} homes in {place}."
            ),
            Method::FloorArea => format!(
                "The costs are shared by floor area: your home is {} of the {} of homes in {place}.",
                square_metres(weight),
                square_metres(total)
            ),
            Method::Bedrooms => format!(
                "The costs are shared by bedrooms: your home has {weight} of the {total} bedrooms in {place}."
            ),
            Method::Percentage if total == 10_000 => format!(
                "Your lease sets your share of the costs at {}.",
                percent(weight)
            ),
            Method::Percentage => format!(
                "Your lease sets your share at {}; the leases in {place} add up to {}, so each share is scaled to make 100%.",
                percent(weight),
                percent(total)
            ),
        }
    }
}

/// Square decimetres as square metres: "52.5 m²".
pub fn square_metres(dm2: i64) -> String {
    format!("{}.{} m²", dm2 / 100, (dm2 % 100) / 10)
}

/// Basis points as a percentage: "12.50%".
pub fn percent(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// A service-charge year: "April 2026 to March 2027".
pub fn year_label(start: i64) -> String {
    format!("April {start} to March {}", start + 1)
}

/// Pence as pounds: "£1,234.05", "-£3.00".
pub fn money(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    let pounds = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in pounds.chars().enumerate() {
        if i > 0 && (pounds.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}£{grouped}.{:02}", pence % 100)
}

/// Reads an amount as people write it ("1234.5", "£1,234.50", " 12 ") into pence. Negative
/// amounts are refused: a credit is shown by the year-end account, not by a line.
pub fn parse_money(typed: &str) -> Result<i64, &'static str> {
    let text: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return Err("Enter the amount, like 1250.00");
    }
    if text.starts_with('-') || text.starts_with("£-") {
        return Err("The amount must not be negative");
    }
    let text = text.strip_prefix('£').unwrap_or(&text);
    let (pounds, pence) = match text.split_once('.') {
        Some((p, d)) => (p, d),
        None => (text, ""),
    };
    // Commas only as thousands separators: "1,234", never "1,23".
    let groups: Vec<&str> = pounds.split(',').collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let pounds: String = groups.concat();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !grouped_ok
        || pounds.is_empty()
        || !digits(&pounds)
        || !digits(pence)
        || pence.len() > 2
        || (text.contains('.') && pence.is_empty())
    {
        return Err("The amount must be in pounds and pence, like 1250.00");
    }
    if pounds.len() > 9 {
        return Err("The amount is too large");
    }
    let whole: i64 = pounds.parse().map_err(|_| "The amount is too large")?;
    let fraction: i64 = match pence.len() {
        0 => 0,
        1 => pence.parse::<i64>().unwrap_or(0) * 10,
        _ => pence.parse::<i64>().unwrap_or(0),
    };
    let total = whole * 100 + fraction;
    if total > MAX_PENCE {
        return Err("The amount is too large");
    }
    Ok(total)
}

/// Shares `total` pence between homes in proportion to `weights`, in whole pence that add up
/// to `total` exactly. Each home first gets its exact share rounded down; the pennies left go
/// one each to the homes with the largest remainders (the earlier home on a tie). `None` when
/// nobody has any weight, or a weight or the total is negative.
pub fn apportion(total: i64, weights: &[i64]) -> Option<Vec<i64>> {
    if total < 0 || weights.iter().any(|w| *w < 0) {
        return None;
    }
    let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    if sum == 0 {
        return None;
    }
    let total = i128::from(total);
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = total * i128::from(*w);
        shares.push(exact / sum);
        remainders.push((exact % sum, i));
    }
    let given: i128 = shares.iter().sum();
    let left = usize::try_from(total - given).ok()?;
    // Largest remainder first; on a tie, the earlier home.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.into_iter().take(left) {
        shares[i] += 1;
    }
    shares.into_iter().map(|s| i64::try_from(s).ok()).collect()
}
