//! After a repair: the resident says it is fixed or not, and rates the work.

/// The answers that led to the original job's outcome, found again from the stored words.
pub fn recall_answers(
    state: &crate::server::state::AppState,
    row: &crate::server::db::repairs::RepairRow,
) -> Vec<usize> {
    use crate::domain::repairs::Step;
    let mut answers = Vec::new();
    for line in row.answers.lines() {
        let Some((_, label)) = line.split_once('\t') else {
            break;
        };
        let Ok(Step::Ask(q)) = state.site.repairs.walk(&answers) else {
            break;
        };
        let Some(i) = q.options.iter().position(|o| o.label == label) else {
            break;
        };
        answers.push(i);
    }
    answers
}

pub fn plan_ready(
    state: &crate::server::state::AppState,
    draft: &crate::server::repairs::Draft,
    tenure: crate::domain::housing::Tenure,
) -> bool {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    matches!(state.site.repairs.walk(&draft.answers), Ok(Step::Done(o)) if who_fixes(o, tenure) == WhoFixes::Landlord)
}
