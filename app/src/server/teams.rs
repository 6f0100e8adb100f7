//! Teams in the interface: administrators create teams, put colleagues in them, name a team's
//! managers, and choose the team each kind of new case goes to. Every change is audited.

use crate::domain::cases::CaseKind;
use crate::domain::housing::Role;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::{record_audit, Account, AuditEvent};
use crate::server::db::teams as store;
use crate::server::forms::{take_form, Reply};
use crate::server::state::AppState;
use crate::wire::admin::*;
use crate::wire::forms::Offered;
use chrono::{DateTime, Utc};

const PAGE: &str = "/admin/teams";

/// The longest team name.
pub const NAME_LIMIT: usize = 80;

/// The kinds of case a team can be sent, with their plural labels: each case kind, and
/// repairs.
pub fn routable_kinds() -> Vec<(&'static str, String)> {
    let mut kinds: Vec<(&'static str, String)> = CaseKind::ALL
        .iter()
        .map(|k| (k.as_str(), format!("{}s", k.label())))
        .collect();
    kinds.push(("repair", "Repairs".to_owned()));
    kinds
}

/// A queue's team filter: my teams, no team yet, or one team by name.
pub async fn filter_choices(state: &AppState) -> Result<Vec<Offered>, AppError> {
    let offered = |value: String, label: String| Offered {
        value,
        label,
        hint: None,
    };
    Ok([
        offered("mine".into(), "My teams".into()),
        offered("none".into(), "No team yet".into()),
    ]
    .into_iter()
    .chain(
        store::teams(&state.db)
            .await?
            .into_iter()
            .map(|t| offered(t.id.to_string(), t.name)),
    )
    .collect())
}

/// The teams page: each team with its members and what comes to it, and where each kind of
/// new case goes.
pub async fn page(state: &AppState) -> Result<TeamsPage, AppError> {
    let teams = store::teams(&state.db).await?;
    let members = store::members(&state.db).await?;
    let routes = store::routes(&state.db).await?;
    let colleagues = crate::server::db::cases::colleagues(&state.db).await?;
    let kinds = routable_kinds();
    let label = |kind: &str| {
        kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or_else(|| kind.to_owned(), |(_, l)| l.clone())
    };
    let views = teams
        .iter()
        .map(|t| {
            let in_team: Vec<&store::MemberRow> =
                members.iter().filter(|m| m.team_id == t.id).collect();
            TeamView {
                id: t.id,
                name: t.name.clone(),
                members: in_team
                    .iter()
                    .map(|m| TeamMemberView {
                        account_id: m.account_id,
                        name: m.display_name.clone(),
                        role: Role::parse(&m.role).unwrap_or(Role::CustomerServices),
                        manager: m.manager,
                        disabled: m.disabled,
                    })
                    .collect(),
                routed: routes
                    .iter()
                    .filter(|r| r.team_id == t.id)
                    .map(|r| label(&r.kind))
                    .collect(),
                joinable: colleagues
                    .iter()
                    .filter(|c| !in_team.iter().any(|m| m.account_id == c.id))
                    .map(|c| Offered {
                        value: c.id.to_string(),
                        label: c.display_name.clone(),
                        hint: None,
                    })
                    .collect(),
            }
        })
        .collect();
    let session = crate::server::request::session()?;
    Ok(TeamsPage {
        teams: views,
        routes: kinds
            .iter()
            .map(|(kind, label)| RouteView {
                kind: (*kind).to_owned(),
                label: label.clone(),
                team: routes
                    .iter()
                    .find(|r| r.kind == *kind)
                    .map(|r| r.team_id.to_string())
                    .unwrap_or_default(),
            })
            .collect(),
        form: take_form::<String>(TEAMS_FORM).await?,
        done: crate::server::flash::take::<String>(&session, TEAMS_DONE)
            .await?
            .map(|r| r.values),
    })
}

/// Back to the teams page, saying what was done.
fn done(message: String) -> Result<Reply, AppError> {
    Reply::back(TEAMS_DONE, PAGE, message, FieldErrors::default())
}

/// Back to the teams page with one problem on one field.
fn refused(name: String, field: &str, message: &str) -> Result<Reply, AppError> {
    let mut errors = FieldErrors::default();
    errors.add(field, message);
    Reply::back(TEAMS_FORM, PAGE, name, errors)
}

async fn audit(
    state: &AppState,
    caller: &Account,
    action: &'static str,
    detail: String,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    record_audit(
        &state.db,
        AuditEvent::by(Some(caller.id), action).detail(detail),
        now,
    )
    .await
}

/// Creates a team with the name typed: not empty, not too long, not one in use.
pub async fn create(state: &AppState, caller: &Account, name: &str) -> Result<Reply, AppError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return refused(name, "name", "Enter the team's name");
    }
    if name.chars().count() > NAME_LIMIT {
        return refused(
            name,
            "name",
            &format!("The name must be {NAME_LIMIT} characters or fewer"),
        );
    }
    // Names that differ only in capitals are the same team to the people choosing them.
    if let Some(taken) = store::teams(&state.db)
        .await?
        .into_iter()
        .find(|t| t.name.to_lowercase() == name.to_lowercase())
    {
        return refused(
            name,
            "name",
            &format!(
                "There is already a team called {}. Choose another name",
                taken.name
            ),
        );
    }
    let now = state.clock.now();
    match store::create(&state.db, &name, now).await? {
        None => refused(
            name.clone(),
            "name",
            &format!("There is already a team called {name}. Choose another name"),
        ),
        Some(_) => {
            audit(state, caller, "team_created", name.clone(), now).await?;
            done(format!("{name} created. Add colleagues to it below."))
        }
    }
}

