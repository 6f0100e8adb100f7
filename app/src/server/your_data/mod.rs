//! Everything Doorstep holds about one resident, gathered into one model (`api::your_data::
//! YourData`) that the readable page shows and the JSON file carries. Each section reads only
//! rows tied to the resident's person id or their own account. Internal notes stay out of the
//! resident's own copy; a colleague answering a request to see the information held gathers the
//! same record with them, marked, to check for other people's details before sending it.

use super::db::accounts::{record_audit, Account, AuditEvent};
use super::db::your_data as store;
use super::state::AppState;
use crate::domain::housing::{TenancyKind, Tenure};
use crate::error::AppError;
use crate::format::when;
use crate::wire::your_data::{DataItem, DataSection, Fact, YourData};
use chrono::{DateTime, NaiveDate, Utc};

fn date(d: NaiveDate) -> String {
    d.format(crate::format::DATE).to_string()
}

fn section(title: &str, explained: &str, items: Vec<DataItem>) -> DataSection {
    DataSection {
        title: title.to_owned(),
        explained: explained.to_owned(),
        count: items.len(),
        items,
        pages: None,
    }
}

/// "joint_tenant" as "Joint tenant".
fn words(code: &str) -> String {
    let spaced = code.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

fn item(title: impl Into<String>, facts: Vec<Fact>) -> DataItem {
    DataItem {
        title: title.into(),
        facts,
        history: Vec::new(),
    }
}

/// Facts whose value is empty are left out: nothing recorded is nothing to show.
fn facts(pairs: Vec<(&str, String)>) -> Vec<Fact> {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(l, v)| Fact::new(l, v))
        .collect()
}

/// A timeline entry: when (marked "internal" for colleagues' notes), and what happened.
fn event(at: DateTime<Utc>, title: &str, body: Option<&str>, visible: bool) -> Fact {
    let at = if visible {
        when(at)
    } else {
        format!("{} (internal)", when(at))
    };
    Fact::new(
        at,
        match body {
            Some(b) if !b.trim().is_empty() => format!("{title}: {b}"),
            _ => title.to_owned(),
        },
    )
}

/// What an audit entry's action means, for the resident.
fn activity_words(action: &str) -> String {
    match action {
        "sign_in" => "Signed in".to_owned(),
        "sign_in_failed" => "A sign-in failed".to_owned(),
        "sign_out_everywhere" => "Signed out everywhere".to_owned(),
        "password_changed" => "Password changed".to_owned(),
        "password_reset" => "Password reset".to_owned(),
        "email_changed" => "Email address changed".to_owned(),
        "account_claimed" => "Account set up".to_owned(),
        "account_confirmed" => "Account confirmed".to_owned(),
        "repair_viewed" => "Looked at a repair".to_owned(),
        "repair_changed" => "Changed a repair".to_owned(),
        "case_viewed" => "Looked at a case".to_owned(),
        "case_changed" => "Changed a case".to_owned(),
        "preferences_changed" => "Contact preferences changed".to_owned(),
        "data_downloaded" => "Downloaded this record of your data".to_owned(),
        other => words(other),
    }
}

/// Who is gathering a resident's record.
pub enum Gatherer<'a> {
    /// The resident, for themselves: `how` they read it ("page" or "file"). On the page the
    /// activity list shows one page of it (`activity_page`, from 1), newest first; the file
    /// holds it all.
    Resident {
        how: &'static str,
        activity_page: Option<u32>,
    },
    /// A colleague answering a request to see the information held: internal notes included.
    Colleague {
        account: &'a Account,
        request: &'a str,
    },
}

