//! Repairs for residents: report one (emergency check, diagnosis questions, a communal follow,
//! description, photos, access, check and send), see "Your repairs" and each job's timeline,
//! book, change or cancel a visit, say whether it is fixed (a recall) and rate it.
//!
//! The report being written is kept in the session (`server::repairs::Draft`); every page of
//! the journey is a plain form posting here, and each handler sends the browser to the next
//! page, so the journey works without JavaScript.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::repairs::*;

// ---------------------------------------------------------------------------------------------
// Shared server-side helpers.

#[cfg(feature = "ssr")]
use crate::server::repairs::view as support;

// ---------------------------------------------------------------------------------------------
// The report journey.

/// "Is any of these happening now?": the emergencies from configuration.
#[server(prefix = "/api", endpoint = "repairs/start")]
pub async fn get_report_start() -> Result<QuestionPage, AppError> {
    use crate::server::state::app_state;
    support::resident().await?;
    let state = app_state()?;
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
        back: "/repairs".to_owned(),
        errors: form.errors,
    })
}

/// Starts a new report from the emergency answer.
#[server(prefix = "/api", endpoint = "repairs/emergency")]
pub async fn answer_emergency(emergency: Option<String>) -> Result<(), AppError> {
    use crate::server::repairs::{Draft, DRAFT};
    use crate::server::state::app_state;
    support::resident().await?;
    let state = app_state()?;
    let session = crate::server::request::session()?;
    let answer = emergency.unwrap_or_default();
    let known = state.site.repairs.emergency(&answer).cloned();
    if answer != "none" && known.is_none() {
        let mut errors = FieldErrors::default();
        errors.add("emergency", "Select one of these, or \"None of these\"");
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            "/repairs/report",
            None::<String>,
            errors,
        )
        .await;
    }
    let draft = Draft {
        token: crate::server::tokens::submission_token(),
        emergency: known.as_ref().map(|e| e.code.clone()),
        ..Default::default()
    };
    DRAFT.keep(&session, &draft).await?;
    match known {
        Some(e) if e.gas => crate::server::request::redirect("/repairs/report/gas"),
        Some(_) => crate::server::request::redirect("/repairs/report/emergency"),
        None => crate::server::request::redirect("/repairs/report/question"),
    }
    Ok(())
}

/// The emergency page's facts.
#[server(prefix = "/api", endpoint = "repairs/emergency-page")]
pub async fn get_emergency_page() -> Result<EmergencyPage, AppError> {
    use crate::server::state::app_state;
    support::resident().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    let emergency = draft
        .emergency
        .as_deref()
        .and_then(|code| state.site.repairs.emergency(code))
        .ok_or(AppError::NotFound)?;
    Ok(EmergencyPage {
        label: emergency.label.clone(),
        may_continue_online: state.site.profile.online_emergency_reports && !emergency.gas,
    })
}

/// The question reached after `at` answers (the next unanswered one when `at` is absent).
#[server(prefix = "/api", endpoint = "repairs/question")]
pub async fn get_question(at: Option<usize>) -> Result<QuestionPage, AppError> {
    use crate::domain::repairs::Step;
    use crate::server::state::app_state;
    support::resident().await?;
    let state = app_state()?;
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

/// Records an answer and goes to what comes next: another question, the shared area, the
/// "not ours" page or the description.
#[server(prefix = "/api", endpoint = "repairs/answer")]
pub async fn answer_question(at: Option<String>, answer: Option<String>) -> Result<(), AppError> {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    use crate::server::repairs::DRAFT;
    use crate::server::state::app_state;
    let (_, _, place, tenure) = support::resident().await?;
    let state = app_state()?;
    let session = crate::server::request::session()?;
    let mut draft = support::draft_or_new().await?;
    let at: usize = at
        .and_then(|a| a.parse().ok())
        .unwrap_or(draft.answers.len())
        .min(draft.answers.len());
    let chosen: Option<usize> = answer.and_then(|a| a.parse().ok());
    let mut answers = draft.answers[..at].to_vec();
    let valid = chosen.and_then(|c| {
        answers.push(c);
        state.site.repairs.walk(&answers).ok()
    });
    let Some(step) = valid else {
        let mut errors = FieldErrors::default();
        errors.add("answer", "Select the answer that fits best");
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            &format!("/repairs/report/question?at={at}"),
            None::<String>,
            errors,
        )
        .await;
    };
    let communal = state.site.repairs.is_communal(&answers);
    if !communal {
        draft.communal_area_id = None;
    }
    draft.answers = answers;
    DRAFT.keep(&session, &draft).await?;
    let next = match step {
        Step::Ask(q) if q.communal && draft.communal_area_id.is_none() => {
            if place.block_id.is_none() {
                // A house has no shared areas: say so rather than ask.
                "/repairs/report/no-shared-areas"
            } else {
                "/repairs/report/communal"
            }
        }
        Step::Ask(_) => "/repairs/report/question",
        Step::Done(outcome) => match who_fixes(outcome, tenure) {
            WhoFixes::Landlord => "/repairs/report/describe",
            _ => "/repairs/report/not-ours",
        },
    };
    crate::server::request::redirect(next);
    Ok(())
}

