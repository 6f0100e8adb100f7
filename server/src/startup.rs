//! Building and running the server: configuration, database, migrations, sessions, routes.

use crate::config::{load_profile, load_repairs, Config};
use crate::form_errors;
use crate::listener::{Peer, Stoppable};
use crate::middleware::{client_address, refuse_cross_site, security_headers};
use crate::sessions::{self, Store};
use app::server::auth::AccountMemo;
use app::server::db::Db;
use app::server::mail::{spawn_sender, Mailer, Outbox, TextFiles, Transport};
use app::server::request::REQUEST_ID_HEADER;
use app::server::state::AppState;
use app::site::SiteInfo;
use app::{shell, App};
use axum::body::Body;
use axum::http::{HeaderName, Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list_with_exclusions_and_ssg_and_context,
    handle_server_fns_with_context, LeptosRoutes,
};
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

/// Forms are small; uploads get their own routes with their own limits.
const BODY_LIMIT_BYTES: usize = 256 * 1024;

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
    let http = http_client(config)?;
    let state = AppState {
        db,
        site: SiteInfo::new(profile, repairs, config.development),
        public_url: config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", config.addr)),
        outbox: Outbox::new(!matches!(config.texts, crate::config::TextSettings::Off)),
        sign_in_address_limit: config.sign_in_address_limit,
        published: Default::default(),
        clock: Default::default(),
        storage: match &config.s3 {
            None => app::server::storage::Storage::Local(config.uploads_dir.clone()),
            Some(s3) => app::server::storage::Storage::S3(app::server::s3::S3Store {
                endpoint: s3.endpoint.clone(),
                bucket: s3.bucket.clone(),
                region: s3.region.clone(),
                access_key: s3.access_key.clone(),
                secret_key: s3.secret_key.clone(),
                client: http.clone(),
            }),
        },
    };
    if config.migrate_on_start {
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

/// Applies every migration, and the session store's table: what `server migrate` does, and
/// `serve` too unless `MIGRATE_ON_START=false`.
pub async fn migrate(db: &Db) -> Result<(), String> {
    db.migrate().await.map_err(|e| e.to_string())?;
    Store::for_db(db)
        .migrate()
        .await
        .map_err(|e| format!("the session table could not be created: {e}"))
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

/// The client for the object store and the text provider. A store or provider that stops
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
    pub state: AppState,
    listener: TcpListener,
    router: Router,
    /// How long to drain after the shutdown signal (`DRAIN_SECONDS`).
    drain: Duration,
    /// Set while draining: `/readyz` answers 503 and responses close their connection.
    draining: Draining,
}

/// Whether this node is draining (the shutdown signal came; it still serves).
#[derive(Clone, Debug, Default)]
pub struct Draining(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Draining {
    pub fn is_set(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn set(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed)
    }
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
        let draining = Draining::default();
        let router = router(
            state.clone(),
            options,
            store,
            (config.trust_proxy, config.request_time_limit),
            draining.clone(),
        );
        Ok(Application {
            addr,
            state,
            listener,
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
        axum::serve(listener, service)
            .with_graceful_shutdown(stop)
            .await?;
        self.state.db.close().await;
        Ok(())
    }
}

/// After the listening socket closes, how long connections accepted just before it have to
/// deliver their request before idle connections are closed: a proxy writes its request as soon
/// as it has connected, so this is ample, and it keeps a form posted at that moment from being
/// cut off unanswered (a proxy does not send a POST to another node once it has sent it).
const LAST_REQUESTS: Duration = Duration::from_millis(500);

/// The longest an upload may take (a 25 MB document from a phone).
const UPLOAD_TIME_LIMIT: Duration = Duration::from_secs(300);

fn router(
    state: AppState,
    options: LeptosOptions,
    store: Store,
    (trust_proxy, request_limit): (bool, Duration),
    draining: Draining,
) -> Router {
    let production = !state.site.development;
    let landlord_name = state.site.profile.landlord.name.clone();
    let landlord_phone = state.site.profile.landlord.phone.clone();
    let landlord = std::sync::Arc::new((landlord_name.clone(), landlord_phone.clone()));
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(state.site.clone());
            provide_context(AccountMemo::default());
        }
    };
    let (routes, _) =
        generate_route_list_with_exclusions_and_ssg_and_context(App, None, context.clone());
    let server_fns = {
        let context = context.clone();
        move |request: Request<Body>| handle_server_fns_with_context(context.clone(), request)
    };
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);

    // Photo uploads are larger than any form, so they get their own body limit; every other
    // route keeps the small one.
    let uploads = Router::new()
        .route(
            "/repairs/report/photos/upload",
            post(crate::uploads::upload),
        )
        .layer(RequestBodyLimitLayer::new(
            crate::uploads::UPLOAD_LIMIT_BYTES,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::uploads::UPLOAD_LIMIT_BYTES,
        ))
        .with_state(state.clone());
    let document_uploads = Router::new()
        .route("/staff/documents/upload", post(crate::documents::upload))
        .route(
            "/staff/service-charges/import",
            post(crate::documents::import),
        )
        .route(
            "/staff/residents/{person}/permissions",
            post(crate::permissions::record),
        )
        .layer(RequestBodyLimitLayer::new(
            crate::documents::UPLOAD_LIMIT_BYTES,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::documents::UPLOAD_LIMIT_BYTES,
        ))
        .with_state(state.clone());

    let pages = Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/account/contact/save",
            post(crate::preferences::save).with_state(state.clone()),
        )
        .route(
            "/repairs/photos/{id}",
            get(crate::uploads::photo).with_state(state.clone()),
        )
        .route(
            "/staff/cases/{reference}/evidence",
            get(crate::downloads::evidence).with_state(state.clone()),
        )
        .route(
            "/staff/permissions/{id}/evidence",
            get(crate::permissions::evidence).with_state(state.clone()),
        )
        .route(
            "/staff/letters/{id}/pdf",
            get(crate::downloads::letter).with_state(state.clone()),
        )
        .route(
            "/staff/subject-access/{reference}/data.json",
            get(crate::downloads::request_data).with_state(state.clone()),
        )
        .route(
            "/account/your-data.json",
            get(crate::downloads::your_data).with_state(state.clone()),
        )
        .route(
            "/staff/reports/complaints.csv",
            get(crate::downloads::complaints_csv).with_state(state.clone()),
        )
        .route(
            "/staff/reports/measures.csv",
            get(crate::downloads::measures_csv).with_state(state.clone()),
        )
        .route(
            "/how-we-are-doing.csv",
            get(crate::downloads::performance_csv).with_state(state.clone()),
        )
        .route(
            "/documents/{reference}/file",
            get(crate::documents::file).with_state(state.clone()),
        )
        .route(
            "/documents/service-charges/{reference}/csv",
            get(crate::documents::statement_csv).with_state(state.clone()),
        )
        .route(
            "/documents/service-charges/{reference}/print",
            get(crate::documents::statement_print).with_state(state.clone()),
        )
        .route(
            "/readyz",
            get({
                let (db, draining) = (state.db.clone(), draining.clone());
                move || readyz(db.clone(), draining.clone())
            }),
        )
        .route(
            "/session/keep-alive",
            get({
                let state = state.clone();
                move |session| keep_alive(state.clone(), session)
            }),
        )
        .route("/api/{*fn_name}", post(server_fns))
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context(context, shell))
        .with_state(options)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES));

    let failure_pages = pages.clone();
    pages
        .merge(uploads)
        .merge(document_uploads)
        .layer(axum::middleware::from_fn(move |request, next| {
            crate::middleware::failure_as_page(failure_pages.clone(), request, next)
        }))
        .layer(axum::middleware::from_fn(form_errors::explain_failures))
        .layer(axum::middleware::from_fn(refuse_cross_site))
        .layer(axum::middleware::from_fn(move |request, next| {
            client_address(trust_proxy, request, next)
        }))
        .layer(axum::middleware::from_fn({
            let state = state.clone();
            move |request, next| crate::middleware::read_account(state.clone(), request, next)
        }))
        .layer(sessions::layer(store, state.site.development))
        .layer(axum::middleware::from_fn(move |request, next| {
            crate::middleware::time_limit(request_limit, UPLOAD_TIME_LIMIT, request, next)
        }))
        .layer(CatchPanicLayer::custom(move |detail| {
            crate::middleware::panicked(&landlord_name, &landlord_phone, detail)
        }))
        .layer(axum::middleware::from_fn(move |request, next| {
            crate::middleware::own_words(landlord.clone(), request, next)
        }))
        .layer(axum::middleware::from_fn(crate::middleware::page_headers))
        .layer(axum::middleware::from_fn(move |request, next| {
            security_headers(production, request, next)
        }))
        .layer(axum::middleware::from_fn(crate::middleware::cache_files))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<Body>| {
                let id = request
                    .headers()
                    .get(REQUEST_ID_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
            })
            // One line a request at the default level: the span gives method, path and request
            // id; this adds the status and how long it took.
            .on_response(
                DefaultOnResponse::new()
                    .level(tracing::Level::INFO)
                    .latency_unit(LatencyUnit::Millis),
            ),
        )
        .layer(axum::middleware::from_fn(move |request, next| {
            crate::middleware::close_while_draining(draining.is_set(), request, next)
        }))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// "Stay signed in": pushes the session's idle time-out back. 204, or 401 when signed out.
async fn keep_alive(state: AppState, session: tower_sessions::Session) -> StatusCode {
    match app::server::auth::keep_alive(&state, &session).await {
        Ok(true) => StatusCode::NO_CONTENT,
        Ok(false) => StatusCode::UNAUTHORIZED,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: the database answers and it is not draining. The words are for an
/// operator, so they are kept as they are (marked as ours).
async fn readyz(db: Db, draining: Draining) -> impl IntoResponse {
    let (status, words) = if draining.is_set() {
        (StatusCode::SERVICE_UNAVAILABLE, "draining")
    } else if db.ping().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    };
    (
        status,
        [(
            axum::http::header::CONTENT_LANGUAGE,
            crate::middleware::OUR_WORDS,
        )],
        words,
    )
}

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
