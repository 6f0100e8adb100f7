//! Building and running the server: configuration, database, migrations, sessions, routes.

use crate::config::{load_profile, load_repairs, Config};
use crate::listener::{Peer, Stoppable};
use crate::router::Draining;
use crate::sessions::Store;
use app::server::db::Db;
use app::server::mail::{spawn_sender, Mailer, Outbox, TextFiles, Transport};
use app::server::state::AppState;
use app::site::SiteInfo;
use axum::serve::ListenerExt;
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;

/// Connects, migrates and loads the profile: everything `serve` and the commands share.
pub async fn prepare(config: &Config) -> Result<AppState, String> {
    let profile = load_profile(&config.profile_path)?;
    let repairs = load_repairs(&config.repairs_path, &profile)?;
    let db = Db::connect_with(&config.database_url, config.pool)
        .await
        .map_err(|e| format!("DATABASE_URL: {e}"))?;
    if config.migrate_on_start {
        migrate(&db).await?;
    } else {
        let missing = db.missing_migrations().await.map_err(|e| e.to_string())?;
        if !missing.is_empty() {
            return Err(format!(
                "MIGRATE_ON_START=false, and the database has not had these migrations: {}. \
                 Run `server migrate` as the role that owns the schema, then start again.",
                missing.join(", ")
            ));
        }
    }
    let state = AppState {
        db,
        site: SiteInfo::new(profile, repairs, config.development),
        public_url: config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", config.addr)),
        outbox: Outbox::new(!matches!(config.texts, crate::config::TextSettings::Off)),
        sign_in_address_limit: config.sign_in_address_limit,
        contact_address_limit: config.contact_address_limit,
        published: Default::default(),
        clock: Default::default(),
        storage: storage(config)?,
    };
    if config.migrate_on_start {
        let routed = app::server::db::teams::apply_profile_routes(
            &state.db,
            &state.site.profile.team_routes,
            chrono::Utc::now(),
        )
        .await
        .map_err(|e| format!("the profile's team routes could not be set: {e:?}"))?;
        if routed > 0 {
            tracing::info!(routed, "new work routed to teams as the profile says");
        }
        let named = app::server::db::people::fill_search_names(&state.db)
            .await
            .map_err(|e| format!("people's search names could not be filled in: {e:?}"))?;
        if named > 0 {
            tracing::info!(named, "people given a search name");
        }
        let changed = app::server::subject_access::refresh_due_dates(&state)
            .await
            .map_err(|e| format!("stored deadlines could not be brought up to date: {e:?}"))?;
        if changed > 0 {
            tracing::info!(
                changed,
                "stored deadlines of open requests to see information brought up to date"
            );
        }
    }
    Ok(state)
}

/// Visit reminders: every five minutes, one node sends those due (the evening before each
/// visit, at the profile's time). A reminder is claimed before it is sent, so it goes once.
fn spawn_reminders(state: &AppState) {
    let state = state.clone();
    crate::periodic::spawn(
        state.db.clone(),
        "visit_reminders",
        Duration::from_secs(300),
        move |_, now| {
            let state = state.clone();
            async move {
                app::server::visits::send_reminders(&state, now)
                    .await
                    .map(|sent| {
                        if sent > 0 {
                            tracing::info!(sent, "visit reminders sent");
                        }
                    })
                    .map_err(|e| format!("visit reminders: {e:?}"))
            }
        },
    );
}

/// Abandoned uploads: every six hours, one node removes the photos of reports never sent and
/// the stored files no record names, once they are a day old (`app::server::uploads`).
fn spawn_upload_sweep(state: &AppState) {
    let state = state.clone();
    crate::periodic::spawn(
        state.db.clone(),
        "abandoned_uploads",
        Duration::from_secs(6 * 3600),
        move |_, now| {
            let state = state.clone();
            async move {
                app::server::uploads::sweep(&state, now)
                    .await
                    .map(|swept| {
                        if swept != app::server::uploads::Swept::default() {
                            tracing::info!(
                                unsent_photos = swept.unsent_photos,
                                unnamed_files = swept.unnamed_files,
                                "abandoned uploads removed"
                            );
                        }
                    })
                    .map_err(|e| format!("abandoned uploads: {e:?}"))
            }
        },
    );
}

