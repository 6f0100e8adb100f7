//! Visits in the field, on a phone: the day's list, and one visit with what the doorstep needs
//! and a form for each step (on my way, arrived, what happened). Every form is a plain post, so
//! it all works without JavaScript at 320 px.

use crate::api::visits::{get_visit, get_your_visits, VisitLine, VisitPage, YourVisits};
use crate::components::content::{
    BackLink, NotificationBanner, StatusTag, SummaryList, SummaryRow, TagColour,
};
use crate::components::fields::{
    Choice, Choices, DateInput, ErrorSummary, FileUpload, Select, SubmitButton, TextArea, TextInput,
};
use crate::domain::repairs::NOTE_LIMIT;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn as _;

#[component]
pub fn YourVisitsPage() -> impl IntoView {
    view! {
        <Layout title="Your visits">
            <Load future=get_your_visits() let:page>
                <YourVisitsView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn YourVisitsView(page: YourVisits) -> impl IntoView {
    view! {
        {page.firm.clone().map(|f| view! { <span class="caption">{f}</span> })}
        <h1 class="heading-l">"Your visits"</h1>
        <h2 class="heading-m">"Today, " {page.today.clone()}</h2>
        <VisitList visits=page.today_visits.clone() none="No visits today."/>
        <h2 class="heading-m">"Coming up"</h2>
        <VisitList visits=page.ahead.clone() none="Nothing booked for the next two weeks."/>
    }
}

#[component]
fn VisitList(visits: Vec<VisitLine>, none: &'static str) -> impl IntoView {
    if visits.is_empty() {
        return view! { <p class="body">{none}</p> }.into_any();
    }
    view! {
        <ul class="visit-list">
            {visits.into_iter().map(|v| {
                let colour = if v.done { TagColour::Green } else if v.state == "To do" { TagColour::Grey } else { TagColour::Blue };
                view! {
                    <li class="visit-card">
                        <p class="visit-when">{v.when.clone()}</p>
                        <h3 class="heading-s"><a href=v.href.clone() class="link">{v.summary.clone()}</a></h3>
                        <p class="body">{v.place.clone()}</p>
                        <p class="hint">{format!("{} · {} · {}", v.reference, v.trade, v.priority)}</p>
                        <p>
                            <StatusTag text=v.state.clone() colour/>
                            {v.hazard.clone().map(|h| view! { " " <StatusTag text=format!("Hazard: {h}") colour=TagColour::Red/> })}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn VisitDetailPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").unwrap_or_default())
        .parse::<i64>()
        .unwrap_or_default();
    view! {
        <Layout title="Visit">
            <Load future=get_visit(id) let:page>
                <VisitDetail page/>
            </Load>
        </Layout>
    }
}

/// One outcome's form: the outcome as a hidden field, its own fields, and a button.
#[component]
fn OutcomeForm(
    id: i64,
    outcome: &'static str,
    #[prop(into)] title: String,
    button: &'static str,
    /// The form carries files (photos of the finished work).
    #[prop(optional)]
    files: bool,
    children: Children,
) -> impl IntoView {
    let enctype = files.then_some("multipart/form-data");
    view! {
        <form method="post" action=format!("/visits/{id}/outcome") enctype=enctype novalidate class="panel action-form">
            <h3 class="heading-s" id=format!("{outcome}-form")>{title}</h3>
            <input type="hidden" name="outcome" value=outcome/>
            {children()}
            <SubmitButton text=button secondary=true/>
        </form>
    }
}

#[component]
fn VisitDetail(page: VisitPage) -> impl IntoView {
    let errors = StoredValue::new(page.errors.clone());
    let err = move |name: &str| errors.with_value(|e| e.for_field(name).map(str::to_owned));
    let kept = StoredValue::new(page.values.clone());
    // A note typed into one outcome's form comes back only in that form.
    let note_for = move |outcome: &str| {
        kept.with_value(|v| {
            if v.outcome == outcome {
                v.note.clone()
            } else {
                String::new()
            }
        })
    };
    let id = page.id;
    let mut rows = vec![
        SummaryRow::new("When", page.when.clone()),
        SummaryRow::new("Where", page.place.clone()),
        SummaryRow::new("Resident", page.resident.clone()),
        SummaryRow::new(
            "Phone",
            if page.phone.is_empty() {
                "Not given".to_owned()
            } else {
                page.phone.clone()
            },
        ),
        SummaryRow::new("Trade", page.trade.clone()),
        SummaryRow::new("Priority", page.priority.clone()),
        SummaryRow::new("Where it stands", page.state.clone()),
    ];
    if let Some(given) = &page.given_to {
        rows.push(SummaryRow::new("Given to", given.clone()));
    }
    if let Some(outcome) = &page.outcome {
        rows.push(SummaryRow::new("What happened", outcome.clone()));
    }
    let access: Vec<SummaryRow> = page
        .access
        .iter()
        .map(|(k, v)| {
            SummaryRow::new(
                k.clone(),
                if v.is_empty() {
                    "Not given".to_owned()
                } else {
                    v.clone()
                },
            )
        })
        .collect();
    let tried: Vec<Choice> = page
        .access_tried
        .iter()
        .map(|o| Choice::new(o.value.clone(), o.label.clone()))
        .collect();
    let parts = page.values.parts.clone();
    let slot = page.values.slot.clone();
    let access_chosen = page.values.access.clone();
    let travel = if page.values.travel.is_empty() {
        page.travel_default.to_string()
    } else {
        page.values.travel.clone()
    };
    view! {
        <Title text=format!("Visit: {}", page.summary)/>
        {(!page.errors.is_empty()).then(|| view! { <Title text=format!("Error: visit: {}", page.summary)/> })}
        <ErrorSummary errors=page.errors.clone()/>
        {page.done.clone().map(|d| view! {
            <NotificationBanner title="Done" success=true><p class="notification-banner-heading">{d}</p></NotificationBanner>
        })}
        <BackLink href=page.back.clone()/>
        <span class="caption">"Visit for repair " {page.reference.clone()}</span>
        <h1 class="heading-l">{page.summary.clone()}</h1>
        {page.hazard.clone().map(|h| view! { <p><StatusTag text=format!("Hazard: {h}") colour=TagColour::Red/></p> })}
        {(!page.needs.is_empty()).then(|| view! {
            <NotificationBanner title="Before you knock">
                <ul class="list">
                    {page.needs.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                </ul>
            </NotificationBanner>
        })}
        <SummaryList rows/>
        <h2 class="heading-m">"Getting in"</h2>
        <SummaryList rows=access/>
        <h2 class="heading-m">"What the resident told us"</h2>
        <SummaryList rows=vec![SummaryRow::lines("Description", page.description.lines().map(str::to_owned).collect())]/>
        {(!page.photos.is_empty()).then(|| view! {
            <ul class="photo-list">
                {page.photos.iter().enumerate().map(|(i, href)| view! {
                    <li class="photo-item"><a href=href.clone()><img src=href.clone() alt=format!("Photo {} from the resident", i + 1) class="photo"/></a></li>
                }).collect_view()}
            </ul>
        })}
        <crate::components::content::WorkPhotos hrefs=page.work_photos.clone()/>
        {page.can_set_off.then(|| view! {
            <form method="post" action=crate::api::visits::OnMyWay::PATH novalidate class="panel action-form">
                <h2 class="heading-m" id="on-my-way">"On my way"</h2>
                <input type="hidden" name="id" value=id.to_string()/>
                <TextInput
                    name="travel"
                    label="Travel time, in minutes"
                    hint="We tell the resident when to expect you, from now and this time"
                    value=travel.clone()
                    error=err("travel")
                    input_type="text"
                    width="width-4"
                />
                <SubmitButton text="Tell the resident I am on my way"/>
            </form>
        })}
        {page.can_arrive.then(|| view! {
            <form method="post" action=crate::api::visits::Arrived::PATH novalidate class="panel action-form">
                <input type="hidden" name="id" value=id.to_string()/>
                {err("arrived").map(|e| view! { <p id="arrived" class="error-message"><span class="visually-hidden">"Error: "</span>{e}</p> })}
                <SubmitButton text="I have arrived" secondary=true/>
            </form>
        })}
        {page.can_record.then(|| view! {
            <h2 class="heading-m" id="outcome">"What happened?"</h2>
            {err("outcome").map(|e| view! { <p class="error-message"><span class="visually-hidden">"Error: "</span>{e}</p> })}
            <OutcomeForm id outcome="completed" title="The repair is done" button="Record it is done" files=true>
                <TextArea name="note" id="completed-note" error=err("completed-note") label="What you did (the resident sees this)" limit=NOTE_LIMIT rows=3 value=note_for("completed")/>
                <FileUpload
                    name="photo"
                    label="Photos of the finished work (optional)"
                    hint="Up to 3, each a JPEG, PNG or WebP smaller than 10 MB. The resident sees them; keep people out of the picture"
                    error=err("photo")
                    accept="image/jpeg,image/png,image/webp"
                    multiple=true
                />
            </OutcomeForm>
            <OutcomeForm id outcome="no_access" title="Nobody let me in" button="Record no access">
                <Choices name="access" legend="How did you try to get in?" choices=tried.clone() selected=access_chosen.clone() error=err("access") multiple=true/>
                <TextArea name="note" id="no_access-note" error=err("no_access-note") label="Anything else (optional)" limit=NOTE_LIMIT rows=2 value=note_for("no_access")/>
            </OutcomeForm>
            <OutcomeForm id outcome="parts_ordered" title="Parts are needed" button="Record parts ordered">
                <DateInput name="parts" legend="When are the parts expected?" hint="The resident sees this date. For example, 14 12 2026" values=parts.clone() error=err("parts")/>
                <TextArea name="note" id="parts_ordered-note" error=err("parts_ordered-note") label="What is needed (optional)" limit=NOTE_LIMIT rows=2 value=note_for("parts_ordered")/>
            </OutcomeForm>
            <OutcomeForm id outcome="follow_on" title="Another visit is needed" button="Book the next visit">
                {if page.slots.is_empty() {
                    view! { <p class="body">"There is no free time for this trade in the next four weeks. Ask a planner to book it."</p> }.into_any()
                } else {
                    view! {
                        <Select name="slot" label="When is the next visit? Agree it with the resident" options=page.slots.clone() selected=slot.clone() empty="Choose a day and time" error=err("slot")/>
                    }.into_any()
                }}
                <TextArea name="note" id="follow_on-note" error=err("follow_on-note") label="What is left to do (optional)" limit=NOTE_LIMIT rows=2 value=note_for("follow_on")/>
            </OutcomeForm>
        })}
    }
}

#[component]
pub fn VisitLinkPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    view! {
        <Layout title="Your repair visit">
            <Load future=crate::api::visits::get_visit_link(token.clone()) let:page>
                <VisitLinkView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn VisitLinkView(page: crate::api::visits::VisitLink) -> impl IntoView {
    let errors = StoredValue::new(page.errors.clone());
    let err = move |name: &str| errors.with_value(|e| e.for_field(name).map(str::to_owned));
    let done = page.done.clone().map(|d| view! {
        <NotificationBanner title="Done" success=true><p class="notification-banner-heading">{d}</p></NotificationBanner>
    });
    if !page.works {
        return view! {
            {done}
            <h1 class="heading-l">{if page.done.is_some() { "Your repair visit" } else { "This link no longer works" }}</h1>
            {page.done.is_none().then(|| view! {
                <p class="body">"The link in a visit reminder works for that visit only, until its day. It may have been used already, or the visit changed."</p>
            })}
            <p class="body">"To change a visit, sign in and open your repair, or call us on " <strong>{page.phone.clone()}</strong> "."</p>
        }
        .into_any();
    }
    let token = page.token.clone();
    view! {
        <Title text="Your repair visit"/>
        {(!page.errors.is_empty()).then(|| view! { <Title text="Error: your repair visit"/> })}
        <ErrorSummary errors=page.errors.clone()/>
        {done}
        <span class="caption">"Repair " {page.reference.clone()}</span>
        <h1 class="heading-l">"Your repair visit"</h1>
        <p class="body">"Booked for " <strong>{page.when.clone()}</strong> "."</p>
        <form method="post" action=crate::api::visits::ChangeVisitByLink::PATH novalidate class="panel action-form">
            <input type="hidden" name="token" value=token.clone()/>
            {if page.slots.is_empty() {
                view! { <p class="body">"There is no other free time in the next four weeks. Call us on " {page.phone.clone()} " to arrange one."</p> }.into_any()
            } else {
                view! {
                    <Select name="slot" label="Change it to" options=page.slots.clone() selected=String::new() empty="Choose a day and time" error=err("slot")/>
                    <SubmitButton text="Change the visit"/>
                }.into_any()
            }}
        </form>
        <form method="post" action=crate::api::visits::CancelVisitByLink::PATH novalidate class="panel action-form">
            <input type="hidden" name="token" value=token/>
            <Choices name="reason" legend="Or cancel it: why?" choices=page.reasons.iter().map(|o| Choice::new(o.value.clone(), o.label.clone())).collect() error=err("reason")/>
            <SubmitButton text="Cancel the visit" warning=true/>
        </form>
        <p class="body">"Or call us on " {page.phone.clone()} "."</p>
    }
    .into_any()
}

#[component]
pub fn VisitFiguresPage() -> impl IntoView {
    view! {
        <Layout title="Visits: missed appointments and contractors">
            <Load future=crate::api::visits::get_visit_figures() let:page>
                <VisitFiguresView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn VisitFiguresView(page: crate::api::visits::VisitFigures) -> impl IntoView {
    view! {
        <h1 class="heading-l">"Visits: missed appointments and contractors"</h1>
        <p class="body">"From the visits' records, " {page.period.clone()} "."</p>
        <h2 class="heading-m">"Missed appointments, by week and trade"</h2>
        {if page.weeks.is_empty() {
            view! { <p class="body">"No visits with an outcome, and none cancelled late, in these weeks."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Missed appointments by week and trade">
                <table class="table">
                    <caption class="visually-hidden">"Missed appointments by week and trade"</caption>
                    <thead><tr>
                        <th scope="col">"Week"</th>
                        <th scope="col">"Trade"</th>
                        <th scope="col" class="number">"Visits"</th>
                        <th scope="col">"No access"</th>
                        <th scope="col" class="number">"Cancelled late"</th>
                    </tr></thead>
                    <tbody>
                        {page.weeks.iter().map(|w| view! {
                            <tr>
                                <th scope="row">{w.week.clone()}</th>
                                <td>{w.trade.clone()}</td>
                                <td class="number">{w.visits.to_string()}</td>
                                <td>{w.no_access.clone()}</td>
                                <td class="number">{w.cancelled_late.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
        <h2 class="heading-m">"Completed repairs, by who did them"</h2>
        {if page.firms.is_empty() {
            view! { <p class="body">"No repairs completed in these weeks."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Completed repairs by who did them">
                <table class="table">
                    <caption class="visually-hidden">"Completed repairs by who did them"</caption>
                    <thead><tr>
                        <th scope="col">"Who"</th>
                        <th scope="col" class="number">"Completed"</th>
                        <th scope="col">"Within target"</th>
                        <th scope="col">"Right first time"</th>
                        <th scope="col">"No access (of visits)"</th>
                        <th scope="col">"Residents' rating"</th>
                    </tr></thead>
                    <tbody>
                        {page.firms.iter().map(|f| view! {
                            <tr>
                                <th scope="row">{f.name.clone()}</th>
                                <td class="number">{f.completed.to_string()}</td>
                                <td>{f.within_target.clone()}</td>
                                <td>{f.right_first_time.clone()}</td>
                                <td>{f.no_access.clone()}</td>
                                <td>{f.satisfaction.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
        <h2 class="heading-m">"How the figures are counted"</h2>
        <dl class="definitions">
            <dt>"Visits"</dt><dd>"Visits in the week with an outcome recorded (completed, no access, parts ordered or another visit needed)."</dd>
            <dt>"No access"</dt><dd>"Visits where nobody let the operative in, with how they tried recorded on each."</dd>
            <dt>"Cancelled late"</dt><dd>"Visits cancelled on their day or the day before, by anyone: too late to offer the time to someone else."</dd>
            <dt>"Within target"</dt><dd>"Repairs completed by their priority's target."</dd>
            <dt>"Right first time"</dt><dd>"Repairs completed on their one visit, with no other visit and no failed access."</dd>
            <dt>"Residents' rating"</dt><dd>"The average of the ratings residents gave the completed repairs, 1 to 5."</dd>
        </dl>
    }
}
