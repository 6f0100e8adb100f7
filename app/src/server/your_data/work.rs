//! The record's repairs, cases and messages.

use super::*;

pub(super) async fn repairs(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let db = r.db;
    let person_id = r.person_id;
    let internal = r.internal;
    let mut sections = Vec::new();
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
            ("Photos you added", photo_count(r.photos)),
            ("Photos of the finished work", photo_count(r.work_photos)),
        ];
        let answers: Vec<(String, String)> = r
            .answers
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(q, a)| (q.to_owned(), a.to_owned()))
            .collect();
        let mut item_facts = facts(std::mem::take(&mut pairs));
        item_facts.extend(answers.into_iter().map(|(q, a)| Fact::new(q, a)));
        let history = crate::server::db::repairs::events(db, r.id, internal)
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
    Ok(sections)
}

pub(super) async fn cases(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let db = r.db;
    let person_id = r.person_id;
    let account_id = r.account_id;
    let internal = r.internal;
    let mut sections = Vec::new();
    let mut cases = Vec::new();
    for c in crate::server::db::cases::cases_for(db, &[person_id], account_id).await? {
        let record = crate::server::db::cases::record(db, c.id, internal).await?;
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
    Ok(sections)
}

pub(super) async fn messages(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let db = r.db;
    let person_id = r.person_id;
    let mut sections = Vec::new();
    let messages = crate::server::db::messages::for_person(db, person_id, i64::MAX)
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
    Ok(sections)
}

/// "2 (see them on the repair's page)"; nothing when there are none.
fn photo_count(n: i64) -> String {
    if n > 0 {
        format!("{n} (see them on the repair's page)")
    } else {
        String::new()
    }
}
