//! Uploading a document: the file checked and kept across a mistake, the details checked, the
//! document stored once and the residents it is for told.

use super::*;

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

/// A file chosen on an upload form, as it arrived: stored under a new key, or refused with
/// what is wrong with it (nothing of it kept).
pub type Chosen = Result<PendingFile, FileProblem>;

/// Reads a chosen file as it arrives (`chunks`, a form's file part) and writes it to the store
/// as it goes, so a 25 MB document is never held in memory whole. Its type is decided from the
/// first kilobyte before anything is stored; its size is counted, and a picture measured from its
/// header, before the stored file is kept. `None` when no file was chosen (an empty part with no
/// name). A part that cannot be read to its end (the body limit, or the browser gone) is
/// [`FileProblem::TooBig`], and nothing is kept.
pub async fn receive<S, E>(
    storage: &crate::server::storage::Storage,
    sent_name: &str,
    chunks: S,
) -> Result<Option<Chosen>, AppError>
where
    S: futures::Stream<Item = Result<bytes::Bytes, E>>,
{
    use crate::domain::documents::{sniff, HEAD_BYTES, MAX_DOCUMENT_BYTES};
    use futures::StreamExt;
    let mut chunks = std::pin::pin!(chunks);
    let mut head: Vec<u8> = Vec::new();
    let mut ended = false;
    while head.len() < 1024 {
        match chunks.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(_)) => return Ok(Some(Err(FileProblem::TooBig))),
            None => {
                ended = true;
                break;
            }
        }
    }
    if head.is_empty() {
        return Ok(if sent_name.is_empty() {
            None
        } else {
            Some(Err(FileProblem::Empty))
        });
    }
    let Some(kind) = sniff(&head) else {
        return Ok(Some(Err(FileProblem::WrongType)));
    };
    let key = crate::server::storage::new_key(kind.extension());
    let mut writer = storage.writer(&key).await?;
    let mut size = head.len();
    let mut problem = None;
    if let Err(error) = writer.write(&head).await {
        writer.abort().await;
        return Err(error);
    }
    while let Some(next) = if ended { None } else { chunks.next().await } {
        let Ok(chunk) = next else {
            problem = Some(FileProblem::TooBig);
            break;
        };
        size += chunk.len();
        if size > MAX_DOCUMENT_BYTES {
            problem = Some(FileProblem::TooBig);
            break;
        }
        if head.len() < HEAD_BYTES {
            head.extend_from_slice(&chunk[..chunk.len().min(HEAD_BYTES - head.len())]);
        }
        if let Err(error) = writer.write(&chunk).await {
            writer.abort().await;
            return Err(error);
        }
    }
    if let Some(problem) = problem.or_else(|| check_file(&head, size).err()) {
        writer.abort().await;
        return Ok(Some(Err(problem)));
    }
    writer.finish().await?;
    Ok(Some(Ok(PendingFile {
        key,
        filename: clean_filename(sent_name, kind.extension()),
        content_type: kind.content_type().to_owned(),
        size: size as i64,
    })))
}

/// The file for an upload form kept in the session under `slot`: a newly chosen one (already
/// checked and stored by [`receive`]) replaces any kept before, so it survives a mistake
/// elsewhere on the form; without one, the file kept from the last try. `Err` says what is wrong
/// with a newly chosen file; `Ok(None)` means none was chosen, now or before.
pub async fn keep_upload(
    state: &AppState,
    session: &Session,
    slot: &SessionSlot<PendingFile>,
    chosen: Option<Chosen>,
) -> Result<Result<Option<PendingFile>, FileProblem>, AppError> {
    let kept = slot.get(session).await?;
    let file = match chosen {
        None => return Ok(Ok(kept)),
        Some(Err(problem)) => return Ok(Err(problem)),
        Some(Ok(file)) => file,
    };
    if let Some(old) = kept {
        state.storage.delete(&old.key).await?;
    }
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
pub(super) fn date_from(day: &str, month: &str, year: &str) -> Result<Option<NaiveDate>, ()> {
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
    file: Option<Chosen>,
) -> Result<Uploaded, AppError> {
    use crate::server::authz::{authorise_session, Action};
    let account = authorise_session(state, session, Action::ManageDocuments).await?;
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
pub(super) async fn tell_published(
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
    let notice = crate::server::notify::Notice {
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
            crate::server::notify::tell(state, person, &notice, now).await?;
        }
    }
    Ok(())
}
