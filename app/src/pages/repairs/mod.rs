//! Repairs for residents: "Your repairs", the report journey one question a page, a job's page
//! with its timeline and deadlines, booking, cancelling, "is it fixed?" and the rating.

use crate::api::repairs::*;
use crate::components::content::tel_href;
use crate::components::content::{
    BackLink, NotificationBanner, StatusTag, SummaryList, SummaryRow, TagColour, Timeline,
    TimelineEntry,
};
use crate::components::content::{Deadlines, ProgressTag};
use crate::components::fields::{Choice, Choices, ErrorSummary, SubmitButton, TextArea, TextInput};
use crate::domain::repairs::{CANCEL_REASONS, DESCRIPTION_LIMIT, NOTE_LIMIT};
use crate::domain::validation::FieldErrors;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use crate::site::site;
use crate::wire::forms::FormState;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn as _;

fn param(name: &str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

fn query(name: &str) -> String {
    use_query_map().with_untracked(|q| q.get(name).unwrap_or_default())
}

fn choices(options: &[Offered]) -> Vec<Choice> {
    options
        .iter()
        .map(|o| match &o.hint {
            Some(h) => Choice::new(o.value.clone(), o.label.clone()).with_hint(h.clone()),
            None => Choice::new(o.value.clone(), o.label.clone()),
        })
        .collect()
}

/// "Error: " in the title and the summary at the top, when there are errors.
#[component]
fn Errors(errors: FieldErrors, title: &'static str) -> impl IntoView {
    view! {
        {(!errors.is_empty()).then(|| view! { <Title text=format!("Error: {title}")/> })}
        <ErrorSummary errors/>
    }
}

mod details;
mod job;
mod list;
mod questions;
mod visits;
pub use details::*;
pub use job::*;
pub use list::*;
pub use questions::*;
pub use visits::*;
