//! "Your data" through the real server, on SQLite and PostgreSQL: the download holds the
//! resident's data and nobody else's (a joint tenant's included), as a file and on a page, for
//! residents only; and requests to see the information held, from the portal and recorded from
//! a letter, with the clock from the profile, stopped while identity is checked, extended
//! within the limit, and finished.

use crate::common::{
    all_text, as_other, hidden_value, location, person_on, scalar, signed_in,
    spawn_app_with_everything, text, Engine, TestApp,
};
use app::domain::london::to_local;
use chrono::{DateTime, Datelike, Utc};
use reqwest::StatusCode;

on_both_engines!(
    the_download_holds_the_residents_data_and_nobody_elses,
    a_request_made_on_doorstep_runs_to_the_profiles_deadline_and_is_answered,
    a_request_recorded_from_a_letter_waits_with_its_clock_stopped_until_identity_is_confirmed,
    stored_deadlines_follow_the_rules_of_the_release_after_migrating,
    a_request_from_before_the_clock_store_keeps_its_clock_after_migrating,
    the_page_shows_activity_fifty_at_a_time_and_the_file_holds_all_of_it,
);

const AMIRA: &str = "amira.hassan@example.org";
const DANIEL: &str = "daniel.okafor@example.org";
const MARGARET: &str = "margaret.lewis@example.org";
const ADVOCATE: &str = "priya.shah@advice.example.org";
const SERVICES: &str = "chris.morgan@staff.example.org";
const PLANNER: &str = "sunita.patel@staff.example.org";

/// The export as JSON, after checking it is a private attachment.
async fn download(app: &TestApp) -> serde_json::Value {
    let response = app.get("/account/your-data.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(
        headers["content-type"].to_str().ok(),
        Some("application/json; charset=utf-8")
    );
    let disposition = headers["content-disposition"].to_str().unwrap_or_default();
    assert!(
        disposition.starts_with("attachment; filename=\"doorstep-your-data-"),
        "{disposition}"
    );
    assert_eq!(
        headers["cache-control"].to_str().ok(),
        Some("private, no-store")
    );
    serde_json::from_str(&response.text().await.expect("body")).expect("json")
}

async fn repair_of(app: &TestApp, person: i64) -> String {
    text(
        app,
        &format!("select reference from repairs where reported_by_person_id = {person} limit 1"),
    )
    .await
    .expect("a repair")
}

