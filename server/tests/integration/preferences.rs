//! Contact preferences, needs and notifications through the real server, on SQLite and
//! PostgreSQL: preferences saved with their history and mistakes sent back; the needs banner
//! on staff screens; vulnerabilities only with consent and only for colleagues who need them;
//! every message in the portal and on the best allowed channel, or a task when none is; and
//! the outbox, which retries with a growing delay and sends each message once.

use crate::common::{
    as_other, fresh_db, hidden_value, location, scalar, signed_in, spawn_app, text, today_plus,
    Engine, TestApp,
};
use app::domain::preferences::{Channel, Delivery, MessageKind};
use app::server::db::outbox::{self, Queued};
use app::server::mail::{send_due, Mailer, TextFiles, Transport};
use app::server::notify::{tell, Notice};
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use std::sync::Arc;

on_both_engines!(
    the_demo_files_its_repairs_where_they_are_and_writes_as_each_resident_asked,
    preferences_are_kept_with_their_history_and_mistakes_come_back,
    messages_go_by_the_best_allowed_channel_or_become_a_task,
    needs_show_on_staff_screens_and_vulnerabilities_only_to_those_who_need_them,
    the_outbox_retries_with_backoff_and_sends_each_message_once,
);

const AMIRA: &str = "amira.hassan@example.org";
const ADVOCATE: &str = "priya.shah@advice.example.org";
const SERVICES: &str = "chris.morgan@staff.example.org";
const PLANNER: &str = "sunita.patel@staff.example.org";
const ADMIN: &str = "alex.kim@staff.example.org";

async fn person(app: &TestApp, tenancy: &str) -> i64 {
    app::server::db::repairs::person_on_tenancy(&app.state.db, tenancy)
        .await
        .expect("read")
        .expect("person")
}

