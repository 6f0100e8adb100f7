//! The interactive parts: the only code that runs in the browser. Each works as plain HTML
//! first; hydration adds to it. Props cross from server to browser, so they are serialisable.

use leptos::prelude::*;

fn remaining_message(count: usize, limit: usize) -> String {
    match limit.checked_sub(count) {
        Some(1) => "You have 1 character remaining".to_owned(),
        Some(left) => format!("You have {left} characters remaining"),
        None if count - limit == 1 => "You have 1 character too many".to_owned(),
        None => format!("You have {} characters too many", count - limit),
    }
}

/// A textarea whose count of characters left updates as the person types.
#[island]
pub fn CharacterCount(
    name: String,
    value: String,
    limit: usize,
    rows: u32,
    described_by: String,
    invalid: bool,
) -> impl IntoView {
    let (count, set_count) = signal(value.chars().count());
    let count_id = format!("{name}-count");
    let describedby = format!("{described_by} {count_id}").trim().to_owned();
    view! {
        <textarea
            class="textarea"
            id=name.clone()
            name=name
            rows=rows
            aria-describedby=describedby
            aria-invalid=invalid.then_some("true")
            on:input=move |ev| set_count.set(event_target_value(&ev).chars().count())
        >
            {value}
        </textarea>
        <div
            id=count_id
            class="character-count"
            class:character-count-over=move || { count.get() > limit }
            aria-live="polite"
        >
            {move || remaining_message(count.get(), limit)}
        </div>
    }
}

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
