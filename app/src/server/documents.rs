//! Documents on the server: who is reading (a resident, or an advocate for one), uploads and
//! replacements through the storage layer, downloads with their record, and the demo files.

use super::db::accounts::{record_audit, Account, AuditEvent};
use super::db::documents::{self as store, DocumentRow, NewDocument, Place, Residence};
use super::forms::SessionSlot;
use super::state::AppState;
use super::storage::Stored;
use crate::domain::documents::{check_file, clean_filename, Audience, Category, FileProblem};
use crate::domain::housing::Role;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::documents_staff::UploadValues;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// Who is reading documents, and for whom.
pub struct Reader {
    pub account: Account,
    pub person_id: i64,
    /// The resident's name, when an advocate reads for them.
    pub acting_for: Option<String>,
    /// Where the resident lives now (`None`: no current tenancy or lease).
    pub residence: Option<Residence>,
}

impl Reader {
    /// The person to record as "on behalf of", when an advocate acts.
    pub fn on_behalf_of(&self) -> Option<i64> {
        self.acting_for.as_ref().map(|_| self.person_id)
    }
}

/// Residents an advocate may read documents for today.
pub async fn represented(
    state: &AppState,
    account: &Account,
) -> Result<Vec<super::db::cases::Represented>, AppError> {
    super::db::cases::represented(&state.db, account.id, "documents", crate::site::today()).await
}

/// The account as a reader: a resident for themselves, or an advocate for `for_person` whose
/// current permission covers documents. Anything else is "not found".
pub async fn reader(
    state: &AppState,
    account: Account,
    for_person: Option<i64>,
) -> Result<Reader, AppError> {
    match account.role {
        Role::Resident => {
            let person_id = account.person_id.ok_or(AppError::NotFound)?;
            let residence = store::residence(&state.db, person_id).await?;
            Ok(Reader {
                account,
                person_id,
                acting_for: None,
                residence,
            })
        }
        Role::Advocate => {
            let person_id = for_person.ok_or(AppError::NotFound)?;
            let found = represented(state, &account)
                .await?
                .into_iter()
                .find(|r| r.person_id == person_id)
                .ok_or(AppError::NotFound)?;
            let residence = store::residence(&state.db, person_id).await?;
            Ok(Reader {
                account,
                person_id,
                acting_for: Some(found.name),
                residence,
            })
        }
        _ => Err(AppError::NotFound),
    }
}

/// A file on its way to the browser.
pub struct Download {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub body: Stored,
}

/// The document for whoever may have it: any colleague (any version); a resident entitled to
/// it (current versions only); an advocate for a resident who is. `None` otherwise, so nobody
/// learns whether a reference exists. Each download is recorded (who read what, for the audit);
/// nothing else changes on a GET, which a prefetch or a link checker can make: a resident says
/// they have received yearly safety information with `confirm_received`.
pub async fn download(
    state: &AppState,
    session: &Session,
    reference: &str,
    for_person: Option<i64>,
) -> Result<Option<Download>, AppError> {
    use super::authz::{may, Action};
    let Some(account) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    let Some(reference) = crate::domain::reference::normalise_reference("DC", reference) else {
        return Ok(None);
    };
    let Some(doc) = store::document_by_reference(&state.db, &reference).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    let mut on_behalf_of = None;
    if may(&account, Action::ViewAllDocuments) {
        // Colleagues see every version, withdrawn ones included, to answer questions.
    } else if may(&account, Action::ReadDocuments) {
        let candidates: Vec<Option<i64>> = match account.role {
            Role::Advocate => match for_person {
                Some(p) => vec![Some(p)],
                None => represented(state, &account)
                    .await?
                    .into_iter()
                    .map(|r| Some(r.person_id))
                    .collect(),
            },
            _ => vec![None],
        };
        let mut allowed = None;
        for person in candidates {
            let reader = match reader(state, account.clone(), person).await {
                Ok(r) => r,
                Err(AppError::NotFound) => continue,
                Err(e) => return Err(e),
            };
            if let Some(at) = &reader.residence {
                if store::entitled(&state.db, at, doc.id).await? {
                    allowed = Some(reader);
                    break;
                }
            }
        }
        let Some(reader) = allowed else {
            return Ok(None);
        };
        on_behalf_of = reader.on_behalf_of();
    } else {
        return Ok(None);
    }
    let Some((body, size)) = state.storage.open(&doc.storage_key).await? else {
        tracing::error!(reference = %doc.reference, "document file missing from storage");
        return Err(crate::error::internal("document file missing"));
    };
    store::record_download(&state.db, doc.id, account.id, on_behalf_of, now).await?;
    Ok(Some(Download {
        filename: doc.filename,
        content_type: doc.content_type,
        size,
        body,
    }))
}

