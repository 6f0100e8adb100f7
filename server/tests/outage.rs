//! The database going away and coming back, on PostgreSQL (a throwaway cluster this test may
//! stop and start: see with-postgres.sh). Its own test binary, so no other test shares the
//! cluster while it is down.

mod common;

use app::server::db::demo::DEMO_PASSWORD;
use common::{fresh_database_url, spawn_on, Engine};
use reqwest::StatusCode;
use std::time::{Duration, Instant};

fn shell(command: &str) {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .status()
        .expect("run pg_ctl");
    assert!(status.success(), "{command}");
}

#[tokio::test]
// Runs in `make test` (with-postgres.sh, --include-ignored); ignored only by a plain cargo test.
#[ignore = "needs PostgreSQL: run through server/tests/with-postgres.sh with --include-ignored (make integration)"]
async fn pages_say_the_service_is_unavailable_while_the_database_is_down_and_recover_by_themselves()
{
    let (Ok(stop), Ok(start)) = (
        std::env::var("DOORSTEP_TEST_PG_STOP"),
        std::env::var("DOORSTEP_TEST_PG_START"),
    ) else {
        panic!("no throwaway PostgreSQL cluster: run through server/tests/with-postgres.sh");
    };
    let url = fresh_database_url(Engine::Postgres)
        .await
        .expect("postgres");
    let app = spawn_on(url, true).await;
    let hash = app::server::password::hash(DEMO_PASSWORD.to_owned())
        .await
        .expect("hash");
    app::server::db::demo::load(
        &app.state.db,
        &app.state.site.profile,
        "t",
        &hash,
        chrono::Utc::now(),
    )
    .await
    .expect("demo");
    app.sign_in("amira.hassan@example.org", DEMO_PASSWORD).await;
    assert_eq!(app.page("/your-home").await.0, StatusCode::OK);

    shell(&stop);
    let (status, _) = app.page("/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    // One wait for a connection (DATABASE_ACQUIRE_SECONDS, 3 s), not one for the session and
    // another for the page.
    for page in [
        "/documents",
        "/repairs",
        "/contact",
        "/messages",
        "/account",
    ] {
        let asked = Instant::now();
        let (status, body) = app.page(page).await;
        let waited = asked.elapsed();
        eprintln!("{page}: {status} after {waited:?}");
        assert!(
            waited < Duration::from_secs(5),
            "{page} answered after {waited:?}"
        );
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{page}");
        assert!(body.contains("0161 496 0000"), "{page}: the phone number");
    }
    let asked = Instant::now();
    let (status, body) = app.page("/your-home").await;
    let waited = asked.elapsed();
    assert!(waited < Duration::from_secs(5), "answered after {waited:?}");
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("Sorry, the service is unavailable"), "{body}");
    assert!(body.contains("0161 496 0000"), "the phone number");
    assert!(body.contains("0161 496 0999"), "the emergency number");
    assert_eq!(
        app.page("/healthz").await.0,
        StatusCode::OK,
        "the process is still up"
    );

    shell(&start);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if app.page("/readyz").await.0 == StatusCode::OK
            && app.page("/your-home").await.0 == StatusCode::OK
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not recover within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let (_, body) = app.page("/your-home").await;
    assert!(
        body.contains("Hello, Amira Hassan"),
        "still signed in after the outage"
    );
}
