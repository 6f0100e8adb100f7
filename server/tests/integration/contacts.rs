//! Every contact a case, through the real server on SQLite and PostgreSQL: a "Contact us"
//! message from someone not signed in reaching a colleague and answered, the per-address limit,
//! call-back and home-visit requests under the Scottish profile with their published clocks,
//! kinds a landlord does not publish refused, a question marked complex under each profile,
//! an update meeting the update promise, and a contact sorted at first contact.

use crate::common::{
    as_other, location, scalar, spawn_app, spawn_app_configured, spawn_glenbrae, text, Engine,
    TestApp,
};
use reqwest::StatusCode;

on_both_engines!(
    a_message_from_someone_not_signed_in_reaches_a_colleague_and_is_answered_by_email,
    signed_out_messages_are_limited_per_address_and_say_so,
    a_call_back_by_text_is_due_the_same_day_and_a_home_visit_honours_the_preference,
    kinds_the_landlord_does_not_publish_are_not_offered_or_recorded,
    a_complex_question_gets_the_published_time_and_a_longer_query_its_update,
    a_colleague_records_a_contact_sorted_at_first_contact,
    your_contacts_list_repairs_and_cases_with_who_deals_with_them,
    a_case_is_given_to_another_team_or_colleague_and_they_are_told,
    the_workspace_lists_every_kind_of_work_first_breach_first_and_filters_it,
    the_workspace_pages_through_every_open_item_once_in_deadline_order,
);

const AMIRA: &str = "amira.hassan@example.org";
const SERVICES: &str = "chris.morgan@staff.example.org";

async fn send_message(app: &TestApp, name: &str, email: &str, message: &str) -> reqwest::Response {
    let token = app.contact_token().await;
    app.post_form(
        "/api/contact/send",
        &[
            ("token", token.as_str()),
            ("name", name),
            ("email", email),
            ("phone", ""),
            ("message", message),
        ],
    )
    .await
}

