//! "May change" for every state-changing request Doorstep has: each server function and each
//! plain upload or form route, posted by every kind of caller who may not use it on someone
//! else's objects (a stranger, another resident, an advocate without that permission, each
//! colleague whose role does not include it). Each answer is a refusal and no row changes in any
//! table. A check keeps the list whole: a new server function that is not classified here fails.

use crate::common::{
    location, person_on, scalar, spawn_app_with_everything, text, Engine, TestApp,
};
use app::server::db::demo::DEMO_PASSWORD;
use app::server::db::Db;

on_both_engines!(every_state_changing_request_is_refused_to_everyone_who_may_not_make_it);

/// The callers: signed out, Amira (a tenant, whose objects are the targets), Helen (a resident
/// elsewhere), Priya (an advocate with no permission for Amira), one colleague of each role,
/// Sam (the operative Amira's visit is given to) and Jo (a contractor, whose firm has another
/// job).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    SignedOut,
    Amira,
    Helen,
    Priya,
    CustomerServices,
    RepairsPlanner,
    ComplaintsHandler,
    Manager,
    Administrator,
    Operative,
    Contractor,
}

use Caller::*;

const CALLERS: [(Caller, Option<&str>); 11] = [
    (SignedOut, None),
    (Amira, Some("amira.hassan@example.org")),
    (Helen, Some("helen.carter@example.org")),
    (Priya, Some("priya.shah@advice.example.org")),
    (CustomerServices, Some("chris.morgan@staff.example.org")),
    (RepairsPlanner, Some("sunita.patel@staff.example.org")),
    (ComplaintsHandler, Some("owen.davies@staff.example.org")),
    (Manager, Some("fiona.reid@staff.example.org")),
    (Administrator, Some("alex.kim@staff.example.org")),
    (Operative, Some("sam.price@staff.example.org")),
    (Contractor, Some("jo.kemp@ashdown.example.com")),
];

/// Everyone signed in, each for their own account.
const SIGNED_IN: [Caller; 10] = [
    Amira,
    Helen,
    Priya,
    CustomerServices,
    RepairsPlanner,
    ComplaintsHandler,
    Manager,
    Administrator,
    Operative,
    Contractor,
];
const STAFF: [Caller; 5] = [
    CustomerServices,
    RepairsPlanner,
    ComplaintsHandler,
    Manager,
    Administrator,
];
const CASE_HANDLERS: [Caller; 4] = [CustomerServices, ComplaintsHandler, Manager, Administrator];
const REPAIRS_STAFF: [Caller; 4] = [CustomerServices, RepairsPlanner, Manager, Administrator];
const DOCUMENTS_STAFF: [Caller; 3] = [CustomerServices, Manager, Administrator];
const NEEDS_STAFF: [Caller; 4] = [CustomerServices, RepairsPlanner, ComplaintsHandler, Manager];

/// Server functions with no caller to refuse: signing in and out, claiming an account, links
/// that prove themselves, the public contact form, and (development mode only, as these tests
/// run) sending the week's visit reminders now. Their own tests cover them.
const OPEN_TO_ALL: [&str; 12] = [
    "/api/dev/send-reminders",
    "/api/visit-link/change",
    "/api/visit-link/cancel",
    "/api/account/claim",
    "/api/account/confirm",
    "/api/account/reset",
    "/api/account/new-password",
    "/api/account/confirm-email",
    "/api/invitation/accept",
    "/api/contact/send",
    "/api/session/sign-in",
    "/api/session/sign-out",
];

/// One state-changing request: its form, and who may make it on these objects.
struct Change {
    path: &'static str,
    form: Vec<(&'static str, String)>,
    may: Vec<Caller>,
    /// A multipart upload rather than a urlencoded form.
    upload: bool,
}

fn change(path: &'static str, form: &[(&'static str, &str)], may: &[Caller]) -> Change {
    Change {
        path,
        form: form.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        may: may.to_vec(),
        upload: false,
    }
}

