//! A plain visit to a page reads the session and never writes it: only a change (signing in,
//! a form kept for a second try) may, besides the once-a-minute "seen" time and a journey's
//! first page starting its draft. Every
//! page the application lists is visited, signed out and as a resident, an advocate and
//! colleagues, following the links each page shows (so real references and the filters people
//! use are visited too), and the stored sessions are compared before and after each visit.

use crate::common::{as_other, spawn_app_with_everything, stored_sessions, Engine, TestApp};
use reqwest::StatusCode;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

on_both_engines!(no_plain_visit_to_any_page_writes_the_session);

const VISITORS: [&str; 7] = [
    "amira.hassan@example.org",
    "priya.shah@advice.example.org",
    "alex.kim@staff.example.org",
    "sunita.patel@staff.example.org",
    "owen.davies@staff.example.org",
    "sam.price@staff.example.org",
    "jo.kemp@ashdown.example.com",
];

/// Journeys whose pages start a draft (holding the journey's submission token) or, opened from
/// a link about something ("complain about this repair"), start it afresh about that: the one
/// thing a plain visit may write, and only on the journey's own pages.
const DRAFTS: [(&str, &str); 2] = [
    ("repair_draft", "/repairs/report"),
    ("case_draft", "/cases/new/"),
];

/// What a visit changed in the stored sessions that it should not have, if anything. The
/// once-a-minute "seen" time (and the expiry that moves with it) may change; real time moves as
/// well as the application's clock, so that minute can come round during any visit.
fn unexpected_change(
    href: &str,
    before: &[(Vec<u8>, i64)],
    after: &[(Vec<u8>, i64)],
) -> Option<String> {
    if before.len() != after.len() {
        return Some(format!("{} sessions became {}", before.len(), after.len()));
    }
    for ((old, old_expiry), (new, new_expiry)) in before.iter().zip(after) {
        let mut old: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(old).expect("session data is JSON");
        let mut new: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(new).expect("session data is JSON");
        let mut seen_moved = false;
        if let (Some(o), Some(n)) = (old.get_mut("signed_in"), new.get_mut("signed_in")) {
            let (o, n) = (o.as_object_mut(), n.as_object_mut());
            if let (Some(o), Some(n)) = (o, n) {
                seen_moved = o.remove("seen") != n.remove("seen");
            }
        }
        let mut started = false;
        for (draft, journey) in DRAFTS {
            if href.starts_with(journey) && old.remove(draft) != new.remove(draft) {
                started = true;
            }
        }
        if old != new {
            let changed: Vec<&String> = new
                .keys()
                .chain(old.keys())
                .filter(|k| old.get(*k) != new.get(*k))
                .collect();
            return Some(format!("changed {changed:?}"));
        }
        if old_expiry != new_expiry && !seen_moved && !started {
            return Some("its expiry moved with nothing else changed".to_owned());
        }
    }
    None
}

/// A route's parameter segment: `{name}` as axum writes it (`:name` in leptos).
fn is_parameter(segment: &str) -> bool {
    segment.starts_with(':') || segment.starts_with('{')
}

/// A route's pattern as a list of segments, `None` where it has a parameter.
fn pattern(path: &str) -> Vec<Option<String>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| (!is_parameter(s)).then(|| s.to_owned()))
        .collect()
}

/// The route a visited path belongs to, if any.
fn route_of<'a>(routes: &'a [String], path: &str) -> Option<&'a String> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    // A literal segment beats a parameter (`/repairs/report` before `/repairs/:reference`).
    routes
        .iter()
        .filter(|r| {
            let p = pattern(r);
            p.len() == segments.len()
                && p.iter()
                    .zip(&segments)
                    .all(|(want, got)| want.as_deref().is_none_or(|w| w == *got))
        })
        .max_by_key(|r| pattern(r).iter().filter(|s| s.is_some()).count())
}

/// The same-site links a page shows, as paths with their queries, without fragments.
fn links(body: &str) -> Vec<String> {
    body.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .filter(|href| !href.starts_with("/pkg/") && !href.is_empty())
        .collect()
}

