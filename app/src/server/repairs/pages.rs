//! What the resident's repairs pages show: the report journey's questions and check, "Your
//! repairs", a job's page and the visit times offered.

use super::view as support;
use super::visits::offered_slots;
use crate::error::AppError;
use crate::server::state::AppState;
use crate::wire::repairs::*;

/// "Check your answers", with the priority and target the report will get.
pub async fn check(state: &AppState) -> Result<RepairCheck, AppError> {
    use crate::server::db::repairs::{communal_areas, draft_photos};

    let support::Reporter {
        person_id,
        place,
        tenure,
        ..
    } = support::reporter().await?;
    let draft = support::draft_or_new().await?;
    let now = state.clock.now();
    let plan = crate::server::repairs::report::plan(state, &draft, tenure, draft.told_at(now))?;
    let mut rows: Vec<(String, Vec<String>, String)> = Vec::new();
    let for_whom = draft.behalf.as_ref().map(|b| {
        let change = format!("/repairs/report/for?person={}", b.person_id);
        rows.push(("Reported for".into(), vec![b.name.clone()], change.clone()));
        if let Some(told) = b.told_at {
            rows.push((
                "How it reached us".into(),
                vec![b.channel.label().to_owned()],
                change.clone(),
            ));
            rows.push((
                "When we were told".into(),
                vec![support::when(told)],
                change,
            ));
        }
        b.name.clone()
    });
    if let Some(e) = draft
        .emergency
        .as_deref()
        .and_then(|c| state.site.repairs.emergency(c))
    {
        rows.push((
            "Emergency".into(),
            vec![e.label.clone()],
            "/repairs/report".into(),
        ));
    }
    for (i, (q, a)) in state
        .site
        .repairs
        .transcript(&draft.answers)
        .into_iter()
        .enumerate()
    {
        rows.push((q, vec![a], format!("/repairs/report/question?at={i}")));
    }
    if let (Some(area), Some(block)) = (draft.communal_area_id, place.block_id) {
        let name = communal_areas(&state.db, block)
            .await?
            .into_iter()
            .find(|a| a.id == area)
            .map(|a| a.name)
            .unwrap_or_default();
        rows.push((
            "Shared area".into(),
            vec![name],
            "/repairs/report/communal".into(),
        ));
    }
    rows.push((
        "Description".into(),
        draft.description.lines().map(str::to_owned).collect(),
        "/repairs/report/describe".into(),
    ));
    let photos = draft_photos(&state.db, &draft.token, person_id)
        .await?
        .len();
    rows.push((
        "Photos".into(),
        vec![match photos {
            0 => "None".to_owned(),
            1 => "1 photo".to_owned(),
            n => format!("{n} photos"),
        }],
        "/repairs/report/photos".into(),
    ));
    let or_none = |v: &str| {
        if v.is_empty() {
            "Not given".to_owned()
        } else {
            v.to_owned()
        }
    };
    rows.push((
        "When we can come".into(),
        vec![or_none(&draft.access_times)],
        "/repairs/report/access".into(),
    ));
    rows.push((
        "Pets".into(),
        vec![or_none(&draft.pets)],
        "/repairs/report/access".into(),
    ));
    rows.push((
        "Key safe".into(),
        vec![match draft.key_safe.as_str() {
            "yes" => "Yes".to_owned(),
            "no" => "No".to_owned(),
            _ => "Not given".to_owned(),
        }],
        "/repairs/report/access".into(),
    ));
    rows.push((
        "Phone for this repair".into(),
        vec![draft.contact_phone.clone()],
        "/repairs/report/access".into(),
    ));
    Ok(RepairCheck {
        token: draft.token.clone(),
        rows,
        priority: support::priority_name(state, &plan.priority),
        target: support::when(plan.target_at),
        hazard_note: plan.hazard_note.clone(),
        recall_of: draft.recall_of.clone(),
        for_whom,
    })
}

/// The question reached after `at` answers (the next unanswered one when `at` is absent).
pub async fn question(state: &AppState, at: Option<usize>) -> Result<QuestionPage, AppError> {
    use crate::domain::repairs::Step;

    support::reporter().await?;
    let draft = support::draft_or_new().await?;
    let form = crate::server::forms::take_form::<Option<String>>(RESIDENT_FORM).await?;
    let at = at.unwrap_or(draft.answers.len()).min(draft.answers.len());
    // The last question when the answers already reach an outcome.
    let at = match state.site.repairs.walk(&draft.answers[..at]) {
        Ok(Step::Ask(_)) => at,
        _ => at.saturating_sub(1),
    };
    let Ok(Step::Ask(question)) = state.site.repairs.walk(&draft.answers[..at]) else {
        return Err(AppError::NotFound);
    };
    let back = if at == 0 {
        "/repairs/report".to_owned()
    } else {
        format!("/repairs/report/question?at={}", at - 1)
    };
    Ok(QuestionPage {
        question: question.text.clone(),
        hint: question.hint.clone(),
        options: question
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| Offered {
                value: i.to_string(),
                label: o.label.clone(),
                hint: o.hint.clone(),
            })
            .collect(),
        selected: form
            .values
            .or_else(|| draft.answers.get(at).map(|a| a.to_string())),
        at,
        back,
        errors: form.errors,
    })
}

