//! Contact preferences with their history, vulnerabilities recorded with consent, and what we
//! hold that a channel needs (an email address, a mobile number, a postal address).

use super::Db;
use crate::db_run;
use crate::domain::preferences::{
    parse_list, write_list, Adjustment, Channel, Format, Newsletter, Preferences, Reach, VisitStaff,
};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct Row {
    channels: String,
    never_channels: String,
    good_times: String,
    bad_times: String,
    language: String,
    formats: String,
    adjustments: String,
    other_adjustments: String,
    visit_staff: String,
    newsletters: String,
    created_at: DateTime<Utc>,
    changed_by: Option<String>,
}

impl Row {
    fn preferences(&self) -> Preferences {
        Preferences {
            channels: parse_list(&self.channels, Channel::parse),
            never: parse_list(&self.never_channels, Channel::parse),
            good_times: self.good_times.clone(),
            bad_times: self.bad_times.clone(),
            language: self.language.clone(),
            formats: parse_list(&self.formats, Format::parse),
            adjustments: parse_list(&self.adjustments, Adjustment::parse),
            other_adjustments: self.other_adjustments.clone(),
            visit_staff: VisitStaff::parse(&self.visit_staff).unwrap_or_default(),
            newsletters: parse_list(&self.newsletters, Newsletter::parse),
        }
    }
}

/// One saved version of a resident's preferences: when, by whom, what.
#[derive(Clone, Debug)]
pub struct Version {
    pub at: DateTime<Utc>,
    pub changed_by: Option<String>,
    pub preferences: Preferences,
}

const SELECT: &str = "select cp.channels, cp.never_channels, cp.good_times, cp.bad_times,
        cp.language, cp.formats, cp.adjustments, cp.other_adjustments, cp.visit_staff,
        cp.newsletters, cp.created_at, a.display_name as changed_by
    from contact_preferences cp left join accounts a on a.id = cp.changed_by_account_id";

/// Every saved version, newest first.
pub async fn history(db: &Db, person_id: i64) -> Result<Vec<Version>, AppError> {
    let sql = format!("{SELECT} where cp.person_id = $1 order by cp.id desc");
    let rows = db_run!(db, |pool| {
        sqlx::query_as::<_, Row>(&sql)
            .bind(person_id)
            .fetch_all(pool)
            .await
    })?;
    Ok(rows
        .iter()
        .map(|r| Version {
            at: r.created_at,
            changed_by: r.changed_by.clone(),
            preferences: r.preferences(),
        })
        .collect())
}

/// The preferences in force (the latest saved), or none stated.
pub async fn current(db: &Db, person_id: i64) -> Result<Preferences, AppError> {
    let sql = format!("{SELECT} where cp.person_id = $1 order by cp.id desc limit 1");
    let row = db_run!(db, |pool| {
        sqlx::query_as::<_, Row>(&sql)
            .bind(person_id)
            .fetch_optional(pool)
            .await
    })?;
    Ok(row.map(|r| r.preferences()).unwrap_or_default())
}

/// Saves a new version; the old ones stay as the history.
pub async fn save(
    db: &Db,
    person_id: i64,
    p: &Preferences,
    changed_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "insert into contact_preferences (person_id, channels, never_channels, good_times,
                 bad_times, language, formats, adjustments, other_adjustments, visit_staff,
                 newsletters, changed_by_account_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(person_id)
        .bind(write_list(&p.channels, Channel::code))
        .bind(write_list(&p.never, Channel::code))
        .bind(p.good_times.trim())
        .bind(p.bad_times.trim())
        .bind(p.language.trim())
        .bind(write_list(&p.formats, Format::code))
        .bind(write_list(&p.adjustments, Adjustment::code))
        .bind(p.other_adjustments.trim())
        .bind(p.visit_staff.code())
        .bind(write_list(&p.newsletters, Newsletter::code))
        .bind(changed_by)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// How to reach a person: their email (their own, or their account's), a mobile number (a UK
/// number starting 07 or +447), and whether they have a home we write to.
#[derive(Clone, Debug, Default)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub address: Option<String>,
    /// The tenure of the person's current home (the newest tenancy without an end), if any.
    pub tenure: Option<crate::domain::housing::Tenure>,
}

impl Contact {
    /// Whether the current home is a shared-ownership or leasehold one (the homeowners'
    /// newsletter is offered only then).
    pub fn homeowner(&self) -> bool {
        self.tenure.is_some_and(|t| !t.is_renter())
    }

    pub fn reach(&self) -> Reach {
        Reach {
            email: self.email.is_some(),
            mobile: self.mobile.is_some(),
            address: self.address.is_some(),
            no_texts: false,
        }
    }
}

/// A UK mobile number, digits only with the leading 0, or `None`.
pub fn mobile_number(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let national = if phone.trim_start().starts_with('+') {
        digits.strip_prefix("44").map(|rest| format!("0{rest}"))?
    } else {
        digits
    };
    (national.len() == 11 && national.starts_with("07")).then_some(national)
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    name: String,
    email: Option<String>,
    account_email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    tenure: Option<String>,
}

