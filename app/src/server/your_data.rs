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
    d.format("%-d %B %Y").to_string()
}

fn section(title: &str, explained: &str, items: Vec<DataItem>) -> DataSection {
    DataSection {
        title: title.to_owned(),
        explained: explained.to_owned(),
        count: items.len(),
        items,
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
    /// The resident, for themselves: `how` they read it ("page" or "file").
    Resident { how: &'static str },
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
    let account_id = account.map(|a| a.id);
    let person = store::person(db, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = Utc::now();
    let name = format!("{} {}", person.given_name, person.family_name);
    let mut sections = Vec::new();

    sections.push(section(
        "About you",
        "Your details as our records hold them.",
        vec![item(
            "Your details",
            facts(vec![
                ("Name", name.clone()),
                (
                    "Date of birth",
                    person.date_of_birth.map(date).unwrap_or_default(),
                ),
                ("Phone", person.phone.clone().unwrap_or_default()),
                (
                    "Email on our records",
                    person.email.clone().unwrap_or_default(),
                ),
                ("First recorded", when(person.created_at)),
            ]),
        )],
    ));
    sections.push(section(
        "Your Doorstep account",
        "How you sign in. Your password is stored only as a one-way hash, which nobody can read back.",
        account
            .map(|account| {
                item(
                    "Account",
                    facts(vec![
                        ("Sign-in email", account.email.clone()),
                        ("Name on the account", account.display_name.clone()),
                        ("Account type", account.role.label().to_owned()),
                    ]),
                )
            })
            .into_iter()
            .collect(),
    ));

    let homes = store::tenancies(db, person_id)
        .await?
        .into_iter()
        .map(|t| {
            let address = [
                Some(t.address_line_1.clone()),
                t.address_line_2.clone(),
                Some(t.town.clone()),
                Some(t.postcode.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            item(
                address,
                facts(vec![
                    ("Tenancy or lease reference", t.reference.clone()),
                    (
                        "Kind",
                        TenancyKind::parse(&t.kind).map_or(t.kind.clone(), |k| {
                            state.site.profile.landlord.tenancy_name(k)
                        }),
                    ),
                    (
                        "Rent or ownership",
                        Tenure::parse(&t.tenure).map_or(t.tenure.clone(), |k| k.label().to_owned()),
                    ),
                    ("Named as", words(&t.relationship)),
                    ("From", date(t.start_date)),
                    ("Until", t.end_date.map(date).unwrap_or_default()),
                ]),
            )
        })
        .collect();
    sections.push(section(
        "Your homes",
        "The tenancies and leases you are named on.",
        homes,
    ));

    let mut needs: Vec<DataItem> = store::needs(db, person_id)
        .await?
        .into_iter()
        .map(|n| item(n.description, facts(vec![("Recorded", when(n.created_at))])))
        .collect();
    needs.extend(
        super::db::preferences::history(db, person_id)
            .await?
            .into_iter()
            .map(|v| {
                let change = crate::server::preferences::change_of(v);
                DataItem {
                    title: format!("Contact preferences saved {}", change.when),
                    facts: facts(vec![("Saved by", change.by.unwrap_or_default())]),
                    history: change
                        .lines
                        .into_iter()
                        .map(|l| Fact::new("Preference", l))
                        .collect(),
                }
            }),
    );
    sections.push(section(
        "How we contact you, and what you need from us",
        "Your needs and every version of your contact preferences, newest first.",
        needs,
    ));

    let vulnerabilities = store::vulnerabilities(db, person_id)
        .await?
        .into_iter()
        .map(|v| {
            item(
                v.description,
                facts(vec![
                    ("How you agreed", words(&v.consent)),
                    ("Recorded", when(v.created_at)),
                    ("Review or remove on", date(v.ends_on)),
                    ("Removed", v.removed_at.map(when).unwrap_or_default()),
                ]),
            )
        })
        .collect();
    sections.push(section(
        "Vulnerabilities recorded with your agreement",
        "Only colleagues whose work needs them can see these.",
        vulnerabilities,
    ));

    let mut repairs = Vec::new();
    for r in store::repairs(db, person_id).await? {
        let mut pairs = vec![
            (
                "Status",
                crate::domain::repairs::Status::parse(&r.status)
                    .map_or_else(|| r.status.clone(), |s| s.label().to_owned()),
            ),
            (
                "Your part",
                if r.reported {
                    "You reported it"
                } else {
                    "You follow it"
                }
                .to_owned(),
            ),
            ("Reported", when(r.created_at)),
            ("What you told us", r.description.clone()),
            ("When we can come", r.access_times.clone()),
            ("Pets", r.pets.clone()),
            ("Key safe", r.key_safe.clone()),
            ("Phone for this job", r.contact_phone.clone()),
            ("Completed", r.completed_at.map(when).unwrap_or_default()),
            ("Fixed, you said", r.fixed.clone().unwrap_or_default()),
            (
                "Your rating",
                r.rating
                    .map(|n| {
                        format!(
                            "{n} out of 5{}",
                            r.rating_comment
                                .as_deref()
                                .map(|c| format!(": {c}"))
                                .unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
            ),
            (
                "Photos you added",
                if r.photos > 0 {
                    format!("{} (see them on the repair's page)", r.photos)
                } else {
                    String::new()
                },
            ),
        ];
        let answers: Vec<(String, String)> = r
            .answers
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(q, a)| (q.to_owned(), a.to_owned()))
            .collect();
        let mut item_facts = facts(std::mem::take(&mut pairs));
        item_facts.extend(answers.into_iter().map(|(q, a)| Fact::new(q, a)));
        let history = super::db::repairs::events(db, r.id, internal)
            .await?
            .into_iter()
            .rev()
            .map(|e| event(e.occurred_at, &e.title, e.body.as_deref(), e.visible))
            .collect();
        repairs.push(DataItem {
            title: format!("{}: {}", r.reference, r.summary),
            facts: item_facts,
            history,
        });
    }
    sections.push(section(
        "Repairs",
        "Repairs you reported or follow, with their timeline as you see it.",
        repairs,
    ));

    let mut cases = Vec::new();
    for c in super::db::cases::cases_for(db, &[person_id], account_id).await? {
        let record = super::db::cases::record(db, c.id, internal).await?;
        let mut item_facts = facts(vec![
            ("Kind", c.kind.label().to_owned()),
            ("Status", crate::server::cases::view::status_label(&c)),
            ("Received", when(c.received_at)),
            ("Made by", c.made_by_name.clone().unwrap_or_default()),
            ("What happened", c.details.clone()),
            ("When", c.happened_when.clone().unwrap_or_default()),
            (
                "What would put it right",
                c.outcome_wanted.clone().unwrap_or_default(),
            ),
            (
                "Adjustments asked for",
                c.adjustments.clone().unwrap_or_default(),
            ),
            ("Who you thanked", c.thanks_to.clone().unwrap_or_default()),
            ("About", c.related_reference.clone().unwrap_or_default()),
            (
                "Our understanding",
                c.understanding.clone().unwrap_or_default(),
            ),
            (
                "Why we declined it",
                c.decline_reason.clone().unwrap_or_default(),
            ),
        ]);
        for r in &record.responses {
            item_facts.push(Fact::new(
                format!("Response at stage {}", r.stage),
                [
                    r.decision
                        .as_deref()
                        .and_then(crate::domain::cases::Decision::parse)
                        .map(|d| format!("{}.", d.label())),
                    Some(r.points.clone()),
                    r.reasons.clone(),
                    r.remedy.clone(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
            ));
        }
        for a in &record.actions {
            item_facts.push(Fact::new(
                "Action we promised",
                format!(
                    "{} by {}{}",
                    a.description,
                    date(a.due_on),
                    a.done_at
                        .map(|d| format!(", done {}", when(d)))
                        .unwrap_or_default()
                ),
            ));
        }
        let history = record
            .events
            .iter()
            .rev()
            .map(|e| event(e.occurred_at, &e.title, e.body.as_deref(), e.visible))
            .collect();
        cases.push(DataItem {
            title: format!("{}: {}", c.reference, c.summary),
            facts: item_facts,
            history,
        });
    }
    sections.push(section(
        "Complaints, compliments and questions",
        "Everything you, or someone acting for you, raised with us, and our responses.",
        cases,
    ));

    let messages = super::db::messages::for_person(db, person_id, i64::MAX)
        .await?
        .into_iter()
        .rev()
        .map(|m| {
            item(
                m.subject,
                facts(vec![
                    ("Sent", when(m.created_at)),
                    (
                        "Also sent by",
                        m.channel
                            .as_deref()
                            .and_then(crate::domain::preferences::Channel::parse)
                            .map(|c| c.label().to_owned())
                            .unwrap_or_else(|| "Only on Doorstep".to_owned()),
                    ),
                    ("Message", m.body),
                ]),
            )
        })
        .collect();
    sections.push(section(
        "Messages we sent you",
        "Every message about your repairs, cases, requests and documents.",
        messages,
    ));

    let mut people: Vec<DataItem> = store::permissions(db, person_id)
        .await?
        .into_iter()
        .map(|p| {
            item(
                format!("{} ({})", p.advocate_name, p.advocate_email),
                facts(vec![
                    (
                        "May act for you in",
                        crate::wire::permissions::scope_label(&p.scope).to_owned(),
                    ),
                    (
                        "Who they are",
                        p.relationship
                            .as_deref()
                            .map(|r| crate::wire::permissions::relationship_label(r).to_owned())
                            .unwrap_or_default(),
                    ),
                    (
                        "Given",
                        format!(
                            "{} ({})",
                            when(p.created_at),
                            match p.given_by.as_str() {
                                "paper" => "a signed form",
                                "phone" => "by phone",
                                _ => "on Doorstep",
                            }
                        ),
                    ),
                    ("Last day", p.ends_on.map(date).unwrap_or_default()),
                    ("Withdrawn", p.withdrawn_at.map(when).unwrap_or_default()),
                ]),
            )
        })
        .collect();
    people.extend(
        store::invitations(db, person_id)
            .await?
            .into_iter()
            .map(|i| {
                item(
                    format!("Invitation to {} ({})", i.name, i.email),
                    facts(vec![
                        (
                            "For",
                            crate::wire::permissions::scope_label(&i.scope).to_owned(),
                        ),
                        ("Sent", when(i.created_at)),
                        ("Accepted", i.accepted_at.map(when).unwrap_or_default()),
                        ("Cancelled", i.cancelled_at.map(when).unwrap_or_default()),
                        ("Link worked until", when(i.expires_at)),
                    ]),
                )
            }),
    );
    sections.push(section(
        "People who can act for you",
        "Everyone you gave permission to, and every invitation you sent.",
        people,
    ));

    let mut documents: Vec<DataItem> = store::downloads(db, person_id, account_id)
        .await?
        .into_iter()
        .map(|d| {
            item(
                format!("{}: {}", d.reference, d.title),
                facts(vec![
                    ("Downloaded", when(d.downloaded_at)),
                    (
                        "By",
                        d.advocate
                            .map(|a| format!("{a}, for you"))
                            .unwrap_or_default(),
                    ),
                ]),
            )
        })
        .collect();
    documents.extend(
        store::safety_information(db, person_id)
            .await?
            .into_iter()
            .map(|s| {
                item(
                    format!(
                        "{} given to you",
                        crate::domain::documents::Category::parse(&s.category)
                            .map_or(s.category.clone(), |c| c.label().to_owned())
                    ),
                    facts(vec![("On", date(s.given_on)), ("How", words(&s.how))]),
                )
            }),
    );
    sections.push(section(
        "Documents",
        "Documents downloaded by you or for you, and safety information we gave you.",
        documents,
    ));

    let mut requests = Vec::new();
    for r in super::db::subject_access::for_person(db, person_id).await? {
        let view = super::subject_access::view(state, &r, internal, now).await?;
        requests.push(DataItem {
            title: r.reference.clone(),
            facts: facts(vec![
                ("Status", view.status),
                ("Received", view.received),
                ("What you asked for", view.details),
                (
                    "Identity confirmed",
                    view.identity_confirmed.unwrap_or_default(),
                ),
                ("Finished", view.finished.unwrap_or_default()),
                ("Outcome", view.outcome.unwrap_or_default()),
            ]),
            history: view
                .timeline
                .into_iter()
                .map(|t| {
                    let at = if t.internal {
                        format!("{} (internal)", t.when)
                    } else {
                        t.when
                    };
                    match t.body {
                        Some(body) => Fact::new(at, format!("{}: {body}", t.title)),
                        None => Fact::new(at, t.title),
                    }
                })
                .collect(),
        });
    }
    let contact = store::contact_messages(db, account_id)
        .await?
        .into_iter()
        .map(|m| {
            item(
                m.reference,
                facts(vec![("Sent", when(m.created_at)), ("Message", m.message)]),
            )
        });
    requests.extend(contact);
    sections.push(section(
        "Your requests and messages to us",
        "Requests to see your information, and what you sent through the contact form.",
        requests,
    ));

    let activity: Vec<Fact> = store::activity(db, person_id, account_id)
        .await?
        .into_iter()
        .map(|a| {
            let who = if a.mine {
                "You".to_owned()
            } else {
                a.actor.unwrap_or_else(|| "Doorstep".to_owned())
            };
            Fact::new(
                when(a.occurred_at),
                format!(
                    "{}: {}{}",
                    who,
                    activity_words(&a.action),
                    a.client_address
                        .map(|ip| format!(" (from {ip})"))
                        .unwrap_or_default()
                ),
            )
        })
        .collect();
    let mut activity_section = section(
        "Account activity and who looked at your records",
        "Your sign-ins and changes, and every time a colleague or someone acting for you opened or changed your records.",
        Vec::new(),
    );
    activity_section.count = activity.len();
    if !activity.is_empty() {
        activity_section.items.push(DataItem {
            title: "Activity, oldest first".to_owned(),
            facts: Vec::new(),
            history: activity,
        });
    }
    sections.push(activity_section);

    let event = match by {
        Gatherer::Resident { how } => {
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
        Gatherer::Resident { how: "file" },
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
