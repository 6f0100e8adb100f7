//! Teams in the interface: an administrator creates a team, puts colleagues in it, names its
//! manager and sends a kind of new case to it; bad choices are refused with a message and
//! change nothing; the teams an earlier release kept as words on accounts are carried over; a new
//! installation routes work as the profile says, until an administrator routes it themselves.

use crate::common::{as_other, fresh_database_url, location, scalar, signed_in, spawn_app};
use crate::common::{Engine, TestApp};
use reqwest::StatusCode;

on_both_engines!(
    an_administrator_builds_a_team_and_new_complaints_go_to_it,
    bad_team_changes_are_refused_plainly_and_change_nothing,
    teams_kept_as_words_on_accounts_become_teams_with_their_managers,
    a_new_installation_routes_work_as_the_profile_says_until_the_screen_decides,
);

const ADMIN: &str = "alex.kim@staff.example.org";
const SERVICES: &str = "chris.morgan@staff.example.org";
const AMIRA: &str = "amira.hassan@example.org";

async fn account_id(app: &TestApp, email: &str) -> i64 {
    scalar(
        app,
        &format!("select id from accounts where email = '{email}'"),
    )
    .await
}

async fn team_id(app: &TestApp, name: &str) -> i64 {
    scalar(app, &format!("select id from teams where name = '{name}'")).await
}

/// The teams page after a change: it must say what was done (or what is wrong).
async fn teams_page(app: &TestApp) -> String {
    let (status, body) = app.page("/admin/teams").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.replace("&#x27;", "'")
}

async fn an_administrator_builds_a_team_and_new_complaints_go_to_it(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, ADMIN).await;
    let created = app
        .post_form(
            "/api/admin/teams/create",
            &[("name", "  Tenancy   sustainment ")],
        )
        .await;
    assert_eq!(location(&created), "/admin/teams");
    assert!(teams_page(&app)
        .await
        .contains("Tenancy sustainment created. Add colleagues to it below."));
    let team = team_id(&app, "Tenancy sustainment").await;
    let chris = account_id(&app, SERVICES).await;
    let (team_s, chris_s) = (team.to_string(), chris.to_string());
    let added = app
        .post_form(
            "/api/admin/teams/add",
            &[("team", &team_s), ("account", &chris_s)],
        )
        .await;
    assert_eq!(location(&added), "/admin/teams");
    assert!(teams_page(&app)
        .await
        .contains("Chris Morgan added to Tenancy sustainment."));
    app.post_form(
        "/api/admin/teams/member",
        &[
            ("team", &team_s),
            ("account", &chris_s),
            ("change", "manager"),
        ],
    )
    .await;
    let body = teams_page(&app).await;
    assert!(body.contains("Chris Morgan now manages Tenancy sustainment."));
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from team_members where team_id = {team} and manager")
        )
        .await,
        1
    );
    app.post_form(
        "/api/admin/teams/route",
        &[("kind", "complaint"), ("team", &team_s)],
    )
    .await;
    let body = teams_page(&app).await;
    assert!(
        body.contains("New complaints go to Tenancy sustainment."),
        "{body}"
    );
    assert!(body.contains("New complaints come here."));

    // A new complaint belongs to the team, and its page says so.
    let amira = as_other(&app, AMIRA).await;
    let reference = crate::cases::make(&amira, "complaint", crate::cases::COMPLAINT, None).await;
    assert_eq!(
        scalar(
            &app,
            &format!("select team_id from cases where reference = '{reference}'")
        )
        .await,
        team
    );
    let (_, page) = amira.page(&format!("/cases/{reference}")).await;
    assert!(
        page.contains("Tenancy sustainment (no named colleague yet)"),
        "{page}"
    );

    // The cases queue shows it under "my teams" for Chris, and not among cases with no team.
    let colleague = as_other(&app, SERVICES).await;
    let (_, mine) = colleague.page("/staff/cases?team=mine").await;
    assert!(mine.contains(&reference), "{mine}");
    assert!(mine.contains("Tenancy sustainment (no named colleague yet)"));
    let (_, none) = colleague.page("/staff/cases?team=none").await;
    assert!(!none.contains(&reference));
    let (_, this) = colleague.page(&format!("/staff/cases?team={team}")).await;
    assert!(this.contains(&reference));

    // So does a new repair once repairs go to the team, on the resident's and staff pages.
    app.post_form(
        "/api/admin/teams/route",
        &[("kind", "repair"), ("team", &team_s)],
    )
    .await;
    let job = crate::repairs::report(&amira, "tap_drip", "Dripping all night").await;
    let (_, page) = amira.page(&format!("/repairs/{job}")).await;
    assert!(page.contains("Dealt with by"), "{page}");
    assert!(page.contains("Tenancy sustainment"));
    let (_, page) = colleague.page(&format!("/staff/repairs/{job}")).await;
    assert!(page.contains("Tenancy sustainment"), "{page}");
    let (status, mine) = colleague.page("/staff/repairs?team=mine").await;
    assert_eq!(status, StatusCode::OK);
    assert!(mine.contains(&job), "{mine}");
    let (_, none) = colleague.page("/staff/repairs?team=none").await;
    assert!(!none.contains(&job));

    // Taken out of the team, Chris is listed no more; every change is in the audit trail.
    app.post_form(
        "/api/admin/teams/member",
        &[
            ("team", &team_s),
            ("account", &chris_s),
            ("change", "remove"),
        ],
    )
    .await;
    assert!(teams_page(&app)
        .await
        .contains("Chris Morgan taken out of Tenancy sustainment."));
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from team_members where team_id = {team}")
        )
        .await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from audit_events where action like 'team_%'"
        )
        .await,
        6
    );
}

