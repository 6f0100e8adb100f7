//! What the preferences pages show: the resident's own form, and the colleagues' page about
//! one resident (their needs, vulnerabilities, contact tasks and messages).

use super::{change_of, needs_banner, options};
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::preferences::*;

/// The form for the signed-in resident, or (`person`, for a colleague) for that resident.
pub async fn preferences(
    state: &AppState,
    person: Option<i64>,
) -> Result<PreferencesPage, crate::error::AppError> {
    use crate::domain::preferences::*;
    use crate::error::AppError;
    use crate::server::authz::{may, signed_in, Action};
    use crate::server::db::preferences as store;
    use crate::server::forms::take_form;

    let account = signed_in().await?;
    let (person_id, staff) = match (person, account.person_id) {
        (Some(p), _) if may(&account, Action::RecordNeeds) => (p, true),
        (None, Some(p)) if may(&account, Action::ManageOwnPreferences) => (p, false),
        _ => return Err(AppError::NotFound),
    };
    let contact = store::contact(&state.db, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The preferences in force are the newest version of the history.
    let versions = store::history(&state.db, person_id).await?;
    let current = versions
        .first()
        .map(|v| v.preferences.clone())
        .unwrap_or_default();
    let homeowner = contact.homeowner();
    let form = take_form::<PreferenceValues>(PREFERENCES_FORM).await?;
    let values = if form.errors.is_empty() {
        PreferenceValues::of(&current)
    } else {
        form.values
    };
    let history = versions.into_iter().map(change_of).collect();
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

/// A resident's page for colleagues: needs, contact details, vulnerabilities (for those who
/// need them), tasks to make contact, and the messages sent.
pub async fn staff_resident(
    state: &AppState,
    account: Account,
    person: i64,
) -> Result<StaffResident, crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{may, Action};
    use crate::server::db::{messages, preferences as store};
    use crate::server::forms::take_form;

    let contact = store::contact(&state.db, person)
        .await?
        .ok_or(AppError::NotFound)?;
    let phone = crate::server::db::preferences::phone_of(&state.db, person).await?;
    let banner = needs_banner(state, &account, person).await?;
    let tenancy = crate::server::db::repairs::place_for_person(&state.db, person)
        .await?
        .map(|p| p.tenancy);
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
                    until: v.ends_on.format(crate::format::DATE).to_string(),
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
            .map(crate::server::permissions::permission_view)
            .collect()
    } else {
        Vec::new()
    };
    let permission_form =
        take_form::<crate::wire::permissions::PaperValues>(crate::wire::permissions::PAPER_FORM)
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
                .map(|r| crate::server::subject_access::line(state, r, now))
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
        preferences: preferences(state, Some(person)).await?,
        may_record_contacts: may(&account, Action::ManageCases) && tenancy.is_some(),
        may_record_repairs: may(&account, Action::RecordRepair) && tenancy.is_some(),
        tenancy,
    })
}

pub fn task_view(t: crate::server::db::messages::Task) -> TaskView {
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

pub fn message_view(m: crate::server::db::messages::Message) -> MessageView {
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

/// On to the resident's page, where it says `message`.
pub fn resident_done(
    person: i64,
    message: &str,
) -> Result<crate::server::forms::Reply, crate::error::AppError> {
    crate::server::forms::Reply::back(
        "staff_resident_done",
        &format!("/staff/residents/{person}"),
        message.to_owned(),
        crate::domain::validation::FieldErrors::default(),
    )
}
