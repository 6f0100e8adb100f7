//! Documents and service charges as staff pages show them, and the upload and import forms'
//! values.

use super::forms::Offered;
use crate::domain::service_charges::ImportProblem;
use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// The upload form's fields as posted (multipart), kept when something is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadValues {
    pub token: String,
    pub category: String,
    pub title: String,
    pub effective_day: String,
    pub effective_month: String,
    pub effective_year: String,
    pub review_day: String,
    pub review_month: String,
    pub review_year: String,
    pub audience: String,
    /// "block:1" or "estate:1".
    pub place: String,
    pub tenancy_reference: String,
    /// The document a new version replaces.
    pub replaces: String,
}

/// The import form's fields, and the file's problems by row and column when it was refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportValues {
    pub place: String,
    pub year: String,
    pub kind: String,
    pub method: String,
    #[serde(default)]
    pub problems: Vec<ImportProblem>,
}

pub const UPLOAD_FORM: &str = "document-upload";
pub const IMPORT_FORM: &str = "charges-import";
pub const STAFF_DOCUMENTS_FORM: &str = "staff-documents";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDocLine {
    pub reference: String,
    pub title: String,
    pub category: String,
    pub place: String,
    pub audience: String,
    pub effective: String,
    pub review: Option<String>,
    pub uploaded: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDocuments {
    pub lines: Vec<StaffDocLine>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub status: String,
    pub place: String,
    pub statuses: Vec<Offered>,
    pub places: Vec<Offered>,
    pub may_upload: bool,
    pub may_import: bool,
}

/// The upload form (new document or new version) with what it offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadForm {
    pub values: UploadValues,
    pub errors: FieldErrors,
    /// A file chosen before, kept while other fields were put right: "lease.pdf (PDF, 240 KB)".
    pub pending: Option<String>,
    pub categories: Vec<Offered>,
    pub audiences: Vec<Offered>,
    pub places: Vec<Offered>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionLine {
    pub reference: String,
    pub version: i64,
    pub status: String,
    pub uploaded: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDocument {
    pub reference: String,
    pub title: String,
    pub category: String,
    pub place: String,
    pub audience: String,
    pub effective: String,
    pub review: Option<String>,
    pub status: String,
    pub current: bool,
    pub version: i64,
    pub uploaded: String,
    pub file: String,
    pub downloads: i64,
    pub withdrawn: Option<String>,
    pub replaced_by: Option<String>,
    pub versions: Vec<VersionLine>,
    pub may_manage: bool,
    /// The replace form (prefilled from this version).
    pub replace: UploadForm,
    pub withdraw_error: Option<String>,
    pub done: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyLine {
    pub person: String,
    pub home: String,
    pub name: String,
    pub address: String,
    pub block: String,
    pub last: Option<String>,
    pub due: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyPage {
    pub lines: Vec<SafetyLine>,
    pub outstanding: usize,
    pub may_record: bool,
    pub errors: FieldErrors,
    pub done: Option<String>,
    pub today: (String, String, String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLineStaff {
    pub reference: String,
    pub title: String,
    pub status: String,
    pub total: String,
    pub imported: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffStatements {
    pub lines: Vec<StatementLineStaff>,
    pub may_import: bool,
    pub values: ImportValues,
    pub errors: FieldErrors,
    pub places: Vec<Offered>,
    pub kinds: Vec<Offered>,
    pub methods: Vec<Offered>,
    pub headings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffStatement {
    pub reference: String,
    pub title: String,
    pub status: String,
    pub draft: bool,
    pub method: String,
    pub imported: String,
    pub published: Option<String>,
    pub total: String,
    /// Heading, amount, explanation.
    pub lines: Vec<(String, String, String)>,
    /// Address, what it is shared by, total share.
    pub homes: Vec<(String, String, String)>,
    /// Case reference, the line, who asked, status.
    pub questions: Vec<(String, String, String, String)>,
    pub may_publish: bool,
    pub done: Option<String>,
}