/// The shared areas of the resident's block and its open communal repairs.
#[server(prefix = "/api", endpoint = "repairs/communal")]
pub async fn get_communal() -> Result<CommunalPage, AppError> {
    use crate::server::db::repairs::{communal_areas, open_communal_repairs};
    use crate::server::state::app_state;
    let (_, _, place, _) = support::resident().await?;
    let state = app_state()?;
    let block_id = place.block_id.ok_or(AppError::NotFound)?;
    let draft = support::draft_or_new().await?;
    let form = crate::server::forms::take_form::<Option<String>>(RESIDENT_FORM).await?;
    let now = chrono::Utc::now();
    Ok(CommunalPage {
        block: place.block_name.clone().unwrap_or_default(),
        open: open_communal_repairs(&state.db, block_id)
            .await?
            .iter()
            .map(|r| support::line(&state, r, now))
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

/// Chooses the shared area of the block the problem is in.
#[server(prefix = "/api", endpoint = "repairs/area")]
pub async fn choose_area(area: Option<String>) -> Result<(), AppError> {
    use crate::server::db::repairs::communal_areas;
    use crate::server::repairs::DRAFT;
    use crate::server::state::app_state;
    let (_, _, place, _) = support::resident().await?;
    let state = app_state()?;
    let block_id = place.block_id.ok_or(AppError::NotFound)?;
    let areas = communal_areas(&state.db, block_id).await?;
    let chosen = area
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|id| areas.iter().any(|a| a.id == *id));
    let Some(area_id) = chosen else {
        let mut errors = FieldErrors::default();
        errors.add("area", "Select where in the building the problem is");
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            "/repairs/report/communal",
            None::<String>,
            errors,
        )
        .await;
    };
    let session = crate::server::request::session()?;
    let mut draft = support::draft_or_new().await?;
    draft.communal_area_id = Some(area_id);
    DRAFT.keep(&session, &draft).await?;
    crate::server::request::redirect("/repairs/report/question");
    Ok(())
}

/// "I have this problem too": follows an open communal repair of the resident's own block.
#[server(prefix = "/api", endpoint = "repairs/follow")]
pub async fn follow_repair(reference: Option<String>) -> Result<(), AppError> {
    use crate::domain::reference::normalise_reference;
    use crate::server::db::repairs::{self as store, NewEvent};
    use crate::server::state::app_state;
    let (_, person_id, place, _) = support::resident().await?;
    let state = app_state()?;
    let reference = reference
        .as_deref()
        .and_then(|r| normalise_reference("RP", r))
        .ok_or(AppError::NotFound)?;
    let row = store::repair_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    // Only an open communal job in the resident's own block can be followed.
    let open = row.status.is_open();
    if row.communal_area_id.is_none() || row.block_id != place.block_id || !open {
        return Err(AppError::NotFound);
    }
    let now = chrono::Utc::now();
    if store::follow(&state.db, row.id, person_id, now).await? {
        store::add_event(
            &state.db,
            row.id,
            &NewEvent::shown("followed", "Another resident reported the same problem"),
            now,
        )
        .await?;
    }
    let session = crate::server::request::session()?;
    crate::server::repairs::DRAFT.drop(&session).await?;
    crate::server::request::redirect(&format!("/repairs/{reference}?following=1"));
    Ok(())
}

/// When the problem is the resident's to put right.
#[server(prefix = "/api", endpoint = "repairs/not-ours")]
pub async fn get_not_ours() -> Result<NotOursPage, AppError> {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    use crate::server::state::app_state;
    let (_, _, _, tenure) = support::resident().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    let Ok(Step::Done(outcome)) = state.site.repairs.walk(&draft.answers) else {
        return Err(AppError::NotFound);
    };
    Ok(match who_fixes(outcome, tenure) {
        WhoFixes::Tenant { advice } => NotOursPage {
            summary: outcome.summary.clone(),
            tenant_advice: Some(advice),
        },
        WhoFixes::Owner => NotOursPage {
            summary: outcome.summary.clone(),
            tenant_advice: None,
        },
        WhoFixes::Landlord => return Err(AppError::NotFound),
    })
}

/// The description page's values.
#[server(prefix = "/api", endpoint = "repairs/describe-form")]
pub async fn get_describe() -> Result<crate::wire::forms::FormState<DescribeValues>, AppError> {
    support::resident().await?;
    let draft = support::draft_or_new().await?;
    let mut form = crate::server::forms::take_form::<DescribeValues>(RESIDENT_FORM).await?;
    if form.errors.is_empty() {
        form.values.description = draft.description;
    }
    Ok(form)
}

#[server(prefix = "/api", endpoint = "repairs/describe")]
pub async fn describe(description: Option<String>) -> Result<(), AppError> {
    use crate::domain::repairs::DESCRIPTION_LIMIT;
    use crate::server::repairs::DRAFT;
    support::resident().await?;
    let session = crate::server::request::session()?;
    let description = description.unwrap_or_default().trim().to_owned();
    let mut errors = FieldErrors::default();
    if description.is_empty() {
        errors.add("description", "Describe the problem");
    } else if description.chars().count() > DESCRIPTION_LIMIT {
        errors.add(
            "description",
            format!("The description must be {DESCRIPTION_LIMIT} characters or fewer"),
        );
    }
    if !errors.is_empty() {
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            "/repairs/report/describe",
            DescribeValues { description },
            errors,
        )
        .await;
    }
    let mut draft = support::draft_or_new().await?;
    draft.description = description;
    DRAFT.keep(&session, &draft).await?;
    crate::server::request::redirect("/repairs/report/photos");
    Ok(())
}

