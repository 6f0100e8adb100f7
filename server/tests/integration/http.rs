//! The real server on port 0: pages, the contact form journey, sign-in, protections.

use crate::common::{browser, hidden_value, location, session_cookie, spawn_app, Engine, TestApp};
use app::server::db::contact::count_messages;
use app::server::db::demo::DEMO_PASSWORD;
use reqwest::{header, StatusCode};

on_both_engines!(
    health_and_readiness_both_answer_ok,
    the_home_page_names_the_landlord_and_always_gives_the_phone_numbers,
    every_response_carries_the_security_headers_and_a_request_id,
    an_unknown_address_is_a_404_page_that_still_gives_the_phone_number,
    an_invalid_contact_message_comes_back_with_what_was_typed_and_every_error,
    a_contact_message_sent_twice_is_stored_once_and_confirmed_to_its_sender_only,
    a_cross_site_form_post_is_refused_and_stores_nothing,
    a_malformed_request_gets_no_internal_detail,
    a_wrong_password_gets_one_message_that_does_not_say_which_part_was_wrong,
    signing_in_gives_a_new_session_id_and_shows_your_home,
    signing_out_ends_the_session,
    your_home_sends_a_signed_out_visitor_to_sign_in,
    two_residents_signed_in_at_once_each_see_only_their_own_home,
    a_return_path_with_control_characters_is_answered_and_never_followed,
);

async fn health_and_readiness_both_answer_ok(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    assert_eq!(app.page("/healthz").await, (StatusCode::OK, "ok".into()));
    assert_eq!(app.page("/readyz").await, (StatusCode::OK, "ready".into()));
}

async fn the_home_page_names_the_landlord_and_always_gives_the_phone_numbers(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let (status, body) = app.page("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("<title>Your home, online - Northfield Homes</title>"),
        "{body}"
    );
    assert!(body.contains("0161 496 0000"), "office phone");
    assert!(body.contains("0161 496 0999"), "emergency phone");
    assert!(
        body.contains("Monday to Friday, 8am to 5:30pm"),
        "office hours"
    );
    assert!(body.contains("href=\"#main\""), "skip link");
    assert!(
        body.contains("href=\"/accessibility\""),
        "accessibility statement"
    );
    assert!(
        body.contains("/pkg/doorstep.js"),
        "hydration script for the islands"
    );
}

async fn every_response_carries_the_security_headers_and_a_request_id(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    for path in ["/", "/contact", "/no-such-page", "/healthz"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert!(headers["content-security-policy"]
            .to_str()
            .unwrap_or_default()
            .contains("frame-ancestors 'none'"));
        assert_eq!(
            headers["x-request-id"].len(),
            36,
            "{path}: a uuid request id"
        );
    }
}

async fn an_unknown_address_is_a_404_page_that_still_gives_the_phone_number(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let (status, body) = app.page("/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"));
    assert!(body.contains("0161 496 0000"));
    assert!(body.contains("0161 496 0999"));
}