/// The resident says they have received (read or downloaded) a document of yearly safety
/// information for their home: recorded as given to them on the portal today. Only the resident
/// themselves, for a current document they are entitled to; an advocate's reading is not the
/// resident being given it. False when it does not apply.
pub async fn confirm_received(
    state: &AppState,
    account: Account,
    reference: &str,
) -> Result<bool, AppError> {
    let Some(reference) = crate::domain::reference::normalise_reference("DC", reference) else {
        return Ok(false);
    };
    let Some(doc) = store::document_by_reference(&state.db, &reference).await? else {
        return Ok(false);
    };
    let Some(category) = doc.category().filter(|c| c.given_yearly()) else {
        return Ok(false);
    };
    let reader = reader(state, account, None).await?;
    let Some(at) = reader.residence.as_ref() else {
        return Ok(false);
    };
    if reader.acting_for.is_some() || !store::entitled(&state.db, at, doc.id).await? {
        return Ok(false);
    }
    let now = Utc::now();
    store::record_given(
        &state.db,
        at.person_id,
        at.home_id,
        category,
        crate::domain::london::to_local(now).date(),
        "portal",
        Some(doc.id),
        None,
        now,
    )
    .await?;
    Ok(true)
}

/// A file chosen on an upload form that failed on other fields, kept so it need not be chosen
/// again. It lives in the session, so the browser cannot point the form at someone else's file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingFile {
    pub key: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
}

/// A document's file waiting for its details.
pub const PENDING: SessionSlot<PendingFile> = SessionSlot::new("document-upload-pending");

/// The file for an upload form kept in the session under `slot`: a newly chosen one is checked
/// by its bytes and stored now (replacing any kept before), so it survives a mistake elsewhere
/// on the form; without one, the file kept from the last try. `Err` says what is wrong with a
/// newly chosen file; `Ok(None)` means none was chosen, now or before.
pub async fn keep_upload(
    state: &AppState,
    session: &Session,
    slot: &SessionSlot<PendingFile>,
    chosen: Option<(String, &[u8])>,
) -> Result<Result<Option<PendingFile>, FileProblem>, AppError> {
    let kept = slot.get(session).await?;
    let Some((name, bytes)) = chosen else {
        return Ok(Ok(kept));
    };
    let kind = match check_file(bytes) {
        Ok(kind) => kind,
        Err(problem) => return Ok(Err(problem)),
    };
    let key = super::storage::new_key(kind.extension());
    state.storage.put(&key, bytes).await?;
    if let Some(old) = kept {
        state.storage.delete(&old.key).await?;
    }
    let file = PendingFile {
        key,
        filename: clean_filename(&name, kind.extension()),
        content_type: kind.content_type().to_owned(),
        size: bytes.len() as i64,
    };
    slot.keep(session, &file).await?;
    Ok(Ok(Some(file)))
}

/// What an upload did.
pub enum Uploaded {
    /// Stored: the document's reference.
    Stored(String),
    /// Refused: the problems, by field.
    Refused(FieldErrors),
}

/// A date from day, month and year boxes; `Ok(None)` when all three are empty.
fn date_from(day: &str, month: &str, year: &str) -> Result<Option<NaiveDate>, ()> {
    if day.trim().is_empty() && month.trim().is_empty() && year.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::validation::date_of(day, month, year)
        .map(Some)
        .ok_or(())
}

