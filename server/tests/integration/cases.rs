//! Complaints, compliments and questions end to end through the real server, on SQLite and
//! PostgreSQL: each journey, the complaint workflow under both regimes, advocates with and
//! without a current permission, internal notes kept from residents, the staff record of a
//! phone call, CH01 and CH02 over a seeded year, and who may see what.

use crate::common::{
    as_other, hidden_value, location, scalar, signed_in, spawn_app, text, Engine, TestApp,
};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use reqwest::StatusCode;

on_both_engines!(
    a_complaint_is_made_once_and_goes_through_both_stages_to_the_ombudsman,
    extensions_stay_within_the_limit_and_the_resident_is_told_why,
    a_complaint_is_declined_only_for_a_reason_the_policy_allows,
    the_scottish_regime_gives_a_frontline_decision_in_five_working_days,
    an_advocate_acts_only_while_a_permission_covers_complaints,
    internal_notes_never_reach_the_resident_or_the_advocate,
    a_compliment_reaches_the_colleague_and_their_manager_and_is_counted,
    a_question_is_answered_to_the_reply_standard_and_can_become_a_complaint,
    staff_record_a_complaint_from_a_phone_call_with_the_date_it_came,
    ch01_and_ch02_over_a_seeded_year_match_the_figures_worked_by_hand,
    only_the_right_people_see_and_change_a_case,
    bad_answers_are_shown_again_and_store_nothing,
    the_queue_filters_by_kind_owner_and_due_and_puts_the_first_breach_on_top,
);

const AMIRA: &str = "amira.hassan@example.org"; // tenant, 1 Alder Court
const DANIEL: &str = "daniel.okafor@example.org";
const MARGARET: &str = "margaret.lewis@example.org";
const HANDLER: &str = "owen.davies@staff.example.org";
const MANAGER: &str = "fiona.reid@staff.example.org";
const SERVICES: &str = "chris.morgan@staff.example.org";
const PLANNER: &str = "sunita.patel@staff.example.org";
const ADVOCATE: &str = "priya.shah@advice.example.org";

async fn account_id(app: &TestApp, email: &str) -> i64 {
    app::server::db::accounts::account_by_email(&app.state.db, email)
        .await
        .expect("read")
        .expect("account")
        .id
}

async fn person_of(app: &TestApp, tenancy: &str) -> i64 {
    app::server::db::repairs::person_on_tenancy(&app.state.db, tenancy)
        .await
        .expect("read")
        .expect("person")
}

