//! Checking the standards: every timescale readable, nothing longer than the law allows, the
//! regime fitting the nation.

use super::*;

/// A timescale no longer, in an ordinary month, than `months` calendar months: per month at
/// most four weeks, 28 days or 20 working days (four weeks' worth). A subject access promise of
/// 20 working days can still end after the legal date over Christmas; the engine then shows the
/// legal date (`subject_access::Request::first_deadline`).
pub(super) fn within_months(t: Timescale, months: u32) -> bool {
    let most = match t.unit {
        Unit::CalendarMonths => 1,
        Unit::Weeks => 4,
        Unit::CalendarDays => 28,
        Unit::WorkingDays => 20,
        Unit::ClockHours => 28 * 24,
    };
    t.amount <= most * months
}

/// A required timescale: "is missing" when absent, the parse problem when malformed.
pub(super) fn timescale(
    value: &Option<String>,
    field: &str,
    errors: &mut Vec<ProfileError>,
) -> Option<Timescale> {
    if value.is_none() {
        errors.push(problem(field, "is missing"));
    }
    optional_timescale(value, field, errors)
}

pub(super) fn optional_timescale(
    value: &Option<String>,
    field: &str,
    errors: &mut Vec<ProfileError>,
) -> Option<Timescale> {
    let text = value.as_deref()?;
    match Timescale::parse(text) {
        Ok(t) => Some(t),
        Err(message) => {
            errors.push(problem(field, &message));
            None
        }
    }
}

pub(super) fn missing<T>(
    value: Option<T>,
    field: &str,
    errors: &mut Vec<ProfileError>,
) -> Option<T> {
    if value.is_none() {
        errors.push(problem(field, "is missing"));
    }
    value
}

#[allow(clippy::too_many_arguments)]
pub fn validate_standards(
    nation: Option<Nation>,
    due_soon: Option<RawDueSoon>,
    contact_standards: Option<Vec<RawContactStandard>>,
    complaints: Option<RawComplaints>,
    repair_priorities: Option<Vec<RawRepairPriority>>,
    hazards: Option<RawHazards>,
    subject_access: Option<RawSubjectAccess>,
    satisfaction: Option<RawSatisfaction>,
    errors: &mut Vec<ProfileError>,
) -> Option<Standards> {
    let due_soon = DueSoon {
        working_days: due_soon.as_ref().and_then(|d| d.working_days).unwrap_or(2),
        hours: due_soon.as_ref().and_then(|d| d.hours).unwrap_or(4),
    };
    let contact_standards = validate_contact_standards(contact_standards, errors);
    let complaints = validate_complaints(complaints, nation, errors);
    let repair_priorities = validate_repairs(repair_priorities, errors);
    let hazards = validate_hazards(hazards, nation, errors);
    let subject_access = missing(subject_access, "subject_access", errors).and_then(|s| {
        let respond = timescale(&s.respond, "subject_access.respond", errors)?;
        if !within_months(respond, 1) {
            errors.push(problem(
                "subject_access.respond",
                "may be no longer than the law's one calendar month (for example \"1 calendar month\", or a promise such as \"20 working days\"; where a promise ends after the legal date, the legal date is shown)",
            ));
        }
        let extension = optional_timescale(&s.extension, "subject_access.extension", errors);
        if extension.is_some_and(|e| !within_months(e, 2)) {
            errors.push(problem(
                "subject_access.extension",
                "may be no more than the law's two further calendar months",
            ));
        }
        Some(SubjectAccess { respond, extension })
    });
    let satisfaction = validate_satisfaction(satisfaction, errors);
    Some(Standards {
        due_soon,
        contact_standards: contact_standards?,
        complaints: complaints?,
        repair_priorities: repair_priorities?,
        hazards: hazards?,
        subject_access: subject_access?,
        satisfaction,
    })
}

pub(super) fn validate_contact_standards(
    raw: Option<Vec<RawContactStandard>>,
    errors: &mut Vec<ProfileError>,
) -> Option<Vec<ContactStandard>> {
    let raw = missing(raw, "contact_standards", errors)?;
    if raw.is_empty() {
        errors.push(problem(
            "contact_standards",
            "must list at least one kind of contact",
        ));
    }
    let mut standards = Vec::new();
    for (i, c) in raw.iter().enumerate() {
        let field = |name: &str| format!("contact_standards[{i}].{name}");
        let kind = required(&c.kind, &field("kind"), errors);
        let description = required(&c.description, &field("description"), errors);
        let acknowledge = optional_timescale(&c.acknowledge, &field("acknowledge"), errors);
        let respond = optional_timescale(&c.respond, &field("respond"), errors);
        let complex = optional_timescale(&c.complex, &field("complex"), errors);
        let update = optional_timescale(&c.update, &field("update"), errors);
        let respond_by_text =
            optional_timescale(&c.respond_by_text, &field("respond_by_text"), errors);
        if respond_by_text.is_some() && respond.is_none() {
            errors.push(problem(
                &field("respond_by_text"),
                "needs a respond time for everything else",
            ));
        }
        if c.acknowledge.is_none() && c.respond.is_none() && c.update.is_none() {
            errors.push(problem(
                &format!("contact_standards[{i}]"),
                "needs at least one of acknowledge, respond or update",
            ));
        }
        standards.push(ContactStandard {
            kind,
            description,
            acknowledge,
            respond,
            complex,
            update,
            respond_by_text,
            promise: c
                .promise
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        });
    }
    Some(standards)
}

