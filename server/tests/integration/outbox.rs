//! The outbox on several nodes: senders claim different messages, keep going while batches are
//! full, never send a message whose claim another sender took over, and texts go through the
//! text provider's API (here a local server speaking Esendex's), a refused one becoming a
//! colleague's task; without a provider, text is passed over.

use crate::common::{emails_in, fresh_db, person_on, scalar, spawn_app_configured, Engine};
use app::domain::preferences::{Channel, Delivery, MessageKind, Preferences};
use app::server::db::outbox::{self, Queued};
use app::server::mail::{send_due, Mailer, Transport};
use axum::http::{HeaderMap, StatusCode};
use chrono::{Duration, Utc};
use std::sync::{Arc, Mutex};

on_both_engines!(
    two_senders_send_a_big_queue_exactly_once_between_them_without_waiting,
    a_sender_whose_claim_expired_and_was_taken_sends_nothing,
    texts_go_through_the_providers_api_and_a_refused_one_becomes_a_colleagues_task,
    without_a_text_provider_text_is_passed_over_for_the_next_channel_or_a_colleague,
);

fn folder(label: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "doorstep_{label}_{}_{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ))
}

fn files_mailer(dir: &std::path::Path) -> Mailer {
    Mailer {
        from: "Northfield Homes <help@northfield-homes.example>".into(),
        transport: Transport::Files(dir.to_path_buf()),
        texts: None,
        logo_url: None,
    }
}

/// 230 emails queued (more than four batches), then two nodes' senders at once: every message
/// goes once, by one node or the other, in one run each (a full batch is followed by another
/// at once, not after the sender's sleep).
async fn two_senders_send_a_big_queue_exactly_once_between_them_without_waiting(engine: Engine) {
    let Some(db) = fresh_db(engine).await else {
        return;
    };
    let now = Utc::now();
    let mut ids = Vec::new();
    for i in 0..230 {
        let to = format!("resident{i}@example.net");
        ids.push(
            outbox::enqueue_on(
                &db,
                &Queued::email(&to, "Notice", "Water off on Tuesday."),
                now,
            )
            .await
            .expect("queued"),
        );
    }
    let (a_dir, b_dir) = (folder("node_a"), folder("node_b"));
    let (a, b) = (files_mailer(&a_dir), files_mailer(&b_dir));
    let (sent_a, sent_b) = tokio::join!(send_due(&db, &a, now), send_due(&db, &b, now));
    let (sent_a, sent_b) = (sent_a.expect("a"), sent_b.expect("b"));
    assert_eq!(
        sent_a + sent_b,
        230,
        "all of them in one run: {sent_a} + {sent_b}"
    );
    let (in_a, in_b) = (emails_in(&a_dir), emails_in(&b_dir));
    assert_eq!(in_a.len() + in_b.len(), 230);
    assert!(in_a.is_disjoint(&in_b), "no message went from both nodes");
    for id in ids {
        let row = outbox::by_id(&db, id).await.expect("read").expect("row");
        assert_eq!(row.attempts, 1, "message {id} sent once");
        assert!(row.sent_at.is_some());
    }
    // Nothing is left for either.
    assert_eq!(
        send_due(&db, &a, now + Duration::hours(1))
            .await
            .expect("a"),
        0
    );
    // The Message-ID is the row's, the same on every attempt.
    let row = outbox::by_id(&db, 1).await.expect("read").expect("row");
    let eml = std::fs::read_to_string(
        [&a_dir, &b_dir]
            .iter()
            .map(|d| d.join(format!("{:08}.eml", row.id)))
            .find(|p| p.exists())
            .expect("the first message's file"),
    )
    .expect("read");
    let id_header = format!("Message-ID: {}\r\n", a.message_id(&row));
    assert!(eml.contains(&id_header), "{eml}");
    assert!(a.message_id(&row).ends_with("@northfield-homes.example>"));
    let _ = std::fs::remove_dir_all(&a_dir);
    let _ = std::fs::remove_dir_all(&b_dir);
}