async fn the_download_holds_the_residents_data_and_nobody_elses(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let margaret = person_on(&app, "TEN-100003").await;
    let amira = person_on(&app, "TEN-100001").await;
    let jamal = person_on(&app, "TEN-100004").await;
    let her_repair = repair_of(&app, margaret).await;
    let her_complaint = text(
        &app,
        &format!("select reference from cases where person_id = {margaret} and kind = 'complaint'"),
    )
    .await
    .expect("the demo complaint");
    let amira_repair = repair_of(&app, amira).await;
    let amira_question = text(
        &app,
        &format!("select reference from cases where person_id = {amira}"),
    )
    .await
    .expect("Amira's question");
    let communal = repair_of(&app, jamal).await;
    // A colleague looks at Margaret's repair (the export shows who looked) and writes an
    // internal note and one for her.
    let services = as_other(&app, SERVICES).await;
    let (status, _) = services.page(&format!("/staff/repairs/{her_repair}")).await;
    assert_eq!(status, StatusCode::OK);
    for (note, visible) in [("Bring the damp meter", "no"), ("Surveyor booked", "yes")] {
        services
            .post_form(
                "/api/staff/repair-action",
                &[
                    ("reference", her_repair.as_str()),
                    ("action", "note"),
                    ("note", note),
                    ("visible", visible),
                ],
            )
            .await;
    }

    signed_in(&app, MARGARET).await;
    let data = download(&app).await;
    assert_eq!(data["person"], "Margaret Lewis");
    let all = all_text(&data);
    for hers in [
        "Margaret Lewis",
        "21 June 1944",
        "TEN-100003",
        "Flat 3, Alder Court",
        "Allow time to answer the door",
        "Large print",
        her_repair.as_str(),
        her_complaint.as_str(),
        "Priya Shah",
        "Chris Morgan: Looked at a repair",
        "You: Signed in",
        "Surveyor booked",
    ] {
        assert!(all.contains(hers), "her data holds {hers}");
    }
    let sections: Vec<&str> = data["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["title"].as_str())
        .collect();
    assert!(sections.contains(&"Repairs") && sections.contains(&"Messages we sent you"));
    // Nobody else's: not their names, birthdays, references, addresses or emails.
    for theirs in [
        "Amira",
        "Okafor",
        "Jamal",
        "Tom Bennett",
        "Chloe Wright",
        "14 March 1986",
        "TEN-100001",
        "Flat 1, Alder Court",
        "amira.hassan@example.org",
        amira_repair.as_str(),
        amira_question.as_str(),
        communal.as_str(),
        "password_hash",
        "$argon2",
        "Bring the damp meter",
    ] {
        assert!(!all.contains(theirs), "her data must not hold {theirs}");
    }
    // The download is in the audit trail.
    assert_eq!(
        scalar(
            &app,
            &format!(
                "select count(*) from audit_events where action = 'data_downloaded' and on_behalf_of_person_id = {margaret}"
            ),
        )
        .await,
        1
    );

    // The same, readable, on a page.
    let (status, page) = app.page("/account/your-data/all").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Everything Doorstep holds about Margaret Lewis"));
    assert!(page.contains(&her_repair) && page.contains(&her_complaint));
    assert!(!page.contains(&amira_repair) && !page.contains("Amira"));

    // A joint tenant gets the shared tenancy, not the other tenant's details.
    let daniel = as_other(&app, DANIEL).await;
    let all = all_text(&download(&daniel).await);
    assert!(all.contains("Daniel Okafor") && all.contains("TEN-100002"));
    for theirs in [
        "Grace",
        "Samuel",
        "8 April 1981",
        "grace.okafor@example.org",
    ] {
        assert!(
            !all.contains(theirs),
            "Daniel's data must not hold {theirs}"
        );
    }

    // Only residents have their own data here; signed out, sign in first.
    let advocate = as_other(&app, ADVOCATE).await;
    assert_eq!(
        advocate.get("/account/your-data.json").await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, _) = advocate.page("/account/your-data/all").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        services.get("/account/your-data.json").await.status(),
        StatusCode::NOT_FOUND
    );
    let stranger = app.another_browser();
    let response = stranger.get("/account/your-data.json").await;
    assert!(location(&response).starts_with("/sign-in?next=%2Faccount%2Fyour-data"));
}

/// The deadline in force as the stored clock gives it, checked against the stored `due_at`.
async fn due_of(app: &TestApp, reference: &str) -> Option<DateTime<Utc>> {
    let row = app::server::db::subject_access::by_reference(&app.state.db, reference)
        .await
        .expect("read")
        .expect("request");
    let request = row.request().expect("readable");
    let schedule = app.state.site.schedule();
    assert_eq!(
        request.due_at(&app.state.site.profile.subject_access, &schedule),
        row.due_at,
        "due_at is the clock's"
    );
    row.due_at
}

async fn ask(app: &TestApp, token: &str, details: &str) -> String {
    location(
        &app.post_form(
            "/api/your-data/ask",
            &[("token", token), ("details", details)],
        )
        .await,
    )
}

async fn step(app: &TestApp, reference: &str, form: &[(&str, &str)]) -> String {
    let mut fields = vec![("reference", reference)];
    fields.extend_from_slice(form);
    location(
        &app.post_form("/api/staff/subject-access/step", &fields)
            .await,
    )
}

