//! The print queue: letters waiting and posted.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterLine {
    pub id: i64,
    pub to: String,
    pub address: String,
    pub subject: String,
    pub large_print: bool,
    pub written: String,
    /// "Posted on ... by ...", once it has been.
    pub posted: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterQueue {
    pub waiting: Vec<LetterLine>,
    pub posted: Vec<LetterLine>,
    pub done: Option<String>,
}
