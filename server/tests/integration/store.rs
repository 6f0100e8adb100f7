//! The store, on SQLite and on PostgreSQL: the same tests against both engines.

use crate::common::{fresh_db, Engine};
use app::domain::contact::ContactMessage;
use app::domain::housing::{Role, TenancyKind, Tenure};
use app::server::db::accounts::{account_by_email, audit_for_account, record_audit, AuditEvent};
use app::server::db::cases::{case_by_reference, create_case, NewCase};
use app::server::db::contact::count_messages;
use app::server::db::demo::{self, DEMO_SIGN_INS};
use app::server::db::homes::{home_for_person, needs_for_person};
use app::server::db::Db;
use app::server::password::PasswordHash;
use chrono::{DateTime, Utc};

on_both_engines!(
    migrations_can_run_again_without_harm,
    demo_data_loads_into_an_empty_database_and_never_twice,
    a_joint_tenancy_shows_every_member_of_the_household,
    recorded_needs_come_back_in_the_order_given,
    a_contact_message_is_stored_once_per_submission_token,
    a_reference_already_taken_is_replaced_with_a_free_one,
    the_every_contact_migration_keeps_every_case_and_turns_messages_into_cases,
    the_repeating_clocks_migration_keeps_every_clock_and_its_stops,
    accounts_are_found_by_email_whatever_its_case,
    audit_events_are_kept_in_order,
    periodic_work_takes_one_turn_per_period_among_all_nodes,
    a_node_that_does_not_migrate_names_what_is_missing,
    an_older_release_starts_on_the_schema_a_newer_one_left,
    the_clock_store_migration_keeps_every_clock_an_earlier_release_wrote,
);

