//! One staff workspace across every kind of work: repairs, every kind of case and requests to
//! see information, most urgent deadline first. Each kind's own open-work index gives its first
//! rows in deadline order, the page is chosen from those, and only its rows are joined for what
//! the page shows.

use super::{bind, Bind, Db};
use crate::db_run;
use crate::error::AppError;
use crate::server::db::teams::TeamFilter;
use chrono::{DateTime, Utc};

/// What the workspace shows.
#[derive(Clone, Debug, Default)]
pub struct WorkFilter {
    /// "repair", a case kind ("complaint", "callback", ...) or "subject_access".
    pub kind: Option<String>,
    /// Only cases this colleague (an account id) is named on.
    pub owner: Option<i64>,
    pub team: Option<TeamFilter>,
    /// "overdue", "soon" or "later".
    pub due: Option<String>,
    /// An estate's id: work at its homes, blocks and shared areas.
    pub area: Option<i64>,
}

/// One piece of work.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WorkRow {
    /// "case", "repair" or "subject_access".
    pub subject: String,
    pub reference: String,
    /// The case's kind, "repair" or "subject_access".
    pub kind: String,
    pub summary: String,
    pub status: String,
    pub person: Option<String>,
    pub team: Option<String>,
    pub owner: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub received_at: DateTime<Utc>,
    pub area: Option<String>,
}

/// One kind of work's first `reach` open items in deadline order, as (subject, id, due_at):
/// read from the kind's open-work index alone (`order` is `deadline_order` for the filter, so
/// the index gives the rows in that order). The page is chosen from these before anything is
/// joined, so names and places are looked up only for the rows the page shows.
fn candidates(
    subject: &str,
    (table, alias): (&str, &str),
    conditions: &[String],
    order: &str,
    reach: i64,
) -> String {
    format!(
        "select * from (select '{subject}' as subject, {alias}.id, {alias}.due_at from {table} {alias}
                        where {} order by {order} limit {reach}) {subject}_first",
        conditions.join(" and ")
    )
}

/// A team filter's condition on `column`. "My teams" is asked as the teams' ids, so that one
/// team is read in order through its kind's team index.
fn team_condition(team: TeamFilter, mine: &[i64], column: &str, binds: &mut Vec<Bind>) -> String {
    match team {
        TeamFilter::Mine(_) if mine.is_empty() => "1 = 0".to_owned(),
        TeamFilter::Mine(_) => {
            let ids: Vec<String> = mine.iter().map(|id| bind(binds, Bind::Int(*id))).collect();
            format!("{column} in ({})", ids.join(", "))
        }
        other => other.condition(column, binds),
    }
}

/// The estates, for the area filter: (id, name).
pub async fn areas(db: &Db) -> Result<Vec<(i64, String)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, String)>("select id, name from estates order by name, id")
            .fetch_all(pool)
            .await
    })?)
}