/// Everything in every table that a request could change (not sessions, throttles, the audit
/// trail or migrations, which refusals and sign-ins write to by design), as one text per table.
async fn snapshot(db: &Db) -> Vec<(String, String)> {
    const SKIP: [&str; 8] = [
        "sessions",
        "audit_events",
        "address_throttles",
        "sign_in_throttles",
        "claim_throttles",
        "trusted_devices",
        "document_visits",
        "_sqlx_migrations",
    ];
    let mut out = Vec::new();
    match db {
        Db::Sqlite(pool) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
                 order by name",
            )
            .fetch_all(pool)
            .await
            .expect("tables");
            for table in tables.into_iter().filter(|t| !SKIP.contains(&t.as_str())) {
                let columns: Vec<String> =
                    sqlx::query_scalar(&format!("select name from pragma_table_info('{table}')"))
                        .fetch_all(pool)
                        .await
                        .expect("columns");
                let row = columns
                    .iter()
                    .map(|c| format!("quote(\"{c}\")"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                let all: Option<String> = sqlx::query_scalar(&format!(
                    "select group_concat(r, char(10)) from (select {row} as r from \"{table}\" order by rowid)"
                ))
                .fetch_one(pool)
                .await
                .expect("rows");
                out.push((table, all.unwrap_or_default()));
            }
        }
        Db::Postgres(pool) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "select tablename::text from pg_tables where schemaname = 'public' order by tablename",
            )
            .fetch_all(pool)
            .await
            .expect("tables");
            for table in tables.into_iter().filter(|t| !SKIP.contains(&t.as_str())) {
                let all: Option<String> = sqlx::query_scalar(&format!(
                    "select string_agg(t::text, chr(10) order by t::text) from \"{table}\" t"
                ))
                .fetch_one(pool)
                .await
                .expect("rows");
                out.push((table, all.unwrap_or_default()));
            }
        }
    }
    out
}

/// Whether an answer is a refusal: "sign in first", "not found" (how `authz` refuses, the
/// same as for something that does not exist), or an error status.
fn refused(response: &reqwest::Response) -> bool {
    let to = location(response);
    let status = response.status();
    to.starts_with("/sign-in") || to.starts_with("/problem/not-found") || status.is_client_error()
}

async fn post(app: &TestApp, change: &Change) -> reqwest::Response {
    if change.upload {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in &change.form {
            form = form.text(*k, v.clone());
        }
        let file = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec())
            .file_name("file.pdf")
            .mime_str("application/pdf")
            .expect("mime");
        let field = if change.path.contains("photos") {
            "photo"
        } else {
            "file"
        };
        form = form.part(field, file);
        return app
            .client
            .post(format!("{}{}", app.base, change.path))
            .header(reqwest::header::ORIGIN, &app.base)
            .header(reqwest::header::ACCEPT, "text/html")
            .multipart(form)
            .send()
            .await
            .expect("upload");
    }
    let form: Vec<(&str, &str)> = change.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(change.path, &form).await
}

