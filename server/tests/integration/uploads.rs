//! Abandoned uploads are removed once nobody can reach them: the photo of a report never sent,
//! and a stored file no record names; nothing a record names is touched. On the folder and on
//! an S3-compatible bucket.

use crate::common::{as_other, location, scalar, signed_in, Engine, TestApp};
use crate::repairs::{diagnose, finish_report, jpeg_with_location, upload};
use app::server::uploads::{sweep, sweep_from, Swept};
use reqwest::StatusCode;

on_both_engines!(
    abandoned_uploads_are_removed_after_a_day,
    a_slow_download_from_a_bucket_goes_on_after_the_stores_time_out
);

const AMIRA: &str = "amira.hassan@example.org";

async fn abandoned_uploads_are_removed_after_a_day(engine: Engine) {
    let Some(app) = crate::common::spawn_app(engine).await else {
        return;
    };
    removes_only_what_nobody_can_reach(&app).await;
    left_before_the_clean_up_existed(&app).await;
    let Some((bucket, app)) = crate::common::bucket::spawn_app_with_bucket(engine, "uploads").await
    else {
        return;
    };
    removes_only_what_nobody_can_reach(&app).await;
    let named = scalar(&app, "select count(distinct storage_key) from documents").await + 1;
    assert_eq!(
        bucket.keys().await.0.len() as i64,
        named,
        "the documents' files and the sent photo"
    );
}

async fn removes_only_what_nobody_can_reach(app: &TestApp) {
    let now = chrono::Utc::now();
    app::server::documents::seed_demo_documents(&app.state, now)
        .await
        .expect("demo documents");
    let document_key = crate::common::text(app, "select min(storage_key) from documents")
        .await
        .expect("a document");
    // Left: a report with a photo, never sent.
    signed_in(app, AMIRA).await;
    diagnose(app, "tap_drip").await;
    app.post_form("/api/repairs/describe", &[("description", "Drip")])
        .await;
    let response = upload(app, jpeg_with_location(), "left.jpg").await;
    assert_eq!(location(&response), "/repairs/report/photos");
    // Sent: another report with a photo, from another phone.
    let phone = as_other(app, AMIRA).await;
    diagnose(&phone, "tap_drip").await;
    phone
        .post_form("/api/repairs/describe", &[("description", "Drip")])
        .await;
    upload(&phone, jpeg_with_location(), "sent.jpg").await;
    finish_report(&phone, "The kitchen tap drips").await;
    let sent = scalar(
        app,
        "select id from repair_photos where repair_id is not null",
    )
    .await;
    // A document chosen on the upload form, the form then left: a file no record names.
    let unnamed = unnamed_file(app).await;
    let photos = || scalar(app, "select count(*) from repair_photos");
    assert_eq!(photos().await, 2);

    // Within a day, everything may still be in use.
    assert_eq!(
        sweep(&app.state, now).await.expect("sweep"),
        Swept::default()
    );
    assert_eq!(photos().await, 2);
    assert!(app
        .state
        .storage
        .get(&unnamed)
        .await
        .expect("read")
        .is_some());

    let later = now + chrono::Duration::days(2);
    assert_eq!(
        sweep(&app.state, later).await.expect("sweep"),
        Swept {
            unsent_photos: 1,
            unnamed_files: 1
        }
    );
    assert_eq!(photos().await, 1, "the unsent report's photo is gone");
    assert!(app
        .state
        .storage
        .get(&unnamed)
        .await
        .expect("read")
        .is_none());
    let response = phone.get(&format!("/repairs/photos/{sent}")).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the sent report's photo stays"
    );
    assert!(
        app.state
            .storage
            .get(&document_key)
            .await
            .expect("read")
            .is_some(),
        "a document's file stays"
    );
    assert_eq!(
        sweep(&app.state, later).await.expect("sweep"),
        Swept::default(),
        "nothing more the second time"
    );
}

/// A file older than the periodic clean-up's week (left by a version before it) is found only by
/// `server sweep-uploads`, which looks at every file.
async fn left_before_the_clean_up_existed(app: &TestApp) {
    let app::server::storage::Storage::Local(dir) = &app.state.storage else {
        panic!("the folder")
    };
    let key = unnamed_file(app).await;
    let month_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(30 * 86_400);
    std::fs::File::options()
        .write(true)
        .open(dir.join(&key[..2]).join(&key))
        .and_then(|file| file.set_modified(month_ago))
        .expect("made a month old");
    let now = chrono::Utc::now();
    assert_eq!(
        sweep(&app.state, now).await.expect("sweep"),
        Swept::default()
    );
    assert_eq!(
        sweep_from(&app.state, now, chrono::DateTime::UNIX_EPOCH)
            .await
            .expect("sweep"),
        Swept {
            unsent_photos: 0,
            unnamed_files: 1
        }
    );
    assert!(app.state.storage.get(&key).await.expect("read").is_none());
}

/// A PDF in the store that no record names; its key.
async fn unnamed_file(app: &TestApp) -> String {
    let key = app::server::storage::new_key("pdf");
    app.state
        .storage
        .put(&key, b"%PDF-1.7 never used")
        .await
        .expect("stored");
    key
}

/// A download read slowly (a phone on a poor connection) outlasts one request's time-out to the
/// store: the store's read is cut at `S3_TIMEOUT_SECONDS` and goes on from where it stopped, so
/// the whole file arrives, byte for byte, and nothing after it (object_store would otherwise ask
/// for the range past the end when a time-out falls after the last byte, and fail).
async fn a_slow_download_from_a_bucket_goes_on_after_the_stores_time_out(engine: Engine) {
    use futures::StreamExt;
    let Some(bucket) = crate::common::bucket::bucket("slow").await else {
        return;
    };
    let settings = server::config::S3Settings {
        timeout: std::time::Duration::from_secs(2),
        retries: 5,
        ..bucket.settings()
    };
    let Some(app) = crate::common::spawn_app_configured(engine, |c| c.s3 = Some(settings)).await
    else {
        return;
    };
    let file: Vec<u8> = (0..12 * 1024 * 1024u32).map(|i| (i % 253) as u8).collect();
    let key = app::server::storage::new_key("pdf");
    app.state.storage.put(&key, &file).await.expect("stored");
    let (stored, size) = app
        .state
        .storage
        .open(&key)
        .await
        .expect("open")
        .expect("there");
    assert_eq!(size, file.len() as u64);
    let began = std::time::Instant::now();
    let mut body = stored.0;
    let mut read = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.expect("the download goes on");
        read.extend_from_slice(&chunk);
        // About 2 MB a second: six seconds for the file, three of the store's time-outs.
        let pause = (chunk.len() / 2_000) as u64;
        tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
    }
    assert!(
        began.elapsed() > std::time::Duration::from_secs(4),
        "read for longer than two of the store's requests may take: {:?}",
        began.elapsed()
    );
    assert!(read == file, "the whole file, as stored");
}
