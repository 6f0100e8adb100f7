//! Visits in the field, on both engines: an operative's day from "on my way" to a follow-on
//! booked at the door, each outcome recorded once and told, a stale page told what happened,
//! and a contractor who sees only their firm's jobs and nothing else of residents.

use crate::common::{
    as_other, location, person_on, scalar, spawn_app_with_everything, text, today_plus, Engine,
    TestApp,
};
use reqwest::StatusCode;

on_both_engines!(
    an_operative_goes_from_on_my_way_to_a_follow_on_booked_at_the_door,
    each_outcome_is_recorded_once_checked_and_told,
    a_contractor_sees_and_works_only_their_firms_jobs,
    a_planner_gives_a_visit_to_an_operative_and_a_job_to_a_firm,
    reminders_go_once_the_evening_before_and_their_link_changes_that_visit_only,
    the_managers_figures_agree_with_visits_counted_by_hand,
    an_administrator_adds_a_firm_and_invites_its_contractor,
    completion_photos_are_checked_stripped_and_shown_only_to_those_who_may_see_the_job,
);

const SAM: &str = "sam.price@staff.example.org";
const JO: &str = "jo.kemp@ashdown.example.com";
const AMIRA: &str = "amira.hassan@example.org";
const PLANNER: &str = "sunita.patel@staff.example.org";
const DANIEL: &str = "daniel.okafor@example.org";

/// The visit of the job reported on `tenancy`'s home (the demo books one each, today).
async fn visit_of(app: &TestApp, tenancy: &str) -> i64 {
    let person = person_on(app, tenancy).await;
    scalar(
        app,
        &format!(
            "select a.id from appointments a join repairs r on r.id = a.repair_id
             where r.reported_by_person_id = {person} and a.status = 'booked'
             order by a.id desc limit 1"
        ),
    )
    .await
}

async fn reference_of(app: &TestApp, visit: i64) -> String {
    text(
        app,
        &format!(
            "select r.reference from appointments a join repairs r on r.id = a.repair_id
             where a.id = {visit}"
        ),
    )
    .await
    .expect("a reference")
}