/// Uploads a new document or a new version of one (`values.replaces`). Every field is checked;
/// the file is checked by its bytes and stored under a generated name before anything is
/// written, and kept for the next try when other fields are wrong.
pub async fn upload(
    state: &AppState,
    session: &Session,
    values: &UploadValues,
    file: Option<(String, &[u8])>,
) -> Result<Uploaded, AppError> {
    use super::authz::{may, Action};
    let Some(account) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::ManageDocuments) {
        return Err(AppError::NotFound);
    }
    let now = Utc::now();
    let mut errors = FieldErrors::default();

    // The file first: store it now, so it survives a problem elsewhere on the form.
    let pending = match keep_upload(state, session, &PENDING, file).await? {
        Ok(Some(kept)) => Some(kept),
        Ok(None) => {
            errors.add("file", FileProblem::Missing.message());
            None
        }
        Err(problem) => {
            errors.add("file", problem.message());
            PENDING.get(session).await?
        }
    };

    let replacing = match values.replaces.trim() {
        "" => None,
        reference => match store::document_by_reference(&state.db, reference).await? {
            Some(doc) if doc.status == "current" => Some(doc),
            Some(_) => {
                errors.add(
                    "file",
                    "This document has been replaced or withdrawn since you opened it; open the current version",
                );
                None
            }
            None => return Err(AppError::NotFound),
        },
    };
    let category = match &replacing {
        Some(doc) => doc.category(),
        None => {
            let c = Category::parse(values.category.trim());
            if c.is_none() {
                errors.add("category", "Choose what kind of document it is");
            }
            c
        }
    };
    let title = values.title.trim().to_owned();
    if title.is_empty() {
        errors.add("title", "Enter a title residents will recognise");
    } else if title.chars().count() > crate::domain::documents::TITLE_LIMIT {
        errors.add("title", "The title must be 120 characters or fewer");
    }
    let effective = match date_from(
        &values.effective_day,
        &values.effective_month,
        &values.effective_year,
    ) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add("effective", "Enter the date the document takes effect");
            None
        }
        Err(()) => {
            errors.add(
                "effective",
                "The date it takes effect must be a real date, like 1 4 2026",
            );
            None
        }
    };
    let review = match date_from(
        &values.review_day,
        &values.review_month,
        &values.review_year,
    ) {
        Ok(review) => review,
        Err(()) => {
            errors.add(
                "review",
                "The review or expiry date must be a real date, like 1 4 2027",
            );
            None
        }
    };
    if let (Some(e), Some(r)) = (effective, review) {
        if r <= e {
            errors.add(
                "review",
                "The review or expiry date must be after the date it takes effect",
            );
        }
    }
    let audience = Audience::parse(values.audience.trim());
    if audience.is_none() {
        errors.add("audience", "Choose who may read it");
    }
    let place = match &replacing {
        Some(doc) => doc.place(),
        None => {
            let tenancy = values.tenancy_reference.trim();
            if !tenancy.is_empty() {
                match store::tenancy_by_reference(&state.db, tenancy).await? {
                    Some((tenancy_id, home_id)) => match category {
                        Some(c) if c.belongs_to_tenancy() => Some(Place::Tenancy(tenancy_id)),
                        _ => Some(Place::Home(home_id)),
                    },
                    None => {
                        errors.add(
                            "tenancy_reference",
                            "No current tenancy or lease has this reference; check it",
                        );
                        None
                    }
                }
            } else {
                let chosen = values.place.split_once(':').and_then(|(kind, id)| {
                    let id = id.parse::<i64>().ok()?;
                    Some((kind.to_owned(), id))
                });
                let known = store::places(&state.db).await?;
                match chosen.filter(|(k, id)| known.iter().any(|p| &p.kind == k && p.id == *id)) {
                    Some((kind, id)) if kind == "block" => Some(Place::Block(id)),
                    Some((_, id)) => Some(Place::Estate(id)),
                    None => {
                        errors.add(
                            "place",
                            "Choose the building or estate, or enter a tenancy or lease reference",
                        );
                        None
                    }
                }
            }
        }
    };
    if !crate::server::tokens::is_submission_token(values.token.trim()) {
        errors.add(
            "file",
            "The form had expired; check the details and upload again",
        );
    }
    let (Some(file), Some(category), Some(effective), Some(audience), Some(place), true) = (
        pending.clone(),
        category,
        effective,
        audience,
        place,
        errors.is_empty(),
    ) else {
        if errors.is_empty() {
            errors.add("file", "Check the details and upload again");
        }
        return Ok(Uploaded::Refused(errors));
    };
    let new = NewDocument {
        token: values.token.trim(),
        place,
        category,
        title: &title,
        effective_on: effective,
        review_on: review,
        audience,
        storage_key: &file.key,
        content_type: &file.content_type,
        filename: &file.filename,
        size_bytes: file.size,
        uploaded_by: account.id,
        replaces: replacing.as_ref(),
    };
    let (reference, created) = store::insert_document(&state.db, &new, now).await?;
    PENDING.drop(session).await?;
    if !created {
        // A second press of the button: the first upload stands; this copy goes.
        state.storage.delete(&file.key).await?;
        return Ok(Uploaded::Stored(reference));
    }
    record_audit(
        &state.db,
        AuditEvent::by(
            Some(account.id),
            if replacing.is_some() {
                "document_replaced"
            } else {
                "document_uploaded"
            },
        )
        .on("document", &reference)
        .detail(format!("{}: {title}", category.label())),
        now,
    )
    .await?;
    tell_published(
        state,
        &reference,
        &title,
        category,
        audience,
        place,
        replacing.is_some(),
    )
    .await?;
    Ok(Uploaded::Stored(reference))
}