async fn an_invalid_contact_message_comes_back_with_what_was_typed_and_every_error(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let token = app.contact_token().await;
    let message = "The buzzer </textarea><script>alert(1)</script> rings & rings";
    let response = app
        .post_form(
            "/api/contact/send",
            &[
                ("token", &token),
                ("name", ""),
                ("email", "sam@"),
                ("phone", ""),
                ("message", message),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/contact");

    let (status, body) = app.page("/contact").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<title>Error: Contact us - Northfield Homes</title>"));
    assert!(body.contains("There is a problem"));
    assert!(body.contains("href=\"#name\">Enter your name</a>"));
    assert!(body.contains("Enter an email address in the correct format"));
    assert!(body.contains("value=\"sam@\""), "the email as typed");
    assert!(
        body.contains("The buzzer &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; rings &amp; rings</textarea>"),
        "the message as typed, escaped once: {body}"
    );
    assert!(
        !body.contains("<script>alert(1)"),
        "no markup from the message"
    );
    assert_eq!(
        hidden_value(&body, "token").as_deref(),
        Some(token.as_str()),
        "same token kept"
    );
    assert_eq!(count_messages(&app.state.db).await.expect("count"), 0);

    // Shown once: a reload gives a clean form.
    let (_, again) = app.page("/contact").await;
    assert!(!again.contains("There is a problem"));
}

async fn a_contact_message_sent_twice_is_stored_once_and_confirmed_to_its_sender_only(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let token = app.contact_token().await;
    let form = [
        ("token", token.as_str()),
        ("name", "Sam Jones"),
        ("email", ""),
        ("phone", "07700 900 982"),
        ("message", "Please call me about my rent."),
    ];
    let first = app.post_form("/api/contact/send", &form).await;
    let second = app.post_form("/api/contact/send", &form).await;
    assert_eq!(first.status(), StatusCode::FOUND);
    let target = location(&first);
    assert!(target.starts_with("/contact/sent/CM-"), "{target}");
    assert_eq!(
        location(&second),
        target,
        "a resubmission leads to the same message"
    );
    assert_eq!(count_messages(&app.state.db).await.expect("count"), 1);

    let (status, body) = app.page(&target).await;
    assert_eq!(status, StatusCode::OK);
    let reference = target.trim_start_matches("/contact/sent/");
    assert!(body.contains(reference));
    assert!(body.contains("by phone on 07700 900 982"));
    // When: the profile's message standard (3 working days), as a date on its calendar.
    let sent_at = app::server::db::cases::case_by_reference(&app.state.db, reference)
        .await
        .expect("read")
        .expect("stored")
        .received_at;
    let timescale = app
        .state
        .site
        .profile
        .message_standard
        .respond
        .expect("a standard");
    let due = app.state.site.schedule().deadline(sent_at, timescale);
    let by = app::domain::london::to_local(due)
        .format("%A %-d %B %Y")
        .to_string();
    assert!(
        body.contains(&format!("by {by} (within 3 working days)")),
        "{body}"
    );

    let stranger = app.get_with(&browser(), &target).await;
    assert_eq!(
        stranger.status(),
        StatusCode::NOT_FOUND,
        "another browser cannot read it"
    );
}

async fn a_cross_site_form_post_is_refused_and_stores_nothing(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let token = app.contact_token().await;
    let form = [
        ("token", token.as_str()),
        ("name", "Eve"),
        ("email", "eve@example.org"),
        ("message", "Hi"),
    ];
    let foreign_origin = app
        .client
        .post(format!("{}/api/contact/send", app.base))
        .header(header::ORIGIN, "https://evil.example")
        .form(&form)
        .send()
        .await
        .expect("request");
    assert_eq!(foreign_origin.status(), StatusCode::FORBIDDEN);
    let cross_site = app
        .client
        .post(format!("{}/api/contact/send", app.base))
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .expect("request");
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert_eq!(count_messages(&app.state.db).await.expect("count"), 0);
}

async fn a_malformed_request_gets_no_internal_detail(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let response = app
        .client
        .post(format!("{}/api/contact/sent", app.base))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("reference[=%%%")
        .send()
        .await
        .expect("request");
    assert!(response.status().is_client_error() || response.status().is_server_error());
    let body = response.text().await.expect("body").to_lowercase();
    for leak in [
        "sqlx", "sqlite", "postgres", "panicked", "serde", "deserial",
    ] {
        assert!(!body.contains(leak), "{leak} in {body}");
    }
}

async fn a_wrong_password_gets_one_message_that_does_not_say_which_part_was_wrong(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let wrong_password = app
        .sign_in("amira.hassan@example.org", "not-her-password")
        .await;
    assert_eq!(location(&wrong_password), "/sign-in");
    let (_, body_a) = app.page("/sign-in").await;
    let unknown_email = app.sign_in("nobody@example.org", "whatever-it-is").await;
    assert_eq!(location(&unknown_email), "/sign-in");
    let (_, body_b) = app.page("/sign-in").await;
    let message = "The email address or password is not right";
    assert!(body_a.contains(message) && body_b.contains(message));
    assert!(
        body_a.contains("value=\"amira.hassan@example.org\""),
        "email kept"
    );
    assert!(
        !body_a.contains("not-her-password"),
        "password never shown again"
    );
}

async fn signing_in_gives_a_new_session_id_and_shows_your_home(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    // A session exists before sign-in (a failed attempt stores the form in it).
    let failed = app.sign_in("margaret.lewis@example.org", "wrong").await;
    let before = session_cookie(&failed).expect("a session before sign-in");
    let response = app
        .sign_in("margaret.lewis@example.org", DEMO_PASSWORD)
        .await;
    assert_eq!(location(&response), "/your-home");
    let after = session_cookie(&response).expect("a new session cookie");
    assert_ne!(before, after, "sign-in must change the session id");

    let (status, body) = app.page("/your-home").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Hello, Margaret Lewis"));
    assert!(body.contains("Flat 3, Alder Court"));
    assert!(body.contains("Allow time to answer the door"));
    assert!(body.contains("Signed in as Margaret Lewis"));
    assert!(!body.contains("There is a problem"));
}

async fn signing_out_ends_the_session(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    app.sign_in("tom.bennett@example.org", DEMO_PASSWORD).await;
    let (status, _) = app.page("/your-home").await;
    assert_eq!(status, StatusCode::OK);
    let response = app.post_form("/api/session/sign-out", &[]).await;
    assert_eq!(location(&response), "/signed-out");
    let after = app.get("/your-home").await;
    assert_eq!(after.status(), StatusCode::FOUND);
    assert_eq!(location(&after), "/sign-in?next=%2Fyour-home");
}

async fn your_home_sends_a_signed_out_visitor_to_sign_in(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let response = app.get("/your-home").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/sign-in?next=%2Fyour-home");
}

/// Every route renders `Async` (the first HTML is the whole page, so nothing waits for
/// JavaScript), though the mode is written once, on the routes' common parent.
#[tokio::test]
async fn every_page_is_rendered_whole_before_it_is_sent() {
    let Some(app) = spawn_app(Engine::Sqlite).await else {
        return;
    };
    let state = app.state.clone();
    let (routes, _) = leptos_axum::generate_route_list_with_exclusions_and_ssg_and_context(
        app::App,
        None,
        move || {
            leptos::prelude::provide_context(state.clone());
            leptos::prelude::provide_context(state.site.clone());
        },
    );
    assert!(routes.len() >= 70, "{} routes", routes.len());
    for route in &routes {
        assert_eq!(format!("{:?}", route.mode()), "Async", "{}", route.path());
    }
}

#[tokio::test]
async fn the_component_gallery_is_hidden_outside_development() {
    let url = crate::common::fresh_database_url(Engine::Sqlite)
        .await
        .expect("sqlite");
    let production = crate::common::spawn_on(url, false).await;
    let (status, _) = production.page("/dev/components").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = production.page("/dev/mailbox").await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the mailbox shows other people's links"
    );
    // Nor are reminders sent at anyone's asking.
    let response = production.post_form("/api/dev/send-reminders", &[]).await;
    assert!(
        crate::common::location(&response).starts_with("/problem/not-found"),
        "{} {}",
        response.status(),
        crate::common::location(&response)
    );
    let url = crate::common::fresh_database_url(Engine::Sqlite)
        .await
        .expect("sqlite");
    let development: TestApp = crate::common::spawn_on(url, true).await;
    let (status, body) = development.page("/dev/components").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Components"));
    let (status, body) = development.page("/dev/mailbox").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("No emails yet."));
}

