//! A resident's contact preferences, checked, and the needs banner they make.

use super::*;

/// Everything a resident has told us about contacting them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// Best first.
    pub channels: Vec<Channel>,
    pub never: Vec<Channel>,
    pub good_times: String,
    pub bad_times: String,
    /// Empty for English.
    pub language: String,
    pub formats: Vec<Format>,
    pub adjustments: Vec<Adjustment>,
    pub other_adjustments: String,
    pub visit_staff: VisitStaff,
    pub newsletters: Vec<Newsletter>,
}

/// The longest a free-text answer may be.
pub const MAX_TEXT: usize = 300;

/// A list stored as comma-separated codes, read back leniently: an unknown code (say, a channel
/// a landlord no longer offers) is skipped, and each code counts once.
pub fn parse_list<T: PartialEq>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in text.split(',').filter_map(parse) {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

pub fn write_list<T: Copy>(items: &[T], code: impl Fn(T) -> &'static str) -> String {
    items.iter().map(|i| code(*i)).collect::<Vec<_>>().join(",")
}

impl Preferences {
    /// Problems a resident can fix, each with the field it belongs to.
    pub fn problems(&self, offered: &[Channel]) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if let Some(c) = self.channels.iter().find(|c| !offered.contains(c)) {
            problems.push((
                "channels",
                format!("{} is not a way we can contact you", c.label()),
            ));
        }
        if let Some(c) = self.channels.iter().find(|c| self.never.contains(c)) {
            problems.push((
                "never",
                format!(
                    "{} cannot be both a way to contact you and a way never to use",
                    c.label()
                ),
            ));
        }
        if self.adjustments.contains(&Adjustment::WrittenOnly) {
            if let Some(c) = self.channels.iter().find(|c| c.spoken()) {
                problems.push((
                    "adjustments",
                    format!(
                        "You asked for written contact only, so take {} out of the ways to contact you",
                        c.label().to_lowercase()
                    ),
                ));
            }
        }
        let texts = [
            ("good_times", &self.good_times),
            ("bad_times", &self.bad_times),
            ("language", &self.language),
            ("other_adjustments", &self.other_adjustments),
        ];
        for (field, text) in texts {
            if text.chars().count() > MAX_TEXT {
                problems.push((field, format!("Use {MAX_TEXT} characters or fewer")));
            }
        }
        if self.formats.contains(&Format::Translation) && self.language.trim().is_empty() {
            problems.push((
                "language",
                "Tell us which language to write to you in".to_owned(),
            ));
        }
        problems
    }

    /// Whether a colleague may phone: not if the resident asked for writing only or never to
    /// be phoned.
    pub fn may_phone(&self) -> bool {
        !self.adjustments.contains(&Adjustment::WrittenOnly)
            && !self.never.contains(&Channel::Phone)
    }

    /// The short lines a colleague sees at the top of every screen about this resident: contact
    /// rules first, then formats, adjustments and the rest. Empty when there is nothing to know.
    pub fn banner(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.adjustments.contains(&Adjustment::WrittenOnly) {
            lines.push(Adjustment::WrittenOnly.banner().to_owned());
        }
        if let Some(first) = self.channels.first() {
            lines.push(format!("Prefers: {}", first.label().to_lowercase()));
        }
        let never: Vec<String> = self
            .never
            .iter()
            .filter(|c| {
                !(**c == Channel::Phone && self.adjustments.contains(&Adjustment::WrittenOnly))
            })
            .map(|c| c.label().to_lowercase())
            .collect();
        if !never.is_empty() {
            lines.push(format!("Never: {}", never.join(", ")));
        }
        for f in &self.formats {
            lines.push(match f {
                Format::Translation if !self.language.trim().is_empty() => {
                    format!("Write in {}", self.language.trim())
                }
                Format::Interpreter if !self.language.trim().is_empty() => {
                    format!("{} interpreter", self.language.trim())
                }
                other => other.label().to_owned(),
            });
        }
        if !self.language.trim().is_empty()
            && !self
                .formats
                .iter()
                .any(|f| matches!(f, Format::Translation | Format::Interpreter))
        {
            lines.push(format!("Language: {}", self.language.trim()));
        }
        for a in &self.adjustments {
            if *a != Adjustment::WrittenOnly {
                lines.push(a.banner().to_owned());
            }
        }
        if !self.other_adjustments.trim().is_empty() {
            lines.push(self.other_adjustments.trim().to_owned());
        }
        match self.visit_staff {
            VisitStaff::Female => lines.push("Visits by a woman".to_owned()),
            VisitStaff::Male => lines.push("Visits by a man".to_owned()),
            VisitStaff::NoPreference => {}
        }
        if !self.good_times.trim().is_empty() {
            lines.push(format!("Best times: {}", self.good_times.trim()));
        }
        if !self.bad_times.trim().is_empty() {
            lines.push(format!("Avoid: {}", self.bad_times.trim()));
        }
        lines
    }
}