fn hash() -> PasswordHash {
    // Tests of the store do not need a real hash; the server tests use real ones.
    PasswordHash::from_stored("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into())
}

async fn seeded(engine: Engine) -> Option<Db> {
    let db = fresh_db(engine).await?;
    let profile = server::config::load_profile(
        &crate::common::repo_root().join("config/profiles/northfield.toml"),
    )
    .expect("profile");
    assert!(
        demo::load(&db, &profile, "northfield.toml", &hash(), Utc::now())
            .await
            .expect("load")
    );
    Some(db)
}

async fn person_id(db: &Db, email: &str) -> i64 {
    account_by_email(db, email)
        .await
        .expect("query")
        .and_then(|a| a.person_id)
        .expect("a person")
}

fn message(text: &str) -> ContactMessage {
    ContactMessage {
        name: "Sam Jones".into(),
        email: Some("sam@example.org".into()),
        phone: None,
        message: text.into(),
    }
}

async fn migrations_can_run_again_without_harm(engine: Engine) {
    let Some(db) = fresh_db(engine).await else {
        return;
    };
    db.migrate().await.expect("second run");
    assert!(db.ping().await);
    assert!(demo::is_empty(&db).await.expect("query"));
}

async fn demo_data_loads_into_an_empty_database_and_never_twice(engine: Engine) {
    let Some(db) = seeded(engine).await else {
        return;
    };
    let profile = server::config::load_profile(
        &crate::common::repo_root().join("config/profiles/northfield.toml"),
    )
    .expect("profile");
    let again = demo::load(&db, &profile, "northfield.toml", &hash(), Utc::now())
        .await
        .expect("second load");
    assert!(!again, "a database with data must not be seeded again");
    for sign_in in DEMO_SIGN_INS {
        let account = account_by_email(&db, sign_in.email)
            .await
            .expect("query")
            .expect("account");
        assert_eq!(account.role, sign_in.role);
    }
    let homes: i64 = app::db_run!(&db, |pool| sqlx::query_scalar("select count(*) from homes")
        .fetch_one(pool)
        .await)
    .expect("count");
    assert_eq!(homes, 20);
}

async fn a_joint_tenancy_shows_every_member_of_the_household(engine: Engine) {
    let Some(db) = seeded(engine).await else {
        return;
    };
    let daniel = person_id(&db, "daniel.okafor@example.org").await;
    let home = home_for_person(&db, daniel)
        .await
        .expect("query")
        .expect("a home");
    assert_eq!(
        home.household,
        ["Daniel Okafor", "Grace Okafor", "Samuel Okafor"]
    );
    assert_eq!(home.tenancy_kind, TenancyKind::Assured);
    assert_eq!(home.block.as_deref(), Some("Alder Court"));
    assert_eq!(
        home.address.first().map(String::as_str),
        Some("Flat 2, Alder Court")
    );

    let tom = person_id(&db, "tom.bennett@example.org").await;
    let home = home_for_person(&db, tom)
        .await
        .expect("query")
        .expect("a home");
    assert_eq!(home.tenure, Tenure::SharedOwnership);
    assert_eq!(home.tenancy_kind, TenancyKind::SharedOwnershipLease);
}

async fn recorded_needs_come_back_in_the_order_given(engine: Engine) {
    let Some(db) = seeded(engine).await else {
        return;
    };
    let margaret = person_id(&db, "margaret.lewis@example.org").await;
    let needs = needs_for_person(&db, margaret).await.expect("query");
    assert_eq!(
        needs.first().map(String::as_str),
        Some("Allow time to answer the door")
    );
    assert_eq!(needs.len(), 3);
    let amira = person_id(&db, "amira.hassan@example.org").await;
    assert!(needs_for_person(&db, amira)
        .await
        .expect("query")
        .is_empty());
}

/// A "Contact us" message from someone not signed in, as a case to store.
fn visitor_case(token: &str, m: &ContactMessage, now: DateTime<Utc>) -> NewCase {
    NewCase {
        submission_token: token.into(),
        kind: "message",
        made_by: "visitor",
        channel: "portal",
        status: "open",
        summary: m.message.clone(),
        details: m.message.clone(),
        contact_name: Some(m.name.clone()),
        contact_email: m.email.clone(),
        contact_phone: m.phone.clone(),
        received_at: now,
        ..NewCase::default()
    }
}

async fn a_contact_message_is_stored_once_per_submission_token(engine: Engine) {
    let Some(db) = fresh_db(engine).await else {
        return;
    };
    let now = Utc::now();
    let new = visitor_case("token-a", &message("Hello"), now);
    let (first, created) = create_case(&db, &new, now, || "CM-AAAAAA".into())
        .await
        .expect("store");
    let (again, created_again) = create_case(&db, &new, now, || "CM-BBBBBB".into())
        .await
        .expect("store again");
    assert_eq!(first, "CM-AAAAAA");
    assert!(created && !created_again);
    assert_eq!(again, first, "the same token returns the first reference");
    assert_eq!(count_messages(&db).await.expect("count"), 1);
    let row = case_by_reference(&db, &first)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.details, "Hello");
    assert_eq!(row.person_id, None);
    assert_eq!(row.person_name, "Sam Jones");
    assert_eq!(row.contact_email.as_deref(), Some("sam@example.org"));
    assert!((row.received_at - now).num_seconds().abs() < 1);
}

async fn a_reference_already_taken_is_replaced_with_a_free_one(engine: Engine) {
    let Some(db) = fresh_db(engine).await else {
        return;
    };
    let now = Utc::now();
    create_case(
        &db,
        &visitor_case("token-a", &message("One"), now),
        now,
        || "CM-AAAAAA".into(),
    )
    .await
    .expect("store");
    let mut offered = vec!["CM-CCCCCC".to_owned(), "CM-AAAAAA".to_owned()];
    let (second, _) = create_case(
        &db,
        &visitor_case("token-b", &message("Two"), now),
        now,
        || offered.pop().unwrap_or_default(),
    )
    .await
    .expect("store");
    assert_eq!(second, "CM-CCCCCC");
    assert_eq!(count_messages(&db).await.expect("count"), 2);
}

