//! The contact preferences page and form.

use super::*;

#[component]
pub fn ContactPreferencesPage() -> impl IntoView {
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    view! {
        <Layout title="How we contact you">
            <Load future=get_preferences(None) let:page>
                {saved.then(|| view! {
                    <NotificationBanner title="Saved" success=true>
                        <p class="notification-banner-heading">"Your contact preferences have been saved. Everyone who works with you will see them."</p>
                    </NotificationBanner>
                })}
                <h1 class="heading-l">"How we contact you"</h1>
                <p>"Tell us how to reach you and what you need from us. Everything we send you, and everyone who works on your repairs and cases, follows what you say here."</p>
                <PreferencesForm page/>
            </Load>
        </Layout>
    }
}

pub(super) fn choices(options: &[Option_]) -> Vec<Choice> {
    options
        .iter()
        .map(|o| Choice::new(o.value.clone(), o.label.clone()))
        .collect()
}

/// The form itself, with what is in force and every earlier version below it.
#[component]
pub fn PreferencesForm(page: PreferencesPage) -> impl IntoView {
    let errors = page.errors.clone();
    let has_errors = !errors.is_empty();
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = page.values.clone();
    let offered: Vec<Offered> = page
        .channels
        .iter()
        .map(|o| Offered {
            value: o.value.clone(),
            label: o.label.clone(),
            hint: None,
        })
        .collect();
    let whose = if page.staff {
        format!("{}'s", page.person_name)
    } else {
        "Your".to_owned()
    };
    let title = if page.staff {
        "Contact preferences"
    } else {
        "How we contact you"
    };
    view! {
        {has_errors.then(|| view! { <Title text=format!("Error: {title}")/> })}
        <ErrorSummary errors=errors.clone()/>
        <form method="post" action="/account/contact/save" novalidate id="preferences">
            {page.staff.then(|| view! { <input type="hidden" name="person" value=page.person_id.to_string()/> })}
            <h2 class="heading-m">"Ways to contact"</h2>
            <p class="hint">"Choose up to three, best first. We send messages by email, text or letter ourselves; for the others a colleague gets in touch."</p>
            <Select name="first" label="First choice" options=offered.clone() selected=v.order[0].clone() empty="No preference" error=error("first")/>
            <Select name="second" label="Second choice" options=offered.clone() selected=v.order[1].clone() empty="No preference" error=error("second")/>
            <Select name="third" label="Third choice" options=offered.clone() selected=v.order[2].clone() empty="No preference" error=error("third")/>
            <Choices
                name="never"
                legend="Ways we must never use"
                hint="We will not contact you this way, even if nothing else works."
                choices=choices(&page.channels)
                selected=v.never.clone()
                error=error("never")
                multiple=true
            />
            <TextInput name="good_times" label="Good times to phone or visit (optional)" hint="For example, weekday mornings" value=v.good_times.clone() error=error("good_times")/>
            <TextInput name="bad_times" label="Times to avoid (optional)" hint="For example, school pick-up, 3pm to 4pm" value=v.bad_times.clone() error=error("bad_times")/>

            <h2 class="heading-m">"What you need from us"</h2>
            <TextInput name="language" label="Language, if not English (optional)" value=v.language.clone() error=error("language")/>
            <Choices
                name="formats"
                legend="Formats you need"
                hint="Select all that apply."
                choices=choices(&page.formats)
                selected=v.formats.clone()
                error=error("formats")
                multiple=true
            />
            <Choices
                name="adjustments"
                legend="Adjustments that help you"
                hint="Select all that apply."
                choices=choices(&page.adjustments)
                selected=v.adjustments.clone()
                error=error("adjustments")
                multiple=true
            />
            <TextArea name="other_adjustments" label="Anything else we should do or know (optional)" value=v.other_adjustments.clone() error=error("other_adjustments") limit=crate::domain::preferences::MAX_TEXT rows=3/>
            <Choices
                name="visit_staff"
                legend="Who would you like to visit your home?"
                choices=choices(&page.visit_staff)
                selected=vec![if v.visit_staff.is_empty() { "no_preference".to_owned() } else { v.visit_staff.clone() }]
                error=error("visit_staff")
            />

            <h2 class="heading-m">"Newsletters"</h2>
            <Choices
                name="newsletters"
                legend="Newsletters to send you"
                hint="Sent by your first choice of contact. Select none to have none."
                choices=choices(&page.newsletters)
                selected=v.newsletters.clone()
                error=error("newsletters")
                multiple=true
            />
            <SubmitButton text="Save contact preferences"/>
        </form>

        <h2 class="heading-m">{format!("{whose} preferences now")}</h2>
        {if page.summary.is_empty() {
            view! { <p>"None given yet: we use email, then text message, then letter."</p> }.into_any()
        } else {
            view! { <ul class="list">{page.summary.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul> }.into_any()
        }}
        <h2 class="heading-m">"Changes"</h2>
        {if page.history.is_empty() {
            view! { <p>"No changes yet."</p> }.into_any()
        } else {
            view! {
                <ol class="timeline">
                    {page.history.iter().map(|c| view! {
                        <li class="timeline-item">
                            <p class="timeline-title">{c.when.clone()}{c.by.clone().map(|b| format!(", by {b}"))}</p>
                            <ul class="list">{c.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}
