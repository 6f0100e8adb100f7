//! Service charges: a block's or an estate's costs for a year, line by line, and each home's
//! share in whole pence. Shares are worked out by the statement's method and always add up to
//! the line's total exactly: the pennies left over by rounding go to the homes whose exact
//! shares were cut the most. Also the statements' CSV, read with every problem reported by row
//! and column.

use super::housing::stored_as_text;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most a line may be: £100 million, far beyond any building's costs.
pub const MAX_PENCE: i64 = 10_000_000_000;
/// The longest explanation of a line.
pub const EXPLANATION_LIMIT: usize = 500;
/// The most lines a statement may have.
pub const MAX_LINES: usize = 60;

/// The cost headings every landlord uses; a profile may add its own.
pub const STANDARD_HEADINGS: &[&str] = &[
    "Cleaning",
    "Grounds maintenance",
    "Lift maintenance",
    "Door entry",
    "Communal electricity",
    "Buildings insurance",
    "Management fee",
    "Reserve fund",
];

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

/// One cost line of a statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub heading: String,
    pub amount_pence: i64,
    pub explanation: String,
}

/// Something wrong in an imported file: the spreadsheet row (1 is the header) and the column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "Row {}, column \"{c}\": {}", self.row, self.message),
            None => write!(f, "Row {}: {}", self.row, self.message),
        }
    }
}

/// Splits CSV text (RFC 4180: commas, double quotes, doubled quotes inside them, CRLF or LF)
/// into records, each with the spreadsheet row it starts on. Blank lines are skipped.
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut row = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    let mut end_record = |fields: &mut Vec<String>, field: &mut String, start: usize| {
        fields.push(std::mem::take(field));
        let record = std::mem::take(fields);
        if !(record.len() == 1 && record[0].trim().is_empty()) {
            records.push((start, record));
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    row += 1;
                    field.push('\n');
                }
                '\r' => {}
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() && !was_quoted => {
                field.clear();
                quoted = true;
                was_quoted = true;
            }
            '"' => {
                return Err(ImportProblem {
                    row,
                    column: None,
                    message: "A quote mark is in the middle of a value; put the whole value in quotes and double the quote mark".to_owned(),
                })
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                end_record(&mut fields, &mut field, start);
                was_quoted = false;
                row += 1;
                start = row;
            }
            c if was_quoted && !c.is_whitespace() => {
                return Err(ImportProblem {
                    row,
                    column: None,
                    message: "Something follows a closing quote mark before the next comma"
                        .to_owned(),
                })
            }
            _ if was_quoted => {}
            c => field.push(c),
        }
    }
    if quoted {
        return Err(ImportProblem {
            row: start,
            column: None,
            message: "A quote mark is opened and never closed".to_owned(),
        });
    }
    end_record(&mut fields, &mut field, start);
    Ok(records)
}

