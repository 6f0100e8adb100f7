//! Documents and service charges through the real server, on SQLite and PostgreSQL: who may
//! download what (home, block, estate, tenure, advocates, versions, withdrawals), uploads
//! checked by their bytes, statements shared to the penny and read line by line, CSV imports
//! that are all or nothing, and the yearly fire safety instructions.

use crate::common::{
    as_other, hidden_value, location, scalar, signed_in, spawn_app, text, Engine, TestApp,
};
use chrono::Utc;
use reqwest::StatusCode;

on_both_engines!(
    an_advocate_with_a_complaints_permission_cannot_quote_a_service_charge_line,
    the_access_matrix_holds_for_every_kind_of_reader,
    uploads_are_checked_by_their_bytes_and_stored_once,
    statements_add_up_to_the_penny_and_residents_read_them_line_by_line,
    a_csv_import_is_all_or_nothing_and_publishing_is_final,
    the_yearly_safety_list_shows_who_has_not_had_the_instructions,
    residents_are_told_of_what_is_published_for_them_and_letters_wait_to_be_posted,
    a_download_whose_file_is_missing_shows_the_unavailable_page_with_the_phone_numbers,
    documents_stream_to_and_from_an_s3_compatible_store,
);

const AMIRA: &str = "amira.hassan@example.org"; // tenant, Flat 1, Alder Court
const TOM: &str = "tom.bennett@example.org"; // shared owner, Flat 9, Alder Court
const HELEN: &str = "helen.carter@example.org"; // leaseholder, 5 Willow Row (no block)
const MARGARET: &str = "margaret.lewis@example.org";
const ADVOCATE: &str = "priya.shah@advice.example.org";
const SERVICES: &str = "chris.morgan@staff.example.org";
const PLANNER: &str = "sunita.patel@staff.example.org";
const MANAGER: &str = "fiona.reid@staff.example.org";

async fn seeded(engine: Engine) -> Option<TestApp> {
    let app = spawn_app(engine).await?;
    let now = Utc::now();
    app::server::documents::seed_demo_documents(&app.state, now)
        .await
        .expect("demo documents");
    app::server::service_charges::seed_demo_service_charges(&app.state, now)
        .await
        .expect("demo statements");
    Some(app)
}

/// The reference of the current document with this title.
async fn doc(app: &TestApp, title: &str) -> String {
    text(
        app,
        &format!(
            "select reference from documents where title = '{title}' order by id desc limit 1"
        ),
    )
    .await
    .unwrap_or_else(|| panic!("no document {title}"))
}

async fn download_status(app: &TestApp, reference: &str, query: &str) -> StatusCode {
    app.get(&format!("/documents/{reference}/file{query}"))
        .await
        .status()
}

async fn person(app: &TestApp, tenancy: &str) -> i64 {
    app::server::db::repairs::person_on_tenancy(&app.state.db, tenancy)
        .await
        .expect("read")
        .expect("person")
}

