//! Repairs reported for a resident by someone else, on both engines: a colleague recording one
//! taken by phone (its clocks from when we were told, the resident told and able to follow it
//! under "Your contacts"), and an advocate whose permission covers repairs (and one whose
//! permission does not, who cannot).

use crate::common::{location, person_on, scalar, signed_in, spawn_app, text, Engine, TestApp};
use crate::repairs::{diagnose, report, AMIRA, HANDLER, PLANNER};
use reqwest::StatusCode;

on_both_engines!(
    a_colleague_records_a_phone_repair_with_its_clocks_from_when_we_were_told,
    a_recording_with_no_channel_or_a_time_to_come_is_refused_and_starts_nothing,
    an_advocate_reports_a_repair_only_within_a_repairs_permission,
);

const CHRIS: &str = "chris.morgan@staff.example.org";
const PRIYA: &str = "priya.shah@advice.example.org";

async fn app_as(engine: Engine, email: &str) -> Option<TestApp> {
    let app = spawn_app(engine).await?;
    signed_in(&app, email).await;
    Some(app)
}

/// How many times `action` on the repair is in the audit trail against the resident.
async fn audited(app: &TestApp, action: &str, reference: &str, person: i64) -> i64 {
    scalar(
        app,
        &format!(
            "select count(*) from audit_events where action = '{action}'
             and subject_id = '{reference}' and on_behalf_of_person_id = {person}"
        ),
    )
    .await
}

/// A UK date and time `hours` before the app's clock, as the form takes them.
fn hours_ago(app: &TestApp, hours: i64) -> (chrono::DateTime<chrono::Utc>, String, String) {
    use chrono::Timelike;
    let now = app.state.clock.now();
    let told = (now - chrono::Duration::hours(hours))
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .expect("a whole minute");
    let local = app::domain::london::to_local(told);
    (
        told,
        local.format("%Y-%m-%d").to_string(),
        local.format("%H:%M").to_string(),
    )
}

