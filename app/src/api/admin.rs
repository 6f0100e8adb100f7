//! Administration: staff accounts and the audit trail (administrators only), and the
//! development mailbox.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::admin::*;

#[server(prefix = "/api", endpoint = "admin/staff")]
pub async fn get_staff_page() -> Result<StaffPage, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::staff_accounts;
    use crate::server::state::app_state;
    let caller = authorise(Action::ManageStaff).await?;
    let state = app_state()?;
    let staff = staff_accounts(&state.db)
        .await?
        .into_iter()
        .map(|a| StaffMember {
            id: a.id,
            is_you: a.id == caller.id,
            display_name: a.display_name,
            email: a.email,
            role: a.role,
            disabled: a.disabled,
            invited: !a.confirmed,
        })
        .collect();
    let form = crate::server::forms::take_form::<NewStaffValues>("new_staff").await?;
    let firms = crate::server::db::repairs::firms(&state.db)
        .await?
        .into_iter()
        .map(|f| crate::wire::forms::Offered {
            value: f.id.to_string(),
            label: f.name,
            hint: None,
        })
        .collect();
    Ok(StaffPage { staff, form, firms })
}

/// The contractor firms and their colleagues, for administrators.
#[server(prefix = "/api", endpoint = "admin/firms")]
pub async fn get_firms_page() -> Result<FirmsPage, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::repairs::{firm_colleagues, firms};
    authorise(Action::ManageStaff).await?;
    let state = crate::server::state::app_state()?;
    let colleagues = firm_colleagues(&state.db).await?;
    let form = crate::server::forms::take_form::<NewFirmValues>(FIRM_FORM).await?;
    let done = crate::server::forms::take_form::<Option<String>>("firm_done")
        .await?
        .values;
    Ok(FirmsPage {
        firms: firms(&state.db)
            .await?
            .into_iter()
            .map(|f| FirmView {
                colleagues: colleagues
                    .iter()
                    .filter(|(firm, _)| *firm == f.id)
                    .map(|(_, name)| name.clone())
                    .collect(),
                name: f.name,
                phone: f.phone,
                email: f.email,
            })
            .collect(),
        form,
        done,
    })
}

/// Adds a contractor firm (its colleagues are then invited on the staff accounts page).
#[server(prefix = "/api", endpoint = "admin/firms/create")]
pub async fn create_firm(
    #[server(default)] name: String,
    #[server(default)] phone: String,
    #[server(default)] email: String,
) -> Result<(), AppError> {
    use crate::domain::validation::{looks_like_email, tidy, FieldErrors};
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    let caller = authorise(Action::ManageStaff).await?;
    let state = crate::server::state::app_state()?;
    let values = NewFirmValues {
        name: tidy(&name),
        phone: tidy(&phone),
        email: tidy(&email),
    };
    let mut errors = FieldErrors::default();
    let existing = crate::server::db::repairs::firms(&state.db).await?;
    if values.name.is_empty() {
        errors.add("firm_name", "Enter the firm's name");
    } else if values.name.chars().count() > 100 {
        errors.add("firm_name", "The name must be 100 characters or fewer");
    } else if existing
        .iter()
        .any(|f| f.name.to_lowercase() == values.name.to_lowercase())
    {
        errors.add("firm_name", "There is already a firm with this name");
    }
    if values.phone.is_empty() {
        errors.add("firm_phone", "Enter the firm's phone number");
    } else if values.phone.chars().count() > 30 {
        errors.add(
            "firm_phone",
            "The phone number must be 30 characters or fewer",
        );
    }
    if !values.email.is_empty() && !looks_like_email(&values.email) {
        errors.add(
            "firm_email",
            "Enter an email address in the correct format, like jobs@example.com",
        );
    }
    if !errors.is_empty() {
        return crate::server::forms::back_to_form(FIRM_FORM, "/admin/firms", values, errors).await;
    }
    let now = chrono::Utc::now();
    let id = crate::server::db::repairs::create_firm(
        &state.db,
        &values.name,
        &values.phone,
        Some(values.email.as_str()).filter(|e| !e.is_empty()),
        now,
    )
    .await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(caller.id), "firm_created")
            .on("firm", id)
            .detail(values.name.clone()),
        now,
    )
    .await?;
    crate::server::forms::back_to_form(
        "firm_done",
        "/admin/firms",
        Some(format!(
            "{} added. Invite its colleagues on the staff accounts page.",
            values.name
        )),
        FieldErrors::default(),
    )
    .await
}

/// Creates a staff account and emails the colleague a link to choose their password.
#[server(prefix = "/api", endpoint = "admin/staff/create")]
pub async fn create_staff(
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] role: String,
    #[server(default)] firm: String,
) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::forms::back_to_form;
    use crate::server::{staff, state::app_state};
    let caller = authorise(Action::ManageStaff).await?;
    let state = app_state()?;
    let values = NewStaffValues {
        name,
        email,
        role,
        firm,
    };
    match staff::invite(
        &state,
        Some(caller.id),
        &values.name,
        &values.email,
        &values.role,
        Some(values.firm.as_str()),
    )
    .await?
    {
        Ok(_) => {
            crate::server::request::redirect("/admin/staff?done=invited");
            Ok(())
        }
        Err(errors) => back_to_form("new_staff", "/admin/staff", values, errors).await,
    }
}

