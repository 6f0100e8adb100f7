//! Residents giving and withdrawing permission to act for them, through the real server on
//! SQLite and PostgreSQL: the emailed invitation, accepting it with a new advocate's account,
//! acting within the scope and refused outside it, the end date, withdrawal at once, and links
//! that are expired, cancelled, used or opened by the wrong account.

use crate::common::{as_other, location, scalar, signed_in, spawn_app, text, Engine, TestApp};
use reqwest::StatusCode;

on_both_engines!(
    an_invited_advocate_acts_within_scope_until_the_resident_withdraws,
    invitation_links_work_once_for_the_invited_address_only,
);

const AMIRA: &str = "amira.hassan@example.org";
const TOM: &str = "tom.bennett@example.org";
const SAM: &str = "sam.carter@example.net";

async fn invite(app: &TestApp, form: &[(&str, &str)]) -> String {
    location(&app.post_form("/api/account/invite", form).await)
}

/// The invitation link in the newest email to `to`.
async fn link_for(app: &TestApp, to: &str) -> String {
    let email = app.last_email_to(to).await.expect("an invitation");
    app.link_in(&email, "/invitations/")
}

async fn person(app: &TestApp, tenancy: &str) -> i64 {
    app::server::db::repairs::person_on_tenancy(&app.state.db, tenancy)
        .await
        .expect("read")
        .expect("person")
}