async fn the_access_matrix_holds_for_every_kind_of_reader(engine: Engine) {
    let Some(app) = seeded(engine).await else {
        return;
    };
    let fra = doc(&app, "Fire risk assessment 2026, Alder Court").await;
    let old_fra = doc(&app, "Fire risk assessment 2025, Alder Court").await;
    let amira_agreement = doc(&app, "Tenancy agreement TEN-100001").await;
    let margaret_agreement = doc(&app, "Tenancy agreement TEN-100003").await;
    let tom_lease = doc(&app, "Lease LSE-200009").await;
    let helen_lease = doc(&app, "Lease LSE-300005").await;
    let owners_letter = doc(
        &app,
        "Service charge estimate letter, April 2026 to March 2027",
    )
    .await;
    let schedule = doc(&app, "Millbrook estate grounds maintenance schedule").await;
    let amira_gas = doc(&app, "Gas safety record, Flat 1, Alder Court").await;
    let other_gas = doc(&app, "Gas safety record, Flat 2, Alder Court").await;

    // Signed out: sent to sign in, and nothing is given away.
    let response = app.get(&format!("/documents/{fra}/file")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/sign-in?next="));

    // A tenant in the block: their own tenancy's and home's, the block's and the estate's;
    // never another home's, an owners-only letter, or a replaced version.
    let amira = as_other(&app, AMIRA).await;
    let response = amira.get(&format!("/documents/{fra}/file")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["cache-control"]
        .to_str()
        .expect("ascii")
        .contains("no-store"));
    let disposition = headers["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    assert!(response.bytes().await.expect("body").starts_with(b"%PDF-"));
    for allowed in [&amira_agreement, &amira_gas, &schedule] {
        assert_eq!(
            download_status(&amira, allowed, "").await,
            StatusCode::OK,
            "{allowed}"
        );
    }
    for refused in [
        &tom_lease,
        &owners_letter,
        &other_gas,
        &old_fra,
        &helen_lease,
        &margaret_agreement,
    ] {
        assert_eq!(
            download_status(&amira, refused, "").await,
            StatusCode::NOT_FOUND,
            "{refused}"
        );
    }
    assert_eq!(
        download_status(&amira, "DC-ZZZZZZ", "").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        download_status(&amira, "../../etc", "").await,
        StatusCode::NOT_FOUND
    );

    // A shared owner in the same block: their lease and the owners' letter, not tenants' papers.
    let tom = as_other(&app, TOM).await;
    for allowed in [&tom_lease, &owners_letter, &fra, &schedule] {
        assert_eq!(
            download_status(&tom, allowed, "").await,
            StatusCode::OK,
            "{allowed}"
        );
    }
    for refused in [&amira_agreement, &amira_gas, &helen_lease] {
        assert_eq!(
            download_status(&tom, refused, "").await,
            StatusCode::NOT_FOUND,
            "{refused}"
        );
    }

    // A leaseholder in a house on the estate: the estate's, not the block's.
    let helen = as_other(&app, HELEN).await;
    assert_eq!(
        download_status(&helen, &helen_lease, "").await,
        StatusCode::OK
    );
    assert_eq!(download_status(&helen, &schedule, "").await, StatusCode::OK);
    assert_eq!(
        download_status(&helen, &fra, "").await,
        StatusCode::NOT_FOUND
    );
    let (_, page) = helen.page("/documents").await;
    assert!(page.contains("Millbrook estate (your estate)"), "{page}");
    assert!(!page.contains("Alder Court (your building)"));

    // The advocate, with Margaret's documents permission: Margaret's, recorded as for her.
    let margaret_id = person(&app, "TEN-100003").await;
    let priya = as_other(&app, ADVOCATE).await;
    let (status, page) = priya.page("/documents").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Documents for Margaret Lewis"), "{page}");
    let (status, page) = priya.page(&format!("/documents?for={margaret_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Acting for Margaret Lewis"));
    assert!(page.contains("Tenancy agreement TEN-100003"));
    assert!(!page.contains("TEN-100001"));
    assert_eq!(
        download_status(&priya, &margaret_agreement, "").await,
        StatusCode::OK
    );
    assert_eq!(
        download_status(&priya, &margaret_agreement, &format!("?for={margaret_id}")).await,
        StatusCode::OK
    );
    assert_eq!(
        download_status(&priya, &amira_agreement, "").await,
        StatusCode::NOT_FOUND
    );
    let amira_id = person(&app, "TEN-100001").await;
    let (status, _) = priya.page(&format!("/documents?for={amira_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        scalar(
            &app,
            &format!(
                "select count(*) from document_downloads d join documents x on x.id = d.document_id
                 where x.reference = '{margaret_agreement}' and d.on_behalf_of_person_id = {margaret_id}"
            ),
        )
        .await,
        2
    );
    // Her complaints permission alone does not reach documents: withdraw the documents one.
    app.execute(
        "update advocate_permissions set withdrawn_at = created_at where scope = 'documents'",
    )
    .await;
    assert_eq!(
        download_status(&priya, &margaret_agreement, "").await,
        StatusCode::NOT_FOUND
    );
    let (status, _) = priya.page(&format!("/documents?for={margaret_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // An expired permission is no better.
    app.execute(
        "update advocate_permissions set withdrawn_at = null, ends_on = '2020-01-01' where scope = 'documents'",
    )
    .await;
    assert_eq!(
        download_status(&priya, &margaret_agreement, "").await,
        StatusCode::NOT_FOUND
    );
    let margaret = as_other(&app, MARGARET).await;
    assert_eq!(
        download_status(&margaret, &margaret_agreement, "").await,
        StatusCode::OK
    );

    // Staff see every version; a withdrawn document is gone for residents at once.
    let chris = as_other(&app, SERVICES).await;
    assert_eq!(download_status(&chris, &old_fra, "").await, StatusCode::OK);
    let (_, page) = chris.page(&format!("/staff/documents/{fra}")).await;
    let response = chris
        .post_form(
            "/api/staff/documents/withdraw",
            &[("reference", &fra), ("reason", "")],
        )
        .await;
    assert_eq!(location(&response), format!("/staff/documents/{fra}"));
    assert!(page.contains("Earlier versions"), "{page}");
    let (_, page) = chris.page(&format!("/staff/documents/{fra}")).await;
    assert!(page.contains("Say why it is withdrawn"), "{page}");
    assert_eq!(download_status(&amira, &fra, "").await, StatusCode::OK);
    chris
        .post_form(
            "/api/staff/documents/withdraw",
            &[
                ("reference", &fra),
                ("reason", "Issued for the wrong block"),
            ],
        )
        .await;
    assert_eq!(
        download_status(&amira, &fra, "").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(download_status(&tom, &fra, "").await, StatusCode::NOT_FOUND);
    assert_eq!(download_status(&chris, &fra, "").await, StatusCode::OK);
    let (_, page) = amira.page("/documents").await;
    assert!(!page.contains("Fire risk assessment 2026"));
    assert_eq!(
        scalar(
            &app,
            "select count(*) from audit_events where action = 'document_withdrawn'"
        )
        .await,
        1
    );
    // A repairs planner reads documents but does not manage them.
    let sunita = as_other(&app, PLANNER).await;
    assert_eq!(
        download_status(&sunita, &tom_lease, "").await,
        StatusCode::OK
    );
    let response = sunita
        .post_form(
            "/api/staff/documents/withdraw",
            &[("reference", &tom_lease), ("reason", "No")],
        )
        .await;
    assert!(
        location(&response).starts_with("/problem/not-found"),
        "{response:?}"
    );
    assert_eq!(
        text(
            &app,
            &format!("select status from documents where reference = '{tom_lease}'")
        )
        .await,
        Some("current".to_owned())
    );
}

fn pdf(words: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {words}\n%%EOF\n").into_bytes()
}

/// Posts the upload form as a browser does.
async fn upload(
    app: &TestApp,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    form = match file {
        Some((name, bytes)) => form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        ),
        None => form.part(
            "file",
            reqwest::multipart::Part::bytes(Vec::new()).file_name(""),
        ),
    };
    app.client
        .post(format!("{}/staff/documents/upload", app.base))
        .header(reqwest::header::ORIGIN, &app.base)
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

async fn upload_token(app: &TestApp) -> String {
    let (status, page) = app.page("/staff/documents/new").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    hidden_value(&page, "token").expect("token")
}

async fn uploads_are_checked_by_their_bytes_and_stored_once(engine: Engine) {
    let Some(app) = seeded(engine).await else {
        return;
    };
    let block = scalar(&app, "select id from blocks").await.to_string();
    let place = format!("block:{block}");
    signed_in(&app, SERVICES).await;
    let count = || scalar(&app, "select count(*) from documents");
    let before = count().await;
    let token = upload_token(&app).await;
    let fields = |token: &str| -> Vec<(String, String)> {
        [
            ("token", token),
            ("category", "lift_inspection"),
            ("title", "Lift inspection report, November 2026"),
            ("place", &place),
            ("audience", "everyone"),
            ("effective_day", "20"),
            ("effective_month", "11"),
            ("effective_year", "2026"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let owned = fields(&token);
    let as_refs: Vec<(&str, &str)> = owned
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();

    // A web page named like a PDF is refused by its bytes.
    let response = upload(
        &app,
        &as_refs,
        Some((
            "lift.pdf",
            b"<html><script>alert(1)</script></html>".to_vec(),
        )),
    )
    .await;
    assert_eq!(location(&response), "/staff/documents/new");
    let (_, page) = app.page("/staff/documents/new").await;
    assert!(
        page.contains("The file must be a PDF, JPEG or PNG"),
        "{page}"
    );
    assert!(
        page.contains("Lift inspection report, November 2026"),
        "values kept: {page}"
    );
    // Too big, just over 25 MB.
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(25 * 1024 * 1024 + 1, b' ');
    upload(&app, &as_refs, Some(("big.pdf", big))).await;
    let (_, page) = app.page("/staff/documents/new").await;
    assert!(
        page.contains("The file must be smaller than 25 MB"),
        "{page}"
    );
    // No file at all.
    upload(&app, &as_refs, None).await;
    let (_, page) = app.page("/staff/documents/new").await;
    assert!(page.contains("Choose the file to upload"), "{page}");
    assert_eq!(count().await, before, "nothing stored");

    // A good file with a wrong date: the file is kept for the next try.
    let mut wrong = as_refs.clone();
    wrong.retain(|(k, _)| *k != "effective_day");
    wrong.push(("effective_day", "31"));
    wrong.retain(|(k, _)| *k != "effective_month");
    wrong.push(("effective_month", "2"));
    upload(
        &app,
        &wrong,
        Some(("..\\..\\windows\\lift: report?.pdf", pdf("lift"))),
    )
    .await;
    let (_, page) = app.page("/staff/documents/new").await;
    assert!(page.contains("must be a real date"), "{page}");
    assert!(page.contains("File chosen: lift-report.pdf"), "{page}");
    assert_eq!(count().await, before);
    // Put right, without choosing the file again; then pressed twice.
    let response = upload(&app, &as_refs, None).await;
    let to = location(&response);
    let reference = to
        .strip_prefix("/staff/documents/")
        .expect("to the document")
        .to_owned();
    let again = upload(&app, &as_refs, Some(("lift.pdf", pdf("again")))).await;
    assert_eq!(
        location(&again),
        to,
        "the second press lands on the same document"
    );
    assert_eq!(count().await, before + 1);
    let key = text(
        &app,
        &format!("select storage_key from documents where reference = '{reference}'"),
    )
    .await
    .expect("key");
    assert!(
        app::server::tokens::is_submission_token(key.trim_end_matches(".pdf")),
        "{key}"
    );
    let (_, page) = app.page(&to).await;
    assert!(page.contains("Document uploaded"), "{page}");
    let response = app.get(&format!("/documents/{reference}/file")).await;
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"lift-report.pdf\""
    );
    assert_eq!(
        response.bytes().await.expect("body").as_ref(),
        pdf("lift").as_slice()
    );

    // A resident in the block sees it, marked new since their last visit.
    let amira = as_other(&app, AMIRA).await;
    amira.page("/documents").await; // the first visit
    let (page_status, page) = amira.page("/documents").await;
    assert_eq!(page_status, StatusCode::OK);
    assert!(page.contains("Nothing new since you last looked"), "{page}");

    // A new version replaces it for residents; the old one is kept, superseded.
    let (_, page) = app.page(&to).await;
    let replace_token = hidden_value(&page, "token").expect("replace token");
    let response = upload(
        &app,
        &[
            ("token", &replace_token),
            ("replaces", &reference),
            ("title", "Lift inspection report, November 2026 (corrected)"),
            ("audience", "everyone"),
            ("effective_day", "21"),
            ("effective_month", "11"),
            ("effective_year", "2026"),
        ],
        Some(("corrected.png", png_header(1240, 1754))),
    )
    .await;
    let newer = location(&response)
        .strip_prefix("/staff/documents/")
        .expect("newer")
        .to_owned();
    assert_ne!(newer, reference);
    assert_eq!(
        text(
            &app,
            &format!("select status from documents where reference = '{reference}'")
        )
        .await,
        Some("superseded".to_owned())
    );
    assert_eq!(
        scalar(
            &app,
            &format!("select version from documents where reference = '{newer}'")
        )
        .await,
        2
    );
    assert_eq!(
        download_status(&amira, &reference, "").await,
        StatusCode::NOT_FOUND
    );
    let response = amira.get(&format!("/documents/{newer}/file")).await;
    assert_eq!(response.headers()["content-type"], "image/png");
    let (_, page) = amira.page("/documents").await;
    assert!(
        page.contains("1 document is new since you last looked"),
        "{page}"
    );
    assert!(page.contains("(corrected)"));
    // Replacing the superseded version again is refused.
    let token = upload_token(&app).await;
    upload(
        &app,
        &[
            ("token", &token),
            ("replaces", &reference),
            ("title", "Again"),
            ("audience", "everyone"),
            ("effective_day", "1"),
            ("effective_month", "12"),
            ("effective_year", "2026"),
        ],
        Some(("x.pdf", pdf("x"))),
    )
    .await;
    let (_, page) = app.page(&format!("/staff/documents/{reference}")).await;
    assert!(
        !page.contains("Upload a new version"),
        "only the current version is replaced"
    );
    assert_eq!(count().await, before + 2);
    // One home's document by tenancy reference; an unknown reference is named.
    let token = upload_token(&app).await;
    upload(
        &app,
        &[
            ("token", &token),
            ("category", "letter"),
            ("title", "Your rent review"),
            ("tenancy_reference", "TEN-999999"),
            ("audience", "everyone"),
            ("effective_day", "1"),
            ("effective_month", "4"),
            ("effective_year", "2026"),
        ],
        Some(("rent.pdf", pdf("rent"))),
    )
    .await;
    let (_, page) = app.page("/staff/documents/new").await;
    assert!(
        page.contains("No current tenancy or lease has this reference"),
        "{page}"
    );
    let response = upload(
        &app,
        &[
            ("token", &token),
            ("category", "letter"),
            ("title", "Your rent review"),
            ("tenancy_reference", "ten-100001"),
            ("audience", "everyone"),
            ("effective_day", "1"),
            ("effective_month", "4"),
            ("effective_year", "2026"),
        ],
        None,
    )
    .await;
    let letter = location(&response)
        .strip_prefix("/staff/documents/")
        .expect("letter")
        .to_owned();
    assert_eq!(download_status(&amira, &letter, "").await, StatusCode::OK);
    let tom = as_other(&app, TOM).await;
    assert_eq!(
        download_status(&tom, &letter, "").await,
        StatusCode::NOT_FOUND
    );
    // A repairs planner may not upload.
    let sunita = as_other(&app, PLANNER).await;
    let response = upload(&sunita, &as_refs, Some(("x.pdf", pdf("x")))).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        scalar(&app, "select count(*) from audit_events where action in ('document_uploaded', 'document_replaced')").await,
        3
    );
}

async fn statement(app: &TestApp, place: &str, year: i64, kind: &str) -> String {
    text(
        app,
        &format!(
            "select s.reference from service_charge_statements s
             left join blocks b on b.id = s.block_id left join estates e on e.id = s.estate_id
             where coalesce(b.name, e.name) = '{place}' and s.year_start = {year} and s.kind = '{kind}'"
        ),
    )
    .await
    .expect("statement")
}

async fn statements_add_up_to_the_penny_and_residents_read_them_line_by_line(engine: Engine) {
    let Some(app) = seeded(engine).await else {
        return;
    };
    // Every line's shares add up to the line exactly.
    assert_eq!(
        scalar(
            &app,
            "select count(*) from service_charge_lines l
             where l.amount_pence <> (select cast(coalesce(sum(s.amount_pence), 0) as bigint) from service_charge_shares s
                                      where s.statement_id = l.statement_id and s.position = l.position)",
        )
        .await,
        0
    );
    let estimate = statement(&app, "Alder Court", 2026, "estimate").await;
    let account = statement(&app, "Alder Court", 2025, "actual").await;
    let draft = statement(&app, "Alder Court", 2027, "estimate").await;
    let estate = statement(&app, "Millbrook estate", 2026, "estimate").await;

    let tom = as_other(&app, TOM).await;
    let (_, list) = tom.page("/documents").await;
    assert!(list.contains("Service charges"), "{list}");
    assert!(list.contains(&format!("/documents/service-charges/{estimate}")));
    assert!(!list.contains(&draft), "a draft is not shown");
    let (status, page) = tom
        .page(&format!("/documents/service-charges/{estimate}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    // The list gives the same share as the statement's own page adds up, line by line.
    let total = page
        .split("<dt class=\"summary-key\">Your share</dt>")
        .nth(1)
        .and_then(|rest| rest.split("</span>").next())
        .and_then(|dd| dd.rsplit('>').next())
        .map(|v| v.trim().to_owned())
        .expect("the statement's total share");
    assert!(total.starts_with('£') && total != "£0.00", "{total}");
    let listed = list
        .split(&format!("/documents/service-charges/{estimate}"))
        .nth(1)
        .expect("the estimate in the list");
    assert!(
        listed.contains(&format!("Your share: {total}")),
        "{total} in {listed}"
    );
    assert!(
        page.contains("Service charge estimate for Alder Court"),
        "{page}"
    );
    assert!(
        page.contains("shared by floor area: your home is 68.5 m²"),
        "{page}"
    );
    assert!(
        page.contains("Last year&#x27;s account") || page.contains("Last year's account"),
        "{page}"
    );
    assert!(page.contains("Ask about this line"));
    assert!(page.contains("more") || page.contains("less"));
    // Tom's share of cleaning: £5,408.00 by 5200 of the block's floor area.
    let weights: i64 = scalar(&app, &format!(
        "select cast(sum(h.weight) as bigint) from service_charge_homes h join service_charge_statements s on s.id = h.statement_id where s.reference = '{estimate}'"
    )).await;
    let cleaning = 520_000 * 104 / 100;
    let shares = app::domain::service_charges::apportion(cleaning, &{
        let mut w: Vec<i64> = Vec::new();
        for id in 1..=12 {
            let bedrooms = if id % 3 == 0 { 2 } else { 1 };
            w.push(if bedrooms == 2 { 6850 } else { 5200 });
        }
        w
    })
    .expect("shares");
    assert_eq!(weights, 4 * 6850 + 8 * 5200);
    let tom_cleaning = app::domain::service_charges::money(shares[8]);
    assert!(page.contains(&tom_cleaning), "{tom_cleaning} in {page}");

    // The year-end account against its estimate: a deficit in plain words.
    let (_, page) = tom
        .page(&format!("/documents/service-charges/{account}"))
        .await;
    assert!(page.contains("A deficit of"), "{page}");
    assert!(page.contains("write to you about paying it"));
    // As CSV and as a printable page.
    let response = tom
        .get(&format!("/documents/service-charges/{estimate}/csv"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .starts_with("attachment"));
    let csv = response.text().await.expect("csv");
    assert!(
        csv.starts_with("heading,what it pays for,total cost,your share,"),
        "{csv}"
    );
    assert!(csv.contains("\nCleaning,"), "{csv}");
    assert!(csv.contains(&tom_cleaning.replace(['£', ','], "")), "{csv}");
    let (status, page) = tom
        .page(&format!("/documents/service-charges/{estimate}/print"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<table class=\"table\">") && page.contains("Flat 9, Alder Court"),
        "{page}"
    );

    // Not for the draft, another estate's homes, or the signed out.
    assert_eq!(
        tom.page(&format!("/documents/service-charges/{draft}"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        tom.get(&format!("/documents/service-charges/{draft}/csv"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let helen = as_other(&app, HELEN).await;
    assert_eq!(
        helen
            .page(&format!("/documents/service-charges/{estimate}"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        helen
            .page(&format!("/documents/service-charges/{estate}"))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.another_browser()
            .get(&format!("/documents/service-charges/{estimate}/csv"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );

    // "Ask about this line" opens a question linked to the line, which staff see.
    let (status, page) = tom
        .page(&format!("/cases/new/enquiry/what?about={estimate}-1"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("About the Cleaning line of the service charge estimate for Alder Court"),
        "{page}"
    );
    let response = tom
        .post_form(
            "/api/cases/answer",
            &[
                ("kind", "enquiry"),
                ("field", "what"),
                ("value", "About the Cleaning line: why has it gone up?"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/cases/new/enquiry/check");
    let (_, page) = tom.page("/cases/new/enquiry/check").await;
    let token = hidden_value(&page, "token").expect("token");
    let response = tom
        .post_form("/api/cases/send", &[("kind", "enquiry"), ("token", &token)])
        .await;
    let case = location(&response);
    let case = case
        .strip_prefix("/cases/")
        .and_then(|c| c.split('?').next())
        .expect("case")
        .to_owned();
    assert_eq!(
        text(
            &app,
            &format!("select related_reference from cases where reference = '{case}'")
        )
        .await,
        Some(format!("{estimate}-1"))
    );
    let (_, page) = tom.page(&format!("/cases/{case}")).await;
    assert!(
        page.contains(&format!("/documents/service-charges/{estimate}#line-1")),
        "{page}"
    );
    let fiona = as_other(&app, MANAGER).await;
    let (_, page) = fiona
        .page(&format!("/staff/service-charges/{estimate}"))
        .await;
    assert!(
        page.contains(&case) && page.contains("Tom Bennett asked about Cleaning"),
        "{page}"
    );
    // Helen cannot tie a question to a line that is not hers.
    let (_, page) = helen
        .page(&format!("/cases/new/enquiry/what?about={estimate}-1"))
        .await;
    assert!(!page.contains("About the Cleaning line"), "{page}");
}

/// Posts the import form with a CSV file.
async fn import(app: &TestApp, fields: &[(&str, &str)], csv: &str) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    form = form.part(
        "file",
        reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("charges.csv"),
    );
    app.client
        .post(format!("{}/staff/service-charges/import", app.base))
        .header(reqwest::header::ORIGIN, &app.base)
        .multipart(form)
        .send()
        .await
        .expect("import")
}

async fn a_csv_import_is_all_or_nothing_and_publishing_is_final(engine: Engine) {
    let Some(app) = seeded(engine).await else {
        return;
    };
    let block = format!("block:{}", scalar(&app, "select id from blocks").await);
    signed_in(&app, MANAGER).await;
    let statements = || scalar(&app, "select count(*) from service_charge_statements");
    let before = statements().await;
    let fields = [
        ("place", block.as_str()),
        ("year", "2031"),
        ("kind", "estimate"),
        ("method", "bedrooms"),
    ];
    let bad = "heading,amount,explanation\nCleaning,1200,Stairs\nGardening,100,Hedges\nCleaning,ten,\nDoor entry,50\n";
    let response = import(&app, &fields, bad).await;
    assert_eq!(location(&response), "/staff/service-charges#import");
    let (_, page) = app.page("/staff/service-charges").await;
    for problem in [
        "Row 3, column &quot;heading&quot;: &quot;Gardening&quot; is not a cost heading",
        "Row 4, column &quot;heading&quot;: Cleaning is already on row 2",
        "Row 4, column &quot;amount&quot;: The amount must be in pounds and pence",
        "Row 4, column &quot;explanation&quot;: Explain in plain words",
        "Row 5: This row has 2 values; it needs 3",
    ] {
        let plain = problem.replace("&quot;", "\"");
        assert!(
            page.contains(problem) || page.contains(&plain),
            "{problem} in {page}"
        );
    }
    assert!(page.contains("The file has 5 problems"));
    assert_eq!(statements().await, before, "nothing imported");
    assert_eq!(scalar(&app, "select count(*) from service_charge_lines l join service_charge_statements s on s.id = l.statement_id where s.year_start = 2031").await, 0);
    // Fields checked too, and a fixed percentage needs percentages recorded.
    import(
        &app,
        &[
            ("place", "block:999"),
            ("year", "31"),
            ("kind", "guess"),
            ("method", "percentage"),
        ],
        "heading,amount,explanation\nCleaning,1,Stairs\n",
    )
    .await;
    let (_, page) = app.page("/staff/service-charges").await;
    for message in [
        "Choose the building or estate",
        "Enter the year",
        "Choose whether it is an estimate",
    ] {
        assert!(page.contains(message), "{message}");
    }
    import(
        &app,
        &[
            ("place", &block),
            ("year", "2031"),
            ("kind", "estimate"),
            ("method", "percentage"),
        ],
        "heading,amount,explanation\nCleaning,1,Stairs\n",
    )
    .await;
    let (_, page) = app.page("/staff/service-charges").await;
    assert!(
        page.contains("No home there has a lease percentage recorded"),
        "{page}"
    );

    // A good file: a draft, shared by bedrooms to the penny.
    let good = "heading,amount,explanation\nCleaning,\"1,000.01\",\"Stairs, landings and the bin store\"\nWindow cleaning,99.99,Four times a year\n";
    let response = import(&app, &fields, good).await;
    let to = location(&response);
    let reference = to
        .strip_prefix("/staff/service-charges/")
        .expect("statement")
        .to_owned();
    let (_, page) = app.page(&to).await;
    assert!(
        page.contains("Imported as a draft") && page.contains("Publish statement"),
        "{page}"
    );
    assert_eq!(statements().await, before + 1);
    let sum = |position: i64| {
        let reference = reference.clone();
        let app = &app;
        async move {
            scalar(app, &format!(
                "select cast(coalesce(sum(sh.amount_pence), 0) as bigint) from service_charge_shares sh join service_charge_statements s on s.id = sh.statement_id
                 where s.reference = '{reference}' and sh.position = {position}"
            )).await
        }
    };
    assert_eq!(sum(1).await, 100_001);
    assert_eq!(sum(2).await, 9_999);
    // Flat 3 (2 bedrooms) pays twice what Flat 1 (1 bedroom) pays, to within a penny.
    let share = |flat: &str| {
        let reference = reference.clone();
        let flat = flat.to_owned();
        let app = &app;
        async move {
            scalar(app, &format!(
                "select sh.amount_pence from service_charge_shares sh join service_charge_statements s on s.id = sh.statement_id
                 join homes h on h.id = sh.home_id where s.reference = '{reference}' and sh.position = 1 and h.address_line_1 = '{flat}'"
            )).await
        }
    };
    let (one, three) = (
        share("Flat 1, Alder Court").await,
        share("Flat 3, Alder Court").await,
    );
    assert!((three - 2 * one).abs() <= 2, "{one} and {three}");
    // Residents do not see a draft.
    let tom = as_other(&app, TOM).await;
    assert_eq!(
        tom.page(&format!("/documents/service-charges/{reference}"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // A corrected file replaces the draft in place.
    let corrected = "heading,amount,explanation\nCleaning,1200,Stairs and landings\n";
    let response = import(&app, &fields, corrected).await;
    assert_eq!(location(&response), to);
    assert_eq!(statements().await, before + 1);
    assert_eq!(sum(1).await, 120_000);
    assert_eq!(sum(2).await, 0, "the old second line is gone");
    // A customer services colleague may not import or publish.
    let chris = as_other(&app, SERVICES).await;
    assert_eq!(
        import(&chris, &fields, good).await.status(),
        StatusCode::NOT_FOUND
    );
    let response = chris
        .post_form(
            "/api/staff/service-charges/publish",
            &[("reference", &reference)],
        )
        .await;
    assert!(location(&response).starts_with("/problem/not-found"));
    // Published: Tom sees it; it cannot be replaced.
    let response = app
        .post_form(
            "/api/staff/service-charges/publish",
            &[("reference", &reference)],
        )
        .await;
    assert_eq!(location(&response), to);
    assert_eq!(
        tom.page(&format!("/documents/service-charges/{reference}"))
            .await
            .0,
        StatusCode::OK
    );
    import(&app, &fields, good).await;
    let (_, page) = app.page("/staff/service-charges").await;
    assert!(page.contains("is published already"), "{page}");
    assert_eq!(sum(1).await, 120_000);
    assert_eq!(
        scalar(&app, "select count(*) from audit_events where action in ('service_charges_imported', 'service_charges_published')").await,
        3
    );
}

/// Posts "record them as given" for `recipient` ("person:home").
async fn record_given(
    app: &TestApp,
    recipient: &str,
    how: &str,
    [day, month, year]: [&str; 3],
) -> reqwest::Response {
    app.post_form(
        "/api/staff/documents/safety-given",
        &[
            ("recipient", recipient),
            ("how", how),
            ("given_day", day),
            ("given_month", month),
            ("given_year", year),
        ],
    )
    .await
}

async fn the_yearly_safety_list_shows_who_has_not_had_the_instructions(engine: Engine) {
    let Some(app) = seeded(engine).await else {
        return;
    };
    signed_in(&app, SERVICES).await;
    let (status, page) = app.page("/staff/documents/safety").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    // Thirteen people are named on the twelve flats' tenancies and leases; Amira had them.
    assert!(
        page.contains("12 of 13 have not had them in the last 12 months"),
        "{page}"
    );
    // Tom downloads them from Doorstep: a GET, which a prefetch or a link checker could make,
    // so it records the download and nothing else.
    let instructions = doc(&app, "Fire safety instructions, Alder Court").await;
    let tom = as_other(&app, TOM).await;
    assert_eq!(
        download_status(&tom, &instructions, "").await,
        StatusCode::OK
    );
    let (_, page) = app.page("/staff/documents/safety").await;
    assert!(page.contains("12 of 13"), "{page}");
    // Tom says he has received them: that counts, once, and his page says so.
    let (_, mine) = tom.page("/documents").await;
    assert!(mine.contains("I have received and read this"), "{mine}");
    let response = tom
        .post_form("/api/documents/received", &[("reference", &instructions)])
        .await;
    assert_eq!(location(&response), "/documents?received=1");
    let (_, mine) = tom.page("/documents?received=1").await;
    assert!(mine.contains("We have recorded that you received"));
    assert!(mine.contains("You told us you received this on"));
    assert!(!mine.contains("I have received and read this"));
    let (_, page) = app.page("/staff/documents/safety").await;
    assert!(page.contains("11 of 13"), "{page}");
    assert!(page.contains("confirmed on Doorstep"));
    // Not for a document that is not yearly safety information, nor for an advocate.
    let other = doc(&app, "Lift inspection report, September 2026").await;
    let response = tom
        .post_form("/api/documents/received", &[("reference", &other)])
        .await;
    assert!(location(&response).starts_with("/problem/not-found"));
    // Recording Jamal Reid (no account) as given by letter; bad input first.
    let jamal = person(&app, "TEN-100004").await;
    let home = scalar(
        &app,
        "select home_id from tenancies where reference = 'TEN-100004'",
    )
    .await;
    let recipient = format!("{jamal}:{home}");
    let tomorrow = crate::common::today_plus(1);
    let response = record_given(
        &app,
        &recipient,
        "pigeon",
        [&tomorrow.0, &tomorrow.1, &tomorrow.2],
    )
    .await;
    assert_eq!(location(&response), "/staff/documents/safety");
    let (_, page) = app.page("/staff/documents/safety").await;
    assert!(page.contains("Choose how they were given them"), "{page}");
    assert!(page.contains("cannot be in the future"));
    let response = record_given(&app, "1:999999", "letter", ["1", "1", "2026"]).await;
    assert_eq!(location(&response), "/staff/documents/safety");
    let (_, page) = app.page("/staff/documents/safety").await;
    assert!(page.contains("Choose who was given them"), "{page}");
    let today = crate::common::today_plus(0);
    record_given(&app, &recipient, "letter", [&today.0, &today.1, &today.2]).await;
    let (_, page) = app.page("/staff/documents/safety").await;
    assert!(page.contains("10 of 13"), "{page}");
    assert!(page.contains("Recorded as given"));
    // Given more than twelve months ago no longer counts.
    app.execute("update safety_information_given set given_on = '2020-01-01'")
        .await;
    let (_, page) = app.page("/staff/documents/safety").await;
    assert!(page.contains("13 of 13"), "{page}");
    // A resident may not record it.
    let amira = as_other(&app, AMIRA).await;
    let response = record_given(&amira, &recipient, "letter", [&today.0, &today.1, &today.2]).await;
    assert!(
        location(&response).starts_with("/problem/not-found"),
        "{response:?}"
    );
}

/// Messages about `subject` to the person on `tenancy`.
async fn told(app: &TestApp, tenancy: &str, subject: &str) -> i64 {
    let person = crate::common::person_on(app, tenancy).await;
    scalar(
        app,
        &format!(
            "select count(*) from messages where person_id = {person} and subject = '{subject}'"
        ),
    )
    .await
}

async fn residents_are_told_of_what_is_published_for_them_and_letters_wait_to_be_posted(
    engine: Engine,
) {
    let Some(app) = crate::common::spawn_app_with_everything(engine).await else {
        return;
    };
    let block = scalar(&app, "select id from blocks").await;
    signed_in(&app, SERVICES).await;
    let token = upload_token(&app).await;
    let place = format!("block:{block}");
    let fields = [
        ("token", token.as_str()),
        ("category", "letter"),
        ("title", "Cladding survey for owners"),
        ("place", place.as_str()),
        ("audience", "owners"),
        ("effective_day", "20"),
        ("effective_month", "11"),
        ("effective_year", "2026"),
    ];
    let response = upload(&app, &fields, Some(("survey.pdf", pdf("survey")))).await;
    assert!(location(&response).starts_with("/staff/documents/DC-"));
    // Owners in the block are told; renters there are not, nor anyone elsewhere.
    let subject = "New document: Cladding survey for owners";
    assert_eq!(
        told(&app, "LSE-200009", subject).await,
        1,
        "Tom, a shared owner"
    );
    assert_eq!(told(&app, "TEN-100001", subject).await, 0, "Amira rents");
    assert_eq!(
        told(&app, "LSE-300005", subject).await,
        0,
        "Helen is not in the block"
    );
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from messages where subject = '{subject}'")
        )
        .await,
        4,
        "the four shared owners"
    );
    let tom = as_other(&app, TOM).await;
    let (_, messages) = tom.page("/messages").await;
    assert!(messages.contains("We have added"));

    // A statement published for the block reaches every home with a share: Margaret, who
    // wants large-print letters, by letter.
    let manager = as_other(&app, MANAGER).await;
    let draft = statement(&app, "Alder Court", 2027, "estimate").await;
    manager
        .post_form(
            "/api/staff/service-charges/publish",
            &[("reference", &draft)],
        )
        .await;
    let subject = "Service charge estimate for Alder Court, April 2027 to March 2028";
    assert_eq!(told(&app, "LSE-200009", subject).await, 1);
    assert_eq!(told(&app, "TEN-100003", subject).await, 1);
    assert_eq!(told(&app, "LSE-300005", subject).await, 0);
    let letter = scalar(
        &app,
        &format!("select id from outbox where channel = 'letter' and subject = '{subject}'"),
    )
    .await;
    assert_eq!(
        scalar(
            &app,
            &format!("select count(*) from outbox where id = {letter} and large_print = true")
        )
        .await,
        1
    );

    // The print queue: the letter waits, downloads as its PDF, and is marked posted once.
    let (status, queue) = app.page("/staff/letters").await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains("To Margaret Lewis") && queue.contains("Large print"));
    let response = app.get(&format!("/staff/letters/{letter}/pdf")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.expect("pdf").starts_with(b"%PDF-"));
    let response = app
        .post_form("/api/staff/letter-posted", &[("id", &letter.to_string())])
        .await;
    assert_eq!(location(&response), "/staff/letters");
    let (_, queue) = app.page("/staff/letters").await;
    assert!(queue.contains("Marked as posted") && queue.contains("Posted "));
    app.post_form("/api/staff/letter-posted", &[("id", &letter.to_string())])
        .await;
    let (_, queue) = app.page("/staff/letters").await;
    assert!(queue.contains("marked as posted already"));
    // Not for a repairs planner, nor an email as if it were a letter.
    let planner = as_other(&app, PLANNER).await;
    let (status, _) = planner.page("/staff/letters").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        planner
            .get(&format!("/staff/letters/{letter}/pdf"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let email = scalar(
        &app,
        "select id from outbox where channel = 'email' limit 1",
    )
    .await;
    assert_eq!(
        app.get(&format!("/staff/letters/{email}/pdf"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

/// A complaints permission lets an advocate ask a question for the resident, not read their
/// service charges: "Ask about this line" with a line's reference quotes nothing for them.
async fn an_advocate_with_a_complaints_permission_cannot_quote_a_service_charge_line(
    engine: Engine,
) {
    let Some(app) = seeded(engine).await else {
        return;
    };
    let estimate = statement(&app, "Alder Court", 2026, "estimate").await;
    let tom = person(&app, "LSE-200009").await;
    let advocate = scalar(
        &app,
        &format!("select id from accounts where email = '{ADVOCATE}'"),
    )
    .await;
    let grant = |scope: &'static str| {
        let db = app.state.db.clone();
        async move {
            app::server::db::cases::grant_permission(
                &db,
                advocate,
                tom,
                scope,
                None,
                None,
                None,
                Utc::now(),
            )
            .await
            .expect("permission")
        }
    };
    grant("complaints").await;
    let priya = as_other(&app, ADVOCATE).await;
    let path = format!("/cases/new/enquiry/what?about={estimate}-1&person={tom}");
    let (status, page) = priya.page(&path).await;
    assert_eq!(status, StatusCode::OK, "the question itself is hers to ask");
    assert!(!page.contains("Cleaning line"), "{page}");
    assert!(!page.contains("your share"), "{page}");
    // With a documents permission as well, the line is quoted as for Tom.
    grant("documents").await;
    let priya = as_other(&app, ADVOCATE).await;
    let (_, page) = priya.page(&path).await;
    assert!(page.contains("Cleaning line"), "{page}");
}

/// A PNG declaring `width` by `height` (its header only, checksummed): enough for the upload's
/// checks, which read the header and never draw the picture.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    crate::repairs::png_declaring(width, height)
}

/// The stored file of a document has gone (a store restored from an old backup, say): the
/// resident's browser gets the same page as every other failure, not an empty answer, and the
/// address stays so that reloading tries again. A script gets the bare status.
async fn a_download_whose_file_is_missing_shows_the_unavailable_page_with_the_phone_numbers(
    engine: Engine,
) {
    let Some(app) = seeded(engine).await else {
        return;
    };
    let fra = doc(&app, "Fire risk assessment 2026, Alder Court").await;
    let key = text(
        &app,
        &format!("select storage_key from documents where reference = '{fra}'"),
    )
    .await
    .expect("key");
    let app::server::storage::Storage::Local(dir) = &app.state.storage else {
        panic!("local storage in tests")
    };
    std::fs::remove_file(dir.join(&key[..2]).join(&key)).expect("the stored file");
    let amira = as_other(&app, AMIRA).await;
    let response = amira
        .client
        .get(format!("{}/documents/{fra}/file", amira.base))
        .header("accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers()["content-type"]
        .to_str()
        .expect("type")
        .starts_with("text/html"));
    let page = response.text().await.expect("page");
    assert!(page.contains("Sorry, the service is unavailable"), "{page}");
    assert!(page.contains("0161 496 0000") && page.contains("0161 496 0999"));
    assert!(page.contains("Sign out"), "still shown as signed in");
    let bare = amira.get(&format!("/documents/{fra}/file")).await;
    assert_eq!(bare.status(), StatusCode::SERVICE_UNAVAILABLE);
}

/// Documents go to an S3-compatible bucket as they arrive and come back as they are read: a
/// 12 MiB PDF (more than two of the upload's 5 MiB parts) is stored and downloaded exactly as
/// sent, by the colleague and by a resident it is for; a file just over 25 MB and a file that is
/// not a document are refused with their messages and leave nothing in the bucket, not even an
/// unfinished upload.
async fn documents_stream_to_and_from_an_s3_compatible_store(engine: Engine) {
    let Some((bucket, app)) =
        crate::common::bucket::spawn_app_with_bucket(engine, "documents").await
    else {
        return;
    };
    let block = scalar(&app, "select id from blocks").await.to_string();
    let place = format!("block:{block}");
    signed_in(&app, SERVICES).await;
    let send = |token: String, file: (&'static str, Vec<u8>)| {
        let place = place.clone();
        let app = &app;
        async move {
            let fields = [
                ("token", token.as_str()),
                ("category", "lift_inspection"),
                ("title", "Lift inspection report with photographs"),
                ("place", place.as_str()),
                ("audience", "everyone"),
                ("effective_day", "20"),
                ("effective_month", "11"),
                ("effective_year", "2026"),
            ];
            upload(app, &fields, Some(file)).await
        }
    };
    let mut big = b"%PDF-1.4\n".to_vec();
    big.extend((0..12 * 1024 * 1024).map(|i: u32| (i % 251) as u8));
    let response = send(upload_token(&app).await, ("lift.pdf", big.clone())).await;
    let reference = location(&response)
        .strip_prefix("/staff/documents/")
        .expect("to the document")
        .to_owned();
    let (keys, unfinished) = bucket.keys().await;
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(unfinished.is_empty(), "{unfinished:?}");
    assert_eq!(
        text(
            &app,
            &format!("select storage_key from documents where reference = '{reference}'")
        )
        .await
        .as_deref(),
        Some(keys[0].as_str())
    );
    assert!(bucket.object(&keys[0]).await == big, "stored as sent");
    for reader in [&app, &as_other(&app, AMIRA).await] {
        let response = reader.get(&format!("/documents/{reference}/file")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-length"],
            big.len().to_string().as_str()
        );
        assert!(
            response.bytes().await.expect("body").as_ref() == big.as_slice(),
            "downloaded as sent"
        );
    }

    let mut too_big = b"%PDF-1.4\n".to_vec();
    too_big.resize(25 * 1024 * 1024 + 1, b' ');
    send(upload_token(&app).await, ("big.pdf", too_big)).await;
    let (_, page) = app.page("/staff/documents/new").await;
    assert!(
        page.contains("The file must be smaller than 25 MB"),
        "{page}"
    );
    send(
        upload_token(&app).await,
        (
            "lift.pdf",
            b"<html><script>alert(1)</script></html>".to_vec(),
        ),
    )
    .await;
    let (_, page) = app.page("/staff/documents/new").await;
    assert!(
        page.contains("The file must be a PDF, JPEG or PNG"),
        "{page}"
    );
    let (after, unfinished) = bucket.keys().await;
    assert_eq!(after, keys, "nothing more stored");
    assert!(
        unfinished.is_empty(),
        "the refused upload was abandoned: {unfinished:?}"
    );
}
