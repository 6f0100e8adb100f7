//! Accounts end to end through the real server: claiming, confirming, signing in with the
//! throttles, resetting through the outbox, "your account", staff administration and the
//! authorisation matrix. Every test runs on SQLite and on PostgreSQL.

use crate::common::{
    browser, hidden_value, location, spawn_app, spawn_app_configured, stored_sessions, Engine,
    TestApp,
};
use app::server::db::accounts::account_by_email;
use app::server::db::demo::DEMO_PASSWORD;
use reqwest::{header, StatusCode};

on_both_engines!(
    each_claim_mismatch_gets_one_message_that_does_not_say_which_detail_was_wrong,
    a_matching_claim_emails_a_link_that_confirms_the_account_and_signs_in,
    a_claim_for_someone_who_has_an_account_says_so_by_email_not_on_screen,
    a_claim_with_an_email_that_another_account_uses_creates_nothing,
    an_unconfirmed_account_cannot_sign_in,
    five_failed_sign_ins_make_the_next_attempts_wait_and_tell_the_account_holder,
    the_wait_ends_and_a_right_password_then_works,
    an_unknown_email_is_held_back_exactly_like_a_real_one,
    a_device_that_signed_in_before_is_not_held_back_but_another_browser_at_its_address_is,
    a_trusted_device_that_keeps_failing_is_trusted_no_more,
    claims_count_against_the_address_limit,
    guessing_a_date_of_birth_waits_per_reference_from_any_address_and_the_tenant_is_told,
    a_matching_claim_with_a_new_email_tells_the_person_through_the_details_on_record,
    a_pending_claim_taken_over_by_another_email_tells_the_first,
    the_full_reset_journey_goes_through_the_outbox_and_ends_every_other_session,
    a_reset_link_works_once_and_not_after_an_hour,
    a_reset_for_an_unknown_email_looks_the_same_and_sends_nothing,
    a_weak_new_password_is_refused_and_the_link_still_works,
    changing_your_password_keeps_this_session_and_ends_the_others,
    changing_your_email_waits_for_the_link_sent_to_the_new_address,
    signing_out_everywhere_ends_every_session,
    your_account_lists_recent_sign_ins_and_failures,
    an_administrator_invites_a_colleague_who_sets_a_password_and_signs_in,
    a_role_change_or_disabling_ends_the_colleagues_sessions,
    only_administrators_reach_staff_accounts_and_the_audit_trail,
    every_resident_endpoint_refuses_other_residents_advocates_and_strangers,
    pages_carry_a_nonce_policy_and_are_never_cached,
    account_forms_posted_from_another_site_are_refused,
    too_many_attempts_from_one_address_are_refused_for_a_while,
    queued_email_is_written_as_an_eml_file_even_if_queued_before_the_server_started,
    stay_signed_in_answers_only_a_signed_in_session,
    a_form_posted_after_the_session_ended_leads_to_sign_in,
    signing_in_returns_to_the_page_asked_for_and_only_on_this_site,
    the_resident_search_is_for_colleagues_only,
    pages_with_a_form_answer_a_resident_idle_past_the_minute_that_rewrites_their_session,
    a_page_rewrites_the_session_only_once_the_application_clock_passes_the_minute,
);

const JAMAL: [(&str, &str); 5] = [
    ("reference", "TEN-100004"),
    ("postcode", "ng9 4ab"),
    ("born_day", "9"),
    ("born_month", "1"),
    ("born_year", "1991"),
];

async fn claim(
    app: &TestApp,
    details: &[(&str, &str)],
    email: &str,
    password: &str,
) -> reqwest::Response {
    let mut form: Vec<(&str, &str)> = details.to_vec();
    form.push(("email", email));
    form.push(("password", password));
    app.post_form("/api/account/claim", &form).await
}

fn with(
    details: &[(&'static str, &'static str)],
    field: &str,
    value: &'static str,
) -> Vec<(&'static str, &'static str)> {
    details
        .iter()
        .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
        .collect()
}

async fn count_accounts(app: &TestApp) -> i64 {
    app::db_run!(&app.state.db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from accounts")
            .fetch_one(pool)
            .await
    })
    .expect("count")
}

async fn each_claim_mismatch_gets_one_message_that_does_not_say_which_detail_was_wrong(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let before = count_accounts(&app).await;
    let mut messages = Vec::new();
    for (field, wrong) in [
        ("reference", "TEN-100005"),
        ("postcode", "NG9 4CD"),
        ("born_day", "10"),
    ] {
        let response = claim(
            &app,
            &with(&JAMAL, field, wrong),
            "jamal@example.net",
            "three random words",
        )
        .await;
        assert_eq!(location(&response), "/claim-account", "{field}");
        let (_, body) = app.page("/claim-account").await;
        assert!(
            body.contains("<title>Error: Set up your account"),
            "{field}"
        );
        assert!(
            body.contains("value=\"jamal@example.net\""),
            "what was typed comes back"
        );
        assert!(
            !body.contains("three random words"),
            "the password never comes back"
        );
        let start = body.find("We could not match").expect("the message");
        messages.push(body[start..start + 150].to_owned());
    }
    assert!(
        messages.windows(2).all(|w| w[0] == w[1]),
        "one message for every mismatch"
    );
    assert_eq!(count_accounts(&app).await, before);
    assert_eq!(app.emails_to("jamal@example.net").await, 0);
}

