//! The design system: form fields, error summary, summary list, timeline, tags and the
//! few islands that hydrate in the browser.

pub mod content;
pub mod fields;
pub mod islands;
