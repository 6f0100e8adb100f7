//! The interactive parts: the only code that runs in the browser. Each works as plain HTML
//! first; hydration adds to it.
//!
//! Islands here take no props: props cross to the browser as JSON, and deserialising them
//! brings serde_json and float formatting into the wasm (about a third of its size). What an
//! island needs it reads from the server-rendered HTML instead (`data-` attributes).

use leptos::prelude::*;

/// "You have 3 characters remaining" / "You have 1 character too many". Shared by the server
/// (the first render, and the only one without JavaScript) and the island.
pub fn remaining_message(count: usize, limit: usize) -> String {
    match limit.checked_sub(count) {
        Some(1) => "You have 1 character remaining".to_owned(),
        Some(left) => format!("You have {left} characters remaining"),
        None if count - limit == 1 => "You have 1 character too many".to_owned(),
        None => format!("You have {} characters too many", count - limit),
    }
}

/// Wraps a textarea (with `data-limit`) and its count (`{id}-count`): on each input the count
/// is rewritten and marked when over the limit.
#[island]
pub fn CharacterCount(children: Children) -> impl IntoView {
    view! { <div class="character-count-field" on:input=update_count>{children()}</div> }
}

#[cfg(feature = "hydrate")]
fn update_count(ev: leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    let Some(area) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let Some(limit) = area
        .get_attribute("data-limit")
        .and_then(|l| l.parse::<usize>().ok())
    else {
        return;
    };
    let count = area.value().chars().count();
    let Some(counter) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("{}-count", area.id())))
    else {
        return;
    };
    counter.set_text_content(Some(&remaining_message(count, limit)));
    let class = if count > limit {
        "character-count character-count-over"
    } else {
        "character-count"
    };
    counter.set_class_name(class);
}

/// Never called on the server: islands only react in the browser.
#[cfg(not(feature = "hydrate"))]
fn update_count(_ev: leptos::ev::Event) {}

/// Warns a signed-in person shortly before the idle time-out signs them out, with a button
/// that keeps the session (a request to /session/keep-alive, so nothing typed on the page is
/// lost). When the time-out passes, goes to the sign-in page, which says why. Without
/// JavaScript the session simply ends after the idle time, as the server enforces it anyway.
#[island]
pub fn IdleWarning() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    idle::start();
    let minutes = crate::site::IDLE_WARNING_MINUTES;
    view! {
        <div id="idle-warning" class="idle-warning" role="alert" hidden>
            <p>
                "To keep your account safe, we will sign you out in " {minutes}
                " minutes because nothing has happened on this page for a while. Anything you have typed but not sent will be lost."
            </p>
            <button type="button" class="button" on:click=stay_signed_in>"Stay signed in"</button>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod idle {
    use crate::site::{IDLE_WARNING_MINUTES, SESSION_IDLE_MINUTES};
    use leptos::prelude::set_timeout;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    /// Bumped on each restart, so that timers from before a "Stay signed in" do nothing.
    static GENERATION: AtomicU32 = AtomicU32::new(0);

    fn warning() -> Option<web_sys::Element> {
        web_sys::window()?
            .document()?
            .get_element_by_id("idle-warning")
    }

    pub fn start() {
        let generation = GENERATION.fetch_add(1, Ordering::SeqCst) + 1;
        let current = move || GENERATION.load(Ordering::SeqCst) == generation;
        let warn_after = SESSION_IDLE_MINUTES - IDLE_WARNING_MINUTES;
        set_timeout(
            move || {
                if current() {
                    if let Some(w) = warning() {
                        let _ = w.remove_attribute("hidden");
                    }
                }
            },
            Duration::from_secs(u64::from(warn_after) * 60),
        );
        set_timeout(
            move || {
                if current() {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().set_href("/sign-in?done=timed-out");
                    }
                }
            },
            Duration::from_secs(u64::from(SESSION_IDLE_MINUTES) * 60),
        );
    }

    pub fn keep_alive() {
        let Some(window) = web_sys::window() else {
            return;
        };
        let request = window.fetch_with_str("/session/keep-alive");
        leptos::task::spawn_local(async move {
            let answered = wasm_bindgen_futures::JsFuture::from(request).await.is_ok();
            if answered {
                if let Some(w) = warning() {
                    let _ = w.set_attribute("hidden", "");
                }
                start();
            }
        });
    }
}

#[cfg(feature = "hydrate")]
fn stay_signed_in(_ev: leptos::ev::MouseEvent) {
    idle::keep_alive();
}

#[cfg(not(feature = "hydrate"))]
fn stay_signed_in(_ev: leptos::ev::MouseEvent) {}

#[cfg(test)]
mod tests {
    use super::remaining_message;

    #[test]
    fn the_count_message_reads_naturally_either_side_of_the_limit() {
        assert_eq!(remaining_message(0, 10), "You have 10 characters remaining");
        assert_eq!(remaining_message(9, 10), "You have 1 character remaining");
        assert_eq!(remaining_message(10, 10), "You have 0 characters remaining");
        assert_eq!(remaining_message(11, 10), "You have 1 character too many");
        assert_eq!(remaining_message(15, 10), "You have 5 characters too many");
    }
}