async fn save(app: &TestApp, form: &[(&str, &str)]) -> String {
    let response = app.post_form("/account/contact/save", form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{form:?}");
    location(&response)
}

async fn preferences_are_kept_with_their_history_and_mistakes_come_back(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    // Signed out: sign in first, and nothing is saved.
    let response = app
        .post_form("/account/contact/save", &[("first", "email")])
        .await;
    assert!(location(&response).starts_with("/sign-in"));
    signed_in(&app, AMIRA).await;
    let (status, page) = app.page("/account/contact").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("How we contact you") && page.contains("No changes yet"));
    // Glenbrae's WhatsApp is not Northfield's; a channel both wanted and forbidden; the
    // homeowners' newsletter for a tenant; written only with a phone call first.
    let back = save(
        &app,
        &[
            ("first", "phone"),
            ("second", "whatsapp"),
            ("never", "phone"),
            ("adjustments", "written_only"),
            ("newsletters", "homeowners_news"),
            ("good_times", "mornings"),
        ],
    )
    .await;
    assert_eq!(back, "/account/contact#preferences");
    let (_, page) = app.page("/account/contact").await;
    assert!(page.contains("Error: How we contact you"));
    assert!(page.contains("Choose one of the ways listed"));
    assert!(page.contains("cannot be both a way to contact you and a way never to use"));
    assert!(page.contains("You asked for written contact only"));
    assert!(page.contains("Choose from the newsletters listed"));
    // What was typed comes back.
    assert!(page.contains("value=\"mornings\""));
    assert_eq!(
        scalar(&app, "select count(*) from contact_preferences").await,
        0
    );

    let done = save(
        &app,
        &[
            ("first", "letter"),
            ("second", "email"),
            ("never", "phone"),
            ("never", "text"),
            ("formats", "large_print"),
            ("adjustments", "written_only"),
            ("adjustments", "time_at_door"),
            ("visit_staff", "female"),
            ("newsletters", "tenants_news"),
        ],
    )
    .await;
    assert_eq!(done, "/account/contact?saved=1");
    let (_, page) = app.page("/account/contact?saved=1").await;
    assert!(page.contains("Your contact preferences have been saved"));
    assert!(page.contains("Written contact only") && page.contains("Prefers: letter"));
    assert!(page.contains("Never: text message"));
    // A second change keeps the first in the history.
    save(
        &app,
        &[("first", "email"), ("visit_staff", "no_preference")],
    )
    .await;
    assert_eq!(
        scalar(&app, "select count(*) from contact_preferences").await,
        2
    );
    let (_, page) = app.page("/account/contact").await;
    assert!(page.contains("Prefers: email") && page.contains("Prefers: letter"));
    assert!(page.contains("by Amira Hassan"));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from audit_events where action = 'preferences_changed'"
        )
        .await,
        2
    );
    // An advocate has no preferences of their own here, and a resident cannot set another's.
    let priya = as_other(&app, ADVOCATE).await;
    let response = priya
        .post_form("/account/contact/save", &[("first", "email")])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let margaret = person(&app, "TEN-100003").await.to_string();
    let response = app
        .post_form(
            "/account/contact/save",
            &[("person", &margaret), ("first", "email")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // A colleague records preferences given by phone, on the resident's page.
    let chris = as_other(&app, SERVICES).await;
    let back = save(
        &chris,
        &[
            ("person", &margaret),
            ("first", "letter"),
            ("formats", "large_print"),
        ],
    )
    .await;
    assert_eq!(back, format!("/staff/residents/{margaret}?saved=1"));
    let (_, page) = chris.page(&format!("/staff/residents/{margaret}")).await;
    assert!(page.contains("Large print") && page.contains("by Chris Morgan"));
}

async fn messages_go_by_the_best_allowed_channel_or_become_a_task(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let now = Utc::now();
    app::server::preferences::seed_demo_preferences(&app.state, now)
        .await
        .expect("demo preferences");
    let notice = |kind| Notice {
        kind,
        subject: "Visit booked".into(),
        what: "Visit booked for Tuesday, 8am to 1pm.".into(),
        reference: Some("RP-TEST01".into()),
        path: Some("/repairs/RP-TEST01".into()),
    };
    let channel_of_last = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            let sql = "select channel from outbox order by id desc limit 1";
            app::db_run!(&db, |pool| sqlx::query_scalar::<_, String>(sql)
                .fetch_one(pool)
                .await)
            .expect("a row")
        }
    };
    // Amira has said nothing: email.
    let amira = person(&app, "TEN-100001").await;
    let sent = tell(
        &app.state,
        amira,
        &notice(MessageKind::AppointmentBooked),
        now,
    )
    .await
    .expect("told");
    assert!(matches!(
        sent,
        Delivery::Send {
            channel: Channel::Email,
            ..
        }
    ));
    assert_eq!(channel_of_last(&app).await, "email");
    // Chloe wants texts first, on her mobile.
    let chloe = person(&app, "LSE-200010").await;
    tell(
        &app.state,
        chloe,
        &notice(MessageKind::AppointmentBooked),
        now,
    )
    .await
    .expect("told");
    assert_eq!(channel_of_last(&app).await, "text");
    assert_eq!(
        text(
            &app,
            "select recipient from outbox order by id desc limit 1"
        )
        .await,
        Some("07700900461".into())
    );
    // Margaret wants large-print letters...
    let margaret = person(&app, "TEN-100003").await;
    let sent = tell(
        &app.state,
        margaret,
        &notice(MessageKind::ResponseReady),
        now,
    )
    .await
    .expect("told");
    assert_eq!(
        sent,
        Delivery::Send {
            channel: Channel::Letter,
            large_print: true
        }
    );
    assert!(text(
        &app,
        "select recipient from outbox order by id desc limit 1"
    )
    .await
    .expect("address")
    .contains("Alder Court"));
    // ...but "on the way" cannot wait for the post: email, which she has not forbidden.
    tell(
        &app.state,
        margaret,
        &notice(MessageKind::OperativeOnTheWay),
        now,
    )
    .await
    .expect("told");
    assert_eq!(channel_of_last(&app).await, "email");
    // Forbid email too, and there is no way left: a task for a colleague, never a text.
    let margaret_s = margaret.to_string();
    let chris = as_other(&app, SERVICES).await;
    save(
        &chris,
        &[
            ("person", &margaret_s),
            ("first", "letter"),
            ("never", "email"),
            ("never", "text"),
        ],
    )
    .await;
    let before = scalar(&app, "select count(*) from outbox").await;
    let sent = tell(
        &app.state,
        margaret,
        &notice(MessageKind::OperativeOnTheWay),
        now,
    )
    .await
    .expect("told");
    assert!(matches!(sent, Delivery::Task { .. }));
    assert_eq!(scalar(&app, "select count(*) from outbox").await, before);
    assert_eq!(
        scalar(
            &app,
            "select count(*) from contact_tasks where done_at is null"
        )
        .await,
        1
    );
    // Every message is in the resident's portal list, whatever the channel.
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from messages where person_id = {margaret}")
        )
        .await,
        3
    );
    let (_, page) = chris.page("/staff/contact-tasks").await;
    assert!(page.contains("Margaret Lewis") && page.contains("letter would arrive too late"));
    let (_, page) = chris.page(&format!("/staff/residents/{margaret}")).await;
    assert!(page.contains("could not be sent"));
    let task = scalar(&app, "select id from contact_tasks")
        .await
        .to_string();
    let response = chris
        .post_form(
            "/api/staff/contact-task-done",
            &[("task", &task), ("outcome", "")],
        )
        .await;
    assert_eq!(location(&response), "/staff/contact-tasks");
    let (_, page) = chris.page("/staff/contact-tasks").await;
    assert!(page.contains("Say how you made contact"));
    chris
        .post_form(
            "/api/staff/contact-task-done",
            &[
                ("task", &task),
                ("outcome", "Visited: told her the operative is coming"),
            ],
        )
        .await;
    assert_eq!(
        scalar(
            &app,
            "select count(*) from contact_tasks where done_at is null"
        )
        .await,
        0
    );
    // A real event: Amira reports a repair and reads the acknowledgement in her messages.
    signed_in(&app, AMIRA).await;
    let (_, page) = app.page("/messages").await;
    assert!(page.contains("Visit booked") && page.contains("Also sent by email"));
    // Opening the page (as a prefetch or a link checker might) changes nothing...
    let unread =
        format!("select count(*) from messages where person_id = {amira} and read_at is null");
    let before = scalar(&app, &unread).await;
    assert!(before > 0);
    app.page("/messages").await;
    assert_eq!(scalar(&app, &unread).await, before, "a GET changes nothing");
    assert!(page.contains("Mark all as read") && page.contains("<h2 class=\"heading-s\">"));
    assert!(!page.contains("<h3"), "no jump from h1 to h3");
    // ...the resident's "Mark all as read" does, up to the newest message they were shown.
    let newest = hidden_value(&page, "upto").expect("upto");
    let response = app
        .post_form("/api/messages/read", &[("upto", &newest)])
        .await;
    assert_eq!(location(&response), "/messages");
    assert_eq!(scalar(&app, &unread).await, 0);
    let (_, page) = app.page("/messages").await;
    assert!(!page.contains("Mark all as read"));
}

