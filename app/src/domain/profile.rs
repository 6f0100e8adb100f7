//! A landlord's policy profile: who the landlord is, how to reach them and when, and the
//! standards every deadline comes from (contact standards, complaint regime, repair priorities,
//! hazard rules, subject access requests). Profiles are files people edit
//! (`config/profiles/*.toml`), so every problem is reported with the field's path.

use super::calendar::{BankHoliday, CalendarChanges};
use super::deadline::DueSoon;
pub use super::hours::{time_in_words, weekday_name, OfficeHours, WEEKDAYS};
use super::housing::{Nation, TenancyKind};
pub use super::problems::{problem, required, ProfileError};
use super::standards::{
    validate_standards, ComplaintRegime, ContactStandard, HazardRules, RawComplaints,
    RawContactStandard, RawDueSoon, RawHazards, RawRepairPriority, RawSatisfaction,
    RawSubjectAccess, RepairPriority, SatisfactionTargets, SubjectAccess,
};
use super::validation::{looks_like_email, looks_like_https_address, looks_like_phone};
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The profile as written in the file, before it is checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub landlord: Option<RawLandlord>,
    pub nation: Option<String>,
    pub office_hours: Option<BTreeMap<String, String>>,
    pub calendar: Option<RawCalendar>,
    pub due_soon: Option<RawDueSoon>,
    pub contact_standards: Option<Vec<RawContactStandard>>,
    pub complaints: Option<RawComplaints>,
    pub repair_priorities: Option<Vec<RawRepairPriority>>,
    pub hazards: Option<RawHazards>,
    pub subject_access: Option<RawSubjectAccess>,
    pub satisfaction_targets: Option<RawSatisfaction>,
    pub repairs: Option<RawRepairsPolicy>,
    pub cases: Option<RawCasesPolicy>,
    pub service_charges: Option<RawServiceCharges>,
    pub contact: Option<RawContact>,
    pub teams: Option<RawTeams>,
}

/// The team each kind of work goes to on a new installation, by the team's name.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeams {
    pub routes: Option<BTreeMap<String, String>>,
}

/// Ways of contact the landlord offers beyond email, text, phone and letter.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub extra_channels: Option<Vec<String>>,
}

/// Cost headings the landlord uses beyond the standard ones (cleaning, grounds maintenance...).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServiceCharges {
    pub extra_headings: Option<Vec<String>>,
}

/// Which contact standard answers enquiries and compliments made through Doorstep.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCasesPolicy {
    pub enquiry_standard: Option<String>,
    pub compliment_standard: Option<String>,
    pub message_standard: Option<String>,
    pub complex_standard: Option<String>,
}

/// How residents may report repairs online.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRepairsPolicy {
    pub online_emergency_reports: Option<bool>,
    /// When the reminder of a visit goes, the day before ("18:00", UK time).
    pub visit_reminder_time: Option<String>,
}