async fn a_request_made_on_doorstep_runs_to_the_profiles_deadline_and_is_answered(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let (status, page) = app.page("/account/your-data").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("within 1 calendar month"));
    let token = hidden_value(&page, "token").expect("token");
    // Too long: shown again with what was written, nothing stored.
    let long = "x".repeat(2001);
    assert_eq!(ask(&app, &token, &long).await, "/account/your-data#ask");
    let (_, page) = app.page("/account/your-data").await;
    assert!(page.contains("2000 characters or fewer") && page.contains(&long));
    assert_eq!(
        scalar(&app, "select count(*) from subject_access_requests").await,
        0
    );

    let sent = ask(&app, &token, "Letters about my repairs").await;
    assert!(sent.starts_with("/account/your-data/SA-"), "{sent}");
    // The same form sent twice makes one request.
    assert_eq!(ask(&app, &token, "Letters about my repairs").await, sent);
    assert_eq!(
        scalar(&app, "select count(*) from subject_access_requests").await,
        1
    );
    let reference = sent
        .trim_start_matches("/account/your-data/")
        .trim_end_matches("?sent=1")
        .to_owned();
    let due = due_of(&app, &reference).await.expect("the clock runs");
    // A calendar month from today, moved on past a weekend or holiday, never sooner.
    let today = to_local(Utc::now()).date();
    let month_on = today
        .checked_add_months(chrono::Months::new(1))
        .expect("date");
    assert!(to_local(due).date() >= month_on, "{due}");
    assert!((to_local(due).date() - month_on).num_days() <= 4);
    let (_, page) = app.page(&sent).await;
    assert!(page.contains(&format!("Your reference is {reference}")));
    assert!(page.contains("We are gathering the information we hold about you"));
    assert!(page.contains("Letters about my repairs"));
    assert_eq!(
        scalar(
            &app,
            &format!(
                "select count(*) from messages where subject = 'We have your request: {reference}'"
            ),
        )
        .await,
        1
    );
    // Nobody else sees it.
    let other = as_other(&app, DANIEL).await;
    let (status, _) = other.page(&format!("/account/your-data/{reference}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let planner = as_other(&app, PLANNER).await;
    let (status, _) = planner.page("/staff/subject-access").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A colleague takes more time for a complex request: a reason and a date within the limit.
    let services = as_other(&app, SERVICES).await;
    let (status, queue) = services.page("/staff/subject-access").await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains(&reference) && queue.contains("For Amira Hassan"));
    let (_, staff_page) = services
        .page(&format!("/staff/subject-access/{reference}"))
        .await;
    assert!(staff_page.contains("Take more time"));
    let too_far = to_local(due).date() + chrono::Months::new(3);
    let extend = |text: &'static str, to: chrono::NaiveDate| {
        let (services, reference) = (&services, &reference);
        async move {
            step(
                services,
                reference,
                &[
                    ("step", "extend"),
                    ("text", text),
                    ("extend_day", &to.day().to_string()),
                    ("extend_month", &to.month().to_string()),
                    ("extend_year", &to.year().to_string()),
                ],
            )
            .await;
            services
                .page(&format!("/staff/subject-access/{reference}"))
                .await
                .1
        }
    };
    let staff_page = extend("", too_far).await;
    assert!(staff_page.contains("Give the reason it needs more time"));
    let staff_page = extend("Many records", too_far).await;
    assert!(staff_page.contains("The new date can be no later than"));
    assert_eq!(due_of(&app, &reference).await, Some(due));
    let later = to_local(due).date() + chrono::Days::new(20);
    extend("Many records to check", later).await;
    let extended = due_of(&app, &reference).await.expect("still running");
    assert_eq!(to_local(extended).date(), later);
    let (_, messages) = app.page("/messages").await;
    assert!(messages.contains("We need more time for your request"));
    assert!(messages.contains("Many records to check"));

    // Sent: how it went is required, then the resident is told and the clock is met.
    step(&services, &reference, &[("step", "complete")]).await;
    let (_, staff_page) = services
        .page(&format!("/staff/subject-access/{reference}"))
        .await;
    assert!(staff_page.contains("Say how the information was sent"));
    step(
        &services,
        &reference,
        &[("step", "complete"), ("text", "By secure email, 40 pages")],
    )
    .await;
    assert_eq!(due_of(&app, &reference).await, None);
    let (_, page) = app.page(&format!("/account/your-data/{reference}")).await;
    assert!(page.contains("Information sent") && page.contains("By secure email, 40 pages"));
    assert!(page.contains("Finished</dt>") && page.contains("Identity confirmed</dt>"));
    assert!(page.contains("We have sent you the information we hold about you"));
    // Finished: no more steps, and the queue lists it as finished.
    step(&services, &reference, &[("step", "ask_identity")]).await;
    assert_eq!(
        text(
            &app,
            &format!("select status from subject_access_requests where reference = '{reference}'")
        )
        .await,
        Some("completed".into())
    );
    assert!(
        scalar(
            &app,
            "select count(*) from audit_events where action = 'subject_access_changed'"
        )
        .await
            >= 2
    );
}

