//! "How we contact you": a resident's contact preferences and needs, with every change kept;
//! colleagues read and record them on the resident's staff page. The form posts to a plain
//! route (`POST /account/contact/save`), because its checkbox groups repeat their names.

use crate::domain::validation::FieldErrors;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub(crate) use crate::server::preferences::{change_of, needs_banner, options};
pub use crate::wire::preferences::*;

/// The form for the signed-in resident, or (`person`, for a colleague) for that resident.
#[server(prefix = "/api", endpoint = "preferences/form")]
pub async fn get_preferences(
    person: Option<i64>,
) -> Result<PreferencesPage, crate::error::AppError> {
    use crate::domain::preferences::*;
    use crate::error::AppError;
    use crate::server::authz::{may, signed_in, Action};
    use crate::server::db::preferences as store;
    use crate::server::forms::take_form;
    use crate::server::state::app_state;
    let account = signed_in().await?;
    let state = app_state()?;
    let (person_id, staff) = match (person, account.person_id) {
        (Some(p), _) if may(&account, Action::RecordNeeds) => (p, true),
        (None, Some(p)) if may(&account, Action::ManageOwnPreferences) => (p, false),
        _ => return Err(AppError::NotFound),
    };
    let contact = store::contact(&state.db, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = store::current(&state.db, person_id).await?;
    let homeowner = crate::server::preferences::is_homeowner(&state, person_id).await?;
    let form = take_form::<PreferenceValues>(PREFERENCES_FORM).await?;
    let values = if form.errors.is_empty() {
        PreferenceValues::of(&current)
    } else {
        form.values
    };
    let history = store::history(&state.db, person_id)
        .await?
        .into_iter()
        .map(change_of)
        .collect();
    Ok(PreferencesPage {
        person_id,
        person_name: contact.name,
        staff,
        channels: options(&state.site.profile.channels, Channel::code, Channel::label),
        formats: options(&Format::ALL, Format::code, Format::label),
        adjustments: options(&Adjustment::ALL, Adjustment::code, Adjustment::label),
        visit_staff: options(&VisitStaff::ALL, VisitStaff::code, VisitStaff::label),
        newsletters: options(
            &Newsletter::offered(homeowner),
            Newsletter::code,
            Newsletter::label,
        ),
        values,
        errors: form.errors,
        summary: current.banner(),
        history,
    })
}

/// A vulnerability as a colleague who needs it reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VulnerabilityView {
    pub id: i64,
    pub description: String,
    pub consent: String,
    pub until: String,
    pub recorded: String,
}

/// A task to make contact another way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskView {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub phone: Option<String>,
    pub reason: String,
    pub subject: String,
    pub body: String,
    pub reference: Option<String>,
    pub created: String,
    /// "Phoned on ... by ...: outcome", once done.
    pub done: Option<String>,
}

