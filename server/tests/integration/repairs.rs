//! Repairs end to end through the real server, on SQLite and PostgreSQL: reporting, following
//! a communal job, booking, changing and cancelling a visit, the race for the last slot,
//! recalls, hazard clocks, photos, staff updates reaching the resident, and who may see what.

use crate::common::{
    as_other, hidden_value, location, scalar, signed_in, spawn_app, text, Engine, TestApp,
};
use reqwest::StatusCode;

on_both_engines!(
    a_tenant_reports_a_repair_once_and_sees_its_priority_target_and_timeline,
    unknown_answers_and_unfinished_reports_are_refused_and_store_nothing,
    a_shared_owner_is_told_who_to_call_and_a_tenant_what_is_theirs,
    a_neighbour_follows_a_communal_repair_and_hears_about_it,
    a_visit_is_booked_changed_and_cancelled_and_tampered_slots_refused,
    two_residents_racing_for_the_last_slot_cannot_both_get_it,
    a_visit_moved_to_a_slot_just_taken_stays_where_it_was,
    a_repair_that_is_not_fixed_is_reopened_as_a_recall_and_rated,
    damp_harming_health_gets_awaabs_clocks_for_a_tenant_but_not_a_shared_owner,
    scotland_clocks_damp_and_mould_under_its_own_regulations,
    staff_updates_reach_the_resident_and_internal_notes_do_not,
    photos_are_cleaned_checked_and_shown_only_to_those_who_may_see_the_job,
    only_the_right_people_see_and_change_a_repair,
    the_queue_filters_and_puts_the_first_breach_on_top,
    photos_can_live_in_an_s3_compatible_store,
    the_stores_time_out_and_retries_are_as_configured,
    a_repair_page_loads_when_it_is_the_one_that_refreshes_the_session,
    every_change_to_a_repair_asks_for_its_own_right_not_the_right_to_see_it,
    a_follower_sees_a_communal_jobs_progress_not_the_reporters_photos,
);

pub(crate) const AMIRA: &str = "amira.hassan@example.org"; // tenant, 1 Alder Court
const DANIEL: &str = "daniel.okafor@example.org"; // joint tenant, 2 Alder Court
pub(crate) const TOM: &str = "tom.bennett@example.org"; // shared owner, 9 Alder Court
pub(crate) const PLANNER: &str = "sunita.patel@staff.example.org";
pub(crate) const HANDLER: &str = "owen.davies@staff.example.org";
const ADVOCATE: &str = "priya.shah@advice.example.org";
const PHONE: &str = "07700 900 982";

async fn app_as(engine: Engine, email: &str) -> Option<TestApp> {
    let app = spawn_app(engine).await?;
    signed_in(&app, email).await;
    Some(app)
}

/// The answers (option numbers) that lead to an outcome of the configured tree.
fn path_to(app: &TestApp, outcome: &str) -> Vec<usize> {
    app.state
        .site
        .repairs
        .path_to(outcome)
        .expect("the outcome is in the tree")
}

/// Answers the emergency check and the diagnosis questions; picks the first shared area when
/// asked. Returns where the last answer led.
pub(crate) async fn diagnose(app: &TestApp, outcome: &str) -> String {
    let response = app
        .post_form("/api/repairs/emergency", &[("emergency", "none")])
        .await;
    assert_eq!(location(&response), "/repairs/report/question");
    diagnose_keeping_emergency(app, outcome).await
}

/// Reports a repair through every page and returns its reference.
pub(crate) async fn report(app: &TestApp, outcome: &str, description: &str) -> String {
    assert_eq!(diagnose(app, outcome).await, "/repairs/report/describe");
    finish_report(app, description).await
}

pub(crate) async fn finish_report(app: &TestApp, description: &str) -> String {
    let response = app
        .post_form("/api/repairs/describe", &[("description", description)])
        .await;
    assert_eq!(location(&response), "/repairs/report/photos");
    let response = app
        .post_form(
            "/api/repairs/access",
            &[
                ("access_times", "Not before 10am"),
                ("pets", "A friendly cat"),
                ("key_safe", "no"),
                ("contact_phone", PHONE),
            ],
        )
        .await;
    assert_eq!(location(&response), "/repairs/report/check");
    let (status, body) = app.page("/repairs/report/check").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = hidden_value(&body, "token").expect("token");
    let response = app
        .post_form("/api/repairs/send", &[("token", &token)])
        .await;
    // A resident or advocate sees the confirmation; a colleague recording it, the job's page.
    let to = location(&response);
    let reference = to
        .strip_prefix("/repairs/")
        .and_then(|r| r.strip_suffix("/reported"))
        .or_else(|| to.strip_prefix("/staff/repairs/"))
        .unwrap_or_else(|| panic!("sent to {to}"))
        .to_owned();
    reference
}

pub(crate) async fn staff_action(
    app: &TestApp,
    reference: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields = vec![("reference", reference)];
    fields.extend_from_slice(form);
    // "Operative on the way" has a function of its own: its window is two more fields.
    let path = if form.contains(&("action", "on_the_way")) {
        "/api/staff/repair-on-the-way"
    } else {
        "/api/staff/repair-action"
    };
    app.post_form(path, &fields).await
}

async fn a_tenant_reports_a_repair_once_and_sees_its_priority_target_and_timeline(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let (status, body) = app.page("/repairs/report").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Is any of these happening now?"));
    assert!(body.contains("You can smell gas"));

    assert_eq!(diagnose(&app, "tap_drip").await, "/repairs/report/describe");
    app.post_form(
        "/api/repairs/describe",
        &[("description", "The kitchen tap drips all night")],
    )
    .await;
    app.post_form("/api/repairs/access", &[("contact_phone", PHONE)])
        .await;
    let (_, check) = app.page("/repairs/report/check").await;
    assert!(
        check.contains("href=\"/repairs/report/access\""),
        "change links"
    );
    assert!(check.contains("Where is the problem?") && check.contains("Kitchen"));
    assert!(check.contains("href=\"/repairs/report/question?at=0\""));
    assert!(check.contains("This will be a routine repair"));
    let token = hidden_value(&check, "token").expect("token");

    // Two clicks on "Send report": one job.
    let first = app
        .post_form("/api/repairs/send", &[("token", &token)])
        .await;
    let second = app
        .post_form("/api/repairs/send", &[("token", &token)])
        .await;
    let to = location(&first);
    assert!(
        to.starts_with("/repairs/RP-") && to.ends_with("/reported"),
        "{to}"
    );
    assert_eq!(location(&second), "/repairs");
    assert_eq!(scalar(&app, "select count(*) from repairs").await, 1);
    let reference = to
        .trim_start_matches("/repairs/")
        .trim_end_matches("/reported")
        .to_owned();

    let (status, body) = app.page(&to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&reference) && body.contains("Routine"));
    assert!(body.contains("We aim to complete it by"));
    assert!(body.contains("Book a visit"));
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("Repair reported") && job.contains("Priority set: Routine"));
    assert!(job.contains("The kitchen tap drips all night"));
    assert!(job.contains("On track"));
    let (_, list) = app.page("/repairs").await;
    assert!(list.contains(&reference) && list.contains("Kitchen tap drips"));
    let email = app.last_email_to(AMIRA).await.expect("an email");
    assert!(email.subject.contains(&reference));
    // The target is 20 working days from now, at the close of the office day.
    let target = text(&app, "select cast(target_at as text) from repairs")
        .await
        .expect("target");
    assert!(!target.is_empty());
}