/// Migration 0013 rebuilds `cases` on SQLite: every case written before it keeps its timeline,
/// clocks and responses (foreign keys are checked at its commit), and every stored "Contact us"
/// message becomes an open message case with the same reference.
async fn the_every_contact_migration_keeps_every_case_and_turns_messages_into_cases(
    engine: Engine,
) {
    let Some(db) = migrated_before(engine, 13).await else {
        return;
    };
    let now = Utc::now();
    app::db_run!(&db, |pool| {
        async {
            for sql in [
                "insert into people (given_name, family_name, created_at, updated_at)
                 values ('Amira', 'Hassan', $1, $1)",
                "insert into accounts (person_id, email, display_name, password_hash, role, created_at, updated_at)
                 values ((select id from people), 'amira@example.org', 'Amira', 'x', 'resident', $1, $1)",
                "insert into cases (reference, submission_token, kind, person_id, made_by, channel,
                                    status, summary, details, received_at, created_at, updated_at)
                 values ('EQ-AAAAAA', 't1', 'enquiry', (select id from people), 'resident', 'portal',
                         'open', 'A fob', 'A second fob', $1, $1, $1)",
                "insert into case_events (case_id, occurred_at, kind, title, visible, created_at)
                 values ((select id from cases), $1, 'opened', 'Question sent', 1, $1)",
                "insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at,
                                     created_at, updated_at)
                 values ('case', (select id from cases), 'reply', $1, $1, $1, $1, $1)",
                "insert into contact_messages (reference, submission_token, name, email, phone, message,
                                               account_id, created_at, updated_at)
                 values ('CM-VVVVVV', 't2', 'Sam Jones', 'sam@example.org', null,
                         'Is there a waiting list?', null, $1, $1)",
                "insert into contact_messages (reference, submission_token, name, email, phone, message,
                                               account_id, created_at, updated_at)
                 values ('CM-RRRRRR', 't3', 'Amira Hassan', null, '07700 900 982',
                         'Please call me', (select id from accounts), $1, $1)",
            ] {
                let sql = if matches!(db, Db::Postgres(_)) {
                    sql.replace("visible, created_at)\n                 values ((select id from cases), $1, 'opened', 'Question sent', 1,", "visible, created_at)\n                 values ((select id from cases), $1, 'opened', 'Question sent', true,")
                } else {
                    sql.to_owned()
                };
                sqlx::query(&sql).bind(now).execute(pool).await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await
    })
    .expect("an earlier release's cases and messages");
    db.migrate().await.expect("migrate");

    let kept = case_by_reference(&db, "EQ-AAAAAA")
        .await
        .expect("read")
        .expect("the question is kept");
    assert_eq!(kept.details, "A second fob");
    assert_eq!(kept.person_name, "Amira Hassan");
    let record = app::server::db::cases::record(&db, kept.id, true)
        .await
        .expect("its record");
    assert_eq!(record.events.len(), 1, "its timeline");
    assert_eq!(record.clocks.len(), 1, "its clock");
    if let Db::Sqlite(pool) = &db {
        let broken: Vec<(String,)> =
            sqlx::query_as("select \"table\" from pragma_foreign_key_check")
                .fetch_all(pool)
                .await
                .expect("check");
        assert!(broken.is_empty(), "{broken:?}");
    }

    let visitor = case_by_reference(&db, "CM-VVVVVV")
        .await
        .expect("read")
        .expect("a message case");
    assert_eq!(visitor.kind, app::domain::cases::CaseKind::Message);
    assert_eq!(visitor.person_id, None);
    assert_eq!(visitor.made_by, "visitor");
    assert_eq!(visitor.person_name, "Sam Jones");
    assert_eq!(visitor.contact_email.as_deref(), Some("sam@example.org"));
    assert!(visitor.status.is_open());
    let resident = case_by_reference(&db, "CM-RRRRRR")
        .await
        .expect("read")
        .expect("a message case");
    assert!(
        resident.person_id.is_some(),
        "a signed-in sender's message is about them"
    );
    assert_eq!(resident.made_by, "resident");
    assert_eq!(resident.contact_phone.as_deref(), Some("07700 900 982"));
    // Migrating again changes nothing.
    db.migrate().await.expect("again");
    assert_eq!(count_messages(&db).await.expect("count"), 2);
}

