//! An S3-compatible store for the tests: moto's server (installed from PyPI by `make
//! test-tools` into `.tools/python`), started on a free port with one bucket made. It answers
//! the S3 API as object_store speaks it (single puts, multipart uploads, ranged reads); it does
//! not check signatures, so a test reads the bucket with plain unsigned requests.

use super::repo_root;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Bucket {
    /// `http://127.0.0.1:PORT`, as `S3_ENDPOINT` takes it.
    pub endpoint: String,
    pub name: String,
    process: Child,
}

impl Drop for Bucket {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// A port nobody is listening on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// moto's server with `name` made; `None` (and a line saying so) where moto is not installed,
/// which CI does not allow.
pub async fn bucket(name: &str) -> Option<Bucket> {
    let bin = repo_root().join(".tools/python/bin/moto_server");
    if !bin.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the object store tests: make test-tools installs moto"
        );
        eprintln!("no S3-compatible store (.tools/python/bin/moto_server): test not run");
        return None;
    }
    let port = free_port();
    let process = Command::new(bin)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("moto_server starts");
    let bucket = Bucket {
        endpoint: format!("http://127.0.0.1:{port}"),
        name: name.to_owned(),
        process,
    };
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.get(&bucket.endpoint).send().await.is_err() {
        assert!(Instant::now() < deadline, "the object store did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let made = client
        .put(format!("{}/{name}", bucket.endpoint))
        .send()
        .await
        .expect("make the bucket");
    assert!(made.status().is_success(), "{}", made.status());
    Some(bucket)
}

impl Bucket {
    /// The settings Doorstep is given for this bucket.
    pub fn settings(&self) -> server::config::S3Settings {
        server::config::S3Settings {
            endpoint: self.endpoint.clone(),
            bucket: self.name.clone(),
            region: "eu-west-2".into(),
            access_key: "TESTKEY".into(),
            secret_key: "test/secret".into(),
            timeout: Duration::from_secs(30),
            retries: 1,
        }
    }

    /// The keys of every object in the bucket, and of every upload begun and not finished.
    pub async fn keys(&self) -> (Vec<String>, Vec<String>) {
        let list = |query: &str| {
            let url = format!("{}/{}?{query}", self.endpoint, self.name);
            async move {
                let body = reqwest::get(url)
                    .await
                    .expect("list")
                    .text()
                    .await
                    .expect("listing");
                body.split("<Key>")
                    .skip(1)
                    .filter_map(|rest| rest.split("</Key>").next())
                    .map(str::to_owned)
                    .collect::<Vec<String>>()
            }
        };
        (list("list-type=2").await, list("uploads").await)
    }

    /// One object's bytes, read as Doorstep reads them (moto refuses unsigned reads of an
    /// object).
    pub async fn object(&self, key: &str) -> Vec<u8> {
        let store = server::startup::bucket(&self.settings(), None).expect("the store");
        store
            .get(key)
            .await
            .expect("read")
            .unwrap_or_else(|| panic!("no object {key}"))
    }
}

/// The server on `engine` with its uploads in a new bucket `name` of moto's store; `None` where
/// either is missing here.
pub async fn spawn_app_with_bucket(
    engine: super::Engine,
    name: &str,
) -> Option<(Bucket, super::TestApp)> {
    let bucket = bucket(name).await?;
    let settings = bucket.settings();
    let app = super::spawn_app_configured(engine, |c| c.s3 = Some(settings)).await?;
    Some((bucket, app))
}
