//! Test helpers: a fresh database on either engine and the real server on port 0 against it.
#![allow(dead_code)]

use app::server::db::demo::{self, DEMO_PASSWORD};
use app::server::db::Db;
use app::server::password;
use app::server::state::AppState;
use reqwest::{header, Client, Response, StatusCode};
use server::config::Config;
use server::startup::Application;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

pub mod bucket;

#[derive(Clone, Copy, Debug)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Writes the same test once per engine: `mod on_sqlite` always runs; `mod on_postgres` is
/// marked ignored, so a plain `cargo test` lists it as ignored (never as passed without having
/// run), and runs with `--include-ignored` inside `server/tests/with-postgres.sh`, as `make
/// integration` runs it. Run without a cluster, it fails and says how to give it one.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {
        mod on_sqlite {
            $( #[tokio::test] async fn $name() { super::$name($crate::common::Engine::Sqlite).await } )+
        }
        mod on_postgres {
            $(
                #[tokio::test]
                // Runs in `make test` (with-postgres.sh, --include-ignored).
                #[ignore = "needs PostgreSQL: run through server/tests/with-postgres.sh with --include-ignored (make integration)"]
                async fn $name() { super::$name($crate::common::Engine::Postgres).await }
            )+
        }
    };
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "doorstep_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        nanos
    )
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A new, empty database on the engine, or `None` when PostgreSQL is not configured here.
pub async fn fresh_database_url(engine: Engine) -> Option<String> {
    match engine {
        Engine::Sqlite => {
            let dir = std::env::temp_dir().join(unique_name());
            std::fs::create_dir_all(&dir).expect("temp dir");
            Some(format!("sqlite://{}/doorstep.db", dir.display()))
        }
        Engine::Postgres => {
            let Ok(admin) = std::env::var("DOORSTEP_TEST_POSTGRES_URL") else {
                panic!(
                    "DOORSTEP_TEST_POSTGRES_URL is not set: run the PostgreSQL tests through server/tests/with-postgres.sh (make integration)"
                );
            };
            let name = unique_name();
            let pool = sqlx::PgPool::connect(&admin)
                .await
                .expect("admin connection");
            sqlx::query(&format!("create database {name}"))
                .execute(&pool)
                .await
                .expect("create database");
            pool.close().await;
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            Some(format!("{base}/{name}"))
        }
    }
}

/// A migrated store on a fresh database.
pub async fn fresh_db(engine: Engine) -> Option<Db> {
    let url = fresh_database_url(engine).await?;
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    Some(db)
}

pub fn config(database_url: String, development: bool) -> Config {
    config_for("northfield", database_url, development)
}

pub fn config_for(profile: &str, database_url: String, development: bool) -> Config {
    Config {
        database_url,
        profile_path: repo_root().join(format!("config/profiles/{profile}.toml")),
        repairs_path: repo_root().join("config/repairs.toml"),
        uploads_dir: std::env::temp_dir().join(unique_name()).join("uploads"),
        s3: None,
        addr: "127.0.0.1:0".parse().expect("addr"),
        metrics_addr: None,
        development,
        log_json: false,
        public_url: None,
        outbox_dir: std::env::temp_dir().join(unique_name()).join("outbox"),
        texts: server::config::TextSettings::Files(
            std::env::temp_dir().join(unique_name()).join("texts"),
        ),
        mail_from: None,
        trust_proxy: false,
        smtp_url: None,
        sign_in_address_limit: 50,
        contact_address_limit: 10,
        request_time_limit: std::time::Duration::from_secs(30),
        pool: app::server::db::PoolSettings::default(),
        extra_ca_file: None,
        migrate_on_start: true,
        drain: std::time::Duration::ZERO,
    }
}

use app::server::db::outbox::{self, OutgoingEmail};

pub struct TestApp {
    pub base: String,
    /// The metrics listener's address, when the test asked for one.
    pub metrics_addr: Option<std::net::SocketAddr>,
    pub host: String,
    pub client: Client,
    pub state: AppState,
    pub outbox_dir: PathBuf,
}

pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

