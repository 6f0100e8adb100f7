//! A request to see data that a colleague records from a call, a letter or a visit.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::your_data::*;

/// A request made by phone, letter, email or in person, recorded for the resident with the
/// date it reached us. Unless identity is already confirmed, the clock starts stopped.
pub async fn record(
    state: &AppState,
    account: Account,
    person: i64,
    token: String,
    values: RecordValues,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::cases::Channel;
    use crate::domain::subject_access::TEXT_LIMIT;
    use crate::server::forms::Reply;
    crate::server::db::preferences::contact(&state.db, person)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/residents/{person}#subject-access");
    let mut errors = FieldErrors::default();
    let channel =
        Channel::parse(&values.channel).filter(|c| Channel::FOR_DATA_REQUESTS.contains(c));
    if channel.is_none() {
        errors.add("sar_channel", "Choose how the request reached us");
    }
    let today = crate::site::today();
    let received = chrono::NaiveDate::parse_from_str(&values.received, "%Y-%m-%d").ok();
    match received {
        None => errors.add(
            "sar_received",
            "Enter the date it reached us, like 2026-11-02",
        ),
        Some(d) if d > today => errors.add(
            "sar_received",
            "The date it reached us must be today or in the past",
        ),
        Some(d) if (today - d).num_days() > 366 => {
            errors.add("sar_received", "The date must be within the last year")
        }
        Some(_) => {}
    }
    let identity = match values.identity.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.add(
                "sar_identity",
                "Say whether you have confirmed who is asking",
            );
            None
        }
    };
    if values.details.chars().count() > TEXT_LIMIT {
        errors.add(
            "sar_details",
            format!("What they asked for must be {TEXT_LIMIT} characters or fewer"),
        );
    }
    if !crate::server::tokens::is_submission_token(&token) {
        errors.add(
            "sar_channel",
            "The form had expired; check it and record it again",
        );
    }
    let (Some(channel), Some(received), Some(identity), true) =
        (channel, received, identity, errors.is_empty())
    else {
        return Reply::back(RECORD_FORM, &back, values, errors);
    };
    let now = chrono::Utc::now();
    // Received today: now. An earlier day: as the office opened that day.
    let received_at = if received == today {
        now
    } else {
        crate::domain::london::from_local(received.and_hms_opt(0, 0, 0).unwrap_or_default())
    };
    let reference = crate::server::subject_access::open(
        state,
        &crate::server::subject_access::Opening {
            token: &token,
            person_id: person,
            by: &account,
            made_by: "staff",
            channel: channel.as_str(),
            details: &values.details,
            received_at,
            identity_confirmed: identity,
        },
    )
    .await?;
    Ok(Reply::go(format!("/staff/subject-access/{reference}")))
}
