//! Two Doorstep nodes as separate processes on one throwaway PostgreSQL database and one
//! S3-compatible store (moto's server, installed from PyPI by `make test-tools` into
//! `.tools/python`): a session made on one works on the other, a file uploaded through one
//! downloads through the other, a queue of emails goes out exactly once with both senders
//! running, and a node killed mid-write loses no submission it acknowledged. Its own test binary
//! because it starts processes and a store of its own.

mod common;

use app::server::db::outbox::{self, Queued};
use app::server::db::Db;
use common::bucket::free_port;
use common::{emails_in, hidden_value, location, repo_root, Engine};
use reqwest::{header, Client, StatusCode};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = app::server::db::demo::DEMO_PASSWORD;

/// `N` free ports, all different: each is held until all are chosen (a port given up at once
/// can be handed out again by the next bind, and two servers of the test then race for it).
fn free_ports<const N: usize>() -> [u16; N] {
    let held: Vec<std::net::TcpListener> = (0..N)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").expect("a free port"))
        .collect();
    std::array::from_fn(|i| held[i].local_addr().expect("its address").port())
}

/// A child process killed when the test ends, whatever its result.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// nginx's master, stopped with SIGQUIT so that it stops its workers too (after SIGKILL they
/// would keep the ports).
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-QUIT", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

async fn wait_for(url: &str, what: &str) {
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.get(url).send().await.is_err() {
        assert!(Instant::now() < deadline, "{what} did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn run(program: &str, args: &[&str], dir: &Path) {
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(status.success(), "{program} {args:?}");
}

/// A certificate authority of our own and a certificate for `localhost` signed by it, as an
/// internal authority would issue for a store or relay: `ca.pem`, `leaf.pem`, `leaf.key`.
fn private_authority(dir: &Path) {
    run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Doorstep test authority",
        ],
        dir,
    );
    run(
        "openssl",
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "leaf.key",
            "-out",
            "leaf.csr",
            "-subj",
            "/CN=localhost",
        ],
        dir,
    );
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n\
         keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
    )
    .expect("extensions");
    run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "leaf.pem",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
        ],
        dir,
    );
}

/// The shipped example, deploy/nginx-doorstep.conf, with only its CHANGE values replaced: the
/// nodes' addresses, loopback ports, `localhost` and the test certificate. Each replacement
/// must find its text, so the test fails if the example changes shape.
fn site_config(work: &Path, nodes: [u16; 2], http: u16, https: u16) -> String {
    let mut site = std::fs::read_to_string(repo_root().join("deploy/nginx-doorstep.conf"))
        .expect("the example");
    let certificate = work.join("leaf.pem").display().to_string();
    let key = work.join("leaf.key").display().to_string();
    for (from, to) in [
        ("10.0.0.11:3000", format!("127.0.0.1:{}", nodes[0])),
        ("10.0.0.12:3000", format!("127.0.0.1:{}", nodes[1])),
        ("listen 80;", format!("listen 127.0.0.1:{http};")),
        ("listen 443 ssl;", format!("listen 127.0.0.1:{https} ssl;")),
        ("doorstep.example-homes.org.uk", "localhost".to_owned()),
        ("/etc/ssl/certs/doorstep.pem", certificate),
        ("/etc/ssl/private/doorstep.key", key),
    ] {
        assert!(site.contains(from), "the example has no {from}");
        site = site.replace(from, &to);
    }
    site
}

/// nginx with the example in front of the two nodes, and a TLS front for the object store
/// (signed by our own authority, so the nodes must trust EXTRA_CA_FILE to use it).
fn start_nginx(work: &Path, site: &str, store_tls: u16, store: &str) -> Option<Nginx> {
    let nginx = Path::new("/usr/sbin/nginx");
    if !nginx.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run nginx: make test-tools installs it"
        );
        eprintln!("no nginx: the proxy part of the two-node test is not run");
        return None;
    }
    for temp in ["body", "proxy", "fastcgi", "uwsgi", "scgi"] {
        let dir = work.join(format!("nginx-{temp}"));
        std::fs::create_dir_all(&dir).expect("temp");
        let _ = Command::new("chmod").arg("777").arg(&dir).status();
    }
    std::fs::write(work.join("site.conf"), site).expect("site");
    let w = work.display();
    let store_front = format!(
        "server {{ listen 127.0.0.1:{store_tls} ssl; server_name localhost;
           ssl_certificate {w}/leaf.pem; ssl_certificate_key {w}/leaf.key;
           client_max_body_size 30m;
           location / {{ proxy_pass {store}; proxy_set_header Host $http_host; }} }}"
    );
    let main = format!(
        "daemon off; worker_processes 1; pid {w}/nginx.pid; error_log {w}/nginx-error.log;
         events {{ worker_connections 1024; }}
         http {{ access_log off;
           client_body_temp_path {w}/nginx-body; proxy_temp_path {w}/nginx-proxy;
           fastcgi_temp_path {w}/nginx-fastcgi; uwsgi_temp_path {w}/nginx-uwsgi;
           scgi_temp_path {w}/nginx-scgi;
           include {w}/site.conf;
           {store_front} }}"
    );
    std::fs::write(work.join("nginx.conf"), main).expect("nginx.conf");
    let child = Command::new(nginx)
        .arg("-c")
        .arg(work.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(work.join("nginx.log")).expect("log"))
        .spawn()
        .expect("nginx starts");
    Some(Nginx(child))
}

