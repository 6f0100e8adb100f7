//! CSV files Doorstep writes (the reports, the dashboard, a service-charge statement), through
//! the csv crate: RFC 4180 quoting, CRLF line ends, and no text cell a spreadsheet would read
//! as a formula.

use crate::error::AppError;

/// A CSV file being written: a header row, then rows of the same length.
pub struct Csv {
    writer: csv::Writer<Vec<u8>>,
    failed: Option<csv::Error>,
}

/// A cell as written: a value starting `=`, `+`, `-`, `@`, a tab or a carriage return gets an
/// apostrophe so that a spreadsheet shows it rather than running it, unless it is a number
/// ("-3.50" stays a number) or that one character alone ("-" for "none", which no spreadsheet
/// runs).
pub fn safe(value: &str) -> std::borrow::Cow<'_, str> {
    let risky = value.chars().count() > 1 && value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && value.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

impl Csv {
    pub fn new<I, S>(header: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut csv = Csv {
            writer,
            failed: None,
        };
        csv.row(header);
        csv
    }

    /// Adds a row (each cell through `safe`).
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        if self.failed.is_some() {
            return;
        }
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| safe(c.as_ref()).into_owned())
            .collect();
        if let Err(error) = self.writer.write_record(&cells) {
            self.failed = Some(error);
        }
    }

    /// The file's text.
    pub fn finish(self) -> Result<String, AppError> {
        if let Some(error) = self.failed {
            return Err(crate::error::internal(format!("a CSV row: {error}")));
        }
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| crate::error::internal(format!("the CSV file: {e}")))?;
        String::from_utf8(bytes).map_err(crate::error::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_as_rfc_4180_says_and_formulas_are_not_run() {
        let mut csv = Csv::new(["name", "note", "amount"]);
        csv.row(["Siobhán, \"Shiv\"", "=HYPERLINK(\"x\")", "-3.50"]);
        csv.row(["two\nlines", "@SUM(A1)", "+44 161"]);
        csv.row(["-", "none", "0"]);
        assert_eq!(
            csv.finish().expect("written"),
            "name,note,amount\r\n\"Siobhán, \"\"Shiv\"\"\",\"'=HYPERLINK(\"\"x\"\")\",-3.50\r\n\"two\nlines\",'@SUM(A1),'+44 161\r\n-,none,0\r\n"
        );
    }

    #[test]
    fn a_row_of_the_wrong_length_is_an_error_not_a_bad_file() {
        let mut csv = Csv::new(["a", "b"]);
        csv.row(["1"]);
        assert!(csv.finish().is_err());
    }
}
