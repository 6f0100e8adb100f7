//! The demo's documents.

use super::*;

/// Stores a demo document made here.
#[allow(clippy::too_many_arguments)]
pub(super) async fn demo_document(
    state: &AppState,
    by: i64,
    place: Place,
    category: Category,
    title: &str,
    (effective_on, review_on): (NaiveDate, Option<NaiveDate>),
    audience: Audience,
    lines: &[&str],
    now: DateTime<Utc>,
) -> Result<DocumentRow, AppError> {
    let bytes = crate::server::pdf::text_page(title, lines)?;
    let key = crate::server::storage::new_key("pdf");
    state.storage.put(&key, &bytes).await?;
    let token = crate::server::tokens::submission_token();
    let filename = clean_filename(&format!("{title}.pdf"), "pdf");
    let (reference, _) = store::insert_document(
        &state.db,
        &NewDocument {
            token: &token,
            place,
            category,
            title,
            effective_on,
            review_on,
            audience,
            storage_key: &key,
            content_type: "application/pdf",
            filename: &filename,
            size_bytes: bytes.len() as i64,
            uploaded_by: by,
            replaces: None,
        },
        now,
    )
    .await?;
    store::document_by_reference(&state.db, &reference)
        .await?
        .ok_or_else(|| crate::error::internal("demo document vanished"))
}

