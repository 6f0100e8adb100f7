//! The colleagues' side of requests to see data: the queue and one request's page. Apart from
//! `your_data` (the resident's side) because the page shows the resident's needs banner, and
//! `preferences` in turn shows a resident's requests.

use crate::domain::validation::FieldErrors;
use crate::wire::preferences::NeedsBanner;
use crate::wire::your_data::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectAccessQueue {
    pub open: Vec<RequestLine>,
    pub finished: Vec<RequestLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRequest {
    pub view: RequestView,
    pub banner: NeedsBanner,
    /// The latest date more time may reach, while it may still be taken.
    pub extend_until: Option<String>,
    pub values: StepValues,
    pub errors: FieldErrors,
    pub done: Option<String>,
}

pub const STEP_FORM: &str = "subject_access_step";
