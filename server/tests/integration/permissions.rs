//! Residents giving and withdrawing permission to act for them, through the real server on
//! SQLite and PostgreSQL: the emailed invitation, accepting it with a new advocate's account,
//! acting within the scope and refused outside it, the end date, withdrawal at once, and links
//! that are expired, cancelled, used or opened by the wrong account.

use crate::common::{
    as_other, location, person_on, scalar, signed_in, spawn_app, spawn_app_with_everything, text,
    Engine, TestApp,
};
use reqwest::StatusCode;

on_both_engines!(
    an_invited_advocate_acts_within_scope_until_the_resident_withdraws,
    invitation_links_work_once_for_the_invited_address_only,
    a_colleague_records_a_permission_given_on_paper_or_by_phone,
    every_scope_opens_exactly_its_kind_of_data_until_it_ends_or_is_withdrawn,
    invitations_are_few_a_day_and_carry_no_text_that_reads_as_a_link,
    a_cancelled_or_expired_invitation_creates_no_account,
);

const AMIRA: &str = "amira.hassan@example.org";
const TOM: &str = "tom.bennett@example.org";
const SAM: &str = "sam.carter@example.net";
const MARGARET: &str = "margaret.lewis@example.org";
const SERVICES: &str = "chris.morgan@staff.example.org";
const PLANNER: &str = "sunita.patel@staff.example.org";

async fn invite(app: &TestApp, form: &[(&str, &str)]) -> String {
    location(&app.post_form("/api/account/invite", form).await)
}