/// The heading as the statement shows it, when `typed` names a standard heading or one of
/// `extra` (any case, spaces or underscores): "lift_maintenance" is "Lift maintenance".
pub fn heading_named(typed: &str, extra: &[String]) -> Option<String> {
    let key = |s: &str| -> String {
        s.split(|c: char| c.is_whitespace() || c == '_')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = key(typed);
    STANDARD_HEADINGS
        .iter()
        .map(|h| (*h).to_owned())
        .chain(extra.iter().cloned())
        .find(|h| key(h) == wanted)
}

const COLUMNS: [&str; 3] = ["heading", "amount", "explanation"];

/// Reads a statement's lines from CSV with the columns heading, amount and explanation (in
/// any order). Either every line is good, or every problem is returned.
pub fn read_lines(text: &str, extra_headings: &[String]) -> Result<Vec<Line>, Vec<ImportProblem>> {
    let records = parse_csv(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let at = |row: usize, column: Option<&str>, message: String| ImportProblem {
        row,
        column: column.map(str::to_owned),
        message,
    };
    let Some(((header_row, header), rows)) = records.split_first() else {
        return Err(vec![at(1, None, "The file is empty".to_owned())]);
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut index = [0usize; 3];
    for (i, column) in COLUMNS.iter().enumerate() {
        match names.iter().position(|n| n == column) {
            Some(p) => index[i] = p,
            None => problems.push(at(
                *header_row,
                None,
                format!("The first row must name the columns heading, amount and explanation; \"{column}\" is missing"),
            )),
        }
    }
    for name in names.iter().filter(|n| !COLUMNS.contains(&n.as_str())) {
        problems.push(at(
            *header_row,
            None,
            format!("\"{name}\" is not a column this file can have"),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.is_empty() {
        return Err(vec![at(
            header_row + 1,
            None,
            "The file has no cost lines".to_owned(),
        )]);
    }
    if rows.len() > MAX_LINES {
        return Err(vec![at(
            rows[MAX_LINES].0,
            None,
            format!("A statement can have at most {MAX_LINES} lines"),
        )]);
    }
    let mut lines = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (row, values) in rows {
        let row = *row;
        if values.len() != names.len() {
            problems.push(at(
                row,
                None,
                format!(
                    "This row has {} values; it needs {}",
                    values.len(),
                    names.len()
                ),
            ));
            continue;
        }
        let heading = values[index[0]].trim();
        let amount = values[index[1]].trim();
        let explanation = values[index[2]].trim().replace("\r\n", "\n");
        let heading = if heading.is_empty() {
            problems.push(at(
                row,
                Some("heading"),
                "Enter the cost heading".to_owned(),
            ));
            None
        } else {
            match heading_named(heading, extra_headings) {
                Some(h) => match seen.iter().find(|(s, _)| *s == h) {
                    Some((_, first)) => {
                        problems.push(at(
                            row,
                            Some("heading"),
                            format!("{h} is already on row {first}; put each heading once"),
                        ));
                        None
                    }
                    None => {
                        seen.push((h.clone(), row));
                        Some(h)
                    }
                },
                None => {
                    let mut known: Vec<String> =
                        STANDARD_HEADINGS.iter().map(|h| (*h).to_owned()).collect();
                    known.extend(extra_headings.iter().cloned());
                    problems.push(at(
                        row,
                        Some("heading"),
                        format!(
                            "\"{heading}\" is not a cost heading; use one of {}",
                            known.join(", ")
                        ),
                    ));
                    None
                }
            }
        };
        let amount = match parse_money(amount) {
            Ok(pence) => Some(pence),
            Err(message) => {
                problems.push(at(row, Some("amount"), message.to_owned()));
                None
            }
        };
        let explanation = if explanation.is_empty() {
            problems.push(at(
                row,
                Some("explanation"),
                "Explain in plain words what this line pays for".to_owned(),
            ));
            None
        } else if explanation.chars().count() > EXPLANATION_LIMIT {
            problems.push(at(
                row,
                Some("explanation"),
                format!("The explanation must be {EXPLANATION_LIMIT} characters or fewer"),
            ));
            None
        } else {
            Some(explanation)
        };
        if let (Some(heading), Some(amount_pence), Some(explanation)) =
            (heading, amount, explanation)
        {
            lines.push(Line {
                heading,
                amount_pence,
                explanation,
            });
        }
    }
    if problems.is_empty() {
        Ok(lines)
    } else {
        Err(problems)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator for the property tests (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: u64) -> i64 {
            (self.next() % n) as i64
        }
    }

    #[test]
    fn shares_are_exact_pennies_in_proportion() {
        assert_eq!(apportion(100, &[1, 1, 1]), Some(vec![34, 33, 33]));
        assert_eq!(apportion(200, &[1, 1, 1]), Some(vec![67, 67, 66]));
        assert_eq!(
            apportion(1000, &[5000, 3000, 2000]),
            Some(vec![500, 300, 200])
        );
        // 52.5, 68.0 and 49.5 m² of 170 m² sharing £100.00.
        assert_eq!(
            apportion(10_000, &[5250, 6800, 4950]),
            Some(vec![3088, 4000, 2912])
        );
        // Bedrooms, with a studio that pays nothing.
        assert_eq!(apportion(999, &[0, 1, 2]), Some(vec![0, 333, 666]));
        assert_eq!(apportion(0, &[1, 2]), Some(vec![0, 0]));
        assert_eq!(apportion(5, &[0, 0]), None);
        assert_eq!(apportion(5, &[]), None);
        assert_eq!(apportion(5, &[1, -1]), None);
        assert_eq!(apportion(-5, &[1, 1]), None);
    }

    #[test]
    fn every_method_adds_up_exactly_over_random_buildings() {
        let mut rng = Rng(0x5EED_1234_ABCD_0001);
        for round in 0..20_000 {
            let homes = 1 + rng.below(60) as usize;
            let weights: Vec<i64> = match round % 4 {
                0 => vec![1; homes],                                         // equal
                1 => (0..homes).map(|_| 3000 + rng.below(12_000)).collect(), // floor area, dm²
                2 => (0..homes).map(|_| rng.below(6)).collect(),             // bedrooms
                _ => (0..homes).map(|_| rng.below(10_001)).collect(),        // basis points
            };
            let total = match round % 3 {
                0 => rng.below(100),
                1 => rng.below(10_000_000),
                _ => rng.below(MAX_PENCE as u64 + 1),
            };
            let Some(shares) = apportion(total, &weights) else {
                assert!(weights.iter().all(|w| *w == 0), "{weights:?}");
                continue;
            };
            assert_eq!(
                shares.iter().sum::<i64>(),
                total,
                "{total} over {weights:?}"
            );
            let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
            for (share, w) in shares.iter().zip(&weights) {
                assert!(*share >= 0);
                // Within a penny of the exact share, and nothing for no weight.
                let exact = i128::from(total) * i128::from(*w);
                let floor = exact / sum;
                assert!(
                    i128::from(*share) == floor || i128::from(*share) == floor + 1,
                    "{share} against {exact}/{sum}"
                );
                if *w == 0 {
                    assert_eq!(*share, 0);
                }
            }
            // Equal weights never differ by more than a penny.
            if round % 4 == 0 {
                let (min, max) = (shares.iter().min(), shares.iter().max());
                assert!(max.zip(min).is_some_and(|(a, b)| a - b <= 1));
            }
        }
    }

    #[test]
    fn a_bigger_weight_never_gets_a_smaller_share() {
        let mut rng = Rng(42);
        for _ in 0..5_000 {
            let weights: Vec<i64> = (0..1 + rng.below(30)).map(|_| rng.below(500)).collect();
            let total = rng.below(1_000_000);
            if let Some(shares) = apportion(total, &weights) {
                for i in 0..weights.len() {
                    for j in 0..weights.len() {
                        if weights[i] > weights[j] {
                            assert!(shares[i] >= shares[j], "{weights:?} {shares:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn money_is_read_and_written_in_pounds_and_pence() {
        assert_eq!(parse_money("1250"), Ok(125_000));
        assert_eq!(parse_money("£1,234.5"), Ok(123_450));
        assert_eq!(parse_money(" 0.07 "), Ok(7));
        assert_eq!(parse_money("12,345,678.90"), Ok(1_234_567_890));
        for bad in [
            "", "abc", "1.234", "1,23", "12.", "£", "1.2.3", ",123", "1e5",
        ] {
            assert!(parse_money(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_money("-5"), Err("The amount must not be negative"));
        assert_eq!(parse_money("1000000000"), Err("The amount is too large"));
        assert_eq!(money(123_405), "£1,234.05");
        assert_eq!(money(5), "£0.05");
        assert_eq!(money(100_000_000), "£1,000,000.00");
        assert_eq!(money(-300), "-£3.00");
        assert_eq!(square_metres(5250), "52.5 m²");
        assert_eq!(percent(1250), "12.50%");
        assert_eq!(year_label(2026), "April 2026 to March 2027");
    }

    #[test]
    fn csv_handles_quotes_commas_and_line_ends() {
        let text = "\u{feff}heading,amount,explanation\r\nCleaning,\"1,200.00\",\"Weekly, \"\"deep\"\" clean\nof the stairs\"\r\n\r\nLift maintenance,800,Servicing\n";
        let records = parse_csv(text).expect("parses");
        assert_eq!(records.len(), 3);
        assert_eq!(records[1].0, 2);
        assert_eq!(
            records[1].1,
            vec![
                "Cleaning",
                "1,200.00",
                "Weekly, \"deep\" clean\nof the stairs"
            ]
        );
        assert_eq!(
            records[2].0, 5,
            "row numbers count the line inside quotes and the blank line"
        );
        assert!(parse_csv("a,\"b\nc").is_err());
        assert!(parse_csv("a,b\"c\"").is_err());
    }

    fn extra() -> Vec<String> {
        vec!["Window cleaning".to_owned()]
    }

    #[test]
    fn a_good_file_gives_its_lines() {
        let text = "Heading,Amount,Explanation\ncleaning,1200,Cleaning the stairs every week\nWindow Cleaning,£300.50,Outside windows twice a year\nlift_maintenance,0,Covered by the warranty this year\n";
        let lines = read_lines(text, &extra()).expect("good");
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].heading, "Cleaning");
        assert_eq!(lines[1].heading, "Window cleaning");
        assert_eq!(lines[1].amount_pence, 30_050);
        assert_eq!(lines[2].heading, "Lift maintenance");
        // Columns in another order.
        let lines =
            read_lines("explanation,heading,amount\nStairs,Cleaning,10\n", &[]).expect("good");
        assert_eq!(lines[0].amount_pence, 1000);
    }

    #[test]
    fn a_bad_file_reports_every_problem_by_row_and_column() {
        let text = "heading,amount,explanation\nCleaning,1200,Stairs\nGardening,100,Hedges\nCleaning,ten,\nDoor entry,50\nReserve fund,-4,Saving for the roof\n";
        let problems = read_lines(text, &extra()).expect_err("bad");
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 6, "{said:#?}");
        assert!(
            said[0].starts_with("Row 3, column \"heading\": \"Gardening\" is not a cost heading")
        );
        assert_eq!(
            said[1],
            "Row 4, column \"heading\": Cleaning is already on row 2; put each heading once"
        );
        assert_eq!(
            said[2],
            "Row 4, column \"amount\": The amount must be in pounds and pence, like 1250.00"
        );
        assert_eq!(
            said[3],
            "Row 4, column \"explanation\": Explain in plain words what this line pays for"
        );
        assert_eq!(said[4], "Row 5: This row has 2 values; it needs 3");
        assert_eq!(
            said[5],
            "Row 6, column \"amount\": The amount must not be negative"
        );
        let missing = read_lines("heading,cost\nCleaning,1\n", &[]).expect_err("bad header");
        assert_eq!(missing.len(), 3, "{missing:?}");
        assert!(read_lines("", &[]).is_err());
        assert!(read_lines("heading,amount,explanation\n", &[]).is_err());
    }

    #[test]
    fn statements_compare_by_heading_and_explain_the_balance() {
        let line = |p: i64, h: &str, share: i64| ShareLine {
            position: p,
            heading: h.to_owned(),
            explanation: format!("{h} explained"),
            total_pence: share * 10,
            share_pence: share,
        };
        let this = [line(1, "Cleaning", 1200), line(2, "Door entry", 300)];
        let last = [line(1, "Cleaning", 1000), line(2, "Lift maintenance", 500)];
        let rows = compare(&this, Some(&last));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].other_share_pence, Some(1000));
        assert_eq!(rows[1].other_share_pence, Some(0));
        assert_eq!(rows[2].heading, "Lift maintenance");
        assert_eq!(rows[2].share_pence, 0);
        assert_eq!(compare(&this, None)[0].other_share_pence, None);
        assert_eq!(change_words(1200, 1000), "£2.00 more");
        assert_eq!(change_words(1000, 1200), "£2.00 less");
        assert_eq!(Balance::of(10_000, 9_000), Balance::Surplus(1000));
        assert_eq!(Balance::of(10_000, 10_500), Balance::Deficit(500));
        assert!(Balance::of(10_000, 9_000).words().contains("credit £10.00"));
        assert!(Balance::of(1, 1).words().contains("nothing to pay"));
    }

    #[test]
    fn methods_explain_the_share() {
        assert_eq!(
            Method::FloorArea.explain(5250, 64_000, 12, "Alder Court"),
            "The costs are shared by floor area: your home is 52.5 m² of the 640.0 m² of homes in Alder Court."
        );
        assert!(Method::Percentage
            .explain(1250, 10_000, 8, "X")
            .contains("12.50%"));
        assert!(Method::Percentage
            .explain(1250, 9_000, 8, "X")
            .contains("90.00%"));
        assert!(Method::Equal
            .explain(1, 20, 20, "Millbrook estate")
            .contains("20 homes"));
    }
}
