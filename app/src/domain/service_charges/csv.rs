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

pub(super) const COLUMNS: [&str; 3] = ["heading", "amount", "explanation"];

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