async fn a_request_recorded_from_a_letter_waits_with_its_clock_stopped_until_identity_is_confirmed(
    engine: Engine,
) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let margaret = person_on(&app, "TEN-100003").await;
    signed_in(&app, SERVICES).await;
    let page_path = format!("/staff/residents/{margaret}");
    let (status, page) = app.page(&page_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Record a request made by phone, letter, email or in person"));
    let token = hidden_value(&page, "token").expect("token");
    let person = margaret.to_string();
    // Every mistake at once.
    let back = location(
        &app.post_form(
            "/api/staff/subject-access/record",
            &[("person", &person), ("token", &token)],
        )
        .await,
    );
    assert_eq!(back, format!("{page_path}#subject-access"));
    let (_, page) = app.page(&page_path).await;
    for message in [
        "Choose how the request reached us",
        "Enter the date it reached us",
        "Say whether you have confirmed who is asking",
    ] {
        assert!(page.contains(message), "{message}");
    }
    let received = to_local(Utc::now()).date() - chrono::Days::new(3);
    let form = [
        ("person", person.as_str()),
        ("token", token.as_str()),
        ("channel", "letter"),
        ("received", &received.format("%Y-%m-%d").to_string()),
        ("identity", "no"),
        ("details", "Everything about my damp"),
    ];
    let recorded = location(
        &app.post_form("/api/staff/subject-access/record", &form)
            .await,
    );
    assert!(
        recorded.starts_with("/staff/subject-access/SA-"),
        "{recorded}"
    );
    // Recorded twice from the same form: still one request.
    location(
        &app.post_form("/api/staff/subject-access/record", &form)
            .await,
    );
    assert_eq!(
        scalar(&app, "select count(*) from subject_access_requests").await,
        1
    );
    let reference = recorded
        .trim_start_matches("/staff/subject-access/")
        .to_owned();
    assert_eq!(due_of(&app, &reference).await, None, "stopped");
    let (_, staff_page) = app.page(&recorded).await;
    assert!(staff_page.contains("Identity confirmed") && staff_page.contains("Clock stopped"));
    assert!(!staff_page.contains("Information sent</h3>"));

    // Margaret sees it is waiting for her, and was told by letter (her preference).
    let resident = as_other(&app, MARGARET).await;
    let (_, page) = resident
        .page(&format!("/account/your-data/{reference}"))
        .await;
    assert!(page.contains("We need to confirm who is asking"));
    assert!(page.contains("Letter, recorded by Chris Morgan"));
    assert_eq!(
        text(
            &app,
            &format!(
                "select channel from messages where person_id = {margaret} and subject like 'We have your request%'"
            ),
        )
        .await,
        Some("letter".into())
    );

    // Confirmed today: the month runs from now, so the deadline is later than a month from
    // receipt by the days it was stopped.
    step(&app, &reference, &[("step", "identity_confirmed")]).await;
    let due = due_of(&app, &reference).await.expect("running");
    let from_receipt = received
        .checked_add_months(chrono::Months::new(1))
        .expect("date");
    assert!(
        to_local(due).date() >= from_receipt + chrono::Days::new(3),
        "{due}"
    );
    let (_, page) = resident
        .page(&format!("/account/your-data/{reference}"))
        .await;
    assert!(page.contains("We are gathering the information we hold about you"));
    assert!(page.contains("Identity confirmed</dt>"));
    assert!(page.contains("Identity confirmed: the clock runs again"));

    // Stopped again, then closed with a reason (withdrawn on the phone).
    step(&app, &reference, &[("step", "ask_identity")]).await;
    assert_eq!(due_of(&app, &reference).await, None);
    step(&app, &reference, &[("step", "close")]).await;
    let (_, staff_page) = app.page(&recorded).await;
    assert!(staff_page.contains("Give the reason for closing the request"));
    step(
        &app,
        &reference,
        &[("step", "close"), ("text", "Withdrawn on the phone")],
    )
    .await;
    assert_eq!(
        text(
            &app,
            &format!("select status from subject_access_requests where reference = '{reference}'")
        )
        .await,
        Some("closed".into())
    );
    // The colleague gathers what Doorstep holds about her, internal notes marked; she gets
    // hers without them, and nobody else gets it at all.
    let her_repair = repair_of(&app, margaret).await;
    app.post_form(
        "/api/staff/repair-action",
        &[
            ("reference", her_repair.as_str()),
            ("action", "note"),
            ("note", "Neighbour says the flat is often empty"),
            ("visible", "no"),
        ],
    )
    .await;
    let gathered = format!("/staff/subject-access/{reference}/data.json");
    let response = app.get(&gathered).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .contains(&format!("doorstep-data-{reference}.json")));
    let data: serde_json::Value =
        serde_json::from_str(&response.text().await.expect("body")).expect("json");
    assert_eq!(data["person"], "Margaret Lewis");
    assert_eq!(data["internal_notes"], true);
    let all = all_text(&data);
    assert!(all.contains("Internal note: Neighbour says the flat is often empty"));
    assert!(all.contains("(internal)"));
    assert!(all.contains("margaret.lewis@example.org") && !all.contains("Amira"));
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from audit_events where action = 'subject_access_data_gathered' and on_behalf_of_person_id = {margaret}"),
        )
        .await,
        1
    );
    let hers = all_text(&download(&resident).await);
    assert!(!hers.contains("Neighbour says"));
    for outsider in [&resident, &as_other(&app, PLANNER).await] {
        assert_eq!(
            outsider.get(&gathered).await.status(),
            StatusCode::NOT_FOUND
        );
    }

    // An internal note stays with colleagues.
    step(
        &app,
        &reference,
        &[
            ("step", "note"),
            ("text", "Checked the signature"),
            ("visible", "no"),
        ],
    )
    .await;
    let (_, staff_page) = app.page(&recorded).await;
    assert!(staff_page.contains("Checked the signature"));
    let (_, page) = resident
        .page(&format!("/account/your-data/{reference}"))
        .await;
    assert!(!page.contains("Checked the signature"));
    assert!(page.contains("Withdrawn on the phone"));
}

