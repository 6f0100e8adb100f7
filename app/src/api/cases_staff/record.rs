//! Recording a complaint, compliment or question made by phone, letter or in person.

use super::*;

/// What the "record a complaint" form offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordForm {
    pub values: RecordValues,
    pub errors: FieldErrors,
    pub channels: Vec<Offered>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordValues {
    pub kind: String,
    pub tenancy: String,
    pub channel: String,
    pub received: String,
    pub what: String,
    pub outcome: String,
    pub adjustments: String,
}

pub const RECORD_FORM: &str = "case_record";

#[server(prefix = "/api", endpoint = "staff/case-record-form")]
pub async fn get_record_form() -> Result<RecordForm, AppError> {
    use crate::domain::cases::Channel;
    use crate::server::authz::{authorise, Action};
    authorise(Action::ManageCases).await?;
    let form = crate::server::forms::take_form::<RecordValues>(RECORD_FORM).await?;
    Ok(RecordForm {
        values: form.values,
        errors: form.errors,
        channels: Channel::ALL
            .iter()
            .filter(|c| **c != Channel::Portal)
            .map(|c| Offered {
                value: c.as_str().into(),
                label: c.label().into(),
                hint: None,
            })
            .collect(),
    })
}

/// A complaint, compliment or question taken by phone, letter, email or in person, with the
/// date it was received (deadlines run from then).
#[server(prefix = "/api", endpoint = "staff/case-record")]
pub async fn record_case(
    kind: Option<String>,
    tenancy: Option<String>,
    channel: Option<String>,
    received: Option<String>,
    what: Option<String>,
    outcome: Option<String>,
    adjustments: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Channel, MadeBy};
    use crate::server::authz::{authorise, Action};
    use std::collections::BTreeMap;
    let account = authorise(Action::ManageCases).await?;
    let state = crate::server::state::app_state()?;
    let values = RecordValues {
        kind: text(kind),
        tenancy: text(tenancy).to_uppercase(),
        channel: text(channel),
        received: text(received),
        what: text(what),
        outcome: text(outcome),
        adjustments: text(adjustments),
    };
    let mut errors = FieldErrors::default();
    let kind = CaseKind::parse(&values.kind);
    if kind.is_none() {
        errors.add("kind", "Choose what the resident contacted us about");
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
        return crate::server::forms::back_to_form(RECORD_FORM, "/staff/cases/new", values, errors)
            .await;
    };
    if !errors.is_empty() {
        return crate::server::forms::back_to_form(RECORD_FORM, "/staff/cases/new", values, errors)
            .await;
    }
    let now = chrono::Utc::now();
    // Received today: now. An earlier day: the start of that day (its day of receipt is day 0,
    // whatever the hour).
    let received_at = if received == today {
        now
    } else {
        crate::domain::london::from_local(received.and_hms_opt(0, 0, 0).unwrap_or_default())
    };
    let (reference, _) = crate::server::cases::open_case(
        &state,
        crate::server::cases::Opening {
            token: crate::server::tokens::submission_token(),
            kind,
            person_id: person,
            made_by: MadeBy::Staff,
            made_by_account_id: Some(account.id),
            channel,
            answers: &answers,
            related: None,
            received_at,
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
    crate::server::request::redirect(&format!("/staff/cases/{reference}"));
    Ok(())
}
