//! The managers' daily dashboard on SQLite and PostgreSQL: its figures against cases seeded
//! with deadlines and outcomes worked out by hand, the records behind a figure, the CSV, and who
//! may see it.

use crate::common::{as_other, spawn_app, Engine, TestApp};
use app::server::db::cases::{create_case, NewCase, NewClock};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use reqwest::StatusCode;

on_both_engines!(
    the_dashboard_counts_each_teams_deadlines_as_worked_by_hand,
    the_figures_are_counted_at_most_once_a_minute_and_say_when,
);

const MANAGER: &str = "fiona.reid@staff.example.org";

/// The next Wednesday at 10:00 UK time, after today.
fn next_wednesday_at_ten() -> DateTime<Utc> {
    let mut day: NaiveDate = app::site::today() + Duration::days(1);
    while day.weekday() != Weekday::Wed {
        day += Duration::days(1);
    }
    app::domain::london::from_local(day.and_hms_opt(10, 0, 0).expect("time"))
}

/// An enquiry with one reply deadline; `team`: whether it is Customer services'.
async fn seed(
    app: &TestApp,
    name: &str,
    due: DateTime<Utc>,
    met: Option<DateTime<Utc>>,
    closed: Option<DateTime<Utc>>,
    team: Option<i64>,
) -> String {
    let person = crate::common::person_on(app, "TEN-100001").await;
    let received = due - Duration::days(5);
    let new = NewCase {
        submission_token: format!("dashboard-{name}"),
        kind: "enquiry",
        person_id: Some(person),
        made_by: "resident",
        channel: "portal",
        status: "open",
        summary: format!("Seeded {name}"),
        details: "Seeded".into(),
        received_at: received,
        clocks: vec![NewClock {
            kind: app::domain::cases::ClockKind::Reply.into(),
            started_at: received,
            due_at: due,
        }],
        ..NewCase::default()
    };
    let (reference, _) = create_case(&app.state.db, &new, received, || {
        app::server::tokens::reference("EQ")
    })
    .await
    .expect("case");
    let db = &app.state.db;
    app::db_run!(db, |pool| {
        async {
            sqlx::query("update clocks set met_at = $1 where subject = 'case' and subject_id = (select id from cases where reference = $2)")
                .bind(met)
                .bind(&reference)
                .execute(pool)
                .await?;
            sqlx::query("update cases set team_id = $1, status = case when $2 is null then status else 'closed' end, closed_at = $2 where reference = $3")
                .bind(team)
                .bind(closed)
                .bind(&reference)
                .execute(pool)
                .await?;
            Ok::<_, sqlx::Error>(())
        }
        .await
    })
    .expect("outcome");
    reference
}

/// The dashboard table's row for a team, as the figures' texts.
fn row(page: &str, team: &str) -> Vec<String> {
    let start = page
        .find(&format!("<th scope=\"row\">{team}</th>"))
        .unwrap_or_else(|| panic!("no row for {team}: {page}"));
    let end = start + page[start..].find("</tr>").expect("row end");
    page[start..end]
        .split("<td class=\"number\">")
        .skip(1)
        .map(|cell| {
            let text = cell.split("</td>").next().unwrap_or_default();
            // A figure with records is a link.
            match text.find('>') {
                Some(i) if text.starts_with("<a") => {
                    text[i + 1..].trim_end_matches("</a>").to_owned()
                }
                _ => text.to_owned(),
            }
        })
        .collect()
}