/// Changes a colleague's role, or disables or re-enables their account. Either ends their
/// sessions, so new rights start with a new sign-in.
#[server(prefix = "/api", endpoint = "admin/staff/change")]
pub async fn change_staff(
    id: Option<i64>,
    role: Option<String>,
    disabled: Option<String>,
) -> Result<(), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    use crate::server::state::app_state;
    let caller = authorise(Action::ManageStaff).await?;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::staff::change(&state, caller, id, role, disabled).await?,
    )
    .await
}

#[server(prefix = "/api", endpoint = "admin/audit")]
pub async fn get_audit_trail(page: i64) -> Result<AuditTrail, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{audit_page, count_audit};
    use crate::server::state::app_state;
    authorise(Action::ViewAuditTrail).await?;
    let state = app_state()?;
    let total = count_audit(&state.db).await?;
    let pages = ((total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let lines = audit_page(&state.db, (page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE)
        .await?
        .into_iter()
        .map(|e| AuditLine {
            when: crate::format::day_when(e.occurred_at),
            who: e.actor.unwrap_or_else(|| "Not signed in".into()),
            for_whom: e.on_behalf_of,
            action: e.action.replace('_', " "),
            subject: e.subject_type.map(|t| match e.subject_id {
                Some(id) => format!("{t} {id}"),
                None => t,
            }),
            detail: e.detail,
            address: e.client_address,
        })
        .collect();
    Ok(AuditTrail { lines, page, pages })
}

/// The most recent emails, in development mode only (so that a person trying Doorstep can
/// follow a reset link). Anywhere else this page does not exist.
#[server(prefix = "/api", endpoint = "dev/mailbox")]
pub async fn get_mailbox() -> Result<Vec<MailboxMessage>, AppError> {
    use crate::server::db::outbox::recent;
    use crate::server::state::app_state;
    let state = app_state()?;
    if !state.site.development {
        return Err(AppError::NotFound);
    }
    Ok(recent(&state.db, 30)
        .await?
        .into_iter()
        .map(|m| MailboxMessage {
            to: m.recipient,
            subject: m.subject,
            body: m.body,
            queued: crate::format::day_when(m.created_at),
            sent: m.sent_at.is_some(),
        })
        .collect())
}

/// The teams page: who is in each team, who manages it, where each kind of new case goes.
#[server(prefix = "/api", endpoint = "admin/teams")]
pub async fn get_teams_page() -> Result<TeamsPage, AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::ManageStaff).await?;
    let state = crate::server::state::app_state()?;
    crate::server::teams::page(&state).await
}

/// Creates a team.
#[server(prefix = "/api", endpoint = "admin/teams/create")]
pub async fn create_team(#[server(default)] name: String) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    let caller = authorise(Action::ManageStaff).await?;
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(crate::server::teams::create(&state, &caller, &name).await?).await
}

/// Puts a colleague in a team.
#[server(prefix = "/api", endpoint = "admin/teams/add")]
pub async fn add_to_team(team: i64, #[server(default)] account: String) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    let caller = authorise(Action::ManageStaff).await?;
    let state = crate::server::state::app_state()?;
    let reply = crate::server::teams::add_member(&state, &caller, team, &account).await?;
    crate::server::forms::answer(reply).await
}

/// Makes a member a manager of the team ("manager"), no longer one ("not_manager"), or takes
/// them out of it ("remove").
#[server(prefix = "/api", endpoint = "admin/teams/member")]
pub async fn change_team_member(
    team: i64,
    account: i64,
    #[server(default)] change: String,
) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    let caller = authorise(Action::ManageStaff).await?;
    let state = crate::server::state::app_state()?;
    let reply =
        crate::server::teams::change_member(&state, &caller, team, account, &change).await?;
    crate::server::forms::answer(reply).await
}

/// Chooses the team new cases of a kind go to (an empty team: none in particular).
#[server(prefix = "/api", endpoint = "admin/teams/route")]
pub async fn route_kind(
    #[server(default)] kind: String,
    #[server(default)] team: String,
) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    let caller = authorise(Action::ManageStaff).await?;
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(crate::server::teams::route(&state, &caller, &kind, &team).await?)
        .await
}

/// Development mode only: sends the reminders of the coming week's booked visits now, so that
/// a reminder's link can be tried without waiting for the evening before.
#[server(prefix = "/api", endpoint = "dev/send-reminders")]
pub async fn send_reminders_now() -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    let sent = crate::server::visits::send_reminders_now(&state, state.clock.now()).await?;
    crate::server::request::redirect(&format!("/dev/mailbox?reminders={sent}"));
    Ok(())
}