async fn a_colleague_records_a_phone_repair_with_its_clocks_from_when_we_were_told(engine: Engine) {
    let Some(chris) = app_as(engine, CHRIS).await else {
        return;
    };
    let amira = person_on(&chris, "TEN-100001").await;
    // Her page offers to record a repair; the first page asks how and when we were told.
    let (_, page) = chris.page(&format!("/staff/residents/{amira}")).await;
    assert!(
        page.contains(&format!("/repairs/report/for?person={amira}")),
        "{page}"
    );
    let (status, page) = chris
        .page(&format!("/repairs/report/for?person={amira}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Record a repair for Amira Hassan"), "{page}");
    assert!(page.contains("How did it reach us?") && page.contains("Time we were told"));

    // She rang three hours ago about black mould and a wheezing child.
    let (told, date, time) = hours_ago(&chris, 3);
    let person = amira.to_string();
    let response = chris
        .post_form(
            "/api/repairs/for",
            &[
                ("person", &person),
                ("channel", "phone"),
                ("told_date", &date),
                ("told_time", &time),
            ],
        )
        .await;
    assert_eq!(location(&response), "/repairs/report");
    // The same questions she would answer online, hazard questions and all.
    let (_, page) = chris.page("/repairs/report").await;
    assert!(page.contains("Is any of these happening now?"), "{page}");
    let (_, check) = {
        assert_eq!(
            diagnose(&chris, "damp_emergency").await,
            "/repairs/report/describe"
        );
        chris
            .post_form(
                "/api/repairs/describe",
                &[(
                    "description",
                    "Black mould in the bedroom; her son is wheezing",
                )],
            )
            .await;
        chris
            .post_form(
                "/api/repairs/access",
                &[
                    ("access_times", "Any weekday"),
                    ("pets", ""),
                    ("key_safe", "no"),
                    ("contact_phone", "07700 900 982"),
                ],
            )
            .await;
        chris.page("/repairs/report/check").await
    };
    assert!(check.contains("This repair is for Amira Hassan"), "{check}");
    assert!(check.contains("Phone call") && check.contains("When we were told"));
    let token = crate::common::hidden_value(&check, "token").expect("token");
    let response = chris
        .post_form("/api/repairs/send", &[("token", &token)])
        .await;
    let to = location(&response);
    let reference = to
        .strip_prefix("/staff/repairs/")
        .unwrap_or_else(|| panic!("sent to {to}"))
        .to_owned();
    let (_, page) = chris.page(&to).await;
    assert!(page.contains("Repair recorded for Amira Hassan"), "{page}");
    assert!(page.contains("Amira Hassan (Phone call, recorded by a colleague)"));
    // Sending twice makes one job.
    chris
        .post_form("/api/repairs/send", &[("token", &token)])
        .await;
    assert_eq!(
        scalar(
            &chris,
            "select count(*) from repairs where made_by = 'staff'"
        )
        .await,
        1
    );

    // Hers, by phone, made by a colleague, received when she rang; the clocks run from then.
    let row = app::server::db::repairs::repair_by_reference(&chris.state.db, &reference)
        .await
        .expect("read")
        .expect("the job");
    assert_eq!(row.reported_by_person_id, amira);
    assert_eq!(
        (row.channel.as_str(), row.made_by.as_str()),
        ("phone", "staff")
    );
    assert_eq!(row.received_at, told);
    let clocks = app::server::db::clocks::for_subject(
        &chris.state.db,
        app::domain::clocks::Subject::Repair,
        row.id,
    )
    .await
    .expect("clocks");
    assert!(clocks.len() >= 2, "the target and Awaab's Law: {clocks:?}");
    let schedule = chris.state.site.schedule();
    for clock in &clocks {
        assert_eq!(clock.started_at, told, "{:?}", clock.kind);
    }
    let make_safe = clocks
        .iter()
        .find(|c| c.kind.as_str() == "awaab_make_safe")
        .expect("the make-safe clock");
    let law = chris
        .state
        .site
        .profile
        .hazards
        .law
        .clone()
        .expect("Awaab's Law");
    let class = match row.hazard.as_deref() {
        Some("emergency") => app::domain::repairs::Hazard::Emergency,
        other => panic!("an emergency hazard, not {other:?}"),
    };
    let kind = row.hazard_kind.clone().expect("its kind");
    let timescale = app::domain::hazards::on_report(&law, class, &kind)
        .into_iter()
        .find(|(c, _)| *c == app::domain::hazards::HazardClock::MakeSafe)
        .map(|(_, t)| t)
        .expect("a make-safe timescale");
    assert_eq!(make_safe.due_at, schedule.deadline(told, timescale));
    // In the audit trail, against her.
    assert_eq!(
        audited(&chris, "repair_recorded", &reference, amira).await,
        1
    );

    // She is told, sees it under "Your contacts", and its page says how it reached us.
    let email = chris.last_email_to(AMIRA).await.expect("an email to Amira");
    assert!(email.subject.contains(&reference), "{}", email.subject);
    let resident = crate::common::as_other(&chris, AMIRA).await;
    let (_, contacts) = resident.page("/cases").await;
    assert!(contacts.contains(&reference), "{contacts}");
    let (_, page) = resident.page(&format!("/repairs/{reference}")).await;
    assert!(
        page.contains("Recorded for you from a phone call"),
        "{page}"
    );
    assert_eq!(
        text(
            &chris,
            &format!("select made_by from repairs where reference = '{reference}'")
        )
        .await,
        Some("staff".to_owned())
    );
}

async fn a_recording_with_no_channel_or_a_time_to_come_is_refused_and_starts_nothing(
    engine: Engine,
) {
    let Some(chris) = app_as(engine, CHRIS).await else {
        return;
    };
    let amira = person_on(&chris, "TEN-100001").await.to_string();
    let (_, date, time) = hours_ago(&chris, -2);
    let response = chris
        .post_form(
            "/api/repairs/for",
            &[
                ("person", &amira),
                ("told_date", &date),
                ("told_time", &time),
            ],
        )
        .await;
    let back = format!("/repairs/report/for?person={amira}");
    assert_eq!(location(&response), back);
    let (_, page) = chris.page(&back).await;
    assert!(page.contains("Choose how it reached us"), "{page}");
    assert!(
        page.contains("When we were told must be now or in the past"),
        "{page}"
    );
    // No report was started: the questions are not there for a colleague with no resident.
    let (status, _) = chris.page("/repairs/report").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let response = chris
        .post_form("/api/repairs/emergency", &[("emergency", "none")])
        .await;
    assert!(
        location(&response).starts_with("/problem/not-found"),
        "{}",
        location(&response)
    );
    // A resident who does not exist, and a colleague who does not record repairs.
    let response = chris
        .post_form(
            "/api/repairs/for",
            &[("person", "999999"), ("channel", "phone")],
        )
        .await;
    assert!(location(&response).starts_with("/problem/not-found"));
    let owen = crate::common::as_other(&chris, HANDLER).await;
    let (status, _) = owen.page(&back).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A repairs planner may.
    let sunita = crate::common::as_other(&chris, PLANNER).await;
    let (status, _) = sunita.page(&back).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        scalar(
            &chris,
            "select count(*) from repairs where made_by <> 'resident'"
        )
        .await,
        0
    );
}