async fn unknown_answers_and_unfinished_reports_are_refused_and_store_nothing(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let response = app
        .post_form("/api/repairs/emergency", &[("emergency", "volcano")])
        .await;
    assert_eq!(location(&response), "/repairs/report");
    let (_, body) = app.page("/repairs/report").await;
    assert!(body.contains("There is a problem") && body.contains("None of these"));

    app.post_form("/api/repairs/emergency", &[("emergency", "none")])
        .await;
    let response = app
        .post_form("/api/repairs/answer", &[("at", "0"), ("answer", "99")])
        .await;
    assert_eq!(location(&response), "/repairs/report/question?at=0");
    let (_, body) = app.page("/repairs/report/question?at=0").await;
    assert!(body.contains("Select the answer that fits best"));
    let response = app
        .post_form(
            "/api/repairs/answer",
            &[("at", "0"), ("answer", "not a number")],
        )
        .await;
    assert_eq!(location(&response), "/repairs/report/question?at=0");

    // Sending before the questions are answered: a clear refusal and no job.
    let (_, check) = app.page("/repairs/report/question").await;
    assert!(check.contains("Where is the problem?"));
    let (status, _) = app.page("/repairs/report/check").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let response = app
        .post_form(
            "/api/repairs/send",
            &[("token", "0123456789abcdef0123456789abcdef")],
        )
        .await;
    assert!(
        location(&response).starts_with("/problem/"),
        "{}",
        location(&response)
    );
    // An over-long description is sent back with what was typed.
    diagnose(&app, "tap_drip").await;
    let long = "drip ".repeat(300);
    let response = app
        .post_form("/api/repairs/describe", &[("description", &long)])
        .await;
    assert_eq!(location(&response), "/repairs/report/describe");
    let (_, body) = app.page("/repairs/report/describe").await;
    assert!(body.contains("1000 characters or fewer") && body.contains("drip drip"));
    let response = app
        .post_form("/api/repairs/access", &[("contact_phone", "call me maybe")])
        .await;
    assert_eq!(location(&response), "/repairs/report/access");
    assert_eq!(scalar(&app, "select count(*) from repairs").await, 0);

    // The gas emergency stops the journey.
    let response = app
        .post_form("/api/repairs/emergency", &[("emergency", "gas")])
        .await;
    assert_eq!(location(&response), "/repairs/report/gas");
    let (_, gas) = app.page("/repairs/report/gas").await;
    assert!(gas.contains("0800 111 999"));
    // Other emergencies show the emergency line, and this profile lets them continue online.
    let response = app
        .post_form("/api/repairs/emergency", &[("emergency", "no_water")])
        .await;
    assert_eq!(location(&response), "/repairs/report/emergency");
    let (_, page) = app.page("/repairs/report/emergency").await;
    assert!(page.contains("0161 496 0999") && page.contains("Report it online instead"));
    let reference = {
        assert_eq!(
            diagnose_keeping_emergency(&app, "no_water_tap").await,
            "/repairs/report/describe"
        );
        finish_report(&app, "No water at all").await
    };
    let priority = text(
        &app,
        &format!("select priority from repairs where reference = '{reference}'"),
    )
    .await;
    assert_eq!(priority.as_deref(), Some("emergency"));
    // "No water at all" is an emergency hazard of its own kind: Awaab's Law's 24-hour clock
    // runs for it, as it does for damp and mould, and the resident sees it.
    let make_safe = text(
        &app,
        &format!(
            "select c.kind || ' ' || r.hazard || ' ' || r.hazard_kind from clocks c
             join repairs r on c.subject = 'repair' and r.id = c.subject_id
             where r.reference = '{reference}' and c.kind like 'awaab%'"
        ),
    )
    .await;
    assert_eq!(
        make_safe.as_deref(),
        Some("awaab_make_safe emergency water_supply")
    );
    let (_, page) = app.page(&format!("/repairs/{reference}")).await;
    assert!(page.contains("made safe (Awaab"), "{page}");
}