/// The local due time of a case's running clock of `kind`, as "YYYY-MM-DD HH:MM".
async fn due(app: &TestApp, reference: &str, kind: &str) -> Option<String> {
    let row = app::server::db::cases::case_by_reference(&app.state.db, reference)
        .await
        .expect("read")
        .expect("case");
    app::server::db::cases::clocks(&app.state.db, row.id)
        .await
        .expect("clocks")
        .into_iter()
        .find(|c| c.kind.as_str() == kind && c.met_at.is_none())
        .map(|c| {
            app::domain::london::to_local(c.due_at)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
}

fn expected(app: &TestApp, from: chrono::DateTime<chrono::Utc>, timescale: &str) -> String {
    let t = app::domain::timescale::Timescale::parse(timescale).expect("timescale");
    app::domain::london::to_local(app.state.site.schedule().deadline(from, t))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

async fn received(app: &TestApp, reference: &str) -> chrono::DateTime<chrono::Utc> {
    app::server::db::cases::case_by_reference(&app.state.db, reference)
        .await
        .expect("read")
        .expect("case")
        .received_at
}

async fn a_message_from_someone_not_signed_in_reaches_a_colleague_and_is_answered_by_email(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    // Messages go to Customer services.
    let now = chrono::Utc::now();
    let team = crate::common::team_named(&app, "Customer services").await;
    app::server::db::teams::set_route(&app.state.db, team, "message", now)
        .await
        .expect("route");
    let sent = send_message(
        &app,
        "Sam Jones",
        "sam.jones@example.org",
        "Is there a waiting list for Birch Gardens?",
    )
    .await;
    let to = location(&sent);
    let reference = to.strip_prefix("/contact/sent/").expect("sent").to_owned();
    let (_, confirmation) = app.page(&to).await;
    assert!(
        confirmation.contains("It has gone to our Customer services team"),
        "{confirmation}"
    );
    // Northfield answers messages to its email standard: 3 working days from receipt.
    assert_eq!(
        due(&app, &reference, "reply").await,
        Some(expected(
            &app,
            received(&app, &reference).await,
            "3 working days"
        ))
    );
    assert_eq!(
        text(
            &app,
            &format!("select made_by from cases where reference = '{reference}'")
        )
        .await
        .as_deref(),
        Some("visitor")
    );

    // It is in the colleagues' queue, with the sender and the team.
    let chris = as_other(&app, SERVICES).await;
    let (status, queue) = chris.page("/staff/cases?kind=message").await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains(&reference), "{queue}");
    assert!(queue.contains("Sam Jones"));
    let (_, page) = chris.page(&format!("/staff/cases/{reference}")).await;
    assert!(page.contains("email sam.jones@example.org"), "{page}");
    assert!(page.contains("Send the reply"));

    // The reply goes by email to the address given, and the case is finished.
    let back = crate::cases::staff_post(
        &chris,
        "case-respond",
        &reference,
        &[("points", "Yes: you can join it from our website.")],
    )
    .await;
    assert_eq!(back, format!("/staff/cases/{reference}"));
    let email = app
        .email_arriving(
            "sam.jones@example.org",
            &format!("Your message {reference}"),
        )
        .await;
    assert!(
        email
            .body
            .contains("Yes: you can join it from our website."),
        "{}",
        email.body
    );
    assert_eq!(
        text(
            &app,
            &format!("select status from cases where reference = '{reference}'")
        )
        .await
        .as_deref(),
        Some("closed")
    );
    assert_eq!(
        due(&app, &reference, "reply").await,
        None,
        "its clock is met"
    );
}

async fn signed_out_messages_are_limited_per_address_and_say_so(engine: Engine) {
    let Some(app) = spawn_app_configured(engine, |c| c.contact_address_limit = 2).await else {
        return;
    };
    for i in 0..2 {
        let sent = send_message(&app, "Sam", "sam@example.org", &format!("Message {i}")).await;
        assert!(location(&sent).starts_with("/contact/sent/CM-"));
    }
    let refused = send_message(&app, "Sam", "sam@example.org", "The third message").await;
    assert_eq!(location(&refused), "/contact");
    let (_, form) = app.page("/contact").await;
    assert!(
        form.contains("2 messages from your internet connection in the last hour"),
        "{form}"
    );
    assert!(form.contains("The third message"), "what was typed is kept");
    assert_eq!(
        scalar(&app, "select count(*) from cases where kind = 'message'").await,
        2
    );

    // Signed in, a resident is not limited by the address.
    crate::common::signed_in(&app, AMIRA).await;
    let sent = send_message(&app, "Amira Hassan", AMIRA, "From my account").await;
    let to = location(&sent);
    assert!(to.starts_with("/contact/sent/CM-"), "{to}");
    let reference = to.trim_start_matches("/contact/sent/");
    let (_, confirmation) = app.page(&to).await;
    assert!(
        confirmation.contains(&format!("/cases/{reference}")),
        "followed with the rest"
    );
    // And it is about her: it shows among her contacts.
    let (_, contacts) = app.page("/cases").await;
    assert!(contacts.contains(reference), "{contacts}");
}

async fn a_call_back_by_text_is_due_the_same_day_and_a_home_visit_honours_the_preference(
    engine: Engine,
) {
    let Some(app) = spawn_glenbrae(engine).await else {
        return;
    };
    // The resident asks for a call back and a home visit; both are offered under Glenbrae.
    crate::common::signed_in(&app, AMIRA).await;
    let (_, start) = app.page("/cases").await;
    assert!(start.contains("Ask us to call you back"), "{start}");
    assert!(start.contains("Ask for a home visit"));
    assert!(start.contains(
        "We will acknowledge it within 1 working day and visit you within 5 working days."
    ));
    let callback = crate::cases::make(
        &app,
        "callback",
        &[
            ("what", "Paying my rent fortnightly"),
            ("phone", "07700 900 982"),
            ("times", "After 4pm"),
        ],
        None,
    )
    .await;
    assert!(callback.starts_with("CB-"), "{callback}");
    assert_eq!(
        due(&app, &callback, "reply").await,
        Some(expected(
            &app,
            received(&app, &callback).await,
            "1 working day"
        ))
    );
    let visit = crate::cases::make(
        &app,
        "home_visit",
        &[
            ("what", "Adding my mother to the household"),
            ("preference", "female"),
            ("times", ""),
        ],
        None,
    )
    .await;
    let at = received(&app, &visit).await;
    assert_eq!(
        due(&app, &visit, "acknowledge").await,
        Some(expected(&app, at, "1 working day"))
    );
    assert_eq!(
        due(&app, &visit, "reply").await,
        Some(expected(&app, at, "5 working days"))
    );
    let (_, page) = app.page(&format!("/cases/{visit}")).await;
    assert!(page.contains("We will acknowledge it"), "{page}");

    // A colleague records a call-back asked for by text: due the same working day.
    let chris = as_other(&app, SERVICES).await;
    let recorded = record_today(
        &chris,
        &[
            ("kind", "callback"),
            ("tenancy", "TEN-100002"),
            ("channel", "text"),
            ("what", "Please call about my rent"),
            ("phone", "07700 900 123"),
            ("times", "Any time"),
        ],
    )
    .await;
    let reference = location(&recorded)
        .strip_prefix("/staff/cases/")
        .expect("recorded")
        .to_owned();
    assert_eq!(
        due(&app, &reference, "reply").await,
        Some(expected(
            &app,
            received(&app, &reference).await,
            "0 working days"
        ))
    );
    // The colleague sees who should visit, and records the visit as made.
    let (_, staff) = chris.page(&format!("/staff/cases/{visit}")).await;
    assert!(staff.contains("A female colleague"), "{staff}");
    assert!(staff.contains("Record the visit"));
    let back = crate::cases::staff_post(
        &chris,
        "case-respond",
        &visit,
        &[("points", "Visited with Morag; forms sent.")],
    )
    .await;
    assert_eq!(back, format!("/staff/cases/{visit}"));
    let (_, page) = app.page(&format!("/cases/{visit}")).await;
    assert!(page.contains("Visited"), "{page}");
    assert!(page.contains("Visited with Morag; forms sent."));
}

async fn kinds_the_landlord_does_not_publish_are_not_offered_or_recorded(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    crate::common::signed_in(&app, AMIRA).await;
    let (_, start) = app.page("/cases").await;
    assert!(!start.contains("Ask us to call you back"), "{start}");
    assert_eq!(
        app.page("/cases/new/callback/what").await.0,
        StatusCode::NOT_FOUND
    );
    // "Contact us" has its own form, not the journey.
    assert_eq!(
        app.page("/cases/new/message/what").await.0,
        StatusCode::NOT_FOUND
    );
    let chris = as_other(&app, SERVICES).await;
    let refused = record_today(
        &chris,
        &[
            ("kind", "home_visit"),
            ("tenancy", "TEN-100001"),
            ("channel", "phone"),
            ("what", "A visit please"),
            ("preference", "none"),
        ],
    )
    .await;
    assert_eq!(location(&refused), "/staff/cases/new");
    let (_, form) = chris.page("/staff/cases/new").await;
    assert!(
        form.contains("We do not offer home visit requests"),
        "{form}"
    );
    assert_eq!(scalar(&app, "select count(*) from cases").await, 0);
}

async fn a_complex_question_gets_the_published_time_and_a_longer_query_its_update(engine: Engine) {
    // Glenbrae: enquiries 5 working days, complex 10.
    let Some(app) = spawn_glenbrae(engine).await else {
        return;
    };
    crate::common::signed_in(&app, AMIRA).await;
    let question =
        crate::cases::make(&app, "enquiry", &[("what", "Can I sublet a room?")], None).await;
    let at = received(&app, &question).await;
    assert_eq!(
        due(&app, &question, "reply").await,
        Some(expected(&app, at, "5 working days"))
    );
    let chris = as_other(&app, SERVICES).await;
    let (_, staff) = chris.page(&format!("/staff/cases/{question}")).await;
    assert!(
        staff.contains("Complex matters are dealt with within 10 working days"),
        "{staff}"
    );
    // A reason is needed.
    let refused = chris
        .post_form(
            "/api/staff/case-complex",
            &[("reference", question.as_str()), ("reason", " ")],
        )
        .await;
    assert_eq!(location(&refused), format!("/staff/cases/{question}"));
    let (_, staff) = chris.page(&format!("/staff/cases/{question}")).await;
    assert!(staff.contains("Write why it needs more time"), "{staff}");
    assert_eq!(
        due(&app, &question, "reply").await,
        Some(expected(&app, at, "5 working days"))
    );
    chris
        .post_form(
            "/api/staff/case-complex",
            &[
                ("reference", question.as_str()),
                (
                    "reason",
                    "We need to check your tenancy agreement with our solicitor.",
                ),
            ],
        )
        .await;
    assert_eq!(
        due(&app, &question, "reply").await,
        Some(expected(&app, at, "10 working days"))
    );
    let (_, page) = app.page(&format!("/cases/{question}")).await;
    assert!(
        page.contains("We need to check your tenancy agreement with our solicitor."),
        "{page}"
    );
    // Only once.
    let (_, staff) = chris.page(&format!("/staff/cases/{question}")).await;
    assert!(!staff.contains("Mark complex and tell the resident"));

    // Northfield: a longer query. Marking it is the follow-up; an update is due within 10
    // working days of the first contact, and an update the resident sees meets it.
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    crate::common::signed_in(&app, AMIRA).await;
    let question =
        crate::cases::make(&app, "enquiry", &[("what", "Can I swap homes?")], None).await;
    let at = received(&app, &question).await;
    let chris = as_other(&app, SERVICES).await;
    chris
        .post_form(
            "/api/staff/case-complex",
            &[
                ("reference", question.as_str()),
                ("reason", "A swap needs both landlords to agree."),
            ],
        )
        .await;
    assert_eq!(
        due(&app, &question, "reply").await,
        None,
        "the follow-up is met"
    );
    assert_eq!(
        due(&app, &question, "update").await,
        Some(expected(&app, at, "10 working days"))
    );
    let (_, page) = app.page(&format!("/cases/{question}")).await;
    assert!(
        page.contains("You will have an update from us by"),
        "{page}"
    );
    // An internal note does not count; an update the resident sees meets the promise, and the
    // next update is then due 10 working days after it, for as long as the query is open.
    let note = |visible: &'static str| {
        let chris = &chris;
        let question = question.clone();
        async move {
            chris
                .post_form(
                    "/api/staff/case-note",
                    &[
                        ("reference", question.as_str()),
                        ("note", "The other landlord has replied."),
                        ("visible", visible),
                    ],
                )
                .await
        }
    };
    let first = due(&app, &question, "update").await;
    note("no").await;
    assert_eq!(due(&app, &question, "update").await, first);
    for period in 1..=2 {
        let told = app.state.clock.now();
        note("yes").await;
        assert_eq!(
            due(&app, &question, "update").await,
            Some(expected(&app, told, "10 working days")),
            "the update after update {period}"
        );
    }
    let periods = format!(
        "select count(*) from clocks k join cases c on k.subject = 'case' and k.subject_id = c.id
         where c.reference = '{question}' and k.kind = 'update'"
    );
    assert_eq!(scalar(&app, &periods).await, 3);
    assert_eq!(
        scalar(&app, &format!("{periods} and k.met_at is not null")).await,
        2
    );
}

async fn a_colleague_records_a_contact_sorted_at_first_contact(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let chris = as_other(&app, SERVICES).await;
    let recorded = record_today(
        &chris,
        &[
            ("kind", "enquiry"),
            ("tenancy", "TEN-100001"),
            ("channel", "phone"),
            ("what", "When is my rent due?"),
            ("sorted", "yes"),
        ],
    )
    .await;
    let reference = location(&recorded)
        .strip_prefix("/staff/cases/")
        .expect("recorded")
        .to_owned();
    assert_eq!(
        text(
            &app,
            &format!("select status from cases where reference = '{reference}'")
        )
        .await
        .as_deref(),
        Some("closed")
    );
    assert_eq!(
        scalar(
            &app,
            &format!(
                "select count(*) from cases where reference = '{reference}' and first_contact = {}",
                if matches!(engine, Engine::Postgres) {
                    "true"
                } else {
                    "1"
                }
            )
        )
        .await,
        1
    );
    assert_eq!(
        due(&app, &reference, "reply").await,
        None,
        "no clock left running"
    );
    let (_, staff) = chris.page(&format!("/staff/cases/{reference}")).await;
    assert!(staff.contains("Resolved at first contact"), "{staff}");
    crate::common::signed_in(&app, AMIRA).await;
    let (_, page) = app.page(&format!("/cases/{reference}")).await;
    assert!(
        page.contains("We sorted this when you contacted us"),
        "{page}"
    );
}

async fn your_contacts_list_repairs_and_cases_with_who_deals_with_them(engine: Engine) {
    let Some(app) = crate::common::spawn_app_with_everything(engine).await else {
        return;
    };
    let amira = crate::common::person_on(&app, "TEN-100001").await;
    let repairs = app::server::db::repairs::repairs_for_person(&app.state.db, amira)
        .await
        .expect("repairs");
    let repair = repairs.first().expect("the demo gives Amira a repair");
    let cases = app::server::db::cases::cases_for(&app.state.db, &[amira], None)
        .await
        .expect("cases");
    let case = cases.first().expect("and a question");
    crate::common::signed_in(&app, AMIRA).await;
    let (status, page) = app.page("/cases").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Everything you have raised with us"),
        "{page}"
    );
    assert!(
        page.contains(&format!("href=\"/repairs/{}\"", repair.reference)),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"/cases/{}\"", case.reference)));
    let team = repair
        .team
        .as_deref()
        .expect("the demo's repairs have a team");
    assert!(
        page.contains(&format!("Handled by {team}")),
        "the repair's team: {page}"
    );
    // Someone else's repairs are not listed.
    let daniel = crate::common::person_on(&app, "TEN-100002").await;
    for other in app::server::db::repairs::repairs_for_person(&app.state.db, daniel)
        .await
        .expect("repairs")
        .iter()
        .filter(|r| !repairs.iter().any(|m| m.id == r.id))
    {
        assert!(
            !page.contains(&other.reference),
            "{} is Daniel's",
            other.reference
        );
    }
}