pub async fn spawn_on(database_url: String, development: bool) -> TestApp {
    spawn_with(config(database_url, development)).await
}

pub async fn spawn_with(config: Config) -> TestApp {
    let app = Application::build(&config)
        .await
        .expect("the server starts");
    let addr = app.addr;
    let metrics_addr = app.metrics_addr;
    let state = app.state.clone();
    let outbox_dir = config.outbox_dir.clone();
    tokio::spawn(app.run(std::future::pending()));
    TestApp {
        base: format!("http://{addr}"),
        metrics_addr,
        host: addr.to_string(),
        client: browser(),
        state,
        outbox_dir,
    }
}

/// The real server, on port 0, against a fresh database with the demo data loaded.
pub async fn spawn_app(engine: Engine) -> Option<TestApp> {
    spawn_app_configured(engine, |_| {}).await
}

/// `spawn_app` for the Scottish example landlord (Glenbrae's profile).
pub async fn spawn_glenbrae(engine: Engine) -> Option<TestApp> {
    spawn_app_configured(engine, |c| {
        c.profile_path = repo_root().join("config/profiles/glenbrae.toml");
    })
    .await
}

/// `spawn_app` with the configuration changed first.
pub async fn spawn_app_configured(
    engine: Engine,
    edit: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    let url = fresh_database_url(engine).await?;
    let mut config = config(url, true);
    edit(&mut config);
    let app = spawn_with(config).await;
    let hash = password::hash(DEMO_PASSWORD.to_owned())
        .await
        .expect("hash");
    demo::load(
        &app.state.db,
        &app.state.site.profile,
        "northfield.toml",
        &hash,
        chrono::Utc::now(),
    )
    .await
    .expect("demo data");
    Some(app)
}

impl TestApp {
    pub async fn get(&self, path: &str) -> Response {
        self.get_with(&self.client, path).await
    }

