//! Service charges on the server: importing a statement from CSV (all or nothing), each
//! home's view of a published statement beside the one it is compared with, the statement as
//! CSV and as a printable page, and the demo statements.

use super::db::accounts::{record_audit, Account, AuditEvent};
use super::db::service_charges::{self as store, ChargePlace, NewStatement, Saved, StatementRow};
use super::documents::Reader;
use super::state::AppState;
use crate::domain::service_charges::{
    apportion, change_words, compare, money, read_lines, year_label, Balance, ImportProblem, Line,
    Method, ShareLine, StatementKind,
};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::documents::{for_query, StatementItem, StatementLine, StatementView};
use crate::wire::documents_staff::ImportValues;
use chrono::{DateTime, Utc};
use tower_sessions::Session;

/// The largest CSV file accepted: far more than sixty lines need.
pub const MAX_CSV_BYTES: usize = 256 * 1024;

pub(crate) fn title_of(row: &StatementRow) -> String {
    let kind = StatementKind::parse(&row.kind).unwrap_or(StatementKind::Estimate);
    format!(
        "Service charge {} for {}, {}",
        kind.label().to_lowercase(),
        row.place_name,
        year_label(row.year_start)
    )
}

/// The home's share of each line of a statement, or `None` when it has none.
async fn share_lines(
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
    let mut items = Vec::new();
    for row in store::published_for_home(&state.db, home_id).await? {
        let Some((lines, _)) = share_lines(state, &row, home_id).await? else {
            continue;
        };
        items.push(StatementItem {
            title: title_of(&row),
            href: format!(
                "/documents/service-charges/{}{}",
                row.reference,
                for_query(person, true)
            ),
            your_share: money(lines.iter().map(|l| l.share_pence).sum()),
        });
    }
    Ok(items)
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
                    .format("%-d %B %Y")
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
    let reader = super::documents::reader(state, account, for_person).await?;
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
    let Some(at) = super::db::documents::residence(&state.db, person_id).await? else {
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
async fn route_reader(
    state: &AppState,
    session: &Session,
    reference: &str,
    for_person: Option<i64>,
) -> Result<Option<(StatementView, Reader)>, AppError> {
    use super::authz::{may, Action};
    let Some(account) = super::auth::session_account(state, session).await? else {
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

/// A value for a CSV cell: quoted when it must be, and never read as a formula by a
/// spreadsheet (a leading `=`, `+`, `-` or `@` gets an apostrophe).
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The home's statement as CSV: one row a line, with the comparison when there is one.
pub async fn statement_csv(
    state: &AppState,
    session: &Session,
    reference: &str,
    for_person: Option<i64>,
) -> Result<Option<(String, String)>, AppError> {
    let Some((view, _)) = route_reader(state, session, reference, for_person).await? else {
        return Ok(None);
    };
    let plain = |m: &str| m.replace(['£', ','], "");
    let mut csv = String::from("heading,what it pays for,total cost,your share");
    if let Some(label) = &view.compared_with {
        csv.push(',');
        csv.push_str(&csv_cell(&format!("your share: {label}")));
    }
    csv.push('\n');
    for line in &view.lines {
        let mut cells = vec![
            csv_cell(&line.heading),
            csv_cell(&line.explanation),
            plain(&line.total),
            plain(&line.share),
        ];
        if view.compared_with.is_some() {
            cells.push(line.other.as_deref().map(plain).unwrap_or_default());
        }
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    csv.push_str(&format!(
        "Total,,{},{}",
        plain(&view.building_total),
        plain(&view.total_share)
    ));
    if view.compared_with.is_some() {
        csv.push(',');
        csv.push_str(&view.other_total.as_deref().map(plain).unwrap_or_default());
    }
    csv.push('\n');
    let kind = if view.is_account {
        "account"
    } else {
        "estimate"
    };
    let filename = format!(
        "service-charge-{kind}-{}-{}.csv",
        view.year.replace(' ', "-").to_lowercase(),
        view.reference
    );
    Ok(Some((filename, csv)))
}

/// The home's statement as a page to print or save, with nothing but the statement.
pub async fn statement_print(
    state: &AppState,
    session: &Session,
    reference: &str,
    for_person: Option<i64>,
) -> Result<Option<String>, AppError> {
    use super::cases::escape;
    let Some((view, reader)) = route_reader(state, session, reference, for_person).await? else {
        return Ok(None);
    };
    let landlord = &state.site.profile.landlord;
    let title = format!("{} - {} - {}", view.kind_label, view.place, view.year);
    // The site's stylesheet (the page's policy allows no inline style or script).
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/pkg/doorstep.css\"></head><body><main class=\"print-page\">",
        escape(&title)
    );
    html.push_str(&format!(
        "<p>{}</p><h1 class=\"heading-l\">{}</h1><p><strong>{}</strong>, {}.</p>\
         <p class=\"hint no-print\">Use your browser's Print command to print this page or save it as a PDF.</p>",
        escape(&landlord.name),
        escape(&view.kind_label),
        escape(&view.place),
        escape(&view.year)
    ));
    if let Some(at) = &reader.residence {
        html.push_str(&format!("<p>For {}.</p>", escape(&at.address)));
    }
    html.push_str(&format!("<p>{}</p>", escape(&view.how_shared)));
    html.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Your share, line by line\"><table class=\"table\"><caption>Your share, line by line</caption><thead><tr><th scope=\"col\">Cost</th><th scope=\"col\">What it pays for</th><th scope=\"col\" class=\"number\">Total cost</th><th scope=\"col\" class=\"number\">Your share</th>");
    if let Some(label) = &view.compared_with {
        html.push_str(&format!(
            "<th scope=\"col\" class=\"number\">{}</th>",
            escape(label)
        ));
    }
    html.push_str("</tr></thead><tbody>");
    // One row: the heading, then the cells, then the comparison when there is one.
    let compared = view.compared_with.is_some();
    let row = |heading: &str, cells: [&str; 3], other: Option<&str>| {
        let mut tr = format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td>",
            escape(heading),
            escape(cells[0]),
            escape(cells[1]),
            escape(cells[2])
        );
        if compared {
            tr.push_str(&format!(
                "<td class=\"number\">{}</td>",
                escape(other.unwrap_or(""))
            ));
        }
        tr + "</tr>"
    };
    for line in &view.lines {
        html.push_str(&row(
            &line.heading,
            [&line.explanation, &line.total, &line.share],
            line.other.as_deref(),
        ));
    }
    html.push_str("</tbody><tfoot>");
    html.push_str(&row(
        "Total",
        ["", &view.building_total, &view.total_share],
        view.other_total.as_deref(),
    ));
    html.push_str("</tfoot></table></div>");
    if let Some((title, words)) = &view.balance {
        html.push_str(&format!(
            "<h2 class=\"heading-m\">{}</h2><p>{}</p>",
            escape(title),
            escape(words)
        ));
    }
    html.push_str(&format!(
        "<p>Questions about your service charges: phone {} or email {}. Reference {}.</p></main></body></html>",
        escape(&landlord.phone),
        escape(&landlord.email),
        escape(&view.reference)
    ));
    Ok(Some(html))
}

/// What an import did.
pub enum Imported {
    /// Saved as a draft: its reference.
    Saved(String),
    /// Nothing saved: the form's problems and the file's, by row and column.
    Refused(FieldErrors, Vec<ImportProblem>),
}

/// Each home's weight under `method`, or the homes that have nothing recorded to share by.
fn weights(method: Method, homes: &[store::ChargedHome]) -> Result<Vec<i64>, String> {
    let missing: Vec<&str> = homes
        .iter()
        .filter(|h| match method {
            Method::FloorArea => h.floor_area_dm2.is_none(),
            _ => false,
        })
        .map(|h| h.address.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "These homes have no floor area recorded: {}",
            missing.join(", ")
        ));
    }
    let weights: Vec<i64> = homes
        .iter()
        .map(|h| match method {
            Method::Equal => 1,
            Method::FloorArea => h.floor_area_dm2.unwrap_or(0),
            Method::Bedrooms => h.bedrooms,
            Method::Percentage => h.service_charge_share_bp.unwrap_or(0),
        })
        .collect();
    if weights.iter().all(|w| *w == 0) {
        return Err(match method {
            Method::Percentage => "No home there has a lease percentage recorded".to_owned(),
            Method::Bedrooms => "No home there has any bedrooms recorded".to_owned(),
            _ => "There is nothing to share the costs by".to_owned(),
        });
    }
    Ok(weights)
}