/// A sender claims a message and stalls past its claim; another takes it over. The first may
/// not send it any more: renewing its claim (what it does just before sending) fails.
async fn a_sender_whose_claim_expired_and_was_taken_sends_nothing(engine: Engine) {
    let Some(db) = fresh_db(engine).await else {
        return;
    };
    let now = Utc::now();
    let id = outbox::enqueue_on(&db, &Queued::email("sam@example.net", "Hi", "Body"), now)
        .await
        .expect("queued");
    let first = outbox::claim_batch(&db, now, now + Duration::minutes(5), 50, "first")
        .await
        .expect("claim");
    assert_eq!(first.len(), 1);
    // While the claim holds, nobody else gets it.
    let later = now + Duration::minutes(1);
    assert!(
        outbox::claim_batch(&db, later, later + Duration::minutes(5), 50, "second")
            .await
            .expect("claim")
            .is_empty()
    );
    // After it expires, the second sender takes it.
    let expired = now + Duration::minutes(6);
    let second = outbox::claim_batch(&db, expired, expired + Duration::minutes(5), 50, "second")
        .await
        .expect("claim");
    assert_eq!(second.len(), 1);
    assert!(
        !outbox::renew(&db, id, "first", expired + Duration::minutes(5))
            .await
            .expect("renew")
    );
    assert!(
        outbox::renew(&db, id, "second", expired + Duration::minutes(5))
            .await
            .expect("renew")
    );
}

/// What the fake provider received: the Authorization header and the JSON body.
type Received = Arc<Mutex<Vec<(String, serde_json::Value)>>>;