/// One page of open work, the deadline that breaches first on top (work without one last), and
/// whether there is more.
pub async fn page(
    db: &Db,
    filter: &WorkFilter,
    (now, soon): (DateTime<Utc>, DateTime<Utc>),
    page: i64,
    per_page: i64,
) -> Result<(Vec<WorkRow>, bool), AppError> {
    let mut binds: Vec<Bind> = Vec::new();
    let mine = match filter.team {
        Some(TeamFilter::Mine(account)) => super::teams::teams_of(db, account).await?,
        _ => Vec::new(),
    };
    let kind = filter.kind.as_deref();
    let due = filter.due.as_deref();
    // Each kind of work offers at most the rows the page can need, in deadline order.
    let reach = page.max(1) * per_page + 1;
    let mut chosen = Vec::new();
    let mut details = Vec::new();
    let wants = |k: &str| match kind {
        None => true,
        Some("repair") => k == "repair",
        Some("subject_access") => k == "subject_access",
        Some(_) => k == "case",
    };
    if wants("case") {
        let mut conditions = vec!["c.status not in ('closed', 'declined')".to_owned()];
        if let Some(k) = kind.filter(|k| !matches!(*k, "repair" | "subject_access")) {
            conditions.push(format!(
                "c.kind = {}",
                bind(&mut binds, Bind::Text(k.to_owned()))
            ));
        }
        if let Some(owner) = filter.owner {
            conditions.push(format!(
                "c.owner_account_id = {}",
                bind(&mut binds, Bind::Int(owner))
            ));
        }
        if let Some(team) = filter.team {
            conditions.push(team_condition(team, &mine, "c.team_id", &mut binds));
        }
        if let Some(area) = filter.area {
            let p = bind(&mut binds, Bind::Int(area));
            conditions.push(format!(
                "c.home_id in (select id from homes where estate_id = {p})"
            ));
        }
        conditions.extend(super::due_filter(
            "c.due_at",
            due,
            (now, soon),
            true,
            &mut binds,
        ));
        chosen.push(candidates(
            "case",
            ("cases", "c"),
            &conditions,
            &super::deadline_order("c", due, true),
            reach,
        ));
        details.push(
            "select k.subject, k.id, c.reference, c.kind, c.summary, c.status,
                    coalesce(p.given_name || ' ' || p.family_name, c.contact_name) as person,
                    t.name as team, o.display_name as owner, c.due_at, c.received_at,
                    (select e.name from homes h join estates e on e.id = h.estate_id
                      where h.id = c.home_id) as area
             from chosen k join cases c on c.id = k.id
             left join people p on p.id = c.person_id
             left join teams t on t.id = c.team_id
             left join accounts o on o.id = c.owner_account_id
             where k.subject = 'case'",
        );
    }
    // Repairs and requests have no colleague named on them: "my work" is cases only.
    if wants("repair") && filter.owner.is_none() {
        let mut conditions = vec!["r.status not in ('completed', 'cancelled')".to_owned()];
        if let Some(team) = filter.team {
            conditions.push(team_condition(team, &mine, "r.team_id", &mut binds));
        }
        if let Some(area) = filter.area {
            let p = bind(&mut binds, Bind::Int(area));
            conditions.push(format!(
                "(r.home_id in (select id from homes where estate_id = {p})
                  or r.block_id in (select id from blocks where estate_id = {p}))"
            ));
        }
        conditions.extend(super::due_filter(
            "r.due_at",
            due,
            (now, soon),
            true,
            &mut binds,
        ));
        chosen.push(candidates(
            "repair",
            ("repairs", "r"),
            &conditions,
            &super::deadline_order("r", due, true),
            reach,
        ));
        details.push(
            "select k.subject, k.id, r.reference, 'repair' as kind, r.summary, r.status,
                    p.given_name || ' ' || p.family_name as person,
                    t.name as team, null as owner, r.due_at, r.received_at,
                    (select e.name from homes h join estates e on e.id = h.estate_id
                      where h.id = r.home_id) as area
             from chosen k join repairs r on r.id = k.id
             left join people p on p.id = r.reported_by_person_id
             left join teams t on t.id = r.team_id
             where k.subject = 'repair'",
        );
    }
    let no_team_wanted = matches!(filter.team, None | Some(TeamFilter::Nobody));
    // A request to see information is about a person, not a place.
    if wants("subject_access") && filter.owner.is_none() && no_team_wanted && filter.area.is_none()
    {
        let mut conditions = vec!["s.status not in ('completed', 'closed')".to_owned()];
        conditions.extend(super::due_filter(
            "s.due_at",
            due,
            (now, soon),
            true,
            &mut binds,
        ));
        chosen.push(candidates(
            "subject_access",
            ("subject_access_requests", "s"),
            &conditions,
            &super::deadline_order("s", due, true),
            reach,
        ));
        details.push(
            "select k.subject, k.id, s.reference, 'subject_access' as kind,
                    'Request to see information' as summary, s.status,
                    p.given_name || ' ' || p.family_name as person,
                    null as team, null as owner, s.due_at, s.received_at, null as area
             from chosen k join subject_access_requests s on s.id = k.id
             join people p on p.id = s.person_id
             where k.subject = 'subject_access'",
        );
    }
    if chosen.is_empty() {
        return Ok((Vec::new(), false));
    }
    // The page is chosen by deadline, kind and id from the candidates alone; only its rows are
    // then joined for what the page shows, and put back in the same order.
    let sql = format!(
        "with chosen as materialized (
             select * from ({}) candidates
             order by (due_at is null), due_at, subject, id {}
         )
         select * from ({}) work order by (due_at is null), due_at, subject, id",
        chosen.join(" union all "),
        super::page_clause(per_page + 1, (page.max(1) - 1) * per_page),
        details.join(" union all "),
    );
    let mut rows = db_run!(db, |pool| {
        crate::bind_all!(sqlx::query_as::<_, WorkRow>(&sql), &binds)
            .fetch_all(pool)
            .await
    })?;
    let more = rows.len() as i64 > per_page;
    rows.truncate(per_page as usize);
    Ok((rows, more))
}