/// Gathers everything held about `person_id` (and their own `account`, if they have one), and
/// records in the audit trail who gathered it.
pub async fn gather(
    state: &AppState,
    person_id: i64,
    account: Option<&Account>,
    by: Gatherer<'_>,
) -> Result<YourData, AppError> {
    let db = &state.db;
    let internal = matches!(by, Gatherer::Colleague { .. });
    let activity_page = match by {
        Gatherer::Resident { activity_page, .. } => activity_page,
        Gatherer::Colleague { .. } => None,
    };
    let account_id = account.map(|a| a.id);
    let person = store::person(db, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = Utc::now();
    let name = format!("{} {}", person.given_name, person.family_name);
    let reading = Reading {
        state,
        db,
        account,
        person_id,
        account_id,
        internal,
        person: &person,
        name: &name,
        now,
        activity_page,
    };
    let mut sections = Vec::new();
    sections.extend(about_you(&reading).await?);
    sections.extend(home(&reading).await?);
    sections.extend(needs(&reading).await?);
    sections.extend(vulnerabilities(&reading).await?);
    sections.extend(repairs(&reading).await?);
    sections.extend(cases(&reading).await?);
    sections.extend(messages(&reading).await?);
    sections.extend(people(&reading).await?);
    sections.extend(documents(&reading).await?);
    sections.extend(requests(&reading).await?);
    sections.extend(activity(&reading).await?);

    let event = match by {
        Gatherer::Resident { how, .. } => {
            AuditEvent::by(account_id, "data_downloaded").detail(how.to_owned())
        }
        Gatherer::Colleague { account, request } => {
            AuditEvent::by(Some(account.id), "subject_access_data_gathered")
                .detail(request.to_owned())
        }
    };
    record_audit(
        db,
        event.on("person", person_id).for_person(Some(person_id)),
        now,
    )
    .await?;
    Ok(YourData {
        person: name,
        landlord: state.site.profile.landlord.name.clone(),
        gathered: when(now),
        internal_notes: internal,
        sections,
    })
}

/// `GET /account/your-data.json`: the same data as a file, for the signed-in resident.
pub async fn file(
    state: &AppState,
    session: &tower_sessions::Session,
) -> Result<Option<(String, String)>, AppError> {
    use super::authz::{may, Action};
    let Some(account) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::SeeOwnData) {
        return Ok(None);
    }
    let person_id = account.person_id.ok_or(AppError::NotFound)?;
    let data = gather(
        state,
        person_id,
        Some(&account),
        Gatherer::Resident {
            how: "file",
            activity_page: None,
        },
    )
    .await?;
    let body = serde_json::to_string_pretty(&data)
        .map_err(|e| crate::error::internal(format!("data not written: {e}")))?;
    let day = crate::site::today().format("%Y-%m-%d");
    Ok(Some((format!("doorstep-your-data-{day}.json"), body)))
}

/// `GET /staff/subject-access/{reference}/data.json`: the record of the resident a request is
/// about, internal notes included and marked, for a colleague who handles requests.
pub async fn for_request(
    state: &AppState,
    session: &tower_sessions::Session,
    reference: &str,
) -> Result<Option<(String, String)>, AppError> {
    use super::authz::{may, Action};
    let Some(colleague) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&colleague, Action::HandleSubjectAccess) {
        return Ok(None);
    }
    let Some(row) = super::subject_access::by_reference(state, reference).await? else {
        return Ok(None);
    };
    let account = super::db::accounts::account_for_person(&state.db, row.person_id).await?;
    let data = gather(
        state,
        row.person_id,
        account.as_ref(),
        Gatherer::Colleague {
            account: &colleague,
            request: &row.reference,
        },
    )
    .await?;
    let body = serde_json::to_string_pretty(&data)
        .map_err(|e| crate::error::internal(format!("data not written: {e}")))?;
    Ok(Some((
        format!("doorstep-data-{}.json", row.reference),
        body,
    )))
}

/// What every section of a resident's record is read with.
struct Reading<'a> {
    state: &'a AppState,
    db: &'a super::db::Db,
    account: Option<&'a Account>,
    person_id: i64,
    account_id: Option<i64>,
    /// A colleague is reading: internal notes are included, and marked.
    internal: bool,
    person: &'a store::PersonRow,
    name: &'a String,
    now: DateTime<Utc>,
    /// Only this page of the activity list (from 1), newest first; `None`: all of it.
    activity_page: Option<u32>,
}

mod access;
mod household;
mod work;
use access::*;
use household::*;
use work::*;