fn trusting(work: &Path) -> Client {
    let ca = std::fs::read(work.join("ca.pem")).expect("ca");
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .add_root_certificate(reqwest::Certificate::from_pem(&ca).expect("pem"))
        .build()
        .expect("client")
}

fn terminate(process: &Process) {
    let _ = Command::new("kill")
        .args(["-TERM", &process.0.id().to_string()])
        .status();
}

struct Node {
    process: Process,
    base: String,
    outbox: PathBuf,
}

/// The settings every node shares, and this node's own address and mail folder.
fn node_env(shared: &[(String, String)], port: u16, outbox: &Path) -> Vec<(String, String)> {
    let mut env = shared.to_vec();
    env.push(("LEPTOS_SITE_ADDR".into(), format!("127.0.0.1:{port}")));
    env.push(("OUTBOX_DIR".into(), outbox.display().to_string()));
    env
}

fn server(env: &[(String, String)], args: &[&str], log: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(args)
        .current_dir(repo_root())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).expect("log file"));
    command
}

async fn start_node(shared: &[(String, String)], work: &Path, name: &str, port: u16) -> Node {
    let outbox = work.join(format!("outbox-{name}"));
    let env = node_env(shared, port, &outbox);
    let log = work.join(format!("{name}-{}.log", free_port()));
    let child = server(&env, &["serve"], &log)
        .spawn()
        .expect("the node starts");
    let base = format!("http://127.0.0.1:{port}");
    wait_for(&format!("{base}/healthz"), name).await;
    Node {
        process: Process(child),
        base,
        outbox,
    }
}

/// Sends the contact form once as `client` through `base` with the token it was given.
async fn send_contact(
    client: &Client,
    base: &str,
    token: &str,
    message: &str,
) -> reqwest::Result<reqwest::Response> {
    client
        .post(format!("{base}/api/contact/send"))
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, base)
        .form(&[
            ("token", token),
            ("name", "Sam Jones"),
            ("email", ""),
            ("phone", "07700 900 982"),
            ("message", message),
        ])
        .send()
        .await
}

fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn page(client: &Client, url: &str) -> (StatusCode, String) {
    let response = client
        .get(url)
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("answer");
    let status = response.status();
    (
        status,
        response.text().await.expect("body").replace("<!>", ""),
    )
}

async fn post_form(
    client: &Client,
    base: &str,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{base}{path}"))
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, base)
        .form(form)
        .send()
        .await
        .expect("answer")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
