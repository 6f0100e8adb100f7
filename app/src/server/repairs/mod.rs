//! Server-side parts of repairs shared by the resident's and the staff's server functions: the
//! report being written (kept in the session until it is sent), telling people about changes,
//! and photos in and out of storage.

pub mod after;
pub mod journey;
pub mod pages;
pub mod queue;
pub mod report;
pub mod staff;
pub mod view;
pub mod visits;

use super::db::repairs as store;
use super::forms::SessionSlot;
use super::state::AppState;
use crate::domain::images::{clean_photo, ImageKind, PhotoProblem};
use crate::domain::repairs::RepairRelation;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// The most photos on one report.
pub const MAX_PHOTOS: usize = 3;

/// The report being written, kept in the session until it is sent.
pub const DRAFT: SessionSlot<Draft> = SessionSlot::new("repair_draft");

/// A report being written. Lives in the session, so nothing is stored until it is sent, and a
/// resident can go back and change any answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The submission token: sending the report twice creates one job. Photos uploaded for
    /// the draft are stored against it.
    pub token: String,
    pub emergency: Option<String>,
    pub answers: Vec<usize>,
    pub communal_area_id: Option<i64>,
    pub description: String,
    pub access_times: String,
    pub pets: String,
    pub key_safe: String,
    pub contact_phone: String,
    /// A recall: the job this report says is not fixed.
    pub recall_of: Option<String>,
    /// Someone reporting for a resident: an advocate, or a colleague recording a call, letter
    /// or visit. `None` for a resident's own report.
    #[serde(default)]
    pub behalf: Option<Behalf>,
}

/// A report made for a resident by someone else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Behalf {
    /// The resident it is for: their home, their repair.
    pub person_id: i64,
    pub name: String,
    /// An advocate (through Doorstep) or a colleague (`Staff`).
    pub made_by: crate::domain::cases::MadeBy,
    /// How it reached us: Doorstep for an advocate, the phone, a letter and so on for a colleague.
    pub channel: crate::domain::cases::Channel,
    /// When we were told, as the colleague recorded it: the target and any hazard clocks run
    /// from then. `None` for an advocate, whose report reaches us as they send it.
    pub told_at: Option<DateTime<Utc>>,
}

impl Draft {
    /// When the landlord was told: the colleague's recorded time, or `now` for a report made
    /// through Doorstep.
    pub fn told_at(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.behalf.as_ref().and_then(|b| b.told_at).unwrap_or(now)
    }
}

/// Tells everyone who reported or follows the job about a change, each by the channel they
/// allow, and in their messages on the portal.
pub async fn notify(
    state: &AppState,
    repair_id: i64,
    reference: &str,
    summary: &str,
    kind: crate::domain::preferences::MessageKind,
    what: &str,
) -> Result<(), AppError> {
    let now = Utc::now();
    let notice = super::notify::Notice {
        kind,
        subject: format!("Your repair {reference}: {}", first_sentence(what)),
        what: format!("There is news about your repair {reference} ({summary}):\n\n{what}"),
        reference: Some(reference.to_owned()),
        path: Some(format!("/repairs/{reference}")),
    };
    for person_id in store::people_to_tell(&state.db, repair_id).await? {
        super::notify::tell(state, person_id, &notice, now).await?;
    }
    Ok(())
}

/// The words up to the first full stop or line break, for a subject line.
pub fn first_sentence(text: &str) -> &str {
    let end = text.find(['.', '\n']).unwrap_or(text.len());
    text[..end].trim()
}

/// Why an upload was not taken.
#[derive(Debug)]
pub enum UploadRefused {
    Photo(PhotoProblem),
    TooMany,
    NoDraft,
    Failed(AppError),
}

impl From<AppError> for UploadRefused {
    fn from(e: AppError) -> Self {
        UploadRefused::Failed(e)
    }
}

/// `clean_photo` on a blocking thread (decoding and encoding a phone's photo is a few hundred
/// milliseconds of CPU); a decoder that failed outright counts as a photo it could not read.
pub async fn cleaned(bytes: Vec<u8>) -> Result<(ImageKind, Vec<u8>), PhotoProblem> {
    tokio::task::spawn_blocking(move || clean_photo(&bytes))
        .await
        .unwrap_or(Err(PhotoProblem::Damaged))
}