async fn accounts_are_found_by_email_whatever_its_case(engine: Engine) {
    let Some(db) = seeded(engine).await else {
        return;
    };
    let account = account_by_email(&db, "  Amira.Hassan@EXAMPLE.org ")
        .await
        .expect("query")
        .expect("found");
    assert_eq!(account.display_name, "Amira Hassan");
    assert_eq!(account.role, Role::Resident);
    assert!(account_by_email(&db, "nobody@example.org")
        .await
        .expect("query")
        .is_none());
}

async fn audit_events_are_kept_in_order(engine: Engine) {
    let Some(db) = seeded(engine).await else {
        return;
    };
    let account = account_by_email(&db, "alex.kim@staff.example.org")
        .await
        .expect("query")
        .expect("found");
    for action in ["sign_in", "role_changed", "sign_out"] {
        record_audit(&db, AuditEvent::by(Some(account.id), action), Utc::now())
            .await
            .expect("record");
    }
    let events = audit_for_account(&db, account.id).await.expect("query");
    let actions: Vec<_> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["sign_in", "role_changed", "sign_out"]);
}

/// Three nodes wake at once: one runs the work; nobody again until the period has passed.
async fn periodic_work_takes_one_turn_per_period_among_all_nodes(engine: Engine) {
    let Some(db) = fresh_db(engine).await else {
        return;
    };
    use app::server::db::periodic::take_turn;
    let period = std::time::Duration::from_secs(600);
    let now = Utc::now();
    let (a, b, c) = tokio::join!(
        take_turn(&db, "expired_sessions", now, period),
        take_turn(&db, "expired_sessions", now, period),
        take_turn(&db, "expired_sessions", now, period),
    );
    let turns = [a, b, c]
        .into_iter()
        .filter(|t| *t.as_ref().expect("turn"))
        .count();
    assert_eq!(turns, 1, "one node of three");
    let later = now + chrono::Duration::minutes(5);
    assert!(!take_turn(&db, "expired_sessions", later, period)
        .await
        .expect("turn"));
    assert!(
        take_turn(&db, "reminders", later, period)
            .await
            .expect("turn"),
        "each work its own"
    );
    let next = now + chrono::Duration::minutes(10);
    assert!(take_turn(&db, "expired_sessions", next, period)
        .await
        .expect("turn"));
}

/// `MIGRATE_ON_START=false`: a database without the migrations is named, not half-served.
async fn a_node_that_does_not_migrate_names_what_is_missing(engine: Engine) {
    let Some(url) = crate::common::fresh_database_url(engine).await else {
        return;
    };
    let db = Db::connect(&url).await.expect("connect");
    let missing = db.missing_migrations().await.expect("read");
    assert!(
        missing.first().is_some_and(|m| m.starts_with("1 ")),
        "{missing:?}"
    );
    let mut config = crate::common::config(url, true);
    config.migrate_on_start = false;
    let refusal = server::startup::prepare(&config)
        .await
        .expect_err("refused");
    assert!(
        refusal.starts_with(
            "MIGRATE_ON_START=false, and the database has not had these migrations: 1 "
        ),
        "{refusal}"
    );
    db.migrate().await.expect("migrate");
    assert!(db.missing_migrations().await.expect("read").is_empty());
}

/// A rollback: the database has a migration from a newer release that this binary does not
/// know. Migrating again (what `serve` does first) is not refused.
async fn an_older_release_starts_on_the_schema_a_newer_one_left(engine: Engine) {
    let Some(db) = fresh_db(engine).await else {
        return;
    };
    app::db_run!(&db, |pool| {
        sqlx::query(
            "insert into _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
             values (9999, 'from a newer release', current_timestamp, true, $1, 0)",
        )
        .bind(vec![0u8; 48])
        .execute(pool)
        .await
        .map(|_| ())
    })
    .expect("a newer release's migration");
    db.migrate().await.expect("the older release still starts");
    assert!(db.missing_migrations().await.expect("read").is_empty());
}

