//! Recording any kind of contact made by phone, letter, email, text or in person.
// The recording form posts eleven fields, one server function argument each; the browser's
// side of the function, which the macro writes, takes them all too.
#![allow(clippy::too_many_arguments)]

use super::*;

#[server(prefix = "/api", endpoint = "staff/case-record-form")]
pub async fn get_record_form() -> Result<RecordForm, AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::ManageCases).await?;
    let state = crate::server::state::app_state()?;
    let form = crate::server::forms::take_form::<RecordValues>(RECORD_FORM).await?;
    Ok(RecordForm {
        values: form.values,
        errors: form.errors,
        channels: crate::server::cases::record::recorded_channels(),
        kinds: crate::domain::cases::CaseKind::ALL
            .iter()
            .filter(|k| k.offered(&state.site.profile))
            .map(|k| Offered {
                value: k.as_str().into(),
                label: k.label().into(),
                hint: None,
            })
            .collect(),
    })
}

/// A complaint, compliment or question taken by phone, letter, email or in person, with the
/// date it was received (deadlines run from then).
// Longer than 30 lines because the recording form has many fields, one argument each, gathered into
// `RecordValues` before one call to `cases::record::record`.
#[server(prefix = "/api", endpoint = "staff/case-record")]
pub async fn record_case(
    kind: Option<String>,
    tenancy: Option<String>,
    channel: Option<String>,
    received: Option<String>,
    what: Option<String>,
    outcome: Option<String>,
    adjustments: Option<String>,
    #[server(default)] phone: String,
    #[server(default)] times: String,
    #[server(default)] preference: String,
    #[server(default)] sorted: String,
) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
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
        phone,
        times,
        preference,
        sorted,
    };
    use crate::server::cases::record::{record, Recorded};
    match record(&state, &account, &values, chrono::Utc::now()).await? {
        Recorded::Refused(errors) => {
            crate::server::forms::back_to_form(RECORD_FORM, "/staff/cases/new", values, errors)
                .await
        }
        Recorded::Opened(reference) => {
            crate::server::request::redirect(&format!("/staff/cases/{reference}"));
            Ok(())
        }
    }
}
