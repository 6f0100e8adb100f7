//! A job: reported, its page, fixed or not, rating.

use super::*;

#[component]
pub fn ReportedPage() -> impl IntoView {
    let reference = param("reference");
    view! {
        <Layout title="Repair reported">
            <Load future=get_repair(reference.clone()) let:view>
                <Reported view/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn Reported(view: RepairView) -> impl IntoView {
    let target = view
        .deadlines
        .first()
        .map(|d| d.due.clone())
        .unwrap_or_default();
    let href = format!("/repairs/{}", view.reference);
    view! {
        <NotificationBanner title="Repair reported" success=true>
            <p class="notification-banner-heading">"Your reference is " <strong class="reference">{view.reference.clone()}</strong></p>
        </NotificationBanner>
        <h1 class="heading-l">"We have your report"</h1>
        <SummaryList rows=vec![
            SummaryRow::new("Problem", view.summary.clone()),
            SummaryRow::new("Priority", view.priority.clone()),
            SummaryRow::new("We aim to complete it by", target),
        ]/>
        <h2 class="heading-m">"What happens next"</h2>
        {view.deadlines.iter().skip(1).map(|d| view! { <p>{format!("{}: by {}.", d.label, d.due)}</p> }).collect_view()}
        {if view.may_book {
            view! {
                <p>"Choose a day for the visit now. You can change or cancel it until the day."</p>
                <p><a href=format!("{href}/book") class="button">"Book a visit"</a></p>
            }.into_any()
        } else {
            view! { <p>"We will contact you to arrange the visit."</p> }.into_any()
        }}
        <p>"We will email you when anything changes. You can see where it stands at any time in "<a href=href.clone()>"this repair's page"</a>"."</p>
    }
}

#[component]
pub fn RepairPage() -> impl IntoView {
    let reference = param("reference");
    let banner = if !query("booked").is_empty() {
        Some("Visit booked")
    } else if !query("following").is_empty() {
        Some("You are following this repair. We will tell you when it changes")
    } else if !query("rated").is_empty() {
        Some("Thank you for your rating")
    } else {
        None
    };
    view! {
        <Layout title="Your repair">
            <Load future=get_repair_page(reference.clone()) let:page>
                <Repair view=page.0 banner errors=page.1/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn Repair(
    view: RepairView,
    banner: Option<&'static str>,
    errors: FieldErrors,
) -> impl IntoView {
    let fixed_error = errors.for_field("fixed").map(str::to_owned);
    let rating_error = errors.for_field("rating").map(str::to_owned);
    let comment_error = errors.for_field("comment").map(str::to_owned);
    let href = format!("/repairs/{}", view.reference);
    let mut rows = vec![
        SummaryRow::new("Reference", view.reference.clone()),
        SummaryRow::new("Where", view.place.clone()),
        SummaryRow::new("Status", view.status.clone()),
        SummaryRow::new("Priority", view.priority.clone()),
        SummaryRow::new("Reported", view.reported.clone()),
    ];
    if let Some(team) = &view.team {
        rows.push(SummaryRow::new("Dealt with by", team.clone()));
    }
    if let Some(visit) = &view.visit {
        rows.push(SummaryRow::new("Visit", visit.clone()));
    }
    if let Some(r) = &view.recall_of {
        rows.push(SummaryRow::new("Reopens", r.clone()));
    }
    if let Some(r) = &view.recalled_by {
        rows.push(SummaryRow::new("Not fixed: reopened as", r.clone()));
    }
    if view.communal && view.followers > 0 {
        rows.push(SummaryRow::new(
            "Also reported by",
            format!("{} other residents", view.followers),
        ));
    }
    let entries: Vec<TimelineEntry> = view.timeline.iter().map(TimelineEntry::from).collect();
    view! {
        <Title text=format!("{} - {}", view.summary, view.reference)/>
        <Errors errors=errors.clone() title="Your repair"/>
        {banner.map(|b| view! {
            <NotificationBanner title="Done" success=true>
                <p class="notification-banner-heading">{b}</p>
            </NotificationBanner>
        })}
        <BackLink href=match &view.acting_for { Some((person, _)) => format!("/repairs?for={person}"), None => "/repairs".to_owned() }/>
        <span class="caption">
            "Repair " {view.reference.clone()}
            {view.acting_for.clone().map(|(_, name)| format!(", acting for {name}"))}
        </span>
        <h1 class="heading-l">{view.summary.clone()}</h1>
        <SummaryList rows/>
        <Deadlines deadlines=view.deadlines.clone()/>
        {(view.may_book || view.may_cancel).then(|| view! {
            <div class="button-group">
                {view.may_book.then(|| view! {
                    <a href=format!("{href}/book") class="button">{if view.visit.is_some() { "Change the visit" } else { "Book a visit" }}</a>
                })}
                {view.may_cancel.then(|| view! {
                    <a href=format!("{href}/cancel") class="button button-secondary">"Cancel the visit"</a>
                })}
            </div>
        })}
        {view.ask_fixed.then(|| view! { <FixedQuestion reference=view.reference.clone() error=fixed_error/> })}
        {view.may_rate.then(|| view! { <RateForm reference=view.reference.clone() error=rating_error comment_error/> })}
        {view.rating.clone().map(|r| view! { <p>"Your rating: " {r}</p> })}
        <h2 class="heading-m">{if view.acting_for.is_some() { "What was reported" } else { "What you told us" }}</h2>
        <SummaryList rows=view.answers.iter().map(|(q, a)| SummaryRow::new(q.clone(), a.clone())).chain(std::iter::once(SummaryRow::lines("Description", view.description.lines().map(str::to_owned).collect()))).collect()/>
        {(!view.photos.is_empty()).then(|| view! {
            <ul class="photo-list">
                {view.photos.iter().enumerate().map(|(i, id)| view! {
                    <li class="photo-item"><img src=format!("/repairs/photos/{id}") alt=format!("Photo {} of the problem", i + 1) class="photo"/></li>
                }).collect_view()}
            </ul>
        })}
        <crate::components::content::WorkPhotos hrefs=view.work_photos.iter().map(|id| format!("/visits/photos/{id}")).collect()/>
        <h2 class="heading-m">"What has happened"</h2>
        <Timeline entries/>
        <p>"Unhappy with how this repair is going? " <a href=format!("/cases/new/complaint/what?about={}{}", view.reference, view.acting_for.as_ref().map(|(p, _)| format!("&person={p}")).unwrap_or_default())>"Make a complaint about this"</a></p>
    }
}

#[component]
pub(super) fn FixedQuestion(reference: String, error: Option<String>) -> impl IntoView {
    let action = crate::api::repairs::SayFixed::PATH;
    view! {
        <form method="post" action=action novalidate class="panel">
            <input type="hidden" name="reference" value=reference/>
            <Choices
                name="fixed"
                legend="Is it fixed?"
                hint="If it is not, tell us within 30 days of the repair and we will come back"
                choices=vec![Choice::new("yes", "Yes, it is fixed"), Choice::new("no", "No, it is not fixed")]
                error
            />
            <SubmitButton text="Send"/>
        </form>
    }
}

#[component]
pub(super) fn RateForm(
    reference: String,
    error: Option<String>,
    comment_error: Option<String>,
) -> impl IntoView {
    view! {
        <form method="post" action=crate::api::repairs::RateRepair::PATH novalidate class="panel">
            <input type="hidden" name="reference" value=reference/>
            <Choices
                name="rating"
                legend="How satisfied are you with this repair?"
                choices=vec![
                    Choice::new("5", "5: very satisfied"),
                    Choice::new("4", "4: fairly satisfied"),
                    Choice::new("3", "3: neither"),
                    Choice::new("2", "2: fairly dissatisfied"),
                    Choice::new("1", "1: very dissatisfied"),
                ]
                error
            />
            <TextArea name="comment" label="Anything you want to tell us? (optional)" error=comment_error limit=NOTE_LIMIT rows=3/>
            <SubmitButton text="Send rating" secondary=true/>
        </form>
    }
}