async fn every_state_changing_request_is_refused_to_everyone_who_may_not_make_it(engine: Engine) {
    let Some(app) = spawn_app_with_everything(engine).await else {
        return;
    };
    let db = &app.state.db;
    // Amira's objects: her booked repair, her question (a case), her home, a permission she gave
    // and an invitation she sent; the people and things colleagues act on.
    let amira = person_on(&app, "TEN-100001").await;
    let repair = text(
        &app,
        &format!("select reference from repairs where reported_by_person_id = {amira}"),
    )
    .await
    .expect("Amira's repair");
    let case = text(
        &app,
        &format!("select reference from cases where person_id = {amira}"),
    )
    .await
    .expect("Amira's question");
    let priya = scalar(
        &app,
        "select id from accounts where email = 'priya.shah@advice.example.org'",
    )
    .await;
    let grant = app::server::db::cases::grant_permission(
        db,
        priya,
        amira,
        "documents",
        None,
        None,
        None,
        chrono::Utc::now(),
    )
    .await
    .expect("a permission Amira gave");
    // Priya's documents permission is for Amira: she may read her documents, nothing else.
    let owner = app.another_browser();
    crate::common::signed_in(&owner, "amira.hassan@example.org").await;
    owner
        .post_form(
            "/api/account/invite",
            &[
                ("name", "Sam Carter"),
                ("email", "sam.carter@example.net"),
                ("relationship", "advice"),
                ("scope", "documents"),
            ],
        )
        .await;
    let invitation = scalar(&app, "select max(id) from permission_invitations").await;
    let fire = text(
        &app,
        "select reference from documents where title = 'Fire safety instructions, Alder Court'",
    )
    .await
    .expect("fire safety instructions");
    let statement = text(
        &app,
        "select reference from service_charge_statements where published_at is null",
    )
    .await
    .unwrap_or_else(|| "SC-000000".to_owned());
    let home = scalar(
        &app,
        "select home_id from tenancies where reference = 'TEN-100001'",
    )
    .await;
    let alex = scalar(
        &app,
        "select id from accounts where email = 'chris.morgan@staff.example.org'",
    )
    .await;
    let team = scalar(&app, "select min(id) from teams").await;
    let (amira_s, grant_s, invitation_s, alex_s, team_s) = (
        amira.to_string(),
        grant.to_string(),
        invitation.to_string(),
        alex.to_string(),
        team.to_string(),
    );
    let recipient = format!("{amira}:{home}");
    // Amira's visit today, given to Sam (the demo's).
    let visit = scalar(
        &app,
        &format!(
            "select a.id from appointments a join repairs r on r.id = a.repair_id
             where r.reference = '{repair}' and a.status = 'booked'"
        ),
    )
    .await
    .to_string();
    let outcome_path: &'static str = Box::leak(format!("/visits/{visit}/outcome").into_boxed_str());
    let repair_s = repair.as_str();
    let case_s = case.as_str();
    let resident = [Amira, Helen];

    let mut changes = vec![
        // Residents' own account and preferences: every signed-in caller for themselves.
        change(
            "/api/account/change-password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
            &SIGNED_IN,
        ),
        change(
            "/api/account/change-email",
            &[("email", "new@example.net"), ("password", DEMO_PASSWORD)],
            &SIGNED_IN,
        ),
        change("/api/account/sign-out-everywhere", &[], &SIGNED_IN),
        change("/api/messages/read", &[("upto", "1000000")], &resident),
        change(
            "/api/your-data/ask",
            &[
                ("token", "0123456789abcdef0123456789abcdef"),
                ("details", "Everything"),
            ],
            &resident,
        ),
        change(
            "/api/account/invite",
            &[
                ("name", "Kim Lee"),
                ("email", "kim.lee@example.net"),
                ("relationship", "advice"),
                ("scope", "repairs"),
            ],
            &resident,
        ),
        // Amira's own permission and invitation: hers alone to end.
        change(
            "/api/account/withdraw-permission",
            &[("id", &grant_s)],
            &[Amira],
        ),
        change(
            "/api/account/cancel-invitation",
            &[("id", &invitation_s)],
            &[Amira],
        ),
        change("/api/documents/received", &[("reference", &fire)], &[Amira]),
        // A report for a resident: colleagues who record repairs, and an advocate whose
        // permission covers repairs (Priya's for Amira covers documents only).
        change(
            "/api/repairs/for",
            &[
                ("person", &amira_s),
                ("channel", "phone"),
                ("told_date", "2026-01-05"),
                ("told_time", "10:00"),
            ],
            &REPAIRS_STAFF,
        ),
        // Reporting a repair: residents, for their own home.
        change(
            "/api/repairs/emergency",
            &[("emergency", "none")],
            &resident,
        ),
        change(
            "/api/repairs/answer",
            &[("at", "0"), ("answer", "0")],
            &resident,
        ),
        change("/api/repairs/area", &[("area", "1")], &resident),
        change("/api/repairs/follow", &[("reference", repair_s)], &resident),
        change(
            "/api/repairs/describe",
            &[("description", "Dripping")],
            &resident,
        ),
        change("/api/repairs/remove-photo", &[("photo", "1")], &resident),
        change(
            "/api/repairs/access",
            &[
                ("access_times", "Any time"),
                ("pets", "None"),
                ("key_safe", "no"),
                ("contact_phone", "07700 900 123"),
            ],
            &resident,
        ),
        change(
            "/api/repairs/send",
            &[("token", "0123456789abcdef0123456789abcdef")],
            &resident,
        ),
        // Amira's booked repair: its visit is hers and repairs staff's; whether it is fixed and
        // how it went are hers alone.
        change(
            "/api/repairs/book",
            &[("reference", repair_s), ("slot", "2030-01-07_morning")],
            &[
                Amira,
                CustomerServices,
                RepairsPlanner,
                Manager,
                Administrator,
            ],
        ),
        change(
            "/api/repairs/cancel-visit",
            &[("reference", repair_s), ("reason", "not_in")],
            &[
                Amira,
                CustomerServices,
                RepairsPlanner,
                Manager,
                Administrator,
            ],
        ),
        change(
            "/api/repairs/fixed",
            &[("reference", repair_s), ("fixed", "no")],
            &[Amira],
        ),
        // Her visit's steps: the operative it is given to, and the office; not a contractor,
        // another operative or the resident.
        change(
            "/api/visits/on-my-way",
            &[("id", &visit), ("travel", "10")],
            &[
                Operative,
                CustomerServices,
                RepairsPlanner,
                Manager,
                Administrator,
            ],
        ),
        change(
            "/api/visits/arrived",
            &[("id", &visit)],
            &[
                Operative,
                CustomerServices,
                RepairsPlanner,
                Manager,
                Administrator,
            ],
        ),
        change(
            outcome_path,
            &[("outcome", "completed")],
            &[
                Operative,
                CustomerServices,
                RepairsPlanner,
                Manager,
                Administrator,
            ],
        ),
        change(
            "/api/repairs/rate",
            &[("reference", repair_s), ("rating", "1")],
            &[Amira],
        ),
        // Cases: residents and advocates write them; Amira's question is hers to answer.
        change(
            "/api/cases/answer",
            &[("kind", "complaint"), ("field", "what"), ("value", "Noise")],
            &[Amira, Helen, Priya],
        ),
        change(
            "/api/cases/send",
            &[
                ("kind", "complaint"),
                ("token", "0123456789abcdef0123456789abcdef"),
            ],
            &[Amira, Helen, Priya],
        ),
        change(
            "/api/cases/reply",
            &[("reference", case_s), ("message", "Any news?")],
            &[Amira],
        ),
        change("/api/cases/escalate", &[("reference", case_s)], &[Amira]),
    ];
    // Colleagues' work, by role.
    changes.extend([
        change(
            "/api/staff/case-acknowledge",
            &[
                ("reference", case_s),
                ("understanding", "A fob"),
                ("outcome", "A fob"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-assign",
            &[("reference", case_s), ("owner", alex_s.as_str())],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-team",
            &[("reference", case_s), ("team", "1")],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-complex",
            &[("reference", case_s), ("reason", "Needs a solicitor")],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-respond",
            &[
                ("reference", case_s),
                ("decision", "upheld"),
                ("points", "All of it"),
                ("reasons", "Because"),
                ("remedy", "A fob"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-extend",
            &[
                ("reference", case_s),
                ("extend_date_day", "1"),
                ("extend_date_month", "1"),
                ("extend_date_year", "2030"),
                ("reason", "Waiting for a contractor"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-decline",
            &[
                ("reference", case_s),
                ("reason", "legal"),
                ("explanation", "No"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-pass-on",
            &[("reference", case_s), ("colleague", alex_s.as_str())],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-note",
            &[
                ("reference", case_s),
                ("note", "Called her"),
                ("visible", "yes"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-add-action",
            &[
                ("reference", case_s),
                ("description", "Order a fob"),
                ("action_date_day", "1"),
                ("action_date_month", "1"),
                ("action_date_year", "2030"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-action-done",
            &[("reference", case_s), ("action", "1")],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/case-record",
            &[
                ("kind", "complaint"),
                ("tenancy", "TEN-100001"),
                ("channel", "phone"),
                ("received", "today"),
                ("what", "Noise"),
                ("outcome", "Quiet"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/repair-action",
            &[("reference", repair_s), ("action", "complete")],
            &REPAIRS_STAFF,
        ),
        change(
            "/api/staff/repair-on-the-way",
            &[("reference", repair_s), ("from", "10am"), ("until", "11am")],
            &REPAIRS_STAFF,
        ),
        change(
            "/api/staff/documents/withdraw",
            &[("reference", fire.as_str()), ("reason", "Out of date")],
            &DOCUMENTS_STAFF,
        ),
        change(
            "/api/staff/documents/safety-given",
            &[
                ("recipient", recipient.as_str()),
                ("how", "letter"),
                ("given_day", "1"),
                ("given_month", "12"),
                ("given_year", "2026"),
            ],
            &DOCUMENTS_STAFF,
        ),
        change(
            "/api/staff/service-charges/publish",
            &[("reference", statement.as_str())],
            &[Manager, Administrator],
        ),
        change("/api/staff/letter-posted", &[("id", "1")], &DOCUMENTS_STAFF),
        change(
            "/api/staff/withdraw-permission",
            &[("person", amira_s.as_str()), ("id", grant_s.as_str())],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/vulnerability",
            &[
                ("person", amira_s.as_str()),
                ("description", "Recent bereavement"),
                ("consent", "yes"),
                ("agreed", "yes"),
            ],
            &NEEDS_STAFF,
        ),
        change(
            "/api/staff/vulnerability-remove",
            &[("person", amira_s.as_str()), ("id", "1")],
            &NEEDS_STAFF,
        ),
        change(
            "/api/staff/contact-task-done",
            &[("task", "1"), ("outcome", "Phoned")],
            &STAFF,
        ),
        change(
            "/api/staff/subject-access/step",
            &[
                ("reference", "SAR-000000"),
                ("step", "identity"),
                ("text", "Seen"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/staff/subject-access/record",
            &[
                ("person", amira_s.as_str()),
                ("token", "0123456789abcdef0123456789abcdef"),
                ("channel", "letter"),
                ("received", "today"),
                ("identity", "confirmed"),
                ("details", "Everything"),
            ],
            &CASE_HANDLERS,
        ),
        change(
            "/api/admin/staff/create",
            &[
                ("name", "Nia Roberts"),
                ("email", "nia@staff.example.org"),
                ("role", "manager"),
            ],
            &[Administrator],
        ),
        change(
            "/api/admin/firms/create",
            &[("name", "Brook Roofing"), ("phone", "0115 496 0999")],
            &[Administrator],
        ),
        change(
            "/api/admin/staff/change",
            &[
                ("id", alex_s.as_str()),
                ("role", "administrator"),
                ("disabled", ""),
            ],
            &[Administrator],
        ),
        change(
            "/api/admin/teams/create",
            &[("name", "Tenancy sustainment")],
            &[Administrator],
        ),
        change(
            "/api/admin/teams/add",
            &[("team", team_s.as_str()), ("account", alex_s.as_str())],
            &[Administrator],
        ),
        change(
            "/api/admin/teams/member",
            &[
                ("team", team_s.as_str()),
                ("account", alex_s.as_str()),
                ("change", "manager"),
            ],
            &[Administrator],
        ),
        change(
            "/api/admin/teams/route",
            &[("kind", "complaint"), ("team", team_s.as_str())],
            &[Administrator],
        ),
    ]);
    // The plain routes that change state: uploads and the contact preferences form.
    type Route = (&'static str, Vec<(&'static str, String)>, Vec<Caller>);
    let uploads: [Route; 5] = [
        ("/repairs/report/photos/upload", vec![], resident.to_vec()),
        (
            "/staff/documents/upload",
            vec![
                ("token", "0123456789abcdef0123456789abcdef".into()),
                ("title", "A notice".into()),
                ("category", "notice".into()),
                ("audience", "everyone".into()),
            ],
            DOCUMENTS_STAFF.to_vec(),
        ),
        (
            "/staff/service-charges/import",
            vec![],
            vec![Manager, Administrator],
        ),
        (
            "/staff/residents/{amira}/permissions",
            vec![
                ("advocate_name", "Kim Lee".into()),
                ("advocate_email", "kim.lee@example.net".into()),
                ("scope", "everything".into()),
                ("given_by", "paper".into()),
            ],
            CASE_HANDLERS.to_vec(),
        ),
        (
            "/account/contact/save",
            vec![("channel", "email".into())],
            resident.to_vec(),
        ),
    ];
    let permission_path: &'static str =
        Box::leak(format!("/staff/residents/{amira}/permissions").into_boxed_str());
    for (path, form, may) in uploads {
        let path = if path.contains("{amira}") {
            permission_path
        } else {
            path
        };
        changes.push(Change {
            path,
            form,
            may,
            upload: path != "/account/contact/save",
        });
    }

    // The list is whole: every server function is either open to all or listed above.
    let listed: Vec<&str> = changes.iter().map(|c| c.path).chain(OPEN_TO_ALL).collect();
    let mut unlisted = Vec::new();
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        let reads =
            path.ends_with("-form") || method == reqwest::Method::GET || READS.contains(&path);
        if !reads && !listed.contains(&path) {
            unlisted.push(path);
        }
    }
    assert!(
        unlisted.is_empty(),
        "server functions not classified: {unlisted:?}"
    );

    let mut browsers = Vec::new();
    for (caller, email) in CALLERS {
        let browser = app.another_browser();
        if let Some(email) = email {
            crate::common::signed_in(&browser, email).await;
        }
        browsers.push((caller, browser));
    }
    let before = snapshot(db).await;
    let filled = before.iter().filter(|(_, rows)| !rows.is_empty()).count();
    assert!(filled > 20, "the snapshot sees the demo in {filled} tables");
    let mut tried = 0;
    for change in &changes {
        for (caller, browser) in &browsers {
            if change.may.contains(caller) {
                continue;
            }
            let response = post(browser, change).await;
            assert!(
                refused(&response),
                "{caller:?} {} answered {} {}",
                change.path,
                response.status(),
                location(&response)
            );
            let after = snapshot(db).await;
            for ((table, was), (_, now)) in before.iter().zip(&after) {
                assert_eq!(was, now, "{caller:?} {} changed {table}", change.path);
            }
            tried += 1;
        }
    }
    assert!(tried > 250, "{tried} refusals tried");
}

/// Server functions that only read (their names say so: `get_...`, `find_...`), by path.
const READS: [&str; 70] = [
    "/api/admin/firms",
    "/api/visits/figures",
    "/api/visit-link",
    "/api/visits",
    "/api/visits/one",
    "/api/account/claim-form",
    "/api/account/link",
    "/api/account/new-password-form",
    "/api/account/people",
    "/api/account/reset-form",
    "/api/account/yours",
    "/api/admin/audit",
    "/api/admin/staff",
    "/api/admin/teams",
    "/api/cases/check",
    "/api/cases/home",
    "/api/cases/page",
    "/api/cases/question",
    "/api/contact/form",
    "/api/contact/sent",
    "/api/dev/mailbox",
    "/api/documents/statement",
    "/api/documents/yours",
    "/api/form-errors",
    "/api/home/yours",
    "/api/how-we-are-doing",
    "/api/invitation",
    "/api/messages",
    "/api/preferences/form",
    "/api/repairs/access-form",
    "/api/repairs/check",
    "/api/repairs/communal",
    "/api/repairs/describe-form",
    "/api/repairs/emergency-page",
    "/api/repairs/for-page",
    "/api/repairs/job",
    "/api/repairs/job-page",
    "/api/repairs/not-ours",
    "/api/repairs/photos",
    "/api/repairs/question",
    "/api/repairs/slots",
    "/api/repairs/start",
    "/api/repairs/yours",
    "/api/session/current",
    "/api/session/form",
    "/api/staff/case",
    "/api/staff/case-record-form",
    "/api/staff/cases",
    "/api/staff/complaints-report",
    "/api/staff/contact-tasks",
    "/api/staff/dashboard",
    "/api/staff/dashboard-list",
    "/api/staff/documents",
    "/api/staff/documents/one",
    "/api/staff/documents/safety",
    "/api/staff/documents/upload-form",
    "/api/staff/letters",
    "/api/staff/repair-form",
    "/api/staff/repair-page",
    "/api/staff/repairs",
    "/api/staff/resident",
    "/api/staff/residents",
    "/api/staff/service-charges",
    "/api/staff/service-charges/one",
    "/api/staff/subject-access",
    "/api/staff/subject-access/request",
    "/api/staff/work",
    "/api/your-data/all",
    "/api/your-data/request",
    "/api/your-data/start",
];
