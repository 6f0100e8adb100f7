//! Saving a resident's contact preferences from the form (posted to a plain route, because its
//! checkbox groups repeat their names), by the resident or by a colleague for them.

use super::state::AppState;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::preferences::*;
use tower_sessions::Session;

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
    let homeowner = super::db::preferences::contact(&state.db, person_id)
        .await?
        .ok_or(AppError::NotFound)?
        .homeowner();
    let values = PreferenceValues::from_pairs(pairs);
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

impl PreferenceValues {
    pub fn of(p: &crate::domain::preferences::Preferences) -> PreferenceValues {
        let code = |i: usize| {
            p.channels
                .get(i)
                .map(|c| c.code().to_owned())
                .unwrap_or_default()
        };
        PreferenceValues {
            order: [code(0), code(1), code(2)],
            never: p.never.iter().map(|c| c.code().to_owned()).collect(),
            good_times: p.good_times.clone(),
            bad_times: p.bad_times.clone(),
            language: p.language.clone(),
            formats: p.formats.iter().map(|f| f.code().to_owned()).collect(),
            adjustments: p.adjustments.iter().map(|a| a.code().to_owned()).collect(),
            other_adjustments: p.other_adjustments.clone(),
            visit_staff: p.visit_staff.code().to_owned(),
            newsletters: p.newsletters.iter().map(|n| n.code().to_owned()).collect(),
        }
    }

    /// From the posted pairs (a checkbox group repeats its name once per ticked box).
    pub fn from_pairs(pairs: &[(String, String)]) -> PreferenceValues {
        let one = |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let all = |name: &str| {
            pairs
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        PreferenceValues {
            order: [one("first"), one("second"), one("third")],
            never: all("never"),
            good_times: one("good_times"),
            bad_times: one("bad_times"),
            language: one("language"),
            formats: all("formats"),
            adjustments: all("adjustments"),
            other_adjustments: one("other_adjustments"),
            visit_staff: one("visit_staff"),
            newsletters: all("newsletters"),
        }
    }

    /// The preferences these answers give, or every problem with its field. A choice of
    /// channel made twice is a mistake; an unknown code (a tampered form) is one too.
    pub fn check(
        &self,
        offered: &[crate::domain::preferences::Channel],
        homeowner: bool,
    ) -> Result<crate::domain::preferences::Preferences, FieldErrors> {
        use crate::domain::preferences::*;
        let mut errors = FieldErrors::default();
        let mut channels = Vec::new();
        for (i, code) in self.order.iter().enumerate() {
            let field = ["first", "second", "third"][i];
            if code.is_empty() {
                continue;
            }
            match Channel::parse(code).filter(|c| offered.contains(c)) {
                None => errors.add(field, "Choose one of the ways listed"),
                Some(c) if channels.contains(&c) => errors.add(
                    field,
                    format!("You have already chosen {}", c.label().to_lowercase()),
                ),
                Some(c) => channels.push(c),
            }
        }
        let known = |codes: &[String], parse: &dyn Fn(&str) -> bool| codes.iter().all(|c| parse(c));
        if !known(&self.never, &|c| Channel::parse(c).is_some()) {
            errors.add("never", "Choose from the ways listed");
        }
        if !known(&self.formats, &|c| Format::parse(c).is_some()) {
            errors.add("formats", "Choose from the formats listed");
        }
        if !known(&self.adjustments, &|c| Adjustment::parse(c).is_some()) {
            errors.add("adjustments", "Choose from the adjustments listed");
        }
        let offered_news = Newsletter::offered(homeowner);
        if !self
            .newsletters
            .iter()
            .all(|c| Newsletter::parse(c).is_some_and(|n| offered_news.contains(&n)))
        {
            errors.add("newsletters", "Choose from the newsletters listed");
        }
        let visit_staff = if self.visit_staff.is_empty() {
            VisitStaff::NoPreference
        } else {
            match VisitStaff::parse(&self.visit_staff) {
                Some(v) => v,
                None => {
                    errors.add("visit_staff", "Choose one of the answers listed");
                    VisitStaff::NoPreference
                }
            }
        };
        let preferences = Preferences {
            channels,
            never: parse_list(&self.never.join(","), Channel::parse),
            good_times: self.good_times.trim().to_owned(),
            bad_times: self.bad_times.trim().to_owned(),
            language: self.language.trim().to_owned(),
            formats: parse_list(&self.formats.join(","), Format::parse),
            adjustments: parse_list(&self.adjustments.join(","), Adjustment::parse),
            other_adjustments: self.other_adjustments.trim().to_owned(),
            visit_staff,
            newsletters: parse_list(&self.newsletters.join(","), Newsletter::parse),
        };
        for (field, message) in preferences.problems(offered) {
            // Channels' own problems show on the first choice, which the summary links to.
            let field = if field == "channels" { "first" } else { field };
            errors.add(field, message);
        }
        if errors.is_empty() {
            Ok(preferences)
        } else {
            Err(errors)
        }
    }
}

/// The banner for one person, as this colleague may see it.
/// The needs banner for a case's resident, if it is about someone we know (a message from
/// someone not signed in has none).
pub async fn needs_banner_for(
    state: &crate::server::state::AppState,
    viewer: &crate::server::db::accounts::Account,
    person_id: Option<i64>,
) -> Result<NeedsBanner, crate::error::AppError> {
    match person_id {
        Some(person) => needs_banner(state, viewer, person).await,
        None => Ok(NeedsBanner::default()),
    }
}

pub async fn needs_banner(
    state: &crate::server::state::AppState,
    viewer: &crate::server::db::accounts::Account,
    person_id: i64,
) -> Result<NeedsBanner, crate::error::AppError> {
    use crate::server::authz::{may, Action};
    use crate::server::db::preferences as store;
    let person = store::contact(&state.db, person_id)
        .await?
        .unwrap_or_default();
    let preferences = store::current(&state.db, person_id).await?;
    let mut lines = preferences.banner();
    for need in crate::server::db::homes::needs_for_person(&state.db, person_id).await? {
        if !lines.contains(&need) {
            lines.push(need);
        }
    }
    let vulnerabilities = if may(viewer, Action::ViewVulnerabilities) {
        let today = crate::site::today();
        store::vulnerabilities(&state.db, person_id, today)
            .await?
            .into_iter()
            .map(|v| {
                format!(
                    "{} (until {})",
                    v.description,
                    v.ends_on.format(crate::format::DATE)
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let open_tasks = crate::server::db::messages::open_tasks_for(&state.db, person_id)
        .await?
        .len() as i64;
    Ok(NeedsBanner {
        person_id,
        name: person.name,
        lines,
        vulnerabilities,
        open_tasks,
    })
}

/// One saved version in words: what the needs banner says, and the newsletters.
pub fn change_of(v: crate::server::db::preferences::Version) -> Change {
    let mut lines = v.preferences.banner();
    lines.extend(
        v.preferences
            .newsletters
            .iter()
            .map(|n| format!("Newsletter: {}", n.label())),
    );
    if lines.is_empty() {
        lines.push("No preferences given".into());
    }
    Change {
        when: crate::format::day_when(v.at),
        by: v.changed_by,
        lines,
    }
}

pub fn options<T: Copy>(
    items: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<Option_> {
    items
        .iter()
        .map(|i| Option_ {
            value: code(*i).to_owned(),
            label: label(*i).to_owned(),
        })
        .collect()
}
pub mod pages;
pub mod vulnerabilities;