/// Checks and stores a photo for the signed-in resident's draft report.
pub async fn add_draft_photo(
    state: &AppState,
    session: &Session,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<(), UploadRefused> {
    let account = super::auth::session_account(state, session)
        .await?
        .ok_or(UploadRefused::Failed(AppError::SignInRequired))?;
    let draft = DRAFT.get(session).await?;
    let behalf = draft
        .as_ref()
        .and_then(|d| d.behalf.as_ref())
        .map(|b| b.person_id);
    let person_id = view::reporter_for(state, account, behalf).await?.person_id;
    let draft = draft.ok_or(UploadRefused::NoDraft)?;
    if store::draft_photos(&state.db, &draft.token, person_id)
        .await?
        .len()
        >= MAX_PHOTOS
    {
        return Err(UploadRefused::TooMany);
    }
    let (kind, cleaned) = cleaned(bytes.to_vec())
        .await
        .map_err(UploadRefused::Photo)?;
    let key = super::storage::new_key(kind.extension());
    state.storage.put(&key, &cleaned).await?;
    store::add_draft_photo(
        &state.db,
        &draft.token,
        person_id,
        &key,
        kind.content_type(),
        cleaned.len(),
        now,
    )
    .await?;
    Ok(())
}

/// How a resident or advocate stands to a repair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    Unrelated,
    /// A resident who reported it, lives in its home or follows it.
    Resident(RepairRelation),
    /// An advocate whose current repairs permission covers a resident related to it (the one
    /// most closely related, when they act for several).
    ActingFor {
        person_id: i64,
        name: String,
        relation: RepairRelation,
    },
}

impl Standing {
    pub fn related(&self) -> bool {
        *self != Standing::Unrelated
    }

    /// The tie to the job that the caller's rights come from (for an advocate, the resident's).
    pub fn relation(&self) -> Option<RepairRelation> {
        match self {
            Standing::Unrelated => None,
            Standing::Resident(relation) | Standing::ActingFor { relation, .. } => Some(*relation),
        }
    }

    /// The resident an advocate acts for, to record on what they do.
    pub fn on_behalf_of(&self) -> Option<i64> {
        match self {
            Standing::ActingFor { person_id, .. } => Some(*person_id),
            _ => None,
        }
    }
}

/// How the caller stands to `repair` (colleagues are `Unrelated`: their right to see it is
/// their role's). An advocate's permission is read now, so a withdrawn one stops at once.
pub async fn standing(
    state: &AppState,
    account: &super::db::accounts::Account,
    repair: &store::RepairRow,
) -> Result<Standing, AppError> {
    use crate::domain::housing::Role;
    match (account.role, account.person_id) {
        (Role::Resident, Some(person)) => Ok(store::relation(&state.db, repair, person)
            .await?
            .map_or(Standing::Unrelated, Standing::Resident)),
        (Role::Advocate, _) => {
            let mut best = Standing::Unrelated;
            for r in represented(state, account).await? {
                if let Some(relation) = store::relation(&state.db, repair, r.person_id).await? {
                    if best.relation().is_none_or(|b| relation < b) {
                        best = Standing::ActingFor {
                            person_id: r.person_id,
                            name: r.name,
                            relation,
                        };
                    }
                }
            }
            Ok(best)
        }
        _ => Ok(Standing::Unrelated),
    }
}

/// Residents an advocate may act for in repairs today.
pub async fn represented(
    state: &AppState,
    account: &super::db::accounts::Account,
) -> Result<Vec<super::db::cases::Represented>, AppError> {
    super::db::cases::represented(&state.db, account.id, "repairs", crate::site::today()).await
}

/// A stored photo for the signed-in caller: whoever is writing the report it was added to (the
/// resident, or an advocate or colleague reporting for them), a resident related to its job, an
/// advocate acting for one, or a colleague. `None` for anyone else, as for a photo that does
/// not exist.
pub async fn photo_for(
    state: &AppState,
    session: &Session,
    id: i64,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    let account = super::auth::session_account(state, session)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let Some(photo) = store::photo_by_id(&state.db, id).await? else {
        return Ok(None);
    };
    let allowed = match photo.repair_id {
        None => {
            let writing = DRAFT.get(session).await?.map(|d| d.token);
            account.person_id == Some(photo.person_id)
                || (writing.is_some() && writing == photo.draft_token)
        }
        Some(repair_id) => may_see_photos(state, &account, repair_id).await?,
    };
    served(state, allowed, &photo.storage_key, photo.content_type).await
}