async fn a_case_is_given_to_another_team_or_colleague_and_they_are_told(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let now = chrono::Utc::now();
    let db = &app.state.db;
    use app::server::db::teams;
    let services = crate::common::team_named(&app, "Customer services").await;
    let lettings = teams::create(db, "Lettings", now)
        .await
        .expect("create")
        .expect("new");
    teams::set_route(db, services, "enquiry", now)
        .await
        .expect("route");
    let fiona = app::server::db::accounts::account_by_email(db, "fiona.reid@staff.example.org")
        .await
        .expect("read")
        .expect("fiona");
    teams::add_member(db, lettings, fiona.id, now)
        .await
        .expect("member");
    teams::set_manager(db, lettings, fiona.id, true)
        .await
        .expect("manager");
    crate::common::signed_in(&app, AMIRA).await;
    let question = crate::cases::make(
        &app,
        "enquiry",
        &[("what", "Can I swap to a bigger flat?")],
        None,
    )
    .await;
    assert_eq!(
        team_of(&app, &question).await.as_deref(),
        Some("Customer services")
    );

    let chris = as_other(&app, SERVICES).await;
    // Given to Chris by name first, then to Lettings: nobody named there yet, Fiona told.
    let owen = app::server::db::accounts::account_by_email(db, "owen.davies@staff.example.org")
        .await
        .expect("read")
        .expect("owen");
    chris
        .post_form(
            "/api/staff/case-assign",
            &[
                ("reference", question.as_str()),
                ("owner", &owen.id.to_string()),
            ],
        )
        .await;
    app.email_arriving(
        "owen.davies@staff.example.org",
        &format!("{question} is now yours to handle"),
    )
    .await;
    // A team that does not exist is refused, and nothing changes.
    let refused = chris
        .post_form(
            "/api/staff/case-team",
            &[("reference", question.as_str()), ("team", "999999")],
        )
        .await;
    assert_eq!(location(&refused), format!("/staff/cases/{question}"));
    let (_, page) = chris.page(&format!("/staff/cases/{question}")).await;
    assert!(page.contains("Choose the team to give it to"), "{page}");
    assert_eq!(
        team_of(&app, &question).await.as_deref(),
        Some("Customer services")
    );
    chris
        .post_form(
            "/api/staff/case-team",
            &[
                ("reference", question.as_str()),
                ("team", &lettings.to_string()),
            ],
        )
        .await;
    assert_eq!(team_of(&app, &question).await.as_deref(), Some("Lettings"));
    assert_eq!(
        scalar(&app, &format!("select count(*) from cases where reference = '{question}' and owner_account_id is null")).await,
        1,
        "nobody in the new team is named yet"
    );
    let told = app
        .email_arriving(
            "fiona.reid@staff.example.org",
            &format!("{question} is now with the Lettings team"),
        )
        .await;
    assert!(
        told.body.contains(&format!("/staff/cases/{question}")),
        "{}",
        told.body
    );
    // The resident sees where it is.
    let (_, mine) = app.page(&format!("/cases/{question}")).await;
    assert!(mine.contains("Passed to the Lettings team"), "{mine}");
}