/// Least privilege on PostgreSQL, as docs/operations.md sets it up: a migration role owns the
/// schema and runs `migrate`; the nodes run as a role that can only read and write rows, with
/// `MIGRATE_ON_START=false`, and everything works: signing in, pages, a form that writes.
#[tokio::test]
// Runs in `make test` (with-postgres.sh, --include-ignored); ignored only by a plain cargo test.
#[ignore = "needs PostgreSQL: run through server/tests/with-postgres.sh with --include-ignored (make integration)"]
async fn a_runtime_role_without_schema_rights_serves_after_the_owner_migrates() {
    let admin = std::env::var("DOORSTEP_TEST_POSTGRES_URL")
        .expect("DOORSTEP_TEST_POSTGRES_URL: run through server/tests/with-postgres.sh");
    let suffix = format!(
        "{}_{}",
        std::process::id(),
        Utc::now().timestamp_subsec_nanos()
    );
    let (owner, runtime, name) = (
        format!("owner_{suffix}"),
        format!("app_{suffix}"),
        format!("least_{suffix}"),
    );
    let base = admin.rsplit_once('/').map(|(b, _)| b).expect("base");
    let url_as = |role: &str| {
        // postgres://doorstep@host:port -> postgres://ROLE@host:port/NAME
        let (scheme, rest) = base.split_once("://").expect("scheme");
        let host = rest.split_once('@').map_or(rest, |(_, h)| h);
        format!("{scheme}://{role}@{host}/{name}")
    };
    let superuser = sqlx::PgPool::connect(&admin).await.expect("admin");
    for sql in [
        format!("create role {owner} login"),
        format!("create role {runtime} login"),
        format!("create database {name} owner {owner}"),
    ] {
        sqlx::query(&sql).execute(&superuser).await.expect(&sql);
    }
    superuser.close().await;
    let as_owner = sqlx::PgPool::connect(&url_as(&owner)).await.expect("owner");
    for sql in [
        format!("grant usage on schema public to {runtime}"),
        format!("alter default privileges in schema public grant select, insert, update, delete on tables to {runtime}"),
        format!("alter default privileges in schema public grant usage, select on sequences to {runtime}"),
    ] {
        sqlx::query(&sql).execute(&as_owner).await.expect(&sql);
    }
    let owner_db = Db::connect(&url_as(&owner)).await.expect("owner db");
    server::startup::migrate(&owner_db)
        .await
        .expect("migrate as the owner");
    // The session table is in the public schema: the default privileges cover it, no grant.
    let profile = server::config::load_profile(
        &crate::common::repo_root().join("config/profiles/northfield.toml"),
    )
    .expect("profile");
    let hash = app::server::password::hash(demo::DEMO_PASSWORD.to_owned())
        .await
        .expect("hash");
    demo::load(&owner_db, &profile, "northfield.toml", &hash, Utc::now())
        .await
        .expect("demo data");

    let runtime_pool = sqlx::PgPool::connect(&url_as(&runtime))
        .await
        .expect("runtime");
    let refused = sqlx::query("create table sneaky (id bigint)")
        .execute(&runtime_pool)
        .await;
    assert!(
        refused.is_err(),
        "the runtime role cannot change the schema"
    );
    let mut config = crate::common::config(url_as(&runtime), true);
    config.migrate_on_start = false;
    let app = crate::common::spawn_with(config).await;
    app.sign_in("amira.hassan@example.org", demo::DEMO_PASSWORD)
        .await;
    let (status, page) = app.page("/your-home").await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert!(page.contains("Hello, Amira Hassan"), "{page}");
    let token = app.contact_token().await;
    let sent = app
        .post_form(
            "/api/contact/send",
            &[
                ("token", token.as_str()),
                ("name", "Amira Hassan"),
                ("email", "amira.hassan@example.org"),
                ("phone", ""),
                (
                    "message",
                    "Written by a role that cannot change the schema.",
                ),
            ],
        )
        .await;
    assert!(
        crate::common::location(&sent).starts_with("/contact/sent/CM-"),
        "{}",
        sent.status()
    );
}

