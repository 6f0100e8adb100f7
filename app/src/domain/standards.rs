//! The landlord's service standards as a profile states them, checked: contact standards,
//! the complaint regime, repair priorities, hazard rules (Awaab's Law), subject access
//! requests, the due-soon threshold and satisfaction targets.

use super::deadline::DueSoon;
use super::housing::Nation;
use super::problems::{problem, required, ProfileError};
use super::timescale::{Timescale, Unit};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDueSoon {
    pub working_days: Option<u32>,
    pub hours: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContactStandard {
    pub kind: Option<String>,
    pub description: Option<String>,
    pub acknowledge: Option<String>,
    pub respond: Option<String>,
    pub complex: Option<String>,
    pub update: Option<String>,
    pub promise: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawComplaints {
    pub regime: Option<String>,
    pub different_handler_at_stage_2: Option<bool>,
    pub stages: Option<Vec<RawStage>>,
    pub ombudsman: Option<RawOmbudsman>,
    pub exclusions: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    pub name: Option<String>,
    pub acknowledge: Option<String>,
    pub respond: Option<String>,
    pub respond_from: Option<String>,
    pub extension_limit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOmbudsman {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub time_limit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRepairPriority {
    pub code: Option<String>,
    pub name: Option<String>,
    pub target: Option<String>,
    pub emergency: Option<bool>,
    pub residents_may_book: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHazards {
    /// "awaabs_law" (England), "scotland" (the 2026 Scottish damp and mould regulations) or
    /// "none".
    pub law: Option<String>,
    /// Earlier profiles said `awaabs_law = true` or `false`; still read as `law`.
    pub awaabs_law: Option<bool>,
    /// Scotland: the hazard kinds (an outcome's `hazard_kind` in the repairs file) the
    /// regulations cover.
    pub kinds: Option<Vec<String>>,
    pub investigate: Option<String>,
    pub written_summary: Option<String>,
    pub start_repairs: Option<String>,
    pub emergency_make_safe: Option<String>,
    pub significant_investigate: Option<String>,
    pub significant_written_summary: Option<String>,
    pub significant_safety_work: Option<String>,
    pub significant_further_work_begin: Option<String>,
    pub significant_further_work_start_on_site: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSubjectAccess {
    pub respond: Option<String>,
    pub extension: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSatisfaction {
    pub tenants: Option<i64>,
    pub homeowners: Option<i64>,
    pub repairs: Option<i64>,
}

/// How quickly a kind of contact is answered ("emails": reply within 3 working days).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactStandard {
    pub kind: String,
    /// Plural, for sentences: "emails", "letters", "enquiries not dealt with at once".
    pub description: String,
    pub acknowledge: Option<Timescale>,
    pub respond: Option<Timescale>,
    /// How long a complex one may take instead.
    pub complex: Option<Timescale>,
    /// The longest we go without telling the resident how it is going.
    pub update: Option<Timescale>,
    /// Anything else promised for this kind of contact, as its own sentence ("We will tell you
    /// which team and colleague is helping, and agree a plan with you.").
    #[serde(default)]
    pub promise: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegimeKind {
    /// The Housing Ombudsman's Complaint Handling Code (England).
    HousingOmbudsmanCode,
    /// The SPSO model complaints handling procedure (Scotland).
    SpsoModel,
}

/// When a stage's response clock starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RespondFrom {
    Acknowledgement,
    Receipt,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintStage {
    pub name: String,
    pub acknowledge: Option<Timescale>,
    pub respond: Timescale,
    pub respond_from: RespondFrom,
    /// The most a response may be extended by, with a reason; `None`: no fixed limit is set,
    /// an extension still needs a reason and a new date.
    pub extension_limit: Option<Timescale>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ombudsman {
    pub name: String,
    pub phone: String,
    pub website: String,
    /// In words: "within 12 months of our final response".
    pub time_limit: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintRegime {
    pub kind: RegimeKind,
    pub stages: Vec<ComplaintStage>,
    pub different_handler_at_stage_2: bool,
    pub ombudsman: Ombudsman,
    pub exclusions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairPriority {
    pub code: String,
    pub name: String,
    pub target: Timescale,
    pub emergency: bool,
    pub residents_may_book: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaabTimescales {
    pub emergency_make_safe: Timescale,
    pub significant_investigate: Timescale,
    pub significant_written_summary: Timescale,
    pub significant_safety_work: Timescale,
    pub significant_further_work_begin: Timescale,
    pub significant_further_work_start_on_site: Timescale,
}

/// Scotland's damp and mould duties (the Investigation and Commencement of Repair (Scotland)
/// Regulations 2026, SSI 2026/173, in force 6 October 2026).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScottishHazardTimescales {
    /// The hazard kinds the regulations cover ("damp_and_mould").
    pub kinds: Vec<String>,
    pub investigate: Timescale,
    pub written_summary: Timescale,
    pub start_repairs: Timescale,
}

/// The hazard law a landlord's homes are under: one per nation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HazardLaw {
    AwaabsLaw(AwaabTimescales),
    Scotland(ScottishHazardTimescales),
}

impl HazardLaw {
    /// How a resident and a colleague see the law named next to a deadline.
    pub fn name(&self) -> &'static str {
        match self {
            HazardLaw::AwaabsLaw(_) => "Awaab's Law",
            HazardLaw::Scotland(_) => "the Scottish damp and mould regulations",
        }
    }

    pub fn awaabs_law(&self) -> Option<&AwaabTimescales> {
        match self {
            HazardLaw::AwaabsLaw(a) => Some(a),
            HazardLaw::Scotland(_) => None,
        }
    }

    pub fn scotland(&self) -> Option<&ScottishHazardTimescales> {
        match self {
            HazardLaw::Scotland(s) => Some(s),
            HazardLaw::AwaabsLaw(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HazardRules {
    /// `None` where no hazard law applies (Wales and Northern Ireland today).
    pub law: Option<HazardLaw>,
}

impl HazardRules {
    pub fn awaabs_law(&self) -> Option<&AwaabTimescales> {
        self.law.as_ref().and_then(HazardLaw::awaabs_law)
    }

    /// The law's name for pages and timelines ("Awaab's Law"), if there is a hazard law.
    pub fn law_name(&self) -> Option<&'static str> {
        self.law.as_ref().map(HazardLaw::name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectAccess {
    pub respond: Timescale,
    pub extension: Option<Timescale>,
}

/// Percentages the landlord aims for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SatisfactionTargets {
    pub tenants: Option<u8>,
    pub homeowners: Option<u8>,
    pub repairs: Option<u8>,
}

pub struct Standards {
    pub due_soon: DueSoon,
    pub contact_standards: Vec<ContactStandard>,
    pub complaints: ComplaintRegime,
    pub repair_priorities: Vec<RepairPriority>,
    pub hazards: HazardRules,
    pub subject_access: SubjectAccess,
    pub satisfaction: SatisfactionTargets,
}

/// A timescale no longer, in an ordinary month, than `months` calendar months: per month at
/// most four weeks, 28 days or 20 working days (four weeks' worth). A subject access promise of
/// 20 working days can still end after the legal date over Christmas; the engine then shows the
/// legal date (`subject_access::Request::first_deadline`).
fn within_months(t: Timescale, months: u32) -> bool {
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
fn timescale(
    value: &Option<String>,
    field: &str,
    errors: &mut Vec<ProfileError>,
) -> Option<Timescale> {
    if value.is_none() {
        errors.push(problem(field, "is missing"));
    }
    optional_timescale(value, field, errors)
}

fn optional_timescale(
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

fn missing<T>(value: Option<T>, field: &str, errors: &mut Vec<ProfileError>) -> Option<T> {
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

fn validate_contact_standards(
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
fn regime_fits(kind: RegimeKind, nation: Nation) -> bool {
    matches!(
        (kind, nation),
        (RegimeKind::HousingOmbudsmanCode, Nation::England)
            | (RegimeKind::SpsoModel, Nation::Scotland)
    )
}

fn validate_complaints(
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

fn validate_repairs(
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
fn no_longer_than_law(
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

fn validate_hazards(
    raw: Option<RawHazards>,
    nation: Option<Nation>,
    errors: &mut Vec<ProfileError>,
) -> Option<HazardRules> {
    use super::timescale::Unit::{ClockHours, Weeks, WorkingDays};
    let raw = missing(raw, "hazards", errors)?;
    let law = match (raw.law.as_deref(), raw.awaabs_law) {
        (Some(law), _) => law.to_owned(),
        (None, Some(true)) => "awaabs_law".to_owned(),
        (None, Some(false)) => "none".to_owned(),
        (None, None) => {
            errors.push(problem(
                "hazards.law",
                "is missing: say awaabs_law (England), scotland or none",
            ));
            return None;
        }
    };
    let field = if raw.law.is_some() {
        "hazards.law"
    } else {
        "hazards.awaabs_law"
    };
    let t = |value: &Option<String>, name: &str, law: Timescale, errors: &mut Vec<ProfileError>| {
        let field = format!("hazards.{name}");
        let value = timescale(value, &field, errors);
        no_longer_than_law(value, law, &field, errors)
    };
    let wd = |n| Timescale::new(n, WorkingDays);
    match law.as_str() {
        "none" => Some(HazardRules { law: None }),
        "awaabs_law" => {
            if nation.is_some_and(|n| n != Nation::England) {
                errors.push(problem(
                    field,
                    "Awaab's Law applies to homes in England only",
                ));
            }
            let timescales = AwaabTimescales {
                emergency_make_safe: t(
                    &raw.emergency_make_safe,
                    "emergency_make_safe",
                    Timescale::new(24, ClockHours),
                    errors,
                )?,
                significant_investigate: t(
                    &raw.significant_investigate,
                    "significant_investigate",
                    wd(10),
                    errors,
                )?,
                significant_written_summary: t(
                    &raw.significant_written_summary,
                    "significant_written_summary",
                    wd(3),
                    errors,
                )?,
                significant_safety_work: t(
                    &raw.significant_safety_work,
                    "significant_safety_work",
                    wd(5),
                    errors,
                )?,
                significant_further_work_begin: t(
                    &raw.significant_further_work_begin,
                    "significant_further_work_begin",
                    wd(5),
                    errors,
                )?,
                significant_further_work_start_on_site: t(
                    &raw.significant_further_work_start_on_site,
                    "significant_further_work_start_on_site",
                    Timescale::new(12, Weeks),
                    errors,
                )?,
            };
            Some(HazardRules {
                law: Some(HazardLaw::AwaabsLaw(timescales)),
            })
        }
        "scotland" => {
            if nation.is_some_and(|n| n != Nation::Scotland) {
                errors.push(problem(
                    field,
                    "the Scottish damp and mould regulations apply to homes in Scotland only",
                ));
            }
            let kinds: Vec<String> = raw
                .kinds
                .clone()
                .unwrap_or_default()
                .into_iter()
                .map(|k| k.trim().to_owned())
                .filter(|k| !k.is_empty())
                .collect();
            if kinds.is_empty() {
                errors.push(problem(
                    "hazards.kinds",
                    "must name the hazard kinds the regulations cover, for example [\"damp_and_mould\"]",
                ));
            }
            let timescales = ScottishHazardTimescales {
                kinds,
                investigate: t(&raw.investigate, "investigate", wd(10), errors)?,
                written_summary: t(&raw.written_summary, "written_summary", wd(3), errors)?,
                start_repairs: t(&raw.start_repairs, "start_repairs", wd(5), errors)?,
            };
            Some(HazardRules {
                law: Some(HazardLaw::Scotland(timescales)),
            })
        }
        other => {
            errors.push(problem(
                field,
                &format!(
                    "\"{other}\" is not a hazard law; use awaabs_law (England), scotland or none"
                ),
            ));
            None
        }
    }
}

fn validate_satisfaction(
    raw: Option<RawSatisfaction>,
    errors: &mut Vec<ProfileError>,
) -> SatisfactionTargets {
    let Some(raw) = raw else {
        return SatisfactionTargets::default();
    };
    let mut percent = |value: Option<i64>, name: &str| {
        value.and_then(|v| match u8::try_from(v) {
            Ok(p) if p <= 100 => Some(p),
            _ => {
                errors.push(problem(
                    &format!("satisfaction_targets.{name}"),
                    "must be a percentage from 0 to 100",
                ));
                None
            }
        })
    };
    SatisfactionTargets {
        tenants: percent(raw.tenants, "tenants"),
        homeowners: percent(raw.homeowners, "homeowners"),
        repairs: percent(raw.repairs, "repairs"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_access_timescale_may_not_outrun_the_law() {
        let t = |amount, unit| Timescale::new(amount, unit);
        assert!(within_months(t(1, Unit::CalendarMonths), 1));
        assert!(within_months(t(20, Unit::WorkingDays), 1));
        assert!(!within_months(t(21, Unit::WorkingDays), 1));
        assert!(!within_months(t(30, Unit::CalendarDays), 1));
        assert!(within_months(t(2, Unit::CalendarMonths), 2));
        assert!(!within_months(t(3, Unit::CalendarMonths), 2));
    }
}