async fn needs_show_on_staff_screens_and_vulnerabilities_only_to_those_who_need_them(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    save(
        &app,
        &[
            ("first", "email"),
            ("adjustments", "written_only"),
            ("formats", "bsl"),
        ],
    )
    .await;
    let amira = person(&app, "TEN-100001").await;
    let amira_s = amira.to_string();
    let planner = as_other(&app, PLANNER).await;
    // Found by name, by tenancy reference and by postcode typed without its space.
    for q in ["hassan", "ten-100001", "ng94ab"] {
        let (_, page) = planner.page(&format!("/staff/residents?q={q}")).await;
        assert!(page.contains(&format!("/staff/residents/{amira}")), "{q}");
    }
    // Names as people type them: without accents or apostrophes, in any case.
    app.execute(&format!(
        "update people set given_name = 'Siân', family_name = 'O''Brien', search_name = null where id = {amira}"
    ))
    .await;
    app::server::db::people::fill_search_names(&app.state.db)
        .await
        .expect("fill");
    for q in ["Sian", "obrien", "SIAN%20O%27BRIEN", "si%C3%A2n"] {
        let (_, page) = planner.page(&format!("/staff/residents?q={q}")).await;
        assert!(page.contains(&format!("/staff/residents/{amira}")), "{q}");
    }
    let (_, page) = planner.page("/staff/residents?q=zzzz").await;
    assert!(page.contains("No residents match"));
    let (_, page) = planner.page("/staff/residents?q=%25").await;
    assert!(page.contains("Enter at least two letters or numbers"));
    let (status, page) = planner.page(&format!("/staff/residents/{amira}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Written contact only") && page.contains("British Sign Language"));
    // Recording a vulnerability needs consent, a description and an end date.
    let response = planner
        .post_form(
            "/api/staff/vulnerability",
            &[("person", &amira_s), ("description", "")],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/staff/residents/{amira}#vulnerability")
    );
    let (_, page) = planner.page(&format!("/staff/residents/{amira}")).await;
    assert!(page.contains("Describe the vulnerability"));
    assert!(page.contains("Select how the resident agreed"));
    assert!(page.contains("Confirm the resident agreed"));
    let (d, m, y) = today_plus(90);
    planner
        .post_form(
            "/api/staff/vulnerability",
            &[
                ("person", &amira_s),
                (
                    "description",
                    "Recovering from an operation: cannot climb stairs",
                ),
                ("consent", "phone"),
                ("ends_day", &d),
                ("ends_month", &m),
                ("ends_year", &y),
                ("agreed", "yes"),
            ],
        )
        .await;
    assert_eq!(
        scalar(&app, "select count(*) from vulnerabilities").await,
        1
    );
    let (_, page) = planner.page(&format!("/staff/residents/{amira}")).await;
    assert!(page.contains("cannot climb stairs"));
    // The administrator's work does not need it: neither the page nor the form shows it.
    let admin = as_other(&app, ADMIN).await;
    let (status, page) = admin.page(&format!("/staff/residents/{amira}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Written contact only"));
    assert!(!page.contains("cannot climb stairs") && !page.contains("Record vulnerability"));
    let response = admin
        .post_form(
            "/api/staff/vulnerability-remove",
            &[("person", &amira_s), ("id", "1")],
        )
        .await;
    assert_ne!(location(&response), format!("/staff/residents/{amira}"));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from vulnerabilities where removed_at is null"
        )
        .await,
        1
    );
    // A resident never reaches the staff page.
    let (status, _) = app.page(&format!("/staff/residents/{amira}")).await;
    assert_ne!(status, StatusCode::OK);
    // An ended vulnerability is no longer shown.
    app.execute("update vulnerabilities set ends_on = '2020-01-01'")
        .await;
    let (_, page) = planner.page(&format!("/staff/residents/{amira}")).await;
    assert!(!page.contains("cannot climb stairs"));
    // The staff case and repair pages carry the banner at the top.
    let now = Utc::now();
    app::server::repairs::seed_demo_repairs(&app.state, now)
        .await
        .expect("demo repairs");
    app::server::cases::seed_demo_cases(&app.state, now)
        .await
        .expect("demo cases");
    let case = text(
        &app,
        &format!("select reference from cases where person_id = {amira} order by id limit 1"),
    )
    .await
    .expect("Amira's demo question");
    let (_, page) = planner.page(&format!("/staff/cases/{case}")).await;
    assert!(page.contains("needs-banner") && page.contains("Written contact only"));
    let repair = text(&app, "select reference from repairs order by id limit 1")
        .await
        .expect("a demo repair");
    let (_, page) = planner.page(&format!("/staff/repairs/{repair}")).await;
    assert!(page.contains("needs-banner"));
}