pub async fn contact(db: &Db, person_id: i64) -> Result<Option<Contact>, AppError> {
    let row = db_run!(db, |pool| {
        sqlx::query_as::<_, ContactRow>(
            "select p.given_name || ' ' || p.family_name as name, p.email,
                    (select a.email from accounts a
                     where a.person_id = p.id and a.disabled_at is null
                       and a.confirmed_at is not null
                     order by a.id limit 1) as account_email,
                    p.phone,
                    (select h.address_line_1 || coalesce(', ' || h.address_line_2, '') || ', ' || h.town
                            || ', ' || h.postcode
                     from household_members m join tenancies t on t.id = m.tenancy_id
                          join homes h on h.id = t.home_id
                     where m.person_id = p.id and t.end_date is null
                     order by m.id limit 1) as address,
                    (select h.tenure
                     from household_members m join tenancies t on t.id = m.tenancy_id
                          join homes h on h.id = t.home_id
                     where m.person_id = p.id and t.end_date is null
                     order by t.start_date desc limit 1) as tenure
             from people p where p.id = $1",
        )
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?;
    Ok(row.map(|r| Contact {
        name: r.name,
        email: r.account_email.or(r.email).filter(|e| !e.trim().is_empty()),
        mobile: r.phone.as_deref().and_then(mobile_number),
        address: r.address,
        tenure: r
            .tenure
            .as_deref()
            .and_then(crate::domain::housing::Tenure::parse),
    }))
}

/// The phone number on record, as written.
pub async fn phone_of(db: &Db, person_id: i64) -> Result<Option<String>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, Option<String>>("select phone from people where id = $1")
            .bind(person_id)
            .fetch_optional(pool)
            .await
    })?
    .flatten())
}

/// A vulnerability as a colleague who needs it reads it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Vulnerability {
    pub id: i64,
    pub description: String,
    pub consent: String,
    pub ends_on: NaiveDate,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
}

/// Vulnerabilities in force on `today` (not removed, not ended).
pub async fn vulnerabilities(
    db: &Db,
    person_id: i64,
    today: NaiveDate,
) -> Result<Vec<Vulnerability>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Vulnerability>(
            "select v.id, v.description, v.consent, v.ends_on, a.display_name as recorded_by,
                    v.created_at
             from vulnerabilities v join accounts a on a.id = v.recorded_by_account_id
             where v.person_id = $1 and v.removed_at is null and v.ends_on >= $2
             order by v.id",
        )
        .bind(person_id)
        .bind(today)
        .fetch_all(pool)
        .await
    })?)
}

pub async fn record_vulnerability(
    db: &Db,
    person_id: i64,
    description: &str,
    consent: &str,
    ends_on: NaiveDate,
    recorded_by: i64,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into vulnerabilities (person_id, description, consent, ends_on,
                 recorded_by_account_id, created_at)
             values ($1, $2, $3, $4, $5, $6) returning id",
        )
        .bind(person_id)
        .bind(description)
        .bind(consent)
        .bind(ends_on)
        .bind(recorded_by)
        .bind(now)
        .fetch_one(pool)
        .await
    })?)
}

/// Removes one (the resident withdrew consent, or it no longer applies). False when it was
/// not this person's or was already removed.
pub async fn remove_vulnerability(
    db: &Db,
    id: i64,
    person_id: i64,
    removed_by: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update vulnerabilities set removed_at = $1, removed_by_account_id = $2
             where id = $3 and person_id = $4 and removed_at is null",
        )
        .bind(now)
        .bind(removed_by)
        .bind(id)
        .bind(person_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

#[cfg(test)]
mod tests {
    use super::mobile_number;

    #[test]
    fn only_uk_mobiles_get_texts() {
        assert_eq!(
            mobile_number("07700 900 982").as_deref(),
            Some("07700900982")
        );
        assert_eq!(
            mobile_number("+44 7700 900982").as_deref(),
            Some("07700900982")
        );
        assert_eq!(mobile_number("0161 496 0000"), None);
        assert_eq!(mobile_number("0770090098"), None);
        assert_eq!(mobile_number("+33 6 12 34 56 78"), None);
    }
}

/// A resident found by a colleague's search.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Found {
    pub person_id: i64,
    pub name: String,
    pub address: Option<String>,
    pub tenancy: Option<String>,
}

/// Residents whose name (as `people::search_key` folds it: "Sian" finds Siân, "obrien" finds
/// O'Brien), tenancy or lease reference, address or postcode (with or without its space)
/// contains `query` (any case), at most 50, by family name.
pub async fn search(db: &Db, query: &str) -> Result<Vec<Found>, AppError> {
    let pattern = format!(
        "%{}%",
        query.trim().to_lowercase().replace(['\\', '%', '_'], "")
    );
    let name = format!(
        "%{}%",
        super::people::search_key(query).replace(['\\', '%', '_'], "")
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Found>(
            "select p.id as person_id, p.given_name || ' ' || p.family_name as name,
                    h.address_line_1 || ', ' || h.postcode as address, t.reference as tenancy
             from people p
                  join household_members m on m.person_id = p.id
                  join tenancies t on t.id = m.tenancy_id and t.end_date is null
                  join homes h on h.id = t.home_id
             where p.search_name like $2
                or lower(p.given_name || ' ' || p.family_name) like $1
                or lower(t.reference) like $1
                or lower(h.address_line_1) like $1
                or lower(replace(h.postcode, ' ', '')) like replace($1, ' ', '')
             order by p.family_name, p.given_name, p.id
             limit 50",
        )
        .bind(&pattern)
        .bind(&name)
        .fetch_all(pool)
        .await
    })?)
}