/// A message as the portal lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub sent: String,
    /// "Also sent by email" / "We could not send this: a colleague will contact you".
    pub how: String,
    pub unread: bool,
    /// The message's id, for "mark as read up to here".
    pub id: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VulnerabilityValues {
    pub description: String,
    pub consent: String,
    pub ends_day: String,
    pub ends_month: String,
    pub ends_year: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffResident {
    pub banner: NeedsBanner,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    /// `None`: this colleague's work does not need them.
    pub vulnerabilities: Option<Vec<VulnerabilityView>>,
    pub vulnerability_form: crate::wire::forms::FormState<VulnerabilityValues>,
    pub tasks: Vec<TaskView>,
    pub task_errors: FieldErrors,
    pub messages: Vec<MessageView>,
    pub done: Option<String>,
    /// Who may act for the resident now.
    pub people: Vec<crate::api::permissions::PermissionView>,
    /// This colleague may record permissions given on paper or by phone, and withdraw them.
    pub may_record_permissions: bool,
    pub permission_form: crate::wire::forms::FormState<crate::api::permissions::PaperValues>,
    /// The evidence chosen on the last try of the permission form, kept for the next.
    pub evidence_chosen: Option<String>,
    /// The resident's requests to see their information (for colleagues who handle them).
    pub requests: Option<Vec<crate::api::your_data::RequestLine>>,
    pub request_form: crate::wire::forms::FormState<crate::wire::your_data::RecordValues>,
    pub request_token: String,
    /// The contact preferences form for this resident.
    pub preferences: PreferencesPage,
}

pub const RESIDENT_FORM: &str = "staff_resident";
pub const TASK_FORM: &str = "contact_task";
pub const CONSENTS: [(&str, &str); 4] = [
    ("in_person", "In person"),
    ("phone", "By phone"),
    ("in_writing", "In writing"),
    ("portal", "On the portal"),
];

#[cfg(feature = "ssr")]
fn task_view(t: crate::server::db::messages::Task) -> TaskView {
    TaskView {
        id: t.id,
        person_id: t.person_id,
        person_name: t.person_name,
        phone: t.phone,
        reason: t.reason,
        subject: t.subject,
        body: t.body,
        reference: t.reference,
        created: crate::format::day_when(t.created_at),
        done: t.done_at.map(|at| {
            format!(
                "Done {} by {}: {}",
                crate::format::day_when(at),
                t.done_by.unwrap_or_default(),
                t.outcome.unwrap_or_default()
            )
        }),
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn message_view(m: crate::server::db::messages::Message) -> MessageView {
    use crate::domain::preferences::Channel;
    MessageView {
        subject: m.subject,
        body: m.body,
        link: m.link,
        sent: crate::format::day_when(m.created_at),
        how: match m.channel.as_deref().and_then(Channel::parse) {
            Some(c) => format!("Also sent by {}", c.label().to_lowercase()),
            None => "Only here: we will contact you another way".to_owned(),
        },
        unread: m.read_at.is_none(),
        id: m.id,
    }
}

/// A resident's page for colleagues: needs, contact details, vulnerabilities (for those who
/// need them), tasks to make contact, and the messages sent.
#[server(prefix = "/api", endpoint = "staff/resident")]
pub async fn get_staff_resident(person: i64) -> Result<StaffResident, crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::{messages, preferences as store};
    use crate::server::forms::take_form;
    use crate::server::state::app_state;
    let account = authorise(Action::RecordNeeds).await?;
    let state = app_state()?;
    let contact = store::contact(&state.db, person)
        .await?
        .ok_or(AppError::NotFound)?;
    let phone = crate::server::db::preferences::phone_of(&state.db, person).await?;
    let banner = needs_banner(&state, &account, person).await?;
    let vulnerabilities = if may(&account, Action::ViewVulnerabilities) {
        let today = crate::site::today();
        Some(
            store::vulnerabilities(&state.db, person, today)
                .await?
                .into_iter()
                .map(|v| VulnerabilityView {
                    id: v.id,
                    description: v.description,
                    consent: CONSENTS
                        .iter()
                        .find(|(c, _)| *c == v.consent)
                        .map_or(v.consent.clone(), |(_, l)| (*l).to_owned()),
                    until: v.ends_on.format("%-d %B %Y").to_string(),
                    recorded: format!(
                        "{} by {}",
                        crate::format::day_when(v.created_at),
                        v.recorded_by
                    ),
                })
                .collect(),
        )
    } else {
        None
    };
    let tasks = messages::open_tasks_for(&state.db, person)
        .await?
        .into_iter()
        .map(task_view)
        .collect();
    let recent = messages::for_person(&state.db, person, 20)
        .await?
        .into_iter()
        .map(message_view)
        .collect();
    let may_record_permissions = may(&account, Action::RecordPermissions);
    let people = if may_record_permissions {
        crate::server::db::permissions::in_force(&state.db, person, crate::site::today())
            .await?
            .into_iter()
            .map(crate::api::permissions::permission_view)
            .collect()
    } else {
        Vec::new()
    };
    let permission_form =
        take_form::<crate::api::permissions::PaperValues>(crate::api::permissions::PAPER_FORM)
            .await?;
    let session = crate::server::request::session()?;
    let evidence_chosen = crate::server::permissions::PENDING
        .get(&session)
        .await?
        .map(|f| f.filename);
    let requests = if may(&account, Action::HandleSubjectAccess) {
        let now = chrono::Utc::now();
        Some(
            crate::server::db::subject_access::for_person(&state.db, person)
                .await?
                .iter()
                .map(|r| crate::server::subject_access::line(&state, r, now))
                .collect::<Result<Vec<_>, _>>()?,
        )
    } else {
        None
    };
    let request_form =
        take_form::<crate::wire::your_data::RecordValues>(crate::wire::your_data::RECORD_FORM)
            .await?;
    let vulnerability_form = take_form::<VulnerabilityValues>(RESIDENT_FORM).await?;
    let task_form = take_form::<()>(TASK_FORM).await?;
    let done = crate::server::flash::take::<String>(&session, "staff_resident_done")
        .await?
        .map(|r| r.values);
    Ok(StaffResident {
        banner,
        email: contact.email,
        phone,
        address: contact.address,
        vulnerabilities,
        vulnerability_form,
        tasks,
        task_errors: task_form.errors,
        messages: recent,
        done,
        people,
        may_record_permissions,
        permission_form,
        evidence_chosen,
        requests,
        request_form,
        request_token: crate::server::tokens::submission_token(),
        preferences: get_preferences(Some(person)).await?,
    })
}

/// On to the resident's page, where it says `message`.
#[cfg(feature = "ssr")]
async fn resident_done(person: i64, message: &str) -> Result<(), crate::error::AppError> {
    crate::server::forms::back_to_form(
        "staff_resident_done",
        &format!("/staff/residents/{person}"),
        message.to_owned(),
        FieldErrors::default(),
    )
    .await
}

/// Records a vulnerability the resident agreed to, until a date at most two years away.
#[server(prefix = "/api", endpoint = "staff/vulnerability")]
pub async fn record_vulnerability(
    person: i64,
    description: Option<String>,
    consent: Option<String>,
    ends_day: Option<String>,
    ends_month: Option<String>,
    ends_year: Option<String>,
    agreed: Option<String>,
) -> Result<(), crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::forms::back_to_form;
    use crate::server::state::app_state;
    let account = authorise(Action::ViewVulnerabilities).await?;
    let state = app_state()?;
    if crate::server::db::preferences::contact(&state.db, person)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let values = VulnerabilityValues {
        description: description.unwrap_or_default().trim().to_owned(),
        consent: consent.unwrap_or_default(),
        ends_day: ends_day.unwrap_or_default(),
        ends_month: ends_month.unwrap_or_default(),
        ends_year: ends_year.unwrap_or_default(),
    };
    let today = crate::site::today();
    let mut errors = FieldErrors::default();
    if values.description.is_empty() {
        errors.add(
            "description",
            "Describe the vulnerability and what it means for our work",
        );
    } else if values.description.chars().count() > 500 {
        errors.add("description", "Use 500 characters or fewer");
    }
    if !CONSENTS.iter().any(|(c, _)| *c == values.consent) {
        errors.add(
            "consent",
            "Select how the resident agreed to us recording it",
        );
    }
    let ends = crate::domain::account::date_from_parts(
        &values.ends_day,
        &values.ends_month,
        &values.ends_year,
    );
    match ends {
        None => errors.add(
            "ends",
            "Enter the date to review or remove it, like 27 3 2027",
        ),
        Some(d) if d <= today => errors.add("ends", "The date must be in the future"),
        Some(d) if d > today + chrono::Duration::days(730) => {
            errors.add("ends", "The date can be at most two years away")
        }
        Some(_) => {}
    }
    if agreed.as_deref() != Some("yes") {
        errors.add("agreed", "Confirm the resident agreed to us recording this");
    }
    let Some(ends) = ends.filter(|_| errors.is_empty()) else {
        return back_to_form(
            RESIDENT_FORM,
            &format!("/staff/residents/{person}#vulnerability"),
            values,
            errors,
        )
        .await;
    };
    let now = chrono::Utc::now();
    crate::server::db::preferences::record_vulnerability(
        &state.db,
        person,
        &values.description,
        &values.consent,
        ends,
        account.id,
        now,
    )
    .await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "vulnerability_recorded")
            .on("person", person)
            .for_person(Some(person)),
        now,
    )
    .await?;
    resident_done(person, "Vulnerability recorded").await
}

