//! Every component of the design system on one page, with sample content. Development mode
//! only: it lets people building Doorstep see the parts, and the accessibility scan check them.

use crate::components::content::{
    BackLink, EmergencyPanel, NotificationBanner, Pagination, StatusTag, SummaryList, SummaryRow,
    TagColour, Timeline, TimelineEntry,
};
use crate::components::fields::{
    Choice, Choices, DateInput, ErrorSummary, FileUpload, SubmitButton, TextArea, TextInput,
};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::pages::errors::ErrorPage;
use crate::pages::layout::Layout;
use crate::site::site;
use leptos::prelude::*;

fn page_href(n: usize) -> String {
    format!("/dev/components?page={n}")
}

#[component]
pub fn GalleryPage() -> impl IntoView {
    if !site().development {
        return view! { <Layout title="Page not found"><ErrorPage error=AppError::NotFound/></Layout> }
            .into_any();
    }
    let mut errors = FieldErrors::default();
    errors.add("example-error", "Enter the name of the room");
    view! {
        <Layout title="Components">
            <BackLink href="/"/>
            <h1 class="heading-l">"Components"</h1>
            <NotificationBanner title="Important">
                <p>"A notification banner tells people something about the page they are on."</p>
            </NotificationBanner>
            <ErrorSummary errors=errors.clone()/>
            <h2 class="heading-m">"Status tags"</h2>
            <p class="tag-row">
                <StatusTag text="Reported" colour=TagColour::Blue/>
                " " <StatusTag text="Booked" colour=TagColour::Grey/>
                " " <StatusTag text="Due soon" colour=TagColour::Yellow/>
                " " <StatusTag text="Overdue" colour=TagColour::Red/>
                " " <StatusTag text="Completed" colour=TagColour::Green/>
            </p>
            <h2 class="heading-m">"Summary list"</h2>
            <SummaryList rows=vec![
                SummaryRow::new("Where is the problem", "Kitchen").change("/dev/components#where", "where the problem is"),
                SummaryRow::lines("Access", vec!["Mornings only".into(), "A dog lives here".into()]),
            ]/>
            <h2 class="heading-m">"Timeline"</h2>
            <Timeline entries=vec![
                TimelineEntry { title: "Repair reported".into(), when: "Monday 3 March 2025 at 9:30am".into(), by: Some("you".into()), body: None },
                TimelineEntry { title: "Visit booked".into(), when: "Tuesday 4 March 2025 at 11:02am".into(), by: Some("Sunita, repairs planner".into()), body: Some("A plumber will come on Friday 7 March in the morning.".into()) },
            ]/>
            <h2 class="heading-m">"Pagination"</h2>
            <Pagination current=2 total=3 href=page_href/>
            <EmergencyPanel/>
            <h2 class="heading-m">"Form fields"</h2>
            <form method="get" action="/dev/components" novalidate>
                <TextInput name="example-text" label="Room" hint="For example, kitchen"/>
                <TextInput name="example-error" label="Name of the room" error=Some("Enter the name of the room".to_owned())/>
                <TextArea name="example-textarea" label="Describe the problem" limit=500/>
                <Choices
                    name="example-radios"
                    legend="Is the water leaking now?"
                    choices=vec![Choice::new("yes", "Yes"), Choice::new("no", "No").with_hint("It has stopped, or it only leaks sometimes")]
                />
                <Choices
                    name="example-checkboxes"
                    legend="When can we come?"
                    multiple=true
                    choices=vec![Choice::new("morning", "Mornings"), Choice::new("afternoon", "Afternoons")]
                    selected=vec!["morning".into()]
                />
                <DateInput name="example-date" legend="When did it start?" hint="For example, 27 3 2025"/>
                <FileUpload name="example-file" label="Upload a photo" accept="image/jpeg,image/png,image/webp"/>
                <SubmitButton text="Continue"/>
                " "
                <SubmitButton text="Save as draft" secondary=true/>
                " "
                <SubmitButton text="Cancel the visit" warning=true/>
            </form>
        </Layout>
    }
    .into_any()
}