async fn bad_team_changes_are_refused_plainly_and_change_nothing(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    signed_in(&app, ADMIN).await;
    app.post_form("/api/admin/teams/create", &[("name", "Lettings")])
        .await;
    let before = scalar(&app, "select count(*) from teams").await;
    for (name, message) in [
        ("   ", "Enter the team's name"),
        (
            "lettings",
            "There is already a team called Lettings. Choose another name",
        ),
        (
            "Lettings",
            "There is already a team called Lettings. Choose another name",
        ),
        (&"x".repeat(81), "The name must be 80 characters or fewer"),
    ] {
        let response = app
            .post_form("/api/admin/teams/create", &[("name", name)])
            .await;
        assert_eq!(location(&response), "/admin/teams");
        let body = teams_page(&app).await;
        assert!(body.contains(message), "{name}: {body}");
    }
    assert_eq!(scalar(&app, "select count(*) from teams").await, before);

    // A disabled account cannot join; nor can a stranger's number.
    let team = team_id(&app, "Lettings").await.to_string();
    let chris = account_id(&app, SERVICES).await;
    app.execute(&format!(
        "update accounts set disabled_at = created_at where id = {chris}"
    ))
    .await;
    for account in [chris.to_string(), "999999".to_owned(), "chris".to_owned()] {
        let response = app
            .post_form(
                "/api/admin/teams/add",
                &[("team", team.as_str()), ("account", account.as_str())],
            )
            .await;
        assert_eq!(location(&response), "/admin/teams");
        assert!(teams_page(&app)
            .await
            .contains("Choose a colleague whose account is in use"));
    }
    assert_eq!(scalar(&app, "select count(*) from team_members").await, 0);

    // A team that does not exist: not found, or a plain message where it is a choice.
    let missing = app
        .post_form(
            "/api/admin/teams/add",
            &[("team", "999999"), ("account", "1")],
        )
        .await;
    assert!(location(&missing).starts_with("/problem/not-found"));
    app.post_form(
        "/api/admin/teams/route",
        &[("kind", "complaint"), ("team", "999999")],
    )
    .await;
    assert!(teams_page(&app)
        .await
        .contains("Choose a team from the list"));
    // The profile's routes stand, and nothing points at the team that does not exist.
    assert_eq!(
        scalar(&app, "select count(*) from team_routes").await,
        app.state.site.profile.team_routes.len() as i64
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from team_routes where team_id = 999999"
        )
        .await,
        0
    );

    // Only administrators reach the page.
    let colleague = as_other(&app, "owen.davies@staff.example.org").await;
    assert_eq!(
        colleague.page("/admin/teams").await.0,
        StatusCode::NOT_FOUND
    );
}

