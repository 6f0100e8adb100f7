//! Documents about a home and its building: what kind each is, who at a place may read it, and
//! what an upload must be (a PDF, JPEG or PNG by its bytes, at most 25 MB, under a clean name).

use super::housing::{stored_as_text, Tenure};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest document accepted.
pub const MAX_DOCUMENT_BYTES: usize = 25 * 1024 * 1024;

/// The longest title staff may give a document.
pub const TITLE_LIMIT: usize = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    TenancyAgreement,
    Lease,
    ServiceChargeEstimate,
    ServiceChargeAccount,
    FireRiskAssessment,
    FireSafetyInstructions,
    GasSafetyRecord,
    ElectricalReport,
    AsbestosSurvey,
    LiftInspection,
    BuildingSafetyStrategy,
    MaintenanceSchedule,
    Warranty,
    Letter,
}

stored_as_text!(Category {
    TenancyAgreement => "tenancy_agreement", "Tenancy agreement";
    Lease => "lease", "Lease";
    ServiceChargeEstimate => "service_charge_estimate", "Service charge estimate";
    ServiceChargeAccount => "service_charge_account", "Service charge year-end account";
    FireRiskAssessment => "fire_risk_assessment", "Fire risk assessment";
    FireSafetyInstructions => "fire_safety_instructions", "Fire safety instructions";
    GasSafetyRecord => "gas_safety_record", "Gas safety record";
    ElectricalReport => "electrical_report", "Electrical safety report";
    AsbestosSurvey => "asbestos_survey", "Asbestos survey";
    LiftInspection => "lift_inspection", "Lift inspection report";
    BuildingSafetyStrategy => "building_safety_strategy", "Building safety engagement strategy";
    MaintenanceSchedule => "maintenance_schedule", "Maintenance schedule";
    Warranty => "warranty", "Warranty or manual";
    Letter => "letter", "Letter";
});

impl Category {
    /// Documents of one tenancy or lease rather than of the home: when staff give a tenancy
    /// reference, these belong to the tenancy and go with it when it ends.
    pub fn belongs_to_tenancy(self) -> bool {
        matches!(
            self,
            Category::TenancyAgreement | Category::Lease | Category::Letter
        )
    }

    /// Safety information every resident of a block must be given again each year.
    pub fn given_yearly(self) -> bool {
        self == Category::FireSafetyInstructions
    }

    /// What the document is for, in a sentence for residents.
    pub fn explained(self) -> &'static str {
        match self {
            Category::TenancyAgreement => "The agreement between you and us: your rights and ours.",
            Category::Lease => "Your lease: what you own, what we look after and what you pay for.",
            Category::ServiceChargeEstimate => {
                "What we expect to spend on your building this year, and your share."
            }
            Category::ServiceChargeAccount => {
                "What we actually spent last year, and how it compares with the estimate."
            }
            Category::FireRiskAssessment => {
                "How fire risks in the building were checked and what is being done about them."
            }
            Category::FireSafetyInstructions => {
                "What to do if there is a fire, and how to report a fire safety problem."
            }
            Category::GasSafetyRecord => "The yearly check of the gas appliances in your home.",
            Category::ElectricalReport => {
                "The check of the electrical wiring in your home or building."
            }
            Category::AsbestosSurvey => "Where asbestos is known to be, and how it is managed.",
            Category::LiftInspection => "The latest safety inspection of the lifts.",
            Category::BuildingSafetyStrategy => {
                "How we keep you informed about building safety and how you can have your say."
            }
            Category::MaintenanceSchedule => {
                "When communal areas and equipment are cleaned, serviced and checked."
            }
            Category::Warranty => "Warranties and instructions for things in your home.",
            Category::Letter => "A letter we sent you.",
        }
    }
}

/// Who at a place may read a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Everyone,
    Tenants,
    Owners,
}

stored_as_text!(Audience {
    Everyone => "everyone", "Everyone there";
    Tenants => "tenants", "Tenants only";
    Owners => "owners", "Shared owners and leaseholders only";
});

impl Audience {
    pub fn includes(self, tenure: Tenure) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Tenants => tenure.is_renter(),
            Audience::Owners => !tenure.is_renter(),
        }
    }
}

/// Where a version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    Current,
    Superseded,
    Withdrawn,
}

stored_as_text!(DocumentStatus {
    Current => "current", "Current";
    Superseded => "superseded", "Replaced by a newer version";
    Withdrawn => "withdrawn", "Withdrawn";
});

/// The kinds of file accepted, decided by the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
}

impl FileKind {
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
        }
    }

    pub fn from_content_type(text: &str) -> Option<FileKind> {
        [FileKind::Pdf, FileKind::Jpeg, FileKind::Png]
            .into_iter()
            .find(|k| k.content_type() == text)
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Jpeg => "JPEG picture",
            FileKind::Png => "PNG picture",
        }
    }
}