/// The stored picture and its type when the caller is `allowed` it; `None` otherwise.
async fn served(
    state: &AppState,
    allowed: bool,
    key: &str,
    content_type: String,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    if !allowed {
        return Ok(None);
    }
    Ok(state
        .storage
        .get(key)
        .await?
        .map(|bytes| (content_type, bytes)))
}

/// Whether `account` may see the photos of a job (the resident's, and those of the finished
/// work). Photos show the reporter's home: the parties to the job (the resident, an advocate
/// acting for them, whoever is given its visits) and colleagues see them; followers of a
/// communal job do not.
pub async fn may_see_photos(
    state: &AppState,
    account: &super::db::accounts::Account,
    repair_id: i64,
) -> Result<bool, AppError> {
    use super::authz::{may, Action};
    let Some(repair) = store::repair_by_id(&state.db, repair_id).await? else {
        return Ok(false);
    };
    Ok(if account.role.is_field() {
        let assigned = super::visits::works_on(state, account, &repair).await?;
        may(account, Action::SeeVisit { assigned })
    } else {
        let relation = standing(state, account, &repair).await?.relation();
        may(account, Action::SeeRepairDetails { relation })
    })
}

/// A photo of finished work for the signed-in caller, if they may see the job's photos;
/// `None` otherwise, as for a photo that does not exist.
pub async fn work_photo_for(
    state: &AppState,
    session: &Session,
    id: i64,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    let account = super::auth::session_account(state, session)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let Some(photo) = store::visit_photo_by_id(&state.db, id).await? else {
        return Ok(None);
    };
    let allowed = may_see_photos(state, &account, photo.repair_id).await?;
    served(state, allowed, &photo.storage_key, photo.content_type).await
}

/// Demo repairs, so the queue and "Your repairs" have something in them: an open communal
/// repair in Alder Court (reported by a resident without an account, for others to follow), a
/// booked repair for Amira Hassan and damp under Awaab's Law for Margaret Lewis. Loaded by
/// `seed-demo` after the people; does nothing when there are repairs already.
pub async fn seed_demo_repairs(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use crate::domain::housing::Tenure;
    if store::count_repairs(&state.db).await? > 0 {
        return Ok(0);
    }
    // (tenancy, outcome, the shared area it is in, what the resident wrote)
    let demo = [
        ("TEN-100004", "communal_light", Some("Stairs and landings"), "The light on the stairs between the first and second floors is out. It is very dark at night."),
        ("TEN-100001", "extractor_fan", None, "The bathroom fan makes a grinding noise and then stops."),
        ("TEN-100003", "damp_significant", None, "Black mould is growing in the corner of the bedroom ceiling and behind the wardrobe."),
    ];
    let mut made = 0;
    for (tenancy, outcome, area, description) in demo {
        let Some(person_id) = store::person_on_tenancy(&state.db, tenancy).await? else {
            continue;
        };
        let Some(place) = store::place_for_person(&state.db, person_id).await? else {
            continue;
        };
        let Some(tenure) = Tenure::parse(&place.tenure) else {
            continue;
        };
        let Some(answers) = state.site.repairs.path_to(outcome) else {
            continue;
        };
        let communal_area_id = match (state.site.repairs.is_communal(&answers), place.block_id) {
            (true, Some(block)) => store::communal_areas(&state.db, block)
                .await?
                .into_iter()
                .find(|a| Some(a.name.as_str()) == area)
                .map(|a| a.id),
            _ => None,
        };
        let draft = Draft {
            token: super::tokens::submission_token(),
            answers,
            communal_area_id,
            description: description.to_owned(),
            contact_phone: place
                .phone
                .clone()
                .unwrap_or_else(|| "07700 900 123".to_owned()),
            access_times: "Any weekday".to_owned(),
            ..Default::default()
        };
        report::create_from_draft(state, &draft, person_id, None, &place, tenure, now).await?;
        made += 1;
    }
    Ok(made)
}