/// The first page of a report made for resident `person`: for a colleague, how and when we
/// were told (now, by phone, unless they say otherwise) with the resident's needs; for an
/// advocate, whose report it is.
pub async fn report_for(state: &AppState, person: i64) -> Result<ReportForPage, AppError> {
    use crate::domain::cases::Channel;
    let account = crate::server::authz::signed_in().await?;
    let reporter = support::reporter_for(state, account, Some(person)).await?;
    let recording = reporter.account.role.is_staff();
    let contact = crate::server::db::preferences::contact(&state.db, person)
        .await?
        .unwrap_or_default();
    let form = crate::server::forms::take_form::<ReportForValues>(RESIDENT_FORM).await?;
    let mut values = form.values;
    if form.errors.is_empty() && recording {
        // A report being recorded for this resident keeps what was said; otherwise a phone
        // call taken now.
        let session = crate::server::request::session()?;
        let kept = crate::server::repairs::DRAFT
            .get(&session)
            .await?
            .and_then(|d| d.behalf)
            .filter(|b| b.person_id == person);
        let (channel, told) = match kept {
            Some(b) => (b.channel, b.told_at.unwrap_or_else(|| state.clock.now())),
            None => (Channel::Phone, state.clock.now()),
        };
        let local = crate::domain::london::to_local(told);
        values = ReportForValues {
            channel: channel.as_str().to_owned(),
            told_date: local.format("%Y-%m-%d").to_string(),
            told_time: local.format("%H:%M").to_string(),
        };
    }
    let banner = if recording {
        Some(crate::server::preferences::needs_banner(state, &reporter.account, person).await?)
    } else {
        None
    };
    Ok(ReportForPage {
        person_id: person,
        name: contact.name,
        address: support::place_of(
            None,
            Some(&reporter.place.address_line_1),
            reporter.place.block_name.as_deref(),
        ),
        recording,
        banner,
        channels: crate::server::cases::record::recorded_channels(),
        values,
        errors: form.errors,
    })
}

/// "Is any of these happening now?": the emergencies from configuration.
pub async fn report_start(state: &AppState) -> Result<QuestionPage, AppError> {
    let behalf = support::reporter().await?.behalf;
    let form = crate::server::forms::take_form::<Option<String>>(RESIDENT_FORM).await?;
    let mut options: Vec<Offered> = state
        .site
        .repairs
        .emergencies
        .iter()
        .map(|e| Offered {
            value: e.code.clone(),
            label: e.label.clone(),
            hint: None,
        })
        .collect();
    options.push(Offered {
        value: "none".to_owned(),
        label: "None of these".to_owned(),
        hint: None,
    });
    Ok(QuestionPage {
        question: "Is any of these happening now?".to_owned(),
        hint: None,
        options,
        selected: form.values,
        at: 0,
        back: match behalf {
            Some(b) => format!("/repairs/report/for?person={}", b.person_id),
            None => "/repairs".to_owned(),
        },
        errors: form.errors,
    })
}

/// The shared areas of the resident's block and its open communal repairs.
pub async fn communal(state: &AppState) -> Result<CommunalQuestion, AppError> {
    use crate::server::db::repairs::{communal_areas, open_communal_repairs};

    let support::Reporter { place, .. } = support::reporter().await?;
    let block_id = place.block_id.ok_or(AppError::NotFound)?;
    let draft = support::draft_or_new().await?;
    let form = crate::server::forms::take_form::<Option<String>>(RESIDENT_FORM).await?;
    let now = chrono::Utc::now();
    Ok(CommunalQuestion {
        block: place.block_name.clone().unwrap_or_default(),
        open: open_communal_repairs(&state.db, block_id)
            .await?
            .iter()
            .map(|r| support::line(state, r, now))
            .collect(),
        areas: communal_areas(&state.db, block_id)
            .await?
            .into_iter()
            .map(|a| Offered {
                value: a.id.to_string(),
                label: a.name,
                hint: None,
            })
            .collect(),
        selected: form
            .values
            .or_else(|| draft.communal_area_id.map(|a| a.to_string())),
        errors: form.errors,
    })
}

