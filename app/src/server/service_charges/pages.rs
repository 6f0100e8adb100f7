//! What the colleagues' service-charge pages show: the statements, and one statement
//! with its check before publishing.

use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::documents::staff_forms as support;
use crate::server::state::AppState;
use crate::wire::documents_staff::*;

/// Every statement, and the import form.
pub async fn staff_statements(
    state: &AppState,
    account: Account,
) -> Result<StaffStatements, AppError> {
    use crate::domain::service_charges::{
        money, year_label, Method, StatementKind, STANDARD_HEADINGS,
    };
    use crate::server::authz::{may, Action};
    use crate::server::db::service_charges as store;
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
pub async fn staff_statement(
    state: &AppState,
    account: Account,
    reference: String,
) -> Result<StaffStatement, AppError> {
    use crate::domain::service_charges::{
        money, percent, square_metres, year_label, Method, StatementKind,
    };
    use crate::server::authz::{may, Action};
    use crate::server::db::service_charges as store;
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