/// The demo's documents: every tenancy agreement and lease, gas safety records for the rented
/// homes, Alder Court's safety documents (with last year's fire risk assessment replaced by
/// this year's), an owners-only service-charge letter and the estate's maintenance schedule.
/// Amira Hassan was given the fire safety instructions by letter two months ago; nobody else
/// has had them.
pub async fn seed_demo_documents(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use crate::domain::housing::Tenure;
    let db = &state.db;
    let (any, _) = store::staff_list(db, "current", None, 1, 0).await?;
    if !any.is_empty() {
        return Ok(0);
    }
    let by = crate::server::db::accounts::account_by_email(db, "chris.morgan@staff.example.org")
        .await?
        .ok_or_else(|| crate::error::internal("demo colleague missing"))?
        .id;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
    let places = store::places(db).await?;
    let place = |kind: &str| {
        places
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.id)
            .ok_or_else(|| crate::error::internal("demo place missing"))
    };
    let (block, estate) = (
        Place::Block(place("block")?),
        Place::Estate(place("estate")?),
    );
    let mut made = 0;
    let homes: Vec<(i64, i64, String, String, String)> = crate::db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64, String, String, String)>(
            "select t.id, h.id, t.reference, h.tenure, h.address_line_1 from tenancies t
             join homes h on h.id = t.home_id where t.end_date is null order by h.id",
        )
        .fetch_all(pool)
        .await
    })?;
    for (tenancy_id, home_id, reference, tenure, address) in &homes {
        let renter = Tenure::parse(tenure).is_some_and(Tenure::is_renter);
        let (category, audience, title) = if renter {
            (
                Category::TenancyAgreement,
                Audience::Tenants,
                format!("Tenancy agreement {reference}"),
            )
        } else {
            (
                Category::Lease,
                Audience::Owners,
                format!("Lease {reference}"),
            )
        };
        demo_document(
            state,
            by,
            Place::Tenancy(*tenancy_id),
            category,
            &title,
            (d(2019, 4, 1), None),
            audience,
            &[
                address.as_str(),
                "This is a fictional document made for the Doorstep demonstration.",
                "It sets out the rights and responsibilities of the resident and the landlord.",
            ],
            now,
        )
        .await?;
        made += 1;
        if renter {
            demo_document(
                state,
                by,
                Place::Home(*home_id),
                Category::GasSafetyRecord,
                &format!("Gas safety record, {address}"),
                (d(2026, 2, 12), Some(d(2027, 2, 11))),
                Audience::Tenants,
                &[
                    address,
                    "Boiler and hob checked: safe to use. Next check due by 11 February 2027.",
                ],
                now,
            )
            .await?;
            made += 1;
        }
    }
    let old_fra = demo_document(
        state,
        by,
        block,
        Category::FireRiskAssessment,
        "Fire risk assessment 2025, Alder Court",
        (d(2025, 3, 3), Some(d(2026, 3, 3))),
        Audience::Everyone,
        &[
            "Assessed 3 March 2025. Risk: tolerable.",
            "Actions: replace two fire doors on the second floor.",
        ],
        now - chrono::Duration::days(400),
    )
    .await?;
    let token = crate::server::tokens::submission_token();
    let lines = [
        "Assessed 2 March 2026. Risk: tolerable.",
        "Stay put: if there is a fire elsewhere in the building, you are safe in your flat unless heat or smoke reaches it.",
        "Actions done since the last assessment: both fire doors on the second floor replaced.",
    ];
    let bytes = crate::server::pdf::text_page("Fire risk assessment 2026, Alder Court", &lines)?;
    let key = crate::server::storage::new_key("pdf");
    state.storage.put(&key, &bytes).await?;
    store::insert_document(
        db,
        &NewDocument {
            token: &token,
            place: block,
            category: Category::FireRiskAssessment,
            title: "Fire risk assessment 2026, Alder Court",
            effective_on: d(2026, 3, 2),
            review_on: Some(d(2027, 3, 2)),
            audience: Audience::Everyone,
            storage_key: &key,
            content_type: "application/pdf",
            filename: "Fire risk assessment 2026 Alder Court.pdf",
            size_bytes: bytes.len() as i64,
            uploaded_by: by,
            replaces: Some(&old_fra),
        },
        now - chrono::Duration::days(30),
    )
    .await?;
    made += 2;
    let instructions = demo_document(
        state,
        by,
        block,
        Category::FireSafetyInstructions,
        "Fire safety instructions, Alder Court",
        (d(2026, 4, 1), Some(d(2027, 4, 1))),
        Audience::Everyone,
        &[
            "If there is a fire in your flat: get everyone out, close the door, call 999.",
            "If there is a fire elsewhere: stay put unless heat or smoke reaches your flat.",
            "Never use the lift in a fire. Report damaged fire doors to us at once.",
        ],
        now,
    )
    .await?;
    for (place, category, title, dates, audience, text) in [
        (
            block,
            Category::LiftInspection,
            "Lift inspection report, September 2026",
            (d(2026, 9, 15), Some(d(2027, 3, 15))),
            Audience::Everyone,
            "Thorough examination: no defects found.",
        ),
        (
            block,
            Category::BuildingSafetyStrategy,
            "Building safety engagement strategy, Alder Court",
            (d(2026, 1, 20), Some(d(2027, 1, 20))),
            Audience::Everyone,
            "How we tell you about safety in your building and how you can have your say.",
        ),
        (
            block,
            Category::AsbestosSurvey,
            "Communal areas asbestos survey, Alder Court",
            (d(2024, 6, 5), Some(d(2027, 6, 5))),
            Audience::Everyone,
            "Asbestos in the textured ceiling of the bin store: sealed and checked every year.",
        ),
        (
            block,
            Category::ServiceChargeEstimate,
            "Service charge estimate letter, April 2026 to March 2027",
            (d(2026, 3, 1), None),
            Audience::Owners,
            "Your service charge estimate for the year, with the breakdown on Doorstep.",
        ),
        (
            estate,
            Category::MaintenanceSchedule,
            "Millbrook estate grounds maintenance schedule",
            (d(2026, 4, 1), Some(d(2027, 3, 31))),
            Audience::Everyone,
            "Grass cut every two weeks from April to October; hedges twice a year.",
        ),
    ] {
        demo_document(
            state,
            by,
            place,
            category,
            title,
            dates,
            audience,
            &[text],
            now,
        )
        .await?;
        made += 1;
    }
    // Priya Shah may read Margaret Lewis's documents too, for a year.
    let advocate =
        crate::server::db::accounts::account_by_email(db, "priya.shah@advice.example.org").await?;
    let margaret = crate::server::db::repairs::person_on_tenancy(db, "TEN-100003").await?;
    if let (Some(advocate), Some(margaret)) = (advocate, margaret) {
        let ends = crate::domain::london::to_local(now).date() + chrono::Duration::days(365);
        crate::server::db::cases::grant_permission(
            db,
            advocate.id,
            margaret,
            "documents",
            Some(ends),
            Some("Signed consent form, kept on file"),
            None,
            now,
        )
        .await?;
    }
    // Amira Hassan had the fire safety instructions by letter two months ago.
    let amira: Option<(i64, i64)> = crate::db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64)>(
            "select p.id, t.home_id from people p join household_members m on m.person_id = p.id
             join tenancies t on t.id = m.tenancy_id
             where p.given_name = 'Amira' and p.family_name = 'Hassan'",
        )
        .fetch_optional(pool)
        .await
    })?;
    if let Some((person_id, home_id)) = amira {
        store::record_given(
            db,
            person_id,
            home_id,
            Category::FireSafetyInstructions,
            crate::domain::london::to_local(now).date() - chrono::Duration::days(60),
            "letter",
            Some(instructions.id),
            Some(by),
            now,
        )
        .await?;
    }
    Ok(made)
}