fn mailer(root: &std::path::Path) -> Mailer {
    Mailer {
        from: "Northfield Homes <help@northfield-homes.example>".into(),
        transport: Transport::Files(root.join("outbox")),
        texts: Some(Arc::new(TextFiles(root.join("texts")))),
        logo_url: None,
    }
}

async fn the_outbox_retries_with_backoff_and_sends_each_message_once(engine: Engine) {
    let Some(db) = fresh_db(engine).await else {
        return;
    };
    let root = std::env::temp_dir().join(format!(
        "doorstep_outbox_{}_{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    std::fs::create_dir_all(&root).expect("root");
    // The text provider is down: its folder is a file.
    std::fs::write(root.join("texts"), b"not a folder").expect("block");
    let now = Utc::now();
    let queued = |channel: &'static str, recipient: &'static str| Queued {
        channel,
        recipient,
        subject: "Visit booked",
        body: "Visit booked for Tuesday. Ref RP-TEST01.",
        large_print: channel == "letter",
        person_id: None,
    };
    let text_id = outbox::enqueue_on(&db, &queued("text", "07700900461"), now)
        .await
        .expect("queued");
    let letter_id = outbox::enqueue_on(&db, &queued("letter", "1 Alder Court, Northgate"), now)
        .await
        .expect("queued");
    let sent = send_due(&db, &mailer(&root), now).await.expect("sender");
    assert_eq!(sent, 1, "the letter goes; the text fails");
    let text_row = outbox::by_id(&db, text_id)
        .await
        .expect("read")
        .expect("row");
    assert_eq!(text_row.attempts, 1);
    assert!(text_row.sent_at.is_none());
    // Not before its delay: 30 seconds after the first failure, doubling after each.
    assert_eq!(
        send_due(&db, &mailer(&root), now + Duration::seconds(20))
            .await
            .expect("sender"),
        0
    );
    std::fs::remove_file(root.join("texts")).expect("unblock");
    let later = now + Duration::seconds(31);
    assert_eq!(
        send_due(&db, &mailer(&root), later).await.expect("sender"),
        1
    );
    // A restart (a new sender on the same database) sends nothing again.
    assert_eq!(
        send_due(&db, &mailer(&root), later + Duration::hours(2))
            .await
            .expect("sender"),
        0
    );
    let text_file = std::fs::read_to_string(root.join("texts").join(format!("{text_id:08}.txt")))
        .expect("the text was written");
    assert!(text_file.starts_with("To: 07700900461") && text_file.contains("RP-TEST01"));
    // The letter is in the print queue, in the database: its PDF is made from the row on
    // whichever node the print room asks, large print as the resident needs.
    let row = outbox::by_id(&db, letter_id)
        .await
        .expect("read")
        .expect("row");
    assert!(row.sent_at.is_some(), "in the print queue");
    let letter =
        app::server::mail::letter_pdf(&row, "Northfield Homes, 2 Mill Lane").expect("the PDF");
    assert!(letter.starts_with(b"%PDF-"));
    let pdf = lopdf::Document::load_mem(&letter).expect("the PDF reads");
    let first = *pdf.get_pages().values().next().expect("a page");
    let content = pdf.get_page_content(first).expect("its content");
    assert!(
        content.windows(6).any(|w| w == b" 18 Tf"),
        "large print, in 18 point"
    );
    assert!(
        !root.join("letters").exists(),
        "nothing written to this node's disk"
    );
    assert_eq!(
        std::fs::read_dir(root.join("texts")).expect("dir").count(),
        1
    );
    // Queued while no sender ran, then two senders at once: each message goes exactly once.
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(
            outbox::enqueue_on(&db, &queued("text", "07700900461"), later)
                .await
                .expect("queued"),
        );
    }
    let (first, second) = (mailer(&root), mailer(&root));
    let (a, b) = tokio::join!(send_due(&db, &first, later), send_due(&db, &second, later));
    assert_eq!(a.expect("a") + b.expect("b"), 5);
    for id in ids {
        let row = outbox::by_id(&db, id).await.expect("read").expect("row");
        assert_eq!(row.attempts, 1, "sent once");
        assert!(row.sent_at.is_some());
    }
    assert_eq!(
        std::fs::read_dir(root.join("texts")).expect("dir").count(),
        6
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// The demo as a new user meets it: the stair light is filed under the stairs, Margaret
/// Lewis's acknowledgements went by letter as she asked (not "also by email"), and "Your home"
/// links to where contact preferences are set.
async fn the_demo_files_its_repairs_where_they_are_and_writes_as_each_resident_asked(
    engine: Engine,
) {
    let Some(app) = crate::common::spawn_app_with_everything(engine).await else {
        return;
    };
    let area = text(
        &app,
        "select a.name from repairs r join communal_areas a on a.id = r.communal_area_id
         where r.outcome = 'communal_light'",
    )
    .await;
    assert_eq!(area.as_deref(), Some("Stairs and landings"));
    let margaret = crate::common::person_on(&app, "TEN-100003").await;
    let by_email = scalar(
        &app,
        &format!(
            "select count(*) from messages where person_id = {margaret} and channel = 'email'"
        ),
    )
    .await;
    let by_letter = scalar(
        &app,
        &format!(
            "select count(*) from messages where person_id = {margaret} and channel = 'letter'"
        ),
    )
    .await;
    assert_eq!(by_email, 0, "Margaret asked for letters");
    assert!(by_letter > 0, "her acknowledgements went by letter");
    signed_in(&app, "margaret.lewis@example.org").await;
    let (_, page) = app.page("/messages").await;
    assert!(!page.contains("Also sent by email"), "{page}");
    let (_, home) = app.page("/your-home").await;
    assert!(home.contains("href=\"/account/contact\""));
}