/// The team, or "not found" when there is no such team.
async fn existing(state: &AppState, team: i64) -> Result<store::TeamRow, AppError> {
    store::team(&state.db, team)
        .await?
        .ok_or(AppError::NotFound)
}

/// Puts a colleague whose account is in use into the team.
pub async fn add_member(
    state: &AppState,
    caller: &Account,
    team: i64,
    account: &str,
) -> Result<Reply, AppError> {
    let team = existing(state, team).await?;
    let field = format!("member-{}", team.id);
    let colleagues = crate::server::db::cases::colleagues(&state.db).await?;
    let Some(colleague) = account
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| colleagues.into_iter().find(|c| c.id == id))
    else {
        return refused(
            String::new(),
            &field,
            "Choose a colleague whose account is in use",
        );
    };
    let now = state.clock.now();
    if store::add_member(&state.db, team.id, colleague.id, now).await? {
        let what = format!("{} added to {}", colleague.display_name, team.name);
        audit(state, caller, "team_member_added", what.clone(), now).await?;
        done(format!("{what}."))
    } else {
        done(format!(
            "{} is already in {}.",
            colleague.display_name, team.name
        ))
    }
}

/// Makes a member a manager of the team, no longer one, or takes them out of it.
pub async fn change_member(
    state: &AppState,
    caller: &Account,
    team: i64,
    account: i64,
    change: &str,
) -> Result<Reply, AppError> {
    let team = existing(state, team).await?;
    let members = store::members(&state.db).await?;
    let member = members
        .iter()
        .find(|m| m.team_id == team.id && m.account_id == account)
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let (action, what) = match change {
        "manager" => {
            store::set_manager(&state.db, team.id, account, true).await?;
            (
                "team_manager_named",
                format!("{} now manages {}", member.display_name, team.name),
            )
        }
        "not_manager" => {
            store::set_manager(&state.db, team.id, account, false).await?;
            (
                "team_manager_removed",
                format!("{} no longer manages {}", member.display_name, team.name),
            )
        }
        "remove" => {
            store::remove_member(&state.db, team.id, account).await?;
            (
                "team_member_removed",
                format!("{} taken out of {}", member.display_name, team.name),
            )
        }
        _ => return Err(AppError::NotFound),
    };
    audit(state, caller, action, what.clone(), now).await?;
    done(format!("{what}."))
}

/// Sends new cases of `kind` to a team (or to no team in particular, for an empty choice).
pub async fn route(
    state: &AppState,
    caller: &Account,
    kind: &str,
    team: &str,
) -> Result<Reply, AppError> {
    let kinds = routable_kinds();
    let Some((kind, label)) = kinds.iter().find(|(k, _)| *k == kind) else {
        return Err(AppError::NotFound);
    };
    let now = state.clock.now();
    let what = if team.trim().is_empty() {
        store::clear_route(&state.db, kind).await?;
        format!("New {} go to no team in particular", label.to_lowercase())
    } else {
        let found = match team.trim().parse::<i64>() {
            Ok(id) => store::team(&state.db, id).await?,
            Err(_) => None,
        };
        let Some(team) = found else {
            return refused(
                String::new(),
                &format!("route-{kind}"),
                "Choose a team from the list",
            );
        };
        store::set_route(&state.db, team.id, kind, now).await?;
        format!("New {} go to {}", label.to_lowercase(), team.name)
    };
    audit(state, caller, "team_route_set", what.clone(), now).await?;
    done(format!("{what}."))
}
