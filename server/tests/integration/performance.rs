//! The regulator's measures and the public "How we are doing" page, on both engines, against
//! figures worked out by hand from seeded records: repairs and complaints made through the real
//! journeys, then moved to known dates.

use crate::cases::{make, COMPLAINT};
use crate::common::{as_other, signed_in, spawn_app, Engine, TestApp};
use crate::repairs::{completed, report, AMIRA, HANDLER, PLANNER, TOM};
use chrono::{DateTime, NaiveDate, Utc};
use reqwest::StatusCode;

on_both_engines!(
    rp02_and_the_repairs_survey_match_the_hand_count,
    the_scottish_charter_indicators_match_the_hand_count,
    the_public_page_shows_each_standard_beside_its_result_and_withholds_small_numbers,
);

fn uk(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    app::domain::london::from_local(
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("date"),
    )
}

/// Moves a repair to known dates: reported, completed (or still open) and its target.
async fn repair_at(
    app: &TestApp,
    reference: &str,
    received: DateTime<Utc>,
    completed: Option<DateTime<Utc>>,
    due: DateTime<Utc>,
    rating: Option<i64>,
) {
    app::db_run!(&app.state.db, |pool| async {
        sqlx::query(
            "update repairs set received_at = $1, completed_at = $2, rating = $3
             where reference = $4",
        )
        .bind(received)
        .bind(completed)
        .bind(rating)
        .bind(reference)
        .execute(pool)
        .await?;
        sqlx::query(
            "update clocks set due_at = $1
             where subject = 'repair' and kind = 'target'
               and subject_id = (select id from repairs where reference = $2)",
        )
        .bind(due)
        .bind(reference)
        .execute(pool)
        .await
        .map(|_| ())
    }
    .await)
    .expect("moved");
}

/// The row of a CSV file containing `starts`, with the quote marks the csv crate put around
/// values with commas left out (RFC 4180 quoting itself is the crate's, tested with its use).
fn row(csv: &str, starts: &str) -> String {
    csv.lines()
        .map(|l| l.replace('"', ""))
        .find(|l| l.contains(starts))
        .unwrap_or_else(|| panic!("no row {starts} in\n{csv}"))
}

