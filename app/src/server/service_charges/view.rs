//! A service-charge statement as a household sees it: each line's share, and who may read it.

use super::*;

/// The home's share of each line of a statement, or `None` when it has none.
pub(super) async fn share_lines(
    state: &AppState,
    row: &StatementRow,
    home_id: i64,
) -> Result<Option<(Vec<ShareLine>, store::HomePart)>, AppError> {
    let Some(part) = store::home_part(&state.db, row.id, home_id).await? else {
        return Ok(None);
    };
    let lines = store::lines(&state.db, row.id).await?;
    let shares = lines
        .into_iter()
        .map(|l| ShareLine {
            position: l.position,
            share_pence: part
                .shares
                .iter()
                .find(|(p, _)| *p == l.position)
                .map(|(_, pence)| *pence)
                .unwrap_or(0),
            heading: l.heading,
            explanation: l.explanation,
            total_pence: l.amount_pence,
        })
        .collect();
    Ok(Some((shares, part)))
}

/// The published statements a home has a share in, for "Your documents".
pub async fn statements_for_home(
    state: &AppState,
    home_id: i64,
    person: Option<i64>,
) -> Result<Vec<StatementItem>, AppError> {
    Ok(store::published_shares_for_home(&state.db, home_id)
        .await?
        .into_iter()
        .map(|row| StatementItem {
            title: title_of(&row.statement),
            href: format!(
                "/documents/service-charges/{}{}",
                row.statement.reference,
                for_query(person, true)
            ),
            your_share: money(row.share_pence),
        })
        .collect())
}

/// A statement as `home_id` sees it: each line with the home's share, beside last year's
/// (an estimate) or this year's estimate (a year-end account), with the surplus or deficit.
/// `ask`: link each line to "Ask a question" (residents only).
pub async fn view_for_home(
    state: &AppState,
    row: &StatementRow,
    home_id: i64,
    ask: bool,
) -> Result<Option<StatementView>, AppError> {
    let Some((lines, part)) = share_lines(state, row, home_id).await? else {
        return Ok(None);
    };
    let kind = StatementKind::parse(&row.kind)
        .ok_or_else(|| crate::error::internal(format!("statement kind {}", row.kind)))?;
    let method = Method::parse(&row.method)
        .ok_or_else(|| crate::error::internal(format!("statement method {}", row.method)))?;
    let place = row
        .place()
        .ok_or_else(|| crate::error::internal("statement without a place"))?;
    // What to compare with: the year-end account with its estimate; an estimate with last
    // year's account, or last year's estimate while the account is not out.
    let other = match kind {
        StatementKind::Actual => store::published_at(&state.db, place, row.year_start, "estimate")
            .await?
            .map(|o| (o, format!("Estimate ({})", year_label(row.year_start)))),
        StatementKind::Estimate => {
            match store::published_at(&state.db, place, row.year_start - 1, "actual").await? {
                Some(o) => Some((
                    o,
                    format!("Last year's account ({})", year_label(row.year_start - 1)),
                )),
                None => store::published_at(&state.db, place, row.year_start - 1, "estimate")
                    .await?
                    .map(|o| {
                        (
                            o,
                            format!("Last year's estimate ({})", year_label(row.year_start - 1)),
                        )
                    }),
            }
        }
    };
    let other_lines = match &other {
        Some((o, _)) => share_lines(state, o, home_id).await?.map(|(l, _)| l),
        None => None,
    };
    let compared = compare(&lines, other_lines.as_deref());
    let total_share: i64 = lines.iter().map(|l| l.share_pence).sum();
    let other_total: Option<i64> = other_lines
        .as_ref()
        .map(|o| o.iter().map(|l| l.share_pence).sum());
    let balance = match (kind, other_total) {
        (StatementKind::Actual, Some(estimate)) => {
            let b = Balance::of(estimate, total_share);
            Some((b.title(), b.words()))
        }
        _ => None,
    };
    Ok(Some(StatementView {
        reference: row.reference.clone(),
        kind_label: format!("Service charge {}", kind.label().to_lowercase()),
        is_account: kind == StatementKind::Actual,
        place: row.place_name.clone(),
        year: year_label(row.year_start),
        method: method.label().to_owned(),
        how_shared: method.explain(
            part.weight,
            part.total_weight,
            part.homes as usize,
            &row.place_name,
        ),
        lines: compared
            .into_iter()
            .map(|c| StatementLine {
                ask_href: c
                    .position
                    .filter(|_| ask)
                    .map(|p| format!("/cases/new/enquiry/what?about={}-{p}", row.reference)),
                position: c.position,
                heading: c.heading,
                explanation: c.explanation,
                total: money(c.total_pence),
                share: money(c.share_pence),
                other: c.other_share_pence.map(money),
                change: c.other_share_pence.map(|o| change_words(c.share_pence, o)),
            })
            .collect(),
        compared_with: other_lines.as_ref().and(other.map(|(_, label)| label)),
        total_share: money(total_share),
        other_total: other_total.map(money),
        building_total: money(row.total_pence),
        balance,
        published: row
            .published_at
            .map(|p| {
                crate::domain::london::to_local(p)
                    .format(crate::format::DATE)
                    .to_string()
            })
            .unwrap_or_else(|| "Not published".to_owned()),
        draft: row.status != "published",
    }))
}