/// Answers every question of a journey and sends it from "check your answers"; returns the
/// new case's reference. `person`: the resident an advocate acts for.
pub(crate) async fn make(
    app: &TestApp,
    kind: &str,
    answers: &[(&str, &str)],
    person: Option<i64>,
) -> String {
    let first = answers[0].0;
    let query = person.map(|p| format!("?person={p}")).unwrap_or_default();
    let (status, body) = app.page(&format!("/cases/new/{kind}/{first}{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for (i, (field, value)) in answers.iter().enumerate() {
        let response = app
            .post_form(
                "/api/cases/answer",
                &[("kind", kind), ("field", field), ("value", value)],
            )
            .await;
        let expected = match answers.get(i + 1) {
            Some((next, _)) => format!("/cases/new/{kind}/{next}"),
            None => format!("/cases/new/{kind}/check"),
        };
        assert_eq!(location(&response), expected, "after {field}");
    }
    let (status, body) = app.page(&format!("/cases/new/{kind}/check")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = hidden_value(&body, "token").expect("token");
    let response = app
        .post_form("/api/cases/send", &[("kind", kind), ("token", &token)])
        .await;
    let to = location(&response);
    to.strip_prefix("/cases/")
        .and_then(|r| r.strip_suffix("?sent=1"))
        .unwrap_or_else(|| panic!("sent to {to}"))
        .to_owned()
}

pub(crate) const COMPLAINT: &[(&str, &str)] = &[
    (
        "what",
        "Nobody came to fix the lift for three weeks, and nobody told us why.",
    ),
    ("when", "From 1 October until last Friday"),
    (
        "outcome",
        "An apology and a date for the lift to be checked every month",
    ),
    ("adjustments", "Written contact only"),
    ("related", ""),
];

pub(crate) async fn staff_post(
    app: &TestApp,
    endpoint: &str,
    reference: &str,
    form: &[(&str, &str)],
) -> String {
    let mut fields = vec![("reference", reference)];
    fields.extend_from_slice(form);
    let response = app
        .post_form(&format!("/api/staff/{endpoint}"), &fields)
        .await;
    location(&response)
}

/// The staff page after a change, which must say it was done (or show the error).
async fn staff_page(app: &TestApp, reference: &str) -> String {
    let (status, body) = app.page(&format!("/staff/cases/{reference}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn status_of(app: &TestApp, reference: &str) -> (String, i64) {
    let status = text(
        app,
        &format!("select status from cases where reference = '{reference}'"),
    )
    .await
    .expect("status");
    let stage = scalar(
        app,
        &format!("select stage from cases where reference = '{reference}'"),
    )
    .await;
    (status, stage)
}

async fn a_complaint_is_made_once_and_goes_through_both_stages_to_the_ombudsman(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let (status, body) = app.page("/cases").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Make a complaint"));

    let reference = make(&app, "complaint", COMPLAINT, None).await;
    assert!(reference.starts_with("CP-"));
    // Sending the same form again makes nothing new.
    let response = app
        .post_form(
            "/api/cases/send",
            &[("kind", "complaint"), ("token", "0123")],
        )
        .await;
    assert_eq!(location(&response), "/cases");
    assert_eq!(scalar(&app, "select count(*) from cases").await, 1);
    let (_, body) = app.page(&format!("/cases/{reference}?sent=1")).await;
    assert!(
        body.contains(&format!("Complaint sent. Your reference is {reference}")),
        "{body}"
    );
    assert!(body.contains("We will acknowledge your complaint by"));
    assert!(body.contains("Written contact only"));
    let email = app
        .last_email_to(AMIRA)
        .await
        .expect("acknowledged by email");
    assert!(email.body.contains(&reference) && email.body.contains("acknowledge it by"));
    assert_eq!(status_of(&app, &reference).await, ("received".into(), 1));

    // Stage 1, handled by Owen.
    let owen = as_other(&app, HANDLER).await;
    let owen_id = account_id(&app, HANDLER).await.to_string();
    let back = format!("/staff/cases/{reference}");
    assert_eq!(
        staff_post(
            &owen,
            "case-respond",
            &reference,
            &[("decision", "upheld"), ("points", "x"), ("reasons", "y")]
        )
        .await,
        back
    );
    assert!(staff_page(&owen, &reference)
        .await
        .contains("Acknowledge the complaint first"));
    assert_eq!(
        staff_post(
            &owen,
            "case-acknowledge",
            &reference,
            &[
                (
                    "understanding",
                    "The lift was out of action for three weeks without updates."
                ),
                ("outcome", "An apology and monthly checks")
            ]
        )
        .await,
        back
    );
    assert!(staff_page(&owen, &reference)
        .await
        .contains("Acknowledgement sent"));
    assert_eq!(status_of(&app, &reference).await, ("open".into(), 1));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from clocks where subject = 'case' and kind = 'acknowledge_1' and met_at is not null"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from clocks where subject = 'case' and kind = 'respond_1' and met_at is null"
        )
        .await,
        1
    );
    assert!(app
        .last_email_to(AMIRA)
        .await
        .expect("email")
        .body
        .contains("How we understand your complaint"));
    staff_post(&owen, "case-assign", &reference, &[("owner", &owen_id)]).await;
    staff_post(
        &owen,
        "case-add-action",
        &reference,
        &[
            ("description", "check the lift every month"),
            ("action_date_day", "1"),
            ("action_date_month", "2"),
            ("action_date_year", "2030"),
        ],
    )
    .await;
    staff_post(
        &owen,
        "case-respond",
        &reference,
        &[
            ("decision", "partly_upheld"),
            ("points", "We should have told you about the delay."),
            ("reasons", "The part was on order; we did not say so."),
            ("remedy", "An apology and £50."),
        ],
    )
    .await;
    assert_eq!(status_of(&app, &reference).await, ("responded".into(), 1));

    // The resident sees the response and escalates with one button.
    let (_, body) = app.page(&format!("/cases/{reference}")).await;
    assert!(
        body.contains("Partly upheld") && body.contains("An apology and £50."),
        "{body}"
    );
    assert!(body.contains("check the lift every month"));
    assert!(body.contains("Take my complaint to stage 2"));
    let response = app
        .post_form("/api/cases/escalate", &[("reference", &reference)])
        .await;
    assert_eq!(
        location(&response),
        format!("/cases/{reference}?escalated=1")
    );
    assert_eq!(
        status_of(&app, &reference).await,
        ("escalation_requested".into(), 2)
    );
    // A second press changes nothing.
    app.post_form("/api/cases/escalate", &[("reference", &reference)])
        .await;
    assert_eq!(
        scalar(
            &app,
            "select count(*) from case_events where kind = 'escalated'"
        )
        .await,
        1
    );

    // Stage 2: Owen cannot take it, and cannot answer it; Fiona can.
    staff_post(
        &owen,
        "case-acknowledge",
        &reference,
        &[
            ("understanding", "You want the stage 1 decision reviewed."),
            ("outcome", "Monthly checks in writing"),
        ],
    )
    .await;
    assert_eq!(status_of(&app, &reference).await, ("open".into(), 2));
    staff_post(&owen, "case-assign", &reference, &[("owner", &owen_id)]).await;
    assert!(staff_page(&owen, &reference)
        .await
        .contains("Stage 2 must be handled by someone not involved at stage 1"));
    let fiona_id = account_id(&app, MANAGER).await.to_string();
    staff_post(&owen, "case-assign", &reference, &[("owner", &fiona_id)]).await;
    staff_post(
        &owen,
        "case-respond",
        &reference,
        &[("decision", "upheld"), ("points", "p"), ("reasons", "r")],
    )
    .await;
    assert!(staff_page(&owen, &reference)
        .await
        .contains("Stage 2 must be handled by someone not involved at stage 1"));
    assert_eq!(status_of(&app, &reference).await, ("open".into(), 2));
    let fiona = as_other(&app, MANAGER).await;
    staff_post(
        &fiona,
        "case-respond",
        &reference,
        &[
            ("decision", "upheld"),
            ("points", "We agree the lift should be checked monthly."),
            ("reasons", "Our own standard says so."),
        ],
    )
    .await;
    assert_eq!(status_of(&app, &reference).await, ("closed".into(), 2));
    let (_, body) = app.page(&format!("/cases/{reference}")).await;
    assert!(body.contains("This is our final response"));
    assert!(
        body.contains("Housing Ombudsman Service")
            && body.contains("within 12 months of our final response")
    );
    assert!(!body.contains("Take my complaint to stage 2"));
    assert!(app
        .last_email_to(AMIRA)
        .await
        .expect("email")
        .body
        .contains("0300 111 3000"));
    assert_eq!(scalar(&app, "select count(*) from case_responses").await, 2);
    assert_eq!(
        scalar(
            &app,
            "select count(*) from clocks where subject = 'case' and met_at is null"
        )
        .await,
        0
    );
    // Seven changes went through (the refused ones are not recorded as changes).
    assert_eq!(
        scalar(
            &app,
            "select count(*) from audit_events where action = 'case_changed'"
        )
        .await,
        7
    );
}

/// A complaint acknowledged by Owen, with its reference.
async fn acknowledged_complaint(app: &TestApp) -> (String, TestApp) {
    signed_in(app, AMIRA).await;
    let reference = make(app, "complaint", COMPLAINT, None).await;
    let owen = as_other(app, HANDLER).await;
    staff_post(
        &owen,
        "case-acknowledge",
        &reference,
        &[("understanding", "The lift"), ("outcome", "An apology")],
    )
    .await;
    (reference, owen)
}

async fn extensions_stay_within_the_limit_and_the_resident_is_told_why(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let (reference, owen) = acknowledged_complaint(&app).await;
    let standard: chrono::DateTime<Utc> = app::db_run!(&app.state.db, |pool| sqlx::query_scalar(
        "select standard_due_at from clocks where subject = 'case' and kind = 'respond_1'"
    )
    .fetch_one(pool)
    .await)
    .expect("due");
    let schedule = app.state.site.schedule();
    let limit = app.state.site.profile.complaints.stages[0]
        .extension_limit
        .expect("limit");
    let latest = app::domain::london::to_local(schedule.later_by(standard, limit)).date();
    let post = |date: NaiveDate, reason: &'static str| {
        let (d, m, y) = (
            date.format("%-d").to_string(),
            date.format("%-m").to_string(),
            date.format("%Y").to_string(),
        );
        let owen = &owen;
        let reference = reference.clone();
        async move {
            staff_post(
                owen,
                "case-extend",
                &reference,
                &[
                    ("extend_date_day", &d),
                    ("extend_date_month", &m),
                    ("extend_date_year", &y),
                    ("reason", reason),
                ],
            )
            .await
        }
    };
    post(
        latest + Duration::days(7),
        "Waiting for the lift engineer's report",
    )
    .await;
    assert!(staff_page(&owen, &reference)
        .await
        .contains("The new date can be no later than"));
    post(latest, "").await;
    assert!(staff_page(&owen, &reference)
        .await
        .contains("Give the reason for the extension"));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from clocks where subject = 'case' and extension_reason is not null"
        )
        .await,
        0
    );
    post(latest, "Waiting for the lift engineer's report").await;
    assert!(staff_page(&owen, &reference)
        .await
        .contains("Deadline extended and the resident told"));
    let due: chrono::DateTime<Utc> = app::db_run!(&app.state.db, |pool| sqlx::query_scalar(
        "select due_at from clocks where subject = 'case' and kind = 'respond_1'"
    )
    .fetch_one(pool)
    .await)
    .expect("due");
    assert_eq!(app::domain::london::to_local(due).date(), latest);
    let email = app.last_email_to(AMIRA).await.expect("told");
    assert!(email
        .body
        .contains("Waiting for the lift engineer's report"));
    assert!(
        email.body.contains("Housing Ombudsman Service") && email.body.contains("0300 111 3000")
    );
    let (_, body) = app.page(&format!("/cases/{reference}")).await;
    assert!(
        body.contains("extended: Waiting for the lift engineer"),
        "{body}"
    );
}