async fn rp02_and_the_repairs_survey_match_the_hand_count(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let staff = as_other(&app, PLANNER).await;
    let owner = as_other(&app, TOM).await;
    let tap = completed(&app, &staff, "tap_drip").await;
    let sink = completed(&app, &staff, "sink_leak").await;
    let damp = completed(&app, &staff, "damp_emergency").await;
    let late_year = completed(&app, &staff, "no_water_tap").await;
    let roof = completed(&owner, &staff, "roof").await;
    // The year 1 April 2019 to 31 March 2020, long before the demo's records.
    // Routine, done before its target; rated 5.
    repair_at(
        &app,
        &tap,
        uk(2019, 5, 1, 9, 0),
        Some(uk(2019, 5, 20, 12, 0)),
        uk(2019, 5, 29, 17, 30),
        Some(5),
    )
    .await;
    // Urgent, done two days late; rated 2.
    repair_at(
        &app,
        &sink,
        uk(2019, 6, 3, 9, 0),
        Some(uk(2019, 6, 12, 12, 0)),
        uk(2019, 6, 10, 17, 30),
        Some(2),
    )
    .await;
    // Emergency, made safe and done in 6 hours of 24.
    repair_at(
        &app,
        &damp,
        uk(2019, 7, 1, 9, 0),
        Some(uk(2019, 7, 1, 15, 0)),
        uk(2019, 7, 2, 9, 0),
        None,
    )
    .await;
    // Completed after the year ends: not in it.
    repair_at(
        &app,
        &late_year,
        uk(2020, 3, 30, 9, 0),
        Some(uk(2020, 4, 2, 9, 0)),
        uk(2020, 4, 6, 17, 30),
        None,
    )
    .await;
    // A shared owner's: not in RP02 (rented homes and communal areas only), but rated 4.
    repair_at(
        &owner,
        &roof,
        uk(2019, 8, 1, 9, 0),
        Some(uk(2019, 8, 30, 9, 0)),
        uk(2019, 8, 8, 17, 30),
        Some(4),
    )
    .await;

    // RP02: emergency 1 of 1; non-emergency 1 of 2 (the tap in time, the sink late).
    // Survey: ratings 5, 2 and 4: 2 of 3 satisfied.
    let owen = as_other(&app, HANDLER).await;
    let (status, page) = owen
        .page("/staff/reports/complaints?from=2019-04-01&to=2020-03-31")
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Tenant Satisfaction Measures"));
    assert!(
        page.contains("RP02: Emergency responsive repairs completed within our target timescale")
    );
    let response = owen
        .get("/staff/reports/measures.csv?from=2019-04-01&to=2020-03-31")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.text().await.expect("csv");
    assert!(
        row(&csv, "Emergency responsive").contains("100.0%,1,1,"),
        "{csv}"
    );
    assert!(
        row(&csv, "Non-emergency responsive").contains("50.0%,1,2,"),
        "{csv}"
    );
    assert!(
        row(&csv, "Residents satisfied").contains("66.7%,2,3,Our target: 85%."),
        "{csv}"
    );
    // Residents and planners may not see it.
    assert_eq!(
        app.get("/staff/reports/measures.csv").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn the_scottish_charter_indicators_match_the_hand_count(engine: Engine) {
    let Some(app) = crate::common::spawn_glenbrae(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let staff = as_other(&app, PLANNER).await;
    let emergency = completed(&app, &staff, "damp_emergency").await;
    let tap = completed(&app, &staff, "tap_drip").await;
    let sink = completed(&app, &staff, "sink_leak").await;
    let reopened = report(&app, "damp_significant", "The mould is back").await;
    // Emergency (4-hour target): 4 hours exactly. Later reported again as not fixed.
    repair_at(
        &app,
        &emergency,
        uk(2019, 6, 3, 9, 0),
        Some(uk(2019, 6, 3, 13, 0)),
        uk(2019, 6, 3, 13, 0),
        None,
    )
    .await;
    // Routine: Friday 29 November to Friday 6 December 2019; St Andrew's Day fell on a
    // Saturday, so Monday 2 December was the holiday: 4 working days; in time.
    repair_at(
        &app,
        &tap,
        uk(2019, 11, 29, 10, 0),
        Some(uk(2019, 12, 6, 10, 0)),
        uk(2019, 12, 13, 16, 0),
        None,
    )
    .await;
    // Urgent: Monday 3 to Monday 10 June: 5 working days; late.
    repair_at(
        &app,
        &sink,
        uk(2019, 6, 3, 10, 0),
        Some(uk(2019, 6, 10, 10, 0)),
        uk(2019, 6, 6, 16, 0),
        None,
    )
    .await;
    // The damp reopened on 6 January 2020, still open at the end of March.
    repair_at(
        &app,
        &reopened,
        uk(2020, 1, 6, 10, 0),
        None,
        uk(2020, 1, 9, 16, 0),
        None,
    )
    .await;
    app.execute(&format!(
        "update repairs set recall_of_id = (select id from repairs where reference = '{emergency}')
         where reference = '{reopened}'"
    ))
    .await;

    // Complaints at stage 1: one received Monday 3 June 2019 and answered in full on Friday 7
    // June (4 working days); one received Thursday 28 March 2019, before the year, answered on
    // Wednesday 3 April (4 working days from receipt): carried forward.
    let first = make(&app, "complaint", COMPLAINT, None).await;
    let second = make(&app, "complaint", COMPLAINT, None).await;
    for (reference, received, responded) in [
        (&first, uk(2019, 6, 3, 10, 0), uk(2019, 6, 7, 11, 0)),
        (&second, uk(2019, 3, 28, 10, 0), uk(2019, 4, 3, 11, 0)),
    ] {
        app::db_run!(&app.state.db, |pool| sqlx::query(
            "update cases set received_at = $1, responded_at = $2, status = 'responded'
             where reference = $3"
        )
        .bind(received)
        .bind(responded)
        .bind(reference)
        .execute(pool)
        .await
        .map(|_| ()))
        .expect("moved");
    }

    let owen = as_other(&app, HANDLER).await;
    let (status, page) = owen
        .page("/staff/reports/complaints?from=2019-04-01&to=2020-03-31")
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Charter indicators"));
    assert!(
        !page.contains("Tenant Satisfaction Measures"),
        "Scotland does not report TSMs"
    );
    assert!(!page.contains("CH01"));
    let csv = owen
        .get("/staff/reports/measures.csv?from=2019-04-01&to=2020-03-31")
        .await
        .text()
        .await
        .expect("csv");
    // Indicator 3: 2 of 2 (1 received, 1 carried forward); indicator 4: 4.0 working days.
    assert!(
        row(&csv, "First stage complaints responded")
            .contains("100.0%,2,2,1 received in the period and 1 carried forward"),
        "{csv}"
    );
    assert!(
        row(&csv, "full response at the first stage").contains("4.0 working days"),
        "{csv}"
    );
    // Indicator 8: 4.0 hours; 9: (4 + 5) / 2 = 4.5 working days.
    assert!(row(&csv, "Indicator 8").contains("4.0 hours"), "{csv}");
    assert!(
        row(&csv, "Indicator 9").contains("4.5 working days"),
        "{csv}"
    );
    // Indicator 10: the tap only (the emergency was reported again, the sink was late).
    assert!(row(&csv, "Indicator 10").contains("33.3%,1,3,"), "{csv}");
    // Damp and mould: the emergency resolved the same day (0 working days); one reopened;
    // one open at the year's end.
    assert!(
        row(&csv, "Average time to resolve damp").contains("0.0 working days"),
        "{csv}"
    );
    assert!(row(&csv, "cases reopened").contains(",1,"), "{csv}");
    assert!(row(&csv, "open at the end").contains(",1,"), "{csv}");
}

async fn the_public_page_shows_each_standard_beside_its_result_and_withholds_small_numbers(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let staff = as_other(&app, PLANNER).await;
    let today = app::domain::london::to_local(Utc::now()).date();
    let ((first, _), _) = app::domain::performance::last_complete_quarter_and_year(today);
    let day = |n: u64| first + chrono::Days::new(n);
    let at = |d: NaiveDate, h: u32| {
        app::domain::london::from_local(d.and_hms_opt(h, 0, 0).expect("time"))
    };
    // Five routine repairs completed in the last quarter, four of them in time.
    for i in 0..5 {
        let reference = completed(&app, &staff, "tap_drip").await;
        let due = at(day(20), 17);
        let done = if i == 4 {
            at(day(25), 12)
        } else {
            at(day(10), 12)
        };
        repair_at(&app, &reference, at(day(1), 9), Some(done), due, Some(5)).await;
    }
    // Two urgent repairs: too few to publish.
    for _ in 0..2 {
        let reference = completed(&app, &staff, "sink_leak").await;
        repair_at(
            &app,
            &reference,
            at(day(1), 9),
            Some(at(day(2), 9)),
            at(day(5), 17),
            None,
        )
        .await;
    }

    // Signed out, like anyone reading it.
    let public = app.another_browser();
    let (status, page) = public.page("/how-we-are-doing").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let (quarter, _) = app::domain::performance::last_complete_quarter_and_year(today);
    let title = format!(
        "Last quarter: {}",
        app::domain::performance::period_words(quarter.0, quarter.1)
    );
    assert!(page.contains(&title), "{title}\n{page}");
    assert!(page.contains("Routine repairs completed within 20 working days"));
    assert!(page.contains("80.0% (4 of 5)"), "{page}");
    assert!(page.contains("Fewer than 5: not shown, to protect privacy"));
    assert!(page
        .contains("Complaints, Stage 1: our decision within 10 working days of acknowledging it"));
    assert!(page.contains(
        "Requests to see the information we hold about you answered within 1 calendar month"
    ));
    assert!(page.contains("(our target: 85%)"));
    assert!(
        page.contains("100.0% (5 of 5)"),
        "the five tap repairs were rated 5"
    );
    let (_, home) = public.page("/").await;
    assert!(home.contains("href=\"/how-we-are-doing\""));

    let response = public.get("/how-we-are-doing.csv").await;
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.text().await.expect("csv");
    assert!(csv.starts_with("period_start,period_end,standard,result,met,of,suppressed\r\n"));
    let routine = row(&csv, &format!("{},", quarter.0));
    assert!(routine.starts_with(&quarter.0.format("%Y-%m-%d").to_string()));
    assert!(
        row(
            &csv,
            "Routine repairs completed within 20 working days,80.0% (4 of 5),4,5,no"
        )
        .starts_with(&quarter.0.format("%Y-%m-%d").to_string()),
        "{csv}"
    );
    assert!(
        row(
            &csv,
            "Urgent repairs completed within 5 working days,Fewer than 5"
        )
        .ends_with(",,,yes"),
        "{csv}"
    );
    // No personal data: no names, addresses or references.
    for private in ["Amira", "Alder", "RP-", "@"] {
        assert!(!csv.contains(private), "{private} in\n{csv}");
    }
}