/// Tells everyone named on a tenancy or lease at the document's place, whose tenure its
/// audience includes, that it is there to read (on their preferred channel).
async fn tell_published(
    state: &AppState,
    reference: &str,
    title: &str,
    category: Category,
    audience: Audience,
    place: Place,
    new_version: bool,
) -> Result<(), AppError> {
    let now = Utc::now();
    let what = if new_version {
        format!(
            "There is a new version of \"{title}\" ({}) in your documents. It replaces the one you had.",
            category.label().to_lowercase()
        )
    } else {
        format!(
            "We have added \"{title}\" ({}) to your documents.",
            category.label().to_lowercase()
        )
    };
    let notice = super::notify::Notice {
        kind: crate::domain::preferences::MessageKind::DocumentPublished,
        subject: if new_version {
            format!("New version: {title}")
        } else {
            format!("New document: {title}")
        },
        what,
        reference: Some(reference.to_owned()),
        path: Some("/documents".to_owned()),
    };
    for (person, tenure) in store::people_to_tell(&state.db, place).await? {
        if audience.includes(tenure) {
            super::notify::tell(state, person, &notice, now).await?;
        }
    }
    Ok(())
}

/// Stores a demo document made here.
#[allow(clippy::too_many_arguments)]
async fn demo_document(
    state: &AppState,
    by: i64,
    place: Place,
    category: Category,
    title: &str,
    (effective_on, review_on): (NaiveDate, Option<NaiveDate>),
    audience: Audience,
    lines: &[&str],
    now: DateTime<Utc>,
) -> Result<DocumentRow, AppError> {
    let bytes = super::pdf::text_page(title, lines);
    let key = super::storage::new_key("pdf");
    state.storage.put(&key, &bytes).await?;
    let token = super::tokens::submission_token();
    let filename = clean_filename(&format!("{title}.pdf"), "pdf");
    let (reference, _) = store::insert_document(
        &state.db,
        &NewDocument {
            token: &token,
            place,
            category,
            title,
            effective_on,
            review_on,
            audience,
            storage_key: &key,
            content_type: "application/pdf",
            filename: &filename,
            size_bytes: bytes.len() as i64,
            uploaded_by: by,
            replaces: None,
        },
        now,
    )
    .await?;
    store::document_by_reference(&state.db, &reference)
        .await?
        .ok_or_else(|| crate::error::internal("demo document vanished"))
}

