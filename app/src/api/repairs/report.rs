//! The report journey's questions: emergencies, the diagnosis, the communal area, who fixes it.

use super::*;

/// "Is any of these happening now?": the emergencies from configuration.
#[server(prefix = "/api", endpoint = "repairs/start")]
pub async fn get_report_start() -> Result<QuestionPage, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::report_start(&state).await
}

/// Starts a new report from the emergency answer.
#[server(prefix = "/api", endpoint = "repairs/emergency")]
pub async fn answer_emergency(emergency: Option<String>) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::repairs::journey::emergency(&state, emergency).await?,
    )
    .await
}

/// The emergency page's facts.
#[server(prefix = "/api", endpoint = "repairs/emergency-page")]
pub async fn get_emergency_page() -> Result<EmergencyQuestion, AppError> {
    use crate::server::state::app_state;
    support::reporter().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    let emergency = draft
        .emergency
        .as_deref()
        .and_then(|code| state.site.repairs.emergency(code))
        .ok_or(AppError::NotFound)?;
    Ok(EmergencyQuestion {
        label: emergency.label.clone(),
        may_continue_online: state.site.profile.online_emergency_reports && !emergency.gas,
    })
}

/// The question reached after `at` answers (the next unanswered one when `at` is absent).
#[server(prefix = "/api", endpoint = "repairs/question")]
pub async fn get_question(at: Option<usize>) -> Result<QuestionPage, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::question(&state, at).await
}

/// Records an answer and goes to what comes next: another question, the shared area, the
/// "not ours" page or the description.
#[server(prefix = "/api", endpoint = "repairs/answer")]
pub async fn answer_question(at: Option<String>, answer: Option<String>) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(crate::server::repairs::journey::answer(&state, at, answer).await?)
        .await
}

/// The shared areas of the resident's block and its open communal repairs.
#[server(prefix = "/api", endpoint = "repairs/communal")]
pub async fn get_communal() -> Result<CommunalQuestion, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::communal(&state).await
}

/// Chooses the shared area of the block the problem is in.
#[server(prefix = "/api", endpoint = "repairs/area")]
pub async fn choose_area(area: Option<String>) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(crate::server::repairs::journey::choose_area(&state, area).await?)
        .await
}

/// "I have this problem too": follows an open communal repair of the resident's own block.
#[server(prefix = "/api", endpoint = "repairs/follow")]
pub async fn follow_repair(reference: Option<String>) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(crate::server::repairs::journey::follow(&state, reference).await?)
        .await
}

/// When the problem is the resident's to put right.
#[server(prefix = "/api", endpoint = "repairs/not-ours")]
pub async fn get_not_ours() -> Result<NotOursAnswer, AppError> {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    use crate::server::state::app_state;
    let support::Reporter { tenure, .. } = support::reporter().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    let Ok(Step::Done(outcome)) = state.site.repairs.walk(&draft.answers) else {
        return Err(AppError::NotFound);
    };
    Ok(match who_fixes(outcome, tenure) {
        WhoFixes::Tenant { advice } => NotOursAnswer {
            summary: outcome.summary.clone(),
            tenant_advice: Some(advice),
        },
        WhoFixes::Owner => NotOursAnswer {
            summary: outcome.summary.clone(),
            tenant_advice: None,
        },
        WhoFixes::Landlord => return Err(AppError::NotFound),
    })
}

/// The first page of a report made for a resident (a colleague recording one, or an advocate).
#[server(prefix = "/api", endpoint = "repairs/for-page")]
pub async fn get_report_for(person: i64) -> Result<ReportForPage, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::report_for(&state, person).await
}

/// Starts a report for a resident: an advocate's, or a colleague's recording of one taken by
/// phone, letter, email, text or in person, with when we were told.
#[server(prefix = "/api", endpoint = "repairs/for")]
pub async fn start_report_for(
    person: Option<String>,
    #[server(default)] channel: String,
    #[server(default)] told_date: String,
    #[server(default)] told_time: String,
) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    let values = ReportForValues {
        channel,
        told_date,
        told_time,
    };
    crate::server::forms::answer(
        crate::server::repairs::journey::start_for(&state, person, values).await?,
    )
    .await
}
