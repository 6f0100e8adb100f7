//! The letters print queue for colleagues.

use crate::api::letters::{get_letters, LetterLine};
use crate::components::content::{BackLink, NotificationBanner, StatusTag, TagColour};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use server_fn::ServerFn as _;

#[component]
fn Letters(letters: Vec<LetterLine>, waiting: bool) -> impl IntoView {
    view! {
        <ul class="list case-list">
            {letters.into_iter().map(|l| view! {
                <li class="case-item">
                    <strong>{l.subject.clone()}</strong>
                    {l.large_print.then(|| view! { " " <StatusTag text="Large print" colour=TagColour::Yellow/> })}
                    <br/>{format!("To {}, {}", l.to, l.address)}
                    <br/><span class="hint">{format!("Written {}. ", l.written)}{l.posted.clone()}</span>
                    <br/><a href=format!("/staff/letters/{}/pdf", l.id) download="">{format!("Download the letter to {} (PDF)", l.to)}</a>
                    {waiting.then(|| view! {
                        <form method="post" action=crate::api::letters::MarkLetterPosted::PATH class="inline-form">
                            <input type="hidden" name="id" value=l.id.to_string()/>
                            <button type="submit" class="button button-secondary">"Mark as posted"<span class="visually-hidden">{format!(": the letter to {}", l.to)}</span></button>
                        </form>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn LettersPage() -> impl IntoView {
    view! {
        <Layout title="Letters to print and post">
            <Load future=get_letters() let:page>
                {page.done.clone().map(|d| view! {
                    <NotificationBanner title="Done" success=true><p class="notification-banner-heading">{d}</p></NotificationBanner>
                })}
                <BackLink href="/staff/contact-tasks"/>
                <h1 class="heading-l">"Letters to print and post"</h1>
                <p>"Residents who asked for letters get them here, in large print when they need it. Print each one, post it, then mark it posted."</p>
                <h2 class="heading-m">{format!("Waiting ({})", page.waiting.len())}</h2>
                {if page.waiting.is_empty() {
                    view! { <p>"Nothing to post."</p> }.into_any()
                } else {
                    view! { <Letters letters=page.waiting.clone() waiting=true/> }.into_any()
                }}
                <h2 class="heading-m">"Recently posted"</h2>
                {if page.posted.is_empty() {
                    view! { <p>"None yet."</p> }.into_any()
                } else {
                    view! { <Letters letters=page.posted.clone() waiting=false/> }.into_any()
                }}
            </Load>
        </Layout>
    }
}