/// The photos added so far.
#[server(prefix = "/api", endpoint = "repairs/photos")]
pub async fn get_photos() -> Result<PhotosPage, AppError> {
    use crate::server::db::repairs::draft_photos;
    use crate::server::repairs::{DRAFT, MAX_PHOTOS};
    use crate::server::state::app_state;
    let (_, person_id, _, _) = support::resident().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    // The upload handler finds the draft in the session: make sure there is one.
    DRAFT
        .keep(&crate::server::request::session()?, &draft)
        .await?;
    let form = crate::server::forms::take_form::<()>(RESIDENT_FORM).await?;
    let photos: Vec<i64> = draft_photos(&state.db, &draft.token, person_id)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    Ok(PhotosPage {
        may_add: photos.len() < MAX_PHOTOS,
        photos,
        errors: form.errors,
    })
}

/// Removes a photo from the report being written.
#[server(prefix = "/api", endpoint = "repairs/remove-photo")]
pub async fn remove_photo(photo: Option<String>) -> Result<(), AppError> {
    use crate::server::db::repairs::remove_draft_photo;
    use crate::server::state::app_state;
    let (_, person_id, _, _) = support::resident().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    if let Some(id) = photo.and_then(|p| p.parse::<i64>().ok()) {
        if let Some(key) = remove_draft_photo(&state.db, id, &draft.token, person_id).await? {
            state.storage.delete(&key).await?;
        }
    }
    crate::server::request::redirect("/repairs/report/photos");
    Ok(())
}