/// Answers the diagnosis questions (picking the first shared area when asked), keeping the
/// emergency already chosen. Returns where the last answer led.
async fn diagnose_keeping_emergency(app: &TestApp, outcome: &str) -> String {
    let mut next = String::new();
    for (at, answer) in path_to(app, outcome).into_iter().enumerate() {
        let response = app
            .post_form(
                "/api/repairs/answer",
                &[("at", &at.to_string()), ("answer", &answer.to_string())],
            )
            .await;
        next = location(&response);
        if next == "/repairs/report/communal" {
            let (status, body) = app.page("/repairs/report/communal").await;
            assert_eq!(status, StatusCode::OK);
            let area = body
                .split("name=\"area\" type=\"radio\" value=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("a shared area to choose")
                .to_owned();
            let response = app.post_form("/api/repairs/area", &[("area", &area)]).await;
            assert_eq!(location(&response), "/repairs/report/question");
        }
    }
    next
}

async fn a_shared_owner_is_told_who_to_call_and_a_tenant_what_is_theirs(engine: Engine) {
    let Some(app) = app_as(engine, TOM).await else {
        return;
    };
    assert_eq!(diagnose(&app, "tap_drip").await, "/repairs/report/not-ours");
    let (_, body) = app.page("/repairs/report/not-ours").await;
    assert!(body.contains("This repair is yours to arrange"), "{body}");
    // A structural problem is ours to fix for a shared owner too.
    assert_eq!(diagnose(&app, "roof").await, "/repairs/report/describe");
    let (status, _) = app.page("/repairs/report/check").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "not finished yet");

    let tenant = as_other(&app, AMIRA).await;
    assert_eq!(diagnose(&tenant, "bulb").await, "/repairs/report/not-ours");
    let (_, body) = tenant.page("/repairs/report/not-ours").await;
    assert!(
        body.contains("This is a repair you put right yourself")
            && body.contains("yours to change")
    );
    // Nothing can be sent from there.
    let (status, _) = tenant.page("/repairs/report/check").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn a_neighbour_follows_a_communal_repair_and_hears_about_it(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let reference = report(&app, "lift", "The lift is stuck on the second floor").await;
    let daniel = as_other(&app, DANIEL).await;
    // Daniel goes to report the same thing: the open communal job is listed first.
    daniel
        .post_form("/api/repairs/emergency", &[("emergency", "none")])
        .await;
    let communal = path_to(&daniel, "lift")[0];
    let response = daniel
        .post_form(
            "/api/repairs/answer",
            &[("at", "0"), ("answer", &communal.to_string())],
        )
        .await;
    assert_eq!(location(&response), "/repairs/report/communal");
    let (_, body) = daniel.page("/repairs/report/communal").await;
    assert!(body.contains("Already reported") && body.contains("Lift not working"));
    let response = daniel
        .post_form("/api/repairs/follow", &[("reference", &reference)])
        .await;
    assert_eq!(
        location(&response),
        format!("/repairs/{reference}?following=1")
    );
    // Following twice is still one follower; the job is in Daniel's list.
    daniel
        .post_form("/api/repairs/follow", &[("reference", &reference)])
        .await;
    assert_eq!(
        scalar(&app, "select count(*) from repair_followers").await,
        1
    );
    let (_, list) = daniel.page("/repairs").await;
    assert!(list.contains(&reference));
    let (status, job) = daniel.page(&format!("/repairs/{reference}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(job.contains("Another resident reported the same problem"));

    // A staff update reaches the reporter and the follower.
    let staff = as_other(&app, PLANNER).await;
    let before = (app.emails_to(AMIRA).await, app.emails_to(DANIEL).await);
    let firm = scalar(&app, "select id from contractor_firms")
        .await
        .to_string();
    let response = staff_action(
        &staff,
        &reference,
        &[("action", "contractor"), ("choice", &firm)],
    )
    .await;
    assert_eq!(location(&response), format!("/staff/repairs/{reference}"));
    assert_eq!(app.emails_to(AMIRA).await, before.0 + 1);
    assert_eq!(app.emails_to(DANIEL).await, before.1 + 1);
    let (_, job) = daniel.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("Ashdown Building Services will do this repair for us"));
    // Nobody can follow a home repair, or one in another block.
    let home = report(&app, "tap_drip", "Dripping").await;
    let response = daniel
        .post_form("/api/repairs/follow", &[("reference", &home)])
        .await;
    assert!(
        location(&response).starts_with("/problem/not-found"),
        "{}",
        location(&response)
    );
}

/// The slot values offered on a job's booking page.
async fn slots(app: &TestApp, reference: &str) -> Vec<String> {
    let (status, body) = app.page(&format!("/repairs/{reference}/book")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.split("name=\"slot\" type=\"radio\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

async fn a_visit_is_booked_changed_and_cancelled_and_tampered_slots_refused(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let reference = report(&app, "tap_drip", "Drip").await;
    let offered = slots(&app, &reference).await;
    assert!(offered.len() >= 3, "{offered:?}");
    let response = app
        .post_form(
            "/api/repairs/book",
            &[("reference", &reference), ("slot", &offered[0])],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/repairs/{reference}?booked=1")
    );
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(
        job.contains("Visit booked")
            && job.contains("Change the visit")
            && job.contains("Cancel the visit")
    );

    // Change: the first seat is given up, one visit booked.
    let response = app
        .post_form(
            "/api/repairs/book",
            &[("reference", &reference), ("slot", &offered[2])],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/repairs/{reference}?booked=1")
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from appointments where status = 'booked'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from appointments where seat is not null"
        )
        .await,
        1
    );
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("Visit changed"));

    // Tampered and missing slots: a message, nothing changed.
    for bad in ["2099-01-01_morning", "yesterday", "", "2026-01-05_midnight"] {
        let response = app
            .post_form(
                "/api/repairs/book",
                &[("reference", &reference), ("slot", bad)],
            )
            .await;
        assert_eq!(
            location(&response),
            format!("/repairs/{reference}/book"),
            "{bad}"
        );
    }
    let (_, body) = app.page(&format!("/repairs/{reference}/book")).await;
    assert!(body.contains("Select a day and time") || body.contains("no longer available"));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from appointments where status = 'booked'"
        )
        .await,
        1
    );

    // Cancel asks why.
    let response = app
        .post_form("/api/repairs/cancel-visit", &[("reference", &reference)])
        .await;
    assert_eq!(location(&response), format!("/repairs/{reference}/cancel"));
    let (_, body) = app.page(&format!("/repairs/{reference}/cancel")).await;
    assert!(body.contains("Select why you are cancelling"));
    let response = app
        .post_form(
            "/api/repairs/cancel-visit",
            &[("reference", &reference), ("reason", "not_in")],
        )
        .await;
    assert_eq!(location(&response), format!("/repairs/{reference}"));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from appointments where status = 'booked'"
        )
        .await,
        0
    );
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(
        job.contains("Visit cancelled")
            && job.contains("I will not be in")
            && job.contains("Book a visit")
    );
}

async fn two_residents_racing_for_the_last_slot_cannot_both_get_it(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let daniel = as_other(&app, DANIEL).await;
    let a = report(&app, "tap_drip", "Drip").await;
    let b = report(&daniel, "tap_drip", "Drip too").await;
    let slot = slots(&app, &a)
        .await
        .into_iter()
        .find(|s| s.ends_with("_all_day"))
        .expect("an all-day slot");
    // The plumber has one all-day visit a day: both ask for it at once.
    let form_a = [("reference", a.as_str()), ("slot", slot.as_str())];
    let form_b = [("reference", b.as_str()), ("slot", slot.as_str())];
    let (ra, rb) = tokio::join!(
        app.post_form("/api/repairs/book", &form_a),
        daniel.post_form("/api/repairs/book", &form_b),
    );
    let won = [location(&ra), location(&rb)]
        .iter()
        .filter(|l| l.ends_with("?booked=1"))
        .count();
    assert_eq!(won, 1, "{} {}", location(&ra), location(&rb));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from appointments where status = 'booked'"
        )
        .await,
        1
    );
    let loser = if location(&ra).ends_with("?booked=1") {
        (&daniel, &b)
    } else {
        (&app, &a)
    };
    let (_, body) = loser.0.page(&format!("/repairs/{}/book", loser.1)).await;
    assert!(
        body.contains("Someone has just taken that slot") || body.contains("no longer available"),
        "{body}"
    );
    assert!(
        !slots(loser.0, loser.1).await.contains(&slot),
        "the taken slot is no longer offered"
    );
}

/// Moving a booked visit to a slot someone else has just taken changes nothing: the visit
/// already booked keeps its seat (the move out of it is undone with the failed booking).
async fn a_visit_moved_to_a_slot_just_taken_stays_where_it_was(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let daniel = as_other(&app, DANIEL).await;
    let a = report(&app, "tap_drip", "Drip").await;
    let b = report(&daniel, "tap_drip", "Drip too").await;
    let all_day: Vec<String> = slots(&app, &a)
        .await
        .into_iter()
        .filter(|s| s.ends_with("_all_day"))
        .collect();
    let (first, second) = (&all_day[0], &all_day[1]);
    let booked = |r: &reqwest::Response| location(r).ends_with("?booked=1");
    let form = [("reference", a.as_str()), ("slot", first.as_str())];
    assert!(booked(&app.post_form("/api/repairs/book", &form).await));
    // Daniel takes the plumber's one all-day visit on the second day.
    let form = [("reference", b.as_str()), ("slot", second.as_str())];
    assert!(booked(&daniel.post_form("/api/repairs/book", &form).await));
    // Amira tries to move hers there.
    let form = [("reference", a.as_str()), ("slot", second.as_str())];
    assert!(!booked(&app.post_form("/api/repairs/book", &form).await));
    let hers = format!(
        "select count(*) from appointments ap join repairs r on r.id = ap.repair_id
         where r.reference = '{a}' and ap.status = 'booked' and ap.seat is not null"
    );
    assert_eq!(scalar(&app, &hers).await, 1, "still booked, in its seat");
    assert_eq!(
        scalar(
            &app,
            "select count(*) from appointments where status = 'moved'"
        )
        .await,
        0
    );
}