/// The demo's documents: every tenancy agreement and lease, gas safety records for the rented
/// homes, Alder Court's safety documents (with last year's fire risk assessment replaced by
/// this year's), an owners-only service-charge letter and the estate's maintenance schedule.
/// Amira Hassan was given the fire safety instructions by letter two months ago; nobody else
/// has had them.
pub async fn seed_demo_documents(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use crate::domain::housing::Tenure;
    let db = &state.db;
    let (any, _) = store::staff_list(db, "current", None, 1, 0).await?;
    if !any.is_empty() {
        return Ok(0);
    }
    let by = super::db::accounts::account_by_email(db, "chris.morgan@staff.example.org")
        .await?
        .ok_or_else(|| crate::error::internal("demo colleague missing"))?
        .id;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
    let places = store::places(db).await?;
    let place = |kind: &str| {
        places
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.id)
            .ok_or_else(|| crate::error::internal("demo place missing"))
    };
    let (block, estate) = (
        Place::Block(place("block")?),
        Place::Estate(place("estate")?),
    );
    let mut made = 0;
    let homes: Vec<(i64, i64, String, String, String)> = crate::db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64, String, String, String)>(
            "select t.id, h.id, t.reference, h.tenure, h.address_line_1 from tenancies t
             join homes h on h.id = t.home_id where t.end_date is null order by h.id",
        )
        .fetch_all(pool)
        .await
    })?;
    for (tenancy_id, home_id, reference, tenure, address) in &homes {
        let renter = Tenure::parse(tenure).is_some_and(Tenure::is_renter);
        let (category, audience, title) = if renter {
            (
                Category::TenancyAgreement,
                Audience::Tenants,
                format!("Tenancy agreement {reference}"),
            )
        } else {
            (
                Category::Lease,
                Audience::Owners,
                format!("Lease {reference}"),
            )
        };
        demo_document(
            state,
            by,
            Place::Tenancy(*tenancy_id),
            category,
            &title,
            (d(2019, 4, 1), None),
            audience,
            &[
                address.as_str(),
                "This is a fictional document made for the Doorstep demonstration.",
                "It sets out the rights and responsibilities of the resident and the landlord.",
            ],
            now,
        )
        .await?;
        made += 1;
        if renter {
            demo_document(
                state,
                by,
                Place::Home(*home_id),
                Category::GasSafetyRecord,
                &format!("Gas safety record, {address}"),
                (d(2026, 2, 12), Some(d(2027, 2, 11))),
                Audience::Tenants,
                &[
                    address,
                    "Boiler and hob checked: safe to use. Next check due by 11 February 2027.",
                ],
                now,
            )
            .await?;
            made += 1;
        }
    }
    let old_fra = demo_document(
        state,
        by,
        block,
        Category::FireRiskAssessment,
        "Fire risk assessment 2025, Alder Court",
        (d(2025, 3, 3), Some(d(2026, 3, 3))),
        Audience::Everyone,
        &[
            "Assessed 3 March 2025. Risk: tolerable.",
            "Actions: replace two fire doors on the second floor.",
        ],
        now - chrono::Duration::days(400),
    )
    .await?;
    let token = super::tokens::submission_token();
    let lines = [
        "Assessed 2 March 2026. Risk: tolerable.",
        "Stay put: if there is a fire elsewhere in the building, you are safe in your flat unless heat or smoke reaches it.",
        "Actions done since the last assessment: both fire doors on the second floor replaced.",
    ];
    let bytes = super::pdf::text_page("Fire risk assessment 2026, Alder Court", &lines);
    let key = super::storage::new_key("pdf");
    state.storage.put(&key, &bytes).await?;
    store::insert_document(
        db,
        &NewDocument {
            token: &token,
            place: block,
            category: Category::FireRiskAssessment,
            title: "Fire risk assessment 2026, Alder Court",
            effective_on: d(2026, 3, 2),
            review_on: Some(d(2027, 3, 2)),
            audience: Audience::Everyone,
            storage_key: &key,
            content_type: "application/pdf",
            filename: "Fire risk assessment 2026 Alder Court.pdf",
            size_bytes: bytes.len() as i64,
            uploaded_by: by,
            replaces: Some(&old_fra),
        },
        now - chrono::Duration::days(30),
    )
    .await?;
    made += 2;
    let instructions = demo_document(
        state,
        by,
        block,
        Category::FireSafetyInstructions,
        "Fire safety instructions, Alder Court",
        (d(2026, 4, 1), Some(d(2027, 4, 1))),
        Audience::Everyone,
        &[
            "If there is a fire in your flat: get everyone out, close the door, call 999.",
            "If there is a fire elsewhere: stay put unless heat or smoke reaches your flat.",
            "Never use the lift in a fire. Report damaged fire doors to us at once.",
        ],
        now,
    )
    .await?;
    for (place, category, title, dates, audience, text) in [
        (
            block,
            Category::LiftInspection,
            "Lift inspection report, September 2026",
            (d(2026, 9, 15), Some(d(2027, 3, 15))),
            Audience::Everyone,
            "Thorough examination: no defects found.",
        ),
        (
            block,
            Category::BuildingSafetyStrategy,
            "Building safety engagement strategy, Alder Court",
            (d(2026, 1, 20), Some(d(2027, 1, 20))),
            Audience::Everyone,
            "How we tell you about safety in your building and how you can have your say.",
        ),
        (
            block,
            Category::AsbestosSurvey,
            "Communal areas asbestos survey, Alder Court",
            (d(2024, 6, 5), Some(d(2027, 6, 5))),
            Audience::Everyone,
            "Asbestos in the textured ceiling of the bin store: sealed and checked every year.",
        ),
        (
            block,
            Category::ServiceChargeEstimate,
            "Service charge estimate letter, April 2026 to March 2027",
            (d(2026, 3, 1), None),
            Audience::Owners,
            "Your service charge estimate for the year, with the breakdown on Doorstep.",
        ),
        (
            estate,
            Category::MaintenanceSchedule,
            "Millbrook estate grounds maintenance schedule",
            (d(2026, 4, 1), Some(d(2027, 3, 31))),
            Audience::Everyone,
            "Grass cut every two weeks from April to October; hedges twice a year.",
        ),
    ] {
        demo_document(
            state,
            by,
            place,
            category,
            title,
            dates,
            audience,
            &[text],
            now,
        )
        .await?;
        made += 1;
    }
    // Priya Shah may read Margaret Lewis's documents too, for a year.
    let advocate =
        super::db::accounts::account_by_email(db, "priya.shah@advice.example.org").await?;
    let margaret = super::db::repairs::person_on_tenancy(db, "TEN-100003").await?;
    if let (Some(advocate), Some(margaret)) = (advocate, margaret) {
        let ends = crate::domain::london::to_local(now).date() + chrono::Duration::days(365);
        super::db::cases::grant_permission(
            db,
            advocate.id,
            margaret,
            "documents",
            Some(ends),
            Some("Signed consent form, kept on file"),
            None,
            now,
        )
        .await?;
    }
    // Amira Hassan had the fire safety instructions by letter two months ago.
    let amira: Option<(i64, i64)> = crate::db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64)>(
            "select p.id, t.home_id from people p join household_members m on m.person_id = p.id
             join tenancies t on t.id = m.tenancy_id
             where p.given_name = 'Amira' and p.family_name = 'Hassan'",
        )
        .fetch_optional(pool)
        .await
    })?;
    if let Some((person_id, home_id)) = amira {
        store::record_given(
            db,
            person_id,
            home_id,
            Category::FireSafetyInstructions,
            crate::domain::london::to_local(now).date() - chrono::Duration::days(60),
            "letter",
            Some(instructions.id),
            Some(by),
            now,
        )
        .await?;
    }
    Ok(made)
}