/// The access page's values, the phone prefilled from the resident's record.
#[server(prefix = "/api", endpoint = "repairs/access-form")]
pub async fn get_access() -> Result<crate::wire::forms::FormState<AccessValues>, AppError> {
    let (_, _, place, _) = support::resident().await?;
    let draft = support::draft_or_new().await?;
    let mut form = crate::server::forms::take_form::<AccessValues>(RESIDENT_FORM).await?;
    if form.errors.is_empty() {
        form.values = AccessValues {
            contact_phone: if draft.contact_phone.is_empty() {
                place.phone.unwrap_or_default()
            } else {
                draft.contact_phone
            },
            access_times: draft.access_times,
            pets: draft.pets,
            key_safe: draft.key_safe,
        };
    }
    Ok(form)
}

#[server(prefix = "/api", endpoint = "repairs/access")]
pub async fn give_access(
    access_times: Option<String>,
    pets: Option<String>,
    key_safe: Option<String>,
    contact_phone: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::repairs::NOTE_LIMIT;
    use crate::domain::validation::looks_like_phone;
    use crate::server::repairs::DRAFT;
    support::resident().await?;
    let values = AccessValues {
        access_times: access_times.unwrap_or_default().trim().to_owned(),
        pets: pets.unwrap_or_default().trim().to_owned(),
        key_safe: key_safe.unwrap_or_default().trim().to_owned(),
        contact_phone: contact_phone.unwrap_or_default().trim().to_owned(),
    };
    let mut errors = FieldErrors::default();
    for (field, value) in [
        ("access_times", &values.access_times),
        ("pets", &values.pets),
    ] {
        if value.chars().count() > NOTE_LIMIT {
            errors.add(
                field,
                format!("This must be {NOTE_LIMIT} characters or fewer"),
            );
        }
    }
    if !["", "yes", "no"].contains(&values.key_safe.as_str()) {
        errors.add("key_safe", "Select yes or no");
    }
    if values.contact_phone.is_empty() {
        errors.add(
            "contact_phone",
            "Enter a phone number we can call about this repair",
        );
    } else if !looks_like_phone(&values.contact_phone) {
        errors.add(
            "contact_phone",
            "Enter a phone number, like 07700 900 982 or 0161 496 0000",
        );
    }
    if !errors.is_empty() {
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            "/repairs/report/access",
            values,
            errors,
        )
        .await;
    }
    let session = crate::server::request::session()?;
    let mut draft = support::draft_or_new().await?;
    draft.access_times = values.access_times;
    draft.pets = values.pets;
    draft.key_safe = values.key_safe;
    draft.contact_phone = values.contact_phone;
    DRAFT.keep(&session, &draft).await?;
    crate::server::request::redirect("/repairs/report/check");
    Ok(())
}

/// "Check your answers", with the priority and target the report will get.
#[server(prefix = "/api", endpoint = "repairs/check")]
pub async fn get_check() -> Result<CheckPage, AppError> {
    use crate::server::db::repairs::{communal_areas, draft_photos};
    use crate::server::state::app_state;
    let (_, person_id, place, tenure) = support::resident().await?;
    let state = app_state()?;
    let draft = support::draft_or_new().await?;
    let plan = crate::server::repairs::report::plan(&state, &draft, tenure, chrono::Utc::now())?;
    let mut rows: Vec<(String, Vec<String>, String)> = Vec::new();
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
    Ok(CheckPage {
        token: draft.token.clone(),
        rows,
        priority: support::priority_name(&state, &plan.priority),
        target: support::when(plan.target_at),
        hazard_note: plan.hazard_note.clone(),
        recall_of: draft.recall_of.clone(),
    })
}