/// One-off bank holiday changes announced after this release.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    pub add: Option<Vec<RawHoliday>>,
    pub remove: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHoliday {
    pub date: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLandlord {
    pub code: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub emergency_phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub textphone: Option<String>,
    /// An example of the landlord's tenancy and lease references, shown where a resident types
    /// one ("TEN-100001").
    pub reference_example: Option<String>,
    /// What the landlord calls each kind of tenancy or lease (keys: starter, assured,
    /// shared_ownership_lease, leasehold), where it differs from the plain default.
    pub tenancy_names: Option<BTreeMap<String, String>>,
    /// The landlord's logo for the top of emails: an https address of a PNG or JPEG.
    pub logo_url: Option<String>,
}

/// A checked profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyProfile {
    pub landlord: Landlord,
    pub nation: Nation,
    pub office_hours: OfficeHours,
    pub calendar: CalendarChanges,
    pub due_soon: DueSoon,
    pub contact_standards: Vec<ContactStandard>,
    pub complaints: ComplaintRegime,
    pub repair_priorities: Vec<RepairPriority>,
    pub hazards: HazardRules,
    pub subject_access: SubjectAccess,
    pub satisfaction: SatisfactionTargets,
    /// Whether a resident with an emergency (other than gas) may go on to report it online
    /// after being shown the emergency number; otherwise the emergency page ends at the number.
    pub online_emergency_reports: bool,
    /// When the reminder of a visit goes, the day before (UK time; 6pm unless the profile
    /// says, `[repairs] visit_reminder_time`).
    pub visit_reminder_at: chrono::NaiveTime,
    /// The contact standard (by kind) an enquiry is answered to.
    pub enquiry_standard: ContactStandard,
    /// The contact standard a compliment is acknowledged to, if the landlord sets one.
    pub compliment_standard: Option<ContactStandard>,
    /// The contact standard a "Contact us" message is answered to (the enquiry standard unless
    /// the profile names another).
    pub message_standard: ContactStandard,
    /// The standard a colleague moves a case to when it turns out complex and its own standard
    /// has no complex timescale (an English "longer query", with its update promise).
    pub complex_standard: Option<ContactStandard>,
    /// Service-charge cost headings beyond the standard ones.
    pub service_charge_headings: Vec<String>,
    /// Every way of contact a resident may choose: the standard four, then the profile's
    /// `[contact] extra_channels` (WhatsApp, video call, a visit).
    pub channels: Vec<super::preferences::Channel>,
    /// The team (by name) each kind of work ("repair", or a kind of case) goes to on a new
    /// installation, until an administrator routes it on the Teams screen.
    pub team_routes: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landlord {
    /// Short, stable identifier used in the database (`northfield`).
    pub code: String,
    pub name: String,
    pub phone: String,
    /// Answered day and night, every day: emergencies always lead here.
    pub emergency_phone: String,
    pub email: String,
    pub address: String,
    pub textphone: Option<String>,
    pub reference_example: Option<String>,
    /// The landlord's own names for kinds of tenancy, by kind; others keep the default name.
    pub tenancy_names: BTreeMap<TenancyKind, String>,
    /// The logo at the top of emails (an https address), if the landlord has one.
    pub logo_url: Option<String>,
}

/// An optional setting's text, trimmed; `None` when it is missing or blank.
fn given(value: &Option<String>) -> Option<String> {
    let text = value.as_deref().map(str::trim).unwrap_or_default();
    (!text.is_empty()).then(|| text.to_owned())
}

impl Landlord {
    /// "For example TEN-100001" where the profile gives an example reference, else nothing.
    pub fn reference_for_example(&self) -> String {
        self.reference_example
            .as_deref()
            .map(|e| format!("For example {e}"))
            .unwrap_or_default()
    }

    /// What this landlord calls a kind of tenancy or lease.
    pub fn tenancy_name(&self, kind: TenancyKind) -> String {
        self.tenancy_names
            .get(&kind)
            .cloned()
            .unwrap_or_else(|| kind.label().to_owned())
    }
}

fn parse_hours(text: &str) -> Result<Option<(NaiveTime, NaiveTime)>, &'static str> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("closed") {
        return Ok(None);
    }
    let (open, close) = text
        .split_once('-')
        .ok_or("must be \"HH:MM-HH:MM\" or \"closed\"")?;
    let open = NaiveTime::parse_from_str(open.trim(), "%H:%M")
        .map_err(|_| "has an opening time that is not HH:MM")?;
    let close = NaiveTime::parse_from_str(close.trim(), "%H:%M")
        .map_err(|_| "has a closing time that is not HH:MM")?;
    if close <= open {
        return Err("closes before it opens");
    }
    Ok(Some((open, close)))
}

impl RawProfile {
    /// Checks every field and returns all the problems found, not just the first.
    pub fn validate(self) -> Result<PolicyProfile, Vec<ProfileError>> {
        let mut errors = Vec::new();

        let landlord = match &self.landlord {
            None => {
                errors.push(problem("landlord", "is missing"));
                None
            }
            Some(l) => {
                let code = required(&l.code, "landlord.code", &mut errors);
                if !code.is_empty()
                    && !code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    errors.push(problem("landlord.code", "may use only a-z, 0-9 and -"));
                }
                let name = required(&l.name, "landlord.name", &mut errors);
                let phone = required(&l.phone, "landlord.phone", &mut errors);
                let emergency_phone =
                    required(&l.emergency_phone, "landlord.emergency_phone", &mut errors);
                let email = required(&l.email, "landlord.email", &mut errors);
                let address = required(&l.address, "landlord.address", &mut errors);
                for (field, value) in [
                    ("landlord.phone", &phone),
                    ("landlord.emergency_phone", &emergency_phone),
                ] {
                    if !value.is_empty() && !looks_like_phone(value) {
                        errors.push(problem(field, "is not a phone number"));
                    }
                }
                if !email.is_empty() && !looks_like_email(&email) {
                    errors.push(problem("landlord.email", "is not an email address"));
                }
                let textphone = l.textphone.as_deref().map(str::trim).map(str::to_owned);
                let reference_example = given(&l.reference_example);
                let mut tenancy_names = BTreeMap::new();
                for (key, name) in l.tenancy_names.clone().unwrap_or_default() {
                    let field = format!("landlord.tenancy_names.{key}");
                    match TenancyKind::parse(&key) {
                        None => errors.push(problem(
                            &field,
                            "is not a kind of tenancy; use starter, assured, shared_ownership_lease or leasehold",
                        )),
                        Some(_) if name.trim().is_empty() => {
                            errors.push(problem(&field, "must not be empty"))
                        }
                        Some(kind) => {
                            tenancy_names.insert(kind, name.trim().to_owned());
                        }
                    }
                }
                let logo_url = given(&l.logo_url);
                if logo_url
                    .as_deref()
                    .is_some_and(|u| !looks_like_https_address(u))
                {
                    let why = "must be an https:// address with no spaces";
                    errors.push(problem("landlord.logo_url", why));
                }
                Some(Landlord {
                    code,
                    name,
                    phone,
                    emergency_phone,
                    email,
                    address,
                    textphone,
                    reference_example,
                    tenancy_names,
                    logo_url,
                })
            }
        };

