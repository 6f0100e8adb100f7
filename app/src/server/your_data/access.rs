//! Who may act for the resident, documents read, requests to see information, and every sign-in
//! and look at the records.

use super::*;
use crate::wire::your_data::SectionPages;

/// Activity entries on one page of "Everything we hold about you".
const ACTIVITY_PAGE: i64 = 50;

pub(super) async fn people(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let db = r.db;
    let person_id = r.person_id;
    let mut sections = Vec::new();
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
    Ok(sections)
}

pub(super) async fn documents(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let db = r.db;
    let person_id = r.person_id;
    let account_id = r.account_id;
    let mut sections = Vec::new();
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
    Ok(sections)
}

pub(super) async fn requests(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let state = r.state;
    let db = r.db;
    let person_id = r.person_id;
    let account_id = r.account_id;
    let internal = r.internal;
    let now = r.now;
    let mut sections = Vec::new();
    let mut requests = Vec::new();
    for r in crate::server::db::subject_access::for_person(db, person_id).await? {
        let view = crate::server::subject_access::view(state, &r, internal, now).await?;
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
    Ok(sections)
}

pub(super) async fn activity(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let db = r.db;
    let person_id = r.person_id;
    let account_id = r.account_id;
    let mut sections = Vec::new();
    let (rows, total, pages) = match r.activity_page {
        None => {
            let rows = store::activity(db, person_id, account_id).await?;
            let total = rows.len();
            (rows, total, None)
        }
        Some(page) => {
            let (rows, total, page) =
                store::activity_page(db, person_id, account_id, ACTIVITY_PAGE, i64::from(page))
                    .await?;
            let pages = (total + ACTIVITY_PAGE - 1) / ACTIVITY_PAGE;
            let number = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
            (
                rows,
                usize::try_from(total).unwrap_or_default(),
                Some(SectionPages {
                    field: "activity".to_owned(),
                    page: number(page),
                    pages: number(pages.max(1)),
                }),
            )
        }
    };
    let activity: Vec<Fact> = rows
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
    activity_section.count = total;
    if !activity.is_empty() {
        let title = match &pages {
            None => "Activity, oldest first".to_owned(),
            Some(p) => {
                let first = (p.page as usize - 1) * ACTIVITY_PAGE as usize + 1;
                let last = first + activity.len() - 1;
                format!("Activity, newest first: {first} to {last} of {total}")
            }
        };
        activity_section.items.push(DataItem {
            title,
            facts: Vec::new(),
            history: activity,
        });
    }
    activity_section.pages = pages;
    sections.push(activity_section);
    Ok(sections)
}