/// Removes a vulnerability (consent withdrawn, or it no longer applies).
#[server(prefix = "/api", endpoint = "staff/vulnerability-remove")]
pub async fn remove_vulnerability(person: i64, id: i64) -> Result<(), crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::state::app_state;
    let account = authorise(Action::ViewVulnerabilities).await?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    if !crate::server::db::preferences::remove_vulnerability(&state.db, id, person, account.id, now)
        .await?
    {
        return Err(crate::error::AppError::NotFound);
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "vulnerability_removed")
            .on("person", person)
            .for_person(Some(person)),
        now,
    )
    .await?;
    resident_done(person, "Vulnerability removed").await
}

/// Every open task to make contact, oldest first, and the latest done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactTasks {
    pub open: Vec<TaskView>,
    pub done: Vec<TaskView>,
    pub errors: FieldErrors,
}

#[server(prefix = "/api", endpoint = "staff/contact-tasks")]
pub async fn get_contact_tasks() -> Result<ContactTasks, crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::forms::take_form;
    use crate::server::state::app_state;
    authorise(Action::RecordNeeds).await?;
    let state = app_state()?;
    let (open, done) = crate::server::db::messages::tasks(&state.db).await?;
    let form = take_form::<()>(TASK_FORM).await?;
    Ok(ContactTasks {
        open: open.into_iter().map(task_view).collect(),
        done: done.into_iter().map(task_view).collect(),
        errors: form.errors,
    })
}

