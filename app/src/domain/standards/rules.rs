//! The checked service standards: contact standards, the complaints regime, repair priorities,
//! the hazard law, subject access and satisfaction targets.

use super::*;

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
    /// How soon a request that arrives by text message is answered instead ("0 working days":
    /// the same day), where the landlord promises something quicker for texts.
    #[serde(default)]
    pub respond_by_text: Option<Timescale>,
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