#[tokio::test]
async fn in_production_every_response_tells_browsers_to_use_https_only() {
    let url = crate::common::fresh_database_url(Engine::Sqlite)
        .await
        .expect("sqlite");
    let production = crate::common::spawn_on(url, false).await;
    for path in ["/", "/sign-in", "/no-such-page", "/healthz", "/pkg/none.js"] {
        let response = production.get(path).await;
        assert_eq!(
            response.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
    // Development is served over plain http on this machine: no HSTS there.
    let url = crate::common::fresh_database_url(Engine::Sqlite)
        .await
        .expect("sqlite");
    let development = crate::common::spawn_on(url, true).await;
    let response = development.get("/").await;
    assert!(response
        .headers()
        .get("strict-transport-security")
        .is_none());
}

async fn two_residents_signed_in_at_once_each_see_only_their_own_home(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let other = app.another_browser();
    app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await;
    other
        .sign_in("tom.bennett@example.org", DEMO_PASSWORD)
        .await;
    for _ in 0..3 {
        let (_, amira) = app.page("/your-home").await;
        let (_, tom) = other.page("/your-home").await;
        assert!(amira.contains("Hello, Amira Hassan") && !amira.contains("Tom Bennett"));
        assert!(tom.contains("Hello, Tom Bennett") && !tom.contains("Amira Hassan"));
        assert!(
            amira.contains("Signed in as Amira Hassan") && tom.contains("Signed in as Tom Bennett")
        );
    }
    let (_, signed_out) = app.page("/").await;
    assert!(signed_out.contains("Signed in as Amira Hassan"));
    let (_, stranger) = app
        .get_with(&browser(), "/")
        .await
        .text()
        .await
        .map(|b| ((), b))
        .expect("body");
    assert!(
        !stranger.contains("Signed in as"),
        "a new browser is signed out"
    );
}

/// Every function that takes a path to go back to, posted control characters, a line break
/// (header injection) and a path to another site: each answers with a redirect to a page of
/// ours, and the server goes on answering.
async fn a_return_path_with_control_characters_is_answered_and_never_followed(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let hostile = [
        "/staff/\r\nX: y",
        "/staff/\u{1}",
        "/staff/\u{7f}",
        "/staff/caf\u{e9}",
        "//evil.example/staff/",
    ];
    let chris = crate::common::as_other(&app, "chris.morgan@staff.example.org").await;
    for back in hostile {
        let response = chris
            .post_form(
                "/api/staff/contact-task-done",
                &[("task", "1"), ("outcome", "Phoned"), ("back", back)],
            )
            .await;
        assert!(response.status().is_redirection(), "{back:?}");
        assert_eq!(location(&response), "/staff/contact-tasks", "{back:?}");
        assert!(response.headers().get("x").is_none());
    }
    for next in hostile {
        let visitor = app.another_browser();
        let response = visitor
            .post_form(
                "/api/session/sign-in",
                &[
                    ("email", "amira.hassan@example.org"),
                    ("password", DEMO_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(location(&response), "/your-home", "{next:?}");
    }
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_demo_is_refused_in_production_and_tells_no_password() {
    let url = crate::common::fresh_database_url(Engine::Sqlite)
        .await
        .expect("sqlite");
    let config = crate::common::config(url.clone(), false);
    let refusal = server::cli::seed_demo(&config)
        .await
        .expect_err("refused in production");
    assert!(refusal.contains("DOORSTEP_ENV=production"), "{refusal}");
    assert!(!refusal.contains(DEMO_PASSWORD));
    // Nothing was written: the database file was not even created.
    let path = url.trim_start_matches("sqlite://");
    assert!(!std::path::Path::new(path).exists());
    // In development it loads as before.
    let config = crate::common::config(url, true);
    server::cli::seed_demo(&config).await.expect("loaded");
}

/// No library's wording reaches a browser: an unknown server function, a number that is not a
/// number in a path, a wrong method all answer in Doorstep's words with the
/// phone number, keeping their status.
#[tokio::test]
async fn every_error_a_browser_can_reach_is_in_our_words() {
    let Some(app) = spawn_app(Engine::Sqlite).await else {
        return;
    };
    let phone = app.state.site.profile.landlord.phone.clone();
    let chris = crate::common::as_other(&app, "chris.morgan@staff.example.org").await;
    let answers = [
        (
            "an unknown server function",
            app.post_form("/api/no-such-function", &[]).await,
        ),
        (
            "a path that is not a number",
            chris.get("/staff/letters/abc/pdf").await,
        ),
        ("a wrong method", app.get("/api/repairs/job").await),
    ];
    for (what, response) in answers {
        let status = response.status();
        assert!(status.is_client_error(), "{what}: {status}");
        let body = response.text().await.expect("body");
        assert!(body.contains(&phone), "{what}: {body}");
        for leak in [
            "register_explicit",
            "server function",
            "Cannot parse",
            "i64",
        ] {
            assert!(!body.contains(leak), "{what}: {body}");
        }
    }
}

/// The words of a page's main content, sentence by sentence, as a reader meets them.
fn sentences(body: &str) -> Vec<String> {
    let main = body
        .find("<main")
        .and_then(|start| {
            body[start..]
                .find("</main>")
                .map(|end| &body[start..start + end])
        })
        .unwrap_or(body);
    // The end of a heading, paragraph, list item or cell ends a sentence too.
    let mut main = main.to_owned();
    for tag in [
        "h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "td", "th", "label", "legend", "div",
        "summary", "caption",
    ] {
        main = main.replace(&format!("</{tag}>"), &format!(".</{tag}>"));
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&#x27;", "'").replace("&amp;", "&");
    text.split(['.', '!', '?', '\n'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Found with a keyboard and the accessibility tree: plain sentences of at most 25 words on the
/// pages that explain promises and rights, each page's own title, every question of the case
/// journeys its page's h1, and links that look like buttons being links (no button role that
/// Space would not work on).
#[tokio::test]
async fn resident_pages_read_plainly_and_every_question_is_its_pages_heading() {
    let Some(app) = spawn_app(Engine::Sqlite).await else {
        return;
    };
    crate::common::signed_in(&app, "amira.hassan@example.org").await;
    for path in [
        "/what-to-expect",
        "/how-we-are-doing",
        "/accessibility",
        "/account/your-data",
        "/account/your-data/all",
        "/your-home",
    ] {
        let (status, body) = app.page(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        for sentence in sentences(&body) {
            let words = sentence.split_whitespace().count();
            assert!(words <= 25, "{path}: {words} words: {sentence}");
        }
        assert!(!body.contains("role=\"button\""), "{path}");
        assert!(!body.to_lowercase().contains("tenure"), "{path}");
    }
    let title = |body: &str| {
        body.split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or_default()
            .to_owned()
    };
    let (_, summary) = app.page("/account/your-data").await;
    let (_, all) = app.page("/account/your-data/all").await;
    assert_ne!(title(&summary), title(&all));
    for kind in ["complaint", "compliment", "enquiry"] {
        let first = match kind {
            "compliment" => "who",
            _ => "what",
        };
        let (status, page) = app.page(&format!("/cases/new/{kind}/{first}")).await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        assert!(
            page.contains("<h1 class=\"label-wrapper\"><label"),
            "{kind}: the question is the h1"
        );
    }
    let (_, home) = app.another_browser().page("/").await;
    assert!(!home.contains("role=\"button\""));
}

/// SIGTERM on a node behind a load balancer: for `DRAIN_SECONDS` it still serves, but says it
/// is not ready and closes each connection after its response; then it stops accepting, and the
/// server ends.
#[tokio::test]
async fn on_the_shutdown_signal_a_node_drains_then_stops() {
    let url = crate::common::fresh_database_url(Engine::Sqlite)
        .await
        .expect("sqlite");
    let mut config = crate::common::config(url, true);
    config.drain = std::time::Duration::from_secs(2);
    let app = server::startup::Application::build(&config)
        .await
        .expect("starts");
    let base = format!("http://{}", app.addr);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run(async {
        let _ = stopped.await;
    }));
    let client = browser();
    let ready = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("up");
    assert_eq!(ready.status(), StatusCode::OK);
    assert!(ready.headers().get(header::CONNECTION).is_none());
    stop.send(()).expect("signal");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let draining = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("still up");
    assert_eq!(draining.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        draining
            .headers()
            .get(header::CONNECTION)
            .map(|v| v.as_bytes()),
        Some(&b"close"[..])
    );
    assert_eq!(draining.text().await.expect("body"), "draining");
    let page = client
        .get(format!("{base}/"))
        .send()
        .await
        .expect("still serving");
    assert_eq!(
        page.status(),
        StatusCode::OK,
        "pages are still served while draining"
    );
    tokio::time::timeout(std::time::Duration::from_secs(10), server)
        .await
        .expect("the server ends after draining")
        .expect("task")
        .expect("clean stop");
    assert!(
        browser()
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_err(),
        "no longer accepting"
    );
}
