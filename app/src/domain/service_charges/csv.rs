//! Reading a year's charges from CSV: every problem with its row and column.

use super::*;

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
/// into records with the csv crate, each with the spreadsheet row it starts on (a value over
/// several lines counts each). Blank lines are skipped; a byte-order mark is ignored.
#[cfg(feature = "ssr")]
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let bytes = text.as_bytes();
    // The spreadsheet row a byte offset is on, counted on from the last one asked for.
    let (mut counted_to, mut rows_before) = (0usize, 0usize);
    let mut row_at = |offset: usize| {
        let offset = offset.min(bytes.len()).max(counted_to);
        rows_before += bytes[counted_to..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = offset;
        rows_before + 1
    };
    loop {
        // Where the next record starts: past the line end (and any blank lines) before it.
        let mut start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let row = row_at(start);
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = row;
                let values: Vec<String> = record.iter().map(str::to_owned).collect();
                if !(values.len() == 1 && values[0].trim().is_empty()) {
                    records.push((start, values));
                }
            }
            Err(_) => {
                return Err(ImportProblem {
                    row,
                    column: None,
                    message: "This row could not be read as CSV; save the file from the spreadsheet as CSV (UTF-8) again".to_owned(),
                });
            }
        }
    }
    // The csv crate reads an unclosed quote to the end of the file; in a file where every
    // quote mark is paired (as RFC 4180 has it), the count is even.
    if text.matches('"').count() % 2 == 1 {
        let row = records.last().map_or(1, |(row, _)| *row);
        return Err(ImportProblem {
            row,
            column: None,
            message: "A quote mark is opened and never closed; put the whole value in quotes and double any quote mark inside it".to_owned(),
        });
    }
    Ok(records)
}

/// A cost line as the file gives it, by its column's name (the names read in any case).
#[cfg(feature = "ssr")]
#[derive(Debug, Deserialize)]
struct Row {
    heading: String,
    amount: String,
    explanation: String,
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

#[cfg(feature = "ssr")]
pub(super) const COLUMNS: [&str; 3] = ["heading", "amount", "explanation"];

/// Reads a statement's lines from CSV with the columns heading, amount and explanation (in
/// any order). Either every line is good, or every problem is returned.
#[cfg(feature = "ssr")]
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
    for column in COLUMNS {
        match names.iter().position(|n| n == column) {
            Some(_) => {}
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
    let header = ::csv::StringRecord::from(names.clone());
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
        let Ok(line) = ::csv::StringRecord::from(values.clone()).deserialize::<Row>(Some(&header))
        else {
            problems.push(at(row, None, "This row could not be read".to_owned()));
            continue;
        };
        let heading = line.heading.trim();
        let amount = line.amount.trim();
        let explanation = line.explanation.trim().replace("\r\n", "\n");
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