/// The values of the follow-on slot list on a visit's page.
fn slots(body: &str) -> Vec<String> {
    let Some(start) = body.find("name=\"slot\"") else {
        return Vec::new();
    };
    body[start..]
        .split("<option value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn outcome(app: &TestApp, visit: i64, form: &[(&str, &str)]) -> reqwest::Response {
    app.post_form(&format!("/visits/{visit}/outcome"), form)
        .await
}

async fn an_operative_goes_from_on_my_way_to_a_follow_on_booked_at_the_door(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let sam = as_other(&app, SAM).await;
    let amira_visit = visit_of(&app, "TEN-100001").await;
    let margaret_visit = visit_of(&app, "TEN-100003").await;
    let stair_light = visit_of(&app, "TEN-100004").await;
    let reference = reference_of(&app, amira_visit).await;

    // The day: both of Sam's visits, the morning's first; not the firm's.
    let (status, day) = sam.page("/visits").await;
    assert_eq!(status, StatusCode::OK, "{day}");
    let (a, m) = (
        day.find(&format!("/visits/{amira_visit}\"")),
        day.find(&format!("/visits/{margaret_visit}\"")),
    );
    assert!(a.is_some() && m.is_some() && a < m, "{day}");
    assert!(!day.contains(&format!("/visits/{stair_light}\"")));
    assert!(day.contains("To do"));

    // Margaret's needs are shown before Sam knocks.
    let (_, page) = sam.page(&format!("/visits/{margaret_visit}")).await;
    assert!(page.contains("Before you knock"), "{page}");
    assert!(page.contains("Allow time to answer the door"));

    // A travel time that is not one is refused, and nothing is told.
    let emails = app.emails_to(AMIRA).await;
    let id = amira_visit.to_string();
    let response = sam
        .post_form(
            "/api/visits/on-my-way",
            &[("id", &id), ("travel", "half an hour")],
        )
        .await;
    assert_eq!(location(&response), format!("/visits/{amira_visit}"));
    let (_, page) = sam.page(&format!("/visits/{amira_visit}")).await;
    assert!(
        page.contains("Enter the travel time in minutes, like 20"),
        "{page}"
    );
    assert!(
        page.contains("value=\"half an hour\""),
        "what was typed is kept"
    );
    assert_eq!(app.emails_to(AMIRA).await, emails);

    // On my way: the window is on the visit, the job's timeline and in Amira's email.
    let response = sam
        .post_form("/api/visits/on-my-way", &[("id", &id), ("travel", "25")])
        .await;
    assert_eq!(location(&response), format!("/visits/{amira_visit}"));
    assert_eq!(app.emails_to(AMIRA).await, emails + 1);
    let email = app.last_email_to(AMIRA).await.expect("an email");
    assert!(
        email
            .subject
            .starts_with(&format!("Your repair {reference}")),
        "{}",
        email.subject
    );
    assert!(
        email
            .body
            .contains("is on the way to you, expected between"),
        "{}",
        email.body
    );
    assert!(email.body.contains("Sam, our operative,"), "{}", email.body);
    let window = scalar(
        &app,
        &format!(
            "select count(*) from appointments where id = {amira_visit}
             and on_way_at is not null and expected_from < expected_until"
        ),
    )
    .await;
    assert_eq!(window, 1);
    let amira = as_other(&app, AMIRA).await;
    let (_, job) = amira.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("Operative on the way"), "{job}");
    assert!(job.contains("Expected between"));
    assert!(
        job.contains("On the way: expected between"),
        "on the visit's line"
    );
    let (_, page) = sam.page(&format!("/visits/{amira_visit}")).await;
    assert!(page.contains("On the way: expected between"), "{page}");

    // Arrived.
    let response = sam.post_form("/api/visits/arrived", &[("id", &id)]).await;
    assert_eq!(location(&response), format!("/visits/{amira_visit}"));
    let (_, page) = sam.page(&format!("/visits/{amira_visit}")).await;
    assert!(page.contains("Arrived at"), "{page}");
    assert!(
        !page.contains("Tell the resident I am on my way"),
        "no second start"
    );

    // Another visit is needed: booked there and then, from the slots really free.
    let offered = slots(&page);
    assert!(!offered.is_empty(), "free slots offered: {page}");
    let response = outcome(&sam, amira_visit, &[("outcome", "follow_on")]).await;
    assert_eq!(location(&response), format!("/visits/{amira_visit}"));
    let (_, page) = sam.page(&format!("/visits/{amira_visit}")).await;
    assert!(
        page.contains("Select a day and time for the next visit"),
        "{page}"
    );
    let emails = app.emails_to(AMIRA).await;
    let response = outcome(
        &sam,
        amira_visit,
        &[
            ("outcome", "follow_on"),
            ("slot", &offered[0]),
            ("note", "New fan motor to fit"),
        ],
    )
    .await;
    assert_eq!(location(&response), format!("/visits/{amira_visit}"));
    let (day, period) = offered[0].split_once('_').expect("a slot");
    let next = scalar(
        &app,
        &format!(
            "select count(*) from appointments a join accounts o on o.id = a.operative_account_id
             where a.follow_on_of_id = {amira_visit} and a.status = 'booked'
               and a.day = '{day}' and a.period = '{period}' and o.email = '{SAM}'"
        ),
    )
    .await;
    assert_eq!(next, 1, "the next visit is booked, for Sam");
    assert_eq!(
        text(
            &app,
            &format!("select outcome from appointments where id = {amira_visit}")
        )
        .await
        .as_deref(),
        Some("follow_on")
    );
    assert_eq!(
        text(
            &app,
            &format!("select status from repairs where reference = '{reference}'")
        )
        .await
        .as_deref(),
        Some("booked")
    );
    assert_eq!(app.emails_to(AMIRA).await, emails + 1);
    let email = app.last_email_to(AMIRA).await.expect("an email");
    assert!(
        email
            .body
            .contains("Another visit is needed to finish your repair"),
        "{}",
        email.body
    );
    let (_, job) = amira.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("Another visit booked"), "{job}");
    assert!(job.contains("New fan motor to fit"));

    // A second outcome from a page gone stale records nothing and says what happened.
    let response = outcome(&sam, amira_visit, &[("outcome", "completed")]).await;
    assert_eq!(location(&response), format!("/visits/{amira_visit}"));
    let (_, page) = sam.page(&format!("/visits/{amira_visit}")).await;
    assert!(
        page.contains("This visit has changed since you opened it"),
        "{page}"
    );
    assert_eq!(
        text(
            &app,
            &format!("select status from repairs where reference = '{reference}'")
        )
        .await
        .as_deref(),
        Some("booked"),
        "not completed"
    );
    // Nor can "on my way" be said again on a visit with its outcome.
    sam.post_form("/api/visits/on-my-way", &[("id", &id), ("travel", "5")])
        .await;
    let (_, page) = sam.page(&format!("/visits/{amira_visit}")).await;
    assert!(page.contains("This visit has changed since you opened it"));
}