/// A local server that speaks Esendex's message dispatcher: 200 with a batch id, or 400 for
/// the number 447700900999 (as the real API answers a number it cannot send to).
async fn fake_esendex() -> (String, Received) {
    let received: Received = Arc::default();
    let log = received.clone();
    let router = axum::Router::new().route(
        "/v1.0/messagedispatcher",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let log = log.clone();
            async move {
                let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                let auth = headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let to = json["messages"][0]["to"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                log.lock().expect("log").push((auth, json));
                if to == "447700900999" {
                    (
                        StatusCode::BAD_REQUEST,
                        r#"{"errors":[{"code":"invalid_recipient"}]}"#.to_owned(),
                    )
                } else {
                    (
                        StatusCode::OK,
                        r#"{"batch":{"batchid":"b1","messageheaders":[{"id":"m1"}]}}"#.to_owned(),
                    )
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{addr}"), received)
}

fn text_only() -> Preferences {
    Preferences {
        channels: vec![Channel::Text],
        never: vec![Channel::Email, Channel::Letter],
        ..Preferences::default()
    }
}

async fn texts_go_through_the_providers_api_and_a_refused_one_becomes_a_colleagues_task(
    engine: Engine,
) {
    let (url, received) = fake_esendex().await;
    let Some(app) = spawn_app_configured(engine, |c| {
        c.texts = server::config::TextSettings::Esendex(server::config::EsendexSettings {
            url,
            account: "EX0000001".into(),
            username: "api@northfield.example".into(),
            password: "s3cret".into(),
            from: Some("Northfield".into()),
        })
    })
    .await
    else {
        return;
    };
    let state = &app.state;
    let person = person_on(&app, "TEN-100001").await;
    app::server::db::preferences::save(&state.db, person, &text_only(), None, Utc::now())
        .await
        .expect("preferences");
    let notice = app::server::notify::Notice {
        kind: MessageKind::AppointmentBooked,
        subject: "Visit booked".into(),
        what: "Visit booked for Tuesday, 8am to 1pm.".into(),
        reference: Some("RP-TEST01".into()),
        path: None,
    };
    for phone in ["07700 900123", "07700 900999"] {
        app.execute(&format!(
            "update people set phone = '{phone}' where id = {person}"
        ))
        .await;
        let delivery = app::server::notify::tell(state, person, &notice, Utc::now())
            .await
            .expect("told");
        assert!(matches!(
            delivery,
            Delivery::Send {
                channel: Channel::Text,
                ..
            }
        ));
    }
    // The node's own sender sends them (woken by the queueing).
    for _ in 0..100 {
        if received.lock().expect("log").len() == 2
            && scalar(&app, "select count(*) from outbox where channel = 'text' and (sent_at is not null or given_up_at is not null)").await == 2
            && scalar(&app, &format!("select count(*) from contact_tasks where person_id = {person} and reason like 'The text message could not be sent%'")).await > 0
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mut got = received.lock().expect("log").clone();
    assert_eq!(got.len(), 2, "{got:?}");
    // The sender may take the two in either order; look at the one to the first number.
    got.sort_by_key(|(_, body)| body["messages"][0]["to"] != "447700900123");
    let (auth, body) = &got[0];
    // Basic api@northfield.example:s3cret
    assert_eq!(auth, "Basic YXBpQG5vcnRoZmllbGQuZXhhbXBsZTpzM2NyZXQ=");
    assert_eq!(body["accountreference"], "EX0000001");
    assert_eq!(body["messages"][0]["to"], "447700900123");
    assert_eq!(body["messages"][0]["from"], "Northfield");
    assert!(body["messages"][0]["body"].as_str().is_some_and(|b| b
        .starts_with("Northfield Homes: Visit booked")
        && b.contains("RP-TEST01")));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from outbox where channel = 'text' and sent_at is not null"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from outbox where channel = 'text' and given_up_at is not null"
        )
        .await,
        1,
        "the refused text is not tried again"
    );
    let reason = crate::common::text(
        &app,
        &format!(
            "select reason from contact_tasks where person_id = {person} order by id desc limit 1"
        ),
    )
    .await
    .expect("a colleague's task");
    assert!(
        reason
            .starts_with("The text message could not be sent (the text provider refused it (400)"),
        "{reason}"
    );
}

async fn without_a_text_provider_text_is_passed_over_for_the_next_channel_or_a_colleague(
    engine: Engine,
) {
    let Some(app) = spawn_app_configured(engine, |c| {
        c.texts = server::config::TextSettings::Off;
    })
    .await
    else {
        return;
    };
    let state = &app.state;
    assert!(!state.outbox.texts);
    let person = person_on(&app, "TEN-100001").await;
    app.execute(&format!(
        "update people set phone = '07700900123' where id = {person}"
    ))
    .await;
    let notice = app::server::notify::Notice {
        kind: MessageKind::ResponseReady,
        subject: "Our response".into(),
        what: "Our response to your complaint is ready.".into(),
        reference: None,
        path: None,
    };
    let texts_first = Preferences {
        channels: vec![Channel::Text, Channel::Email],
        ..Preferences::default()
    };
    app::server::db::preferences::save(&state.db, person, &texts_first, None, Utc::now())
        .await
        .expect("preferences");
    let delivery = app::server::notify::tell(state, person, &notice, Utc::now())
        .await
        .expect("told");
    assert!(
        matches!(
            delivery,
            Delivery::Send {
                channel: Channel::Email,
                ..
            }
        ),
        "{delivery:?}"
    );
    app::server::db::preferences::save(&state.db, person, &text_only(), None, Utc::now())
        .await
        .expect("preferences");
    let delivery = app::server::notify::tell(state, person, &notice, Utc::now())
        .await
        .expect("told");
    let Delivery::Task { reason } = delivery else {
        panic!("a colleague's task: {delivery:?}")
    };
    assert!(reason.contains("text messages are not set up"), "{reason}");
    assert_eq!(
        scalar(&app, "select count(*) from outbox where channel = 'text'").await,
        0,
        "no text was queued to sit unsent"
    );
}