// Runs in `make test` (with-postgres.sh, --include-ignored); ignored only by a plain cargo test.
#[ignore = "needs PostgreSQL: run through server/tests/with-postgres.sh with --include-ignored (make integration)"]
async fn two_nodes_on_one_database_and_store_behave_as_one() {
    let Some(url) = common::fresh_database_url(Engine::Postgres).await else {
        return;
    };
    let Some(store) = common::bucket::bucket("doorstep-nodes").await else {
        return;
    };
    let endpoint = store.endpoint.clone();
    let work = std::env::temp_dir().join(format!("doorstep-nodes-{}", std::process::id()));
    std::fs::create_dir_all(work.join("site/pkg")).expect("site folder");
    private_authority(&work);
    let [a_port, b_port, http, https, store_tls] = free_ports::<5>();
    let ports = [a_port, b_port];
    let nginx = start_nginx(
        &work,
        &site_config(&work, ports, http, https),
        store_tls,
        &endpoint,
    );
    // Through nginx's TLS front when nginx runs: the nodes must trust our own authority.
    let store_url = match nginx {
        Some(_) => {
            wait_for(&format!("http://127.0.0.1:{http}/"), "nginx").await;
            format!("https://localhost:{store_tls}")
        }
        None => endpoint.clone(),
    };
    let ca = work.join("ca.pem").display().to_string();
    let shared: Vec<(String, String)> = [
        ("DATABASE_URL", url.as_str()),
        ("DOORSTEP_ENV", "development"),
        (
            "LEPTOS_SITE_ROOT",
            work.join("site").to_str().expect("path"),
        ),
        ("S3_BUCKET", "doorstep-nodes"),
        ("S3_ENDPOINT", store_url.as_str()),
        ("S3_ACCESS_KEY_ID", "test"),
        ("S3_SECRET_ACCESS_KEY", "test"),
        ("EXTRA_CA_FILE", ca.as_str()),
        ("TEXTS_DIR", work.join("texts").to_str().expect("path")),
        // Longer than the example's upstream keepalive_timeout (5 s), as in production (10 s).
        ("DRAIN_SECONDS", "6"),
        ("TRUST_PROXY", "true"),
        // The writers below send many "Contact us" messages from one address, signed out.
        ("CONTACT_ADDRESS_LIMIT", "100000"),
        ("RUST_LOG", "warn"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let seeded = server(&shared, &["seed-demo"], &work.join("seed.log"))
        .status()
        .expect("seed-demo runs");
    assert!(
        seeded.success(),
        "seed-demo: see {}",
        work.join("seed.log").display()
    );
    let mut a = start_node(&shared, &work, "a", ports[0]).await;
    let mut b = start_node(&shared, &work, "b", ports[1]).await;

    // A session made on A works on B (the cookie jar sends it to both: same host).
    let resident = browser();
    let signed_in = post_form(
        &resident,
        &a.base,
        "/api/session/sign-in",
        &[
            ("email", "amira.hassan@example.org"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(signed_in.status(), StatusCode::FOUND);
    let (status, home) = page(&resident, &format!("{}/your-home", b.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Hello, Amira Hassan"), "{home}");

    // A document uploaded through A downloads through B, byte for byte.
    let staff = browser();
    post_form(
        &staff,
        &a.base,
        "/api/session/sign-in",
        &[
            ("email", "chris.morgan@staff.example.org"),
            ("password", PASSWORD),
        ],
    )
    .await;
    let (status, form_page) = page(&staff, &format!("{}/staff/documents/new", a.base)).await;
    assert_eq!(status, StatusCode::OK, "{form_page}");
    let token = hidden_value(&form_page, "token").expect("token");
    let db = Db::connect(&url).await.expect("connect");
    let block: i64 = app::db_run!(&db, |pool| sqlx::query_scalar::<_, i64>(
        "select min(id) from blocks"
    )
    .fetch_one(pool)
    .await)
    .expect("a block");
    let bytes = b"%PDF-1.4\n% uploaded through node A\n%%EOF\n".to_vec();
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in [
        ("token", token.as_str()),
        ("category", "lift_inspection"),
        ("title", "Lift inspection report, two nodes"),
        ("place", &format!("block:{block}")),
        ("audience", "everyone"),
        ("effective_day", "20"),
        ("effective_month", "11"),
        ("effective_year", "2026"),
    ] {
        form = form.text(k.to_string(), v.to_string());
    }
    form = form.part(
        "file",
        reqwest::multipart::Part::bytes(bytes.clone()).file_name("lift.pdf"),
    );
    let uploaded = staff
        .post(format!("{}/staff/documents/upload", a.base))
        .header(header::ORIGIN, &a.base)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let to = location(&uploaded);
    let reference = to
        .strip_prefix("/staff/documents/")
        .unwrap_or_else(|| panic!("to the document, not {to}"))
        .to_owned();
    let downloaded = staff
        .get(format!("{}/documents/{reference}/file", b.base))
        .send()
        .await
        .expect("download");
    assert_eq!(downloaded.status(), StatusCode::OK);
    assert_eq!(
        downloaded.bytes().await.expect("bytes").as_ref(),
        bytes.as_slice()
    );

    // 300 emails queued at once: both nodes' senders run; each goes exactly once.
    let now = chrono::Utc::now();
    let mut ids = Vec::new();
    for i in 0..300 {
        let to = format!("bulk{i}@example.net");
        ids.push(
            outbox::enqueue_on(
                &db,
                &Queued::email(&to, "Water off", "Water off on Tuesday."),
                now,
            )
            .await
            .expect("queued"),
        );
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let unsent: i64 = app::db_run!(&db, |pool| sqlx::query_scalar::<_, i64>(
            "select count(*) from outbox where recipient like 'bulk%' and sent_at is null"
        )
        .fetch_one(pool)
        .await)
        .expect("count");
        if unsent == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{unsent} still unsent after a minute"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (by_a, by_b) = (emails_in(&a.outbox), emails_in(&b.outbox));
    for id in &ids {
        let name = format!("{id:08}.eml");
        assert!(
            by_a.contains(&name) != by_b.contains(&name),
            "message {id} went from exactly one node"
        );
        let row = outbox::by_id(&db, *id).await.expect("read").expect("row");
        assert_eq!(row.attempts, 1, "message {id} sent once");
    }
    let mine: HashSet<String> = ids.iter().map(|id| format!("{id:08}.eml")).collect();
    eprintln!(
        "bulk emails sent by node A: {}, by node B: {}",
        by_a.intersection(&mine).count(),
        by_b.intersection(&mine).count()
    );

    // A rolling restart behind nginx while residents keep sending the contact form through it:
    // B is sent SIGTERM, drains and stops, and starts again; then A. Not one request fails.
    if nginx.is_some() {
        let front = format!("https://localhost:{https}");
        let client = trusting(&work);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writer = {
            let (front, stop) = (front.clone(), stop.clone());
            tokio::spawn(async move {
                let (mut ok, mut failed, mut references) = (0, Vec::new(), Vec::new());
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    i += 1;
                    let form = match client
                        .get(format!("{front}/contact"))
                        .header(header::ACCEPT, "text/html")
                        .send()
                        .await
                    {
                        Ok(r) if r.status() == StatusCode::OK => r.text().await.unwrap_or_default(),
                        Ok(r) => {
                            failed.push(format!("GET /contact: {}", r.status()));
                            continue;
                        }
                        Err(e) => {
                            failed.push(format!("GET /contact: {e}"));
                            continue;
                        }
                    };
                    let token = hidden_value(&form, "token").unwrap_or_default();
                    let message = format!("Message {i} during a rolling restart.");
                    match send_contact(&client, &front, &token, &message).await {
                        Ok(r) if r.status() == StatusCode::FOUND => {
                            ok += 1;
                            references
                                .push(location(&r).trim_start_matches("/contact/sent/").to_owned());
                        }
                        Ok(r) => failed.push(format!("POST: {}", r.status())),
                        Err(e) => failed.push(format!("POST: {e}")),
                    }
                }
                (ok, failed, references)
            })
        };
        tokio::time::sleep(Duration::from_millis(500)).await;
        for (name, node) in [("b", &mut b), ("a", &mut a)] {
            terminate(&node.process);
            let _ = tokio::task::block_in_place(|| node.process.0.wait());
            let port = if name == "a" { ports[0] } else { ports[1] };
            *node = start_node(&shared, &work, name, port).await;
            wait_for(&format!("{}/readyz", node.base), name).await;
            tokio::time::sleep(Duration::from_millis(1000)).await;
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let (ok, failed, references) = writer.await.expect("writer");
        eprintln!(
            "rolling restart behind nginx: {ok} forms sent, {} failed",
            failed.len()
        );
        assert!(
            failed.is_empty(),
            "{} requests failed during the rolling restart, the first: {:?}",
            failed.len(),
            &failed[..failed.len().min(5)]
        );
        assert!(ok > 0);
        for reference in &references {
            assert!(
                app::server::db::cases::case_by_reference(&db, reference)
                    .await
                    .expect("read")
                    .is_some(),
                "{reference} acknowledged but not stored"
            );
        }
        // The session made on A before the restarts still works, through the proxy.
        let (status, _) = page(&resident, &format!("{}/your-home", a.base)).await;
        assert_eq!(status, StatusCode::OK);
    }

    // Contact messages sent to B as fast as it answers; B is killed (SIGKILL) part-way. Every
    // message B acknowledged (a redirect to its reference) is in the database.
    let writer = browser();
    let b_base = b.base.clone();
    let writes = tokio::spawn(async move {
        let mut acknowledged = Vec::new();
        for i in 0.. {
            let Ok(response) = writer
                .get(format!("{b_base}/contact"))
                .header(header::ACCEPT, "text/html")
                .send()
                .await
            else {
                break;
            };
            let Ok(body) = response.text().await else {
                break;
            };
            let Some(token) = hidden_value(&body, "token") else {
                break;
            };
            let message = format!("Message {i} sent while a node was stopped.");
            let Ok(sent) = send_contact(&writer, &b_base, &token, &message).await else {
                break;
            };
            if let Some(reference) = sent
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| l.strip_prefix("/contact/sent/"))
            {
                acknowledged.push(reference.to_owned());
            }
        }
        acknowledged
    });
    tokio::time::sleep(Duration::from_millis(1500)).await;
    b.process.0.kill().expect("SIGKILL node B");
    let acknowledged = tokio::time::timeout(Duration::from_secs(30), writes)
        .await
        .expect("the writer stops when B is gone")
        .expect("writer");
    assert!(
        !acknowledged.is_empty(),
        "B acknowledged some messages before it died"
    );
    for reference in &acknowledged {
        assert!(
            app::server::db::cases::case_by_reference(&db, reference)
                .await
                .expect("read")
                .is_some(),
            "acknowledged {reference} was lost"
        );
    }
    eprintln!(
        "node B acknowledged {} messages before SIGKILL; none lost",
        acknowledged.len()
    );
    // A still serves the same resident.
    let (status, _) = page(&resident, &format!("{}/your-home", a.base)).await;
    assert_eq!(status, StatusCode::OK);
    drop(a);
    drop(nginx);
    let _ = std::fs::remove_dir_all(&work);
}
