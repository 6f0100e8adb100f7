//! Checking the hazard law's timescales and the satisfaction targets.

use super::*;

pub(super) fn validate_hazards(
    raw: Option<RawHazards>,
    nation: Option<Nation>,
    errors: &mut Vec<ProfileError>,
) -> Option<HazardRules> {
    use crate::domain::timescale::Unit::{ClockHours, Weeks, WorkingDays};
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

pub(super) fn validate_satisfaction(
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