/// The invitation link in the newest email to `to`.
async fn link_for(app: &TestApp, to: &str) -> String {
    let email = app.last_email_to(to).await.expect("an invitation");
    app.link_in(&email, "/invitations/")
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
    let amira = person_on(&app, "TEN-100001").await;
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

fn pdf(words: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {words}\n%%EOF\n").into_bytes()
}

/// Posts the colleagues' permission form as a browser does (multipart, with its file input).
async fn record(
    app: &TestApp,
    person: i64,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> String {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    let (name, bytes) = file.unwrap_or(("", Vec::new()));
    form = form.part(
        "evidence",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    let response = app
        .client
        .post(format!("{}/staff/residents/{person}/permissions", app.base))
        .header(reqwest::header::ORIGIN, &app.base)
        .multipart(form)
        .send()
        .await
        .expect("record");
    location(&response)
}

async fn a_colleague_records_a_permission_given_on_paper_or_by_phone(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let amira = person_on(&app, "TEN-100001").await;
    let page_path = format!("/staff/residents/{amira}");
    let back = format!("{page_path}#people");
    signed_in(&app, SERVICES).await;
    let (_, page) = app.page(&page_path).await;
    assert!(page.contains("Record a permission Amira Hassan gave on paper or by phone"));

    // Every mistake at once; nothing recorded.
    assert_eq!(record(&app, amira, &[], None).await, back);
    let (_, page) = app.page(&page_path).await;
    for message in [
        "Enter their full name",
        "Enter their email address",
        "Select who they are to the resident",
        "Select what they may do",
        "Select how the resident gave permission",
        "Enter the last day the permission lasts",
    ] {
        assert!(page.contains(message), "{message}");
    }
    let (day, month, year) = crate::common::today_plus(200);
    let paper = [
        ("name", "Sam Carter"),
        ("email", "tom.bennett@example.org"),
        ("relationship", "support_worker"),
        ("scope", "repairs"),
        ("given_by", "paper"),
        ("permission_ends_day", day.as_str()),
        ("permission_ends_month", month.as_str()),
        ("permission_ends_year", year.as_str()),
    ];
    // A signed form is needed, and must be a PDF, JPEG or PNG by its bytes.
    record(&app, amira, &paper, None).await;
    let (_, page) = app.page(&page_path).await;
    assert!(page.contains("Upload the signed form"));
    record(
        &app,
        amira,
        &paper,
        Some(("form.pdf", b"just words".to_vec())),
    )
    .await;
    let (_, page) = app.page(&page_path).await;
    assert!(page.contains("The file must be a PDF, JPEG or PNG"));
    // A resident's address cannot be an advocate's; the good file is kept for the next try.
    let signed = pdf("signed authority");
    record(
        &app,
        amira,
        &paper,
        Some(("../Signed form.pdf", signed.clone())),
    )
    .await;
    let (_, page) = app.page(&page_path).await;
    assert!(page.contains("cannot act for someone else"));
    assert!(page.contains("File chosen: Signed form.pdf"));
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from advocate_permissions where given_by = 'paper' and person_id = {amira}")
        )
        .await,
        0
    );
    let mut good = paper;
    good[1] = ("email", SAM);
    assert_eq!(record(&app, amira, &good, None).await, back);
    let (_, page) = app.page(&page_path).await;
    assert!(page.contains("Recorded: Sam Carter can act for Amira Hassan"));
    assert!(page.contains("Recorded by us from a signed form"));
    // Pressed again: still one permission.
    record(&app, amira, &good, None).await;
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from advocate_permissions where given_by = 'paper' and person_id = {amira}")
        )
        .await,
        1
    );
    let id = scalar(
        &app,
        &format!(
            "select id from advocate_permissions where given_by = 'paper' and person_id = {amira}"
        ),
    )
    .await;
    assert_eq!(
        text(
            &app,
            &format!("select role from accounts where email = '{SAM}'")
        )
        .await,
        Some("advocate".into())
    );
    assert!(
        scalar(
            &app,
            "select count(*) from audit_events where action = 'permission_recorded'"
        )
        .await
            == 1
    );
    // Amira is told; the evidence is for colleagues who record permissions only.
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from messages where person_id = {amira} and subject = 'Sam Carter can now act for you'"),
        )
        .await,
        1
    );
    let evidence = format!("/staff/permissions/{id}/evidence");
    let response = app.get(&evidence).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.bytes().await.expect("bytes").to_vec(), signed);
    let planner = as_other(&app, PLANNER).await;
    assert_eq!(planner.get(&evidence).await.status(), StatusCode::NOT_FOUND);
    let resident = as_other(&app, AMIRA).await;
    assert_eq!(
        resident.get(&evidence).await.status(),
        StatusCode::NOT_FOUND
    );
    let (_, people) = resident.page("/account/people").await;
    assert!(people.contains("Sam Carter") && people.contains("Recorded by us from a signed form"));

    // Sam chooses a password from the emailed link and follows Amira's repairs, in scope.
    let email = app.last_email_to(SAM).await.expect("an email to Sam");
    let link = app.link_in(&email, "/set-password?token=");
    let token = link.trim_start_matches("/set-password?token=").to_owned();
    let sam = app.another_browser();
    let response = sam
        .post_form(
            "/api/account/new-password",
            &[
                ("token", &token),
                ("purpose", "set_password"),
                ("password", "a long and memorable passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/sign-in?done=password-changed");
    let response = sam.sign_in(SAM, "a long and memorable passphrase").await;
    assert_eq!(location(&response), "/your-home");
    let (_, repairs) = sam.page("/repairs").await;
    assert!(repairs.contains("Repairs for Amira Hassan"));
    let (status, repairs) = sam.page(&format!("/repairs?for={amira}")).await;
    assert_eq!(status, StatusCode::OK);
    let fan = text(
        &app,
        &format!("select reference from repairs where reported_by_person_id = {amira}"),
    )
    .await
    .expect("Amira's repair");
    assert!(repairs.contains(&fan));
    let (status, job) = sam.page(&format!("/repairs/{fan}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(job.contains("acting for Amira Hassan"));
    assert!(!job.contains("How satisfied are you"));
    // Sam books the visit for her: recorded as done for her, and she is told.
    let (_, book) = sam.page(&format!("/repairs/{fan}/book")).await;
    let slot = book
        .split("name=\"slot\" type=\"radio\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a slot")
        .to_owned();
    let response = sam
        .post_form("/api/repairs/book", &[("reference", &fan), ("slot", &slot)])
        .await;
    assert_eq!(location(&response), format!("/repairs/{fan}?booked=1"));
    let (_, job) = resident.page(&format!("/repairs/{fan}")).await;
    assert!(job.contains("Sam Carter, for Amira Hassan"), "{job}");
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from audit_events where action = 'repair_changed' and on_behalf_of_person_id = {amira}"),
        )
        .await,
        1
    );
    assert!(
        scalar(
            &app,
            &format!("select count(*) from messages where person_id = {amira} and body like '%by Sam Carter for you%'"),
        )
        .await
            >= 1
    );
    // Out of scope: her documents and complaints.
    let (status, _) = sam.page(&format!("/documents?for={amira}")).await;
    assert_ne!(status, StatusCode::OK);
    let (_, cases) = sam.page("/cases").await;
    assert!(!cases.contains("Make a complaint for Amira Hassan"));

    // By phone: a note of the call is needed instead of a form.
    let phone = [
        ("name", "Sam Carter"),
        ("email", SAM),
        ("relationship", "support_worker"),
        ("scope", "complaints"),
        ("given_by", "phone"),
        ("permission_ends_day", day.as_str()),
        ("permission_ends_month", month.as_str()),
        ("permission_ends_year", year.as_str()),
    ];
    record(&app, amira, &phone, None).await;
    let (_, page) = app.page(&page_path).await;
    assert!(page.contains("Write what the resident said"));
    let mut noted = phone.to_vec();
    noted.push((
        "note",
        "Amira phoned; confirmed her date of birth and address",
    ));
    record(&app, amira, &noted, None).await;
    let (_, page) = app.page(&page_path).await;
    assert!(page.contains("Recorded by us from a phone call"));
    assert!(page.contains("confirmed her date of birth"));
    let (_, cases) = sam.page("/cases").await;
    assert!(cases.contains("Make a complaint for Amira Hassan"));

    // A colleague withdraws the repairs permission when Amira asks: Sam is refused at once.
    let response = app
        .post_form(
            "/api/staff/withdraw-permission",
            &[("person", &amira.to_string()), ("id", &id.to_string())],
        )
        .await;
    assert_eq!(location(&response), back);
    let (status, _) = sam.page(&format!("/repairs/{fan}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Only the resident's own permissions can be withdrawn from her page.
    let margaret = person_on(&app, "TEN-100003").await;
    let complaints = scalar(
        &app,
        "select id from advocate_permissions where scope = 'complaints' and given_by = 'phone'",
    )
    .await;
    let response = app
        .post_form(
            "/api/staff/withdraw-permission",
            &[
                ("person", &margaret.to_string()),
                ("id", &complaints.to_string()),
            ],
        )
        .await;
    assert_ne!(
        location(&response),
        format!("/staff/residents/{margaret}#people")
    );
    let (_, cases) = sam.page("/cases").await;
    assert!(cases.contains("Make a complaint for Amira Hassan"));
    // A repairs planner cannot record or withdraw permissions.
    assert_ne!(record(&planner, amira, &good, None).await, back);
}

/// A new advocate with one permission for `person`, signed in in their own browser.
async fn advocate_with(app: &TestApp, person: i64, scope: &str) -> (TestApp, i64) {
    use app::server::db::accounts::{confirm_account, create_account, NewAccount};
    let email = format!("{scope}.advocate@example.net");
    let hash = app::server::password::hash(app::server::db::demo::DEMO_PASSWORD.to_owned())
        .await
        .expect("hash");
    let now = chrono::Utc::now();
    let id = create_account(
        &app.state.db,
        NewAccount {
            person_id: None,
            email: &email,
            display_name: &format!("The {scope} advocate"),
            password_hash: Some(&hash),
            role: app::domain::housing::Role::Advocate,
            firm_id: None,
        },
        now,
    )
    .await
    .expect("account");
    confirm_account(&app.state.db, id, now)
        .await
        .expect("confirmed");
    let permission = app::server::db::cases::grant_permission(
        &app.state.db,
        id,
        person,
        scope,
        None,
        None,
        None,
        now,
    )
    .await
    .expect("permission");
    (as_other(app, &email).await, permission)
}

/// What an advocate can reach of one resident's data: repairs, complaints, documents, and
/// their data download (never an advocate's).
async fn reach(
    advocate: &TestApp,
    person: i64,
    repair: &str,
    case: &str,
    document: &str,
) -> [bool; 4] {
    let (status, page) = advocate.page(&format!("/repairs?for={person}")).await;
    let repairs = status == StatusCode::OK
        && page.contains(repair)
        && advocate.page(&format!("/repairs/{repair}")).await.0 == StatusCode::OK;
    let (_, cases) = advocate.page("/cases").await;
    let complaints = cases.contains("Make a complaint for Margaret Lewis")
        && advocate.page(&format!("/cases/{case}")).await.0 == StatusCode::OK;
    let (status, page) = advocate.page(&format!("/documents?for={person}")).await;
    let documents = status == StatusCode::OK
        && page.contains("Documents for Margaret Lewis")
        && advocate
            .get(&format!("/documents/{document}/file?for={person}"))
            .await
            .status()
            == StatusCode::OK;
    let data = advocate.get("/account/your-data.json").await.status() == StatusCode::OK;
    [repairs, complaints, documents, data]
}

async fn every_scope_opens_exactly_its_kind_of_data_until_it_ends_or_is_withdrawn(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let margaret = person_on(&app, "TEN-100003").await;
    let repair = text(
        &app,
        &format!("select reference from repairs where reported_by_person_id = {margaret}"),
    )
    .await
    .expect("her repair");
    let case = text(
        &app,
        &format!("select reference from cases where person_id = {margaret}"),
    )
    .await
    .expect("her complaint");
    let document = text(
        &app,
        "select d.reference from documents d join tenancies t on t.id = d.tenancy_id
         where t.reference = 'TEN-100003' and d.status = 'current' limit 1",
    )
    .await
    .expect("her tenancy agreement");
    for (scope, expected) in [
        ("repairs", [true, false, false, false]),
        ("complaints", [false, true, false, false]),
        ("documents", [false, false, true, false]),
        ("everything", [true, true, true, false]),
    ] {
        let (advocate, permission) = advocate_with(&app, margaret, scope).await;
        assert_eq!(
            reach(&advocate, margaret, &repair, &case, &document).await,
            expected,
            "{scope}"
        );
        if scope != "everything" {
            continue;
        }
        // Past its last day: nothing. In force again, then withdrawn: nothing, at once.
        app.execute(&format!(
            "update advocate_permissions set ends_on = '2020-01-01' where id = {permission}"
        ))
        .await;
        assert_eq!(
            reach(&advocate, margaret, &repair, &case, &document).await,
            [false; 4],
            "ended"
        );
        app.execute(&format!(
            "update advocate_permissions set ends_on = null where id = {permission}"
        ))
        .await;
        assert_eq!(
            reach(&advocate, margaret, &repair, &case, &document).await,
            expected,
            "in force again"
        );
        let resident = as_other(&app, MARGARET).await;
        let response = resident
            .post_form(
                "/api/account/withdraw-permission",
                &[("id", &permission.to_string())],
            )
            .await;
        assert_eq!(location(&response), "/account/people");
        assert_eq!(
            reach(&advocate, margaret, &repair, &case, &document).await,
            [false; 4],
            "withdrawn"
        );
    }
}

fn invitation<'a>(name: &'a str, email: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("name", name),
        ("email", email),
        ("relationship", "advice"),
        ("scope", "documents"),
    ]
}

/// The invitation form is not a way to send the landlord's email in bulk, or to put a
/// resident's words that read as a link into it.
async fn invitations_are_few_a_day_and_carry_no_text_that_reads_as_a_link(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let to = invite(
        &app,
        &invitation(
            "Visit http://evil.example/login to accept",
            "victim@example.net",
        ),
    )
    .await;
    assert_eq!(to, "/account/people#invite");
    let (_, page) = app.page("/account/people").await;
    assert!(page.contains("letters, spaces, hyphens and apostrophes only"));
    assert_eq!(app.emails_to("victim@example.net").await, 0);
    // Five invitations a day, then a clear message and no email.
    for i in 0..5 {
        let email = format!("friend{i}@example.net");
        invite(&app, &invitation("Sam O'Carter-Ní", &email)).await;
        let sent = app.last_email_to(&email).await.expect("sent");
        assert!(
            sent.body.starts_with("Dear Sam O'Carter-Ní,"),
            "{}",
            sent.body
        );
    }
    invite(&app, &invitation("Sam Carter", "friend5@example.net")).await;
    let (_, page) = app.page("/account/people").await;
    assert!(page.contains("You have sent 5 invitations today"), "{page}");
    assert_eq!(app.emails_to("friend5@example.net").await, 0);
}

async fn a_cancelled_or_expired_invitation_creates_no_account(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    invite(&app, &invitation("Sam Carter", SAM)).await;
    let link = link_for(&app, SAM).await;
    let token = link.trim_start_matches("/invitations/").to_owned();
    let id = scalar(&app, "select id from permission_invitations")
        .await
        .to_string();
    app.post_form("/api/account/cancel-invitation", &[("id", &id)])
        .await;
    let stranger = app.another_browser();
    let form = [
        ("token", token.as_str()),
        ("display_name", "Sam Carter"),
        ("password", "a long and memorable passphrase"),
    ];
    let response = stranger.post_form("/api/invitation/accept", &form).await;
    assert_eq!(location(&response), link);
    let accounts = format!("select count(*) from accounts where email = '{SAM}'");
    assert_eq!(scalar(&app, &accounts).await, 0);
    assert_eq!(
        scalar(&app, "select count(*) from advocate_permissions").await,
        0
    );
    assert_ne!(stranger.page("/your-home").await.0, StatusCode::OK);
    // Expired likewise.
    invite(&app, &invitation("Sam Carter", SAM)).await;
    let link = link_for(&app, SAM).await;
    let token = link.trim_start_matches("/invitations/").to_owned();
    app.execute("update permission_invitations set expires_at = '2000-01-01T00:00:00Z'")
        .await;
    let form = [
        ("token", token.as_str()),
        ("display_name", "Sam Carter"),
        ("password", "a long and memorable passphrase"),
    ];
    stranger.post_form("/api/invitation/accept", &form).await;
    assert_eq!(scalar(&app, &accounts).await, 0);
}
