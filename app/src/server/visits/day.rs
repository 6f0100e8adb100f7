//! The day's list and one visit as its operative (or the office) sees it, and the office's
//! choices on a job's page.

use super::*;

/// An operative's or a contractor's visits: today's (done or not), then those booked for the
/// next two weeks.
pub async fn your_visits(state: &AppState, account: &Account) -> Result<YourVisits, AppError> {
    require(account, Action::WorkVisits)?;
    let worker = worker(account).ok_or(AppError::NotFound)?;
    let today = to_local(state.clock.now()).date();
    let rows = store::visits_for(
        &state.db,
        worker,
        today,
        today + chrono::Duration::days(DAYS_AHEAD),
    )
    .await?;
    let firm = rows.iter().find_map(|v| v.firm_name.clone());
    let firm = match (worker, firm) {
        (Worker::Firm(id), None) => store::firms(&state.db)
            .await?
            .into_iter()
            .find(|f| f.id == id)
            .map(|f| f.name),
        (_, firm) => firm,
    };
    let (today_rows, ahead): (Vec<&VisitRow>, Vec<&VisitRow>) =
        rows.iter().partition(|v| v.day == today);
    Ok(YourVisits {
        today: today.format(crate::format::DAY).to_string(),
        firm,
        today_visits: today_rows
            .into_iter()
            .map(|v| line(state, v, today))
            .collect(),
        ahead: ahead
            .into_iter()
            .filter(|v| v.status == "booked")
            .map(|v| line(state, v, today))
            .collect(),
    })
}

/// One visit as its operative (or the office) sees it, with the forms its state allows.
pub async fn visit_page(
    state: &AppState,
    account: &Account,
    id: i64,
) -> Result<VisitPage, AppError> {
    let visit = visible(state, account, id).await?;
    let repair = store::repair_by_id(&state.db, visit.repair_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let today = to_local(now).date();
    let form =
        crate::server::forms::take_form::<(Option<String>, OutcomeValues)>(VISIT_FORM).await?;
    let (done, values) = form.values;
    let may_record = may(
        account,
        Action::RecordVisit {
            assigned: assigned(account, &visit),
        },
    );
    let open = visit.status == "booked" && visit.outcome.is_none();
    let needs =
        crate::server::preferences::needs_banner(state, account, repair.reported_by_person_id)
            .await?
            .lines;
    let slots = if may_record && open {
        follow_on_slots(state, &repair, today).await?
    } else {
        Vec::new()
    };
    let outcome = visit.outcome.as_deref().map(|o| outcome_words(&visit, o));
    let office = account.role.is_staff();
    Ok(VisitPage {
        id: visit.id,
        reference: visit.reference.clone(),
        summary: repair.summary.clone(),
        description: repair.description.clone(),
        when: when(&visit, today),
        place: visit.place.clone(),
        trade: crate::server::repairs::view::trade_name(state, &visit.trade),
        priority: crate::server::repairs::view::priority_name(state, &visit.priority),
        hazard: visit.hazard.clone(),
        given_to: office.then(|| given_to(&visit)).flatten(),
        resident: repair.reporter_name.clone(),
        phone: repair.contact_phone.clone(),
        access: vec![
            ("When we can come".to_owned(), repair.access_times.clone()),
            ("Pets".to_owned(), repair.pets.clone()),
            ("Key safe".to_owned(), repair.key_safe.clone()),
        ],
        needs,
        photos: store::repair_photos(&state.db, repair.id)
            .await?
            .into_iter()
            .map(|p| format!("/repairs/photos/{}", p.id))
            .collect(),
        work_photos: store::work_photos(&state.db, repair.id)
            .await?
            .into_iter()
            .filter(|p| p.appointment_id == visit.id)
            .map(|p| format!("/visits/photos/{}", p.id))
            .collect(),
        state: standing(&visit).0,
        outcome,
        may_record,
        can_set_off: may_record && open && visit.arrived_at.is_none() && visit.day == today,
        can_arrive: may_record && open && visit.arrived_at.is_none() && visit.day == today,
        can_record: may_record && open && visit.day <= today,
        travel_default: TRAVEL_DEFAULT,
        outcomes: VisitOutcome::ALL
            .iter()
            .map(|o| offered(o.as_str(), outcome_choice(*o)))
            .collect(),
        access_tried: ACCESS_TRIED
            .iter()
            .map(|(code, words)| offered(code, words))
            .collect(),
        slots: slots
            .iter()
            .map(|(day, period)| slot_choice(*day, *period))
            .collect(),
        errors: form.errors,
        done,
        values,
        back: if office {
            format!("/staff/repairs/{}", visit.reference)
        } else {
            "/visits".to_owned()
        },
    })
}

/// The outcome as the operative chooses it.
fn outcome_choice(outcome: VisitOutcome) -> &'static str {
    match outcome {
        VisitOutcome::Completed => "Completed: the repair is done",
        VisitOutcome::NoAccess => "No access: nobody let me in",
        VisitOutcome::PartsOrdered => "Parts ordered: I need to come back with them",
        VisitOutcome::FollowOn => "Another visit needed: book it now with the resident",
    }
}

/// What was recorded, in words.
fn outcome_words(visit: &VisitRow, outcome: &str) -> String {
    let label = VisitOutcome::parse(outcome).map_or(outcome.to_owned(), |o| o.label().to_owned());
    let mut parts = vec![match visit.outcome_at {
        Some(at) => format!("{label} (recorded at {})", time(at)),
        None => label,
    }];
    if let Some(tried) = &visit.access_tried {
        parts.push(format!("Tried: {}", access_tried_words(tried)));
    }
    if let Some(day) = visit.parts_expected_on {
        parts.push(format!(
            "Parts expected by {}",
            day.format(crate::format::DATE)
        ));
    }
    if let Some(note) = visit.outcome_note.as_deref().filter(|n| !n.is_empty()) {
        parts.push(note.to_owned());
    }
    parts.join(". ")
}

/// For the office's job page: the firms the job may be given to (or back in house), the
/// operatives its booked visit may be given to, and its visits with where each stands.
pub async fn office_choices(
    state: &AppState,
    repair: &RepairRow,
) -> Result<(Vec<Offered>, Vec<Offered>, Vec<Offered>), AppError> {
    let today = to_local(state.clock.now()).date();
    let mut firms: Vec<Offered> = store::firms(&state.db)
        .await?
        .into_iter()
        .map(|f| offered(&f.id.to_string(), &f.name))
        .collect();
    if repair.firm_id.is_some() {
        firms.push(offered("in_house", "Our own operatives"));
    }
    let operatives = store::operatives(&state.db)
        .await?
        .into_iter()
        .map(|(id, name)| offered(&id.to_string(), &name))
        .collect();
    let visits = store::visits_of(&state.db, repair.id)
        .await?
        .iter()
        .filter(|v| v.status == "booked" || v.status == "attended")
        .map(|v| {
            let who = given_to(v).unwrap_or_else(|| "not given to anyone yet".to_owned());
            offered(
                &format!("/visits/{}", v.id),
                &format!("{} ({who}): {}", when(v, today), standing(v).0),
            )
        })
        .collect();
    Ok((firms, operatives, visits))
}
