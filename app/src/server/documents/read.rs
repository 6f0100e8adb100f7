//! Who reads documents (a resident, or an advocate for one), downloads, and confirming a
//! document was received.

use super::*;

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
) -> Result<Vec<crate::server::db::cases::Represented>, AppError> {
    crate::server::db::cases::represented(&state.db, account.id, "documents", crate::site::today())
        .await
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
    use crate::server::authz::{may, Action};
    let Some(account) = crate::server::auth::session_account(state, session).await? else {
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
