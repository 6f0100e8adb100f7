//! Documents and service charges for staff: the documents list, uploading, a document's page
//! (versions, replacing, withdrawing), who has not had this year's safety information, and
//! service-charge statements (import, check, publish).

#[cfg(feature = "ssr")]
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::wire::forms::Offered;
use leptos::prelude::*;

pub use crate::wire::documents_staff::*;

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use super::*;
    use crate::server::db::documents::PlaceRow;

    pub fn place_options(places: &[PlaceRow]) -> Vec<Offered> {
        places
            .iter()
            .map(|p| Offered {
                value: format!("{}:{}", p.kind, p.id),
                label: if p.kind == "block" {
                    format!("{} (building)", p.name)
                } else {
                    format!("{} (estate)", p.name)
                },
                hint: None,
            })
            .collect()
    }

    pub fn offered<T: Copy>(
        all: &[T],
        value: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<Offered> {
        all.iter()
            .map(|t| Offered {
                value: value(*t).to_owned(),
                label: label(*t).to_owned(),
                hint: None,
            })
            .collect()
    }

    /// The upload form for `values` (a fresh token when it has none).
    pub async fn upload_form(
        state: &crate::server::state::AppState,
        mut values: UploadValues,
        errors: FieldErrors,
    ) -> Result<UploadForm, AppError> {
        use crate::domain::documents::{size_in_words, Audience, Category, FileKind};
        if values.token.is_empty() {
            values.token = crate::server::tokens::submission_token();
        }
        let session = crate::server::request::session()?;
        let pending = crate::server::documents::PENDING
            .get(&session)
            .await?
            .filter(|_| !errors.is_empty())
            .map(|p| {
                format!(
                    "{} ({}, {})",
                    p.filename,
                    FileKind::from_content_type(&p.content_type)
                        .map(FileKind::label)
                        .unwrap_or("File"),
                    size_in_words(p.size)
                )
            });
        Ok(UploadForm {
            values,
            errors,
            pending,
            categories: offered(Category::ALL, Category::as_str, Category::label),
            audiences: offered(Audience::ALL, Audience::as_str, Audience::label),
            places: place_options(&crate::server::db::documents::places(&state.db).await?),
        })
    }

    pub async fn done_message(form: &str) -> Result<Option<String>, AppError> {
        let state = crate::server::forms::take_form::<Option<String>>(form).await?;
        Ok(state.values)
    }

    pub async fn finish(form: &str, message: &str, back: &str) -> Result<(), AppError> {
        let session = crate::server::request::session()?;
        crate::server::flash::keep(
            &session,
            form,
            Some(message.to_owned()),
            FieldErrors::default(),
        )
        .await?;
        crate::server::request::redirect(back);
        Ok(())
    }
}

/// Every document by status (current unless asked) and place, newest upload first.
#[server(prefix = "/api", endpoint = "staff/documents")]
pub async fn get_staff_documents(
    status: Option<String>,
    place: Option<String>,
    page: Option<i64>,
) -> Result<StaffDocuments, AppError> {
    use crate::domain::documents::{Audience, Category, DocumentStatus};
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::documents::{self as store, Place};
    const PER_PAGE: i64 = 50;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    let status = status
        .and_then(|s| DocumentStatus::parse(&s))
        .unwrap_or(DocumentStatus::Current);
    let places = store::places(&state.db).await?;
    let chosen = place.clone().unwrap_or_default();
    let filter = chosen.split_once(':').and_then(|(k, id)| {
        let id = id.parse::<i64>().ok()?;
        match k {
            "block" => Some(Place::Block(id)),
            "estate" => Some(Place::Estate(id)),
            _ => None,
        }
    });
    let page = page.unwrap_or(1).clamp(1, 10_000);
    let (rows, total) = store::staff_list(
        &state.db,
        status.as_str(),
        filter,
        PER_PAGE,
        (page - 1) * PER_PAGE,
    )
    .await?;
    let date = |d: chrono::NaiveDate| d.format("%-d %B %Y").to_string();
    Ok(StaffDocuments {
        lines: rows
            .iter()
            .map(|d| StaffDocLine {
                reference: d.reference.clone(),
                title: d.title.clone(),
                category: d
                    .category()
                    .map(Category::label)
                    .unwrap_or("Document")
                    .to_owned(),
                place: d.place_name.clone().unwrap_or_default(),
                audience: Audience::parse(&d.audience)
                    .map(Audience::label)
                    .unwrap_or("")
                    .to_owned(),
                effective: date(d.effective_on),
                review: d.review_on.map(date),
                uploaded: crate::format::when(d.uploaded_at),
            })
            .collect(),
        total,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        status: status.as_str().to_owned(),
        place: chosen,
        statuses: support::offered(
            DocumentStatus::ALL,
            DocumentStatus::as_str,
            DocumentStatus::label,
        ),
        places: support::place_options(&places),
        may_upload: may(&account, Action::ManageDocuments),
        may_import: may(&account, Action::ManageServiceCharges),
    })
}

