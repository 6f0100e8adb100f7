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

// ---------------------------------------------------------------------------------------------
// Your repairs.

#[component]
pub fn YourRepairsPage() -> impl IntoView {
    let person = Some(query("for")).filter(|p| !p.is_empty());
    view! {
        <Layout title="Your repairs">
            <Load future=get_your_repairs(person) let:page>
                <YourRepairsView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn YourRepairsView(page: YourRepairs) -> impl IntoView {
    if let Some(people) = page.represented {
        return view! {
            <super::permissions::ChooseResident
                people
                area="Repairs"
                path="/repairs"
                nobody="follow their repairs"
                choose="Choose whose repairs to see. You can see them and book visits while the resident's permission lasts."
            />
        }
        .into_any();
    }
    view! { <YourRepairs lines=page.lines acting_for=page.acting_for/> }.into_any()
}

#[component]
fn YourRepairs(lines: Vec<RepairLine>, acting_for: Option<(i64, String)>) -> impl IntoView {
    let landlord = crate::site::site().profile.landlord.clone();
    let (open, closed): (Vec<_>, Vec<_>) = lines.into_iter().partition(|l| l.open);
    let list = |lines: Vec<RepairLine>| {
        view! {
            <ul class="list repair-list">
                {lines.into_iter().map(|l| {
                    let href = format!("/repairs/{}", l.reference);
                    view! {
                        <li class="repair-item">
                            <h3 class="heading-s"><a href=href>{l.summary.clone()}</a></h3>
                            <p class="repair-meta">
                                <span class="reference">{l.reference.clone()}</span> " · " {l.place.clone()}
                            </p>
                            <p>
                                <StatusTag text=l.status.clone() colour=if l.open { TagColour::Blue } else { TagColour::Green }/>
                                " "
                                {if l.open {
                                    format!("Reported {}. We aim to finish by {}.", l.reported, l.target)
                                } else {
                                    format!("Reported {}.", l.reported)
                                }}
                                " "
                                {l.open.then(|| view! { <ProgressTag state=l.target_state/> })}
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    };
    let start = match &acting_for {
        Some((_, name)) => view! {
            <span class="caption">{format!("Acting for {name}")}</span>
            <h1 class="heading-l">{format!("Repairs for {name}")}</h1>
            <p>"To report a new repair for them, phone us on " <a href=crate::components::content::tel_href(&landlord.phone)>{landlord.phone.clone()}</a> ". In an emergency phone " <a href=crate::components::content::tel_href(&landlord.emergency_phone)>{landlord.emergency_phone.clone()}</a> ", day or night."</p>
        }
        .into_any(),
        None => view! {
            <h1 class="heading-l">"Your repairs"</h1>
            <p><a href="/repairs/report" class="button">"Report a repair"</a></p>
        }
        .into_any(),
    };
    view! {
        {start}
        <h2 class="heading-m">"Open repairs"</h2>
        {if open.is_empty() {
            view! { <p>"No open repairs."</p> }.into_any()
        } else {
            list(open).into_any()
        }}
        {(!closed.is_empty()).then(|| view! {
            <h2 class="heading-m">"Closed repairs"</h2>
            {list(closed)}
        })}
    }
}

// ---------------------------------------------------------------------------------------------
// The report journey.

#[component]
pub fn ReportStartPage() -> impl IntoView {
    view! {
        <Layout title="Is any of these happening now?">
            <Load future=get_report_start() let:page>
                <QuestionForm page action=crate::api::repairs::AnswerEmergency::PATH name="emergency" title="Is any of these happening now?"/>
            </Load>
        </Layout>
    }
}

#[component]
pub fn ReportQuestionPage() -> impl IntoView {
    let at = query("at").parse::<usize>().ok();
    view! {
        <Layout title="Report a repair">
            <Load future=get_question(at) let:page>
                <QuestionForm page action=crate::api::repairs::AnswerQuestion::PATH name="answer" title="Report a repair"/>
            </Load>
        </Layout>
    }
}

#[component]
fn QuestionForm(
    page: QuestionPage,
    action: &'static str,
    name: &'static str,
    title: &'static str,
) -> impl IntoView {
    let error = page.errors.for_field(name).map(str::to_owned);
    let selected: Vec<String> = page.selected.clone().into_iter().collect();
    view! {
        <Title text=page.question.clone()/>
        <Errors errors=page.errors.clone() title/>
        <BackLink href=page.back.clone()/>
        <form method="post" action=action novalidate>
            <input type="hidden" name="at" value=page.at.to_string()/>
            <Choices
                name=name
                legend=page.question.clone()
                choices=choices(&page.options)
                selected
                hint=page.hint.clone().unwrap_or_default()
                error
                heading=true
            />
            <SubmitButton text="Continue"/>
        </form>
    }
}

#[component]
pub fn GasPage() -> impl IntoView {
    view! {
        <Layout title="Gas emergency: leave and phone now">
            <div class="warning-panel" role="alert">
                <h1 class="heading-l">"Phone the National Gas Emergency Service now"</h1>
                <p class="lead"><a href="tel:08001119999" class="phone-big">"0800 111 999"</a></p>
                <p>"Free, day and night. Do not report a gas leak online."</p>
            </div>
            <h2 class="heading-m">"What to do now"</h2>
            <ol class="list list-number">
                <li>"Open doors and windows."</li>
                <li>"Turn off the gas at the meter, if you can do it safely."</li>
                <li>"Do not use anything electrical: no light switches, doorbells or phones inside your home. Do not smoke or use matches."</li>
                <li>"Get everyone out and phone 0800 111 999 from outside."</li>
                <li>"If anyone feels unwell (headache, dizziness, sickness), phone 999 or get medical help."</li>
            </ol>
            <p>"When the gas engineer has made it safe, phone us and we will arrange any repair."</p>
            <p><a href="/repairs">"Back to your repairs"</a></p>
        </Layout>
    }
}

#[component]
pub fn EmergencyPage() -> impl IntoView {
    view! {
        <Layout title="Phone us now: this is an emergency">
            <Load future=get_emergency_page() let:page>
                <Emergency page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Emergency(page: EmergencyPage) -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    view! {
        <BackLink href="/repairs/report"/>
        <div class="warning-panel">
            <h1 class="heading-l">"Phone us now: this is an emergency"</h1>
            <p>"You told us: " <strong>{page.label.clone()}</strong></p>
            <p class="lead"><a href=tel_href(&landlord.emergency_phone) class="phone-big">{landlord.emergency_phone.clone()}</a></p>
            <p>"Our emergency line is answered day and night, every day. If anyone is in danger, phone 999."</p>
        </div>
        {if page.may_continue_online {
            view! {
                <p>"If you cannot phone, you can report it online. We will treat it as an emergency, but phoning is quicker."</p>
                <p><a href="/repairs/report/question" class="button button-secondary">"Report it online instead"</a></p>
            }.into_any()
        } else {
            view! { <p>"Emergencies cannot be reported online: please phone."</p> }.into_any()
        }}
    }
}

#[component]
pub fn CommunalPage() -> impl IntoView {
    view! {
        <Layout title="Shared areas of your building">
            <Load future=get_communal() let:page>
                <Communal page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Communal(page: CommunalPage) -> impl IntoView {
    let error = page.errors.for_field("area").map(str::to_owned);
    let selected: Vec<String> = page.selected.clone().into_iter().collect();
    let block = page.block.clone();
    view! {
        <Errors errors=page.errors.clone() title="Shared areas of your building"/>
        <BackLink href="/repairs/report/question?at=0"/>
        <h1 class="heading-l">{format!("Shared areas of {block}")}</h1>
        {if page.open.is_empty() {
            view! { <p>"There are no open repairs in the shared areas of your building."</p> }.into_any()
        } else {
            view! {
                <h2 class="heading-m">"Already reported"</h2>
                <p>"If your problem is one of these, follow it instead of reporting it again. You will see its progress and hear from us when it changes."</p>
                <ul class="list repair-list">
                    {page.open.iter().map(|l| view! {
                        <li class="repair-item">
                            <h3 class="heading-s">{l.summary.clone()}</h3>
                            <p class="repair-meta">{l.place.clone()} " · reported " {l.reported.clone()} " · " {l.status.clone()}</p>
                            <form method="post" action=crate::api::repairs::FollowRepair::PATH>
                                <input type="hidden" name="reference" value=l.reference.clone()/>
                                <button type="submit" class="button button-secondary">
                                    "I have this problem too" <span class="visually-hidden">{format!(": {}, {}", l.summary, l.place)}</span>
                                </button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
                <h2 class="heading-m">"Report a new problem"</h2>
            }.into_any()
        }}
        <form method="post" action=crate::api::repairs::ChooseArea::PATH novalidate>
            <Choices name="area" legend="Where in the building is the problem?" choices=choices(&page.areas) selected error/>
            <SubmitButton text="Continue"/>
        </form>
    }
}

#[component]
pub fn NoSharedAreasPage() -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    view! {
        <Layout title="Your home has no shared areas">
            <BackLink href="/repairs/report/question?at=0"/>
            <h1 class="heading-l">"Your home has no shared areas"</h1>
            <p>"We do not have any shared areas recorded for your home. If we are wrong, phone us on "
                <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a> "."</p>
            <p><a href="/repairs/report/question?at=0">"Choose where the problem is again"</a></p>
        </Layout>
    }
}

#[component]
pub fn NotOursPage() -> impl IntoView {
    view! {
        <Layout title="Who puts this right">
            <Load future=get_not_ours() let:page>
                <NotOurs page/>
            </Load>
        </Layout>
    }
}

#[component]
fn NotOurs(page: NotOursPage) -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    view! {
        <BackLink href="/repairs/report/question"/>
        {match page.tenant_advice {
            Some(advice) => view! {
                <h1 class="heading-l">"This is a repair you put right yourself"</h1>
                <p>"You told us: " <strong>{page.summary.clone()}</strong></p>
                <p>{advice}</p>
            }.into_any(),
            None => view! {
                <h1 class="heading-l">"This repair is yours to arrange"</h1>
                <p>"You told us: " <strong>{page.summary.clone()}</strong></p>
                <p>"As a shared owner or leaseholder you look after the inside of your home, its fittings and its appliances. Use a qualified tradesperson: for gas, one on the Gas Safe Register; for electrics, a registered electrician."</p>
                <p>"We repair the structure of the building (roof, outside walls, windows in the outside walls, shared pipes) and its shared areas. If the problem comes from one of those, report it as that."</p>
            }.into_any(),
        }}
        <p>"If you are not sure, or you cannot do it because of your health or a disability, phone us on "
            <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a> "."</p>
        <p><a href="/repairs/report/question?at=0">"Report a different problem"</a></p>
    }
}

#[component]
pub fn DescribePage() -> impl IntoView {
    view! {
        <Layout title="Describe the problem">
            <Load future=get_describe() let:form>
                <Describe form/>
            </Load>
        </Layout>
    }
}

#[component]
fn Describe(form: FormState<DescribeValues>) -> impl IntoView {
    let error = form.errors.for_field("description").map(str::to_owned);
    view! {
        <Errors errors=form.errors.clone() title="Describe the problem"/>
        <BackLink href="/repairs/report/question"/>
        <form method="post" action=crate::api::repairs::Describe::PATH novalidate>
            <h1 class="heading-l">"Describe the problem"</h1>
            <TextArea
                name="description"
                label="What is wrong, where exactly, and since when"
                hint="For example: the kitchen tap drips all the time, since last week. It is worse when the hot water is on."
                value=form.values.description.clone()
                error
                limit=DESCRIPTION_LIMIT
                rows=6
            />
            <SubmitButton text="Continue"/>
        </form>
    }
}

#[component]
pub fn PhotosPage() -> impl IntoView {
    view! {
        <Layout title="Add photos">
            <Load future=get_photos() let:page>
                <Photos page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Photos(page: PhotosPage) -> impl IntoView {
    let error = page.errors.for_field("photo").map(str::to_owned);
    let count = page.photos.len();
    view! {
        <Errors errors=page.errors.clone() title="Add photos"/>
        <BackLink href="/repairs/report/describe"/>
        <h1 class="heading-l">"Add photos (optional)"</h1>
        <p>"Photos help us send the right person with the right parts. You can add up to 3. We remove the location and camera details before we keep them."</p>
        {(count > 0).then(|| view! {
            <ul class="photo-list">
                {page.photos.iter().enumerate().map(|(i, id)| view! {
                    <li class="photo-item">
                        <img src=format!("/repairs/photos/{id}") alt=format!("Photo {} you added", i + 1) class="photo"/>
                        <form method="post" action=crate::api::repairs::RemovePhoto::PATH>
                            <input type="hidden" name="photo" value=id.to_string()/>
                            <button type="submit" class="link-button">"Remove" <span class="visually-hidden">{format!(" photo {}", i + 1)}</span></button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        })}
        {page.may_add.then(|| view! {
            <form method="post" action="/repairs/report/photos/upload" enctype="multipart/form-data" novalidate>
                <crate::components::fields::FileUpload
                    name="photo"
                    label=if count == 0 { "Choose a photo" } else { "Choose another photo" }
                    hint="JPEG, PNG or WebP, smaller than 10 MB"
                    error
                    accept="image/jpeg,image/png,image/webp"
                />
                <SubmitButton text="Add photo" secondary=true/>
            </form>
        })}
        <p><a href="/repairs/report/access" class="button">{if count == 0 { "Continue without photos" } else { "Continue" }}</a></p>
    }
}

#[component]
pub fn AccessPage() -> impl IntoView {
    view! {
        <Layout title="Getting in and reaching you">
            <Load future=get_access() let:form>
                <Access form/>
            </Load>
        </Layout>
    }
}

#[component]
fn Access(form: FormState<AccessValues>) -> impl IntoView {
    let error = |f: &str| form.errors.for_field(f).map(str::to_owned);
    let key_safe: Vec<String> = Some(form.values.key_safe.clone())
        .filter(|k| !k.is_empty())
        .into_iter()
        .collect();
    view! {
        <Errors errors=form.errors.clone() title="Getting in and reaching you"/>
        <BackLink href="/repairs/report/photos"/>
        <h1 class="heading-l">"Getting in and reaching you"</h1>
        <form method="post" action=crate::api::repairs::GiveAccess::PATH novalidate>
            <TextArea
                name="access_times"
                label="When can we come? (optional)"
                hint="For example: not before 10am; not on Wednesdays"
                value=form.values.access_times.clone()
                error=error("access_times")
                limit=NOTE_LIMIT
                rows=3
            />
            <TextArea
                name="pets"
                label="Are there any pets we should know about? (optional)"
                value=form.values.pets.clone()
                error=error("pets")
                limit=NOTE_LIMIT
                rows=2
            />
            <Choices
                name="key_safe"
                legend="Is there a key safe we can use? (optional)"
                choices=vec![Choice::new("yes", "Yes"), Choice::new("no", "No")]
                selected=key_safe
                error=error("key_safe")
            />
            <TextInput
                name="contact_phone"
                label="Phone number for this repair"
                hint="We will call or text this number about the visit"
                value=form.values.contact_phone.clone()
                error=error("contact_phone")
                input_type="tel"
                autocomplete="tel"
                width="width-20"
            />
            <SubmitButton text="Continue"/>
        </form>
    }
}

#[component]
pub fn CheckPage() -> impl IntoView {
    view! {
        <Layout title="Check your answers - Report a repair">
            <Load future=get_check() let:page>
                <Check page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Check(page: CheckPage) -> impl IntoView {
    let rows: Vec<SummaryRow> = page
        .rows
        .iter()
        .map(|(q, a, change)| SummaryRow {
            key: q.clone(),
            value: a.clone(),
            change: Some((change.clone(), q.to_lowercase())),
        })
        .collect();
    view! {
        <BackLink href="/repairs/report/access"/>
        <h1 class="heading-l">"Check your answers"</h1>
        {page.recall_of.clone().map(|r| view! { <p>{format!("This reopens repair {r}, which you told us is not fixed.")}</p> })}
        <SummaryList rows/>
        <h2 class="heading-m">"What happens next"</h2>
        <p>{format!("This will be a {} repair. We aim to complete it by {}.", page.priority.to_lowercase(), page.target)}</p>
        {page.hazard_note.clone().map(|n| view! { <p>{n}</p> })}
        <form method="post" action=crate::api::repairs::SendReport::PATH>
            <input type="hidden" name="token" value=page.token.clone()/>
            <SubmitButton text="Send report"/>
        </form>
    }
}

// ---------------------------------------------------------------------------------------------
// A job.

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
fn Reported(view: RepairView) -> impl IntoView {
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
fn Repair(view: RepairView, banner: Option<&'static str>, errors: FieldErrors) -> impl IntoView {
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
        <h2 class="heading-m">"What has happened"</h2>
        <Timeline entries/>
        <p>"Unhappy with how this repair is going? " <a href=format!("/cases/new/complaint/what?about={}{}", view.reference, view.acting_for.as_ref().map(|(p, _)| format!("&person={p}")).unwrap_or_default())>"Make a complaint about this"</a></p>
    }
}

#[component]
fn FixedQuestion(reference: String, error: Option<String>) -> impl IntoView {
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
fn RateForm(
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

#[component]
pub fn BookPage() -> impl IntoView {
    let reference = param("reference");
    view! {
        <Layout title="Book a visit">
            <Load future=get_slots(reference.clone()) let:page>
                <Book page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Book(page: SlotsPage) -> impl IntoView {
    let error = page.errors.for_field("slot").map(str::to_owned);
    let href = format!("/repairs/{}", page.reference);
    view! {
        <Errors errors=page.errors.clone() title="Book a visit"/>
        <BackLink href=href.clone()/>
        <span class="caption">{page.summary.clone()}</span>
        <h1 class="heading-l">"Book a visit"</h1>
        {page.current.clone().map(|c| view! { <p>"Your visit is booked for " <strong>{c}</strong> ". Choose another time to change it."</p> })}
        {if page.days.is_empty() {
            view! { <p>"There are no times left before the target date. We will phone you to arrange the visit."</p> }.into_any()
        } else {
            view! {
                <form method="post" action=crate::api::repairs::BookSlot::PATH novalidate>
                    <input type="hidden" name="reference" value=page.reference.clone()/>
                    {error.clone().map(|e| view! { <p class="error-message" id="slot-error"><span class="visually-hidden">"Error: "</span>{e}</p> })}
                    {page.days.iter().enumerate().map(|(i, (day, slots))| {
                        let name = "slot";
                        view! {
                            <fieldset class="fieldset">
                                <legend class="legend">{day.clone()}</legend>
                                <div class="radios">
                                    {slots.iter().enumerate().map(|(j, s)| {
                                        let id = if i == 0 && j == 0 { name.to_owned() } else { format!("slot-{i}-{j}") };
                                        view! {
                                            <div class="choice">
                                                <input class="choice-input" id=id.clone() name=name type="radio" value=s.value.clone()/>
                                                <label class="choice-label" for=id>{s.label.clone()}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        }
                    }).collect_view()}
                    <SubmitButton text="Book this visit"/>
                </form>
            }.into_any()
        }}
    }
}

#[component]
pub fn CancelVisitPage() -> impl IntoView {
    let reference = param("reference");
    view! {
        <Layout title="Cancel the visit">
            <Load future=crate::api::account::get_form_errors(RESIDENT_FORM.to_owned()) let:errors>
                <CancelVisit reference=reference.clone() errors/>
            </Load>
        </Layout>
    }
}

#[component]
fn CancelVisit(reference: String, errors: FieldErrors) -> impl IntoView {
    let error = errors.for_field("reason").map(str::to_owned);
    view! {
        <Errors errors=errors.clone() title="Cancel the visit"/>
        <BackLink href=format!("/repairs/{reference}")/>
        <form method="post" action=crate::api::repairs::CancelBookedVisit::PATH novalidate>
            <input type="hidden" name="reference" value=reference.clone()/>
            <Choices
                name="reason"
                legend="Why are you cancelling the visit?"
                choices=CANCEL_REASONS.iter().map(|(c, l)| Choice::new(*c, *l)).collect()
                error
                heading=true
            />
            <SubmitButton text="Cancel the visit" warning=true/>
        </form>
    }
}