/// Records how contact was made for a message Doorstep could not send.
#[server(prefix = "/api", endpoint = "staff/contact-task-done")]
pub async fn complete_contact_task(
    task: i64,
    outcome: Option<String>,
    back: Option<String>,
) -> Result<(), crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::forms::back_to_form;
    use crate::server::state::app_state;
    let account = authorise(Action::RecordNeeds).await?;
    let state = app_state()?;
    let back = back
        .filter(|b| b.starts_with("/staff/") && crate::domain::navigation::local_path(b).is_some())
        .unwrap_or_else(|| "/staff/contact-tasks".to_owned());
    let outcome = outcome.unwrap_or_default().trim().to_owned();
    if outcome.is_empty() || outcome.chars().count() > 500 {
        let mut errors = FieldErrors::default();
        errors.add(
            &format!("outcome-{task}"),
            "Say how you made contact and what was said, in 500 characters or fewer",
        );
        return back_to_form(TASK_FORM, &back, (), errors).await;
    }
    let now = chrono::Utc::now();
    crate::server::db::messages::complete_task(&state.db, task, account.id, &outcome, now).await?;
    crate::server::request::redirect(&back);
    Ok(())
}

/// The signed-in resident's messages, newest first. Reading them changes nothing: a link
/// checker or a browser's prefetch could open the page without the resident; "Mark as read"
/// does that.
#[server(prefix = "/api", endpoint = "messages")]
pub async fn get_messages() -> Result<Vec<MessageView>, crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::messages;
    use crate::server::state::app_state;
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(crate::error::AppError::NotFound)?;
    let state = app_state()?;
    let found = messages::for_person(&state.db, person, 100).await?;
    Ok(found.into_iter().map(message_view).collect())
}

/// Marks the resident's messages read, up to the newest they were shown (`upto`), so that one
/// arriving while the page was open stays new.
#[server(prefix = "/api", endpoint = "messages/read")]
pub async fn mark_messages_read(upto: Option<String>) -> Result<(), crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(crate::error::AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    if let Some(upto) = upto.and_then(|u| u.trim().parse::<i64>().ok()) {
        crate::server::db::messages::mark_read(&state.db, person, upto, chrono::Utc::now()).await?;
    }
    crate::server::request::redirect("/messages");
    Ok(())
}

/// A resident in a colleague's search results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundResident {
    pub person_id: i64,
    pub name: String,
    pub address: String,
    pub tenancy: String,
}

/// Residents matching a name, reference, address or postcode (at least two characters).
#[server(prefix = "/api", endpoint = "staff/residents")]
pub async fn find_residents(q: String) -> Result<Vec<FoundResident>, crate::error::AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::RecordNeeds).await?;
    let state = crate::server::state::app_state()?;
    if q.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    Ok(crate::server::db::preferences::search(&state.db, &q)
        .await?
        .into_iter()
        .map(|f| FoundResident {
            person_id: f.person_id,
            name: f.name,
            address: f.address.unwrap_or_default(),
            tenancy: f.tenancy.unwrap_or_default(),
        })
        .collect())
}
