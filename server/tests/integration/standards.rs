//! "What to expect from us" renders the active landlord's own standards.

use crate::common::{config_for, fresh_database_url, spawn_with, Engine};
use reqwest::StatusCode;

async fn page_for(profile: &str) -> String {
    let url = fresh_database_url(Engine::Sqlite).await.expect("sqlite");
    let app = spawn_with(config_for(profile, url, true)).await;
    let (status, body) = app.page("/what-to-expect").await;
    assert_eq!(status, StatusCode::OK);
    body
}

#[tokio::test]
async fn the_english_landlord_publishes_its_standards_the_code_and_awaabs_law() {
    let body = page_for("northfield").await;
    for text in [
        "We will reply to emails within 3 working days.",
        "Emergency repairs: we will come and make it safe within 24 hours.",
        "Routine repairs: we will complete them within 20 working days.",
        "Damp, mould and other hazards",
        "We will acknowledge your complaint within 5 working days",
        "We will give you our decision within 20 working days of acknowledging it.",
        "no more than 10 working days later",
        "You do not have to give a reason.",
        "Housing Ombudsman Service",
        "except bank holidays in England and Wales",
        "we will send it within 1 calendar month",
    ] {
        assert!(body.contains(text), "missing: {text}");
    }
}

#[tokio::test]
async fn the_scottish_landlord_publishes_its_shorter_standards_and_the_spso() {
    let body = page_for("glenbrae").await;
    for text in [
        "We will acknowledge enquiries we cannot deal with at once within 1 working day.",
        "We will reply to letters and emails within 3 working days.",
        "We will give you our decision within 5 working days of receiving it.",
        "Scottish Public Services Ombudsman (SPSO)",
        "except bank holidays in Scotland",
        "St Andrew",
        "we will send it within 20 working days",
        "Damp and mould",
        "We will have it investigated within 10 working days.",
        "we will start it within 5 working days of finishing the investigation",
    ] {
        assert!(body.contains(text), "missing: {text}");
    }
    assert!(
        !body.contains("Awaab"),
        "Awaab's Law applies in England only"
    );
}

#[tokio::test]
async fn every_page_links_to_the_standards_from_the_footer() {
    let url = fresh_database_url(Engine::Sqlite).await.expect("sqlite");
    let app = crate::common::spawn_on(url, true).await;
    for path in ["/", "/contact", "/no-such-page"] {
        let (_, body) = app.page(path).await;
        assert!(body.contains("href=\"/what-to-expect\""), "{path}");
    }
}
