//! The router: every route (leptos pages, server functions, uploads and downloads, health
//! checks) and the middleware around them, in the order a request meets it.

use crate::form_errors;
use crate::middleware::{client_address, refuse_cross_site, security_headers};
use crate::sessions::{self, Store};
use app::server::auth::AccountMemo;
use app::server::db::Db;
use app::server::request::REQUEST_ID_HEADER;
use app::server::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::http::{HeaderName, Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list_with_exclusions_and_ssg_and_context,
    handle_server_fns_with_context, LeptosRoutes,
};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

/// Forms are small; uploads get their own routes with their own limits.
const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// Whether this node is draining (the shutdown signal came; it still serves).
#[derive(Clone, Debug, Default)]
pub struct Draining(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Draining {
    pub fn is_set(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn set(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed)
    }
}

/// The longest an upload may take (a 25 MB document from a phone).
const UPLOAD_TIME_LIMIT: Duration = Duration::from_secs(300);

pub(crate) fn router(
    state: AppState,
    options: LeptosOptions,
    store: Store,
    (trust_proxy, request_limit): (bool, Duration),
    draining: Draining,
    metrics: std::sync::Arc<crate::metrics::Metrics>,
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
    let routes = page_routes(&state);
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
    // An outcome "completed" carries up to three photos.
    let visit_outcomes = Router::new()
        .route("/visits/{id}/outcome", post(crate::visits::outcome))
        .layer(RequestBodyLimitLayer::new(
            crate::visits::UPLOAD_LIMIT_BYTES,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::visits::UPLOAD_LIMIT_BYTES,
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
            "/visits/photos/{id}",
            get(crate::visits::photo).with_state(state.clone()),
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
            "/staff/dashboard.csv",
            get(crate::downloads::dashboard_csv).with_state(state.clone()),
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
        .merge(visit_outcomes)
        .route_layer(axum::middleware::from_fn(crate::metrics::note_route))
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
        .layer(compression())
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
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            crate::metrics::record,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Pages, JSON and CSV go out compressed when the browser says it can read brotli or gzip
/// (`/pkg` files are compressed once at build time and carry their encoding already, so they
/// are left alone). Quality 4: a page of 10 to 20 KB shrinks to about a fifth in a small
/// fraction of a millisecond; the highest qualities cost a hundred times as much for a few per
/// cent more (docs/performance.md has the cost in requests per second).
fn compression(
) -> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use axum::http::{header, HeaderMap, StatusCode as Status, Version};
    use tower_http::compression::predicate::{Predicate, SizeAbove};
    let worth_it = |_: Status, _: Version, headers: &HeaderMap, _: &axum::http::Extensions| {
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                ["text/html", "application/json", "text/csv", "text/plain"]
                    .iter()
                    .any(|t| v.starts_with(t))
            })
    };
    tower_http::compression::CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(tower_http::compression::CompressionLevel::Precise(4))
        .compress_when(SizeAbove::new(1024).and(worth_it))
}

/// Every page the application renders, as leptos lists them (paths with `:name` parameters).
pub fn page_routes(state: &AppState) -> Vec<leptos_axum::AxumRouteListing> {
    let state = state.clone();
    let context = move || {
        provide_context(state.clone());
        provide_context(state.site.clone());
        provide_context(AccountMemo::default());
    };
    generate_route_list_with_exclusions_and_ssg_and_context(App, None, context).0
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