/// Imports a statement as a draft: every field and every row is checked, and either all of
/// it is saved (replacing the draft for the same place, year and kind) or none of it.
pub async fn import(
    state: &AppState,
    session: &Session,
    values: &ImportValues,
    file: Option<(String, &[u8])>,
) -> Result<Imported, AppError> {
    use super::authz::{may, Action};
    let Some(account) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::ManageServiceCharges) {
        return Err(AppError::NotFound);
    }
    let mut errors = FieldErrors::default();
    let known = super::db::documents::places(&state.db).await?;
    let place = values
        .place
        .split_once(':')
        .and_then(|(kind, id)| Some((kind, id.parse::<i64>().ok()?)))
        .filter(|(k, id)| known.iter().any(|p| p.kind == *k && p.id == *id))
        .map(|(k, id)| {
            if k == "block" {
                ChargePlace::Block(id)
            } else {
                ChargePlace::Estate(id)
            }
        });
    if place.is_none() {
        errors.add(
            "place",
            "Choose the building or estate the statement is for",
        );
    }
    let year = values
        .year
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        errors.add(
            "year",
            "Enter the year the service-charge year starts in, like 2026",
        );
    }
    let kind = StatementKind::parse(values.kind.trim());
    if kind.is_none() {
        errors.add(
            "kind",
            "Choose whether it is an estimate or a year-end account",
        );
    }
    let method = Method::parse(values.method.trim());
    if method.is_none() {
        errors.add("method", "Choose how the costs are shared between homes");
    }
    let mut problems = Vec::new();
    let mut lines: Option<Vec<Line>> = None;
    let mut filename = String::new();
    match file {
        None => errors.add("file", "Choose the CSV file to import"),
        Some((_, [])) => errors.add("file", "The selected file is empty"),
        Some((_, bytes)) if bytes.len() > MAX_CSV_BYTES => {
            errors.add("file", "The file must be smaller than 256 KB")
        }
        Some((name, bytes)) => match std::str::from_utf8(bytes) {
            Err(_) => errors.add(
                "file",
                "The file must be a CSV saved as text (UTF-8), not a spreadsheet",
            ),
            Ok(text) => {
                filename = crate::domain::documents::clean_filename(&name, "csv");
                match read_lines(text, &state.site.profile.service_charge_headings) {
                    Ok(l) => lines = Some(l),
                    Err(p) => problems = p,
                }
            }
        },
    }
    let homes = match place {
        Some(p) => store::homes_at(&state.db, p).await?,
        None => Vec::new(),
    };
    if place.is_some() && homes.is_empty() {
        errors.add("place", "No homes are recorded there");
    }
    let weights = match method {
        Some(m) if !homes.is_empty() => match weights(m, &homes) {
            Ok(w) => Some(w),
            Err(message) => {
                errors.add("method", message);
                None
            }
        },
        _ => None,
    };
    let (Some(place), Some(year), Some(kind), Some(method), Some(lines), Some(weights), true) = (
        place,
        year,
        kind,
        method,
        lines,
        weights,
        errors.is_empty() && problems.is_empty(),
    ) else {
        return Ok(Imported::Refused(errors, problems));
    };
    let mut per_home: Vec<(i64, i64, Vec<i64>)> = homes
        .iter()
        .zip(&weights)
        .map(|(h, w)| (h.home_id, *w, Vec::with_capacity(lines.len())))
        .collect();
    for line in &lines {
        let shares = apportion(line.amount_pence, &weights)
            .ok_or_else(|| crate::error::internal("apportionment refused checked weights"))?;
        for (home, share) in per_home.iter_mut().zip(shares) {
            home.2.push(share);
        }
    }
    let now = Utc::now();
    let saved = store::save_statement(
        &state.db,
        &NewStatement {
            place,
            year_start: year,
            kind: kind.as_str(),
            method: method.as_str(),
            source_filename: &filename,
            lines: &lines,
            homes: &per_home,
            by: account.id,
        },
        now,
    )
    .await?;
    match saved {
        Saved::Draft(reference) => {
            record_audit(
                &state.db,
                AuditEvent::by(Some(account.id), "service_charges_imported")
                    .on("service_charge_statement", &reference)
                    .detail(format!("{} lines from {filename}", lines.len())),
                now,
            )
            .await?;
            Ok(Imported::Saved(reference))
        }
        Saved::AlreadyPublished(reference) => {
            errors.add(
                "year",
                format!(
                    "The {} for {} there is published already ({reference}) and cannot be replaced",
                    kind.label().to_lowercase(),
                    year_label(year)
                ),
            );
            Ok(Imported::Refused(errors, Vec::new()))
        }
    }
}

