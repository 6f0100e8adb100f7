//! The staff repairs queue and a job's staff page.

use super::*;

/// The repairs queue, filtered, most urgent deadline first.
#[server(prefix = "/api", endpoint = "staff/repairs")]
pub async fn get_queue(
    #[server(default)] status: String,
    #[server(default)] priority: String,
    #[server(default)] trade: String,
    #[server(default)] block: String,
    #[server(default)] due: String,
    #[server(default)] team: String,
    page: Option<i64>,
) -> Result<QueuePage, AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ViewRepairQueue).await?;
    let state = crate::server::state::app_state()?;
    let asked = QueueFilters {
        status,
        priority,
        trade,
        block,
        due,
        team,
    };
    crate::server::repairs::queue::queue(&state, &account, asked, page).await
}

/// What the staff job page needs besides the job: the result of the last action.
#[server(prefix = "/api", endpoint = "staff/repair-form")]
pub async fn get_staff_form() -> Result<StaffForm, AppError> {
    use crate::server::authz::{authorise, may, Action};
    use crate::server::state::app_state;
    let account = authorise(Action::ViewRepairQueue).await?;
    let state = app_state()?;
    let form = crate::server::forms::take_form::<Option<String>>(STAFF_FORM).await?;
    Ok(StaffForm {
        banner: None,
        errors: form.errors,
        done: form.values,
        may_manage: may(&account, Action::ManageRepairs),
        priorities: state
            .site
            .profile
            .repair_priorities
            .iter()
            .map(|p| Offered {
                value: p.code.clone(),
                label: p.name.clone(),
                hint: None,
            })
            .collect(),
        hazard_actions: Vec::new(),
        findings: Vec::new(),
        firms: Vec::new(),
        operatives: Vec::new(),
        visits: Vec::new(),
    })
}

/// The hazard actions a job's open clocks call for, and the findings an investigation may
/// record under the landlord's law.
#[cfg(feature = "ssr")]
pub(super) fn hazard_forms(
    law: Option<&crate::domain::standards::HazardLaw>,
    open: &[crate::domain::hazards::HazardClock],
) -> (Vec<Offered>, Vec<Offered>) {
    use crate::domain::hazards::{HazardClock, FINDINGS};
    let offer = |value: &str, label: &str| Offered {
        value: value.to_owned(),
        label: label.to_owned(),
        hint: None,
    };
    let actions = open
        .iter()
        .map(|clock| match clock {
            HazardClock::MakeSafe => offer("investigated", "Hazard investigated and made safe"),
            HazardClock::Investigate => offer("investigated", "Hazard investigated"),
            HazardClock::Summary => offer("summary_sent", "Written summary sent to the resident"),
            HazardClock::SafetyWork => offer("safety_work", &clock.label(law)),
            HazardClock::FurtherBegin => offer("further_begun", &clock.label(law)),
            HazardClock::FurtherOnSite => offer("further_on_site", &clock.label(law)),
        })
        .collect();
    let scotland = law.is_some_and(|l| l.scotland().is_some());
    let findings = if open.contains(&HazardClock::Investigate) {
        FINDINGS
            .iter()
            .filter(|(_, _, f)| !(scotland && f.further_work))
            .map(|(value, label, _)| offer(value, label))
            .collect()
    } else {
        Vec::new()
    };
    (actions, findings)
}

/// The staff job page in one request: the job and the state of its forms.
#[server(prefix = "/api", endpoint = "staff/repair-page")]
pub async fn get_staff_repair(
    reference: String,
) -> Result<(StaffForm, crate::api::repairs::RepairView), AppError> {
    let mut form = get_staff_form().await?;
    let view = crate::api::repairs::get_repair(reference.clone()).await?;
    let account = crate::server::authz::signed_in().await?;
    let state = crate::server::state::app_state()?;
    if let Some(row) =
        crate::server::db::repairs::repair_by_reference(&state.db, &view.reference).await?
    {
        form.banner = Some(
            crate::api::preferences::needs_banner(&state, &account, row.reported_by_person_id)
                .await?,
        );
        let open: Vec<crate::domain::hazards::HazardClock> =
            crate::server::db::repairs::clocks(&state.db, row.id)
                .await?
                .iter()
                .filter(|c| c.met_at.is_none())
                .filter_map(|c| c.kind.hazard())
                .collect();
        (form.hazard_actions, form.findings) =
            hazard_forms(state.site.profile.hazards.law.as_ref(), &open);
        (form.firms, form.operatives, form.visits) =
            crate::server::visits::office_choices(&state, &row).await?;
    }
    Ok((form, view))
}