/// The complaints regime a nation's social landlords are under: the Housing Ombudsman's Code in
/// England, the SPSO model procedure in Scotland. Wales (the Public Services Ombudsman for
/// Wales) and Northern Ireland (the NI Public Services Ombudsman) have no regime here yet.
pub(super) fn regime_fits(kind: RegimeKind, nation: Nation) -> bool {
    matches!(
        (kind, nation),
        (RegimeKind::HousingOmbudsmanCode, Nation::England)
            | (RegimeKind::SpsoModel, Nation::Scotland)
    )
}

pub(super) fn validate_complaints(
    raw: Option<RawComplaints>,
    nation: Option<Nation>,
    errors: &mut Vec<ProfileError>,
) -> Option<ComplaintRegime> {
    let raw = missing(raw, "complaints", errors)?;
    let kind = match raw.regime.as_deref() {
        Some("housing_ombudsman_code") => Some(RegimeKind::HousingOmbudsmanCode),
        Some("spso_model") => Some(RegimeKind::SpsoModel),
        Some(other) => {
            errors.push(problem(
                "complaints.regime",
                &format!("\"{other}\" is not a regime; use housing_ombudsman_code or spso_model"),
            ));
            None
        }
        None => {
            errors.push(problem("complaints.regime", "is missing"));
            None
        }
    };
    let raw_stages = missing(raw.stages, "complaints.stages", errors).unwrap_or_default();
    if raw_stages.len() != 2 {
        errors.push(problem("complaints.stages", "must have exactly two stages"));
    }
    let mut stages = Vec::new();
    for (i, s) in raw_stages.iter().enumerate() {
        let field = |name: &str| format!("complaints.stages[{i}].{name}");
        let name = required(&s.name, &field("name"), errors);
        let acknowledge = optional_timescale(&s.acknowledge, &field("acknowledge"), errors);
        let extension_limit =
            optional_timescale(&s.extension_limit, &field("extension_limit"), errors);
        let respond_from = match s.respond_from.as_deref() {
            None | Some("receipt") => RespondFrom::Receipt,
            Some("acknowledgement") => RespondFrom::Acknowledgement,
            Some(other) => {
                errors.push(problem(
                    &field("respond_from"),
                    &format!("\"{other}\" must be receipt or acknowledgement"),
                ));
                RespondFrom::Receipt
            }
        };
        if respond_from == RespondFrom::Acknowledgement && s.acknowledge.is_none() {
            errors.push(problem(
                &field("acknowledge"),
                "is missing: the response counts from the acknowledgement",
            ));
        }
        if let Some(respond) = timescale(&s.respond, &field("respond"), errors) {
            stages.push(ComplaintStage {
                name,
                acknowledge,
                respond,
                respond_from,
                extension_limit,
            });
        }
    }
    let ombudsman = missing(raw.ombudsman, "complaints.ombudsman", errors).map(|o| Ombudsman {
        name: required(&o.name, "complaints.ombudsman.name", errors),
        phone: required(&o.phone, "complaints.ombudsman.phone", errors),
        website: required(&o.website, "complaints.ombudsman.website", errors),
        time_limit: required(&o.time_limit, "complaints.ombudsman.time_limit", errors),
    });
    if let (Some(kind), Some(nation)) = (kind, nation) {
        if !regime_fits(kind, nation) {
            let fits = match nation {
                Nation::England => "housing_ombudsman_code".to_owned(),
                Nation::Scotland => "spso_model".to_owned(),
                other => format!(
                    "none yet: Doorstep has no complaints regime for {other}; see docs/policy.md"
                ),
            };
            errors.push(problem(
                "complaints.regime",
                &format!("does not apply to homes in {nation}; the regime there is {fits}"),
            ));
        }
    }
    Some(ComplaintRegime {
        kind: kind?,
        stages,
        different_handler_at_stage_2: raw.different_handler_at_stage_2.unwrap_or(true),
        ombudsman: ombudsman?,
        exclusions: raw.exclusions.unwrap_or_default(),
    })
}

pub(super) fn validate_repairs(
    raw: Option<Vec<RawRepairPriority>>,
    errors: &mut Vec<ProfileError>,
) -> Option<Vec<RepairPriority>> {
    let raw = missing(raw, "repair_priorities", errors)?;
    let mut priorities: Vec<RepairPriority> = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let field = |name: &str| format!("repair_priorities[{i}].{name}");
        let code = required(&r.code, &field("code"), errors);
        let name = required(&r.name, &field("name"), errors);
        if priorities.iter().any(|p| p.code == code) {
            errors.push(problem(
                &field("code"),
                &format!("\"{code}\" is used twice"),
            ));
        }
        if let Some(target) = timescale(&r.target, &field("target"), errors) {
            priorities.push(RepairPriority {
                code,
                name,
                target,
                emergency: r.emergency.unwrap_or(false),
                residents_may_book: r.residents_may_book.unwrap_or(false),
            });
        }
    }
    if !raw.is_empty() && !raw.iter().any(|r| r.emergency == Some(true)) {
        errors.push(problem(
            "repair_priorities",
            "must include an emergency priority",
        ));
    }
    if raw.is_empty() {
        errors.push(problem(
            "repair_priorities",
            "must list at least one priority",
        ));
    }
    Some(priorities)
}

/// A timescale no longer than the law's: the same unit and no more of it (a landlord may
/// promise faster, never slower).
pub(super) fn no_longer_than_law(
    value: Option<Timescale>,
    law: Timescale,
    field: &str,
    errors: &mut Vec<ProfileError>,
) -> Option<Timescale> {
    let t = value?;
    if t.unit != law.unit || t.amount > law.amount {
        errors.push(problem(
            field,
            &format!("may be no longer than the law's {law} (write it in the same unit)"),
        ));
    }
    Some(t)
}
