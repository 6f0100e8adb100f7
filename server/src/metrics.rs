//! Metrics for an operator's Prometheus, served on their own listener (`METRICS_ADDR`, say
//! 127.0.0.1:9464), never on the public one: requests by route, method and status, and how long
//! they took; the outbox's depth and the age of its oldest message by channel; running clocks
//! past their deadline by subject and kind; and the database pool's use. Written with the
//! `prometheus-client` crate in the OpenMetrics text format. docs/operations.md lists the alerts
//! worth setting on them.

use app::server::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Instant;

type Labels = Vec<(String, String)>;

/// Seconds a request took: from 5 ms to 10 s.
const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

/// Every metric, and the registry that writes them out.
pub struct Metrics {
    registry: Registry,
    requests: Family<Labels, Counter>,
    latency: Family<Labels, Histogram, fn() -> Histogram>,
    outbox_waiting: Family<Labels, Gauge>,
    outbox_oldest: Family<Labels, Gauge<f64, AtomicU64>>,
    overdue: Family<Labels, Gauge>,
    pool: Family<Labels, Gauge>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("doorstep");
        let requests = Family::<Labels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by route (the route's pattern), method and status",
            requests.clone(),
        );
        let latency =
            Family::<Labels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "How long requests took to answer, by route and method",
            latency.clone(),
        );
        let outbox_waiting = Family::<Labels, Gauge>::default();
        registry.register(
            "outbox_waiting",
            "Messages queued and not yet sent or given up, by channel",
            outbox_waiting.clone(),
        );
        let outbox_oldest = Family::<Labels, Gauge<f64, AtomicU64>>::default();
        registry.register(
            "outbox_oldest_age_seconds",
            "How long the oldest message still waiting has waited, by channel",
            outbox_oldest.clone(),
        );
        let overdue = Family::<Labels, Gauge>::default();
        registry.register(
            "clocks_overdue",
            "Running clocks past their deadline, by subject (repair, case, subject_access) and kind",
            overdue.clone(),
        );
        let pool = Family::<Labels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database connections: open, idle and the most the pool may open",
            pool.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            outbox_waiting,
            outbox_oldest,
            overdue,
            pool,
        }
    }
}

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Where the routed layer leaves the matched route for the outer layer that times the request.
#[derive(Clone, Default)]
struct RouteSlot(Arc<Mutex<Option<String>>>);

/// The outermost layer: times each request and counts it under its route.
pub async fn record(
    State(metrics): State<Arc<Metrics>>,
    mut request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let slot = RouteSlot::default();
    request.extensions_mut().insert(slot.clone());
    let response = next.run(request).await;
    let status = response.status();
    let route = slot
        .0
        .lock()
        .ok()
        .and_then(|r| r.clone())
        .unwrap_or_else(|| "other".to_owned());
    metrics
        .requests
        .get_or_create(&labels(&[
            ("route", &route),
            ("method", &method),
            ("status", status.as_str()),
        ]))
        .inc();
    metrics
        .latency
        .get_or_create(&labels(&[("route", &route), ("method", &method)]))
        .observe(started.elapsed().as_secs_f64());
    response
}

/// The routed layer: notes the route's pattern ("/repairs/{reference}"), or for a server
/// function its own path (a known, small set), for `record`. Requests no route matched (files,
/// pages not found) count as "other".
pub async fn note_route(matched: Option<MatchedPath>, request: Request, next: Next) -> Response {
    let pattern = matched.map(|m| m.as_str().to_owned());
    let path = request.uri().path().to_owned();
    let slot = request.extensions().get::<RouteSlot>().cloned();
    let response = next.run(request).await;
    if let (Some(slot), Some(pattern)) = (slot, pattern) {
        let route = if pattern.starts_with("/api/{") && response.status() != StatusCode::NOT_FOUND {
            path
        } else {
            pattern
        };
        if let Ok(mut noted) = slot.0.lock() {
            *noted = Some(route);
        }
    }
    response
}

impl Metrics {
    /// Reads the figures counted at scrape time and writes every metric out.
    pub async fn scrape(&self, state: &AppState) -> Result<String, String> {
        let now = chrono::Utc::now();
        let waiting = app::server::db::outbox::waiting(&state.db)
            .await
            .map_err(|e| format!("outbox: {e:?}"))?;
        self.outbox_waiting.clear();
        self.outbox_oldest.clear();
        for (channel, count, oldest) in waiting {
            let l = labels(&[("channel", &channel)]);
            self.outbox_waiting.get_or_create(&l).set(count);
            let age = oldest.map_or(0.0, |at| (now - at).num_milliseconds() as f64 / 1000.0);
            self.outbox_oldest.get_or_create(&l).set(age.max(0.0));
        }
        let overdue = app::server::db::clocks::overdue(&state.db, now)
            .await
            .map_err(|e| format!("clocks: {e:?}"))?;
        self.overdue.clear();
        for (subject, kind, count) in overdue {
            self.overdue
                .get_or_create(&labels(&[("subject", &subject), ("kind", &kind)]))
                .set(count);
        }
        let (open, idle, max) = state.db.pool_use();
        for (state, n) in [("open", open), ("idle", idle), ("max", max)] {
            self.pool
                .get_or_create(&labels(&[("state", state)]))
                .set(i64::from(n));
        }
        let mut out = String::new();
        encode(&mut out, &self.registry).map_err(|e| e.to_string())?;
        Ok(out)
    }
}

/// `GET /metrics` on the metrics listener.
pub async fn serve_metrics(State((state, metrics)): State<(AppState, Arc<Metrics>)>) -> Response {
    match metrics.scrape(&state).await {
        Ok(text) => (
            [(
                header::CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "metrics could not be read");
            (StatusCode::SERVICE_UNAVAILABLE, "metrics unavailable\n").into_response()
        }
    }
}

/// The metrics listener's router: `/metrics` and nothing else.
pub fn router(state: AppState, metrics: Arc<Metrics>) -> axum::Router {
    axum::Router::new()
        .route("/metrics", axum::routing::get(serve_metrics))
        .with_state((state, metrics))
}