#[server(prefix = "/api", endpoint = "staff/documents/upload-form")]
pub async fn get_upload_form() -> Result<UploadForm, AppError> {
    use crate::server::authz::{authorise, Action};
    let state = crate::server::state::app_state()?;
    authorise(Action::ManageDocuments).await?;
    let form = crate::server::forms::take_form::<UploadValues>(UPLOAD_FORM).await?;
    let values = if form.values.replaces.is_empty() {
        form.values
    } else {
        UploadValues::default()
    };
    support::upload_form(&state, values, form.errors).await
}

/// A document's page for staff: its details, versions and downloads, with the replace and
/// withdraw forms for those who may.
#[server(prefix = "/api", endpoint = "staff/documents/one")]
pub async fn get_staff_document(reference: String) -> Result<StaffDocument, AppError> {
    use crate::domain::documents::{size_in_words, Audience, Category, DocumentStatus, FileKind};
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::documents as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    let reference = crate::domain::reference::normalise_reference("DC", &reference)
        .ok_or(AppError::NotFound)?;
    let doc = store::document_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let when = crate::format::when;
    let date = |d: chrono::NaiveDate| d.format("%-d %B %Y").to_string();
    let form = crate::server::forms::take_form::<UploadValues>(UPLOAD_FORM).await?;
    let (values, errors) = if form.values.replaces == doc.reference {
        (form.values, form.errors)
    } else {
        let (day, month, year) = (String::new(), String::new(), String::new());
        (
            UploadValues {
                title: doc.title.clone(),
                audience: doc.audience.clone(),
                replaces: doc.reference.clone(),
                effective_day: day,
                effective_month: month,
                effective_year: year,
                ..UploadValues::default()
            },
            FieldErrors::default(),
        )
    };
    let replace = support::upload_form(&state, values, errors).await?;
    let done = support::done_message(STAFF_DOCUMENTS_FORM).await?;
    let withdraw_error = done
        .as_deref()
        .and_then(|d| d.strip_prefix("error:"))
        .map(str::to_owned);
    let done = done.filter(|d| !d.starts_with("error:"));
    let replaced_by = match doc.replaced_by_id {
        Some(id) => store::document_by_id(&state.db, id)
            .await?
            .map(|d| d.reference),
        None => None,
    };
    let versions = store::versions(&state.db, &doc)
        .await?
        .into_iter()
        .map(|v| VersionLine {
            reference: v.reference.clone(),
            version: v.version,
            status: DocumentStatus::parse(&v.status)
                .map(DocumentStatus::label)
                .unwrap_or("")
                .to_owned(),
            uploaded: when(v.uploaded_at),
            title: v.title,
        })
        .collect();
    Ok(StaffDocument {
        reference: doc.reference.clone(),
        title: doc.title.clone(),
        category: doc
            .category()
            .map(Category::label)
            .unwrap_or("Document")
            .to_owned(),
        place: doc.place_name.clone().unwrap_or_default(),
        audience: Audience::parse(&doc.audience)
            .map(Audience::label)
            .unwrap_or("")
            .to_owned(),
        effective: date(doc.effective_on),
        review: doc.review_on.map(date),
        status: DocumentStatus::parse(&doc.status)
            .map(DocumentStatus::label)
            .unwrap_or("")
            .to_owned(),
        current: doc.status == "current",
        version: doc.version,
        uploaded: format!("{} by {}", when(doc.uploaded_at), doc.uploaded_by),
        file: format!(
            "{}, {}, {}",
            doc.filename,
            FileKind::from_content_type(&doc.content_type)
                .map(FileKind::label)
                .unwrap_or("File"),
            size_in_words(doc.size_bytes)
        ),
        downloads: store::download_count(&state.db, doc.id).await?,
        withdrawn: doc.withdrawn_at.map(|at| {
            format!(
                "{}: {}",
                when(at),
                doc.withdrawn_reason.clone().unwrap_or_default()
            )
        }),
        replaced_by,
        versions,
        may_manage: may(&account, Action::ManageDocuments),
        replace,
        withdraw_error,
        done,
    })
}