/// A request whose stored deadline was worked out by an older rule (here: a date a week late)
/// gets this release's date when the server migrates; the page and the queue then agree.
async fn stored_deadlines_follow_the_rules_of_the_release_after_migrating(engine: Engine) {
    let Some(app) = crate::common::spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let (_, page) = app.page("/account/your-data").await;
    let token = hidden_value(&page, "token").expect("token");
    let sent = ask(&app, &token, "Everything about my rent").await;
    let reference = sent
        .trim_start_matches("/account/your-data/")
        .split('?')
        .next()
        .expect("reference")
        .to_owned();
    let right = due_of(&app, &reference).await.expect("running");
    let stale = right + chrono::Duration::days(7);
    app::db_run!(&app.state.db, |pool| {
        sqlx::query("update subject_access_requests set due_at = $1 where reference = $2")
            .bind(stale)
            .bind(&reference)
            .execute(pool)
            .await
            .map(|_| ())
    })
    .expect("an old release's date");
    let changed = app::server::subject_access::refresh_due_dates(&app.state)
        .await
        .expect("refreshed");
    assert_eq!(changed, 1);
    assert_eq!(due_of(&app, &reference).await, Some(right));
    assert_eq!(
        app::server::subject_access::refresh_due_dates(&app.state)
            .await
            .expect("again"),
        0,
        "nothing left to change"
    );
}

/// Releases before the clock store kept a request's clock as JSON in its own row. Migrating
/// moves it into the store, stops and all: the request reads back with the same clock, the
/// same stored deadline and the same page, and migrating again changes nothing.
async fn a_request_from_before_the_clock_store_keeps_its_clock_after_migrating(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let margaret = person_on(&app, "TEN-100003").await;
    signed_in(&app, SERVICES).await;
    let (_, page) = app.page(&format!("/staff/residents/{margaret}")).await;
    let token = hidden_value(&page, "token").expect("token");
    let received = to_local(Utc::now()).date() - chrono::Days::new(3);
    let recorded = location(
        &app.post_form(
            "/api/staff/subject-access/record",
            &[
                ("person", margaret.to_string().as_str()),
                ("token", token.as_str()),
                ("channel", "letter"),
                ("received", &received.format("%Y-%m-%d").to_string()),
                ("identity", "no"),
                ("details", "Everything about my damp"),
            ],
        )
        .await,
    );
    let reference = recorded
        .trim_start_matches("/staff/subject-access/")
        .to_owned();
    let read = || async {
        app::server::db::subject_access::by_reference(&app.state.db, &reference)
            .await
            .expect("read")
            .expect("request")
    };
    let before = read().await;
    let clock = before.request().expect("readable").clock;
    assert_eq!(clock.pauses.len(), 1, "stopped until identity is confirmed");
    let now = Utc::now();
    let view = |row| {
        let state = app.state.clone();
        async move {
            app::server::subject_access::view(&state, &row, true, now)
                .await
                .expect("view")
        }
    };
    let view_before = view(before.clone()).await;
    // As an earlier release left it: the clock in the row, nothing in the store.
    let json = serde_json::to_string(&clock).expect("json");
    app::db_run!(&app.state.db, |pool| {
        async {
            sqlx::query(
                "delete from clock_stops where clock_id in
                     (select id from clocks where subject = 'subject_access' and subject_id = $1)",
            )
            .bind(before.id)
            .execute(pool)
            .await?;
            sqlx::query("delete from clocks where subject = 'subject_access' and subject_id = $1")
                .bind(before.id)
                .execute(pool)
                .await?;
            sqlx::query("update subject_access_requests set clock = $1 where id = $2")
                .bind(&json)
                .bind(before.id)
                .execute(pool)
                .await
                .map(|_| ())
        }
        .await
    })
    .expect("an earlier release's row");
    assert!(read().await.request().is_err(), "no clock in the store yet");
    assert_eq!(
        app::server::subject_access::refresh_due_dates(&app.state)
            .await
            .expect("migrated"),
        0,
        "no deadline changed"
    );
    let after = read().await;
    assert_eq!(after.request().expect("readable").clock, clock);
    assert_eq!(after.due_at, before.due_at);
    assert_eq!(view(after).await, view_before);
    app::server::subject_access::refresh_due_dates(&app.state)
        .await
        .expect("again");
    assert_eq!(
        scalar(
            &app,
            "select count(*) from clocks where subject = 'subject_access'"
        )
        .await,
        1
    );
    assert_eq!(scalar(&app, "select count(*) from clock_stops").await, 1);
}