async fn team_of(app: &TestApp, reference: &str) -> Option<String> {
    text(
        app,
        &format!("select t.name from cases c join teams t on t.id = c.team_id where c.reference = '{reference}'"),
    )
    .await
}

async fn the_workspace_lists_every_kind_of_work_first_breach_first_and_filters_it(engine: Engine) {
    let Some(app) = crate::common::spawn_app_with_everything(engine).await else {
        return;
    };
    let chris = as_other(&app, SERVICES).await;
    let (status, page) = chris.page("/staff/work").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    // Repairs, cases and messages together, each linking to its own page.
    for prefix in [
        "/staff/repairs/RP-",
        "/staff/cases/CP-",
        "/staff/cases/EQ-",
        "/staff/cases/CM-",
    ] {
        assert!(page.contains(prefix), "{prefix}: {page}");
    }
    // In deadline order: the page's deadlines never go back in time.
    let due: Vec<(chrono::DateTime<chrono::Utc>, String)> = {
        let db = &app.state.db;
        let mut all = Vec::new();
        for sql in [
            "select due_at, reference from cases where status not in ('closed', 'declined') and due_at is not null",
            "select due_at, reference from repairs where status not in ('completed', 'cancelled') and due_at is not null",
        ] {
            let rows: Vec<(chrono::DateTime<chrono::Utc>, String)> = app::db_run!(db, |pool| sqlx::query_as(sql).fetch_all(pool).await).expect("rows");
            all.extend(rows);
        }
        all.sort();
        all
    };
    // (At the same deadline the order is cases, then repairs, then requests, oldest first.)
    let mut listed: Vec<(usize, chrono::DateTime<chrono::Utc>, &str)> = due
        .iter()
        .map(|(d, r)| {
            let at = page
                .find(&format!(">{r}<"))
                .or_else(|| page.find(&format!(" {r}<")))
                .unwrap_or_else(|| panic!("{r} listed: {page}"));
            (at, *d, r.as_str())
        })
        .collect();
    listed.sort();
    assert!(
        listed.windows(2).all(|w| w[0].1 <= w[1].1),
        "first breach first: {listed:?}"
    );

    // Only repairs; only messages; my teams' work; my work (nothing is Chris's by name yet).
    let (_, repairs) = chris.page("/staff/work?kind=repair").await;
    // (The page's own "record a contact" link aside.)
    let cases_in = |page: &str| {
        page.replace("/staff/cases/new", "")
            .contains("/staff/cases/")
    };
    assert!(repairs.contains("/staff/repairs/RP-") && !cases_in(&repairs));
    let (_, messages) = chris.page("/staff/work?kind=message").await;
    assert!(messages.contains("/staff/cases/CM-") && !messages.contains("/staff/cases/EQ-"));
    let (_, team) = chris.page("/staff/work?view=team").await;
    assert!(
        team.contains("/staff/cases/CM-"),
        "messages go to Chris's team: {team}"
    );
    assert!(
        !team.contains("/staff/repairs/RP-"),
        "repairs are the repairs team's"
    );
    let (_, mine) = chris.page("/staff/work?view=mine").await;
    assert!(mine.contains("Nothing open matches"), "{mine}");
    // By area: the estate's repairs and its residents' cases; a visitor's message has no place.
    let estate = scalar(&app, "select min(id) from estates").await;
    let (_, area) = chris.page(&format!("/staff/work?area={estate}")).await;
    assert!(area.contains("/staff/repairs/RP-"), "{area}");
    assert!(area.contains("/staff/cases/EQ-"), "{area}");
    assert!(!area.contains("/staff/cases/CM-"), "{area}");
    // One colleague's work: a question Owen Davies is named on, and nothing else.
    let owen = scalar(
        &app,
        "select id from accounts where email = 'owen.davies@staff.example.org'",
    )
    .await;
    let question = text(
        &app,
        "select min(reference) from cases where kind = 'enquiry' and status <> 'closed'",
    )
    .await
    .expect("an open question");
    app.execute(&format!(
        "update cases set owner_account_id = {owen} where reference = '{question}'"
    ))
    .await;
    let (_, owens) = chris.page(&format!("/staff/work?owner={owen}")).await;
    assert!(
        owens.contains(&format!("/staff/cases/{question}")),
        "{owens}"
    );
    assert!(!owens.contains("/staff/repairs/RP-") && !owens.contains("/staff/cases/CM-"));
    assert!(owens.contains("Owen Davies"));
    // Bad filters are ignored, not errors.
    assert_eq!(
        chris
            .page("/staff/work?kind=lift&due=yesterday&team=x&owner=999999")
            .await
            .0,
        StatusCode::OK
    );
    // Residents have no workspace.
    crate::common::signed_in(&app, AMIRA).await;
    assert_eq!(app.page("/staff/work").await.0, StatusCode::NOT_FOUND);
}