async fn an_invited_advocate_acts_within_scope_until_the_resident_withdraws(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let (status, page) = app.page("/account/people").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Nobody can act for you at the moment"));
    // Every mistake at once, and nothing sent.
    let back = invite(
        &app,
        &[
            ("email", AMIRA),
            ("ends_day", "31"),
            ("ends_month", "2"),
            ("ends_year", "2030"),
        ],
    )
    .await;
    assert_eq!(back, "/account/people#invite");
    let (_, page) = app.page("/account/people").await;
    for message in [
        "Enter their full name",
        "not your own",
        "Select who they are to you",
        "Select what they may do for you",
        "Enter a real date",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert_eq!(
        scalar(&app, "select count(*) from permission_invitations").await,
        0
    );

    let done = invite(
        &app,
        &[
            ("name", "Sam Carter"),
            ("email", SAM),
            ("relationship", "relative"),
            ("scope", "complaints"),
        ],
    )
    .await;
    assert_eq!(done, "/account/people");
    let (_, page) = app.page("/account/people").await;
    assert!(page.contains("We have emailed an invitation to sam.carter@example.net"));
    assert!(page.contains("Invitations waiting") && page.contains("Sam Carter"));
    let link = link_for(&app, SAM).await;
    let token = link.trim_start_matches("/invitations/").to_owned();

    // Sam has no account: set one up on the invitation's page, a weak password first.
    let sam = app.another_browser();
    let (_, page) = sam.page(&link).await;
    assert!(page.contains("Amira Hassan has asked you to act for them"));
    assert!(page.contains("Set up your account to accept"));
    let response = sam
        .post_form(
            "/api/invitation/accept",
            &[
                ("token", &token),
                ("display_name", "Sam Carter"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(location(&response), link);
    let (_, page) = sam.page(&link).await;
    assert!(page.contains("There is a problem"));
    assert_eq!(
        scalar(&app, "select count(*) from advocate_permissions").await,
        0
    );
    sam.post_form(
        "/api/invitation/accept",
        &[
            ("token", &token),
            ("display_name", "Sam Carter"),
            ("password", "a long and memorable passphrase"),
        ],
    )
    .await;
    let (_, page) = sam.page(&link).await;
    assert!(page.contains("You can act for Amira Hassan"));
    assert_eq!(
        text(
            &app,
            &format!("select role from accounts where email = '{SAM}'")
        )
        .await,
        Some("advocate".into())
    );
    // Within scope: complaints for Amira. Outside it: her documents.
    let (_, cases) = sam.page("/cases").await;
    assert!(cases.contains("Make a complaint for Amira Hassan"));
    let (_, documents) = sam.page("/documents").await;
    assert!(documents.contains("Nobody has given you permission to read their documents"));
    let amira = person(&app, "TEN-100001").await;
    let (status, _) = sam.page(&format!("/documents?for={amira}")).await;
    assert_ne!(status, StatusCode::OK);
    let (status, _) = sam
        .page(&format!("/cases/new/complaint/what?person={amira}"))
        .await;
    assert_eq!(status, StatusCode::OK);

    // Amira sees Sam, and another resident cannot touch the permission.
    let (_, page) = app.page("/account/people").await;
    assert!(page.contains("Sam Carter, a relative or friend"));
    assert!(page.contains("Complaints and questions: No end date. Given on Doorstep"));
    let id = scalar(&app, "select id from advocate_permissions")
        .await
        .to_string();
    let tom = as_other(&app, TOM).await;
    let response = tom
        .post_form("/api/account/withdraw-permission", &[("id", &id)])
        .await;
    assert_ne!(location(&response), "/account/people");
    assert_eq!(
        scalar(
            &app,
            "select count(*) from advocate_permissions where withdrawn_at is null"
        )
        .await,
        1
    );
    // Withdrawn: at once, Sam can no longer act for her.
    let response = app
        .post_form("/api/account/withdraw-permission", &[("id", &id)])
        .await;
    assert_eq!(location(&response), "/account/people");
    let (_, page) = app.page("/account/people").await;
    assert!(page.contains("Permission withdrawn") && page.contains("Nobody can act for you"));
    let (_, cases) = sam.page("/cases").await;
    assert!(!cases.contains("Make a complaint for Amira Hassan"));
    let (status, _) = sam
        .page(&format!("/cases/new/complaint/what?person={amira}"))
        .await;
    assert_ne!(status, StatusCode::OK);
    assert_eq!(
        scalar(
            &app,
            "select count(*) from audit_events where action in ('permission_invited', 'permission_accepted', 'permission_withdrawn')"
        )
        .await,
        3
    );

    // An everything permission with a last day: in force until that day, then gone.
    invite(
        &app,
        &[
            ("name", "Sam Carter"),
            ("email", SAM),
            ("relationship", "relative"),
            ("scope", "everything"),
            ("ends_day", &crate::common::today_plus(10).0),
            ("ends_month", &crate::common::today_plus(10).1),
            ("ends_year", &crate::common::today_plus(10).2),
        ],
    )
    .await;
    let link = link_for(&app, SAM).await;
    let token = link.trim_start_matches("/invitations/").to_owned();
    sam.post_form("/api/invitation/accept", &[("token", &token)])
        .await;
    let (_, documents) = sam.page("/documents").await;
    assert!(documents.contains("Documents for Amira Hassan"));
    app.execute(
        "update advocate_permissions set ends_on = '2020-01-01' where withdrawn_at is null",
    )
    .await;
    let (_, documents) = sam.page("/documents").await;
    assert!(documents.contains("Nobody has given you permission to read their documents"));
    let (_, cases) = sam.page("/cases").await;
    assert!(!cases.contains("Make a complaint for Amira Hassan"));
}

async fn invitation_links_work_once_for_the_invited_address_only(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let send = |email: &'static str| {
        let app = &app;
        async move {
            invite(
                app,
                &[
                    ("name", "Someone"),
                    ("email", email),
                    ("relationship", "advice"),
                    ("scope", "documents"),
                ],
            )
            .await
        }
    };
    // A resident's email cannot be an advocate's: signed out it asks to sign in, signed in it
    // says why not, and accepting does nothing.
    send(TOM).await;
    let link = link_for(&app, TOM).await;
    let token = link.trim_start_matches("/invitations/").to_owned();
    let stranger = app.another_browser();
    let (_, page) = stranger.page(&link).await;
    assert!(page.contains("Sign in to accept"));
    let tom = as_other(&app, TOM).await;
    let (_, page) = tom.page(&link).await;
    assert!(page.contains("cannot act for someone else"));
    tom.post_form("/api/invitation/accept", &[("token", &token)])
        .await;
    assert_eq!(
        scalar(&app, "select count(*) from advocate_permissions").await,
        0
    );
    // Sending again replaces the first invitation: the old link stops working.
    send(SAM).await;
    let first = link_for(&app, SAM).await;
    send(SAM).await;
    let second = link_for(&app, SAM).await;
    assert_ne!(first, second);
    let (_, page) = stranger.page(&first).await;
    assert!(page.contains("This link does not work"));
    // Someone else signed in cannot take Sam's invitation.
    let (_, page) = tom.page(&second).await;
    assert!(page.contains("This invitation was sent to sam.carter@example.net"));
    // Cancelled by Amira: dead.
    let id = scalar(
        &app,
        "select id from permission_invitations where cancelled_at is null and email = 'sam.carter@example.net'",
    )
    .await
    .to_string();
    app.post_form("/api/account/cancel-invitation", &[("id", &id)])
        .await;
    let (_, page) = stranger.page(&second).await;
    assert!(page.contains("This link does not work"));
    // Expired: dead.
    send(SAM).await;
    let third = link_for(&app, SAM).await;
    let yesterday = chrono::Utc::now() - chrono::Duration::days(1);
    app::db_run!(&app.state.db, |pool| {
        sqlx::query(
            "update permission_invitations set expires_at = $1
             where cancelled_at is null and accepted_at is null",
        )
        .bind(yesterday)
        .execute(pool)
        .await
        .map(|_| ())
    })
    .expect("expired");
    let (_, page) = stranger.page(&third).await;
    assert!(page.contains("This link does not work"));
    // A used link says so, and using it again changes nothing.
    send(SAM).await;
    let fourth = link_for(&app, SAM).await;
    let token = fourth.trim_start_matches("/invitations/").to_owned();
    let form = [
        ("token", token.as_str()),
        ("display_name", "Sam Carter"),
        ("password", "a long and memorable passphrase"),
    ];
    stranger.post_form("/api/invitation/accept", &form).await;
    stranger.post_form("/api/invitation/accept", &form).await;
    let (_, page) = stranger.page(&fourth).await;
    assert!(page.contains("You can act for Amira Hassan"));
    assert_eq!(
        scalar(&app, "select count(*) from advocate_permissions").await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from accounts where email = '{SAM}'")
        )
        .await,
        1
    );
}