async fn a_complaint_is_declined_only_for_a_reason_the_policy_allows(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let (reference, owen) = acknowledged_complaint(&app).await;
    staff_post(
        &owen,
        "case-decline",
        &reference,
        &[("reason", "9"), ("explanation", "x")],
    )
    .await;
    assert!(staff_page(&owen, &reference)
        .await
        .contains("Choose the reason the complaints policy allows"));
    staff_post(
        &owen,
        "case-decline",
        &reference,
        &[("reason", "1"), ("explanation", "")],
    )
    .await;
    assert!(staff_page(&owen, &reference)
        .await
        .contains("Explain the decision to the resident"));
    assert_eq!(status_of(&app, &reference).await, ("open".into(), 1));
    staff_post(
        &owen,
        "case-decline",
        &reference,
        &[
            ("reason", "1"),
            ("explanation", "The county court is hearing your claim."),
        ],
    )
    .await;
    assert_eq!(status_of(&app, &reference).await, ("declined".into(), 1));
    let (_, body) = app.page(&format!("/cases/{reference}")).await;
    assert!(body.contains("legal proceedings about it have started"));
    assert!(body.contains("Housing Ombudsman Service"));
    assert!(!body.contains("Take my complaint to stage 2"));
    // Declined is final: nothing else moves it.
    staff_post(
        &owen,
        "case-respond",
        &reference,
        &[("decision", "upheld"), ("points", "p"), ("reasons", "r")],
    )
    .await;
    assert_eq!(status_of(&app, &reference).await, ("declined".into(), 1));
}