/// The kind of file the bytes are, by their signature: a PDF starts `%PDF-` (within its first
/// kilobyte, as the format allows), a JPEG `FF D8 FF`, a PNG its eight-byte signature.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        Some(FileKind::Pdf)
    } else {
        None
    }
}

/// What is wrong with an uploaded file, in words for the colleague.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    Missing,
    Empty,
    TooBig,
    WrongType,
    TooManyPixels,
}

impl FileProblem {
    pub fn message(self) -> &'static str {
        match self {
            FileProblem::Missing => "Choose the file to upload",
            FileProblem::Empty => "The selected file is empty",
            FileProblem::TooBig => "The file must be smaller than 25 MB",
            FileProblem::WrongType => "The file must be a PDF, JPEG or PNG",
            FileProblem::TooManyPixels => {
                "The picture has too many pixels (over 50 megapixels). Scan or photograph it again at a lower resolution"
            }
        }
    }
}

/// How much of a file's beginning the checks read: the type is in its first kilobyte, a
/// picture's size in its header (a JPEG's follows its metadata, which a camera may make long).
pub const HEAD_BYTES: usize = 1024 * 1024;

/// Checks an upload, whatever its name says, from its beginning (`head`, its first
/// [`HEAD_BYTES`] or all of it) and its size: an upload is checked as it streams to the store.
#[cfg(feature = "ssr")]
pub fn check_file(head: &[u8], size: usize) -> Result<FileKind, FileProblem> {
    if size == 0 {
        return Err(FileProblem::Empty);
    }
    if size > MAX_DOCUMENT_BYTES {
        return Err(FileProblem::TooBig);
    }
    let bytes = &head[..head.len().min(HEAD_BYTES)];
    let kind = sniff(bytes).ok_or(FileProblem::WrongType)?;
    // A picture is measured from its header before anything draws it (see images).
    let picture = match kind {
        FileKind::Jpeg => Some(super::images::ImageKind::Jpeg),
        FileKind::Png => Some(super::images::ImageKind::Png),
        FileKind::Pdf => None,
    };
    if let Some(picture) = picture {
        let (width, height) =
            super::images::dimensions(picture, bytes).ok_or(FileProblem::WrongType)?;
        if u64::from(width) * u64::from(height) > super::images::MAX_PHOTO_PIXELS {
            return Err(FileProblem::TooManyPixels);
        }
    }
    Ok(kind)
}

/// The name a download is offered under: the last part of what the browser sent (no folders,
/// no `..`), letters, digits, spaces, `-`, `_`, `(`, `)` and `.` only, at most 80 characters,
/// ending in `extension` (the file's real kind's). Safe inside a quoted header value.
pub fn clean_filename(sent: &str, extension: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut cleaned = String::new();
    for c in last.chars() {
        let keep = c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '(' | ')' | '.');
        let c = if keep { c } else { '-' };
        // No runs of separators: "a  b", "a - b" and "a--b" become "a b", "a b" and "a-b";
        // no "..".
        let separator = |c: char| matches!(c, ' ' | '-');
        let repeated =
            (separator(c) && cleaned.ends_with(separator)) || (c == '.' && cleaned.ends_with('.'));
        if !repeated {
            cleaned.push(c);
        }
    }
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, _)) => stem.to_owned(),
        None => cleaned,
    };
    let stem: String = stem
        .trim_matches(|c: char| matches!(c, ' ' | '-' | '.' | '_'))
        .chars()
        .take(80 - 1 - extension.len())
        .collect();
    let stem = stem.trim_end_matches([' ', '-', '.']);
    let stem = if stem.is_empty() { "document" } else { stem };
    format!("{stem}.{extension}")
}

/// A file's type and size for people: "PDF, 240 KB" ("File" for a type it does not know).
pub fn file_in_words(content_type: &str, bytes: i64) -> String {
    let kind = FileKind::from_content_type(content_type).map_or("File", FileKind::label);
    format!("{kind}, {}", size_in_words(bytes))
}