async fn teams_kept_as_words_on_accounts_become_teams_with_their_managers(engine: Engine) {
    let Some(url) = fresh_database_url(engine).await else {
        return;
    };
    let db = app::server::db::Db::connect(&url).await.expect("connect");
    // The schema an earlier release left (every migration before teams), with its words.
    let mut earlier = match &db {
        app::server::db::Db::Sqlite(_) => sqlx::migrate!("../migrations/sqlite"),
        app::server::db::Db::Postgres(_) => sqlx::migrate!("../migrations/postgres"),
    };
    earlier.migrations = earlier
        .migrations
        .iter()
        .filter(|m| m.version < 12)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    app::db_run!(&db, |pool| earlier.run(pool).await).expect("earlier migrations");
    let now = chrono::Utc::now();
    app::db_run!(&db, |pool| {
        async {
            for (email, team) in [
                ("fiona@example.org", "Housing management"),
                ("chris@example.org", " Customer services "),
                ("sam@example.org", "Customer services"),
                ("owen@example.org", ""),
            ] {
                sqlx::query(
                    "insert into accounts (email, display_name, password_hash, role, team,
                                           created_at, updated_at)
                     values ($1, $1, 'x', 'customer_services', nullif($2, ''), $3, $3)",
                )
                .bind(email)
                .bind(team)
                .bind(now)
                .execute(pool)
                .await?;
            }
            sqlx::query(
                "update accounts set manager_account_id =
                     (select id from accounts where email = 'fiona@example.org')
                 where email in ('chris@example.org', 'sam@example.org')",
            )
            .execute(pool)
            .await?;
            Ok::<_, sqlx::Error>(())
        }
        .await
    })
    .expect("an earlier release's colleagues");
    db.migrate().await.expect("migrate");
    let state_db = &db;
    let teams = app::server::db::teams::teams(state_db)
        .await
        .expect("teams");
    let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Customer services", "Housing management"]);
    let members = app::server::db::teams::members(state_db)
        .await
        .expect("members");
    let in_team = |team: &str| -> Vec<(String, bool)> {
        let id = teams.iter().find(|t| t.name == team).expect("team").id;
        members
            .iter()
            .filter(|m| m.team_id == id)
            .map(|m| (m.email.clone(), m.manager))
            .collect()
    };
    assert_eq!(
        in_team("Customer services"),
        [
            ("fiona@example.org".to_owned(), true),
            ("chris@example.org".to_owned(), false),
            ("sam@example.org".to_owned(), false),
        ]
    );
    assert_eq!(
        in_team("Housing management"),
        [("fiona@example.org".to_owned(), false)]
    );
    // Passing a compliment on tells the manager of the colleague's team.
    let colleagues = app::server::db::cases::colleagues(state_db)
        .await
        .expect("colleagues");
    let chris = colleagues
        .iter()
        .find(|c| c.email == "chris@example.org")
        .expect("chris");
    assert_eq!(chris.team.as_deref(), Some("Customer services"));
    assert_eq!(chris.manager_email.as_deref(), Some("fiona@example.org"));
}

/// Each routed kind and its team's name, in kind order.
async fn routes(app: &TestApp) -> Vec<(String, String)> {
    let teams = app::server::db::teams::teams(&app.state.db)
        .await
        .expect("teams");
    app::server::db::teams::routes(&app.state.db)
        .await
        .expect("routes")
        .into_iter()
        .map(|r| {
            let name = teams.iter().find(|t| t.id == r.team_id).expect("its team");
            (r.kind, name.name.clone())
        })
        .collect()
}

async fn a_new_installation_routes_work_as_the_profile_says_until_the_screen_decides(
    engine: Engine,
) {
    let Some(url) = fresh_database_url(engine).await else {
        return;
    };
    // No demo, no colleague: the first start makes the profile's teams and routes.
    let app = crate::common::spawn_on(url.clone(), true).await;
    let profile = &app.state.site.profile.team_routes;
    let expected: Vec<(String, String)> = profile
        .iter()
        .map(|(k, t)| (k.clone(), t.clone()))
        .collect();
    assert!(expected.len() >= 5, "{expected:?}");
    assert_eq!(routes(&app).await, expected);
    assert_eq!(
        scalar(&app, "select count(*) from teams").await,
        3,
        "Repairs, Complaints and resolution, Customer services"
    );
    // An administrator then decides otherwise: messages to no team, complaints elsewhere.
    let db = &app.state.db;
    let now = chrono::Utc::now();
    app::server::db::teams::clear_route(db, "message")
        .await
        .expect("cleared");
    let services = scalar(
        &app,
        "select id from teams where name = 'Customer services'",
    )
    .await;
    app::server::db::teams::set_route(db, services, "complaint", now)
        .await
        .expect("routed");
    let decided = routes(&app).await;
    assert!(!decided.iter().any(|(k, _)| k == "message"));
    // Starting again does not undo the screen's choices.
    let again = crate::common::spawn_on(url, true).await;
    assert_eq!(routes(&again).await, decided);
    assert_eq!(scalar(&again, "select count(*) from teams").await, 3);
}