async fn a_matching_claim_emails_a_link_that_confirms_the_account_and_signs_in(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let response = claim(&app, &JAMAL, "Jamal.Reid@Example.net", "three random words").await;
    assert_eq!(location(&response), "/check-your-email");
    let email = app
        .last_email_to("jamal.reid@example.net")
        .await
        .expect("a confirmation email");
    assert_eq!(email.subject, "Confirm your Doorstep account");
    let link = app.link_in(&email, "/claim-account/confirm?token=");
    // Following the link changes nothing by itself (mail scanners follow links).
    let (status, body) = app.page(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Finish setting up my account"));
    let token = hidden_value(&body, "token").expect("token");
    let confirmed = app
        .post_form("/api/account/confirm", &[("token", &token)])
        .await;
    assert_eq!(location(&confirmed), "/your-home");
    let (status, body) = app.page("/your-home").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Flat 4, Alder Court"));
    // The same link again is spent.
    let again = browser();
    let (_, body) = app.page(&link).await;
    assert!(body.contains("This link has expired or has already been used"));
    let reused = again
        .post(format!("{}/api/account/confirm", app.base))
        .form(&[("token", &token)])
        .send()
        .await
        .expect("post");
    assert_eq!(location(&reused), "/link-expired");
    // And the new password signs in from another browser.
    let other = app.another_browser();
    assert_eq!(
        location(
            &other
                .sign_in("jamal.reid@example.net", "three random words")
                .await
        ),
        "/your-home"
    );
}

async fn a_claim_for_someone_who_has_an_account_says_so_by_email_not_on_screen(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let amira = [
        ("reference", "TEN-100001"),
        ("postcode", "NG9 4AB"),
        ("born_day", "14"),
        ("born_month", "3"),
        ("born_year", "1986"),
    ];
    let response = claim(
        &app,
        &amira,
        "someone.else@example.net",
        "three random words",
    )
    .await;
    assert_eq!(
        location(&response),
        "/check-your-email",
        "the same screen as a new claim"
    );
    let email = app
        .last_email_to("amira.hassan@example.org")
        .await
        .expect("email to the holder");
    assert_eq!(email.subject, "You already have a Doorstep account");
    assert!(email.body.contains("/reset-password"));
    assert_eq!(app.emails_to("someone.else@example.net").await, 0);
}

async fn a_claim_with_an_email_that_another_account_uses_creates_nothing(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let before = count_accounts(&app).await;
    let response = claim(
        &app,
        &JAMAL,
        "tom.bennett@example.org",
        "three random words",
    )
    .await;
    assert_eq!(location(&response), "/check-your-email");
    assert_eq!(count_accounts(&app).await, before);
    let email = app
        .last_email_to("tom.bennett@example.org")
        .await
        .expect("email");
    assert_eq!(
        email.subject,
        "Someone tried to use this email address on Doorstep"
    );
}

async fn an_unconfirmed_account_cannot_sign_in(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    claim(&app, &JAMAL, "jamal@example.net", "three random words").await;
    let response = app.sign_in("jamal@example.net", "three random words").await;
    assert_eq!(location(&response), "/sign-in");
    // Claiming again before confirming replaces the pending details and sends a new link.
    claim(&app, &JAMAL, "jamal2@example.net", "four random words now").await;
    let email = app
        .last_email_to("jamal2@example.net")
        .await
        .expect("second link");
    let link = app.link_in(&email, "/claim-account/confirm?token=");
    let (_, body) = app.page(&link).await;
    let token = hidden_value(&body, "token").expect("token");
    app.post_form("/api/account/confirm", &[("token", &token)])
        .await;
    let fresh = app.another_browser();
    assert_eq!(
        location(
            &fresh
                .sign_in("jamal2@example.net", "four random words now")
                .await
        ),
        "/your-home"
    );
    assert_eq!(
        location(
            &fresh
                .sign_in("jamal@example.net", "three random words")
                .await
        ),
        "/sign-in"
    );
}

async fn fail(app: &TestApp, email: &str, times: usize) {
    for _ in 0..times {
        let response = app.sign_in(email, "not the password").await;
        assert_eq!(location(&response), "/sign-in");
    }
}

async fn sign_in_message(app: &TestApp) -> String {
    let (_, body) = app.page("/sign-in").await;
    let start = body.find("class=\"error-message\"").unwrap_or(0);
    body[start..(start + 300).min(body.len())].to_owned()
}

async fn five_failed_sign_ins_make_the_next_attempts_wait_and_tell_the_account_holder(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    fail(&app, "amira.hassan@example.org", 4).await;
    assert!(sign_in_message(&app).await.contains("is not right"));
    assert_eq!(app.emails_to("amira.hassan@example.org").await, 0);
    fail(&app, "amira.hassan@example.org", 1).await;
    let warning = app
        .last_email_to("amira.hassan@example.org")
        .await
        .expect("warning email");
    assert!(warning.subject.contains("failed attempts"));
    // Now even the right password has to wait.
    app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await;
    assert!(sign_in_message(&app)
        .await
        .contains("too many attempts to sign in with this email address"));
    let (status, _) = app.page("/your-home").await;
    assert_ne!(status, StatusCode::OK);
}

async fn the_wait_ends_and_a_right_password_then_works(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    fail(&app, "amira.hassan@example.org", 6).await;
    // Move the end of the wait into the past, as if the minutes had gone by.
    app.execute("update sign_in_throttles set blocked_until = updated_at")
        .await;
    let response = app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await;
    assert_eq!(location(&response), "/your-home");
}

async fn an_unknown_email_is_held_back_exactly_like_a_real_one(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    fail(&app, "nobody@example.net", 5).await;
    app.sign_in("nobody@example.net", "anything at all").await;
    assert!(sign_in_message(&app)
        .await
        .contains("too many attempts to sign in with this email address"));
}

async fn a_device_that_signed_in_before_is_not_held_back_but_another_browser_at_its_address_is(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    // Tom has signed in with this browser before, which now carries his device cookie...
    assert_eq!(
        location(&app.sign_in("tom.bennett@example.org", DEMO_PASSWORD).await),
        "/your-home"
    );
    app.post_form("/api/session/sign-out", &[]).await;
    // ...and someone else at the same address (a shared house, an office) guesses.
    let guesser = app.another_browser();
    fail(&guesser, "tom.bennett@example.org", 7).await;
    // The same address is no longer enough: the guesser's browser waits, even with the right
    // password...
    guesser
        .sign_in("tom.bennett@example.org", DEMO_PASSWORD)
        .await;
    assert!(sign_in_message(&guesser)
        .await
        .contains("too many attempts to sign in with this email address"));
    // ...while Tom's own browser is not locked out.
    assert_eq!(
        location(&app.sign_in("tom.bennett@example.org", DEMO_PASSWORD).await),
        "/your-home"
    );
}

async fn a_trusted_device_that_keeps_failing_is_trusted_no_more(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    assert_eq!(
        location(&app.sign_in("tom.bennett@example.org", DEMO_PASSWORD).await),
        "/your-home"
    );
    app.post_form("/api/session/sign-out", &[]).await;
    // A stolen or shared device cookie is no way round the delay: five wrong passwords from
    // the trusted browser itself and it is an ordinary browser again.
    fail(&app, "tom.bennett@example.org", 5).await;
    app.sign_in("tom.bennett@example.org", DEMO_PASSWORD).await;
    assert!(sign_in_message(&app)
        .await
        .contains("too many attempts to sign in with this email address"));
}

async fn claim_from(
    app: &TestApp,
    address: &str,
    details: &[(&str, &str)],
    email: &str,
) -> reqwest::Response {
    let mut form: Vec<(&str, &str)> = details.to_vec();
    form.push(("email", email));
    form.push(("password", "three random words"));
    app.client
        .post(format!("{}/api/account/claim", app.base))
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, &app.base)
        .header("x-forwarded-for", address)
        .form(&form)
        .send()
        .await
        .expect("request")
}