/// A file's size for people: "820 bytes", "240 KB", "3.4 MB".
pub fn size_in_words(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 512) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Whether yearly safety information given on `given_on` is still this year's on `today`:
/// it must be given again within twelve months.
pub fn given_within_a_year(given_on: chrono::NaiveDate, today: chrono::NaiveDate) -> bool {
    today
        .checked_sub_months(chrono::Months::new(12))
        .is_some_and(|year_ago| given_on > year_ago)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8]) -> Result<FileKind, FileProblem> {
        check_file(bytes, bytes.len())
    }

    #[test]
    fn a_large_picture_is_checked_from_its_first_mebibyte() {
        // A photo's header is at its start: the first mebibyte of a 20 MB scan is enough to
        // know its kind and its size in pixels.
        let photo = crate::domain::images::samples::jpeg_with_location(4000, 3000);
        let head = [photo.clone(), vec![0; HEAD_BYTES]].concat();
        assert_eq!(check_file(&head, 20_000_000), Ok(FileKind::Jpeg));
        let bomb = crate::domain::images::samples::png_declaring(30_000, 30_000);
        assert_eq!(
            check_file(&bomb, 20_000_000),
            Err(FileProblem::TooManyPixels)
        );
        assert_eq!(
            check_file(b"%PDF-1.7", MAX_DOCUMENT_BYTES + 1),
            Err(FileProblem::TooBig)
        );
    }

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        assert_eq!(sniff(b"\r\n%PDF-1.4"), Some(FileKind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileKind::Png));
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(sniff(b"GIF89a"), None);
        let late = [vec![b' '; 2000], b"%PDF-1.7".to_vec()].concat();
        assert_eq!(sniff(&late), None, "a PDF header past the first kilobyte");
        assert_eq!(check(b""), Err(FileProblem::Empty));
        assert_eq!(check(b"MZ\x90\x00"), Err(FileProblem::WrongType));
        let big = vec![b'%'; MAX_DOCUMENT_BYTES + 1];
        assert_eq!(check(&big), Err(FileProblem::TooBig));
        let mut limit = b"%PDF-".to_vec();
        limit.resize(MAX_DOCUMENT_BYTES, b' ');
        assert_eq!(check(&limit), Ok(FileKind::Pdf));
        let scan = crate::domain::images::samples::png_declaring(2480, 3508);
        assert_eq!(check(&scan), Ok(FileKind::Png), "an A4 page at 300 dpi");
        let bomb = crate::domain::images::samples::png_declaring(30_000, 30_000);
        assert_eq!(check(&bomb), Err(FileProblem::TooManyPixels));
    }

    #[test]
    fn names_lose_folders_tricks_and_false_extensions() {
        let pdf = "pdf";
        assert_eq!(clean_filename("Lease 2019.pdf", pdf), "Lease 2019.pdf");
        assert_eq!(clean_filename("../../etc/passwd", pdf), "passwd.pdf");
        assert_eq!(clean_filename("C:\\Users\\me\\Lease.PDF", pdf), "Lease.pdf");
        assert_eq!(clean_filename("..", pdf), "document.pdf");
        assert_eq!(clean_filename("", pdf), "document.pdf");
        assert_eq!(clean_filename(".htaccess", pdf), "document.pdf");
        assert_eq!(
            clean_filename("fra\"; filename=evil.exe", pdf),
            "fra-filename-evil.pdf"
        );
        assert_eq!(clean_filename("r\u{e9}sum\u{e9}\r\n.pdf", pdf), "r-sum.pdf");
        assert_eq!(clean_filename("photo.jpeg.exe", "jpg"), "photo.jpeg.jpg");
        assert_eq!(clean_filename("scan.pdf", "png"), "scan.png");
        let long = "a".repeat(300) + ".pdf";
        assert_eq!(clean_filename(&long, pdf).len(), 80);
        for tricky in [
            "a/../../b.pdf",
            "%2e%2e%2fx.pdf",
            "x\0y.pdf",
            "<script>.pdf",
        ] {
            let name = clean_filename(tricky, pdf);
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_alphanumeric() || " -_().".contains(c)),
                "{tricky} gave {name}"
            );
            assert!(!name.contains(".."), "{tricky} gave {name}");
        }
    }

    #[test]
    fn audiences_follow_tenure() {
        use Tenure::*;
        assert!(Audience::Everyone.includes(GeneralNeeds));
        assert!(Audience::Tenants.includes(AffordableRent));
        assert!(!Audience::Tenants.includes(SharedOwnership));
        assert!(Audience::Owners.includes(Leasehold));
        assert!(!Audience::Owners.includes(GeneralNeeds));
    }

    #[test]
    fn yearly_information_lapses_after_twelve_months() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert!(given_within_a_year(d(2026, 1, 10), d(2026, 11, 23)));
        assert!(given_within_a_year(d(2025, 11, 24), d(2026, 11, 23)));
        assert!(!given_within_a_year(d(2025, 11, 23), d(2026, 11, 23)));
        assert!(!given_within_a_year(d(2024, 6, 1), d(2026, 11, 23)));
        assert_eq!(file_in_words("application/pdf", 240 * 1024), "PDF, 240 KB");
        assert_eq!(
            file_in_words("application/x-unknown", 820),
            "File, 820 bytes"
        );
        assert_eq!(size_in_words(820), "820 bytes");
        assert_eq!(size_in_words(240 * 1024), "240 KB");
        assert_eq!(size_in_words(3_565_158), "3.4 MB");
    }

    #[test]
    fn every_category_and_audience_round_trips() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(*c));
            assert!(!c.explained().is_empty());
        }
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.as_str()), Some(*a));
        }
    }
}