async fn the_dashboard_counts_each_teams_deadlines_as_worked_by_hand(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let now = next_wednesday_at_ten();
    app.state.clock.advance(now - app.state.clock.now());
    let team = crate::common::team_named(&app, "Customer services").await;
    let t = Some(team);
    let h = Duration::hours;
    let d = Duration::days;
    // Open: A (overdue), B (due today at 15:00), C (due tomorrow: soon), D (due in 20 days).
    seed(&app, "a", now - d(2), None, None, t).await;
    let b = seed(&app, "b", now + h(5), None, None, t).await;
    seed(&app, "c", now + d(1) + h(2), None, None, t).await;
    seed(&app, "d", now + d(20), None, None, t).await;
    // E met on time 4 days ago (due 3 days ago); F met late, due 10 days ago.
    seed(&app, "e", now - d(3), Some(now - d(4)), None, t).await;
    seed(&app, "f", now - d(10), Some(now - d(9)), None, t).await;
    // G closed unanswered before its deadline (not counted); H closed after it (missed).
    seed(&app, "g", now - d(5), None, Some(now - d(6)), t).await;
    seed(&app, "h", now - d(5), None, Some(now - d(2)), t).await;
    // I: no team, overdue.
    seed(&app, "i", now - d(1), None, None, None).await;

    let fiona = as_other(&app, MANAGER).await;
    let (status, page) = fiona.page("/staff/dashboard").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Question: Answered"), "{page}");
    // open, due today, due soon, overdue, met 7, missed 7, met 30, missed 30
    assert_eq!(
        row(&page, "Customer services"),
        ["4", "1", "1", "1", "1", "2", "1", "3"]
    );
    assert_eq!(
        row(&page, "No team"),
        ["1", "0", "0", "1", "0", "1", "0", "1"]
    );

    // Each figure opens the records behind it.
    let (_, list) = fiona
        .page(&format!(
            "/staff/dashboard/list?team={team}&standard=case:enquiry:reply&figure=due_today"
        ))
        .await;
    assert!(list.contains(&b), "{list}");
    assert!(!list.contains("Seeded a"));
    let (_, missed) = fiona
        .page(&format!(
            "/staff/dashboard/list?team={team}&standard=case:enquiry:reply&figure=missed_30"
        ))
        .await;
    for name in ["Seeded a", "Seeded f", "Seeded h"] {
        assert!(missed.contains(name), "{name}: {missed}");
    }
    assert!(!missed.contains("Seeded g") && !missed.contains("Seeded e"));
    assert_eq!(
        fiona
            .page("/staff/dashboard/list?team=x&standard=case:enquiry:reply&figure=open")
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // The same figures as CSV.
    let csv = fiona.get("/staff/dashboard.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.expect("body");
    assert!(
        csv.contains("Customer services,Question: Answered,4,1,1,1,1,2,1,3\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("All teams,All standards,5,1,1,2,1,3,1,4\r\n"),
        "{csv}"
    );

    // A colleague who is not a manager cannot see it.
    let chris = as_other(&app, "chris.morgan@staff.example.org").await;
    assert_eq!(
        chris.page("/staff/dashboard").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        chris.get("/staff/dashboard.csv").await.status(),
        StatusCode::NOT_FOUND
    );
}

/// The count is kept for the whole service: a second look within the minute shows the same
/// figures and time (a deadline added since is not in them yet, though the records behind a
/// figure are read live); a look after the minute counts again, with the new time; a count
/// kept from yesterday is never shown today; another request holding the turn to count does not
/// stop a look when there is nothing of today to show.
async fn the_figures_are_counted_at_most_once_a_minute_and_say_when(engine: Engine) {
    let Some(app) = spawn_app(engine).await else {
        return;
    };
    let now = next_wednesday_at_ten();
    app.state.clock.advance(now - app.state.clock.now());
    let team = crate::common::team_named(&app, "Customer services").await;
    let d = Duration::days;
    seed(&app, "a", now + d(20), None, None, Some(team)).await;
    let fiona = as_other(&app, MANAGER).await;
    let open = |page: &str| row(page, "Customer services")[0].clone();
    let counted = |page: &str| {
        let at = page.find("Counted from the records at ").expect("when") + 28;
        page[at..at + page[at..].find(" (").expect("end")].to_owned()
    };

    let (_, first) = fiona.page("/staff/dashboard").await;
    let before: i64 = open(&first).parse().expect("a number");
    assert!(
        counted(&first).ends_with("10:00:00am"),
        "{}",
        counted(&first)
    );

    // Thirty seconds later, with one more open deadline: the same count, and it says so.
    app.state.clock.advance(Duration::seconds(30));
    let added = seed(&app, "b", now + d(20), None, None, Some(team)).await;
    let (_, second) = fiona.page("/staff/dashboard").await;
    assert_eq!(open(&second), before.to_string());
    assert_eq!(counted(&second), counted(&first));
    let (_, list) = fiona
        .page(&format!(
            "/staff/dashboard/list?team={team}&standard=case:enquiry:reply&figure=open"
        ))
        .await;
    assert!(
        list.contains(&added),
        "the records behind a figure are live: {list}"
    );

    // After the minute: counted again.
    app.state.clock.advance(Duration::seconds(31));
    let (_, third) = fiona.page("/staff/dashboard").await;
    assert_eq!(open(&third), (before + 1).to_string());
    assert!(
        counted(&third).ends_with("10:01:01am"),
        "{}",
        counted(&third)
    );
    let kept = crate::common::scalar(
        &app,
        "select count(*) from dashboard_counts where refreshing_until is null",
    )
    .await;
    assert_eq!(kept, 1, "the turn to count is given back");

    // Someone else holds the turn: the last count (under five minutes old, of today) is shown.
    app.state.clock.advance(Duration::seconds(61));
    let later = app.state.clock.now();
    app.execute(&format!(
        "update dashboard_counts set refreshing_until = '{}'",
        (later + Duration::seconds(20)).to_rfc3339()
    ))
    .await;
    seed(&app, "c", now + d(20), None, None, Some(team)).await;
    let (_, held) = fiona.page("/staff/dashboard").await;
    assert_eq!(open(&held), (before + 1).to_string());
    // A day later the old count is of yesterday and is never shown. While another request
    // holds the turn, the look waits for that count rather than counting too.
    app.state.clock.advance(d(1));
    let next_day = app.state.clock.now();
    app.execute(&format!(
        "update dashboard_counts set refreshing_until = '{}'",
        (next_day + Duration::seconds(20)).to_rfc3339()
    ))
    .await;
    let other = {
        let db = app.state.db.clone();
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            // The other request's count: an empty one, so that it shows which count was used.
            app::server::db::dashboard::keep(&db, next_day, &[])
                .await
                .expect("kept");
        })
    };
    // (Signed in again: a day is longer than a session lasts.)
    let fiona = as_other(&app, MANAGER).await;
    let (status, waited) = fiona.page("/staff/dashboard").await;
    other.await.expect("the other count");
    assert_eq!(status, StatusCode::OK);
    assert!(
        !waited.contains("<th scope=\"row\">Customer services</th>"),
        "the other request's count, not one of its own: {waited}"
    );
    // The next look after the minute counts again, with the deadline added yesterday.
    app.state.clock.advance(Duration::seconds(61));
    let (_, recounted) = fiona.page("/staff/dashboard").await;
    assert_eq!(open(&recounted), (before + 2).to_string());
}
