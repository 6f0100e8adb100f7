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
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ReadDocuments).await?;
    crate::server::documents::your_documents(&state, account, person_of(person)).await
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