async fn claim_message(app: &TestApp) -> String {
    let (_, body) = app.page("/claim-account").await;
    let start = body.find("class=\"error-message\"").unwrap_or(0);
    body[start..(start + 400).min(body.len())].to_owned()
}

async fn claims_count_against_the_address_limit(engine: Engine) {
    let Some(app) = spawn_app_configured(engine, |c| c.sign_in_address_limit = 5).await else {
        return;
    };
    // Five claims with different references (so no one reference's wait starts)...
    for i in 0..5 {
        let reference = format!("TEN-9{i:05}");
        let details = with_owned(&JAMAL, "reference", &reference);
        claim(&app, &details, "someone@example.net", "three random words").await;
        assert!(claim_message(&app).await.contains("could not match"), "{i}");
    }
    // ...and the sixth from the same address is refused, even with the right details.
    let response = claim(&app, &JAMAL, "someone@example.net", "three random words").await;
    assert_eq!(location(&response), "/claim-account");
    assert!(claim_message(&app)
        .await
        .contains("too many attempts from your internet connection"));
    assert_eq!(count_accounts_for(&app, "someone@example.net").await, 0);
}

fn with_owned<'a>(
    details: &[(&'a str, &'a str)],
    field: &str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    details
        .iter()
        .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
        .collect()
}

async fn count_accounts_for(app: &TestApp, email: &str) -> i64 {
    crate::common::scalar(
        app,
        &format!("select count(*) from accounts where email = '{email}'"),
    )
    .await
}

async fn guessing_a_date_of_birth_waits_per_reference_from_any_address_and_the_tenant_is_told(
    engine: Engine,
) {
    let Some(app) = spawn_app_configured(engine, |c| c.trust_proxy = true).await else {
        return;
    };
    let jamal = crate::common::person_on(&app, "TEN-100004").await;
    // Three wrong dates of birth, each from a different address, as a spread-out attack would.
    for (i, year) in ["1990", "1992", "1993"].into_iter().enumerate() {
        let details = with_owned(&JAMAL, "born_year", year);
        let address = format!("203.0.113.{}", i + 1);
        claim_from(&app, &address, &details, "attacker@example.net").await;
        assert!(claim_message(&app).await.contains("could not match"), "{i}");
    }
    // The fourth, from yet another address and now with the right date, has to wait.
    let response = claim_from(&app, "198.51.100.9", &JAMAL, "attacker@example.net").await;
    assert_eq!(location(&response), "/claim-account");
    assert!(claim_message(&app)
        .await
        .contains("too many attempts to set up an account with this reference"));
    assert_eq!(count_accounts_for(&app, "attacker@example.net").await, 0);
    assert_eq!(app.emails_to("attacker@example.net").await, 0);
    // Jamal hears of it, once, through the details the landlord holds.
    let told = format!(
        "select count(*) from messages where person_id = {jamal} \
         and subject like 'Attempts to set up an online account%'"
    );
    assert_eq!(crate::common::scalar(&app, &told).await, 1);
    let email = app
        .last_email_to("jamal.reid@example.org")
        .await
        .expect("Jamal is emailed at the address on record");
    assert!(email.body.contains("TEN-100004"), "{}", email.body);
    // More guesses do not send more messages the same day.
    claim_from(&app, "198.51.100.10", &JAMAL, "attacker@example.net").await;
    assert_eq!(crate::common::scalar(&app, &told).await, 1);
    // Once the wait is over (moved into the past here) the right details work again.
    app.execute("update claim_throttles set blocked_until = '2000-01-01T00:00:00Z'")
        .await;
    let response = claim_from(&app, "198.51.100.11", &JAMAL, "jamal.reid@example.org").await;
    assert_eq!(location(&response), "/check-your-email");
}

async fn a_matching_claim_with_a_new_email_tells_the_person_through_the_details_on_record(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let response = claim(
        &app,
        &JAMAL,
        "someone.else@example.net",
        "three random words",
    )
    .await;
    assert_eq!(location(&response), "/check-your-email");
    let warning = app
        .last_email_to("jamal.reid@example.org")
        .await
        .expect("a warning to the email on record");
    assert!(warning.subject.contains("set up an online account for you"));
    assert!(warning.body.contains("s…@example.net"), "{}", warning.body);
    assert!(!warning.body.contains("someone.else@example.net"));
    // A claim with the address on record needs no separate warning: the link goes there.
    let other = app.another_browser();
    let details = [
        ("reference", "TEN-100005"),
        ("postcode", "NG9 4AB"),
        ("born_day", "30"),
        ("born_month", "8"),
        ("born_year", "1983"),
    ];
    claim(
        &other,
        &details,
        "siobhan.kelly@example.org",
        "three random words",
    )
    .await;
    let emails = app.emails_to("siobhan.kelly@example.org").await;
    assert_eq!(emails, 1, "only the confirmation link");
}