type StoredClockRow = (
    String,
    i64,
    String,
    DateTime<Utc>,
    DateTime<Utc>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<String>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

/// Every clock in the store, and every stop, in one order.
async fn every_clock(
    db: &Db,
) -> (
    Vec<StoredClockRow>,
    Vec<(String, i64, DateTime<Utc>, Option<DateTime<Utc>>, String)>,
) {
    app::db_run!(db, |pool| {
        async {
            let clocks = sqlx::query_as::<_, StoredClockRow>(
                "select subject, subject_id, kind, started_at, standard_due_at, due_at, met_at,
                        extension_reason, stopped_at, restarted_at
                 from clocks order by subject, subject_id, kind",
            )
            .fetch_all(pool)
            .await?;
            let stops = sqlx::query_as(
                "select k.subject, k.subject_id, s.stopped_at, s.restarted_at, s.reason
                 from clock_stops s join clocks k on k.id = s.clock_id
                 order by k.subject, k.subject_id, s.stopped_at",
            )
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((clocks, stops))
        }
        .await
    })
    .expect("read the clocks")
}

/// A database as the release before the clock store left it (every repair's and case's clock
/// in repair_clocks and case_clocks, a request's clock as JSON in its row), migrated by this
/// release, has every clock, deadline, extension and stop it had: the demo's repairs, cases and
/// requests at every stage, on both engines.
async fn the_clock_store_migration_keeps_every_clock_an_earlier_release_wrote(engine: Engine) {
    let Some(app) = crate::common::spawn_app_with_everything(engine).await else {
        return;
    };
    let db = &app.state.db;
    // Two requests to see information: one running, one stopped until identity is confirmed.
    let colleague = account_by_email(db, "chris.morgan@staff.example.org")
        .await
        .expect("query")
        .expect("colleague");
    let margaret = crate::common::person_on(&app, "TEN-100003").await;
    for (token, confirmed) in [("clock-store-1", true), ("clock-store-2", false)] {
        app::server::subject_access::open(
            &app.state,
            &app::server::subject_access::Opening {
                token,
                person_id: margaret,
                by: &colleague,
                made_by: "staff",
                channel: "letter",
                details: "Everything about my damp",
                received_at: Utc::now() - chrono::Duration::days(3),
                identity_confirmed: confirmed,
            },
        )
        .await
        .expect("a request");
    }
    let before = every_clock(db).await;
    for subject in ["repair", "case", "subject_access"] {
        assert!(
            before.0.iter().any(|c| c.0 == subject),
            "the demo has {subject} clocks"
        );
    }
    assert!(!before.1.is_empty(), "and a stopped clock");
    // Each request's clock as the earlier release kept it: JSON in its row.
    let mut requests = app::server::db::subject_access::open_requests(db)
        .await
        .expect("open");
    requests.extend(
        app::server::db::subject_access::finished_requests(db, 1000)
            .await
            .expect("finished"),
    );
    for row in &requests {
        let json = serde_json::to_string(&row.request().expect("readable").clock).expect("json");
        app::db_run!(db, |pool| sqlx::query(
            "update subject_access_requests set clock = $1 where id = $2"
        )
        .bind(&json)
        .bind(row.id)
        .execute(pool)
        .await
        .map(|_| ()))
        .expect("the JSON column");
    }
    app::db_run!(db, |pool| {
        async {
            for sql in [
                "insert into repair_clocks (repair_id, kind, started_at, due_at, met_at, created_at, updated_at)
                 select subject_id, kind, started_at, due_at, met_at, created_at, updated_at
                 from clocks where subject = 'repair'",
                "insert into case_clocks (case_id, kind, started_at, standard_due_at, due_at, met_at,
                                          extension_reason, created_at, updated_at)
                 select subject_id, kind, started_at, standard_due_at, due_at, met_at,
                        extension_reason, created_at, updated_at
                 from clocks where subject = 'case'",
                "drop table clock_stops",
                "drop table clocks",
                "delete from _sqlx_migrations where version in (11, 16)",
            ] {
                sqlx::query(sql).execute(pool).await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await
    })
    .expect("the earlier release's database");
    db.migrate().await.expect("migrate");
    app::server::subject_access::refresh_due_dates(&app.state)
        .await
        .expect("requests' clocks moved in");
    assert_eq!(every_clock(db).await, before);
}

/// Migration 0016 rebuilds `clocks` on SQLite (the unique key gains `cycle`): every clock keeps
/// its id, deadlines and stops (whose foreign keys are checked at its commit); a clock's next
/// period can then be stored beside it, and a second first period still cannot.
async fn the_repeating_clocks_migration_keeps_every_clock_and_its_stops(engine: Engine) {
    let Some(db) = migrated_before(engine, 16).await else {
        return;
    };
    let now = Utc::now();
    app::db_run!(&db, |pool| {
        async {
            for sql in [
                "insert into clocks (subject, subject_id, kind, started_at, standard_due_at,
                                     due_at, met_at, created_at, updated_at)
                 values ('case', 7, 'update', $1, $1, $1, $1, $1, $1)",
                "insert into clocks (subject, subject_id, kind, started_at, standard_due_at,
                                     due_at, stopped_at, created_at, updated_at)
                 values ('subject_access', 3, 'respond', $1, $1, $1, $1, $1, $1)",
                "insert into clock_stops (clock_id, stopped_at, reason)
                 values ((select id from clocks where kind = 'respond'), $1, 'identity')",
            ] {
                sqlx::query(sql).bind(now).execute(pool).await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await
    })
    .expect("an earlier release's clocks");
    db.migrate().await.expect("migrate");

    let kept: Vec<(String, i64, i64)> = app::db_run!(&db, |pool| {
        sqlx::query_as("select kind, subject_id, cycle from clocks order by id")
            .fetch_all(pool)
            .await
    })
    .expect("clocks");
    assert_eq!(
        kept,
        [("update".to_owned(), 7, 0), ("respond".to_owned(), 3, 0)]
    );
    let stops: i64 = app::db_run!(&db, |pool| {
        sqlx::query_scalar(
            "select count(*) from clock_stops s join clocks k on k.id = s.clock_id
             where k.kind = 'respond'",
        )
        .fetch_one(pool)
        .await
    })
    .expect("stops");
    assert_eq!(stops, 1);
    let insert = |cycle: i64| {
        let db = db.clone();
        async move {
            app::db_run!(&db, |pool| {
                sqlx::query(
                    "insert into clocks (subject, subject_id, kind, cycle, started_at,
                                         standard_due_at, due_at, created_at, updated_at)
                     values ('case', 7, 'update', $2, $1, $1, $1, $1, $1)",
                )
                .bind(now)
                .bind(cycle)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
            })
        }
    };
    insert(1).await.expect("the next period beside the first");
    assert!(insert(0).await.is_err(), "a second first period");
}

/// A fresh database with every migration before `version`: an earlier release's schema.
async fn migrated_before(engine: Engine, version: i64) -> Option<Db> {
    let url = crate::common::fresh_database_url(engine).await?;
    let db = Db::connect(&url).await.expect("connect");
    let mut earlier = match &db {
        Db::Sqlite(_) => sqlx::migrate!("../migrations/sqlite"),
        Db::Postgres(_) => sqlx::migrate!("../migrations/postgres"),
    };
    earlier.migrations = earlier
        .migrations
        .iter()
        .filter(|m| m.version < version)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    app::db_run!(&db, |pool| earlier.run(pool).await).expect("earlier migrations");
    Some(db)
}