/// Withdraws a current document: residents no longer see it; staff still can.
#[server(prefix = "/api", endpoint = "staff/documents/withdraw")]
pub async fn withdraw_document(reference: String, reason: Option<String>) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::documents as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageDocuments).await?;
    let doc = store::document_by_reference(&state.db, reference.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/documents/{}", doc.reference);
    let reason = reason.unwrap_or_default().trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 500 {
        return support::finish(
            STAFF_DOCUMENTS_FORM,
            "error:Say why it is withdrawn, in 500 characters or fewer",
            &back,
        )
        .await;
    }
    let now = chrono::Utc::now();
    if !store::withdraw(&state.db, doc.id, account.id, &reason, now).await? {
        return support::finish(
            STAFF_DOCUMENTS_FORM,
            "error:This version is not current any more, so it cannot be withdrawn",
            &back,
        )
        .await;
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "document_withdrawn")
            .on("document", &doc.reference)
            .detail(reason),
        now,
    )
    .await?;
    support::finish(STAFF_DOCUMENTS_FORM, "Document withdrawn", &back).await
}

/// Everyone named on a tenancy or lease in a block, with when they last had the fire safety
/// instructions; those without this year's first.
#[server(prefix = "/api", endpoint = "staff/documents/safety")]
pub async fn get_safety_information() -> Result<SafetyPage, AppError> {
    use crate::domain::documents::{given_within_a_year, Category};
    use crate::server::authz::{authorise, may, Action};
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    let today = crate::site::today();
    let form = crate::server::forms::take_form::<Option<String>>(STAFF_DOCUMENTS_FORM).await?;
    let rows = crate::server::db::documents::safety_recipients(
        &state.db,
        Category::FireSafetyInstructions,
    )
    .await?;
    let how = |h: &str| match h {
        "portal" => "confirmed on Doorstep",
        "email" => "by email",
        "letter" => "by letter",
        "by_hand" => "by hand",
        _ => "",
    };
    let mut lines: Vec<SafetyLine> = rows
        .iter()
        .map(|r| SafetyLine {
            person: r.person_id.to_string(),
            home: r.home_id.to_string(),
            name: r.name.clone(),
            address: r.address.clone(),
            block: r.block_name.clone(),
            last: r.last_given.map(|d| {
                format!(
                    "{} ({})",
                    d.format("%-d %B %Y"),
                    how(r.last_how.as_deref().unwrap_or(""))
                )
            }),
            due: !r.last_given.is_some_and(|d| given_within_a_year(d, today)),
        })
        .collect();
    lines.sort_by_key(|l| !l.due);
    Ok(SafetyPage {
        outstanding: lines.iter().filter(|l| l.due).count(),
        lines,
        may_record: may(&account, Action::ManageDocuments),
        errors: form.errors,
        done: form.values,
        today: (
            today.format("%-d").to_string(),
            today.format("%-m").to_string(),
            today.format("%Y").to_string(),
        ),
    })
}