/// A colleague records a contact received today; the response to the recording form's post.
async fn record_today(colleague: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    let today = app::site::today().to_string();
    let mut form = vec![("received", today.as_str())];
    form.extend_from_slice(fields);
    colleague.post_form("/api/staff/case-record", &form).await
}

/// 150 more open items (cases and repairs, many sharing a deadline, some with none) over the
/// demo's: walking every page of the workspace lists each open item exactly once, deadlines never
/// going back in time, work without a deadline last, and the last page offers no next one.
async fn the_workspace_pages_through_every_open_item_once_in_deadline_order(engine: Engine) {
    let Some(app) = crate::common::spawn_app_with_everything(engine).await else {
        return;
    };
    let person = "(select min(id) from people)";
    let home = "(select min(id) from homes)";
    for i in 0..150 {
        // Five deadlines shared by many items, and every seventh without one.
        let due = if i % 7 == 0 {
            "null".to_owned()
        } else {
            format!("'2030-01-0{}T17:30:00+00:00'", 1 + i % 5)
        };
        if i % 2 == 0 {
            app.execute(&format!(
                "insert into cases (reference, submission_token, kind, person_id, home_id, tenure,
                     made_by, channel, status, stage, summary, details, received_at, due_at,
                     created_at, updated_at)
                 values ('EQ-PAGE{i:03}', 'paging-{i}', 'enquiry', {person}, {home},
                     'general_needs', 'resident', 'phone', 'open', 1, 'Paging', 'Paging',
                     '2029-12-01T09:00:00+00:00', {due}, '2029-12-01T09:00:00+00:00',
                     '2029-12-01T09:00:00+00:00')"
            ))
            .await;
        } else {
            app.execute(&format!(
                "insert into repairs (reference, submission_token, home_id, block_id,
                     reported_by_person_id, outcome, summary, answers, priority, trade, status,
                     description, access_times, pets, key_safe, contact_phone, received_at,
                     target_at, due_at, created_at, updated_at)
                 values ('RP-PAGE{i:03}', 'paging-{i}', {home},
                     (select block_id from homes where id = {home}), {person}, 'tap_drip',
                     'Paging', '', 'routine', 'plumber', 'reported', 'Paging', '', '', '',
                     '07700 900 982', '2029-12-01T09:00:00+00:00', '2030-01-09T17:30:00+00:00', {due},
                     '2029-12-01T09:00:00+00:00', '2029-12-01T09:00:00+00:00')"
            ))
            .await;
        }
    }
    type Open = Vec<(Option<chrono::DateTime<chrono::Utc>>, String)>;
    let open: Open = {
        let db = &app.state.db;
        let mut all = Vec::new();
        for sql in [
            "select due_at, reference from cases where status not in ('closed', 'declined')",
            "select due_at, reference from repairs where status not in ('completed', 'cancelled')",
            "select due_at, reference from subject_access_requests where status not in ('completed', 'closed')",
        ] {
            let rows: Open =
                app::db_run!(db, |pool| sqlx::query_as(sql).fetch_all(pool).await).expect("rows");
            all.extend(rows);
        }
        all
    };
    assert!(open.len() > 150, "{}", open.len());
    let chris = as_other(&app, SERVICES).await;
    let pages = (open.len() as i64 + 49) / 50;
    let mut listed: Vec<(Option<chrono::DateTime<chrono::Utc>>, String)> = Vec::new();
    for n in 1..=pages {
        let (status, page) = chris.page(&format!("/staff/work?page={n}")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let mut here: Vec<(usize, Option<chrono::DateTime<chrono::Utc>>, String)> = open
            .iter()
            .filter_map(|(due, r)| {
                page.find(&format!(">{r}<"))
                    .or_else(|| page.find(&format!(" {r}<")))
                    .map(|at| (at, *due, r.clone()))
            })
            .collect();
        here.sort();
        assert!(here.len() <= 50, "page {n} lists {}", here.len());
        if n < pages {
            assert_eq!(here.len(), 50, "page {n} is full");
            assert!(
                page.contains(&format!("page={}", n + 1)),
                "page {n} links on"
            );
        } else {
            assert!(
                !page.contains(&format!("page={}", n + 1)),
                "the last page links on"
            );
        }
        listed.extend(here.into_iter().map(|(_, due, r)| (due, r)));
    }
    let mut seen: Vec<&str> = listed.iter().map(|(_, r)| r.as_str()).collect();
    seen.sort();
    let mut expected: Vec<&str> = open.iter().map(|(_, r)| r.as_str()).collect();
    expected.sort();
    assert_eq!(seen, expected, "every open item once");
    // Deadlines in order, work without one last.
    let key = |due: &Option<chrono::DateTime<chrono::Utc>>| (due.is_none(), *due);
    assert!(
        listed.windows(2).all(|w| key(&w[0].0) <= key(&w[1].0)),
        "first breach first across pages: {listed:?}"
    );
}
