//! One staff workspace across every kind of work: repairs, every kind of case and requests to
//! see information, most urgent deadline first. Each kind's own open-work index gives its first
//! rows in deadline order, and the page is the merge of those.

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

const ORDER: &str = "(due_at is null), due_at, reference";

/// One kind of work's first `reach` rows in deadline order (`table` and `alias` are its table
/// and the alias the conditions use). The rows are chosen by id alone, through the kind's
/// open-work index, and only those few are joined for the columns shown: the names and places
/// are never looked up for the rows the page does not show.
fn branch(
    name: &str,
    columns: &str,
    from: &str,
    (table, alias): (&str, &str),
    conditions: &[String],
    reach: i64,
) -> String {
    format!(
        "select * from (select {columns} from {from}
                        where {alias}.id in (select {alias}.id from {table} {alias} where {}
                                             order by ({alias}.due_at is null), {alias}.due_at, {alias}.id
                                             limit {reach})) {name}",
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
    // Each kind of work reads at most the rows the page can need, in deadline order.
    let reach = page.max(1) * per_page + 1;
    let mut branches = Vec::new();
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
            filter.due.as_deref(),
            (now, soon),
            true,
            &mut binds,
        ));
        branches.push(branch(
            "cases_first",
            "'case' as subject, c.reference, c.kind, c.summary, c.status,
             coalesce(p.given_name || ' ' || p.family_name, c.contact_name) as person,
             (select t.name from teams t where t.id = c.team_id) as team,
             (select o.display_name from accounts o where o.id = c.owner_account_id) as owner,
             c.due_at, c.received_at,
             (select e.name from homes h join estates e on e.id = h.estate_id where h.id = c.home_id) as area",
            "cases c left join people p on p.id = c.person_id",
            ("cases", "c"),
            &conditions,
            reach,
        ));
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
            filter.due.as_deref(),
            (now, soon),
            true,
            &mut binds,
        ));
        branches.push(branch(
            "repairs_first",
            "'repair' as subject, r.reference, 'repair' as kind, r.summary, r.status,
             p.given_name || ' ' || p.family_name as person,
             (select t.name from teams t where t.id = r.team_id) as team,
             null as owner, r.due_at, r.received_at,
             (select e.name from homes h join estates e on e.id = h.estate_id where h.id = r.home_id) as area",
            "repairs r left join people p on p.id = r.reported_by_person_id",
            ("repairs", "r"),
            &conditions,
            reach,
        ));
    }
    let no_team_wanted = matches!(filter.team, None | Some(TeamFilter::Nobody));
    // A request to see information is about a person, not a place.
    if wants("subject_access") && filter.owner.is_none() && no_team_wanted && filter.area.is_none()
    {
        let mut conditions = vec!["s.status not in ('completed', 'closed')".to_owned()];
        conditions.extend(super::due_filter(
            "s.due_at",
            filter.due.as_deref(),
            (now, soon),
            true,
            &mut binds,
        ));
        branches.push(branch(
            "requests_first",
            "'subject_access' as subject, s.reference, 'subject_access' as kind,
             'Request to see information' as summary, s.status,
             p.given_name || ' ' || p.family_name as person,
             null as team, null as owner, s.due_at, s.received_at, null as area",
            "subject_access_requests s join people p on p.id = s.person_id",
            ("subject_access_requests", "s"),
            &conditions,
            reach,
        ));
    }
    if branches.is_empty() {
        return Ok((Vec::new(), false));
    }
    let limit = bind(&mut binds, Bind::Int(per_page + 1));
    let offset = bind(&mut binds, Bind::Int((page.max(1) - 1) * per_page));
    let sql = format!(
        "select * from ({}) work order by {ORDER} limit {limit} offset {offset}",
        branches.join(" union all ")
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