/// Applies every migration (the session table among them): what `server migrate` does, and
/// `serve` too unless `MIGRATE_ON_START=false`.
pub async fn migrate(db: &Db) -> Result<(), String> {
    db.migrate().await.map_err(|e| e.to_string())
}

/// The PEM bytes of `EXTRA_CA_FILE`, if set.
fn extra_ca(config: &Config) -> Result<Option<Vec<u8>>, String> {
    config
        .extra_ca_file
        .as_ref()
        .map(|path| {
            std::fs::read(path)
                .map_err(|e| format!("EXTRA_CA_FILE: \"{}\" cannot be read ({e})", path.display()))
        })
        .transpose()
}

/// The text provider's client. A provider that stops
/// answering fails a request within seconds (3 s to connect, 5 s between bytes), not at the
/// request's own time limit; the public roots are trusted, and `EXTRA_CA_FILE` besides.
fn http_client(config: &Config) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(3))
        .read_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(120));
    if let Some(pem) = extra_ca(config)? {
        for certificate in reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| format!("EXTRA_CA_FILE: {e}"))?
        {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder
        .build()
        .map_err(|e| format!("the HTTP client could not start: {e}"))
}

/// Where uploaded files live: `UPLOADS_DIR`, or the S3-compatible bucket the `S3_` settings
/// name, trusting `EXTRA_CA_FILE` as the text provider's client does.
fn storage(config: &Config) -> Result<app::server::storage::Storage, String> {
    match &config.s3 {
        None => Ok(app::server::storage::Storage::Local(
            config.uploads_dir.clone(),
        )),
        Some(s3) => bucket(s3, extra_ca(config)?),
    }
}

/// The bucket the `S3_` settings name, trusting the authorities in `extra_ca_pem` besides the
/// public ones.
pub fn bucket(
    s3: &crate::config::S3Settings,
    extra_ca_pem: Option<Vec<u8>>,
) -> Result<app::server::storage::Storage, String> {
    app::server::storage::Storage::s3(&app::server::storage::S3Options {
        endpoint: s3.endpoint.clone(),
        bucket: s3.bucket.clone(),
        region: s3.region.clone(),
        access_key: s3.access_key.clone(),
        secret_key: s3.secret_key.clone(),
        timeout: s3.timeout,
        retries: s3.retries,
        extra_ca_pem,
    })
}

/// How texts go out, from `TEXT_PROVIDER`.
fn text_provider(
    config: &Config,
) -> Result<Option<std::sync::Arc<dyn app::server::mail::TextProvider>>, String> {
    use crate::config::TextSettings;
    Ok(match &config.texts {
        TextSettings::Off => None,
        TextSettings::Files(dir) => Some(std::sync::Arc::new(TextFiles(dir.clone()))),
        TextSettings::Esendex(e) => Some(std::sync::Arc::new(app::server::texts::Esendex {
            url: e.url.clone(),
            account: e.account.clone(),
            username: e.username.clone(),
            password: e.password.clone(),
            from: e.from.clone(),
            client: http_client(config)?,
        })),
    })
}

pub struct Application {
    pub addr: SocketAddr,
    /// Where `/metrics` is served (`METRICS_ADDR`), if anywhere.
    pub metrics_addr: Option<SocketAddr>,
    pub state: AppState,
    listener: TcpListener,
    metrics: Option<(TcpListener, Router)>,
    router: Router,
    /// How long to drain after the shutdown signal (`DRAIN_SECONDS`).
    drain: Duration,
    /// Set while draining: `/readyz` answers 503 and responses close their connection.
    draining: Draining,
}