async fn an_advocate_reports_a_repair_only_within_a_repairs_permission(engine: Engine) {
    let Some(priya) = app_as(engine, PRIYA).await else {
        return;
    };
    let db = &priya.state.db;
    let margaret = person_on(&priya, "TEN-100003").await;
    let amira = person_on(&priya, "TEN-100001").await;
    let advocate = scalar(
        &priya,
        "select id from accounts where email = 'priya.shah@advice.example.org'",
    )
    .await;
    let now = chrono::Utc::now();
    let grant = app::server::db::cases::grant_permission(
        db, advocate, margaret, "repairs", None, None, None, now,
    )
    .await
    .expect("Margaret's permission");
    app::server::db::cases::grant_permission(
        db,
        advocate,
        amira,
        "documents",
        None,
        None,
        None,
        now,
    )
    .await
    .expect("Amira's documents permission");

    // Her list of Margaret's repairs offers to report one.
    let (_, list) = priya.page(&format!("/repairs?for={margaret}")).await;
    assert!(
        list.contains("Report a repair for Margaret Lewis"),
        "{list}"
    );
    let (status, page) = priya
        .page(&format!("/repairs/report/for?person={margaret}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Report a repair for Margaret Lewis"),
        "{page}"
    );
    assert!(!page.contains("How did it reach us?"));
    let person = margaret.to_string();
    let response = priya
        .post_form("/api/repairs/for", &[("person", &person)])
        .await;
    assert_eq!(location(&response), "/repairs/report");
    let reference = report(&priya, "extractor_fan", "The bathroom fan has stopped").await;
    let row = app::server::db::repairs::repair_by_reference(db, &reference)
        .await
        .expect("read")
        .expect("the job");
    assert_eq!(row.reported_by_person_id, margaret);
    assert_eq!(
        (row.channel.as_str(), row.made_by.as_str()),
        ("portal", "advocate")
    );
    assert_eq!(
        audited(&priya, "repair_reported_for", &reference, margaret).await,
        1
    );
    let (status, _) = priya.page(&format!("/repairs/{reference}/reported")).await;
    assert_eq!(status, StatusCode::OK);

    // Amira's permission covers documents only: no report for her.
    let other = amira.to_string();
    let (status, _) = priya
        .page(&format!("/repairs/report/for?person={amira}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let response = priya
        .post_form("/api/repairs/for", &[("person", &other)])
        .await;
    assert!(location(&response).starts_with("/problem/not-found"));

    // Withdrawn half way through a report: the next step stops, and nothing is stored.
    priya
        .post_form("/api/repairs/for", &[("person", &person)])
        .await;
    priya
        .post_form("/api/repairs/emergency", &[("emergency", "none")])
        .await;
    app::server::db::cases::withdraw_permission(db, grant, chrono::Utc::now())
        .await
        .expect("withdrawn");
    let response = priya
        .post_form("/api/repairs/answer", &[("at", "0"), ("answer", "0")])
        .await;
    assert!(location(&response).starts_with("/problem/not-found"));
    assert_eq!(
        scalar(
            &priya,
            "select count(*) from repairs where made_by = 'advocate'"
        )
        .await,
        1
    );

    // A resident cannot report for a neighbour.
    let resident = crate::common::as_other(&priya, AMIRA).await;
    let response = resident
        .post_form("/api/repairs/for", &[("person", &person)])
        .await;
    assert!(location(&response).starts_with("/problem/not-found"));
}
