//! "Your documents" and service-charge statements for residents and their advocates.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::documents::*;

/// The resident says they have received a document of yearly safety information (fire safety
/// instructions): what the law asks the landlord to give each resident every year. An explicit
/// press, not a download, which a browser's prefetch or a link checker could make.
#[server(prefix = "/api", endpoint = "documents/received")]
pub async fn confirm_document_received(
    #[server(default)] reference: String,
) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ReadDocuments).await?;
    let state = crate::server::state::app_state()?;
    if !crate::server::documents::confirm_received(&state, account, &reference).await? {
        return Err(AppError::NotFound);
    }
    crate::server::request::redirect("/documents?received=1");
    Ok(())
}

#[cfg(feature = "ssr")]
fn person_of(person: Option<String>) -> Option<i64> {
    person.and_then(|p| p.trim().parse::<i64>().ok())
}

/// "Your documents": what the reader's home, building and estate have, grouped and newest
/// first, with what is new since their last visit marked (and this visit remembered).
#[server(prefix = "/api", endpoint = "documents/yours")]
pub async fn get_your_documents(person: Option<String>) -> Result<YourDocuments, AppError> {
    use crate::domain::documents::{size_in_words, Category, FileKind};
    use crate::domain::housing::Role;
    use crate::format::when;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::documents as store;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ReadDocuments).await?;
    let for_person = person_of(person);
    if account.role == Role::Advocate && for_person.is_none() {
        let people = crate::server::documents::represented(&state, &account).await?;
        return Ok(YourDocuments {
            represented: Some(crate::server::permissions::represented_choices(people)),
            ..YourDocuments::default()
        });
    }
    let reader = crate::server::documents::reader(&state, account, for_person).await?;
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
        None => store::last_given(
            &state.db,
            at.person_id,
            at.home_id,
            Category::FireSafetyInstructions,
        )
        .await?
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
        file: format!(
            "{}, {}",
            FileKind::from_content_type(&d.content_type)
                .map(FileKind::label)
                .unwrap_or("File"),
            size_in_words(d.size_bytes)
        ),
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
        crate::server::service_charges::statements_for_home(&state, at.home_id, person).await?;
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

/// A published service-charge statement, line by line, for a home that has a share in it.
#[server(prefix = "/api", endpoint = "documents/statement")]
pub async fn get_service_charge_statement(
    reference: String,
    person: Option<String>,
) -> Result<ChargeStatement, AppError> {
    use crate::server::authz::{authorise, Action};
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ReadDocuments).await?;
    let (view, reader) =
        crate::server::service_charges::for_reader(&state, account, &reference, person_of(person))
            .await?
            .ok_or(AppError::NotFound)?;
    let person = reader.on_behalf_of();
    let base = format!("/documents/service-charges/{}", view.reference);
    Ok(ChargeStatement {
        acting_for: reader.acting_for,
        back: format!("/documents{}", for_query(person, true)),
        csv_href: format!("{base}/csv{}", for_query(person, true)),
        print_href: format!("{base}/print{}", for_query(person, true)),
        view,
    })
}