async fn a_pending_claim_taken_over_by_another_email_tells_the_first(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    claim(
        &app,
        &JAMAL,
        "jamal.first@example.net",
        "three random words",
    )
    .await;
    assert_eq!(app.emails_to("jamal.first@example.net").await, 1);
    claim(
        &app,
        &JAMAL,
        "jamal.second@example.net",
        "three random words",
    )
    .await;
    let told = app
        .last_email_to("jamal.first@example.net")
        .await
        .expect("the first claimant is told");
    assert!(
        told.subject.contains("another email address"),
        "{}",
        told.subject
    );
}

async fn request_reset(app: &TestApp, email: &str) -> String {
    let response = app
        .post_form("/api/account/reset", &[("email", email)])
        .await;
    assert_eq!(location(&response), "/check-your-email");
    let message = app
        .email_arriving(email, "Reset your Doorstep password")
        .await;
    app.link_in(&message, "/reset-password/new?token=")
}

async fn the_full_reset_journey_goes_through_the_outbox_and_ends_every_other_session(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let elsewhere = app.another_browser();
    elsewhere
        .sign_in("margaret.lewis@example.org", DEMO_PASSWORD)
        .await;
    assert_eq!(elsewhere.page("/your-home").await.0, StatusCode::OK);
    fail(&app, "margaret.lewis@example.org", 6).await;

    let link = request_reset(&app, "margaret.lewis@example.org").await;
    let (status, body) = app.page(&link).await;
    assert_eq!(status, StatusCode::OK);
    let token = hidden_value(&body, "token").expect("token");
    let saved = app
        .post_form(
            "/api/account/new-password",
            &[
                ("token", &token),
                ("purpose", "reset_password"),
                ("password", "a much longer passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&saved), "/sign-in?done=password-changed");
    let (_, body) = app.page("/sign-in?done=password-changed").await;
    assert!(body.contains("Your password has been changed"));
    assert!(app
        .last_email_to("margaret.lewis@example.org")
        .await
        .is_some_and(|e| e.subject == "Your Doorstep password has changed"));

    // The other browser is signed out; the old password is dead; the new one works at once
    // (the reset also ended the wait the failures had set off).
    let after = elsewhere.get("/your-home").await;
    assert_eq!(location(&after), "/sign-in?next=%2Fyour-home");
    assert_eq!(
        location(
            &app.sign_in("margaret.lewis@example.org", DEMO_PASSWORD)
                .await
        ),
        "/sign-in"
    );
    assert_eq!(
        location(
            &app.sign_in("margaret.lewis@example.org", "a much longer passphrase")
                .await
        ),
        "/your-home"
    );
}

async fn a_reset_link_works_once_and_not_after_an_hour(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let link = request_reset(&app, "tom.bennett@example.org").await;
    let token = link.rsplit('=').next().expect("token").to_owned();
    let form = |password: &'static str| {
        [
            ("token", token.clone()),
            ("purpose", "reset_password".into()),
            ("password", password.into()),
        ]
    };
    let first = app
        .client
        .post(format!("{}/api/account/new-password", app.base))
        .form(&form("first new passphrase"))
        .send()
        .await
        .expect("post");
    assert_eq!(location(&first), "/sign-in?done=password-changed");
    let second = app
        .client
        .post(format!("{}/api/account/new-password", app.base))
        .form(&form("second new passphrase"))
        .send()
        .await
        .expect("post");
    assert_eq!(location(&second), "/link-expired");
    assert!(app
        .page(&link)
        .await
        .1
        .contains("This link has expired or has already been used"));

    let link = request_reset(&app, "tom.bennett@example.org").await;
    app.execute("update account_tokens set expires_at = created_at")
        .await;
    assert!(app
        .page(&link)
        .await
        .1
        .contains("This link has expired or has already been used"));
    let token = link.rsplit('=').next().expect("token").to_owned();
    let late = app
        .post_form(
            "/api/account/new-password",
            &[
                ("token", &token),
                ("purpose", "reset_password"),
                ("password", "too late passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&late), "/link-expired");
    assert_eq!(
        location(
            &app.sign_in("tom.bennett@example.org", "first new passphrase")
                .await
        ),
        "/your-home"
    );
}

async fn a_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let response = app
        .post_form("/api/account/reset", &[("email", "nobody@example.net")])
        .await;
    assert_eq!(location(&response), "/check-your-email");
    // The lookup happens after the answer; once it is done (its audit line), nothing was sent.
    let done = "select count(*) from audit_events where action = 'reset_requested'";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while crate::common::scalar(&app, done).await == 0 {
        assert!(std::time::Instant::now() < deadline, "the lookup finishes");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(app.emails_to("nobody@example.net").await, 0);
    let response = app
        .post_form("/api/account/reset", &[("email", "not an email")])
        .await;
    assert_eq!(location(&response), "/reset-password");
    assert!(app
        .page("/reset-password")
        .await
        .1
        .contains("Enter an email address in the correct format"));
}

async fn a_weak_new_password_is_refused_and_the_link_still_works(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let link = request_reset(&app, "helen.carter@example.org").await;
    let token = link.rsplit('=').next().expect("token").to_owned();
    for weak in ["short", "password123", "helen.carter"] {
        let response = app
            .post_form(
                "/api/account/new-password",
                &[
                    ("token", &token),
                    ("purpose", "reset_password"),
                    ("password", weak),
                ],
            )
            .await;
        assert_eq!(location(&response), link, "{weak}");
        let (_, body) = app.page(&link).await;
        assert!(
            body.contains("<title>Error: Choose a new password"),
            "{weak}"
        );
    }
    let response = app
        .post_form(
            "/api/account/new-password",
            &[
                ("token", &token),
                ("purpose", "reset_password"),
                ("password", "kettle umbrella giraffe"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/sign-in?done=password-changed");
}

async fn changing_your_password_keeps_this_session_and_ends_the_others(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let other = app.another_browser();
    other
        .sign_in("amira.hassan@example.org", DEMO_PASSWORD)
        .await;
    app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await;
    let wrong = app
        .post_form(
            "/api/account/change-password",
            &[("current_password", "wrong"), ("new_password", "x")],
        )
        .await;
    assert_eq!(location(&wrong), "/account");
    let (_, body) = app.page("/account").await;
    assert!(body.contains("Your current password is not right"));
    assert!(body.contains("Your password must be at least 8 characters"));
    let done = app
        .post_form(
            "/api/account/change-password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "lighthouse marmalade"),
            ],
        )
        .await;
    assert_eq!(location(&done), "/account?done=password-changed");
    assert_eq!(app.page("/account").await.0, StatusCode::OK);
    assert_eq!(
        location(&other.get("/account").await),
        "/sign-in?next=%2Faccount"
    );
}

async fn changing_your_email_waits_for_the_link_sent_to_the_new_address(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    app.sign_in("daniel.okafor@example.org", DEMO_PASSWORD)
        .await;
    let response = app
        .post_form(
            "/api/account/change-email",
            &[("email", "dan@example.net"), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(location(&response), "/account?done=email-sent");
    assert!(
        app.page("/account")
            .await
            .1
            .contains("daniel.okafor@example.org"),
        "not changed yet"
    );
    let email = app
        .last_email_to("dan@example.net")
        .await
        .expect("confirmation");
    let link = app.link_in(&email, "/account/confirm-email?token=");
    let (_, body) = app.page(&link).await;
    let token = hidden_value(&body, "token").expect("token");
    let confirmed = app
        .post_form("/api/account/confirm-email", &[("token", &token)])
        .await;
    assert_eq!(location(&confirmed), "/account?done=email-changed");
    assert!(app.page("/account").await.1.contains("dan@example.net"));
    let notice = app
        .last_email_to("daniel.okafor@example.org")
        .await
        .expect("notice to the old address");
    assert!(notice.subject.contains("has changed"));
    // Another account's email cannot be taken, and the page does not say whose it is.
    let taken = app
        .post_form(
            "/api/account/change-email",
            &[
                ("email", "amira.hassan@example.org"),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(location(&taken), "/account?done=email-sent");
    assert!(account_by_email(&app.state.db, "amira.hassan@example.org")
        .await
        .expect("db")
        .is_some_and(|a| a.display_name == "Amira Hassan"));
}

async fn signing_out_everywhere_ends_every_session(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let other = app.another_browser();
    other
        .sign_in("tom.bennett@example.org", DEMO_PASSWORD)
        .await;
    app.sign_in("tom.bennett@example.org", DEMO_PASSWORD).await;
    let response = app.post_form("/api/account/sign-out-everywhere", &[]).await;
    assert_eq!(location(&response), "/signed-out");
    assert_eq!(
        location(&app.get("/your-home").await),
        "/sign-in?next=%2Fyour-home"
    );
    assert_eq!(
        location(&other.get("/your-home").await),
        "/sign-in?next=%2Fyour-home"
    );
}

async fn your_account_lists_recent_sign_ins_and_failures(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    fail(&app, "helen.carter@example.org", 2).await;
    app.sign_in("helen.carter@example.org", DEMO_PASSWORD).await;
    let (status, body) = app.page("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("helen.carter@example.org"));
    assert_eq!(body.matches("<td>Wrong password</td>").count(), 2);
    assert_eq!(body.matches("<td>Signed in</td>").count(), 1);
    assert!(body.contains("<td>127.0.0.1</td>"));
}

async fn invite(app: &TestApp, name: &str, email: &str, role: &str) -> reqwest::Response {
    app.post_form(
        "/api/admin/staff/create",
        &[("name", name), ("email", email), ("role", role)],
    )
    .await
}

async fn an_administrator_invites_a_colleague_who_sets_a_password_and_signs_in(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    app.sign_in("alex.kim@staff.example.org", DEMO_PASSWORD)
        .await;
    let refused = invite(&app, "", "not-an-email", "tenant").await;
    assert_eq!(location(&refused), "/admin/staff");
    let (_, body) = app.page("/admin/staff").await;
    assert!(
        body.contains("Enter the colleague&#x27;s full name")
            || body.contains("Enter the colleague's full name")
    );
    assert!(body.contains("Choose the colleague"));
    let created = invite(
        &app,
        "Nia Roberts",
        "nia.roberts@staff.example.org",
        "repairs_planner",
    )
    .await;
    assert_eq!(location(&created), "/admin/staff?done=invited");
    assert!(app.page("/admin/staff").await.1.contains("Nia Roberts"));
    let email = app
        .last_email_to("nia.roberts@staff.example.org")
        .await
        .expect("invitation");
    let link = app.link_in(&email, "/set-password?token=");
    let nia = app.another_browser();
    assert_eq!(
        location(&nia.sign_in("nia.roberts@staff.example.org", "").await),
        "/sign-in"
    );
    let (_, body) = nia.page(&link).await;
    assert!(body.contains("Choose your password"));
    let token = hidden_value(&body, "token").expect("token");
    let saved = nia
        .post_form(
            "/api/account/new-password",
            &[
                ("token", &token),
                ("purpose", "set_password"),
                ("password", "seaside crocus lantern"),
            ],
        )
        .await;
    assert_eq!(location(&saved), "/sign-in?done=password-changed");
    assert_eq!(
        location(
            &nia.sign_in("nia.roberts@staff.example.org", "seaside crocus lantern")
                .await
        ),
        "/your-home"
    );
    let (_, trail) = app.page("/admin/audit").await;
    assert!(trail.contains("staff created"));
    assert!(trail.contains("password set"));
}

async fn a_role_change_or_disabling_ends_the_colleagues_sessions(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let chris = app.another_browser();
    chris
        .sign_in("chris.morgan@staff.example.org", DEMO_PASSWORD)
        .await;
    assert_eq!(chris.page("/account").await.0, StatusCode::OK);
    app.sign_in("alex.kim@staff.example.org", DEMO_PASSWORD)
        .await;
    let id = account_by_email(&app.state.db, "chris.morgan@staff.example.org")
        .await
        .expect("db")
        .expect("chris")
        .id
        .to_string();
    let changed = app
        .post_form(
            "/api/admin/staff/change",
            &[("id", &id), ("role", "manager")],
        )
        .await;
    assert_eq!(location(&changed), "/admin/staff?done=changed");
    assert_eq!(
        location(&chris.get("/account").await),
        "/sign-in?next=%2Faccount"
    );
    assert_eq!(
        location(
            &chris
                .sign_in("chris.morgan@staff.example.org", DEMO_PASSWORD)
                .await
        ),
        "/your-home"
    );
    app.post_form(
        "/api/admin/staff/change",
        &[("id", &id), ("disabled", "true")],
    )
    .await;
    assert_eq!(
        location(&chris.get("/account").await),
        "/sign-in?next=%2Faccount"
    );
    assert_eq!(
        location(
            &chris
                .sign_in("chris.morgan@staff.example.org", DEMO_PASSWORD)
                .await
        ),
        "/sign-in"
    );
    app.post_form(
        "/api/admin/staff/change",
        &[("id", &id), ("disabled", "false")],
    )
    .await;
    assert_eq!(
        location(
            &chris
                .sign_in("chris.morgan@staff.example.org", DEMO_PASSWORD)
                .await
        ),
        "/your-home"
    );
    // An administrator cannot change their own account from here.
    let own = account_by_email(&app.state.db, "alex.kim@staff.example.org")
        .await
        .expect("db")
        .expect("alex")
        .id
        .to_string();
    let refused = app
        .post_form(
            "/api/admin/staff/change",
            &[("id", &own), ("disabled", "true")],
        )
        .await;
    assert_eq!(location(&refused), "/problem/bad-request");
    assert_eq!(
        app.page("/problem/bad-request").await.0,
        StatusCode::BAD_REQUEST
    );
    let (_, trail) = app.page("/admin/audit").await;
    assert!(trail.contains("role changed"));
    assert!(trail.contains("customer_services to manager"));
    assert!(trail.contains("account disabled"));
}

/// Who may call what: `None` means signed out.
async fn caller(app: &TestApp, email: Option<&str>) -> TestApp {
    let client = app.another_browser();
    if let Some(email) = email {
        assert_eq!(
            location(&client.sign_in(email, DEMO_PASSWORD).await),
            "/your-home"
        );
    }
    client
}

async fn only_administrators_reach_staff_accounts_and_the_audit_trail(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let admin = caller(&app, Some("alex.kim@staff.example.org")).await;
    for path in ["/admin/staff", "/admin/audit"] {
        assert_eq!(admin.page(path).await.0, StatusCode::OK, "{path}");
    }
    for email in [
        "amira.hassan@example.org",
        "priya.shah@advice.example.org",
        "fiona.reid@staff.example.org",
        "chris.morgan@staff.example.org",
    ] {
        let other = caller(&app, Some(email)).await;
        for path in ["/admin/staff", "/admin/audit"] {
            assert_eq!(
                other.page(path).await.0,
                StatusCode::NOT_FOUND,
                "{email} {path}"
            );
        }
        let id = account_by_email(&app.state.db, "sunita.patel@staff.example.org")
            .await
            .expect("db")
            .expect("s")
            .id
            .to_string();
        for (path, form) in [
            (
                "/api/admin/staff/create",
                vec![
                    ("name", "X Y"),
                    ("email", "x@y.example"),
                    ("role", "administrator"),
                ],
            ),
            (
                "/api/admin/staff/change",
                vec![("id", id.as_str()), ("role", "administrator")],
            ),
        ] {
            let response = other.post_form(path, &form).await;
            assert_eq!(location(&response), "/problem/not-found", "{email} {path}");
        }
    }
    assert!(account_by_email(&app.state.db, "x@y.example")
        .await
        .expect("db")
        .is_none());
    let stranger = caller(&app, None).await;
    assert_eq!(
        location(&stranger.get("/admin/staff").await),
        "/sign-in?next=%2Fadmin%2Fstaff"
    );
}

async fn every_resident_endpoint_refuses_other_residents_advocates_and_strangers(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    // Amira's own data: her home, her account, a message she sent.
    let amira = caller(&app, Some("amira.hassan@example.org")).await;
    let token = amira.contact_token().await;
    let sent = amira
        .post_form(
            "/api/contact/send",
            &[
                ("token", &token),
                ("name", "Amira Hassan"),
                ("email", "amira.hassan@example.org"),
                ("message", "About my boiler"),
            ],
        )
        .await;
    let sent_page = location(&sent);
    assert!(sent_page.starts_with("/contact/sent/CM-"));
    assert_eq!(amira.page(&sent_page).await.0, StatusCode::OK);
    let (_, home) = amira.page("/your-home").await;
    assert!(home.contains("Flat 1, Alder Court"));

    for who in [
        Some("daniel.okafor@example.org"),
        Some("priya.shah@advice.example.org"),
        None,
    ] {
        let other = caller(&app, who).await;
        assert_eq!(
            other.page(&sent_page).await.0,
            StatusCode::NOT_FOUND,
            "{who:?} reads the message"
        );
        let response = other.get("/your-home").await;
        let body = response.text().await.expect("body");
        assert!(
            !body.contains("Flat 1, Alder Court"),
            "{who:?} sees Amira's home"
        );
        let api = other
            .client
            .post(format!("{}/api/home/yours", app.base))
            .header(header::ORIGIN, &app.base)
            .send()
            .await
            .expect("post");
        let text = api.text().await.expect("body");
        assert!(
            !text.contains("Flat 1, Alder Court") && !text.contains("Amira"),
            "{who:?}: {text}"
        );
        let account = other.get("/account").await;
        if who.is_none() {
            assert_eq!(location(&account), "/sign-in?next=%2Faccount");
        } else {
            assert!(!account
                .text()
                .await
                .expect("body")
                .contains("amira.hassan@example.org"));
        }
    }
}

async fn pages_carry_a_nonce_policy_and_are_never_cached(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let response = app.get("/sign-in").await;
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("csp")
        .to_owned();
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let body = response.text().await.expect("body");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce");
    assert!(nonce.len() >= 16);
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry the same nonce"
    );
    for part in [
        "'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(part), "{part} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"));
    let again = app.get("/sign-in").await;
    assert_ne!(
        again.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("csp"),
        policy,
        "a new nonce each time"
    );
}

async fn account_forms_posted_from_another_site_are_refused(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    for path in [
        "/api/session/sign-in",
        "/api/account/claim",
        "/api/account/reset",
        "/api/account/sign-out-everywhere",
        "/api/admin/staff/create",
    ] {
        let response = app
            .client
            .post(format!("{}{path}", app.base))
            .header(header::ORIGIN, "https://evil.example")
            .form(&[
                ("email", "amira.hassan@example.org"),
                ("password", DEMO_PASSWORD),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(app.emails_to("amira.hassan@example.org").await, 0);
}

async fn too_many_attempts_from_one_address_are_refused_for_a_while(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    // Fifty attempts (with different emails, so the per-email delay never starts).
    for i in 0..50 {
        let email = format!("guess{i}@example.net");
        app.sign_in(&email, "wrong").await;
        assert!(
            sign_in_message(&app).await.contains("is not right"),
            "attempt {i}"
        );
    }
    assert_eq!(
        location(&app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await),
        "/sign-in"
    );
    assert!(sign_in_message(&app)
        .await
        .contains("too many attempts to sign in from your internet connection"));
    // A new window starts once the old one is fifteen minutes old.
    app.execute("update address_throttles set window_started_at = '2000-01-01T00:00:00Z'")
        .await;
    assert_eq!(
        location(&app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await),
        "/your-home"
    );
}

async fn queued_email_is_written_as_an_eml_file_even_if_queued_before_the_server_started(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    // A row written straight into the outbox, as if the server had stopped before sending it.
    let id = app::server::db::outbox::enqueue(
        &app.state.db,
        "someone@example.net",
        "Queued before",
        "Hello,\nthis waited in the outbox.",
        chrono::Utc::now(),
    )
    .await
    .expect("queue");
    let file = app.outbox_dir.join(format!("{id:08}.eml"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !file.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "{} was never written",
            file.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let text = std::fs::read_to_string(&file).expect("eml");
    let (headers, body) = text.split_once("\r\n\r\n").expect("headers, then the body");
    assert!(
        headers.starts_with("From: \"Northfield Homes\" <help@northfield-homes.example>\r\n")
            || headers.starts_with("From: Northfield Homes <help@northfield-homes.example>\r\n"),
        "{headers}"
    );
    assert!(headers.contains("To: someone@example.net\r\n"));
    assert!(headers.contains("Subject: Queued before\r\n"));
    assert!(headers.contains("Content-Type: multipart/alternative"));
    // The words as written in the plain part, and again in the HTML part.
    assert!(
        body.contains("Hello,\r\nthis waited in the outbox."),
        "{body}"
    );
    assert!(
        body.contains("<p style=3D\"margin:0 0 16px\">Hello,<br>"),
        "{body}"
    );
    // It is marked sent, so it is not sent again.
    let sent = app.last_email_to("someone@example.net").await.expect("row");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let mut sent_at = sent.sent_at;
    while sent_at.is_none() {
        assert!(std::time::Instant::now() < deadline, "never marked sent");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        sent_at = app
            .last_email_to("someone@example.net")
            .await
            .and_then(|e| e.sent_at);
    }
}

async fn stay_signed_in_answers_only_a_signed_in_session(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    assert_eq!(
        app.get("/session/keep-alive").await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await;
    let response = app.get("/session/keep-alive").await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(
        response.headers().contains_key(header::SET_COOKIE),
        "the session was written"
    );
    let (_, home) = app.page("/your-home").await;
    assert!(
        home.contains("id=\"idle-warning\""),
        "signed-in pages carry the warning"
    );
    // Ended elsewhere ("sign out everywhere" from another browser): no longer kept alive.
    let other = app.another_browser();
    other
        .sign_in("amira.hassan@example.org", DEMO_PASSWORD)
        .await;
    other
        .post_form("/api/account/sign-out-everywhere", &[])
        .await;
    assert_eq!(
        app.get("/session/keep-alive").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

/// The colleagues' resident search is a staff page like the others: signed out, sign in;
/// a resident or an advocate, "not found"; a colleague, the form.
async fn the_resident_search_is_for_colleagues_only(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let response = app.get("/staff/residents").await;
    assert!(
        location(&response).starts_with("/sign-in"),
        "{}",
        location(&response)
    );
    for email in ["amira.hassan@example.org", "priya.shah@advice.example.org"] {
        let outsider = app.another_browser();
        outsider.sign_in(email, DEMO_PASSWORD).await;
        let (status, page) = outsider.page("/staff/residents").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{email}");
        assert!(!page.contains("role=\"search\""), "{email}");
    }
    app.sign_in("chris.morgan@staff.example.org", DEMO_PASSWORD)
        .await;
    let (status, page) = app.page("/staff/residents").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Find a resident"));
}

async fn a_form_posted_after_the_session_ended_leads_to_sign_in(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let response = app
        .post_form(
            "/api/account/change-password",
            &[("current_password", "a"), ("new_password", "b")],
        )
        .await;
    assert_eq!(location(&response), "/sign-in");
}

/// A minimal SMTP server on a free port that records what it is sent. With `refuse`, it
/// answers every message with a temporary failure.
async fn fake_smtp(refuse: bool) -> (u16, std::sync::Arc<tokio::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received = std::sync::Arc::new(tokio::sync::Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 fake ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(message) = data.as_mut() {
                        if line == "." {
                            store.lock().await.push(data.take().unwrap_or_default());
                            let answer: &[u8] = if refuse {
                                b"451 try later\r\n"
                            } else {
                                b"250 queued\r\n"
                            };
                            let _ = write.write_all(answer).await;
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let answer: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 fake\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    let _ = write.write_all(answer).await;
                }
            });
        }
    });
    (port, received)
}

async fn smtp_app(port: u16) -> TestApp {
    let url = crate::common::fresh_database_url(Engine::Sqlite)
        .await
        .expect("sqlite");
    let mut config = crate::common::config(url, true);
    config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    crate::common::spawn_with(config).await
}

async fn wait_for(
    what: &str,
    mut done: impl FnMut() -> std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send>>,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done().await {
        assert!(std::time::Instant::now() < deadline, "{what}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn with_smtp_url_set_email_goes_to_the_smtp_server() {
    let (port, received) = fake_smtp(false).await;
    let app = smtp_app(port).await;
    app::server::db::outbox::enqueue(
        &app.state.db,
        "sam@example.net",
        "Over SMTP",
        "Sent by SMTP.",
        chrono::Utc::now(),
    )
    .await
    .expect("queue");
    let seen = received.clone();
    wait_for("the SMTP server never got the message", move || {
        let seen = seen.clone();
        Box::pin(async move { !seen.lock().await.is_empty() })
    })
    .await;
    let message = received.lock().await[0].clone();
    assert!(message.contains("Subject: Over SMTP"), "{message}");
    assert!(message.contains("To: sam@example.net"));
    let db = app.state.db.clone();
    wait_for("never marked sent", move || {
        let db = db.clone();
        Box::pin(async move {
            app::server::db::outbox::to_recipient(&db, "sam@example.net")
                .await
                .ok()
                .and_then(|m| m.into_iter().next())
                .is_some_and(|m| m.sent_at.is_some())
        })
    })
    .await;
    assert!(!app.outbox_dir.exists(), "no .eml files when SMTP is used");
}

#[tokio::test]
async fn a_refused_send_is_kept_and_retried_later() {
    let (port, received) = fake_smtp(true).await;
    let app = smtp_app(port).await;
    app::server::db::outbox::enqueue(
        &app.state.db,
        "sam@example.net",
        "Refused",
        "Try again.",
        chrono::Utc::now(),
    )
    .await
    .expect("queue");
    let seen = received.clone();
    wait_for("the SMTP server was never tried", move || {
        let seen = seen.clone();
        Box::pin(async move { !seen.lock().await.is_empty() })
    })
    .await;
    let db = app.state.db.clone();
    wait_for("the failure was never recorded", move || {
        let db = db.clone();
        Box::pin(async move {
            app::server::db::outbox::to_recipient(&db, "sam@example.net")
                .await
                .ok()
                .and_then(|m| m.into_iter().next())
                .is_some_and(|m| m.attempts == 1)
        })
    })
    .await;
    let row = app.last_email_to("sam@example.net").await.expect("row");
    assert!(row.sent_at.is_none(), "not marked sent");
    // The next attempt waits (30 s), so nothing more is due now.
    let claim = |at: chrono::DateTime<chrono::Utc>| {
        app::server::db::outbox::claim_batch(
            &app.state.db,
            at,
            at + chrono::Duration::minutes(5),
            10,
            "test-claim",
        )
    };
    assert!(claim(chrono::Utc::now()).await.expect("due").is_empty());
    assert_eq!(
        claim(chrono::Utc::now() + chrono::Duration::seconds(31))
            .await
            .expect("due")
            .len(),
        1
    );
}

async fn signing_in_returns_to_the_page_asked_for_and_only_on_this_site(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let asked = app.get("/admin/audit?page=1").await;
    let sign_in = location(&asked);
    assert_eq!(sign_in, "/sign-in?next=%2Fadmin%2Faudit%3Fpage%3D1");
    let (_, body) = app.page(&sign_in).await;
    assert_eq!(
        hidden_value(&body, "next").as_deref(),
        Some("/admin/audit?page=1")
    );
    // A wrong password keeps the page to return to.
    let wrong = app
        .post_form(
            "/api/session/sign-in",
            &[
                ("email", "alex.kim@staff.example.org"),
                ("password", "wrong"),
                ("next", "/admin/audit?page=1"),
            ],
        )
        .await;
    assert_eq!(location(&wrong), sign_in);
    let right = app
        .post_form(
            "/api/session/sign-in",
            &[
                ("email", "alex.kim@staff.example.org"),
                ("password", DEMO_PASSWORD),
                ("next", "/admin/audit?page=1"),
            ],
        )
        .await;
    assert_eq!(location(&right), "/admin/audit?page=1");
    // Anywhere else is ignored.
    for next in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        // Not visible ASCII: could not even go into a Location header.
        "/caf\u{e9}",
    ] {
        let other = app.another_browser();
        let response = other
            .post_form(
                "/api/session/sign-in",
                &[
                    ("email", "tom.bennett@example.org"),
                    ("password", DEMO_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(location(&response), "/your-home", "{next}");
    }
    let (_, body) = app
        .page("/sign-in?next=https%3A%2F%2Fevil.example%2F")
        .await;
    assert_eq!(hidden_value(&body, "next"), None);
}

/// The hang found under load: a signed-in resident idle for over a minute (when the session's
/// "seen" time is due to be rewritten) asked for a page whose form also reads the session, and
/// the page never answered. Moves the application clock a minute on, then asks for each page.
async fn pages_with_a_form_answer_a_resident_idle_past_the_minute_that_rewrites_their_session(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await;
    assert_eq!(app.page("/your-home").await.0, StatusCode::OK);
    // A minute passes: the application clock moves on instead of the test sleeping.
    app.state.clock.advance(chrono::Duration::seconds(61));
    for path in [
        "/contact",
        "/reset-password",
        "/sign-in",
        "/cases/new/complaint/what",
    ] {
        let answered =
            tokio::time::timeout(std::time::Duration::from_secs(10), app.get(path)).await;
        let response = answered.unwrap_or_else(|_| panic!("{path} never answered"));
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "{path}: {}",
            response.status()
        );
        // Each page pushed the idle time-out back once; the next is due in a minute again.
    }
    assert_eq!(app.page("/your-home").await.0, StatusCode::OK);
}

/// The session's "seen" time is rewritten once a minute of the application's clock, and a page
/// read within the minute writes nothing: what the test above relies on to reach the minute
/// without sleeping.
async fn a_page_rewrites_the_session_only_once_the_application_clock_passes_the_minute(
    engine: Engine,
) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await;
    assert_eq!(app.page("/your-home").await.0, StatusCode::OK);
    let before = stored_sessions(&app).await;
    assert_eq!(app.page("/your-home").await.0, StatusCode::OK);
    assert_eq!(stored_sessions(&app).await, before, "within the minute");
    app.state.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(app.page("/your-home").await.0, StatusCode::OK);
    assert_ne!(stored_sessions(&app).await, before, "past the minute");
}