async fn each_outcome_is_recorded_once_checked_and_told(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let sam = as_other(&app, SAM).await;
    let planner = as_other(&app, PLANNER).await;

    // No access: how access was tried is required, kept, and on the timeline.
    let margaret_visit = visit_of(&app, "TEN-100003").await;
    let reference = reference_of(&app, margaret_visit).await;
    outcome(&sam, margaret_visit, &[("outcome", "no_access")]).await;
    let (_, page) = sam.page(&format!("/visits/{margaret_visit}")).await;
    assert!(page.contains("Select how you tried to get in"), "{page}");
    let margaret = person_on(&app, "TEN-100003").await;
    let letters_sql = format!(
        "select count(*) from messages where person_id = {margaret} and channel = 'letter'"
    );
    let letters = scalar(&app, &letters_sql).await;
    outcome(
        &sam,
        margaret_visit,
        &[
            ("outcome", "no_access"),
            ("access", "door"),
            ("access", "card"),
        ],
    )
    .await;
    assert_eq!(
        text(
            &app,
            &format!("select access_tried from appointments where id = {margaret_visit}")
        )
        .await
        .as_deref(),
        Some("door,card")
    );
    assert_eq!(
        text(
            &app,
            &format!("select status from repairs where reference = '{reference}'")
        )
        .await
        .as_deref(),
        Some("reported"),
        "free to rebook"
    );
    // Margaret reads her post: the news goes as a letter, never by a channel she refused.
    assert_eq!(scalar(&app, &letters_sql).await, letters + 1);
    let (_, job) = planner.page(&format!("/staff/repairs/{reference}")).await;
    assert!(job.contains("We could not get in"), "{job}");
    assert!(job.contains("knocked or rang at the door; left a card with how to rebook"));
    // Recorded once: the visit is done, and the page offers no outcome any more.
    let (_, page) = sam.page(&format!("/visits/{margaret_visit}")).await;
    assert!(!page.contains("What happened?"), "{page}");
    assert!(page.contains("We could not get in"));

    // Parts ordered: the date is checked, then the resident sees it.
    let amira_visit = visit_of(&app, "TEN-100001").await;
    let amira_job = reference_of(&app, amira_visit).await;
    let (d, m, y) = today_plus(-1);
    outcome(
        &sam,
        amira_visit,
        &[
            ("outcome", "parts_ordered"),
            ("parts_day", &d),
            ("parts_month", &m),
            ("parts_year", &y),
        ],
    )
    .await;
    let (_, page) = sam.page(&format!("/visits/{amira_visit}")).await;
    assert!(
        page.contains("The date the parts are expected must be today or later"),
        "{page}"
    );
    let (d, m, y) = today_plus(7);
    outcome(
        &sam,
        amira_visit,
        &[
            ("outcome", "parts_ordered"),
            ("parts_day", &d),
            ("parts_month", &m),
            ("parts_year", &y),
        ],
    )
    .await;
    assert_eq!(
        text(
            &app,
            &format!("select status from repairs where reference = '{amira_job}'")
        )
        .await
        .as_deref(),
        Some("awaiting_parts")
    );
    let email = app.last_email_to(AMIRA).await.expect("an email");
    assert!(
        email
            .body
            .contains("Parts have been ordered for your repair. We expect them by"),
        "{}",
        email.body
    );

    // Completed, by the office for the visit it booked: the job closes and its target is met.
    let response = planner
        .post_form(
            "/api/repairs/book",
            &[("reference", &amira_job), ("slot", "")],
        )
        .await;
    assert!(!location(&response).is_empty());
    let (_, booking) = planner.page(&format!("/repairs/{amira_job}/book")).await;
    let slot = booking
        .split("name=\"slot\" type=\"radio\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a free slot")
        .to_owned();
    planner
        .post_form(
            "/api/repairs/book",
            &[("reference", &amira_job), ("slot", &slot)],
        )
        .await;
    let next = visit_of(&app, "TEN-100001").await;
    assert_ne!(next, amira_visit);
    // Sam was not given this one: he may not record it; the planner may.
    let (status, _) = sam.page(&format!("/visits/{next}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let response = outcome(&sam, next, &[("outcome", "completed")]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // The visit is for a later day: an outcome waits for the day.
    let response = outcome(&planner, next, &[("outcome", "completed")]).await;
    assert_eq!(location(&response), format!("/visits/{next}"));
    let (_, page) = planner.page(&format!("/visits/{next}")).await;
    assert!(page.contains("Record what happened on the day"), "{page}");
    app.execute(&format!(
        // (A seat number beyond the trade's capacity, so as not to take anyone's seat that day.)
        "update appointments set day = (select day from appointments where id = {amira_visit}),
                seat = seat + 100
         where id = {next}"
    ))
    .await;
    let response = outcome(
        &planner,
        next,
        &[("outcome", "completed"), ("note", "Fan replaced")],
    )
    .await;
    assert_eq!(location(&response), format!("/visits/{next}"));
    assert_eq!(
        text(
            &app,
            &format!("select status from repairs where reference = '{amira_job}'")
        )
        .await
        .as_deref(),
        Some("completed")
    );
    let running = scalar(
        &app,
        &format!(
            "select count(*) from clocks c join repairs r on r.id = c.subject_id
             where c.subject = 'repair' and r.reference = '{amira_job}' and c.met_at is null
               and c.stopped_at is null"
        ),
    )
    .await;
    assert_eq!(running, 0, "no deadline left running on a completed job");
}

async fn a_contractor_sees_and_works_only_their_firms_jobs(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let jo = as_other(&app, JO).await;
    let sam = as_other(&app, SAM).await;
    let stair_light = visit_of(&app, "TEN-100004").await;
    let amira_visit = visit_of(&app, "TEN-100001").await;
    let stair_job = reference_of(&app, stair_light).await;
    let amira_job = reference_of(&app, amira_visit).await;

    let (status, day) = jo.page("/visits").await;
    assert_eq!(status, StatusCode::OK, "{day}");
    assert!(day.contains("Ashdown Building Services"));
    assert!(day.contains(&format!("/visits/{stair_light}\"")), "{day}");
    assert!(!day.contains(&format!("/visits/{amira_visit}\"")));
    let (status, _) = jo.page(&format!("/visits/{stair_light}")).await;
    assert_eq!(status, StatusCode::OK);
    // Another's visit does not exist for Jo, nor Jo's for Sam.
    let (status, _) = jo.page(&format!("/visits/{amira_visit}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = sam.page(&format!("/visits/{stair_light}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let response = jo
        .post_form(
            "/api/visits/on-my-way",
            &[("id", &amira_visit.to_string()), ("travel", "10")],
        )
        .await;
    assert!(
        location(&response).starts_with("/problem/not-found"),
        "{}",
        location(&response)
    );
    let response = outcome(&jo, amira_visit, &[("outcome", "completed")]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from appointments where id = {amira_visit} and (on_way_at is not null or outcome is not null)")
        )
        .await,
        0
    );

    // Nothing of residents beyond the firm's jobs: no queues, records, documents or jobs.
    let person = person_on(&app, "TEN-100001").await;
    for path in [
        "/staff/repairs".to_owned(),
        "/staff/cases".to_owned(),
        "/staff/work".to_owned(),
        "/staff/documents".to_owned(),
        format!("/staff/residents/{person}"),
        format!("/staff/repairs/{amira_job}"),
        format!("/staff/repairs/{stair_job}"),
        format!("/repairs/{amira_job}"),
    ] {
        let (status, body) = jo.page(&path).await;
        assert_ne!(status, StatusCode::OK, "{path}: {body}");
        assert!(!body.contains("Amira"), "{path}");
    }

    // Jo works the firm's job like anyone given it; it lands on the same timeline.
    let id = stair_light.to_string();
    let response = jo
        .post_form("/api/visits/on-my-way", &[("id", &id), ("travel", "")])
        .await;
    assert_eq!(location(&response), format!("/visits/{stair_light}"));
    let planner = as_other(&app, PLANNER).await;
    let (_, job) = planner.page(&format!("/staff/repairs/{stair_job}")).await;
    assert!(job.contains("Operative on the way"), "{job}");

    // Taken back in house, the job leaves Jo's list at once.
    planner
        .post_form(
            "/api/staff/repair-action",
            &[
                ("reference", &stair_job),
                ("action", "contractor"),
                ("choice", "in_house"),
            ],
        )
        .await;
    let (_, day) = jo.page("/visits").await;
    assert!(!day.contains(&format!("/visits/{stair_light}\"")), "{day}");
    let (status, _) = jo.page(&format!("/visits/{stair_light}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn a_planner_gives_a_visit_to_an_operative_and_a_job_to_a_firm(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let planner = as_other(&app, PLANNER).await;
    let sam = as_other(&app, SAM).await;
    let stair_light = visit_of(&app, "TEN-100004").await;
    let stair_job = reference_of(&app, stair_light).await;
    let sam_id = scalar(
        &app,
        &format!("select id from accounts where email = '{SAM}'"),
    )
    .await
    .to_string();

    // With the firm, the visit is theirs to give, not the office's to give to Sam.
    let (_, job) = planner.page(&format!("/staff/repairs/{stair_job}")).await;
    assert!(job.contains("Give the repair to a contractor"), "{job}");
    assert!(!job.contains("Give the visit to an operative"));
    assert!(
        job.contains(&format!("/visits/{stair_light}")),
        "the visit is linked"
    );
    planner
        .post_form(
            "/api/staff/repair-action",
            &[
                ("reference", &stair_job),
                ("action", "contractor"),
                ("choice", "in_house"),
            ],
        )
        .await;
    let response = planner
        .post_form(
            "/api/staff/repair-action",
            &[
                ("reference", &stair_job),
                ("action", "give_visit"),
                ("choice", &sam_id),
            ],
        )
        .await;
    assert_eq!(location(&response), format!("/staff/repairs/{stair_job}"));
    let (_, day) = sam.page("/visits").await;
    assert!(day.contains(&format!("/visits/{stair_light}\"")), "{day}");
    // The resident's page does not name colleagues: the hand-over is an internal note.
    let reporter = text(
        &app,
        &format!(
            "select title from repair_events e join repairs r on r.id = e.repair_id
             where r.reference = '{stair_job}' and e.kind = 'visit_given' and e.visible = false"
        ),
    )
    .await;
    assert_eq!(reporter.as_deref(), Some("Visit given to Sam Price"));
    // A choice not on the list is refused.
    planner
        .post_form(
            "/api/staff/repair-action",
            &[
                ("reference", &stair_job),
                ("action", "give_visit"),
                ("choice", "999999"),
            ],
        )
        .await;
    let (_, job) = planner.page(&format!("/staff/repairs/{stair_job}")).await;
    assert!(job.contains("Select an operative from the list"), "{job}");
}

/// The reminder's link in the newest email to `who`, as a path.
async fn reminder_link(app: &TestApp, who: &str) -> String {
    let email = app.last_email_to(who).await.expect("an email");
    assert!(
        email.subject.starts_with("Reminder: your repair visit on"),
        "{}",
        email.subject
    );
    app.link_in(&email, "/visit/")
}

async fn reminders_go_once_the_evening_before_and_their_link_changes_that_visit_only(
    engine: Engine,
) {
    use app::domain::london::{from_local, to_local};
    use app::server::visits::send_reminders;
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let amira_visit = visit_of(&app, "TEN-100001").await;
    let margaret_visit = visit_of(&app, "TEN-100003").await;
    let amira_job = reference_of(&app, amira_visit).await;
    let margaret_job = reference_of(&app, margaret_visit).await;
    // Both visits move to a day ten days on (seats beyond capacity, so nobody loses theirs).
    let today = to_local(chrono::Utc::now()).date();
    let day = today + chrono::Duration::days(10);
    app.execute(&format!(
        "update appointments set day = '{day}', seat = seat + 100
         where id in ({amira_visit}, {margaret_visit})"
    ))
    .await;
    let six = chrono::NaiveTime::from_hms_opt(18, 0, 0).expect("a time");
    let eve = day.pred_opt().expect("a day");
    let state = &app.state;

    // Not before six the evening before.
    let early = from_local(eve.and_hms_opt(17, 59, 0).expect("a time"));
    assert_eq!(send_reminders(state, early).await.expect("send"), 0);
    // Then once, however many nodes try at the same moment.
    let (emails, margaret_email) = (
        app.emails_to(AMIRA).await,
        app.emails_to("margaret.lewis@example.org").await,
    );
    let margaret = person_on(&app, "TEN-100003").await;
    let letters_sql = format!(
        "select count(*) from messages where person_id = {margaret} and channel = 'letter'"
    );
    let letters = scalar(&app, &letters_sql).await;
    let at = from_local(eve.and_time(six));
    let (a, b) = tokio::join!(send_reminders(state, at), send_reminders(state, at));
    assert_eq!(
        a.expect("send") + b.expect("send"),
        2,
        "one each for Amira and Margaret"
    );
    assert_eq!(
        send_reminders(state, at + chrono::Duration::minutes(5))
            .await
            .expect("send"),
        0
    );
    assert_eq!(app.emails_to(AMIRA).await, emails + 1);
    // Margaret reads her post: her reminder is a letter, and no email goes.
    assert_eq!(scalar(&app, &letters_sql).await, letters + 1);
    assert_eq!(
        app.emails_to("margaret.lewis@example.org").await,
        margaret_email
    );
    let amira_link = reminder_link(&app, AMIRA).await;
    assert!(amira_link.starts_with("/visit/"), "{amira_link}");

    // The link needs no sign-in and shows the visit's time and reference, nothing else.
    let stranger = app.another_browser();
    let (status, page) = stranger.page(&amira_link).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Booked for"), "{page}");
    assert!(page.contains(&amira_job));
    for private in ["Amira", "Hassan", "Alder Court", "fan"] {
        assert!(!page.contains(private), "{private} on the link's page");
    }
    // A token changed by one character is not a link we sent.
    let token = amira_link.trim_start_matches("/visit/").to_owned();
    let last = if token.ends_with('0') { '1' } else { '0' };
    let tampered = format!("/visit/{}{last}", &token[..token.len() - 1]);
    let (status, page) = stranger.page(&tampered).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("This link no longer works"), "{page}");
    assert!(!page.contains(&amira_job));
    let visits = scalar(&app, "select count(*) from appointments").await;
    stranger
        .post_form(
            "/api/visit-link/cancel",
            &[("token", &tampered[7..]), ("reason", "not_in")],
        )
        .await;
    assert_eq!(
        text(
            &app,
            &format!("select status from appointments where id = {amira_visit}")
        )
        .await
        .as_deref(),
        Some("booked"),
        "a tampered link changes nothing"
    );

    // Change: to another free time; the old visit is moved, the new one booked.
    let (_, page) = stranger.page(&amira_link).await;
    let slot = slots(&page).into_iter().next().expect("a free time");
    let response = stranger
        .post_form(
            "/api/visit-link/change",
            &[("token", &token), ("slot", &slot)],
        )
        .await;
    assert_eq!(location(&response), amira_link);
    let (_, page) = stranger.page(&amira_link).await;
    assert!(page.contains("Your visit is now on"), "{page}");
    assert_eq!(
        text(
            &app,
            &format!("select status from appointments where id = {amira_visit}")
        )
        .await
        .as_deref(),
        Some("moved")
    );
    assert_eq!(
        scalar(&app, "select count(*) from appointments").await,
        visits + 1
    );
    let email = app.last_email_to(AMIRA).await.expect("an email");
    assert!(email.body.contains("Visit changed"), "{}", email.body);
    // Used: the link works no more, for this visit or the new one.
    let (_, page) = app.another_browser().page(&amira_link).await;
    assert!(page.contains("This link no longer works"), "{page}");
    stranger
        .post_form(
            "/api/visit-link/change",
            &[("token", &token), ("slot", &slot)],
        )
        .await;
    assert_eq!(
        scalar(&app, "select count(*) from appointments").await,
        visits + 1
    );

    // Margaret's letter has her link: after the visit's day it no longer works.
    let margaret_token = text(
        &app,
        &format!("select body from messages where person_id = {margaret} order by id desc limit 1"),
    )
    .await
    .and_then(|body| {
        body.split("/visit/").nth(1).map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
        })
    })
    .expect("the link in the letter");
    let margaret_link = format!("/visit/{margaret_token}");
    let days = (day - today).num_days() + 1;
    app.state.clock.advance(chrono::Duration::days(days));
    let (_, page) = stranger.page(&margaret_link).await;
    assert!(page.contains("This link no longer works"), "{page}");
    app.state.clock.advance(chrono::Duration::days(-days));
    // Cancel: a reason is asked for, then the visit is cancelled and the job free to rebook.
    let browser = app.another_browser();
    browser
        .post_form("/api/visit-link/cancel", &[("token", &margaret_token)])
        .await;
    let (_, page) = browser.page(&margaret_link).await;
    assert!(
        page.contains("Select why you are cancelling the visit"),
        "{page}"
    );
    browser
        .post_form(
            "/api/visit-link/cancel",
            &[("token", &margaret_token), ("reason", "not_in")],
        )
        .await;
    assert_eq!(
        text(
            &app,
            &format!("select status from appointments where id = {margaret_visit}")
        )
        .await
        .as_deref(),
        Some("cancelled")
    );
    assert_eq!(
        text(
            &app,
            &format!("select status from repairs where reference = '{margaret_job}'")
        )
        .await
        .as_deref(),
        Some("reported")
    );
}

async fn the_managers_figures_agree_with_visits_counted_by_hand(engine: Engine) {
    use chrono::Datelike;
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let amira_visit = visit_of(&app, "TEN-100001").await;
    let stair_light = visit_of(&app, "TEN-100004").await;
    let amira_job = reference_of(&app, amira_visit).await;
    let stair_job = reference_of(&app, stair_light).await;
    let repair = scalar(
        &app,
        &format!("select id from repairs where reference = '{amira_job}'"),
    )
    .await;
    // Last week's Monday to Wednesday: plumbing visits, by hand.
    let today = app::domain::london::to_local(chrono::Utc::now()).date();
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let last = monday - chrono::Duration::weeks(1);
    let (mon, tue, wed) = (
        last,
        last + chrono::Duration::days(1),
        last + chrono::Duration::days(2),
    );
    let noon = |d: chrono::NaiveDate| format!("{d}T12:00:00+00:00");
    let rows = [
        // (day, seat, status, outcome, last changed)
        (mon, 201, "attended", Some("completed"), noon(mon)),
        (mon, 202, "attended", Some("no_access"), noon(mon)),
        (tue, 203, "attended", Some("no_access"), noon(tue)),
        (tue, 204, "attended", Some("follow_on"), noon(tue)),
        // Cancelled the day before (late), and five days before (not late).
        (wed, 205, "cancelled", None, noon(tue)),
        (
            wed,
            206,
            "cancelled",
            None,
            noon(wed - chrono::Duration::days(5)),
        ),
        // Booked, not visited yet: not counted.
        (wed, 207, "booked", None, noon(mon)),
    ];
    for (day, seat, status, outcome, changed) in rows {
        let outcome = outcome.map_or("null".to_owned(), |o| format!("'{o}'"));
        let seat = if status == "cancelled" {
            "null".to_owned()
        } else {
            seat.to_string()
        };
        app.execute(&format!(
            "insert into appointments (repair_id, trade, day, period, seat, status, outcome,
                                       created_at, updated_at)
             values ({repair}, 'plumber', '{day}', 'morning', {seat}, '{status}', {outcome},
                     '{changed}', '{changed}')"
        ))
        .await;
    }
    // Amira's job completed in house within its target after those visits (two of them
    // recorded against it with an outcome on Monday, two on Tuesday: not right first time),
    // rated 4; the stair light completed by Ashdown on its one visit, late, rated 5.
    let now = chrono::Utc::now();
    let (future, past) = (
        (now + chrono::Duration::days(5)).to_rfc3339(),
        (now - chrono::Duration::days(1)).to_rfc3339(),
    );
    let now = now.to_rfc3339();
    app.execute(&format!(
        "update repairs set status = 'completed', completed_at = '{now}', target_at = '{future}',
                rating = 4 where reference = '{amira_job}'"
    ))
    .await;
    app.execute(&format!(
        "update repairs set status = 'completed', completed_at = '{now}', target_at = '{past}',
                rating = 5 where reference = '{stair_job}'"
    ))
    .await;
    app.execute(&format!(
        "update appointments set status = 'attended', outcome = 'completed' where id = {stair_light}"
    ))
    .await;

    let figures = app::server::visits::figures(&app.state)
        .await
        .expect("figures");
    let week = figures
        .weeks
        .iter()
        .find(|w| w.week == format!("Week of {}", last.format("%A %-d %B")) && w.trade == "Plumber")
        .unwrap_or_else(|| panic!("last week's plumbing: {:?}", figures.weeks));
    assert_eq!(week.visits, 4);
    assert_eq!(week.no_access, "2 of 4 (50%)");
    assert_eq!(week.cancelled_late, 1);
    let in_house = &figures.firms[0];
    assert_eq!(in_house.name, "Our own operatives");
    assert_eq!(in_house.completed, 1);
    assert_eq!(in_house.within_target, "1 of 1 (100%)");
    assert_eq!(in_house.right_first_time, "0 of 1 (0%)");
    assert_eq!(in_house.no_access, "2 of 4 (50%)");
    assert_eq!(in_house.satisfaction, "4.0 out of 5 from 1 rating");
    let ashdown = &figures.firms[1];
    assert_eq!(ashdown.name, "Ashdown Building Services");
    assert_eq!(
        (
            ashdown.completed,
            ashdown.within_target.as_str(),
            ashdown.right_first_time.as_str()
        ),
        (1, "0 of 1 (0%)", "1 of 1 (100%)")
    );
    assert_eq!(ashdown.satisfaction, "5.0 out of 5 from 1 rating");

    // Managers read them; nobody out in the field or elsewhere in the office does.
    let manager = as_other(&app, "fiona.reid@staff.example.org").await;
    let (status, page) = manager.page("/staff/visits/figures").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Ashdown Building Services"));
    assert!(page.contains("2 of 4 (50%)"));
    for who in [SAM, JO, PLANNER] {
        let (status, _) = as_other(&app, who)
            .await
            .page("/staff/visits/figures")
            .await;
        assert_ne!(status, StatusCode::OK, "{who}");
    }
}

async fn an_administrator_adds_a_firm_and_invites_its_contractor(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let admin = as_other(&app, "alex.kim@staff.example.org").await;
    // A firm needs a name (not one already used) and a phone number.
    admin
        .post_form(
            "/api/admin/firms/create",
            &[("name", "ashdown building services")],
        )
        .await;
    let (_, page) = admin.page("/admin/firms").await;
    assert!(
        page.contains("There is already a firm with this name"),
        "{page}"
    );
    assert!(
        page.contains("Enter the firm&#x27;s phone number")
            || page.contains("Enter the firm's phone number"),
        "{page}"
    );
    let response = admin
        .post_form(
            "/api/admin/firms/create",
            &[
                ("name", "Brook Roofing"),
                ("phone", "0115 496 0999"),
                ("email", ""),
            ],
        )
        .await;
    assert_eq!(location(&response), "/admin/firms");
    let (status, page) = admin.page("/admin/firms").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Brook Roofing added"), "{page}");
    assert!(page.contains("Jo Kemp"), "Ashdown's colleague is listed");
    let firm = scalar(
        &app,
        "select id from contractor_firms where name = 'Brook Roofing'",
    )
    .await
    .to_string();

    // A contractor is invited with their firm, and only with one from the list.
    let invite = |firm: &str| {
        vec![
            ("name", "Lee Brook".to_owned()),
            ("email", "lee@brook.example.com".to_owned()),
            ("role", "contractor".to_owned()),
            ("firm", firm.to_owned()),
        ]
    };
    for (firm, problem) in [
        ("", "Choose the contractor"),
        ("999999", "Choose the contractor"),
    ] {
        let form = invite(firm);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        admin.post_form("/api/admin/staff/create", &form).await;
        let (_, page) = admin.page("/admin/staff").await;
        assert!(page.contains(problem), "{firm}: {page}");
    }
    let form = invite(&firm);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = admin.post_form("/api/admin/staff/create", &form).await;
    assert_eq!(location(&response), "/admin/staff?done=invited");
    assert_eq!(
        scalar(
            &app,
            "select firm_id from accounts where email = 'lee@brook.example.com'"
        )
        .await
        .to_string(),
        firm
    );
    // An operative is invited like any colleague, with no firm.
    admin
        .post_form(
            "/api/admin/staff/create",
            &[
                ("name", "Pat Lane"),
                ("email", "pat.lane@staff.example.org"),
                ("role", "operative"),
                ("firm", &firm),
            ],
        )
        .await;
    assert_eq!(
        text(
            &app,
            "select coalesce(cast(firm_id as text), 'none') from accounts where email = 'pat.lane@staff.example.org'"
        )
        .await
        .as_deref(),
        Some("none")
    );
    // Nobody else sees the firms page.
    for who in [PLANNER, SAM, JO] {
        let (status, _) = as_other(&app, who).await.page("/admin/firms").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who}");
    }
}

