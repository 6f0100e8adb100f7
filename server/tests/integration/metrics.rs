//! The operator's metrics, on their own listener: requests by route and status, the outbox's
//! depth and oldest message, overdue clocks by kind, and the database pool.

use crate::common::{spawn_app_configured, Engine, TestApp};
use reqwest::StatusCode;

on_both_engines!(metrics_are_served_apart_and_count_what_happened);

async fn scrape(app: &TestApp) -> String {
    let at = app.metrics_addr.expect("a metrics listener");
    let response = reqwest::get(format!("http://{at}/metrics"))
        .await
        .expect("the metrics answer");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .expect("type")
        .starts_with("application/openmetrics-text"));
    response.text().await.expect("text")
}

/// The value of the sample whose name and labels start `series`, or 0 when there is none.
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find(|l| l.starts_with(series))
        .and_then(|l| l.rsplit(' ').next())
        .map_or(0.0, |v| v.parse().expect("a number"))
}

async fn metrics_are_served_apart_and_count_what_happened(engine: Engine) {
    // Email goes to an SMTP relay that is not there, so queued messages stay waiting.
    let Some(app) = spawn_app_configured(engine, |c| {
        c.metrics_addr = Some("127.0.0.1:0".parse().expect("addr"));
        c.smtp_url = Some("smtp://127.0.0.1:1".to_owned());
    })
    .await
    else {
        return;
    };
    app::server::demo::seed_activity(&app.state, chrono::Utc::now())
        .await
        .expect("the demo's repairs and cases");
    // Not on the public listener.
    assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);

    for _ in 0..3 {
        assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    }
    app.get("/repairs/RP-NOSUCH").await;
    let text = scrape(&app).await;
    assert!(
        text.contains("# TYPE doorstep_http_requests counter"),
        "{text}"
    );
    assert_eq!(
        value(
            &text,
            "doorstep_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}"
        ),
        3.0
    );
    assert!(
        value(
            &text,
            "doorstep_http_request_duration_seconds_count{route=\"/healthz\",method=\"GET\"}"
        ) >= 3.0
    );
    // A page by its pattern, not its address: one series however many references.
    assert!(
        text.contains("route=\"/repairs/:reference\"")
            || text.contains("route=\"/repairs/{reference}\""),
        "{text}"
    );
    assert!(!text.contains("RP-NOSUCH"));

    // A message queued two hours ago and not sent: the queue's depth and its age.
    let two_hours_ago = chrono::Utc::now() - chrono::Duration::hours(2);
    app::server::db::outbox::enqueue(
        &app.state.db,
        "someone@example.net",
        "Waiting",
        "Still here",
        two_hours_ago,
    )
    .await
    .expect("queued");
    let waiting = crate::common::scalar(
        &app,
        "select count(*) from outbox where channel = 'email' and sent_at is null and given_up_at is null",
    )
    .await;
    let text = scrape(&app).await;
    assert_eq!(
        value(&text, "doorstep_outbox_waiting{channel=\"email\"}"),
        waiting as f64
    );
    assert!(
        value(
            &text,
            "doorstep_outbox_oldest_age_seconds{channel=\"email\"}"
        ) >= 7200.0
    );

    // A running repair clock moved past its deadline counts at once under its kind.
    let series = "doorstep_clocks_overdue{subject=\"repair\",kind=\"target\"}";
    let before = value(&text, series);
    let yesterday = chrono::Utc::now() - chrono::Duration::days(1);
    let moved = app::db_run!(&app.state.db, |pool| sqlx::query(
        "update clocks set due_at = $1 where id = (select min(id) from clocks
         where subject = 'repair' and kind = 'target' and met_at is null and stopped_at is null
           and due_at > $1)"
    )
    .bind(yesterday)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
    .expect("moved");
    assert_eq!(moved, 1, "the demo has a running repair target");
    let text = scrape(&app).await;
    assert_eq!(value(&text, series), before + 1.0, "{text}");

    // The pool: as many as it may open, and no more open than that.
    let max = value(&text, "doorstep_db_pool_connections{state=\"max\"}");
    let (_, _, configured) = app.state.db.pool_use();
    assert_eq!(max, f64::from(configured));
    assert!(max >= 1.0);
    assert!(value(&text, "doorstep_db_pool_connections{state=\"open\"}") <= max);
}
