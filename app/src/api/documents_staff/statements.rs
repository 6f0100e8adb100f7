//! Service-charge statements for staff: the list, one statement, publishing.

use super::*;

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
