//! The demo's visits.

use super::*;

/// Demo visits, so the operative's and the contractor's days have something in them: Sam
/// Price (in-house) visits Amira Hassan's extractor fan this morning and Margaret Lewis's damp
/// this afternoon (her needs show before he knocks); the stair light in Alder Court is given to
/// Ashdown Building Services, for today. Loaded by `seed-demo` after the repairs; does nothing
/// when any visit exists.
pub async fn seed_demo_visits(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use crate::server::db::accounts::account_by_email;
    if store::count_visits(&state.db).await? > 0 {
        return Ok(0);
    }
    let Some(sam) = account_by_email(&state.db, "sam.price@staff.example.org").await? else {
        return Ok(0);
    };
    let firm = store::firms(&state.db)
        .await?
        .into_iter()
        .find(|f| f.name == crate::server::db::demo::DEMO_FIRM.0);
    let today = to_local(now).date();
    // (the reporter's tenancy, a word of the summary, the period, in house or the firm)
    let plan = [
        ("TEN-100001", Period::Morning, true),
        ("TEN-100003", Period::Afternoon, true),
        ("TEN-100004", Period::AllDay, false),
    ];
    let mut made = 0;
    for (tenancy, period, in_house) in plan {
        let Some(person) = store::person_on_tenancy(&state.db, tenancy).await? else {
            continue;
        };
        let Some(line) = store::repairs_for_person(&state.db, person)
            .await?
            .into_iter()
            .next()
        else {
            continue;
        };
        let Some(repair) = store::repair_by_reference(&state.db, &line.reference).await? else {
            continue;
        };
        let capacity = state.site.repairs.visits_a_day(&repair.trade, period);
        let words = visit_words(today, period.as_str());
        let booked = store::book_visit(
            &state.db,
            repair.id,
            &repair.trade,
            today,
            period.as_str(),
            capacity,
            None,
            &NewEvent::shown("visit_booked", "Visit booked").with_body(Some(words)),
            now,
        )
        .await?;
        let Some(visit) = store::booked_visit(&state.db, repair.id)
            .await?
            .filter(|_| booked)
        else {
            continue;
        };
        let change = match (in_house, &firm) {
            (true, _) => Change {
                visit: Some(VisitStep::Give {
                    visit_id: visit.id,
                    operative: Some(sam.id),
                }),
                ..Change::default()
            },
            (false, Some(firm)) => Change {
                firm: Some(Some(firm.id)),
                contractor: Some(Some(firm.name.clone())),
                ..Change::default()
            },
            (false, None) => continue,
        };
        let event = match (in_house, &firm) {
            (false, Some(firm)) => Some(NewEvent::shown(
                "contractor",
                format!("{} will do this repair for us", firm.name),
            )),
            _ => None,
        };
        store::change_repair(&state.db, repair.id, &change, event.as_ref(), now).await?;
        made += 1;
    }
    Ok(made)
}