/// A published statement for a reader whose home has a share in it, with the reader.
pub async fn for_reader(
    state: &AppState,
    account: Account,
    reference: &str,
    for_person: Option<i64>,
) -> Result<Option<(StatementView, Reader)>, AppError> {
    let Some(reference) = crate::domain::reference::normalise_reference("SC", reference) else {
        return Ok(None);
    };
    let reader = crate::server::documents::reader(state, account, for_person).await?;
    let Some(home_id) = reader.residence.as_ref().map(|r| r.home_id) else {
        return Ok(None);
    };
    let Some(row) = store::statement_by_reference(&state.db, &reference)
        .await?
        .filter(|r| r.status == "published")
    else {
        return Ok(None);
    };
    let ask = reader.acting_for.is_none();
    Ok(view_for_home(state, &row, home_id, ask)
        .await?
        .map(|view| (view, reader)))
}

/// "SC-7K4QXP-3": a statement's reference and a line's position.
pub fn line_reference(typed: &str) -> Option<(String, i64)> {
    let (statement, position) = typed.trim().rsplit_once('-')?;
    let statement = crate::domain::reference::normalise_reference("SC", statement)?;
    let position = position
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=1000).contains(p))?;
    Some((statement, position))
}

/// The line of a published statement the person's home has a share in, in words ("About the
/// Cleaning line of the service charge estimate for Alder Court, April 2026 to March 2027:
/// your share £123.45"); `None` when it is not theirs.
pub async fn line_for_person(
    state: &AppState,
    statement: &str,
    position: i64,
    person_id: i64,
) -> Result<Option<String>, AppError> {
    let Some(at) = crate::server::db::documents::residence(&state.db, person_id).await? else {
        return Ok(None);
    };
    let Some(row) = store::statement_by_reference(&state.db, statement)
        .await?
        .filter(|r| r.status == "published")
    else {
        return Ok(None);
    };
    let Some((lines, _)) = share_lines(state, &row, at.home_id).await? else {
        return Ok(None);
    };
    Ok(lines.iter().find(|l| l.position == position).map(|l| {
        let kind = StatementKind::parse(&row.kind).unwrap_or(StatementKind::Estimate);
        format!(
            "About the {} line of the service charge {} for {}, {} (your share {})",
            l.heading,
            kind.label().to_lowercase(),
            row.place_name,
            year_label(row.year_start),
            money(l.share_pence)
        )
    }))
}

/// The reader of a plain route (CSV, printable page): signed in, allowed to read documents.
pub(super) async fn route_reader(
    state: &AppState,
    session: &Session,
    reference: &str,
    for_person: Option<i64>,
) -> Result<Option<(StatementView, Reader)>, AppError> {
    use crate::server::authz::{may, Action};
    let Some(account) = crate::server::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::ReadDocuments) {
        return Ok(None);
    }
    match for_reader(state, account, reference, for_person).await {
        Err(AppError::NotFound) => Ok(None),
        other => other,
    }
}