async fn a_repair_that_is_not_fixed_is_reopened_as_a_recall_and_rated(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let reference = report(&app, "tap_drip", "Drip").await;
    let staff = as_other(&app, PLANNER).await;
    staff_action(
        &staff,
        &reference,
        &[
            ("action", "visit_outcome"),
            ("choice", "completed"),
            ("note", "New washer fitted"),
        ],
    )
    .await;
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("Is it fixed?") && job.contains("New washer fitted"));
    assert!(job.contains("Met"), "the target was met");

    let response = app
        .post_form(
            "/api/repairs/fixed",
            &[("reference", &reference), ("fixed", "no")],
        )
        .await;
    assert_eq!(location(&response), "/repairs/report/describe");
    let recall = finish_report(&app, "Still dripping").await;
    assert_ne!(recall, reference);
    let (_, page) = app.page(&format!("/repairs/{recall}")).await;
    assert!(page.contains(&format!("Reopened: {reference} was not fixed")));
    let linked = scalar(&app, &format!("select count(*) from repairs r join repairs o on o.id = r.recall_of_id where r.reference = '{recall}' and o.reference = '{reference}'")).await;
    assert_eq!(linked, 1);
    // The old job no longer asks, and points to the new one.
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(
        !job.contains("Is it fixed?"),
        "asked again after the recall"
    );
    assert!(job.contains("Not fixed: reopened as") && job.contains(&recall));
    // Saying "not fixed" again (an old tab) opens no second job: it goes to the first recall.
    let response = app
        .post_form(
            "/api/repairs/fixed",
            &[("reference", &reference), ("fixed", "no")],
        )
        .await;
    assert_eq!(location(&response), format!("/repairs/{recall}"));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from repairs where recall_of_id is not null"
        )
        .await,
        1
    );

    // A rating outside 1 to 5 goes back with a message.
    let response = app
        .post_form(
            "/api/repairs/rate",
            &[("reference", &reference), ("rating", "9")],
        )
        .await;
    assert_eq!(location(&response), format!("/repairs/{reference}"));
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("Select how satisfied you are"));
    let response = app
        .post_form(
            "/api/repairs/rate",
            &[
                ("reference", &reference),
                ("rating", "4"),
                ("comment", "Quick"),
            ],
        )
        .await;
    assert_eq!(location(&response), format!("/repairs/{reference}?rated=1"));
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("4 out of 5: Quick"));
    // After 30 days the question is no longer asked.
    let second = completed(&app, &staff, "tap_drip").await;
    app.execute(&format!(
        "update repairs set completed_at = '2020-01-01T00:00:00Z' where reference = '{second}'"
    ))
    .await;
    let (_, job) = app.page(&format!("/repairs/{second}")).await;
    assert!(!job.contains("Is it fixed?"));
    let response = app
        .post_form(
            "/api/repairs/fixed",
            &[("reference", &second), ("fixed", "no")],
        )
        .await;
    assert!(location(&response).starts_with("/problem/not-found"));
}

/// A repair of `outcome` reported by `resident` and completed by `staff`; its reference.
pub(crate) async fn completed(resident: &TestApp, staff: &TestApp, outcome: &str) -> String {
    let reference = report(resident, outcome, "Reported to be completed").await;
    staff_action(
        staff,
        &reference,
        &[("action", "complete"), ("note", "Done")],
    )
    .await;
    reference
}

async fn damp_harming_health_gets_awaabs_clocks_for_a_tenant_but_not_a_shared_owner(
    engine: Engine,
) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let emergency = report(
        &app,
        "damp_emergency",
        "Black mould in the bedroom, my son is wheezing",
    )
    .await;
    let clocks = |r: &str| {
        format!("select count(*) from clocks c join repairs r on c.subject = 'repair' and r.id = c.subject_id where r.reference = '{r}' and c.kind like 'awaab%'")
    };
    assert_eq!(scalar(&app, &clocks(&emergency)).await, 1);
    let (_, page) = app.page(&format!("/repairs/{emergency}")).await;
    assert!(
        page.contains("Hazard investigated and made safe (Awaab&#x27;s Law)")
            || page.contains("Hazard investigated and made safe (Awaab's Law)"),
        "{page}"
    );
    let hours = scalar(&app, &format!("select count(*) from clocks c join repairs r on c.subject = 'repair' and r.id = c.subject_id where r.reference = '{emergency}' and c.kind = 'awaab_make_safe'")).await;
    assert_eq!(hours, 1);

    let significant = report(&app, "damp_significant", "Mould on the bathroom ceiling").await;
    let staff = as_other(&app, PLANNER).await;
    // The investigation says what it found; without that the form comes back.
    let response = staff_action(&staff, &significant, &[("action", "investigated")]).await;
    assert_eq!(location(&response), format!("/staff/repairs/{significant}"));
    let (_, page) = staff.page(&format!("/staff/repairs/{significant}")).await;
    assert!(
        page.contains("Select what the investigation found"),
        "{page}"
    );
    let response = staff_action(
        &staff,
        &significant,
        &[
            ("action", "investigated"),
            ("choice", "safety_further"),
            (
                "note",
                "Condensation behind the wardrobe; extractor fan broken",
            ),
        ],
    )
    .await;
    assert_eq!(location(&response), format!("/staff/repairs/{significant}"));
    let kinds = |r: &str, met: bool| {
        format!(
            "select count(*) from clocks c join repairs r on c.subject = 'repair' and r.id = c.subject_id
             where r.reference = '{r}' and c.kind like 'awaab%' and (c.met_at is not null) = {met}"
        )
    };
    assert_eq!(
        scalar(&app, &clocks(&significant)).await,
        5,
        "investigate, summary, safety work, further work begun and on site"
    );
    assert_eq!(scalar(&app, &kinds(&significant, true)).await, 1);
    let (_, page) = app.page(&format!("/repairs/{significant}")).await;
    assert!(page.contains("Written summary of what we found sent to you"));
    assert!(page.contains("Further work to stop it coming back begun"));
    assert!(page.contains("Further work started on site"));
    // Supplementary preventative work is recorded in its two steps.
    let (_, page) = staff.page(&format!("/staff/repairs/{significant}")).await;
    assert!(page.contains("further_begun") && page.contains("further_on_site"));
    for action in ["further_begun", "further_on_site"] {
        let response = staff_action(&staff, &significant, &[("action", action)]).await;
        assert_eq!(location(&response), format!("/staff/repairs/{significant}"));
    }
    assert_eq!(scalar(&app, &kinds(&significant, true)).await, 3);
    // Recording it twice is refused: that deadline is no longer open.
    staff_action(&staff, &significant, &[("action", "further_begun")]).await;
    let (_, page) = staff.page(&format!("/staff/repairs/{significant}")).await;
    assert!(page.contains("This repair has no such deadline open"));
    assert_eq!(scalar(&app, &kinds(&significant, true)).await, 3);

    let owner = as_other(&app, TOM).await;
    let owned = report(&owner, "damp_significant", "Mould in the hall").await;
    assert_eq!(
        scalar(&app, &clocks(&owned)).await,
        0,
        "shared owners are not on Awaab's clocks"
    );
    // A repair with no hazard clocks cannot be marked investigated.
    let response = staff_action(
        &staff,
        &owned,
        &[("action", "investigated"), ("choice", "none")],
    )
    .await;
    assert_eq!(location(&response), format!("/staff/repairs/{owned}"));
    let (_, page) = staff.page(&format!("/staff/repairs/{owned}")).await;
    assert!(page.contains("This repair has no investigation deadline open"));
}

