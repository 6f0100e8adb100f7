//! Saving a resident's contact preferences from the form (posted to a plain route, because its
//! checkbox groups repeat their names), by the resident or by a colleague for them.

use super::state::AppState;
use crate::api::preferences::{PreferenceValues, PREFERENCES_FORM};
use crate::error::AppError;
use tower_sessions::Session;

/// Whether the person's home is a shared-ownership or leasehold one (homeowners' newsletter).
pub async fn is_homeowner(state: &AppState, person_id: i64) -> Result<bool, AppError> {
    Ok(super::db::homes::home_for_person(&state.db, person_id)
        .await?
        .is_some_and(|h| !h.tenure.is_renter()))
}

/// Where the browser goes next: the page it came from, with "saved" or with the errors.
pub async fn save(
    state: &AppState,
    session: &Session,
    pairs: &[(String, String)],
) -> Result<String, AppError> {
    use super::authz::{may, Action};
    use super::db::accounts::{record_audit, AuditEvent};
    let account = super::auth::session_account(state, session)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let person = pairs
        .iter()
        .find(|(n, _)| n == "person")
        .and_then(|(_, v)| v.trim().parse::<i64>().ok());
    let (person_id, back) = match (person, account.person_id) {
        (Some(p), _) if may(&account, Action::RecordNeeds) => (p, format!("/staff/residents/{p}")),
        (None, Some(p)) if may(&account, Action::ManageOwnPreferences) => {
            (p, "/account/contact".to_owned())
        }
        _ => return Err(AppError::NotFound),
    };
    if super::db::preferences::contact(&state.db, person_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let values = PreferenceValues::from_pairs(pairs);
    let homeowner = is_homeowner(state, person_id).await?;
    match values.check(&state.site.profile.channels, homeowner) {
        Err(errors) => {
            super::flash::keep(session, PREFERENCES_FORM, values, errors).await?;
            Ok(format!("{back}#preferences"))
        }
        Ok(preferences) => {
            let now = chrono::Utc::now();
            super::db::preferences::save(&state.db, person_id, &preferences, Some(account.id), now)
                .await?;
            let staff = person.is_some();
            record_audit(
                &state.db,
                AuditEvent::by(Some(account.id), "preferences_changed")
                    .on("person", person_id)
                    .for_person(Some(person_id))
                    .detail(
                        if staff {
                            "recorded by a colleague"
                        } else {
                            "by the resident"
                        }
                        .to_owned(),
                    ),
                now,
            )
            .await?;
            Ok(format!("{back}?saved=1"))
        }
    }
}

/// Demo preferences: Margaret Lewis wants large-print letters and never texts; Chloe Wright
/// wants texts first (on a mobile number) and never letters. Loaded by `seed-demo`; does
/// nothing when anyone has preferences already. Returns how many were set.
pub async fn seed_demo_preferences(
    state: &AppState,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, AppError> {
    use super::db::repairs::person_on_tenancy;
    use crate::domain::preferences::*;
    let any: i64 = crate::db_run!(&state.db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from contact_preferences")
            .fetch_one(pool)
            .await
    })?;
    if any > 0 {
        return Ok(0);
    }
    let mut set = 0;
    if let Some(margaret) = person_on_tenancy(&state.db, "TEN-100003").await? {
        let p = Preferences {
            channels: vec![Channel::Letter, Channel::Phone],
            never: vec![Channel::Text],
            good_times: "Mornings, before 12".into(),
            formats: vec![Format::LargePrint],
            adjustments: vec![Adjustment::TimeAtDoor, Adjustment::PhoneBeforeVisit],
            visit_staff: VisitStaff::Female,
            newsletters: vec![Newsletter::TenantsNews],
            ..Preferences::default()
        };
        super::db::preferences::save(&state.db, margaret, &p, None, now).await?;
        set += 1;
    }
    if let Some(chloe) = person_on_tenancy(&state.db, "LSE-200010").await? {
        crate::db_run!(&state.db, |pool| {
            sqlx::query("update people set phone = $1 where id = $2")
                .bind("07700 900461")
                .bind(chloe)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        let p = Preferences {
            channels: vec![Channel::Text, Channel::Email],
            never: vec![Channel::Letter],
            newsletters: vec![Newsletter::HomeownersNews, Newsletter::EstateNews],
            ..Preferences::default()
        };
        super::db::preferences::save(&state.db, chloe, &p, None, now).await?;
        set += 1;
    }
    Ok(set)
}
