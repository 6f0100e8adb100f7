//! What each documents page shows, given who asks: "Your documents" for a resident or their
//! advocate, and the colleagues' lists and document pages.

use super::staff_forms as support;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::documents::*;
use crate::wire::documents_staff::*;

/// "Your documents": what the reader's home, building and estate have, grouped and newest
/// first, with what is new since their last visit marked (and this visit remembered).
pub async fn your_documents(
    state: &AppState,
    account: Account,
    for_person: Option<i64>,
) -> Result<YourDocuments, AppError> {
    use crate::domain::documents::{file_in_words, Category};
    use crate::domain::housing::Role;
    use crate::format::when;
    use crate::server::db::documents as store;
    if account.role == Role::Advocate && for_person.is_none() {
        let people = crate::server::documents::represented(state, &account).await?;
        return Ok(YourDocuments {
            represented: Some(crate::server::permissions::represented_choices(people)),
            ..YourDocuments::default()
        });
    }
    let reader = crate::server::documents::reader(state, account, for_person).await?;
    let person = reader.acting_for.as_ref().map(|_| reader.person_id);
    let Some(at) = &reader.residence else {
        return Ok(YourDocuments {
            acting_for: reader.acting_for.clone(),
            no_home: true,
            person,
            ..YourDocuments::default()
        });
    };
    let now = chrono::Utc::now();
    let docs = store::documents_for(&state.db, at).await?;
    let last = store::visit(&state.db, reader.account.id, reader.person_id, now).await?;
    // Only the resident can say they received their safety information, and only once a year.
    let fire_given = match reader.acting_for {
        None => at
            .fire_safety_given_on
            .filter(|d| crate::domain::documents::given_within_a_year(*d, crate::site::today())),
        Some(_) => None,
    };
    let yearly = |d: &store::DocumentRow| {
        reader.acting_for.is_none() && d.category().is_some_and(Category::given_yearly)
    };
    let item = |d: &store::DocumentRow| DocItem {
        received: fire_given.filter(|_| yearly(d)).map(|g| {
            format!(
                "You told us you received this on {}",
                g.format(crate::format::DATE)
            )
        }),
        ask_received: yearly(d) && fire_given.is_none(),
        reference: d.reference.clone(),
        title: d.title.clone(),
        effective: d.effective_on.format(crate::format::DATE).to_string(),
        review: d
            .review_on
            .map(|r| r.format(crate::format::DATE).to_string()),
        file: file_in_words(&d.content_type, d.size_bytes),
        is_new: last.is_some_and(|l| d.uploaded_at > l),
        href: format!("/documents/{}/file{}", d.reference, for_query(person, true)),
    };
    let home_title = if reader.acting_for.is_some() {
        format!("Their home: {}", at.address)
    } else {
        format!("Your home: {}", at.address)
    };
    let mut groups = Vec::new();
    type Belongs = fn(&store::DocumentRow) -> bool;
    let places: [(String, Belongs); 3] = [
        (home_title, |d: &store::DocumentRow| {
            d.home_id.is_some() || d.tenancy_id.is_some()
        }),
        (
            format!(
                "{} (your building)",
                at.block_name.clone().unwrap_or_default()
            ),
            |d: &store::DocumentRow| d.block_id.is_some(),
        ),
        (
            format!("{} (your estate)", at.estate_name),
            |d: &store::DocumentRow| d.estate_id.is_some(),
        ),
    ];
    for (title, belongs) in places {
        let mut categories = Vec::new();
        for category in Category::ALL {
            let items: Vec<DocItem> = docs
                .iter()
                .filter(|d| belongs(d) && d.category() == Some(*category))
                .map(item)
                .collect();
            if !items.is_empty() {
                categories.push(DocCategory {
                    label: category.label().to_owned(),
                    explained: category.explained().to_owned(),
                    items,
                });
            }
        }
        if !categories.is_empty() {
            groups.push(DocGroup { title, categories });
        }
    }
    let new_count = docs
        .iter()
        .filter(|d| last.is_some_and(|l| d.uploaded_at > l))
        .count();
    let statements =
        crate::server::service_charges::statements_for_home(state, at.home_id, person).await?;
    Ok(YourDocuments {
        acting_for: reader.acting_for.clone(),
        represented: None,
        groups,
        statements,
        new_count,
        last_visit: last.map(when),
        person,
        no_home: false,
    })
}

/// A document's page for staff: its details, versions and downloads, with the replace and
/// withdraw forms for those who may.
pub async fn staff_document(
    state: &AppState,
    account: Account,
    reference: String,
) -> Result<StaffDocument, AppError> {
    use crate::domain::documents::{file_in_words, Audience, Category, DocumentStatus};
    use crate::server::authz::{may, Action};
    use crate::server::db::documents as store;
    let reference = crate::domain::reference::normalise_reference("DC", &reference)
        .ok_or(AppError::NotFound)?;
    let doc = store::document_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let when = crate::format::when;
    let date = |d: chrono::NaiveDate| d.format(crate::format::DATE).to_string();
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
    let replace = support::upload_form(state, values, errors).await?;
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
            "{}, {}",
            doc.filename,
            file_in_words(&doc.content_type, doc.size_bytes)
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

/// Every document by status (current unless asked) and place, newest upload first.
pub async fn staff_documents(
    state: &AppState,
    account: Account,
    status: Option<String>,
    place: Option<String>,
    page: Option<i64>,
) -> Result<StaffDocuments, AppError> {
    use crate::domain::documents::{Audience, Category, DocumentStatus};
    use crate::server::authz::{may, Action};
    use crate::server::db::documents::{self as store, Place};
    const PER_PAGE: i64 = 50;
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
    let date = |d: chrono::NaiveDate| d.format(crate::format::DATE).to_string();
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

/// Everyone named on a tenancy or lease in a block, with when they last had the fire safety
/// instructions; those without this year's first.
pub async fn safety_information(
    state: &AppState,
    account: Account,
) -> Result<SafetyPage, AppError> {
    use crate::domain::documents::{given_within_a_year, Category};
    use crate::server::authz::{may, Action};
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
                    d.format(crate::format::DATE),
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