/// A long audit trail does not make "Everything we hold about you" longer and slower on each
/// visit: the page shows the activity fifty entries at a time, newest first, with links to the
/// others; the file holds every entry.
async fn the_page_shows_activity_fifty_at_a_time_and_the_file_holds_all_of_it(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let amira = scalar(
        &app,
        &format!("select id from accounts where email = '{AMIRA}'"),
    )
    .await;
    let long_ago = Utc::now() - chrono::Duration::days(200);
    for n in 0..120 {
        app::server::db::accounts::record_audit(
            &app.state.db,
            app::server::db::accounts::AuditEvent::by(Some(amira), "password_changed"),
            long_ago + chrono::Duration::hours(n),
        )
        .await
        .expect("audit");
    }
    let (status, first) = app.page("/account/your-data/all").await;
    assert_eq!(status, StatusCode::OK);
    // Every entry counts, the one this visit added among them.
    let total = first
        .split("Activity, newest first: 1 to 50 of ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .expect("the first fifty of the activity");
    assert!(total > 120, "{total}");
    let newest = first.find("Signed in").expect("this sign-in");
    let older = first
        .find("Password changed")
        .expect("the changes after it");
    assert!(newest < older, "newest first");
    assert!(
        first.contains("?activity=2#section-"),
        "a link to the next fifty"
    );
    assert!(
        !first.contains("rel=\"prev\""),
        "nothing newer than the first page"
    );
    // Each visit to the page is itself recorded (newest first, so the list moves on by one):
    // the password changes are told apart by their times.
    let changes = |body: &str| -> Vec<String> {
        body.split("<li>")
            .filter(|item| item.contains("Password changed"))
            .filter_map(|item| item.split("<span class=\"hint\">").nth(1))
            .filter_map(|hint| hint.split(": </span>").next())
            .map(str::to_owned)
            .collect()
    };
    let mut shown: std::collections::BTreeSet<String> = changes(&first).into_iter().collect();
    let mut page = 1;
    loop {
        page += 1;
        let (_, body) = app
            .page(&format!("/account/your-data/all?activity={page}"))
            .await;
        shown.extend(changes(&body));
        if !body.contains(&format!("?activity={}#", page + 1)) {
            assert!(body.contains("rel=\"prev\""), "the last page links back");
            let from = (page - 1) * 50 + 1;
            assert!(
                body.contains(&format!("Activity, newest first: {from} to ")),
                "the last page starts at {from}"
            );
            break;
        }
        assert!(page < 10, "the pages end");
    }
    assert_eq!(shown.len(), 120, "every change once: {shown:?}");
    // A page past the end shows the last one; nonsense shows the first.
    let (status, past) = app.page("/account/your-data/all?activity=999").await;
    assert_eq!(status, StatusCode::OK);
    assert!(past.contains("Activity, newest first:"), "{past}");
    let (status, _) = app.page("/account/your-data/all?activity=x").await;
    assert_eq!(status, StatusCode::OK);
    // The file holds it all.
    let file = all_text(&download(&app).await);
    assert_eq!(file.matches("Password changed").count(), 120);
}
