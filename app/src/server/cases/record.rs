//! Recording a complaint, compliment or question a colleague took by phone, letter or in person:
//! the form checked against the kind's own questions and the tenancy, the date it reached us
//! made day 0 of its clocks, the case opened and the recording audited.

use crate::domain::cases::{CaseKind, Channel, MadeBy};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::cases_staff::RecordValues;
use std::collections::BTreeMap;

/// How something may reach a colleague who records it: every channel but Doorstep itself, as
/// the recording forms offer them.
pub fn recorded_channels() -> Vec<crate::wire::forms::Offered> {
    Channel::ALL
        .iter()
        .filter(|c| **c != Channel::Portal)
        .map(|c| crate::wire::forms::Offered {
            value: c.as_str().into(),
            label: c.label().into(),
            hint: None,
        })
        .collect()
}

/// What recording came to: the case opened (its reference), or refused with the problems.
pub enum Recorded {
    Opened(String),
    Refused(FieldErrors),
}

/// Records the case `values` describe, for the colleague `account`.
pub async fn record(
    state: &AppState,
    account: &Account,
    values: &RecordValues,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Recorded, AppError> {
    let mut errors = FieldErrors::default();
    let kind = CaseKind::parse(&values.kind);
    match kind {
        None => errors.add("kind", "Choose what the resident contacted us about"),
        Some(k) if !k.offered(&state.site.profile) => errors.add(
            "kind",
            format!("We do not offer {}s", k.label().to_lowercase()),
        ),
        Some(_) => {}
    }
    let person = if values.tenancy.is_empty() {
        errors.add("tenancy", "Enter the tenancy or lease reference");
        None
    } else {
        let found =
            crate::server::db::repairs::person_on_tenancy(&state.db, &values.tenancy).await?;
        if found.is_none() {
            errors.add("tenancy", "No current tenancy or lease has that reference");
        }
        found
    };
    let channel = Channel::parse(&values.channel).filter(|c| *c != Channel::Portal);
    if channel.is_none() {
        errors.add("channel", "Choose how it reached us");
    }
    let today = crate::site::today();
    let received = chrono::NaiveDate::parse_from_str(&values.received, "%Y-%m-%d").ok();
    match received {
        None => errors.add("received", "Enter the date we received it"),
        Some(d) if d > today => errors.add(
            "received",
            "The date we received it must be today or in the past",
        ),
        Some(d) if (today - d).num_days() > 366 => {
            errors.add("received", "The date must be within the last year")
        }
        Some(_) => {}
    }
    let mut answers = BTreeMap::new();
    if let Some(kind) = kind {
        for q in kind.questions() {
            let typed = match q.field {
                "what" => &values.what,
                "outcome" => &values.outcome,
                "adjustments" => &values.adjustments,
                "who" => &values.outcome,
                "phone" => &values.phone,
                "times" => &values.times,
                "preference" => &values.preference,
                _ => "",
            };
            let typed = if q.field == "when" {
                "As recorded by us"
            } else {
                typed
            };
            match q.check(typed) {
                Ok(v) => {
                    answers.insert(q.field.to_owned(), v);
                }
                Err(message) => {
                    let field = match q.field {
                        "who" => "outcome",
                        "phone" | "times" | "preference" => q.field,
                        "when" => "what",
                        f => f,
                    };
                    if errors.for_field(field).is_none() {
                        errors.add(field, message);
                    }
                }
            }
        }
    }
    let (Some(kind), Some(person), Some(channel), Some(received)) =
        (kind, person, channel, received)
    else {
        return Ok(Recorded::Refused(errors));
    };
    if !errors.is_empty() {
        return Ok(Recorded::Refused(errors));
    }
    // Received today: now. An earlier day: the start of that day (its day of receipt is day 0,
    // whatever the hour).
    let received_at = if received == today {
        now
    } else {
        crate::domain::london::from_local(received.and_hms_opt(0, 0, 0).unwrap_or_default())
    };
    let (reference, _) = super::open_case(
        state,
        super::Opening {
            first_contact: values.sorted == "yes",
            ..super::Opening::new(
                kind,
                Some(person),
                MadeBy::Staff,
                Some(account.id),
                channel,
                &answers,
                received_at,
            )
        },
        now,
    )
    .await?;
    crate::server::db::accounts::record_audit(
        &state.db,
        crate::server::db::accounts::AuditEvent::by(Some(account.id), "case_recorded")
            .on("case", &reference)
            .for_person(Some(person)),
        now,
    )
    .await?;
    Ok(Recorded::Opened(reference))
}