/// One job, as a resident related to it or a colleague sees it.
pub async fn repair(state: &AppState, reference: String) -> Result<RepairView, AppError> {
    use crate::server::authz::{may, Action};
    use crate::server::repairs::Standing;

    let (account, row, standing) = support::visible_repair(&reference).await?;
    let staff = account.role.is_staff();
    // Colleagues and advocates looking at a resident's repair are in the audit trail.
    let looked_at = match &standing {
        _ if staff => Some(row.reported_by_person_id),
        Standing::ActingFor { person_id, .. } => Some(*person_id),
        _ => None,
    };
    if let Some(person) = looked_at {
        crate::server::db::accounts::record_audit(
            &state.db,
            crate::server::db::accounts::AuditEvent::by(Some(account.id), "repair_viewed")
                .on("repair", &row.reference)
                .for_person(Some(person)),
            chrono::Utc::now(),
        )
        .await?;
    }
    let mut view = support::view(state, &row, staff, chrono::Utc::now()).await?;
    let relation = standing.relation();
    // What the page offers is what the caller may do, each asked of `authz` on its own.
    if !may(&account, Action::ManageRepairVisits { relation }) {
        view.may_book = false;
        view.may_cancel = false;
    }
    if !may(&account, Action::AnswerForRepair { relation }) {
        view.ask_fixed = false;
        view.may_rate = false;
    }
    if !may(&account, Action::SeeRepairDetails { relation }) {
        view.reporter = String::new();
        view.photos = Vec::new();
        view.work_photos = Vec::new();
        view.rating = None;
    }
    if let Standing::ActingFor {
        person_id, name, ..
    } = standing
    {
        view.acting_for = Some((person_id, name));
    }
    Ok(view)
}

/// "Your repairs": open first, then closed, newest first within each. An advocate first
/// chooses whose (`person`), among the residents whose current permission covers repairs.
pub async fn your_repairs(
    state: &AppState,
    person: Option<String>,
) -> Result<YourRepairs, AppError> {
    use crate::domain::housing::Role;
    use crate::server::authz::{require, signed_in, Action};
    use crate::server::db::repairs::repairs_for_person;

    let account = signed_in().await?;
    let (person_id, acting_for) = if account.role == Role::Advocate {
        let people = crate::server::repairs::represented(state, &account).await?;
        let chosen = person.and_then(|p| p.trim().parse::<i64>().ok());
        let Some(chosen) = chosen else {
            return Ok(YourRepairs {
                represented: Some(crate::server::permissions::represented_choices(people)),
                ..YourRepairs::default()
            });
        };
        let found = people
            .into_iter()
            .find(|r| r.person_id == chosen)
            .ok_or(AppError::NotFound)?;
        (chosen, Some((chosen, found.name)))
    } else {
        // Every repair listed is at the resident's home, reported by them or followed by them.
        require(&account, Action::ViewRepair { related: true })?;
        (account.person_id.ok_or(AppError::NotFound)?, None)
    };
    let now = chrono::Utc::now();
    let mut lines: Vec<RepairLine> = repairs_for_person(&state.db, person_id)
        .await?
        .iter()
        .map(|r| support::line(state, r, now))
        .collect();
    lines.sort_by_key(|l| !l.open);
    Ok(YourRepairs {
        lines,
        represented: None,
        acting_for,
    })
}

/// The slots a resident may book for a job: working days up to its target (at most three
/// weeks ahead), each period with a seat left.
pub async fn slots(state: &AppState, reference: String) -> Result<SlotsPage, AppError> {
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_manage_visits(&account, &standing)?;
    let form = crate::server::forms::take_form::<()>(RESIDENT_FORM).await?;
    if !support::allowed(state, &row, chrono::Utc::now()).may_book {
        return Err(AppError::NotFound);
    }
    let current = crate::server::db::repairs::booked_visit(&state.db, row.id)
        .await?
        .as_ref()
        .map(support::visit_words);
    let slots = offered_slots(state, &row, chrono::Utc::now()).await?;
    let mut days: Vec<(String, Vec<Offered>)> = Vec::new();
    for (day, period) in slots {
        let label = day.format("%A %-d %B").to_string();
        let offered = Offered {
            value: format!("{day}_{}", period.as_str()),
            label: period.label().to_owned(),
            hint: None,
        };
        match days.last_mut() {
            Some((d, list)) if *d == label => list.push(offered),
            _ => days.push((label, vec![offered])),
        }
    }
    Ok(SlotsPage {
        reference: row.reference.clone(),
        summary: row.summary.clone(),
        current,
        days,
        errors: form.errors,
    })
}