/// "Completed" with its photos, as the visit page's multipart form sends it.
async fn completed_with(
    app: &TestApp,
    visit: i64,
    note: &str,
    photos: Vec<(Vec<u8>, &str)>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new()
        .text("outcome", "completed")
        .text("note", note.to_owned());
    for (bytes, name) in photos {
        form = form.part(
            "photo",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    }
    app.client
        .post(format!("{}/visits/{visit}/outcome", app.base))
        .header(reqwest::header::ORIGIN, &app.base)
        .multipart(form)
        .send()
        .await
        .expect("the outcome is posted")
}

/// Files in the local store, however deep.
fn stored_files(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        count(&path)
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    match &app.state.storage {
        app::server::storage::Storage::Local(dir) => count(dir),
        app::server::storage::Storage::Objects(_) => panic!("the tests store files on disk"),
    }
}

async fn completion_photos_are_checked_stripped_and_shown_only_to_those_who_may_see_the_job(
    engine: Engine,
) {
    use crate::repairs::jpeg_with_location;
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let sam = as_other(&app, SAM).await;
    let amira_visit = visit_of(&app, "TEN-100001").await;
    let reference = reference_of(&app, amira_visit).await;
    let page_of = format!("/visits/{amira_visit}");
    let files = stored_files(&app);
    let recorded = format!(
        "select count(*) from appointments where id = {amira_visit} and outcome is not null"
    );

    // The form for "completed" takes photos.
    let (_, page) = sam.page(&page_of).await;
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
    assert!(page.contains("Photos of the finished work (optional)"));

    // Something that is not a photo among them: nothing is recorded, the note is kept, and
    // the operative is told which one.
    let response = completed_with(
        &sam,
        amira_visit,
        "Fan motor replaced",
        vec![
            (jpeg_with_location(), "fan.jpg"),
            (b"%PDF-1.7 not a photo".to_vec(), "fan2.jpg"),
        ],
    )
    .await;
    assert_eq!(location(&response), page_of);
    let (_, page) = sam.page(&page_of).await;
    assert!(
        page.contains("Photo 2 of 2: The photo must be a JPEG, PNG or WebP picture"),
        "{page}"
    );
    assert!(page.contains("Fan motor replaced"), "the note is kept");
    assert_eq!(scalar(&app, &recorded).await, 0);
    // An image bomb, and more photos than a resident may send: refused the same way.
    let bomb = crate::repairs::png_declaring(30_000, 30_000);
    completed_with(&sam, amira_visit, "", vec![(bomb, "bomb.png")]).await;
    let (_, page) = sam.page(&page_of).await;
    assert!(page.contains("over 50 megapixels"), "{page}");
    completed_with(
        &sam,
        amira_visit,
        "",
        (0..4).map(|_| (jpeg_with_location(), "fan.jpg")).collect(),
    )
    .await;
    let (_, page) = sam.page(&page_of).await;
    assert!(page.contains("You can add up to 3 photos"), "{page}");
    assert_eq!(scalar(&app, &recorded).await, 0);
    assert_eq!(scalar(&app, "select count(*) from visit_photos").await, 0);
    assert_eq!(stored_files(&app), files, "nothing refused is kept");

    // Two good photos: recorded with the outcome, by Sam, stripped of where they were taken.
    let response = completed_with(
        &sam,
        amira_visit,
        "Fan motor replaced",
        vec![
            (jpeg_with_location(), "fan.jpg"),
            (jpeg_with_location(), "grille.jpg"),
        ],
    )
    .await;
    assert_eq!(location(&response), page_of);
    assert_eq!(scalar(&app, &recorded).await, 1);
    let sam_id = scalar(
        &app,
        &format!("select id from accounts where email = '{SAM}'"),
    )
    .await;
    assert_eq!(
        scalar(
            &app,
            &format!(
                "select count(*) from visit_photos
                 where appointment_id = {amira_visit} and account_id = {sam_id}"
            )
        )
        .await,
        2
    );
    assert_eq!(stored_files(&app), files + 2);
    let first = scalar(&app, "select min(id) from visit_photos").await;
    let photo_path = format!("/visits/photos/{first}");
    let (_, page) = sam.page(&page_of).await;
    assert!(page.contains("Photos of the finished work"), "{page}");
    assert!(page.contains(&photo_path));
    let photo = sam.get(&photo_path).await;
    assert_eq!(photo.status(), StatusCode::OK);
    assert_eq!(photo.headers()["content-type"], "image/jpeg");
    assert_eq!(photo.headers()["x-content-type-options"], "nosniff");
    let bytes = photo.bytes().await.expect("bytes");
    assert!(
        !bytes.windows(11).any(|w| w == b"GPSLatitude"),
        "location removed"
    );
    assert_eq!(
        crate::repairs::picture_size(&bytes),
        (40, 30),
        "the picture kept"
    );

    // The resident sees them on the repair's page; so does the office.
    let amira = as_other(&app, AMIRA).await;
    let (_, job) = amira.page(&format!("/repairs/{reference}")).await;
    assert!(job.contains("Photos of the finished work"), "{job}");
    assert!(job.contains(&photo_path));
    assert_eq!(amira.get(&photo_path).await.status(), StatusCode::OK);
    // And among what Doorstep holds about her.
    let (_, data) = amira.page("/account/your-data/all").await;
    assert!(data.contains("Photos of the finished work"), "{data}");
    let planner = as_other(&app, PLANNER).await;
    let (_, office) = planner.page(&format!("/staff/repairs/{reference}")).await;
    assert!(office.contains(&photo_path), "{office}");
    assert_eq!(planner.get(&photo_path).await.status(), StatusCode::OK);
    // A neighbour and a contractor of a firm not given the job: as if it did not exist.
    for other in [DANIEL, JO] {
        let other = as_other(&app, other).await;
        assert_eq!(other.get(&photo_path).await.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        app.another_browser().get(&photo_path).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sam.get("/visits/photos/999999").await.status(),
        StatusCode::NOT_FOUND
    );

    // From a page gone stale, "completed" again with a photo: nothing recorded, nothing kept.
    let response = completed_with(
        &sam,
        amira_visit,
        "Again",
        vec![(jpeg_with_location(), "again.jpg")],
    )
    .await;
    assert_eq!(location(&response), page_of);
    let (_, page) = sam.page(&page_of).await;
    assert!(
        page.contains("This visit has changed since you opened it"),
        "{page}"
    );
    assert_eq!(scalar(&app, "select count(*) from visit_photos").await, 2);
    assert_eq!(stored_files(&app), files + 2);
}