async fn the_scottish_regime_gives_a_frontline_decision_in_five_working_days(engine: Engine) {
    let Some(app) = crate::common::spawn_glenbrae(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let reference = make(&app, "complaint", COMPLAINT, None).await;
    // No acknowledgement step at stage 1: in hand at once, decision due in 5 working days.
    assert_eq!(status_of(&app, &reference).await, ("open".into(), 1));
    let (started, due): (chrono::DateTime<Utc>, chrono::DateTime<Utc>) =
        app::db_run!(&app.state.db, |pool| sqlx::query_as(
            "select started_at, due_at from clocks where subject = 'case' and kind = 'respond_1'"
        )
        .fetch_one(pool)
        .await)
        .expect("clock");
    let p = &app.state.site.profile;
    assert_eq!(
        due,
        app.state
            .site
            .schedule()
            .deadline(started, p.complaints.stages[0].respond)
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from clocks where subject = 'case' and kind = 'acknowledge_1'"
        )
        .await,
        0
    );
    let owen = as_other(&app, HANDLER).await;
    let owen_id = account_id(&app, HANDLER).await.to_string();
    staff_post(&owen, "case-assign", &reference, &[("owner", &owen_id)]).await;
    staff_post(
        &owen,
        "case-respond",
        &reference,
        &[
            ("decision", "not_upheld"),
            ("points", "p"),
            ("reasons", "r"),
        ],
    )
    .await;
    app.post_form("/api/cases/escalate", &[("reference", &reference)])
        .await;
    // Stage 2: acknowledged within 3 and decided within 20 working days, both from the request.
    let kinds = text(&app, "select kind from clocks where subject = 'case' and kind in ('acknowledge_2', 'respond_2') order by kind limit 1").await;
    assert_eq!(kinds.as_deref(), Some("acknowledge_2"));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from clocks where subject = 'case' and kind = 'respond_2' and met_at is null"
        )
        .await,
        1
    );
    let (_, body) = app.page(&format!("/cases/{reference}")).await;
    assert!(
        body.contains("Scottish Public Services Ombudsman") || body.contains("Stage 2"),
        "{body}"
    );
}

