//! A resident's page for colleagues.

use super::*;

/// A resident's page for colleagues.
#[component]
pub fn StaffResidentPage() -> impl IntoView {
    use crate::api::preferences::get_staff_resident;
    let params = leptos_router::hooks::use_params_map();
    let person = params
        .with_untracked(|p| p.get("person").and_then(|v| v.parse::<i64>().ok()))
        .unwrap_or(0);
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    view! {
        <Layout title="Resident">
            <Load future=get_staff_resident(person) let:resident>
                <StaffResidentView resident saved/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn StaffResidentView(
    resident: crate::api::preferences::StaffResident,
    saved: bool,
) -> impl IntoView {
    use crate::api::preferences::CONSENTS;
    use crate::components::content::{SummaryList, SummaryRow};
    use crate::components::fields::DateInput;
    let person = resident.banner.person_id;
    let errors = resident.vulnerability_form.errors.clone();
    let mut all_errors = errors.clone();
    for e in resident
        .task_errors
        .iter()
        .chain(resident.permission_form.errors.iter())
        .chain(resident.request_form.errors.iter())
    {
        all_errors.add(&e.field, e.message.clone());
    }
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = resident.vulnerability_form.values.clone();
    let not_known = || "Not recorded".to_owned();
    let rows = vec![
        SummaryRow::new("Email", resident.email.clone().unwrap_or_else(not_known)),
        SummaryRow::new("Phone", resident.phone.clone().unwrap_or_else(not_known)),
        SummaryRow::new(
            "Address",
            resident.address.clone().unwrap_or_else(not_known),
        ),
    ];
    let name = resident.banner.name.clone();
    view! {
        <Title text=resident.banner.name.clone()/>
        <ErrorSummary errors=all_errors/>
        {resident.done.clone().or_else(|| saved.then(|| "Contact preferences saved".to_owned())).map(|m| view! {
            <NotificationBanner title="Done" success=true>
                <p class="notification-banner-heading">{m}</p>
            </NotificationBanner>
        })}
        <span class="caption">"Resident"</span>
        <h1 class="heading-l">{name.clone()}</h1>
        <NeedsBannerView banner=resident.banner.clone()/>
        <SummaryList rows/>
        {(resident.may_record_contacts || resident.may_record_repairs).then(|| {
            let tenancy = resident.tenancy.clone().unwrap_or_default();
            view! {
                <h2 class="heading-m" id="record">"Record something they told us"</h2>
                <p class="hint">"By phone, letter, email, text or at the door. Deadlines run from when we were told."</p>
                <ul class="list">
                    {resident.may_record_repairs.then(|| view! {
                        <li><a href=format!("/repairs/report/for?person={person}")>"Record a repair"</a>" (the repair questions, with the hazard questions)"</li>
                    })}
                    {resident.may_record_contacts.then(|| view! {
                        <li><a href=format!("/staff/cases/new?tenancy={tenancy}")>"Record a contact"</a>" (a complaint, question, request or comment)"</li>
                    })}
                </ul>
            }
        })}

        {(!resident.tasks.is_empty()).then(|| view! {
            <h2 class="heading-m">"Messages we could not send"</h2>
            <TaskList tasks=resident.tasks.clone() errors=resident.task_errors.clone() back=format!("/staff/residents/{person}")/>
        })}

        {resident.vulnerabilities.clone().map(|list| view! {
            <h2 class="heading-m" id="vulnerability">"Vulnerabilities"</h2>
            <p class="hint">"Recorded only with the resident's agreement, for a limited time, and seen only by colleagues whose work needs them."</p>
            {if list.is_empty() {
                view! { <p>"None recorded."</p> }.into_any()
            } else {
                view! {
                    <ul class="list">
                        {list.into_iter().map(|item| view! {
                            <li>
                                <strong>{item.description.clone()}</strong>
                                {format!(" Until {}. Agreed {}; recorded {}.", item.until, item.consent.to_lowercase(), item.recorded)}
                                <form method="post" action=crate::api::preferences::RemoveVulnerability::PATH class="inline-form">
                                    <input type="hidden" name="person" value=person.to_string()/>
                                    <input type="hidden" name="id" value=item.id.to_string()/>
                                    <button type="submit" class="button button-secondary">"Remove"<span class="visually-hidden">{format!(" {}", item.description)}</span></button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form method="post" action=crate::api::preferences::RecordVulnerability::PATH novalidate>
                <input type="hidden" name="person" value=person.to_string()/>
                <TextArea name="description" label="Vulnerability, and what it means for our work" value=v.description.clone() error=error("description") limit=500 rows=3/>
                <Choices
                    name="consent"
                    legend="How did the resident agree to us recording it?"
                    choices=CONSENTS.iter().map(|(c, l)| Choice::new(*c, *l)).collect()
                    selected=vec![v.consent.clone()]
                    error=error("consent")
                />
                <DateInput name="ends" legend="Review or remove it on" hint="At most two years from today." values=(v.ends_day.clone(), v.ends_month.clone(), v.ends_year.clone()) error=error("ends")/>
                <Choices
                    name="agreed"
                    legend="Consent"
                    choices=vec![Choice::new("yes", "The resident agreed to us recording this")]
                    error=error("agreed")
                    multiple=true
                />
                <SubmitButton text="Record vulnerability" secondary=true/>
            </form>
        })}

        {resident.may_record_permissions.then(|| view! {
            <PeopleActing
                person
                name=name.clone()
                people=resident.people.clone()
                form=resident.permission_form.clone()
                chosen=resident.evidence_chosen.clone()
            />
        })}

        {resident.requests.clone().map(|requests| view! {
            <RequestsToSee person requests form=resident.request_form.clone() token=resident.request_token.clone()/>
        })}

        <h2 class="heading-m">"Messages sent"</h2>
        <MessageList messages=resident.messages.clone()/>

        <h2 class="heading-m">"Contact preferences"</h2>
        <p class="hint">"Record what the resident told you by phone, by letter or in person."</p>
        <PreferencesForm page=resident.preferences.clone()/>
    }
}

/// The resident's own words for a permission ("lives with me", "your repairs"), as a colleague
/// says them about the resident.
pub(super) fn about_them(words: &str) -> String {
    words
        .replace("with me", "with them")
        .replace("for you", "for them")
        .replace("your ", "their ")
}

/// Who may act for the resident, and the form for a permission given on paper or by phone.
#[component]
pub(super) fn PeopleActing(
    person: i64,
    name: String,
    people: Vec<crate::api::permissions::PermissionView>,
    form: crate::wire::forms::FormState<crate::api::permissions::PaperValues>,
    chosen: Option<String>,
) -> impl IntoView {
    use crate::api::permissions::{RELATIONSHIPS, SCOPES};
    use crate::components::fields::{DateInput, FileUpload};
    let errors = form.errors.clone();
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = form.values.clone();
    view! {
        <h2 class="heading-m" id="people">"People who can act for them"</h2>
        {if people.is_empty() {
            view! { <p>"Nobody at the moment."</p> }.into_any()
        } else {
            view! {
                <ul class="list">
                    {people.into_iter().map(|p| view! {
                        <li>
                            <strong>{p.name.clone()}</strong>
                            {format!(" ({}). {}: {}. {}.", p.email, p.scope, p.until, p.given)}
                            {(!p.relationship.is_empty()).then(|| format!(" {}.", p.relationship))}
                            {p.note.clone().map(|n| view! { <br/><span class="hint">{format!("Note: {n}")}</span> })}
                            {p.evidence_file.then(|| view! { <br/><a href=format!("/staff/permissions/{}/evidence", p.id) download="">"The signed form"</a> })}
                            <form method="post" action=crate::api::permissions::WithdrawPermissionFor::PATH class="inline-form">
                                <input type="hidden" name="person" value=person.to_string()/>
                                <input type="hidden" name="id" value=p.id.to_string()/>
                                <button type="submit" class="button button-secondary">"Withdraw"<span class="visually-hidden">{format!(" {}'s permission", p.name)}</span></button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <form method="post" action=format!("/staff/residents/{person}/permissions") enctype="multipart/form-data" novalidate>
            <h3 class="heading-s">{format!("Record a permission {name} gave on paper or by phone")}</h3>
            <p class="hint">"Residents can give permission themselves under their account. Record one here when they signed a form or told you on the phone. They will be told."</p>
            <TextInput name="name" id="advocate_name" label="The full name of the person who may act for them" value=v.name.clone() error=error("advocate_name")/>
            <TextInput name="email" id="advocate_email" label="Their email address" hint="They sign in with it; we email them how to start." value=v.email.clone() error=error("advocate_email") input_type="email"/>
            <Choices name="relationship" id="advocate_relationship" legend="Who are they to the resident?" choices=RELATIONSHIPS.iter().map(|(c, l)| Choice::new(*c, about_them(l))).collect() selected=vec![v.relationship.clone()] error=error("advocate_relationship")/>
            <Choices name="scope" id="advocate_scope" legend="What may they do?" choices=SCOPES.iter().map(|(c, l, h)| Choice::new(*c, *l).with_hint(about_them(h))).collect() selected=vec![v.scope.clone()] error=error("advocate_scope")/>
            <Choices name="given_by" legend="How did the resident give permission?" choices=vec![Choice::new("paper", "A signed form or letter"), Choice::new("phone", "On the phone")] selected=vec![v.given_by.clone()] error=error("given_by")/>
            <FileUpload name="evidence" label="The signed form or letter" hint=match &chosen { Some(f) => format!("File chosen: {f}. Choose another to replace it. A PDF, JPEG or PNG, up to 25 MB."), None => "Needed for a signed form. A PDF, JPEG or PNG, up to 25 MB.".to_owned() } error=error("evidence") accept="application/pdf,image/jpeg,image/png"/>
            <TextArea name="note" label="What the resident said, and how you checked it was them" hint="Needed for a phone call." value=v.note.clone() error=error("note") limit=crate::domain::cases::TEXT_LIMIT rows=3/>
            <DateInput name="permission_ends" legend="The last day it lasts" hint="At most three years from today." values=(v.ends_day.clone(), v.ends_month.clone(), v.ends_year.clone()) error=error("permission_ends")/>
            <SubmitButton text="Record the permission" secondary=true/>
        </form>
    }
}

/// The resident's requests to see their information, and the form to record one.
#[component]
pub(super) fn RequestsToSee(
    person: i64,
    requests: Vec<crate::api::your_data::RequestLine>,
    form: crate::wire::forms::FormState<crate::api::subject_access::RecordValues>,
    token: String,
) -> impl IntoView {
    use crate::domain::cases::Channel;
    let errors = form.errors.clone();
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = form.values.clone();
    view! {
        <h2 class="heading-m" id="subject-access">"Requests to see their information"</h2>
        {if requests.is_empty() {
            view! { <p>"None."</p> }.into_any()
        } else {
            view! { <crate::pages::your_data::RequestList lines=requests href=|r| format!("/staff/subject-access/{r}") show_person=false/> }.into_any()
        }}
        <form method="post" action=crate::api::subject_access::RecordSubjectAccess::PATH novalidate>
            <h3 class="heading-s">"Record a request made by phone, letter, email or in person"</h3>
            <input type="hidden" name="person" value=person.to_string()/>
            <input type="hidden" name="token" value=token/>
            <Choices name="channel" id="sar_channel" legend="How did it reach us?" choices=Channel::FOR_DATA_REQUESTS.iter().map(|c| Choice::new(c.as_str(), c.label())).collect() selected=vec![v.channel.clone()] error=error("sar_channel")/>
            <TextInput name="received" id="sar_received" label="The date it reached us" hint="For example: 2026-11-02" input_type="date" value=v.received.clone() error=error("sar_received") width="width-10"/>
            <Choices name="identity" id="sar_identity" legend="Have you confirmed who is asking?" hint="If not, the clock stays stopped until they prove it." choices=vec![Choice::new("yes", "Yes"), Choice::new("no", "No, we need proof")] selected=vec![v.identity.clone()] error=error("sar_identity")/>
            <TextArea name="details" id="sar_details" label="What they asked for (optional)" value=v.details.clone() error=error("sar_details") limit=crate::domain::subject_access::TEXT_LIMIT rows=3/>
            <SubmitButton text="Record the request" secondary=true/>
        </form>
    }
}
