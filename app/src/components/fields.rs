//! Form fields. Each shows its label, hint and error message and links them to the input with
//! `aria-describedby`, so screen readers announce them together.

use crate::components::islands::{remaining_message, CharacterCount};
use crate::domain::validation::FieldErrors;
use leptos::prelude::*;

/// "There is a problem": a list of every error, each linking to its field. Focused on load so
/// a keyboard or screen reader user lands on it after a submit, with JavaScript or without.
#[component]
pub fn ErrorSummary(errors: FieldErrors) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
                <h2 id="error-summary-title" class="error-summary-title">"There is a problem"</h2>
                <ul class="error-summary-list">
                    {errors
                        .iter()
                        .map(|e| view! { <li><a href=format!("#{}", e.field)>{e.message.clone()}</a></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The ids a field's hint and error carry, joined for `aria-describedby`.
fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [
        hint.then(|| format!("{name}-hint")),
        error.then(|| format!("{name}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
fn Hint(name: String, hint: Option<String>) -> impl IntoView {
    hint.map(|h| view! { <div id=format!("{name}-hint") class="hint">{h}</div> })
}

#[component]
fn ErrorMessage(name: String, error: Option<String>) -> impl IntoView {
    error.map(|e| {
        view! {
            <p id=format!("{name}-error") class="error-message">
                <span class="visually-hidden">"Error: "</span>
                {e}
            </p>
        }
    })
}

#[component]
pub fn TextInput(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] value: String,
    #[prop(optional_no_strip)] error: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// A width class from the stylesheet, such as "width-10" for a short answer.
    #[prop(optional)]
    width: Option<&'static str>,
    /// The element id, when two forms on a page post the same field name; the name otherwise.
    #[prop(optional, into)]
    id: Option<String>,
    /// The question is the page's heading: its label is wrapped in the page's h1.
    #[prop(optional)]
    heading: bool,
) -> impl IntoView {
    let key = id.unwrap_or_else(|| name.clone());
    let describedby = described_by(&key, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    let class = match width {
        Some(w) => format!("input {w}"),
        None => "input".to_owned(),
    };
    view! {
        <div class="field" class:field-error=invalid>
            <Label key=key.clone() label heading/>
            <Hint name=key.clone() hint/>
            <ErrorMessage name=key.clone() error/>
            <input
                class=class
                id=key.clone()
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                spellcheck=(input_type == "email").then_some("false")
                aria-describedby=describedby
                aria-invalid=invalid.then_some("true")
            />
        </div>
    }
}

/// A field's label; on a page that asks one question, wrapped in the page's h1 (as GOV.UK does),
/// so the question is both the heading a screen reader lists and the label of its box.
#[component]
fn Label(key: String, label: String, heading: bool) -> impl IntoView {
    if heading {
        view! {
            <h1 class="label-wrapper"><label class="label label-l" for=key>{label}</label></h1>
        }
        .into_any()
    } else {
        view! { <label class="label" for=key>{label}</label> }.into_any()
    }
}

/// Text for inside a `<textarea>`. tachys writes a textarea's children without escaping them
/// (`ESCAPE_CHILDREN = false`), so a value holding `</textarea>` would end the element and
/// let what follows run as HTML. Textarea content decodes character references, so escaping
/// `&`, `<` and `>` here shows the person exactly what they typed.
pub fn textarea_text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A textarea with a live character count (an island). Without JavaScript the limit is stated
/// in the hint and checked by the server.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] value: String,
    #[prop(optional_no_strip)] error: Option<String>,
    limit: usize,
    #[prop(default = 5)] rows: u32,
    /// The element id, when two forms on a page post the same field name; the name otherwise.
    #[prop(optional, into)]
    id: Option<String>,
    /// The question is the page's heading: its label is wrapped in the page's h1.
    #[prop(optional)]
    heading: bool,
) -> impl IntoView {
    let key = id.unwrap_or_else(|| name.clone());
    let hint = Some(match hint {
        Some(h) => format!("{h} You can enter up to {limit} characters."),
        None => format!("You can enter up to {limit} characters."),
    });
    let invalid = error.is_some();
    let describedby = described_by(&key, true, invalid).unwrap_or_default();
    let count = value.chars().count();
    let over = count > limit;
    view! {
        <div class="field" class:field-error=invalid>
            <Label key=key.clone() label heading/>
            <Hint name=key.clone() hint/>
            <ErrorMessage name=key.clone() error/>
            <CharacterCount>
                <textarea
                    class="textarea"
                    id=key.clone()
                    name=name.clone()
                    rows=rows
                    data-limit=limit
                    aria-describedby=format!("{describedby} {key}-count")
                    aria-invalid=invalid.then_some("true")
                >
                    {textarea_text(&value)}
                </textarea>
                <div
                    id=format!("{key}-count")
                    class="character-count"
                    class:character-count-over=over
                    aria-live="polite"
                >
                    {remaining_message(count, limit)}
                </div>
            </CharacterCount>
        </div>
    }
}

/// One choice in a set of radios or checkboxes.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Choice {
            value: value.into(),
            label: label.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Radios or checkboxes in a fieldset whose legend asks the question.
#[component]
pub fn Choices(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    choices: Vec<Choice>,
    /// Checked values.
    #[prop(optional)]
    selected: Vec<String>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip)] error: Option<String>,
    /// Checkboxes (many answers) instead of radios (one answer).
    #[prop(optional)]
    multiple: bool,
    /// Make the legend the page's heading (for one-question pages).
    #[prop(optional)]
    heading: bool,
    /// The element id base, when two forms on a page post the same field name.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let key = id.unwrap_or_else(|| name.clone());
    let describedby = described_by(&key, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    let kind = if multiple { "checkbox" } else { "radio" };
    let legend_view = if heading {
        view! { <legend class="legend legend-heading"><h1>{legend}</h1></legend> }.into_any()
    } else {
        view! { <legend class="legend">{legend}</legend> }.into_any()
    };
    view! {
        <div class="field" class:field-error=invalid>
            <fieldset class="fieldset" aria-describedby=describedby>
                {legend_view}
                <Hint name=key.clone() hint/>
                <ErrorMessage name=key.clone() error/>
                <div class=if multiple { "checkboxes" } else { "radios" }>
                    {choices
                        .into_iter()
                        .enumerate()
                        .map(|(i, c)| {
                            // The first input takes the field's name as id, so the error
                            // summary's link lands on it.
                            let id = if i == 0 { key.clone() } else { format!("{key}-{}", i + 1) };
                            let checked = selected.contains(&c.value);
                            let hint_id = c.hint.as_ref().map(|_| format!("{id}-item-hint"));
                            view! {
                                <div class="choice">
                                    <input
                                        class="choice-input"
                                        id=id.clone()
                                        name=name.clone()
                                        type=kind
                                        value=c.value
                                        checked=checked
                                        aria-describedby=hint_id.clone()
                                    />
                                    <label class="choice-label" for=id>{c.label}</label>
                                    {c.hint.map(|h| view! { <div id=hint_id class="hint choice-hint">{h}</div> })}
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// A date as three boxes (day, month, year): easier than a picker on every phone, and it
/// works without JavaScript. Posted as `{name}_day`, `{name}_month`, `{name}_year`.
#[component]
pub fn DateInput(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] values: (String, String, String),
    #[prop(optional_no_strip)] error: Option<String>,
    #[prop(optional)] autocomplete_bday: bool,
) -> impl IntoView {
    let describedby = described_by(&name, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    let (day, month, year) = values;
    let parts = [
        ("day", "Day", day, "width-2", "bday-day"),
        ("month", "Month", month, "width-2", "bday-month"),
        ("year", "Year", year, "width-4", "bday-year"),
    ];
    view! {
        <div class="field" class:field-error=invalid>
            <fieldset class="fieldset" role="group" aria-describedby=describedby>
                <legend class="legend">{legend}</legend>
                <Hint name=name.clone() hint/>
                <ErrorMessage name=name.clone() error/>
                <div class="date-input">
                    {parts
                        .into_iter()
                        .map(|(part, label, value, width, auto)| {
                            // The day box takes the field's name as id for the error summary.
                            let id = if part == "day" { name.clone() } else { format!("{name}-{part}") };
                            view! {
                                <div class="date-part">
                                    <label class="label" for=id.clone()>{label}</label>
                                    <input
                                        class=format!("input {width}")
                                        id=id
                                        name=format!("{name}_{part}")
                                        type="text"
                                        inputmode="numeric"
                                        value=value
                                        autocomplete=autocomplete_bday.then_some(auto)
                                        aria-invalid=invalid.then_some("true")
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// A file picker. The form around it must be `enctype="multipart/form-data"`.
#[component]
pub fn FileUpload(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip)] error: Option<String>,
    #[prop(into)] accept: String,
    #[prop(optional)] multiple: bool,
) -> impl IntoView {
    let describedby = described_by(&name, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    view! {
        <div class="field" class:field-error=invalid>
            <label class="label" for=name.clone()>{label}</label>
            <Hint name=name.clone() hint/>
            <ErrorMessage name=name.clone() error/>
            <input
                class="file-upload"
                id=name.clone()
                name=name
                type="file"
                accept=accept
                multiple=multiple
                aria-describedby=describedby
                aria-invalid=invalid.then_some("true")
            />
        </div>
    }
}

/// The main action of a form. `secondary` and `warning` change its look, not its behaviour.
#[component]
pub fn SubmitButton(
    #[prop(into)] text: String,
    #[prop(optional)] secondary: bool,
    #[prop(optional)] warning: bool,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            class="button"
            class:button-secondary=secondary
            class:button-warning=warning
        >
            {text}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::textarea_text;

    #[test]
    fn textarea_text_cannot_close_the_textarea() {
        assert_eq!(
            textarea_text("a</textarea><script>x()</script> & b"),
            "a&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt; &amp; b"
        );
        assert_eq!(textarea_text("plain words"), "plain words");
    }
}

/// A drop-down: a filter whose empty first option is "Any", or, with `empty` set ("Choose"),
/// a question on a form with its hint and error.
#[component]
pub fn Select(
    name: &'static str,
    label: &'static str,
    options: Vec<crate::wire::forms::Offered>,
    selected: String,
    #[prop(default = "Any")] empty: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let invalid = error.is_some();
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let error_id = error.as_ref().map(|_| format!("{name}-error"));
    let described = [hint_id.clone(), error_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="field" class:filter-field=empty == "Any" class:field-error=invalid>
            <label class="label" for=name>{label}</label>
            {hint.map(|h| view! { <div id=hint_id class="hint">{h}</div> })}
            {error.map(|e| view! { <p id=error_id class="error-message"><span class="visually-hidden">"Error: "</span>{e}</p> })}
            <select class="select" id=name name=name aria-describedby=(!described.is_empty()).then_some(described)>
                <option value="" selected=selected.is_empty()>{empty}</option>
                {options.into_iter().map(|o| {
                    let chosen = o.value == selected;
                    view! { <option value=o.value selected=chosen>{o.label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