/// Which visits of a route count as different: the route and the names of its query's fields.
fn visit_key(routes: &[String], href: &str) -> Option<String> {
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let route = route_of(routes, path)?;
    let mut fields: Vec<&str> = query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .filter(|f| !f.is_empty())
        .collect();
    fields.sort_unstable();
    fields.dedup();
    Some(format!("{route}?{}", fields.join("&")))
}

/// A value for each parameter, for routes no page links to for this visitor: the answer is
/// a "not found" page, which is still a plain visit.
fn filled(route: &str) -> String {
    route
        .split('/')
        .map(|s| match s {
            ":kind" | "{kind}" => "complaint",
            ":field" | "{field}" => "what",
            s if is_parameter(s) => "NOT-THERE-1",
            s => s,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Visits every page reachable by following links from the listed routes, once per route and
/// set of query fields; returns the routes that answered 200 and what each visit answered.
async fn visit_all(
    app: &TestApp,
    visitor: &TestApp,
    who: &str,
    routes: &[String],
) -> BTreeMap<String, StatusCode> {
    // Routes without parameters first, then the links the pages show; a route with a parameter
    // that no link reached is visited last, with a made-up value.
    let (plain, with_parameters): (Vec<&String>, Vec<&String>) = routes
        .iter()
        .partition(|r| pattern(r).iter().all(Option::is_some));
    let mut queue: VecDeque<String> = plain.into_iter().cloned().collect();
    let mut last: Vec<String> = with_parameters.into_iter().map(|r| filled(r)).collect();
    let mut seen = BTreeSet::new();
    let mut answered = BTreeMap::new();
    while let Some(href) = queue.pop_front().or_else(|| last.pop()) {
        let Some(key) = visit_key(routes, &href) else {
            continue;
        };
        if !seen.insert(key.clone()) {
            continue;
        }
        let before = stored_sessions(app).await;
        let response = visitor.get(&href).await;
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        assert!(!status.is_server_error(), "{who}: {href} answered {status}");
        let after = stored_sessions(app).await;
        if let Some(change) = unexpected_change(&href, &before, &after) {
            panic!("{who}: a plain visit to {href} wrote the session: {change}");
        }
        answered.insert(key, status);
        if status == StatusCode::OK {
            queue.extend(links(&body));
        }
    }
    answered
}

async fn no_plain_visit_to_any_page_writes_the_session(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let routes: Vec<String> = server::router::page_routes(&app.state)
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert!(routes.len() > 60, "{routes:?}");

    // Signed out: no page starts a session.
    let before = stored_sessions(&app).await;
    let stranger = app.another_browser();
    let visited = visit_all(&app, &stranger, "signed out", &routes).await;
    assert_eq!(
        stored_sessions(&app).await,
        before,
        "a signed-out visit stored a session"
    );
    assert!(visited.len() >= routes.len(), "{visited:?}");

    let mut reached: BTreeSet<String> = BTreeSet::new();
    for who in VISITORS {
        let visitor = as_other(&app, who).await;
        let visited = visit_all(&app, &visitor, who, &routes).await;
        reached.extend(
            visited
                .iter()
                .filter(|(_, status)| **status == StatusCode::OK)
                .filter_map(|(key, _)| key.split('?').next().map(str::to_owned)),
        );
    }
    // The visits reached real pages, not only "not found" ones: every route with a reference
    // that the demo has and its people can see was opened through a link.
    for route in [
        "/repairs/{reference}",
        "/staff/repairs/{reference}",
        "/cases/{reference}",
        "/staff/cases/{reference}",
        "/staff/documents/{reference}",
        "/documents/service-charges/{reference}",
        "/staff/residents/{person}",
        "/staff/work",
        "/staff/dashboard",
        "/account/your-data",
        "/visits",
        "/visits/{id}",
        "/staff/visits/figures",
    ] {
        assert!(reached.contains(route), "never opened {route}: {reached:?}");
    }
}