/// Records that a resident was given this year's fire safety instructions another way.
/// `recipient`: "person:home" from the list of those due.
#[server(prefix = "/api", endpoint = "staff/documents/safety-given")]
pub async fn record_safety_given(
    recipient: Option<String>,
    how: Option<String>,
    given_day: Option<String>,
    given_month: Option<String>,
    given_year: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::documents::Category;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::documents as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageDocuments).await?;
    let back = "/staff/documents/safety";
    let mut errors = FieldErrors::default();
    let recipients = store::safety_recipients(&state.db, Category::FireSafetyInstructions).await?;
    let chosen = recipient
        .as_deref()
        .and_then(|r| r.split_once(':'))
        .and_then(|(p, h)| Some((p.trim().parse::<i64>().ok()?, h.trim().parse::<i64>().ok()?)))
        .filter(|(p, h)| {
            recipients
                .iter()
                .any(|r| r.person_id == *p && r.home_id == *h)
        });
    if chosen.is_none() {
        errors.add("recipient", "Choose who was given them");
    }
    let how = how.unwrap_or_default();
    if !["email", "letter", "by_hand"].contains(&how.as_str()) {
        errors.add("how", "Choose how they were given them");
    }
    let today = crate::site::today();
    let given = crate::domain::validation::date_of(
        given_day.as_deref().unwrap_or(""),
        given_month.as_deref().unwrap_or(""),
        given_year.as_deref().unwrap_or(""),
    );
    match given {
        Some(d) if d <= today => {}
        Some(_) => errors.add(
            "given",
            "The date they were given them cannot be in the future",
        ),
        None => errors.add(
            "given",
            "Enter the date they were given them, like 2 4 2026",
        ),
    }
    let (Some((person_id, home_id)), Some(given), true) = (chosen, given, errors.is_empty()) else {
        return crate::server::forms::back_to_form(
            STAFF_DOCUMENTS_FORM,
            back,
            None::<String>,
            errors,
        )
        .await;
    };
    let now = chrono::Utc::now();
    store::record_given(
        &state.db,
        person_id,
        home_id,
        Category::FireSafetyInstructions,
        given,
        &how,
        None,
        Some(account.id),
        now,
    )
    .await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "safety_information_given")
            .on("person", person_id)
            .for_person(Some(person_id))
            .detail(format!("fire safety instructions, {how}, {given}")),
        now,
    )
    .await?;
    support::finish(STAFF_DOCUMENTS_FORM, "Recorded as given", back).await
}

/// Every statement, and the import form.
#[server(prefix = "/api", endpoint = "staff/service-charges")]
pub async fn get_staff_statements() -> Result<StaffStatements, AppError> {
    use crate::domain::service_charges::{
        money, year_label, Method, StatementKind, STANDARD_HEADINGS,
    };
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::service_charges as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    let form = crate::server::forms::take_form::<ImportValues>(IMPORT_FORM).await?;
    let lines = store::statements(&state.db)
        .await?
        .into_iter()
        .map(|s| StatementLineStaff {
            title: format!(
                "{}, {} {}",
                s.place_name,
                StatementKind::parse(&s.kind)
                    .map(StatementKind::label)
                    .unwrap_or("")
                    .to_lowercase(),
                year_label(s.year_start)
            ),
            reference: s.reference,
            status: if s.status == "published" {
                "Published".to_owned()
            } else {
                "Draft".to_owned()
            },
            total: money(s.total_pence),
            imported: format!(
                "{} by {}",
                crate::format::when(s.imported_at),
                s.imported_by
            ),
        })
        .collect();
    let mut headings: Vec<String> = STANDARD_HEADINGS.iter().map(|h| (*h).to_owned()).collect();
    headings.extend(state.site.profile.service_charge_headings.iter().cloned());
    Ok(StaffStatements {
        lines,
        may_import: may(&account, Action::ManageServiceCharges),
        values: form.values,
        errors: form.errors,
        places: support::place_options(&crate::server::db::documents::places(&state.db).await?),
        kinds: support::offered(
            StatementKind::ALL,
            StatementKind::as_str,
            StatementKind::label,
        ),
        methods: support::offered(Method::ALL, Method::as_str, Method::label),
        headings,
    })
}