    pub async fn get_with(&self, client: &Client, path: &str) -> Response {
        client
            .get(format!("{}{path}", self.base))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("request")
    }

    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        // Leptos marks the boundary between adjacent text nodes with `<!>`; a reader sees none.
        let body = response.text().await.expect("body").replace("<!>", "");
        (status, body)
    }

    /// Posts a form as a browser does: urlencoded, accepting HTML, from our own origin.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header(header::ACCEPT, "text/html")
            .header(header::ORIGIN, &self.base)
            .form(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Response {
        self.post_form(
            "/api/session/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// The same server seen from another browser, with its own cookies.
    pub fn another_browser(&self) -> TestApp {
        TestApp {
            base: self.base.clone(),
            metrics_addr: self.metrics_addr,
            host: self.host.clone(),
            client: browser(),
            state: self.state.clone(),
            outbox_dir: self.outbox_dir.clone(),
        }
    }

    /// The newest email queued for `recipient`.
    pub async fn last_email_to(&self, recipient: &str) -> Option<OutgoingEmail> {
        outbox::to_recipient(&self.state.db, recipient)
            .await
            .expect("outbox")
            .into_iter()
            .next()
    }

    /// The newest email to `recipient` with this subject, waiting up to ten seconds for it:
    /// some are sent after the answer (a password reset, so that its timing tells nothing).
    pub async fn email_arriving(&self, recipient: &str, subject: &str) -> OutgoingEmail {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let found = outbox::to_recipient(&self.state.db, recipient)
                .await
                .expect("outbox")
                .into_iter()
                .find(|e| e.subject == subject);
            if let Some(email) = found {
                return email;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no email \"{subject}\" to {recipient}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// How many emails have been queued for `recipient`.
    pub async fn emails_to(&self, recipient: &str) -> usize {
        outbox::to_recipient(&self.state.db, recipient)
            .await
            .expect("outbox")
            .len()
    }

    /// The path and query of the link in an email that goes to `path`.
    pub fn link_in(&self, email: &OutgoingEmail, path: &str) -> String {
        let start = format!("{}{path}", self.base);
        email
            .body
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix(&self.base)
                    .filter(|_| l.trim().starts_with(&start))
            })
            .unwrap_or_else(|| panic!("no link to {path} in: {}", email.body))
            .to_owned()
    }

    /// Runs SQL against the app's database (to move time on, for example).
    pub async fn execute(&self, sql: &str) {
        app::db_run!(&self.state.db, |pool| {
            sqlx::query(sql).execute(pool).await.map(|_| ())
        })
        .expect("sql");
    }

    /// The submission token of the contact form as served now.
    pub async fn contact_token(&self) -> String {
        let (_, body) = self.page("/contact").await;
        hidden_value(&body, "token").expect("token field")
    }
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

pub fn hidden_value(body: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}

pub fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("doorstep_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}

/// One integer from the app's database.
pub async fn scalar(app: &TestApp, sql: &str) -> i64 {
    app::db_run!(&app.state.db, |pool| sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(pool)
        .await)
    .expect("scalar")
}

/// One text value (or null) from the app's database.
pub async fn text(app: &TestApp, sql: &str) -> Option<String> {
    app::db_run!(&app.state.db, |pool| {
        sqlx::query_scalar::<_, Option<String>>(sql)
            .fetch_one(pool)
            .await
    })
    .expect("text")
}

/// Signs `app`'s browser in with the demo password.
pub async fn signed_in(app: &TestApp, email: &str) {
    let response = app.sign_in(email, DEMO_PASSWORD).await;
    assert_eq!(location(&response), "/your-home", "{email} signs in");
}

/// Another browser on the same server, signed in as `email`.
pub async fn as_other(app: &TestApp, email: &str) -> TestApp {
    let other = app.another_browser();
    signed_in(&other, email).await;
    other
}

/// Today in London plus `days`, as the day, month and year a person types.
pub fn today_plus(days: i64) -> (String, String, String) {
    let date =
        app::domain::london::to_local(chrono::Utc::now()).date() + chrono::Duration::days(days);
    (
        date.format("%-d").to_string(),
        date.format("%-m").to_string(),
        date.format("%Y").to_string(),
    )
}

/// `spawn_app` with every part of the demo: repairs, cases, documents, service charges and
/// contact preferences, as `server seed-demo` loads them.
pub async fn spawn_app_with_everything(engine: Engine) -> Option<TestApp> {
    let app = spawn_app(engine).await?;
    app::server::demo::seed_activity(&app.state, chrono::Utc::now())
        .await
        .expect("the demo's activity");
    Some(app)
}

/// The person named on a current tenancy or lease.
pub async fn person_on(app: &TestApp, tenancy: &str) -> i64 {
    app::server::db::repairs::person_on_tenancy(&app.state.db, tenancy)
        .await
        .expect("read")
        .expect("person")
}

/// Every string anywhere in a JSON value, joined by new lines (to search a whole export).
pub fn all_text(value: &serde_json::Value) -> String {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            serde_json::Value::Object(map) => map.iter().for_each(|(k, i)| {
                out.push(k.clone());
                walk(i, out)
            }),
            other => out.push(other.to_string()),
        }
    }
    let mut out = Vec::new();
    walk(value, &mut out);
    out.join("\n")
}

/// The `.eml` files a development mailer wrote to `dir` (a node's outbox folder), by name.
pub fn emails_in(dir: &std::path::Path) -> std::collections::HashSet<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".eml"))
                .collect()
        })
        .unwrap_or_default()
}

/// The team of this name: the one the profile's routes made at start, or a new one.
pub async fn team_named(app: &TestApp, name: &str) -> i64 {
    let db = &app.state.db;
    match app::server::db::teams::create(db, name, chrono::Utc::now())
        .await
        .expect("create")
    {
        Some(id) => id,
        None => scalar(app, &format!("select id from teams where name = '{name}'")).await,
    }
}

/// Every stored session's data (JSON) and expiry (Unix seconds), in id order.
pub async fn stored_sessions(app: &TestApp) -> Vec<(Vec<u8>, i64)> {
    app::db_run!(&app.state.db, |pool| {
        sqlx::query_as("select data, expiry_date from sessions order by id")
            .fetch_all(pool)
            .await
    })
    .expect("sessions")
}