/// Sends the report: creates the job once per submission token and goes to its confirmation.
#[server(prefix = "/api", endpoint = "repairs/send")]
pub async fn send_report(token: Option<String>) -> Result<(), AppError> {
    use crate::server::repairs::{notify, DRAFT};
    use crate::server::state::app_state;
    let (account, person_id, place, tenure) = support::resident().await?;
    let state = app_state()?;
    let session = crate::server::request::session()?;
    let Some(draft) = crate::server::repairs::DRAFT.get(&session).await? else {
        // Already sent (a second click after the first went through): show "Your repairs".
        crate::server::request::redirect("/repairs");
        return Ok(());
    };
    if token.as_deref() != Some(draft.token.as_str()) {
        return Err(AppError::BadRequest);
    }
    // A recall sent from a second tab after the first: the job has its recall already.
    if let Some(original) = &draft.recall_of {
        let opened =
            match crate::server::db::repairs::repair_by_reference(&state.db, original).await? {
                Some(job) => crate::server::db::repairs::recall_of_job(&state.db, job.id).await?,
                None => None,
            };
        if let Some(recall) = opened {
            DRAFT.drop(&session).await?;
            crate::server::request::redirect(&format!("/repairs/{recall}"));
            return Ok(());
        }
    }
    let now = chrono::Utc::now();
    let (reference, created) = crate::server::repairs::report::create_from_draft(
        &state,
        &draft,
        person_id,
        Some(account.id),
        &place,
        tenure,
        now,
    )
    .await?;
    DRAFT.drop(&session).await?;
    if created {
        let repair = crate::server::db::repairs::repair_by_reference(&state.db, &reference)
            .await?
            .ok_or(AppError::NotFound)?;
        notify(
            &state,
            repair.id,
            &reference,
            &repair.summary,
            crate::domain::preferences::MessageKind::Acknowledged,
            "We have your report",
        )
        .await?;
    }
    crate::server::request::redirect(&format!("/repairs/{reference}/reported"));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Your repairs and each job.

/// "Your repairs": open first, then closed, newest first within each. An advocate first
/// chooses whose (`person`), among the residents whose current permission covers repairs.
#[server(prefix = "/api", endpoint = "repairs/yours")]
pub async fn get_your_repairs(person: Option<String>) -> Result<YourRepairs, AppError> {
    use crate::domain::housing::Role;
    use crate::server::authz::signed_in;
    use crate::server::db::repairs::{place_for_person, repairs_for_person};
    use crate::server::state::app_state;
    let state = app_state()?;
    let account = signed_in().await?;
    let (person_id, home_id, acting_for) = if account.role == Role::Advocate {
        let people = crate::server::repairs::represented(&state, &account).await?;
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
        let home = place_for_person(&state.db, chosen)
            .await?
            .map(|p| p.home_id);
        (chosen, home, Some((chosen, found.name)))
    } else {
        let (_, person_id, place, _) = support::resident().await?;
        (person_id, Some(place.home_id), None)
    };
    let now = chrono::Utc::now();
    let mut lines: Vec<RepairLine> = repairs_for_person(&state.db, person_id, home_id)
        .await?
        .iter()
        .map(|r| support::line(&state, r, now))
        .collect();
    lines.sort_by_key(|l| !l.open);
    Ok(YourRepairs {
        lines,
        represented: None,
        acting_for,
    })
}

/// One job, as a resident related to it or a colleague sees it.
#[server(prefix = "/api", endpoint = "repairs/job")]
pub async fn get_repair(reference: String) -> Result<RepairView, AppError> {
    use crate::server::authz::{may, Action};
    use crate::server::repairs::Standing;
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    let state = app_state()?;
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
    let mut view = support::view(&state, &row, staff, chrono::Utc::now()).await?;
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

/// A job's page with the messages of a form on it that failed (one request, one read of the
/// account: two nested loads on one page could hang when the session was being refreshed).
#[server(prefix = "/api", endpoint = "repairs/job-page")]
pub async fn get_repair_page(reference: String) -> Result<(RepairView, FieldErrors), AppError> {
    let view = get_repair(reference).await?;
    let errors = crate::server::forms::take_form::<()>(RESIDENT_FORM)
        .await?
        .errors;
    Ok((view, errors))
}

/// The slots a resident may book for a job: working days up to its target (at most three
/// weeks ahead), each period with a seat left.
#[server(prefix = "/api", endpoint = "repairs/slots")]
pub async fn get_slots(reference: String) -> Result<SlotsPage, AppError> {
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_manage_visits(&account, &standing)?;
    let state = app_state()?;
    let form = crate::server::forms::take_form::<()>(RESIDENT_FORM).await?;
    if !support::allowed(&state, &row, chrono::Utc::now()).may_book {
        return Err(AppError::NotFound);
    }
    let current = crate::server::db::repairs::booked_visit(&state.db, row.id)
        .await?
        .as_ref()
        .map(support::visit_words);
    let slots = offered_slots(&state, &row, chrono::Utc::now()).await?;
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

/// Free slots for the job's trade from tomorrow to its target date.
#[cfg(feature = "ssr")]
pub(crate) async fn offered_slots(
    state: &crate::server::state::AppState,
    row: &crate::server::db::repairs::RepairRow,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(chrono::NaiveDate, crate::domain::repairs::Period)>, AppError> {
    use crate::domain::london::to_local;
    use crate::domain::repairs::{visit_days, Period};
    let Some(trade) = state.site.repairs.trade(&row.trade) else {
        return Ok(Vec::new());
    };
    let today = to_local(now).date();
    let calendar = state.site.calendar.clone();
    let days = visit_days(
        today,
        to_local(row.target_at).date(),
        |d| calendar.is_working_day(d),
        15,
    );
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Ok(Vec::new());
    };
    let taken =
        crate::server::db::repairs::seats_taken(&state.db, &trade.code, *first, *last).await?;
    let mut slots = Vec::new();
    for day in days {
        for period in Period::ALL {
            let used = taken
                .iter()
                .find(|(d, p, _)| *d == day && p == period.as_str())
                .map(|(_, _, n)| *n)
                .unwrap_or(0);
            if used < i64::from(trade.capacity(period)) {
                slots.push((day, period));
            }
        }
    }
    Ok(slots)
}

/// Books (or moves) the visit to the chosen slot.
#[server(prefix = "/api", endpoint = "repairs/book")]
pub async fn book_slot(reference: String, slot: Option<String>) -> Result<(), AppError> {
    use crate::domain::repairs::Period;
    use crate::server::db::repairs::{book_visit, NewEvent};
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_manage_visits(&account, &standing)?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    if !support::allowed(&state, &row, now).may_book {
        return Err(AppError::NotFound);
    }
    let back = format!("/repairs/{}/book", row.reference);
    let parsed = slot.as_deref().and_then(|s| {
        let (day, period) = s.split_once('_')?;
        Some((
            day.parse::<chrono::NaiveDate>().ok()?,
            Period::parse(period)?,
        ))
    });
    let offered = offered_slots(&state, &row, now).await?;
    let mut errors = FieldErrors::default();
    match parsed {
        Some(choice) if offered.contains(&choice) => {
            let (day, period) = choice;
            let capacity = state
                .site
                .repairs
                .trade(&row.trade)
                .map(|t| t.capacity(period))
                .unwrap_or(0);
            let words = format!(
                "{}, {}",
                day.format("%A %-d %B %Y"),
                period.label().to_lowercase()
            );
            let moving = crate::server::db::repairs::booked_visit(&state.db, row.id)
                .await?
                .is_some();
            let title = if moving {
                "Visit changed"
            } else {
                "Visit booked"
            };
            let event = NewEvent::shown("visit_booked", title)
                .with_body(Some(words.clone()))
                .by(Some(account.id))
                .for_person(standing.on_behalf_of());
            if book_visit(
                &state.db,
                row.id,
                &row.trade,
                day,
                period.as_str(),
                capacity,
                Some(account.id),
                &event,
                now,
            )
            .await?
            {
                crate::server::repairs::notify(
                    &state,
                    row.id,
                    &row.reference,
                    &row.summary,
                    crate::domain::preferences::MessageKind::AppointmentBooked,
                    &format!("{title}{}: {words}", by_for(&account, &standing)),
                )
                .await?;
                audit_for(&state, &account, &standing, &row.reference, "visit_booked").await?;
                crate::server::request::redirect(&format!("/repairs/{}?booked=1", row.reference));
                return Ok(());
            }
            errors.add("slot", "Someone has just taken that slot. Choose another");
        }
        Some(_) => errors.add("slot", "That slot is no longer available. Choose another"),
        None => errors.add("slot", "Select a day and time for the visit"),
    }
    crate::server::forms::back_to_form(RESIDENT_FORM, &back, (), errors).await
}

/// " by Priya Shah for you", when an advocate acted for the resident; nothing otherwise.
#[cfg(feature = "ssr")]
fn by_for(
    account: &crate::server::db::accounts::Account,
    standing: &crate::server::repairs::Standing,
) -> String {
    match standing {
        crate::server::repairs::Standing::ActingFor { .. } => {
            format!(" by {} for you", account.display_name)
        }
        _ => String::new(),
    }
}

/// An advocate's change to a resident's repair goes into the audit trail, as staff changes do.
#[cfg(feature = "ssr")]
async fn audit_for(
    state: &crate::server::state::AppState,
    account: &crate::server::db::accounts::Account,
    standing: &crate::server::repairs::Standing,
    reference: &str,
    what: &str,
) -> Result<(), AppError> {
    let Some(person) = standing.on_behalf_of() else {
        return Ok(());
    };
    crate::server::db::accounts::record_audit(
        &state.db,
        crate::server::db::accounts::AuditEvent::by(Some(account.id), "repair_changed")
            .on("repair", reference)
            .for_person(Some(person))
            .detail(what.to_owned()),
        chrono::Utc::now(),
    )
    .await
}

/// Cancels the booked visit, with the reason.
#[server(prefix = "/api", endpoint = "repairs/cancel-visit")]
pub async fn cancel_booked_visit(
    reference: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::repairs::CANCEL_REASONS;
    use crate::server::db::repairs::{cancel_visit, NewEvent};
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_manage_visits(&account, &standing)?;
    let state = app_state()?;
    let Some((code, words)) = reason
        .as_deref()
        .and_then(|r| CANCEL_REASONS.iter().find(|(c, _)| *c == r))
    else {
        let mut errors = FieldErrors::default();
        errors.add("reason", "Select why you are cancelling the visit");
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            &format!("/repairs/{}/cancel", row.reference),
            (),
            errors,
        )
        .await;
    };
    let now = chrono::Utc::now();
    let event = NewEvent::shown("visit_cancelled", "Visit cancelled")
        .with_body(Some(format!("Reason: {words}")))
        .by(Some(account.id))
        .for_person(standing.on_behalf_of());
    if cancel_visit(&state.db, row.id, code, &event, now).await? {
        crate::server::repairs::notify(
            &state,
            row.id,
            &row.reference,
            &row.summary,
            crate::domain::preferences::MessageKind::Update,
            &format!("Visit cancelled{}", by_for(&account, &standing)),
        )
        .await?;
        audit_for(
            &state,
            &account,
            &standing,
            &row.reference,
            "visit_cancelled",
        )
        .await?;
    }
    crate::server::request::redirect(&format!("/repairs/{}", row.reference));
    Ok(())
}

/// "Is it fixed?" Yes closes the question; no starts a recall report linked to this job.
#[server(prefix = "/api", endpoint = "repairs/fixed")]
pub async fn say_fixed(reference: String, fixed: Option<String>) -> Result<(), AppError> {
    use crate::server::db::repairs::{change_repair, Change, NewEvent};
    use crate::server::repairs::{Draft, DRAFT};
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_answer(&account, &standing)?;
    let (_, _, _, tenure) = support::resident().await?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    // One recall per job: "not fixed" again (from an old tab) goes to the one already opened.
    if fixed.as_deref() == Some("no") {
        if let Some(recall) = crate::server::db::repairs::recall_of_job(&state.db, row.id).await? {
            crate::server::request::redirect(&format!("/repairs/{recall}"));
            return Ok(());
        }
    }
    if !support::allowed(&state, &row, now).ask_fixed {
        return Err(AppError::NotFound);
    }
    match fixed.as_deref() {
        Some("yes") => {
            let change = Change {
                fixed: Some("yes"),
                ..Default::default()
            };
            let event = NewEvent::shown("fixed", "You told us it is fixed").by(Some(account.id));
            change_repair(&state.db, row.id, &change, Some(&event), now).await?;
            crate::server::request::redirect(&format!("/repairs/{}", row.reference));
        }
        Some("no") => {
            // A recall repeats the original diagnosis; the resident describes what is wrong now.
            let answers = recall_answers(&state, &row);
            let draft = Draft {
                token: crate::server::tokens::submission_token(),
                answers,
                communal_area_id: row.communal_area_id,
                access_times: row.access_times.clone(),
                pets: row.pets.clone(),
                key_safe: row.key_safe.clone(),
                contact_phone: row.contact_phone.clone(),
                recall_of: Some(row.reference.clone()),
                ..Default::default()
            };
            if plan_ready(&state, &draft, tenure) {
                DRAFT
                    .keep(&crate::server::request::session()?, &draft)
                    .await?;
                crate::server::request::redirect("/repairs/report/describe");
            } else {
                return Err(AppError::NotFound);
            }
        }
        _ => {
            let mut errors = FieldErrors::default();
            errors.add("fixed", "Select yes if the repair is fixed");
            return crate::server::forms::back_to_form(
                RESIDENT_FORM,
                &format!("/repairs/{}", row.reference),
                (),
                errors,
            )
            .await;
        }
    }
    Ok(())
}

/// The answers that led to the original job's outcome, found again from the stored words.
#[cfg(feature = "ssr")]
fn recall_answers(
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

#[cfg(feature = "ssr")]
fn plan_ready(
    state: &crate::server::state::AppState,
    draft: &crate::server::repairs::Draft,
    tenure: crate::domain::housing::Tenure,
) -> bool {
    use crate::domain::repairs::{who_fixes, Step, WhoFixes};
    matches!(state.site.repairs.walk(&draft.answers), Ok(Step::Done(o)) if who_fixes(o, tenure) == WhoFixes::Landlord)
}

/// The one-question satisfaction rating, with an optional comment.
#[server(prefix = "/api", endpoint = "repairs/rate")]
pub async fn rate_repair(
    reference: String,
    rating: Option<String>,
    comment: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::repairs::NOTE_LIMIT;
    use crate::server::db::repairs::{change_repair, Change, NewEvent};
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_answer(&account, &standing)?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    if !support::allowed(&state, &row, now).may_rate {
        return Err(AppError::NotFound);
    }
    let comment = comment.unwrap_or_default().trim().to_owned();
    let value = rating
        .and_then(|r| r.parse::<i64>().ok())
        .filter(|r| (1..=5).contains(r));
    let mut errors = FieldErrors::default();
    if value.is_none() {
        errors.add("rating", "Select how satisfied you are, from 1 to 5");
    }
    if comment.chars().count() > NOTE_LIMIT {
        errors.add(
            "comment",
            format!("Your comment must be {NOTE_LIMIT} characters or fewer"),
        );
    }
    let Some(value) = value.filter(|_| errors.is_empty()) else {
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            &format!("/repairs/{}", row.reference),
            (),
            errors,
        )
        .await;
    };
    let change = Change {
        rating: Some((value, (!comment.is_empty()).then_some(comment))),
        ..Default::default()
    };
    let event = NewEvent::shown("rated", format!("You rated this repair {value} out of 5"))
        .by(Some(account.id));
    change_repair(&state.db, row.id, &change, Some(&event), now).await?;
    crate::server::request::redirect(&format!("/repairs/{}?rated=1", row.reference));
    Ok(())
}