/// A statement for staff to check: its lines, every home's share, and residents' questions.
#[server(prefix = "/api", endpoint = "staff/service-charges/one")]
pub async fn get_staff_statement(reference: String) -> Result<StaffStatement, AppError> {
    use crate::domain::service_charges::{
        money, percent, square_metres, year_label, Method, StatementKind,
    };
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::service_charges as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    let reference = crate::domain::reference::normalise_reference("SC", &reference)
        .ok_or(AppError::NotFound)?;
    let row = store::statement_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let method = Method::parse(&row.method).unwrap_or(Method::Equal);
    let lines = store::lines(&state.db, row.id).await?;
    let homes = store::home_totals(&state.db, row.id)
        .await?
        .into_iter()
        .map(|h| {
            let by = match method {
                Method::Equal => "Equal share".to_owned(),
                Method::FloorArea => square_metres(h.weight),
                Method::Bedrooms => format!("{} bedrooms", h.weight),
                Method::Percentage => percent(h.weight),
            };
            (h.address, by, money(h.total_pence))
        })
        .collect();
    let heading_of = |related: &str| {
        related
            .rsplit_once('-')
            .and_then(|(_, p)| p.parse::<i64>().ok())
            .and_then(|p| lines.iter().find(|l| l.position == p))
            .map(|l| l.heading.clone())
            .unwrap_or_default()
    };
    let questions = store::questions_about(&state.db, &row.reference)
        .await?
        .into_iter()
        .map(|q| {
            let status = crate::domain::cases::Status::parse(&q.status)
                .map(|s| s.label().to_owned())
                .unwrap_or(q.status.clone());
            (
                q.reference,
                heading_of(&q.related_reference),
                q.person,
                status,
            )
        })
        .collect();
    let done = support::done_message(STAFF_DOCUMENTS_FORM).await?;
    Ok(StaffStatement {
        title: format!(
            "{}, {} {}",
            row.place_name,
            StatementKind::parse(&row.kind)
                .map(StatementKind::label)
                .unwrap_or("")
                .to_lowercase(),
            year_label(row.year_start)
        ),
        reference: row.reference.clone(),
        status: if row.status == "published" {
            "Published"
        } else {
            "Draft"
        }
        .to_owned(),
        draft: row.status != "published",
        method: method.label().to_owned(),
        imported: format!(
            "{} by {} from {}",
            crate::format::when(row.imported_at),
            row.imported_by,
            row.source_filename
        ),
        published: row.published_at.map(crate::format::when),
        total: money(row.total_pence),
        lines: lines
            .iter()
            .map(|l| {
                (
                    l.heading.clone(),
                    money(l.amount_pence),
                    l.explanation.clone(),
                )
            })
            .collect(),
        homes,
        questions,
        may_publish: may(&account, Action::ManageServiceCharges) && row.status == "draft",
        done,
    })
}

/// Publishes a draft statement: residents with a share see it from now on.
#[server(prefix = "/api", endpoint = "staff/service-charges/publish")]
pub async fn publish_statement(reference: String) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::service_charges as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageServiceCharges).await?;
    let row = store::statement_by_reference(&state.db, reference.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/service-charges/{}", row.reference);
    let now = chrono::Utc::now();
    if !store::publish(&state.db, row.id, account.id, now).await? {
        return support::finish(
            STAFF_DOCUMENTS_FORM,
            "This statement is published already",
            &back,
        )
        .await;
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "service_charges_published")
            .on("service_charge_statement", &row.reference),
        now,
    )
    .await?;
    let notice = crate::server::notify::Notice {
        kind: crate::domain::preferences::MessageKind::DocumentPublished,
        subject: crate::server::service_charges::title_of(&row),
        what: format!(
            "Your {} is ready to read, line by line, with your share of each cost.",
            crate::server::service_charges::title_of(&row).to_lowercase()
        ),
        reference: Some(row.reference.clone()),
        path: Some(format!("/documents/service-charges/{}", row.reference)),
    };
    for person in store::people_with_shares(&state.db, row.id).await? {
        crate::server::notify::tell(&state, person, &notice, now).await?;
    }
    support::finish(
        STAFF_DOCUMENTS_FORM,
        "Published: residents can see it now",
        &back,
    )
    .await
}
