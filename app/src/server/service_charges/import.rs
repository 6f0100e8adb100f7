//! Importing a year's charges from a CSV file: checked whole, every problem with its row and
//! column, stored once.

use super::*;

/// What an import did.
pub enum Imported {
    /// Saved as a draft: its reference.
    Saved(String),
    /// Nothing saved: the form's problems and the file's, by row and column.
    Refused(FieldErrors, Vec<ImportProblem>),
}

/// Each home's weight under `method`, or the homes that have nothing recorded to share by.
pub(super) fn weights(method: Method, homes: &[store::ChargedHome]) -> Result<Vec<i64>, String> {
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
    use crate::server::authz::{may, Action};
    let Some(account) = crate::server::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::ManageServiceCharges) {
        return Err(AppError::NotFound);
    }
    let mut errors = FieldErrors::default();
    let known = crate::server::db::documents::places(&state.db).await?;
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