        let nation = match self.nation.as_deref() {
            None => {
                errors.push(problem("nation", "is missing"));
                None
            }
            Some(text) => {
                let parsed = Nation::parse(text.trim());
                if parsed.is_none() {
                    errors.push(problem(
                        "nation",
                        &format!(
                            "\"{text}\" is not a nation; use england, wales, scotland or northern_ireland"
                        ),
                    ));
                }
                parsed
            }
        };

        let mut days = [None; 7];
        match &self.office_hours {
            None => errors.push(problem("office_hours", "is missing")),
            Some(map) => {
                for (key, value) in map {
                    let field = format!("office_hours.{key}");
                    let Some(index) = WEEKDAYS
                        .iter()
                        .position(|d| weekday_name(*d).eq_ignore_ascii_case(key))
                    else {
                        errors.push(problem(&field, "is not a day of the week"));
                        continue;
                    };
                    match parse_hours(value) {
                        Ok(hours) => days[index] = hours,
                        Err(text) => errors.push(problem(&field, text)),
                    }
                }
                if days.iter().all(Option::is_none) && errors.is_empty() {
                    errors.push(problem("office_hours", "must open on at least one day"));
                }
            }
        }

        let calendar = validate_calendar(self.calendar, &mut errors);
        let standards = validate_standards(
            nation,
            self.due_soon,
            self.contact_standards,
            self.complaints,
            self.repair_priorities,
            self.hazards,
            self.subject_access,
            self.satisfaction_targets,
            &mut errors,
        );

        let cases = match &standards {
            Some(standards) => {
                validate_cases(self.cases, &standards.contact_standards, &mut errors)
            }
            None => CasesStandards::default(),
        };