async fn scotland_clocks_damp_and_mould_under_its_own_regulations(engine: Engine) {
    let Some(app) = crate::common::spawn_glenbrae(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    // Even damp harming someone now is on the Scottish 10-working-day investigation clock
    // (the regulations have no 24-hour duty); its emergency priority still applies.
    let reference = report(
        &app,
        "damp_emergency",
        "Mould in the bedroom, my son is wheezing",
    )
    .await;
    let (kind, started, due): (
        String,
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
    ) = app::db_run!(&app.state.db, |pool| sqlx::query_as(
        "select c.kind, c.started_at, c.due_at from clocks c
             join repairs r on c.subject = 'repair' and r.id = c.subject_id where c.kind like 'awaab%'"
    )
    .fetch_one(pool)
    .await)
    .expect("one hazard clock");
    assert_eq!(kind, "awaab_investigate");
    let ten = app::domain::timescale::Timescale::parse("10 working days").expect("t");
    assert_eq!(due, app.state.site.schedule().deadline(started, ten));
    let (_, page) = app.page(&format!("/repairs/{reference}")).await;
    assert!(
        page.contains("Hazard investigated (The Scottish damp and mould regulations)"),
        "{page}"
    );
    assert!(!page.contains("Awaab"));
    // The investigation: summary in 3 working days and repairs started in 5; there is no
    // further-work duty in Scotland, so that finding is not offered.
    let staff = as_other(&app, PLANNER).await;
    let (_, form) = staff.page(&format!("/staff/repairs/{reference}")).await;
    assert!(form.contains("value=\"safety\"") && !form.contains("value=\"safety_further\""));
    staff_action(
        &staff,
        &reference,
        &[("action", "investigated"), ("choice", "safety_further")],
    )
    .await;
    let open = "select count(*) from clocks where subject = 'repair' and kind like 'awaab%' and met_at is null";
    assert_eq!(
        scalar(&app, open).await,
        1,
        "refused: the investigation clock stays open"
    );
    let response = staff_action(
        &staff,
        &reference,
        &[("action", "investigated"), ("choice", "safety")],
    )
    .await;
    assert_eq!(location(&response), format!("/staff/repairs/{reference}"));
    assert_eq!(scalar(&app, open).await, 2, "summary and repairs started");
    let (_, page) = app.page(&format!("/repairs/{reference}")).await;
    assert!(page.contains("Repairs started"));
}

async fn staff_updates_reach_the_resident_and_internal_notes_do_not(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let reference = report(&app, "toilet_only", "Will not flush").await;
    let staff = as_other(&app, PLANNER).await;
    // "On the way" needs a visit booked, and a window of two times in order.
    let on_the_way = |from: &'static str, until: &'static str| {
        vec![("action", "on_the_way"), ("from", from), ("until", until)]
    };
    staff_action(&staff, &reference, &on_the_way("10:30am", "11am")).await;
    let (_, page) = staff.page(&format!("/staff/repairs/{reference}")).await;
    assert!(page.contains("There is no visit booked for this repair"));
    let offered = slots(&app, &reference).await;
    app.post_form(
        "/api/repairs/book",
        &[("reference", &reference), ("slot", &offered[0])],
    )
    .await;
    for (window, problem) in [
        (
            on_the_way("10:30am to 11am", ""),
            "Give the earliest and latest time",
        ),
        (
            on_the_way("11am", "10:30am"),
            "The latest time must be after the earliest",
        ),
        (on_the_way("25:00", "11am"), "Give each time like 10:30am"),
    ] {
        staff_action(&staff, &reference, &window).await;
        let (_, page) = staff.page(&format!("/staff/repairs/{reference}")).await;
        assert!(page.contains(problem), "{window:?}");
    }
    let steps: Vec<Vec<(&str, &str)>> = vec![
        vec![
            ("action", "priority"),
            ("choice", "emergency"),
            ("reason", "Only toilet and a child at home"),
        ],
        on_the_way("10:30am", "11am"),
        vec![
            ("action", "visit_outcome"),
            ("choice", "parts_ordered"),
            ("note", "Cistern valve ordered"),
        ],
        vec![
            ("action", "note"),
            ("note", "Resident was very polite; check the valve stock"),
            ("visible", "no"),
        ],
        vec![
            ("action", "note"),
            ("note", "The part arrives on Thursday"),
            ("visible", "yes"),
        ],
        vec![("action", "access_attempt"), ("choice", "phone")],
    ];
    for step in &steps {
        let response = staff_action(&staff, &reference, step).await;
        assert_eq!(
            location(&response),
            format!("/staff/repairs/{reference}"),
            "{step:?}"
        );
    }
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    for shown in [
        "Priority changed to Emergency",
        "Operative on the way",
        "between 10:30am and 11am",
        "Parts ordered",
        "Cistern valve ordered",
        "The part arrives on Thursday",
        "Waiting for parts",
    ] {
        assert!(job.contains(shown), "{shown}");
    }
    assert!(
        !job.contains("check the valve stock"),
        "internal notes stay internal"
    );
    // The office's "on the way" and outcome are kept on the visit itself, as an operative's are.
    let kept = scalar(
        &app,
        &format!(
            "select count(*) from appointments a join repairs r on r.id = a.repair_id
             where r.reference = '{reference}' and a.status = 'attended'
               and a.outcome = 'parts_ordered' and a.expected_from < a.expected_until
               and a.outcome_note = 'Cistern valve ordered'"
        ),
    )
    .await;
    assert_eq!(kept, 1);
    let (_, staff_page) = staff.page(&format!("/staff/repairs/{reference}")).await;
    assert!(staff_page.contains("check the valve stock") && staff_page.contains("(internal)"));
    assert!(
        staff_page.contains("Not before 10am"),
        "access details for staff"
    );
    // Priority needs a reason; a closed job takes only notes.
    let response = staff_action(
        &staff,
        &reference,
        &[("action", "priority"), ("choice", "urgent")],
    )
    .await;
    assert_eq!(location(&response), format!("/staff/repairs/{reference}"));
    let (_, page) = staff.page(&format!("/staff/repairs/{reference}")).await;
    assert!(page.contains("Give the reason for the change"));
    staff_action(&staff, &reference, &[("action", "complete")]).await;
    staff_action(
        &staff,
        &reference,
        &[("action", "on_the_way"), ("from", "noon"), ("until", "1pm")],
    )
    .await;
    let (_, page) = staff.page(&format!("/staff/repairs/{reference}")).await;
    assert!(page.contains("This repair is closed"));
    let emails = app.emails_to(AMIRA).await;
    assert!(emails >= 6, "reported plus five visible changes: {emails}");
    // Staff reading the job is audited against the resident.
    assert!(
        scalar(
            &app,
            "select count(*) from audit_events where action = 'repair_viewed'"
        )
        .await
            >= 1
    );
}

fn multipart(bytes: Vec<u8>, name: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part(
        "photo",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    )
}

pub(crate) async fn upload(app: &TestApp, bytes: Vec<u8>, name: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/repairs/report/photos/upload", app.base))
        .header(reqwest::header::ORIGIN, &app.base)
        .multipart(multipart(bytes, name))
        .send()
        .await
        .expect("upload")
}

/// A real 40 by 30 JPEG with an EXIF segment saying where it was taken.
pub(crate) fn jpeg_with_location() -> Vec<u8> {
    use image::ImageEncoder;
    let picture = image::RgbImage::from_fn(40, 30, |x, y| {
        image::Rgb([(x * 6) as u8, (y * 8) as u8, 70])
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(picture.as_raw(), 40, 30, image::ExtendedColorType::Rgb8)
        .expect("encoded");
    let exif = b"Exif\0\0GPSLatitude 52.9548N";
    let mut b = plain[..2].to_vec();
    b.extend_from_slice(&[0xFF, 0xE1, 0x00, (exif.len() + 2) as u8]);
    b.extend_from_slice(exif);
    b.extend_from_slice(&plain[2..]);
    b
}

/// The width and height of a stored picture, read back with the image crate.
pub(crate) fn picture_size(bytes: &[u8]) -> (u32, u32) {
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .expect("readable")
        .into_dimensions()
        .expect("a picture")
}

/// A PNG whose header (with its checksum) declares `width` by `height`, and almost nothing
/// behind it: an image bomb's shape.
pub(crate) fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (&b"IHDR"[..], &header[..]),
        (b"IDAT", &[1, 2, 3]),
        (b"IEND", &[]),
    ] {
        b.extend_from_slice(&(data.len() as u32).to_be_bytes());
        b.extend_from_slice(kind);
        b.extend_from_slice(data);
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in kind.iter().chain(data) {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        b.extend_from_slice(&(!crc).to_be_bytes());
    }
    b
}

async fn photos_are_cleaned_checked_and_shown_only_to_those_who_may_see_the_job(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    diagnose(&app, "tap_drip").await;
    app.post_form("/api/repairs/describe", &[("description", "Drip")])
        .await;
    let (status, _) = app.page("/repairs/report/photos").await;
    assert_eq!(status, StatusCode::OK);
    // A PDF named .jpg, and nothing at all: refused with a message.
    let response = upload(&app, b"%PDF-1.7 not a photo".to_vec(), "tap.jpg").await;
    assert_eq!(location(&response), "/repairs/report/photos");
    let (_, page) = app.page("/repairs/report/photos").await;
    assert!(page.contains("The photo must be a JPEG, PNG or WebP picture"));
    let response = upload(
        &app,
        vec![0xFF, 0xD8, 0xFF]
            .into_iter()
            .chain(std::iter::repeat_n(0, 10 * 1024 * 1024))
            .collect(),
        "huge.jpg",
    )
    .await;
    assert!(
        response.status().is_redirection() || response.status() == StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        response.status()
    );
    assert_eq!(scalar(&app, "select count(*) from repair_photos").await, 0);
    // An image bomb: a few bytes that declare 30,000 by 30,000 pixels.
    let bomb = png_declaring(30_000, 30_000);
    let response = upload(&app, bomb, "bomb.png").await;
    assert_eq!(location(&response), "/repairs/report/photos");
    let (_, page) = app.page("/repairs/report/photos").await;
    assert!(page.contains("over 50 megapixels"), "{page}");
    assert_eq!(scalar(&app, "select count(*) from repair_photos").await, 0);

    for _ in 0..3 {
        let response = upload(&app, jpeg_with_location(), "tap.jpg").await;
        assert_eq!(location(&response), "/repairs/report/photos");
    }
    let response = upload(&app, jpeg_with_location(), "fourth.jpg").await;
    assert_eq!(location(&response), "/repairs/report/photos");
    let (_, page) = app.page("/repairs/report/photos").await;
    assert!(page.contains("You can add up to 3 photos"));
    assert_eq!(scalar(&app, "select count(*) from repair_photos").await, 3);
    let id = scalar(&app, "select min(id) from repair_photos").await;
    let photo = app.get(&format!("/repairs/photos/{id}")).await;
    assert_eq!(photo.status(), StatusCode::OK);
    assert_eq!(photo.headers()["content-type"], "image/jpeg");
    assert_eq!(photo.headers()["x-content-type-options"], "nosniff");
    let bytes = photo.bytes().await.expect("bytes");
    assert!(
        !bytes.windows(11).any(|w| w == b"GPSLatitude"),
        "location removed"
    );
    assert_eq!(picture_size(&bytes), (40, 30), "the picture kept");

    let reference = finish_report(&app, "Drip").await;
    assert_eq!(
        scalar(
            &app,
            "select count(*) from repair_photos where repair_id is not null"
        )
        .await,
        3
    );
    let (_, job) = app.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains(&format!("/repairs/photos/{id}")));
    let neighbour = as_other(&app, DANIEL).await;
    assert_eq!(
        neighbour
            .get(&format!("/repairs/photos/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let staff = as_other(&app, PLANNER).await;
    assert_eq!(
        staff.get(&format!("/repairs/photos/{id}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.another_browser()
            .get(&format!("/repairs/photos/{id}"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn only_the_right_people_see_and_change_a_repair(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let reference = report(&app, "tap_drip", "Drip").await;
    let job = format!("/repairs/{reference}");
    // Another resident, an advocate without permission: not found, as if it did not exist.
    for email in [DANIEL, ADVOCATE] {
        let other = as_other(&app, email).await;
        let (status, _) = other.page(&job).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{email}");
        let response = other
            .post_form(
                "/api/repairs/cancel-visit",
                &[("reference", &reference), ("reason", "not_in")],
            )
            .await;
        assert!(
            location(&response).starts_with("/problem/not-found"),
            "{email}"
        );
        let (status, _) = other.page("/staff/repairs").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{email}");
        let response = staff_action(&other, &reference, &[("action", "complete")]).await;
        assert!(
            location(&response).starts_with("/problem/not-found"),
            "{email}"
        );
    }
    let advocate = as_other(&app, ADVOCATE).await;
    let (status, _) = advocate.page("/repairs/report").await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "advocates report nothing without permission"
    );
    // A complaints handler sees the job and the queue but cannot change it.
    let handler = as_other(&app, HANDLER).await;
    assert_eq!(
        handler.page(&format!("/staff/repairs/{reference}")).await.0,
        StatusCode::OK
    );
    assert_eq!(handler.page("/staff/repairs").await.0, StatusCode::OK);
    let response = staff_action(&handler, &reference, &[("action", "complete")]).await;
    assert!(location(&response).starts_with("/problem/not-found"));
    // Signed out: sign in first.
    let stranger = app.another_browser();
    let response = stranger.get(&job).await;
    assert_eq!(
        location(&response),
        format!("/sign-in?next=%2Frepairs%2F{reference}")
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from repairs where status = 'completed'"
        )
        .await,
        0
    );
    // A made-up reference looks the same as someone else's.
    assert_eq!(
        app.page("/repairs/RP-222222").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.page("/repairs/nonsense").await.0, StatusCode::NOT_FOUND);
}

async fn the_queue_filters_and_puts_the_first_breach_on_top(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let routine = report(&app, "tap_drip", "Drip").await;
    let urgent = report(&app, "toilet_only", "No flush").await;
    let lift = report(&app, "lift", "Stuck").await;
    // One job is already overdue.
    app.execute(&format!("update repairs set due_at = '2020-01-02T17:30:00Z', target_at = '2020-01-02T17:30:00Z' where reference = '{routine}'")).await;
    let staff = as_other(&app, PLANNER).await;
    let (status, body) = staff.page("/staff/repairs").await;
    assert_eq!(status, StatusCode::OK);
    let at = |r: &str| body.find(r).unwrap_or_else(|| panic!("{r} listed"));
    assert!(at(&routine) < at(&urgent) && at(&urgent) < at(&lift) || at(&routine) < at(&lift));
    assert!(body.contains("Overdue"));
    let (_, overdue) = staff.page("/staff/repairs?due=overdue").await;
    assert!(overdue.contains(&routine) && !overdue.contains(&urgent));
    let (_, plumbing) = staff
        .page("/staff/repairs?trade=plumber&priority=urgent")
        .await;
    assert!(
        plumbing.contains(&urgent) && !plumbing.contains(&routine) && !plumbing.contains(&lift)
    );
    let (_, tampered) = staff
        .page("/staff/repairs?status=%3Cscript%3E&block=x&due=never")
        .await;
    assert!(tampered.contains(&routine), "unknown filters are ignored");
    staff_action(&staff, &urgent, &[("action", "complete")]).await;
    let (_, open) = staff.page("/staff/repairs").await;
    assert!(!open.contains(&urgent), "closed jobs leave the queue");
    let (_, closed) = staff.page("/staff/repairs?status=completed").await;
    assert!(closed.contains(&urgent));
    // Beyond a thousand matching jobs the count stops, and the pages still go on.
    app.execute(
        "insert into repairs (reference, submission_token, home_id, reported_by_person_id, outcome,
             summary, answers, priority, trade, status, description, access_times, pets, key_safe,
             contact_phone, received_at, target_at, due_at, created_at, updated_at)
         with recursive n(i) as (select 1 union all select i + 1 from n where i < 1001)
         select 'RP-Q' || i, 'queue' || i, (select min(id) from homes), (select min(id) from people),
             'tap_drip', 'Seeded', '', 'routine', 'plumber', 'reported', '', '', '', '', '',
             '2030-01-01T00:00:00+00:00', '2030-01-01T00:00:00+00:00', '2030-01-01T00:00:00+00:00',
             '2030-01-01T00:00:00+00:00', '2030-01-01T00:00:00+00:00'
         from n",
    )
    .await;
    let (_, many) = staff.page("/staff/repairs").await;
    assert!(
        many.contains("More than 1000 repairs"),
        "the count is capped"
    );
    assert!(many.contains("rel=\"next\""), "a next page");
    let (status, last) = staff.page("/staff/repairs?page=21").await;
    assert_eq!(status, StatusCode::OK);
    assert!(last.contains("RP-Q"), "later pages list the rest");
}

async fn photos_can_live_in_an_s3_compatible_store(engine: Engine) {
    let Some((bucket, app)) = crate::common::bucket::spawn_app_with_bucket(engine, "photos").await
    else {
        return;
    };
    signed_in(&app, AMIRA).await;
    diagnose(&app, "tap_drip").await;
    app.post_form("/api/repairs/describe", &[("description", "Drip")])
        .await;
    app.page("/repairs/report/photos").await;
    for _ in 0..2 {
        let response = upload(&app, jpeg_with_location(), "tap.jpg").await;
        assert_eq!(location(&response), "/repairs/report/photos");
    }
    let (keys, _) = bucket.keys().await;
    let mut stored = Vec::new();
    for key in &keys {
        stored.push(bucket.object(key).await);
    }
    assert_eq!(stored.len(), 2, "both photos went to the bucket");
    assert!(
        stored
            .iter()
            .all(|b| !b.windows(11).any(|w| w == b"GPSLatitude")),
        "without their location"
    );
    // Removing one deletes it from the bucket; the other is served from it.
    let first = scalar(&app, "select min(id) from repair_photos").await;
    app.post_form(
        "/api/repairs/remove-photo",
        &[("photo", &first.to_string())],
    )
    .await;
    assert_eq!(bucket.keys().await.0.len(), 1);
    let second = scalar(&app, "select max(id) from repair_photos").await;
    let photo = app.get(&format!("/repairs/photos/{second}")).await;
    assert_eq!(photo.status(), StatusCode::OK);
    assert_eq!(picture_size(&photo.bytes().await.expect("bytes")), (40, 30));
}

/// The session records activity at most once a minute. The first page after that minute reads
/// the account more slowly (it writes the session), and a job page (whose header and content
/// both ask for the account) used to hang for ever then.
async fn a_repair_page_loads_when_it_is_the_one_that_refreshes_the_session(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    let reference = report(&app, "tap_drip", "Drip").await;
    // A minute passes: the application clock moves on instead of the test sleeping.
    app.state.clock.advance(chrono::Duration::seconds(61));
    let page = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        app.page(&format!("/repairs/{reference}")),
    )
    .await
    .expect("the page loads");
    assert_eq!(page.0, StatusCode::OK);
    assert!(page.1.contains(&reference));
}

async fn booked_slot(app: &TestApp) -> Option<String> {
    text(
        app,
        "select day || ' ' || period from appointments where status = 'booked'",
    )
    .await
}

/// Whether a request was refused as "not found" (or "sign in first"), which is how `authz`
/// refuses: the same answer as for a job that does not exist.
fn refused(response: &reqwest::Response) -> bool {
    let to = location(response);
    to.starts_with("/problem/not-found") || to.starts_with("/sign-in")
}

/// Seeing a job is not the right to change it. A communal job reported and booked by Amira,
/// followed by Daniel: every change a resident can post (book or move the visit, cancel it, say
/// whether it is fixed, rate it) by every kind of caller, with what each may do.
async fn every_change_to_a_repair_asks_for_its_own_right_not_the_right_to_see_it(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    assert_eq!(
        diagnose(&app, "communal_cleaning").await,
        "/repairs/report/describe"
    );
    let job = finish_report(&app, "Rubbish left on the landing").await;
    let offered = slots(&app, &job).await;
    let booked = app
        .post_form(
            "/api/repairs/book",
            &[("reference", &job), ("slot", &offered[0])],
        )
        .await;
    assert_eq!(location(&booked), format!("/repairs/{job}?booked=1"));
    let daniel = as_other(&app, DANIEL).await;
    daniel
        .post_form("/api/repairs/follow", &[("reference", &job)])
        .await;
    let before = booked_slot(&app).await;
    assert!(before.is_some());

    // The advocate acts for Daniel (a follower) only, at first.
    let daniel_person = crate::common::person_on(&app, "TEN-100002").await;
    let priya_account = scalar(
        &app,
        &format!("select id from accounts where email = '{ADVOCATE}'"),
    )
    .await;
    app::server::db::cases::grant_permission(
        &app.state.db,
        priya_account,
        daniel_person,
        "repairs",
        None,
        None,
        None,
        chrono::Utc::now(),
    )
    .await
    .expect("permission");
    let follower_advocate = as_other(&app, ADVOCATE).await;

    let changes: [(&str, Vec<(&str, &str)>); 5] = [
        ("/api/repairs/book", vec![("slot", offered[1].as_str())]),
        ("/api/repairs/cancel-visit", vec![("reason", "not_in")]),
        ("/api/repairs/fixed", vec![("fixed", "no")]),
        ("/api/repairs/fixed", vec![("fixed", "yes")]),
        (
            "/api/repairs/rate",
            vec![("rating", "1"), ("comment", "Not mine to say")],
        ),
    ];
    let stranger = app.another_browser();
    let helen = as_other(&app, "helen.carter@example.org").await;
    let handler = as_other(&app, HANDLER).await;
    let refused_callers: [(&str, &TestApp); 5] = [
        ("signed out", &stranger),
        ("a follower", &daniel),
        ("a resident elsewhere", &helen),
        ("an advocate for a follower", &follower_advocate),
        ("a complaints handler", &handler),
    ];
    for (who, caller) in refused_callers {
        for (path, fields) in &changes {
            let mut form = vec![("reference", job.as_str())];
            form.extend_from_slice(fields);
            let response = caller.post_form(path, &form).await;
            assert!(
                refused(&response),
                "{who} {path} {fields:?}: {}",
                location(&response)
            );
        }
        assert_eq!(booked_slot(&app).await, before, "{who} changed the visit");
    }
    // What the follower's page offers matches: no change or cancel, no reporter, no rating.
    let (status, page) = daniel.page(&format!("/repairs/{job}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Cancel the visit") && !page.contains("Change the visit"));
    let json = daniel
        .client
        .post(format!("{}/api/repairs/job", daniel.base))
        .header(reqwest::header::ORIGIN, &daniel.base)
        .form(&[("reference", job.as_str())])
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(json.contains(&job), "{json}");
    assert!(
        !json.contains("Amira"),
        "a follower learns who reported it: {json}"
    );

    // Those who may manage the visit get past authorisation (here to the reason form, which
    // changes nothing): the reporter, the advocate once acting for her, and repairs staff.
    app::server::db::cases::grant_permission(
        &app.state.db,
        priya_account,
        crate::common::person_on(&app, "TEN-100001").await,
        "repairs",
        None,
        None,
        None,
        chrono::Utc::now(),
    )
    .await
    .expect("permission");
    let mut allowed: Vec<(&str, TestApp)> = vec![(
        "the advocate for the reporter",
        as_other(&app, ADVOCATE).await,
    )];
    for email in [
        "chris.morgan@staff.example.org",
        PLANNER,
        "fiona.reid@staff.example.org",
        "alex.kim@staff.example.org",
    ] {
        allowed.push((email, as_other(&app, email).await));
    }
    for (who, caller) in allowed
        .iter()
        .map(|(w, c)| (*w, c))
        .chain([("the reporter", &app)])
    {
        let response = caller
            .post_form("/api/repairs/cancel-visit", &[("reference", &job)])
            .await;
        assert_eq!(
            location(&response),
            format!("/repairs/{job}/cancel"),
            "{who}"
        );
    }
    assert_eq!(booked_slot(&app).await, before);
    // The reporter's own answers: refused to the advocate acting for her, theirs to give.
    let staff = as_other(&app, PLANNER).await;
    staff_action(&staff, &job, &[("action", "complete")]).await;
    let advocate = &allowed[0].1;
    for (path, fields) in &changes[2..] {
        let mut form = vec![("reference", job.as_str())];
        form.extend_from_slice(fields);
        assert!(refused(&advocate.post_form(path, &form).await), "{path}");
        assert!(refused(&daniel.post_form(path, &form).await), "{path}");
    }
    assert_eq!(
        scalar(
            &app,
            "select count(*) from repairs where fixed is not null or rating is not null"
        )
        .await,
        0
    );
    let response = app
        .post_form(
            "/api/repairs/fixed",
            &[("reference", &job), ("fixed", "yes")],
        )
        .await;
    assert_eq!(location(&response), format!("/repairs/{job}"));
    assert_eq!(
        scalar(&app, "select count(*) from repairs where fixed = 'yes'").await,
        1
    );
}

/// A follower of a communal job (anyone in the block, one click) sees how it is going, not the
/// reporter's photos, which show their home; the reporter and colleagues do.
async fn a_follower_sees_a_communal_jobs_progress_not_the_reporters_photos(engine: Engine) {
    let Some(app) = app_as(engine, AMIRA).await else {
        return;
    };
    assert_eq!(
        diagnose(&app, "communal_cleaning").await,
        "/repairs/report/describe"
    );
    app.post_form("/api/repairs/describe", &[("description", "Rubbish")])
        .await;
    let response = upload(&app, jpeg_with_location(), "landing.jpg").await;
    assert_eq!(location(&response), "/repairs/report/photos");
    let job = finish_report(&app, "Rubbish left on the landing").await;
    let id = scalar(&app, "select min(id) from repair_photos").await;
    let photo = format!("/repairs/photos/{id}");
    assert_eq!(app.get(&photo).await.status(), StatusCode::OK);
    let daniel = as_other(&app, DANIEL).await;
    daniel
        .post_form("/api/repairs/follow", &[("reference", &job)])
        .await;
    let (status, page) = daniel.page(&format!("/repairs/{job}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains(&photo), "the follower's page shows no photo");
    assert_eq!(daniel.get(&photo).await.status(), StatusCode::NOT_FOUND);
    let handler = as_other(&app, HANDLER).await;
    assert_eq!(handler.get(&photo).await.status(), StatusCode::OK);
}

/// A store's time-out and retries are what `S3_TIMEOUT_SECONDS` and `S3_RETRIES` say: a store
/// that answers every request with an error is asked `S3_RETRIES` times again and no more; one
/// that accepts connections and then says nothing (a frozen process, a stuck proxy) is given up
/// after the time-out, each time, not at the request's own limit.
async fn the_stores_time_out_and_retries_are_as_configured(engine: Engine) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};
    let failing = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("listen");
    let failing_at = format!("http://{}", failing.local_addr().expect("addr"));
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = asked.clone();
    let router = axum::Router::new().fallback(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        async { axum::http::StatusCode::SERVICE_UNAVAILABLE }
    });
    tokio::spawn(async move { axum::serve(failing, router).await });
    let frozen = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("listen");
    let frozen_at = format!("http://{}", frozen.local_addr().expect("addr"));
    let connections = Arc::new(AtomicUsize::new(0));
    let accepted = connections.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = frozen.accept().await {
            accepted.fetch_add(1, Ordering::SeqCst);
            held.push(socket);
        }
    });
    let store = |endpoint: &str, seconds: u64, retries: usize| server::config::S3Settings {
        endpoint: endpoint.to_owned(),
        bucket: "photos".into(),
        region: "eu-west-2".into(),
        access_key: "TESTKEY".into(),
        secret_key: "test/secret".into(),
        timeout: Duration::from_secs(seconds),
        retries,
    };
    let key = app::server::storage::new_key("jpg");
    for retries in [0, 2] {
        let Some(app) = crate::common::spawn_app_configured(engine, |c| {
            c.s3 = Some(store(&failing_at, 5, retries));
        })
        .await
        else {
            return;
        };
        asked.store(0, Ordering::SeqCst);
        assert!(app.state.storage.get(&key).await.is_err());
        assert!(app.state.storage.put(&key, b"photo").await.is_err());
        assert_eq!(
            asked.load(Ordering::SeqCst),
            2 * (retries + 1),
            "each request tried {retries} more times"
        );
    }
    let Some(app) = crate::common::spawn_app_configured(engine, |c| {
        c.s3 = Some(store(&frozen_at, 1, 1));
    })
    .await
    else {
        return;
    };
    let began = Instant::now();
    let result = app.state.storage.get(&key).await;
    let waited = began.elapsed();
    assert!(result.is_err(), "a store that does not answer is an error");
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(8),
        "two tries of one second each, then given up: {waited:?}"
    );
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}