async fn an_advocate_acts_only_while_a_permission_covers_complaints(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let priya = as_other(&app, ADVOCATE).await;
    let margaret = person_of(&app, "TEN-100003").await;
    let priya_id = account_id(&app, ADVOCATE).await;
    let now = Utc::now();
    // Without a permission: nothing for Margaret.
    let (status, _) = priya
        .page(&format!("/cases/new/complaint/what?person={margaret}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A permission for repairs only does not cover complaints.
    let repairs_only = app::server::db::cases::grant_permission(
        &app.state.db,
        priya_id,
        margaret,
        "repairs",
        None,
        None,
        None,
        now,
    )
    .await
    .expect("grant");
    let (status, _) = priya
        .page(&format!("/cases/new/complaint/what?person={margaret}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app::server::db::cases::withdraw_permission(&app.state.db, repairs_only, now)
        .await
        .expect("withdraw");
    let id = app::server::db::cases::grant_permission(
        &app.state.db,
        priya_id,
        margaret,
        "complaints",
        None,
        Some("Signed form"),
        None,
        now,
    )
    .await
    .expect("grant");
    let (_, body) = priya.page("/cases").await;
    assert!(
        body.contains("Make a complaint for Margaret Lewis"),
        "{body}"
    );
    let reference = make(&priya, "complaint", COMPLAINT, Some(margaret)).await;
    let (_, body) = priya.page(&format!("/cases/{reference}")).await;
    assert!(
        body.contains("Priya Shah on behalf of Margaret Lewis"),
        "{body}"
    );
    assert_eq!(
        scalar(
            &app,
            &format!("select person_id from cases where reference = '{reference}'")
        )
        .await,
        margaret
    );
    assert_eq!(
        text(&app, "select made_by from cases").await.as_deref(),
        Some("advocate")
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from audit_events where action = 'case_made_for_resident'"
        )
        .await,
        1
    );
    // Margaret sees it too, and both are emailed.
    let margaret_app = as_other(&app, MARGARET).await;
    let (status, body) = margaret_app.page(&format!("/cases/{reference}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Priya Shah on behalf of Margaret Lewis"));
    assert!(app.emails_to(ADVOCATE).await >= 1);
    // Expired yesterday: nothing, not even the case she made.
    let yesterday = app::site::today() - Duration::days(1);
    app.execute(&format!(
        "update advocate_permissions set ends_on = '{yesterday}' where id = {id}"
    ))
    .await;
    let (status, _) = priya.page(&format!("/cases/{reference}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, body) = priya.page("/cases").await;
    assert!(!body.contains(&reference) && !body.contains("Make a complaint for Margaret Lewis"));
    let response = priya
        .post_form(
            "/api/cases/reply",
            &[("reference", &reference), ("message", "Any news?")],
        )
        .await;
    assert!(
        location(&response).starts_with("/problem/not-found"),
        "{}",
        location(&response)
    );
    // Current again, then withdrawn: stops at once.
    app.execute(&format!(
        "update advocate_permissions set ends_on = null where id = {id}"
    ))
    .await;
    let (status, _) = priya.page(&format!("/cases/{reference}")).await;
    assert_eq!(status, StatusCode::OK);
    app::server::db::cases::withdraw_permission(&app.state.db, id, Utc::now())
        .await
        .expect("withdraw");
    let (status, _) = priya.page(&format!("/cases/{reference}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = priya
        .page(&format!("/cases/new/complaint/what?person={margaret}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn internal_notes_never_reach_the_resident_or_the_advocate(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let (reference, owen) = acknowledged_complaint(&app).await;
    let secret = "INTERNAL-7f3a: the contractor blames the resident";
    staff_post(
        &owen,
        "case-note",
        &reference,
        &[("note", secret), ("visible", "no")],
    )
    .await;
    staff_post(
        &owen,
        "case-note",
        &reference,
        &[
            ("note", "We have chased the engineer today."),
            ("visible", "yes"),
        ],
    )
    .await;
    assert!(staff_page(&owen, &reference).await.contains(secret));
    for path in [format!("/cases/{reference}"), "/cases".to_owned()] {
        let (status, body) = app.page(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!body.contains("INTERNAL-7f3a"), "{path}");
    }
    let (_, body) = app.page(&format!("/cases/{reference}")).await;
    assert!(body.contains("We have chased the engineer today."));
    // The server function's own answer (what a hydrated page fetches) has none either.
    let response = app
        .post_form("/api/cases/page", &[("reference", &reference)])
        .await;
    let raw = response.text().await.expect("body");
    assert!(
        raw.contains("chased the engineer") && !raw.contains("INTERNAL-7f3a"),
        "{raw}"
    );
    for email in app::server::db::outbox::to_recipient(&app.state.db, AMIRA)
        .await
        .expect("outbox")
    {
        assert!(!email.body.contains("INTERNAL-7f3a"));
    }
}

async fn a_compliment_reaches_the_colleague_and_their_manager_and_is_counted(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    app::server::cases::seed_demo_cases(&app.state, Utc::now())
        .await
        .expect("teams");
    signed_in(&app, DANIEL).await;
    let before = scalar(&app, "select count(*) from cases where kind = 'compliment'").await;
    let reference = make(
        &app,
        "compliment",
        &[
            ("who", "Sunita in repairs"),
            ("what", "She fixed our boiler visit around my shifts."),
        ],
        None,
    )
    .await;
    assert!(reference.starts_with("PR-"));
    let chris = as_other(&app, SERVICES).await;
    let sunita = account_id(&app, PLANNER).await.to_string();
    staff_post(
        &chris,
        "case-pass-on",
        &reference,
        &[("colleague", &sunita)],
    )
    .await;
    assert_eq!(status_of(&app, &reference).await, ("closed".into(), 1));
    let to_sunita = app.last_email_to(PLANNER).await.expect("to the colleague");
    assert!(to_sunita
        .body
        .contains("She fixed our boiler visit around my shifts."));
    let to_fiona = app.last_email_to(MANAGER).await.expect("to the manager");
    assert!(to_fiona.subject.contains("Sunita Patel"));
    let (_, body) = app.page(&format!("/cases/{reference}")).await;
    assert!(body.contains("Passed on"));
    let owen = as_other(&app, HANDLER).await;
    let (status, body) = owen
        .page("/staff/reports/complaints?from=2000-01-01&to=2100-12-31")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Sunita Patel: 1"), "{body}");
    assert_eq!(before, 1, "the demo compliment");
}

async fn a_question_is_answered_to_the_reply_standard_and_can_become_a_complaint(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    let reference = make(
        &app,
        "enquiry",
        &[("what", "When will the windows be painted?")],
        None,
    )
    .await;
    assert!(reference.starts_with("EQ-"));
    let (received, due): (chrono::DateTime<Utc>, chrono::DateTime<Utc>) = app::db_run!(&app.state.db, |pool| sqlx::query_as(
        "select c.received_at, k.due_at from cases c join clocks k on k.subject = 'case' and k.subject_id = c.id where k.kind = 'reply'"
    )
    .fetch_one(pool)
    .await)
    .expect("reply clock");
    let standard = app
        .state
        .site
        .profile
        .enquiry_standard
        .respond
        .expect("respond");
    assert_eq!(due, app.state.site.schedule().deadline(received, standard));
    let chris = as_other(&app, SERVICES).await;
    staff_post(
        &chris,
        "case-respond",
        &reference,
        &[("points", "In the spring, with the rest of Alder Court.")],
    )
    .await;
    assert_eq!(status_of(&app, &reference).await, ("closed".into(), 1));
    let (_, body) = app.page(&format!("/cases/{reference}")).await;
    assert!(body.contains("In the spring"));
    let link = format!("/cases/new/complaint/what?about={reference}");
    assert!(body.contains(&link.replace('&', "&amp;")), "{body}");
    let (status, body) = app.page(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&format!("About {reference}")));
    // The question page offers the reference already filled in.
    let (_, body) = app.page("/cases/new/complaint/related").await;
    assert!(body.contains(&format!("value=\"{reference}\"")), "{body}");
    // A reference that is not hers is refused with a message; hers is kept.
    let response = app
        .post_form(
            "/api/cases/answer",
            &[
                ("kind", "complaint"),
                ("field", "related"),
                ("value", "RP-222222"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/cases/new/complaint/related");
    let (_, body) = app.page("/cases/new/complaint/related").await;
    assert!(body.contains("Enter the reference of one of your repairs"));
    let response = app
        .post_form(
            "/api/cases/answer",
            &[
                ("kind", "complaint"),
                ("field", "related"),
                ("value", &reference.to_lowercase()),
            ],
        )
        .await;
    assert_eq!(location(&response), "/cases/new/complaint/what");
    // Every other answer, then straight to "check your answers" (the reference is in).
    let complaint = make(&app, "complaint", &COMPLAINT[..4], None).await;
    assert_eq!(
        text(
            &app,
            &format!("select related_reference from cases where reference = '{complaint}'")
        )
        .await,
        Some(reference.clone())
    );
    // Someone else's reference is not linked.
    let other = as_other(&app, DANIEL).await;
    let (_, body) = other
        .page(&format!("/cases/new/complaint/what?about={reference}"))
        .await;
    assert!(!body.contains(&format!("About {reference}")));
}

async fn staff_record_a_complaint_from_a_phone_call_with_the_date_it_came(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let chris = as_other(&app, SERVICES).await;
    let days_ago = app::site::today() - Duration::days(3);
    let form = |date: String| {
        vec![
            ("kind".to_owned(), "complaint".to_owned()),
            ("tenancy".to_owned(), "ten-100001".to_owned()),
            ("channel".to_owned(), "phone".to_owned()),
            ("received".to_owned(), date),
            (
                "what".to_owned(),
                "The caretaker was rude to me on the phone.".to_owned(),
            ),
            ("outcome".to_owned(), "An apology".to_owned()),
            ("adjustments".to_owned(), String::new()),
        ]
    };
    let post = |fields: Vec<(String, String)>| {
        let chris = &chris;
        async move {
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            location(&chris.post_form("/api/staff/case-record", &pairs).await)
        }
    };
    let future = (app::site::today() + Duration::days(2)).to_string();
    assert_eq!(post(form(future)).await, "/staff/cases/new");
    let (_, body) = chris.page("/staff/cases/new").await;
    assert!(body.contains("must be today or in the past"));
    assert!(
        body.contains("The caretaker was rude"),
        "the typed text is kept"
    );
    assert_eq!(scalar(&app, "select count(*) from cases").await, 0);
    let to = post(form(days_ago.to_string())).await;
    let reference = to
        .strip_prefix("/staff/cases/")
        .expect("to the case")
        .to_owned();
    let (received, made_by, channel) = app::db_run!(&app.state.db, |pool| sqlx::query_as::<
        _,
        (chrono::DateTime<Utc>, String, String),
    >(
        "select received_at, made_by, channel from cases"
    )
    .fetch_one(pool)
    .await)
    .expect("case");
    assert_eq!(app::domain::london::to_local(received).date(), days_ago);
    assert_eq!((made_by.as_str(), channel.as_str()), ("staff", "phone"));
    let ack: chrono::DateTime<Utc> = app::db_run!(&app.state.db, |pool| sqlx::query_scalar(
        "select due_at from clocks where subject = 'case' and kind = 'acknowledge_1'"
    )
    .fetch_one(pool)
    .await)
    .expect("ack");
    let expected = app.state.site.schedule().deadline(
        received,
        app.state.site.profile.complaints.stages[0]
            .acknowledge
            .expect("ack"),
    );
    assert_eq!(ack, expected);
    // The resident sees it as recorded for them.
    signed_in(&app, AMIRA).await;
    let (status, body) = app.page(&format!("/cases/{reference}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Recorded by us for Amira Hassan"), "{body}");
}

/// A complaint with fixed dates, written straight to the store for the report.
#[allow(clippy::too_many_arguments)]
async fn seeded(
    app: &TestApp,
    person: i64,
    received: (u32, u32),
    acknowledged: Option<((u32, u32), (u32, u32))>,
    responded: Option<((u32, u32), (u32, u32))>,
    escalated: Option<(u32, u32)>,
    final_response: Option<((u32, u32), (u32, u32))>,
) {
    use app::server::db::cases::{create_case, NewCase, NewClock};
    let at = |(m, d): (u32, u32)| {
        Utc.with_ymd_and_hms(2025, m, d, 10, 0, 0)
            .single()
            .expect("date")
    };
    let mut clocks = Vec::new();
    if let Some((due, _)) = acknowledged {
        clocks.push(NewClock {
            kind: app::domain::cases::ClockKind::Acknowledge1.into(),
            started_at: at(received),
            due_at: at(due),
        });
    }
    if let Some((due, _)) = responded {
        clocks.push(NewClock {
            kind: app::domain::cases::ClockKind::Respond1.into(),
            started_at: at(received),
            due_at: at(due),
        });
    }
    let new = NewCase {
        submission_token: app::server::tokens::submission_token(),
        kind: "complaint",
        person_id: Some(person),
        home_id: app::server::db::repairs::place_for_person(&app.state.db, person)
            .await
            .expect("home")
            .map(|p| p.home_id),
        tenure: app::server::db::repairs::place_for_person(&app.state.db, person)
            .await
            .expect("home")
            .map(|p| p.tenure),
        made_by: "resident",
        channel: "letter",
        status: "open",
        summary: "Seeded".into(),
        details: "Seeded".into(),
        received_at: at(received),
        clocks,
        ..NewCase::default()
    };
    let (reference, _) = create_case(&app.state.db, &new, at(received), || {
        app::server::tokens::reference("CP")
    })
    .await
    .expect("case");
    let id = scalar(
        app,
        &format!("select id from cases where reference = '{reference}'"),
    )
    .await;
    let stamp = |t: chrono::DateTime<Utc>| t.to_rfc3339();
    if let Some((_, met)) = acknowledged {
        set_met(app, id, "acknowledge_1", &stamp(at(met))).await;
    }
    if let Some((_, met)) = responded {
        set_met(app, id, "respond_1", &stamp(at(met))).await;
        app.execute(&format!(
            "update cases set responded_at = '{}' where id = {id}",
            stamp(at(met))
        ))
        .await;
    }
    if let Some(e) = escalated {
        app.execute(&format!(
            "update cases set escalated_at = '{}', stage = 2 where id = {id}",
            stamp(at(e))
        ))
        .await;
    }
    if let Some((due, met)) = final_response {
        app.execute(&format!(
            "insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at, met_at, created_at, updated_at)
             values ('case', {id}, 'respond_2', '{0}', '{1}', '{1}', '{2}', '{0}', '{0}')",
            stamp(at(escalated.expect("escalated first"))),
            stamp(at(due)),
            stamp(at(met))
        ))
        .await;
        app.execute(&format!(
            "update cases set final_response_at = '{}' where id = {id}",
            stamp(at(met))
        ))
        .await;
    }
}

async fn set_met(app: &TestApp, case_id: i64, kind: &str, at: &str) {
    app.execute(&format!(
        "update clocks set met_at = '{at}' where subject = 'case' and subject_id = {case_id} and kind = '{kind}'"
    ))
    .await;
}

async fn ch01_and_ch02_over_a_seeded_year_match_the_figures_worked_by_hand(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let homes = scalar(&app, "select count(*) from homes").await;
    assert_eq!(homes, 20, "the demo estate");
    let amira = person_of(&app, "TEN-100001").await; // general needs
    let daniel = person_of(&app, "TEN-100002").await; // general needs
                                                      // The period: 1 April to 1 December 2025 (inclusive).
                                                      // 1. Received in March (before the period), answered in April in time.
    seeded(
        &app,
        amira,
        (3, 25),
        Some(((3, 31), (3, 26))),
        Some(((4, 10), (4, 8))),
        None,
        None,
    )
    .await;
    // 2. Acknowledged late, answered in time: in time for CH02, which measures the response.
    seeded(
        &app,
        amira,
        (4, 1),
        Some(((4, 8), (4, 9))),
        Some(((4, 23), (4, 22))),
        None,
        None,
    )
    .await;
    // 3. In time at stage 1; escalated; stage 2 answered late.
    seeded(
        &app,
        daniel,
        (5, 1),
        Some(((5, 8), (5, 2))),
        Some(((5, 16), (5, 15))),
        Some((5, 20)),
        Some(((6, 17), (6, 20))),
    )
    .await;
    // 4. Answered late at stage 1.
    seeded(
        &app,
        daniel,
        (6, 2),
        Some(((6, 9), (6, 3))),
        Some(((6, 17), (6, 30))),
        None,
        None,
    )
    .await;
    // 5. Received, still open.
    seeded(
        &app,
        amira,
        (9, 1),
        Some(((9, 8), (9, 2))),
        None,
        None,
        None,
    )
    .await;
    // 6. Received in the next year: not counted.
    seeded(&app, amira, (12, 30), None, None, None, None).await;
    let manager = as_other(&app, MANAGER).await;
    let response = manager
        .get("/staff/reports/complaints.csv?from=2025-04-01&to=2025-12-01")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(response.headers()["content-disposition"]
        .to_str()
        .expect("cd")
        .starts_with("attachment"));
    let csv = response.text().await.expect("csv");
    let all = csv
        .lines()
        .find(|l| l.contains(",All homes,"))
        .expect("all homes line");
    // Stage 1 received in the period: 2, 3, 4, 5 = 4, so 4 / 20 homes x 1,000 = 200.0.
    // Stage 2: 3 = 1, so 50.0. Stage 1 answered in the period: 1, 2, 3, 4 = 4, in time: 1, 2
    // and 3 = 3 (75.0%; 2's late acknowledgement does not count against its response). Stage
    // 2 answered: 1, late: 0 of 1 (0.0%).
    assert_eq!(
        all, "2025-04-01,2025-12-01,All homes,20,4,200.0,1,50.0,4,3,75.0,1,0,0.0",
        "{csv}"
    );
    let (status, body) = manager
        .page("/staff/reports/complaints?from=2025-04-01&to=2025-12-01")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("3 of 4 (75.0%)"), "{body}");
    // A back-to-front period is refused with a message and the default shown instead.
    let (_, body) = manager
        .page("/staff/reports/complaints?from=2025-12-01&to=2025-04-01")
        .await;
    assert!(body.contains("The end of the period must be on or after its start"));
}

async fn only_the_right_people_see_and_change_a_case(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let (reference, owen) = acknowledged_complaint(&app).await;
    // Another resident: not found, and cannot reply or escalate.
    let daniel = as_other(&app, DANIEL).await;
    let (status, _) = daniel.page(&format!("/cases/{reference}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let response = daniel
        .post_form(
            "/api/cases/reply",
            &[("reference", &reference), ("message", "hello")],
        )
        .await;
    assert!(
        location(&response).starts_with("/problem/not-found"),
        "{}",
        location(&response)
    );
    // A repairs planner sees the case and the queue but changes nothing.
    let sunita = as_other(&app, PLANNER).await;
    let (status, body) = sunita.page(&format!("/staff/cases/{reference}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("Move it along"));
    let (status, _) = sunita.page("/staff/cases").await;
    assert_eq!(status, StatusCode::OK);
    let response = sunita
        .post_form(
            "/api/staff/case-note",
            &[("reference", &reference), ("note", "x"), ("visible", "yes")],
        )
        .await;
    assert!(
        location(&response).starts_with("/problem/not-found"),
        "{}",
        location(&response)
    );
    assert_eq!(
        scalar(&app, "select count(*) from case_events where kind = 'note'").await,
        0
    );
    // Residents cannot reach the staff side; a made-up reference is not found.
    let (status, _) = app.page("/staff/cases").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.page("/cases/CP-222222").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The evidence pack: complaints handlers and managers only, everything in it.
    staff_post(
        &owen,
        "case-note",
        &reference,
        &[
            ("note", "Internal: spoke to the lift firm"),
            ("visible", "no"),
        ],
    )
    .await;
    let response = owen
        .get(&format!("/staff/cases/{reference}/evidence"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert!(response.headers()["content-disposition"]
        .to_str()
        .expect("cd")
        .contains(&format!("evidence-{reference}.html")));
    let pack = response.text().await.expect("pack");
    assert!(
        pack.contains("Internal: spoke to the lift firm")
            && pack.contains("Nobody came to fix the lift")
    );
    assert!(pack.contains("Written contact only"));
    for who in [&sunita, &app] {
        let response = who.get(&format!("/staff/cases/{reference}/evidence")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let signed_out = app.another_browser();
    let response = signed_out
        .get(&format!("/staff/cases/{reference}/evidence"))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = signed_out.page(&format!("/cases/{reference}")).await;
    assert_ne!(status, StatusCode::OK);
    // Looking and changing are both in the audit trail against the resident.
    assert_eq!(scalar(&app, "select count(*) from audit_events where action = 'case_viewed' and on_behalf_of_person_id is not null").await, 1);
    assert_eq!(
        scalar(
            &app,
            "select count(*) from audit_events where action = 'evidence_pack_downloaded'"
        )
        .await,
        1
    );
}

async fn bad_answers_are_shown_again_and_store_nothing(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, AMIRA).await;
    app.page("/cases/new/complaint/what").await;
    let response = app
        .post_form(
            "/api/cases/answer",
            &[("kind", "complaint"), ("field", "what"), ("value", "   ")],
        )
        .await;
    assert_eq!(location(&response), "/cases/new/complaint/what");
    let (_, body) = app.page("/cases/new/complaint/what").await;
    assert!(body.contains("Error: What happened?") && body.contains("Tell us what happened"));
    let long = "x".repeat(2001);
    app.post_form(
        "/api/cases/answer",
        &[("kind", "complaint"), ("field", "what"), ("value", &long)],
    )
    .await;
    let (_, body) = app.page("/cases/new/complaint/what").await;
    assert!(
        body.contains("2000 characters or fewer") && body.contains(&long),
        "the text is kept"
    );
    // Unknown kinds and questions, and an unfinished journey, go nowhere.
    let (status, _) = app.page("/cases/new/grievance/what").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.page("/cases/new/complaint/colour").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.page("/cases/new/complaint/check").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(scalar(&app, "select count(*) from cases").await, 0);
}

async fn the_queue_filters_by_kind_owner_and_due_and_puts_the_first_breach_on_top(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let (complaint, owen) = acknowledged_complaint(&app).await;
    let question = make(
        &app,
        "enquiry",
        &[("what", "Where do I put bulky rubbish?")],
        None,
    )
    .await;
    let (status, body) = owen.page("/staff/cases").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&complaint) && body.contains(&question));
    assert!(
        body.contains("2 cases, most urgent deadline first"),
        "{body}"
    );
    let (_, body) = owen.page("/staff/cases?kind=enquiry").await;
    assert!(body.contains(&question) && !body.contains(&complaint));
    let owen_id = scalar(
        &app,
        "select id from accounts where email = 'owen.davies@staff.example.org'",
    )
    .await
    .to_string();
    staff_post(&owen, "case-assign", &complaint, &[("owner", &owen_id)]).await;
    let (_, body) = owen.page("/staff/cases?owner=me").await;
    assert!(body.contains(&complaint) && !body.contains(&question));
    let (_, body) = owen.page("/staff/cases?owner=none").await;
    assert!(body.contains(&question) && !body.contains(&complaint));
    // The question's answer is overdue: it comes first, and alone under "overdue".
    app.execute(&format!(
        "update cases set due_at = '2020-01-06T17:30:00+00:00' where reference = '{question}'"
    ))
    .await;
    let (_, body) = owen.page("/staff/cases").await;
    assert!(
        body.find(&question) < body.find(&complaint),
        "first breach on top"
    );
    let (_, body) = owen.page("/staff/cases?due=overdue").await;
    assert!(body.contains(&question) && !body.contains(&complaint));
    let (_, body) = owen
        .page("/staff/cases?due=later&kind=nonsense&status=closed")
        .await;
    assert!(
        !body.contains(&question) && !body.contains(&complaint),
        "nothing closed yet"
    );
}
