//! The demo's service-charge statements.

use super::*;

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
    let by = crate::server::db::accounts::account_by_email(db, "fiona.reid@staff.example.org")
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
    let places = crate::server::db::documents::places(db).await?;
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