/// Floor areas for the demo's homes (by bedrooms), and Alder Court's and the estate's
/// statements: 2025 estimate and account, 2026 estimate (all published), and a 2027
/// estimate left as a draft.
pub async fn seed_demo_service_charges(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let db = &state.db;
    if !store::statements(db).await?.is_empty() {
        return Ok(0);
    }
    let by = super::db::accounts::account_by_email(db, "fiona.reid@staff.example.org")
        .await?
        .ok_or_else(|| crate::error::internal("demo manager missing"))?;
    crate::db_run!(db, |pool| {
        sqlx::query(
            "update homes set floor_area_dm2 = case when bedrooms >= 3 then 8400
                                                   when bedrooms = 2 then 6850 else 5200 end",
        )
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    let places = super::db::documents::places(db).await?;
    let id_of = |kind: &str| places.iter().find(|p| p.kind == kind).map(|p| p.id);
    let (Some(block), Some(estate)) = (id_of("block"), id_of("estate")) else {
        return Ok(0);
    };
    let block_lines = |scale: i64| -> Vec<Line> {
        [
            ("Cleaning", 520_000, "Cleaning the entrance, stairs and landings every week, and the bin store every month."),
            ("Lift maintenance", 310_000, "The lift's service contract, its six-monthly safety inspection and repairs."),
            ("Door entry", 84_000, "Maintaining the door entry system and the fobs for the main entrance."),
            ("Communal electricity", 265_000, "Lighting in the shared areas, the lift and the door entry system."),
            ("Buildings insurance", 690_000, "Insuring the structure of Alder Court against fire, flood and damage."),
            ("Window cleaning", 96_000, "Cleaning the outside of all windows and the communal glazing four times a year."),
            ("Management fee", 372_000, "Our costs of managing the building: arranging contracts, accounts and inspections."),
            ("Reserve fund", 450_000, "Saving towards big future costs such as a new roof or lift, so they do not arrive as one large bill."),
        ]
        .into_iter()
        .map(|(h, amount, e)| Line {
            heading: h.to_owned(),
            amount_pence: amount * scale / 100,
            explanation: e.to_owned(),
        })
        .collect()
    };
    let estate_lines = |scale: i64| -> Vec<Line> {
        [
            (
                "Grounds maintenance",
                880_000,
                "Cutting the grass, trimming hedges and keeping the paths and play area tidy.",
            ),
            (
                "Management fee",
                120_000,
                "Our costs of arranging and checking the grounds contract.",
            ),
        ]
        .into_iter()
        .map(|(h, amount, e)| Line {
            heading: h.to_owned(),
            amount_pence: amount * scale / 100,
            explanation: e.to_owned(),
        })
        .collect()
    };
    let mut made = 0;
    for (place, year, kind, method, lines, publish) in [
        (
            ChargePlace::Block(block),
            2025,
            StatementKind::Estimate,
            Method::FloorArea,
            block_lines(95),
            true,
        ),
        (
            ChargePlace::Block(block),
            2025,
            StatementKind::Actual,
            Method::FloorArea,
            block_lines(98),
            true,
        ),
        (
            ChargePlace::Block(block),
            2026,
            StatementKind::Estimate,
            Method::FloorArea,
            block_lines(104),
            true,
        ),
        (
            ChargePlace::Block(block),
            2027,
            StatementKind::Estimate,
            Method::FloorArea,
            block_lines(109),
            false,
        ),
        (
            ChargePlace::Estate(estate),
            2026,
            StatementKind::Estimate,
            Method::Equal,
            estate_lines(100),
            true,
        ),
    ] {
        let homes = store::homes_at(db, place).await?;
        let Ok(weights) = weights(method, &homes) else {
            continue;
        };
        let mut per_home: Vec<(i64, i64, Vec<i64>)> = homes
            .iter()
            .zip(&weights)
            .map(|(h, w)| (h.home_id, *w, Vec::new()))
            .collect();
        for line in &lines {
            let shares = apportion(line.amount_pence, &weights).unwrap_or_default();
            for (home, share) in per_home.iter_mut().zip(shares) {
                home.2.push(share);
            }
        }
        let saved = store::save_statement(
            db,
            &NewStatement {
                place,
                year_start: year,
                kind: kind.as_str(),
                method: method.as_str(),
                source_filename: "demo.csv",
                lines: &lines,
                homes: &per_home,
                by: by.id,
            },
            now,
        )
        .await?;
        if let (Saved::Draft(reference), true) = (saved, publish) {
            if let Some(row) = store::statement_by_reference(db, &reference).await? {
                store::publish(db, row.id, by.id, now).await?;
            }
        }
        made += 1;
    }
    Ok(made)
}
