//! The report's questions: start, emergencies, diagnosis, communal area, not ours.

use super::*;

/// The first page of a report made for a resident: a colleague says how and when we were
/// told; an advocate confirms whose report it is.
#[component]
pub fn ReportForPage() -> impl IntoView {
    let person = query("person").parse::<i64>().unwrap_or(0);
    view! {
        <Layout title="Report a repair for someone">
            <Load future=get_report_for(person) let:page>
                <ReportFor page/>
            </Load>
        </Layout>
    }
}

#[component]
fn ReportFor(page: ReportForPage) -> impl IntoView {
    use crate::components::content::NeedsBannerView;
    let e = |f: &str| page.errors.for_field(f).map(str::to_owned);
    let v = page.values.clone();
    let title = if page.recording {
        format!("Record a repair for {}", page.name)
    } else {
        format!("Report a repair for {}", page.name)
    };
    let back = if page.recording {
        format!("/staff/residents/{}", page.person_id)
    } else {
        format!("/repairs?for={}", page.person_id)
    };
    view! {
        <Title text=title.clone()/>
        <Errors errors=page.errors.clone() title="Report a repair"/>
        <BackLink href=back/>
        <h1 class="heading-l">{title}</h1>
        {page.banner.clone().map(|banner| view! { <NeedsBannerView banner/> })}
        <p>{format!("The repair is for their home: {}.", page.address)}</p>
        <form method="post" action=StartReportFor::PATH novalidate>
            <input type="hidden" name="person" value=page.person_id.to_string()/>
            {page.recording.then(|| view! {
                <p>"Ask them the same questions they would answer online, including whether anything dangerous is happening now. Our deadlines, and any hazard deadlines, run from when we were told."</p>
                <Choices name="channel" legend="How did it reach us?" choices=choices(&page.channels) selected=vec![v.channel.clone()] error=e("channel")/>
                <TextInput name="told_date" label="Date we were told" hint="For example: 2026-11-20" input_type="date" value=v.told_date.clone() error=e("told_date") width="width-10"/>
                <TextInput name="told_time" label="Time we were told" hint="24-hour clock, for example: 14:30" input_type="time" value=v.told_time.clone() error=e("told_time") width="width-10"/>
            })}
            {(!page.recording).then(|| view! {
                <p>"You are reporting it for them, with the permission they gave you. We will keep them, and you, told of what happens."</p>
            })}
            <SubmitButton text="Continue"/>
        </form>
    }
}

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
pub(super) fn QuestionForm(
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
pub(super) fn Emergency(page: EmergencyQuestion) -> impl IntoView {
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
pub(super) fn Communal(page: CommunalQuestion) -> impl IntoView {
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
pub(super) fn NotOurs(page: NotOursAnswer) -> impl IntoView {
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