        let service_charge_headings = validate_headings(self.service_charges, &mut errors);
        let channels = validate_channels(self.contact, &mut errors);
        let team_routes = validate_team_routes(self.teams, &mut errors);
        let repairs_policy = self.repairs.unwrap_or_default();
        let visit_reminder_at = match repairs_policy.visit_reminder_time.as_deref() {
            None => chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
            Some(text) => match chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M") {
                Ok(at) => at,
                Err(_) => {
                    errors.push(problem(
                        "repairs.visit_reminder_time",
                        "must be a time of day like \"18:00\"",
                    ));
                    chrono::NaiveTime::default()
                }
            },
        };

        match (landlord, nation, standards, cases.enquiry) {
            (Some(landlord), Some(nation), Some(standards), Some(enquiry_standard))
                if errors.is_empty() =>
            {
                Ok(PolicyProfile {
                    landlord,
                    nation,
                    office_hours: OfficeHours { days },
                    calendar,
                    due_soon: standards.due_soon,
                    contact_standards: standards.contact_standards,
                    complaints: standards.complaints,
                    repair_priorities: standards.repair_priorities,
                    hazards: standards.hazards,
                    subject_access: standards.subject_access,
                    satisfaction: standards.satisfaction,
                    online_emergency_reports: repairs_policy
                        .online_emergency_reports
                        .unwrap_or(false),
                    visit_reminder_at,
                    message_standard: cases.message.unwrap_or_else(|| enquiry_standard.clone()),
                    enquiry_standard,
                    compliment_standard: cases.compliment,
                    complex_standard: cases.complex,
                    service_charge_headings,
                    channels,
                    team_routes,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The standards `[cases]` names, each found among the contact standards.
#[derive(Default)]
struct CasesStandards {
    enquiry: Option<ContactStandard>,
    compliment: Option<ContactStandard>,
    message: Option<ContactStandard>,
    complex: Option<ContactStandard>,
}

/// The enquiry standard must name a contact standard with a reply time, and so must the message
/// standard when given; the compliment standard, when given, one with an acknowledgement or
/// reply time; the complex standard, when given, one with a reply or update time.
fn validate_cases(
    raw: Option<RawCasesPolicy>,
    standards: &[ContactStandard],
    errors: &mut Vec<ProfileError>,
) -> CasesStandards {
    let raw = raw.unwrap_or_default();
    let find = |field: &str, kind: &str, needs_respond: bool, errors: &mut Vec<ProfileError>| {
        let found = standards.iter().find(|s| s.kind == kind).cloned();
        match found {
            None => {
                errors.push(problem(
                    field,
                    &format!("\"{kind}\" is not one of the contact_standards"),
                ));
                None
            }
            Some(s) if needs_respond && s.respond.is_none() => {
                errors.push(problem(field, &format!("\"{kind}\" has no respond time")));
                None
            }
            Some(s) if s.respond.is_none() && s.acknowledge.is_none() => {
                errors.push(problem(
                    field,
                    &format!("\"{kind}\" has no acknowledge or respond time"),
                ));
                None
            }
            Some(s) => Some(s),
        }
    };
    let enquiry = match raw.enquiry_standard.as_deref().map(str::trim) {
        None | Some("") => {
            errors.push(problem("cases.enquiry_standard", "is missing"));
            None
        }
        Some(kind) => find("cases.enquiry_standard", kind, true, errors),
    };
    let mut optional = |field: &str, given: &Option<String>, needs_respond: bool| {
        given
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .and_then(|kind| find(field, kind, needs_respond, errors))
    };
    let compliment = optional("cases.compliment_standard", &raw.compliment_standard, false);
    let message = optional("cases.message_standard", &raw.message_standard, true);
    let complex = match raw.complex_standard.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(kind) => match standards.iter().find(|s| s.kind == kind) {
            None => {
                errors.push(problem(
                    "cases.complex_standard",
                    &format!("\"{kind}\" is not one of the contact_standards"),
                ));
                None
            }
            Some(c) if c.respond.is_none() && c.update.is_none() => {
                errors.push(problem(
                    "cases.complex_standard",
                    &format!("\"{kind}\" has no respond or update time"),
                ));
                None
            }
            Some(c) => Some(c.clone()),
        },
    };
    CasesStandards {
        enquiry,
        compliment,
        message,
        complex,
    }
}

/// Extra channels: known ones, each once, not one of the standard four again.
fn validate_channels(
    raw: Option<RawContact>,
    errors: &mut Vec<ProfileError>,
) -> Vec<super::preferences::Channel> {
    use super::preferences::{Channel, STANDARD_CHANNELS};
    let mut channels = STANDARD_CHANNELS.to_vec();
    let raw = raw.and_then(|r| r.extra_channels).unwrap_or_default();
    for (i, code) in raw.iter().enumerate() {
        let field = format!("contact.extra_channels[{i}]");
        match Channel::parse(code) {
            None => errors.push(problem(
                &field,
                "must be one of \"whatsapp\", \"video_call\" or \"visit\"",
            )),
            Some(c) if channels.contains(&c) => {
                errors.push(problem(&field, &format!("\"{code}\" is already offered")))
            }
            Some(c) => channels.push(c),
        }
    }
    channels
}

/// The most characters in a team's name (as the Teams screen allows).
pub const TEAM_NAME_LIMIT: usize = 80;

/// Each route's kind is "repair" or a kind of case; its team's name is 1 to 80 characters.
fn validate_team_routes(
    raw: Option<RawTeams>,
    errors: &mut Vec<ProfileError>,
) -> BTreeMap<String, String> {
    let mut routes = BTreeMap::new();
    for (kind, team) in raw.and_then(|r| r.routes).unwrap_or_default() {
        let field = format!("teams.routes.{kind}");
        let team = team.trim().to_owned();
        if kind != "repair" && super::cases::CaseKind::parse(&kind).is_none() {
            errors.push(problem(
                &field,
                "is not a kind of work: \"repair\" or a kind of case (\"complaint\", \"enquiry\", \"message\", ...)",
            ));
        } else if team.is_empty() || team.chars().count() > TEAM_NAME_LIMIT {
            errors.push(problem(
                &field,
                "must be a team's name of 1 to 80 characters",
            ));
        } else {
            routes.insert(kind, team);
        }
    }
    routes
}

/// Extra cost headings: each named once, at most 60 characters, not a standard one again.
fn validate_headings(
    raw: Option<RawServiceCharges>,
    errors: &mut Vec<ProfileError>,
) -> Vec<String> {
    let mut headings: Vec<String> = Vec::new();
    let raw = raw.and_then(|r| r.extra_headings).unwrap_or_default();
    for (i, heading) in raw.into_iter().enumerate() {
        let field = format!("service_charges.extra_headings[{i}]");
        let heading = heading.trim().to_owned();
        if heading.is_empty() || heading.chars().count() > 60 {
            errors.push(problem(&field, "must be 1 to 60 characters"));
        } else if super::service_charges::heading_named(&heading, &headings).is_some() {
            errors.push(problem(
                &field,
                &format!("\"{heading}\" is already a cost heading"),
            ));
        } else {
            headings.push(heading);
        }
    }
    headings
}

fn validate_calendar(raw: Option<RawCalendar>, errors: &mut Vec<ProfileError>) -> CalendarChanges {
    let mut changes = CalendarChanges::default();
    let Some(raw) = raw else { return changes };
    let parse = |text: &str| chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d");
    for (i, holiday) in raw.add.unwrap_or_default().into_iter().enumerate() {
        let field = format!("calendar.add[{i}]");
        let name = required(&holiday.name, &format!("{field}.name"), errors);
        match holiday.date.as_deref().map(parse) {
            Some(Ok(date)) => changes.add.push(BankHoliday { date, name }),
            Some(Err(_)) => errors.push(problem(
                &format!("{field}.date"),
                "must be a date like 2027-06-07",
            )),
            None => errors.push(problem(&format!("{field}.date"), "is missing")),
        }
    }
    for (i, text) in raw.remove.unwrap_or_default().iter().enumerate() {
        match parse(text) {
            Ok(date) => changes.remove.push(date),
            Err(_) => errors.push(problem(
                &format!("calendar.remove[{i}]"),
                "must be a date like 2027-06-07",
            )),
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::standards::RegimeKind;
    use crate::domain::timescale::{Timescale, Unit};

    const NORTHFIELD: &str = include_str!("../../../config/profiles/northfield.toml");
    const GLENBRAE: &str = include_str!("../../../config/profiles/glenbrae.toml");

    fn raw(text: &str) -> RawProfile {
        toml::from_str(text).expect("parses")
    }

    /// The Northfield profile with `edit` applied to its text.
    fn northfield_with(edit: impl Fn(&str) -> String) -> Result<PolicyProfile, Vec<ProfileError>> {
        raw(&edit(NORTHFIELD)).validate()
    }

    fn fields(errors: Vec<ProfileError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    fn hours(pairs: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
        Some(
            pairs
                .iter()
                .map(|(d, h)| (d.to_string(), h.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_english_profile_loads_with_every_standard() {
        let p = raw(NORTHFIELD).validate().expect("valid");
        assert_eq!(p.nation, Nation::England);
        assert_eq!(p.office_hours.summary(), "Monday to Friday, 8am to 5:30pm");
        assert_eq!(p.office_hours.on(chrono::Weekday::Sat), None);
        assert_eq!(p.complaints.kind, RegimeKind::HousingOmbudsmanCode);
        assert_eq!(p.complaints.stages.len(), 2);
        assert_eq!(
            p.complaints.stages[1].respond,
            Timescale::new(20, Unit::WorkingDays)
        );
        assert_eq!(
            p.repair_priorities[0].target,
            Timescale::new(24, Unit::ClockHours)
        );
        assert!(p.hazards.awaabs_law().is_some());
        assert_eq!(
            p.subject_access.respond,
            Timescale::new(1, Unit::CalendarMonths)
        );
        assert_eq!(p.satisfaction.tenants, Some(88));
        assert_eq!(
            p.contact_standards[0].respond,
            Some(Timescale::new(3, Unit::WorkingDays))
        );
    }

    #[test]
    fn the_scottish_profile_loads_with_its_shorter_standards() {
        let p = raw(GLENBRAE).validate().expect("valid");
        assert_eq!(p.nation, Nation::Scotland);
        assert_eq!(
            p.office_hours.summary(),
            "Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm"
        );
        assert_eq!(p.complaints.kind, RegimeKind::SpsoModel);
        assert_eq!(
            p.complaints.stages[0].respond,
            Timescale::new(5, Unit::WorkingDays)
        );
        assert_eq!(p.complaints.stages[1].extension_limit, None);
        assert!(p.hazards.awaabs_law().is_none());
        assert_eq!(
            p.hazards
                .law
                .as_ref()
                .and_then(|l| l.scotland())
                .map(|s| s.investigate),
            Some(Timescale::new(10, Unit::WorkingDays))
        );
        assert_eq!(
            p.subject_access.respond,
            Timescale::new(20, Unit::WorkingDays)
        );
        assert_eq!(
            p.contact_standards[0].acknowledge,
            Some(Timescale::new(1, Unit::WorkingDays))
        );
    }

    #[test]
    fn each_kind_of_work_may_be_routed_to_a_team_by_name() {
        let p = raw(GLENBRAE).validate().expect("valid");
        assert_eq!(p.team_routes["repair"], "Repairs");
        assert_eq!(p.team_routes["home_visit"], "Housing management");
        let errors = northfield_with(|t| {
            t.replace(
                "message = \"Customer services\"",
                "parcel = \"Post room\"\nmessage = \"  \"",
            )
        })
        .expect_err("invalid");
        assert_eq!(
            fields(errors),
            ["teams.routes.message", "teams.routes.parcel"]
        );
        // No routes at all is fine: new work waits for a team until one is chosen.
        let p = northfield_with(|t| t[..t.find("[teams.routes]").unwrap_or(t.len())].to_owned())
            .expect("valid");
        assert!(p.team_routes.is_empty());
    }

    #[test]
    fn a_missing_regime_is_named() {
        let errors = northfield_with(|t| t.replace("regime = \"housing_ombudsman_code\"\n", ""))
            .expect_err("invalid");
        assert_eq!(fields(errors), ["complaints.regime"]);
    }

    #[test]
    fn a_negative_duration_is_named() {
        let errors = northfield_with(|t| {
            t.replacen(
                "respond = \"3 working days\"",
                "respond = \"-3 working days\"",
                1,
            )
        })
        .expect_err("invalid");
        assert_eq!(errors[0].field, "contact_standards[0].respond");
        assert!(errors[0].problem.contains("negative"));
    }

    #[test]
    fn an_unknown_nation_is_refused_with_the_choices() {
        let errors =
            northfield_with(|t| t.replace("nation = \"england\"", "nation = \"atlantis\""))
                .expect_err("invalid");
        assert_eq!(errors[0].field, "nation");
        assert!(errors[0].problem.contains("scotland"));
    }

    #[test]
    fn each_nation_carries_only_its_own_hazard_law() {
        let errors =
            northfield_with(|t| t.replace("nation = \"england\"", "nation = \"scotland\""))
                .expect_err("invalid");
        assert!(fields(errors).contains(&"hazards.law".to_owned()));
        let errors = raw(&GLENBRAE.replace("nation = \"scotland\"", "nation = \"wales\""))
            .validate()
            .expect_err("invalid");
        assert!(fields(errors).contains(&"hazards.law".to_owned()));
        // The older spelling still reads.
        let old = NORTHFIELD.replace("law = \"awaabs_law\"", "awaabs_law = true");
        assert!(raw(&old)
            .validate()
            .expect("valid")
            .hazards
            .awaabs_law()
            .is_some());
    }

    #[test]
    fn a_complaints_regime_outside_its_nation_is_refused_and_tenancy_names_are_the_landlords() {
        // A Welsh landlord is not silently given England's Code (nor Awaab's Law, which is
        // England's too).
        let errors = northfield_with(|t| {
            t.replace("nation = \"england\"", "nation = \"wales\"")
                .replace("law = \"awaabs_law\"", "law = \"none\"")
        })
        .expect_err("invalid");
        assert_eq!(fields(errors.clone()), ["complaints.regime"]);
        assert!(
            errors[0].problem.contains("no complaints regime for Wales"),
            "{errors:?}"
        );
        let errors = raw(&GLENBRAE.replace(
            "regime = \"spso_model\"",
            "regime = \"housing_ombudsman_code\"",
        ))
        .validate()
        .expect_err("invalid");
        assert_eq!(fields(errors), ["complaints.regime"]);

        let p = raw(GLENBRAE).validate().expect("valid");
        assert_eq!(
            p.landlord.tenancy_name(TenancyKind::Assured),
            "Scottish secure tenancy"
        );
        assert_eq!(p.landlord.tenancy_name(TenancyKind::Leasehold), "Lease");
        assert_eq!(p.landlord.reference_for_example(), "For example TEN-100001");
        let errors = raw(&GLENBRAE.replace("starter = ", "secure_contract = "))
            .validate()
            .expect_err("invalid");
        assert_eq!(fields(errors), ["landlord.tenancy_names.secure_contract"]);
    }

    #[test]
    fn a_hazard_timescale_longer_than_the_law_is_refused() {
        let errors = northfield_with(|t| {
            t.replace(
                "significant_investigate = \"10 working days\"",
                "significant_investigate = \"14 calendar days\"",
            )
        })
        .expect_err("invalid");
        assert_eq!(fields(errors), ["hazards.significant_investigate"]);
        let errors = raw(&GLENBRAE.replace(
            "start_repairs = \"5 working days\"",
            "start_repairs = \"6 working days\"",
        ))
        .validate()
        .expect_err("invalid");
        assert_eq!(fields(errors), ["hazards.start_repairs"]);
    }

    #[test]
    fn complaint_regimes_need_two_stages_and_an_ombudsman() {
        let one_stage = NORTHFIELD.replacen(
            "[[complaints.stages]]\nname = \"Stage 2\"",
            "[complaints.stage_two_removed]\nname = \"Stage 2\"",
            1,
        );
        assert!(
            toml::from_str::<RawProfile>(&one_stage).is_err(),
            "unknown sections are refused"
        );
        let errors = northfield_with(|t| {
            let start = t
                .find("[[complaints.stages]]\nname = \"Stage 2\"")
                .expect("stage 2");
            let end = t.find("[complaints.ombudsman]").expect("ombudsman");
            format!("{}{}", &t[..start], &t[end..]).replace("phone = \"0300 111 3000\"\n", "")
        })
        .expect_err("invalid");
        assert_eq!(
            fields(errors),
            ["complaints.stages", "complaints.ombudsman.phone"]
        );
    }

    #[test]
    fn repair_priorities_need_an_emergency_and_unique_codes() {
        let errors = northfield_with(|t| {
            t.replace("emergency = true", "emergency = false")
                .replace("code = \"routine\"", "code = \"urgent\"")
        })
        .expect_err("invalid");
        assert_eq!(
            fields(errors),
            ["repair_priorities[2].code", "repair_priorities"]
        );
    }

    #[test]
    fn satisfaction_targets_are_percentages() {
        let errors =
            northfield_with(|t| t.replace("tenants = 88", "tenants = 188")).expect_err("invalid");
        assert_eq!(fields(errors), ["satisfaction_targets.tenants"]);
    }

    #[test]
    fn one_off_holidays_can_be_added_and_removed_in_the_profile() {
        let p = northfield_with(|t| format!("{t}\n[calendar]\nadd = [{{ date = \"2031-06-06\", name = \"A one-off\" }}]\nremove = [\"2031-05-26\"]\n")).expect("valid");
        assert_eq!(p.calendar.add[0].name, "A one-off");
        assert_eq!(p.calendar.remove.len(), 1);
        let errors = northfield_with(|t| format!("{t}\n[calendar]\nremove = [\"26 May\"]\n"))
            .expect_err("invalid");
        assert_eq!(fields(errors), ["calendar.remove[0]"]);
    }

    #[test]
    fn differing_days_are_summarised_separately() {
        let mut p = raw(NORTHFIELD);
        p.office_hours = hours(&[
            ("monday", "09:00-17:00"),
            ("tuesday", "09:00-17:00"),
            ("wednesday", "09:00-17:00"),
            ("thursday", "09:00-17:00"),
            ("friday", "09:00-16:00"),
            ("saturday", "closed"),
        ]);
        let profile = p.validate().expect("valid");
        assert_eq!(
            profile.office_hours.summary(),
            "Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm"
        );
    }

    #[test]
    fn missing_and_empty_landlord_fields_are_named() {
        let errors = northfield_with(|t| {
            t.replace("phone = \"0161 496 0000\"\n", "").replace(
                "email = \"help@northfield-homes.example\"",
                "email = \"  \"",
            )
        })
        .expect_err("invalid");
        assert_eq!(fields(errors.clone()), ["landlord.phone", "landlord.email"]);
        assert_eq!(errors[0].to_string(), "landlord.phone: is missing");
        assert_eq!(errors[1].problem, "must not be empty");
    }

    #[test]
    fn bad_office_hours_are_named_by_day() {
        let mut p = raw(NORTHFIELD);
        p.office_hours = hours(&[
            ("monday", "17:00-09:00"),
            ("funday", "09:00-10:00"),
            ("friday", "9am"),
        ]);
        let errors = p.validate().expect_err("invalid");
        assert_eq!(
            fields(errors),
            [
                "office_hours.friday",
                "office_hours.funday",
                "office_hours.monday"
            ]
        );
    }

    #[test]
    fn bad_contact_details_and_codes_are_refused() {
        let errors = northfield_with(|t| {
            t.replace("phone = \"0161 496 0000\"", "phone = \"call us\"")
                .replace(
                    "email = \"help@northfield-homes.example\"",
                    "email = \"help\"",
                )
                .replace("code = \"northfield\"", "code = \"North Field\"")
        })
        .expect_err("invalid");
        assert_eq!(
            fields(errors),
            ["landlord.code", "landlord.phone", "landlord.email"]
        );
    }

    #[test]
    fn a_logo_must_be_an_https_address() {
        let with_logo = |url: &str| {
            northfield_with(|t| {
                t.replace(
                    "email = \"help@northfield-homes.example\"",
                    &format!("email = \"help@northfield-homes.example\"\nlogo_url = \"{url}\""),
                )
            })
        };
        let profile = with_logo(" https://northfield-homes.example/logo.png ").expect("valid");
        assert_eq!(
            profile.landlord.logo_url.as_deref(),
            Some("https://northfield-homes.example/logo.png")
        );
        for bad in [
            "http://northfield-homes.example/logo.png",
            "https://",
            "https://a b",
        ] {
            let errors = with_logo(bad).expect_err(bad);
            assert_eq!(fields(errors), ["landlord.logo_url"], "{bad}");
        }
        assert_eq!(with_logo("").expect("valid").landlord.logo_url, None);
    }

    #[test]
    fn a_missing_section_is_named() {
        let mut p = raw(NORTHFIELD);
        p.landlord = None;
        p.complaints = None;
        p.subject_access = None;
        assert_eq!(
            fields(p.validate().expect_err("invalid")),
            ["landlord", "complaints", "subject_access"]
        );
    }

    #[test]
    fn extra_cost_headings_are_named_once_and_never_repeat_a_standard_one() {
        let p = raw(NORTHFIELD).validate().expect("valid");
        assert_eq!(
            p.service_charge_headings,
            ["Window cleaning", "Fire safety equipment"]
        );
        let mut p = raw(NORTHFIELD);
        p.service_charges = Some(RawServiceCharges {
            extra_headings: Some(vec![
                "Lift_maintenance".into(),
                "Gritting".into(),
                "gritting".into(),
                " ".into(),
            ]),
        });
        assert_eq!(
            fields(p.validate().expect_err("invalid")),
            [
                "service_charges.extra_headings[0]",
                "service_charges.extra_headings[2]",
                "service_charges.extra_headings[3]"
            ]
        );
    }

    #[test]
    fn extra_channels_are_known_and_named_once() {
        use crate::domain::preferences::Channel;
        let p = raw(GLENBRAE).validate().expect("valid");
        assert_eq!(
            p.channels,
            [
                Channel::Email,
                Channel::Text,
                Channel::Phone,
                Channel::Letter,
                Channel::WhatsApp,
                Channel::VideoCall,
                Channel::Visit
            ]
        );
        assert_eq!(raw(NORTHFIELD).validate().expect("valid").channels.len(), 4);
        let mut p = raw(NORTHFIELD);
        p.contact = Some(RawContact {
            extra_channels: Some(vec!["fax".into(), "email".into(), "visit".into()]),
        });
        assert_eq!(
            fields(p.validate().expect_err("invalid")),
            ["contact.extra_channels[0]", "contact.extra_channels[1]"]
        );
    }

    #[test]
    fn the_cases_standards_must_be_published_and_fit_their_use() {
        let p = raw(NORTHFIELD).validate().expect("valid");
        assert_eq!(p.message_standard.kind, "email");
        assert_eq!(
            p.complex_standard.map(|c| c.kind).as_deref(),
            Some("longer_query")
        );
        // Without a message standard, messages are answered to the enquiry standard.
        let mut p = raw(NORTHFIELD);
        p.cases = Some(RawCasesPolicy {
            enquiry_standard: Some("follow_up".into()),
            ..Default::default()
        });
        assert_eq!(
            p.validate().expect("valid").message_standard.kind,
            "follow_up"
        );
        // A message standard must exist and have a reply time; a complex one a reply or update.
        let mut p = raw(NORTHFIELD);
        p.cases = Some(RawCasesPolicy {
            enquiry_standard: Some("follow_up".into()),
            message_standard: Some("longer_query".into()),
            complex_standard: Some("fax".into()),
            ..Default::default()
        });
        assert_eq!(
            fields(p.validate().expect_err("invalid")),
            ["cases.message_standard", "cases.complex_standard"]
        );
        // A quicker reply by text needs a reply time for everything else.
        let errors = northfield_with(|t| {
            t.replace(
                "update = \"10 working days\"",
                "update = \"10 working days\"\nrespond_by_text = \"0 working days\"",
            )
        })
        .expect_err("invalid");
        assert_eq!(fields(errors), ["contact_standards[2].respond_by_text"]);
    }

    #[test]
    fn times_are_written_in_words() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        assert_eq!(time_in_words(t(8, 0)), "8am");
        assert_eq!(time_in_words(t(17, 30)), "5:30pm");
        assert_eq!(time_in_words(t(12, 0)), "12pm");
    }
}