impl Application {
    pub async fn build(config: &Config) -> Result<Application, String> {
        let mut state = prepare(config).await?;
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("LEPTOS_SITE_ADDR: cannot listen on {}: {e}", config.addr))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        if config.public_url.is_none() {
            state.public_url = format!("http://{addr}");
        }
        let mailer = Mailer {
            from: config.mail_from.clone().unwrap_or_else(|| {
                let landlord = &state.site.profile.landlord;
                format!("{} <{}>", landlord.name, landlord.email)
            }),
            transport: match &config.smtp_url {
                Some(url) => Transport::smtp(url, extra_ca(config)?.as_deref())?,
                None => Transport::Files(config.outbox_dir.clone()),
            },
            texts: text_provider(config)?,
            logo_url: state.site.profile.landlord.logo_url.clone(),
        };
        if mailer.texts.is_none() {
            tracing::warn!("TEXT_PROVIDER is not set: no text messages are sent; residents who allow only texts are contacted by a colleague (a task)");
        }
        if !config.development && config.s3.is_none() && config.uploads_dir.is_relative() {
            tracing::warn!(uploads = %config.uploads_dir.display(), "UPLOADS_DIR: a path under the working directory; in production give an absolute path, so that uploads do not depend on where the service starts");
        }
        if matches!(state.db, Db::Postgres(_)) && config.s3.is_none() {
            tracing::warn!(uploads = %config.uploads_dir.display(), "UPLOADS_DIR: PostgreSQL with uploads on this node's disk. With more than one node, set S3_BUCKET and the other S3_ settings, or files uploaded through one node are missing on the others");
        }
        spawn_sender(state.db.clone(), mailer, state.outbox.clone());
        let mut options = leptos::config::get_configuration(None)
            .map_err(|e| format!("leptos configuration: {e}"))?
            .leptos_options;
        options.site_addr = addr;
        // A release build by cargo-leptos leaves hash.txt beside the binary, naming the
        // content-hashed CSS, JS and wasm; without it (a test build) the plain names are used.
        options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .is_some_and(|file| file.is_file());
        let store = Store::for_db(&state.db);
        store.spawn_cleanup(state.db.clone(), Duration::from_secs(600));
        spawn_reminders(&state);
        spawn_upload_sweep(&state);
        let draining = Draining::default();
        let metrics = std::sync::Arc::new(crate::metrics::Metrics::default());
        let router = crate::router::router(
            state.clone(),
            options,
            store,
            (config.trust_proxy, config.request_time_limit),
            draining.clone(),
            metrics.clone(),
        );
        // The metrics have a listener of their own, never the public one.
        let metrics = match config.metrics_addr {
            None => None,
            Some(at) => {
                let listener = TcpListener::bind(at)
                    .await
                    .map_err(|e| format!("METRICS_ADDR: cannot listen on {at}: {e}"))?;
                Some((listener, crate::metrics::router(state.clone(), metrics)))
            }
        };
        let metrics_addr = match &metrics {
            Some((listener, _)) => Some(listener.local_addr().map_err(|e| e.to_string())?),
            None => None,
        };
        Ok(Application {
            addr,
            metrics_addr,
            state,
            listener,
            metrics,
            router,
            drain: config.drain,
            draining,
        })
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // Without TCP_NODELAY small responses wait for delayed ACKs: 40 ms a request.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::warn!(%error, "could not set TCP_NODELAY");
            }
        });
        let service = self.router.into_make_service_with_connect_info::<Peer>();
        let (drain, draining) = (self.drain, self.draining.clone());
        let (stop_accepting, accepting) = tokio::sync::watch::channel(false);
        let listener = Stoppable::new(listener, accepting);
        // Draining: the load balancer sees /readyz fail and stops sending new requests while
        // this node still answers the ones that come; keep-alive connections are closed after
        // each response so none is left idle to race the close. Then the listening socket is
        // closed, so a new connection is refused (and a proxy tries another node), and a
        // moment later the connections accepted just before have their requests read and
        // answered: only then does the graceful stop close what is idle.
        let stop = async move {
            shutdown.await;
            if !drain.is_zero() {
                draining.set();
                tracing::info!(
                    seconds = drain.as_secs(),
                    "draining: /readyz answers 503; still serving"
                );
                tokio::time::sleep(drain).await;
            }
            let _ = stop_accepting.send(true);
            tracing::info!("no longer accepting connections: finishing requests in flight");
            tokio::time::sleep(LAST_REQUESTS).await;
        };
        let metrics = self.metrics.map(|(listener, router)| {
            tokio::spawn(async move {
                if let Err(error) = axum::serve(listener, router).await {
                    tracing::error!(%error, "the metrics listener stopped");
                }
            })
        });
        axum::serve(listener, service)
            .with_graceful_shutdown(stop)
            .await?;
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        self.state.db.close().await;
        Ok(())
    }
}

/// After the listening socket closes, how long connections accepted just before it have to
/// deliver their request before idle connections are closed: a proxy writes its request as soon
/// as it has connected, so this is ample, and it keeps a form posted at that moment from being
/// cut off unanswered (a proxy does not send a POST to another node once it has sent it).
const LAST_REQUESTS: Duration = Duration::from_millis(500);

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
