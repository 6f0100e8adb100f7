//! Components that show things: banners, tags, summary lists, timelines, pagination, links.

use leptos::prelude::*;

/// A box at the top of a page for news about the page's subject ("Message sent").
#[component]
pub fn NotificationBanner(
    #[prop(into)] title: String,
    #[prop(optional)] success: bool,
    children: Children,
) -> impl IntoView {
    let role = if success { "alert" } else { "region" };
    view! {
        <div
            class="notification-banner"
            class:notification-banner-success=success
            role=role
            aria-labelledby="notification-banner-title"
        >
            <h2 class="notification-banner-title" id="notification-banner-title">{title}</h2>
            <div class="notification-banner-content">{children()}</div>
        </div>
    }
}

/// The colours a status tag can take; each is paired with words, never colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagColour {
    Grey,
    Blue,
    Green,
    Yellow,
    Red,
}

impl TagColour {
    fn class(self) -> &'static str {
        match self {
            TagColour::Grey => "tag tag-grey",
            TagColour::Blue => "tag tag-blue",
            TagColour::Green => "tag tag-green",
            TagColour::Yellow => "tag tag-yellow",
            TagColour::Red => "tag tag-red",
        }
    }
}

#[component]
pub fn StatusTag(#[prop(into)] text: String, colour: TagColour) -> impl IntoView {
    view! { <strong class=colour.class()>{text}</strong> }
}

/// Where a deadline stands, in words and colour: the one place a `Progress` (the domain's
/// `ClockState`, or ended without it) becomes what a person sees.
#[component]
pub fn ProgressTag(state: crate::wire::clocks::Progress) -> impl IntoView {
    view! { <StatusTag text=state.label() colour=progress_colour(state)/> }
}

pub fn progress_colour(state: crate::wire::clocks::Progress) -> TagColour {
    use crate::domain::deadline::ClockState::*;
    use crate::wire::clocks::Progress;
    match state {
        Progress::Clock(OnTrack) => TagColour::Blue,
        Progress::Clock(DueSoon) => TagColour::Yellow,
        Progress::Clock(Overdue | Missed) => TagColour::Red,
        Progress::Clock(Met) => TagColour::Green,
        Progress::Clock(Paused) | Progress::Cancelled | Progress::Closed => TagColour::Grey,
    }
}

/// A job's, case's or request's deadlines, each with where it stands.
#[component]
pub fn Deadlines(deadlines: Vec<crate::wire::clocks::DeadlineLine>) -> impl IntoView {
    view! {
        <h2 class="heading-m">"Deadlines"</h2>
        <ul class="list deadline-list">
            {deadlines.into_iter().map(|d| view! {
                <li>
                    <strong>{d.label.clone()}</strong> ": by " {d.due.clone()} " "
                    <ProgressTag state=d.state/>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// One row of a summary list: a question, the answer, and where to change it.
#[derive(Clone, Debug)]
pub struct SummaryRow {
    pub key: String,
    pub value: Vec<String>,
    /// The page to change the answer, and words that finish "Change ..." for screen readers.
    pub change: Option<(String, String)>,
}

impl SummaryRow {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        SummaryRow {
            key: key.into(),
            value: vec![value.into()],
            change: None,
        }
    }

    pub fn lines(key: impl Into<String>, value: Vec<String>) -> Self {
        SummaryRow {
            key: key.into(),
            value,
            change: None,
        }
    }

    pub fn change(mut self, href: impl Into<String>, what: impl Into<String>) -> Self {
        self.change = Some((href.into(), what.into()));
        self
    }
}

#[component]
pub fn SummaryList(rows: Vec<SummaryRow>) -> impl IntoView {
    view! {
        <dl class="summary-list">
            {rows
                .into_iter()
                .map(|row| {
                    view! {
                        <div class="summary-row">
                            <dt class="summary-key">{row.key}</dt>
                            <dd class="summary-value">
                                {row.value.into_iter().map(|line| view! { <span class="summary-line">{line}</span> }).collect_view()}
                            </dd>
                            {row.change.map(|(href, what)| view! {
                                <dd class="summary-actions">
                                    <a href=href>"Change" <span class="visually-hidden">" " {what}</span></a>
                                </dd>
                            })}
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// One event in a case's history, as the resident reads it.
#[derive(Clone, Debug)]
pub struct TimelineEntry {
    pub title: String,
    /// Already in words ("Monday 3 March 2025 at 9:30am"): rendering in Europe/London is the
    /// caller's job.
    pub when: String,
    pub by: Option<String>,
    pub body: Option<String>,
}

impl From<&crate::wire::repairs::TimelineLine> for TimelineEntry {
    /// A repair's, case's or request's timeline line; internal notes (colleagues' pages only)
    /// say so in their title.
    fn from(t: &crate::wire::repairs::TimelineLine) -> TimelineEntry {
        TimelineEntry {
            title: if t.internal {
                format!("{} (internal)", t.title)
            } else {
                t.title.clone()
            },
            when: t.when.clone(),
            by: t.by.clone(),
            body: t.body.clone(),
        }
    }
}

#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    view! {
        <ol class="timeline">
            {entries
                .into_iter()
                .map(|e| {
                    view! {
                        <li class="timeline-item">
                            <h3 class="timeline-title">{e.title}</h3>
                            <p class="timeline-meta">
                                {e.when}
                                {e.by.map(|b| view! { <span>", by " {b}</span> })}
                            </p>
                            {e.body.map(|b| view! { <p class="timeline-body">{b}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// "Previous" and "Next" for a list whose length is not counted exactly (the staff queues).
/// A queue's page `n` with its filters (`query`, already encoded), at `base`.
pub fn page_link(base: &str, query: &str, n: i64) -> String {
    if query.is_empty() {
        format!("{base}?page={n}")
    } else {
        format!("{base}?{query}&page={n}")
    }
}

/// The queues' "Due" choices.
pub fn due_choices() -> Vec<crate::wire::forms::Offered> {
    [
        ("overdue", "Overdue"),
        ("soon", "Due soon"),
        ("later", "Not due soon"),
    ]
    .into_iter()
    .map(|(value, label)| crate::wire::forms::Offered {
        value: value.into(),
        label: label.into(),
        hint: None,
    })
    .collect()
}

#[component]
pub fn PrevNext(previous: Option<String>, next: Option<String>) -> impl IntoView {
    view! {
        <nav class="pagination" aria-label="Pages">
            {previous.map(|p| view! { <a class="pagination-prev" href=p rel="prev">"Previous" <span class="visually-hidden">" page"</span></a> })}
            " "
            {next.map(|n| view! { <a class="pagination-next" href=n rel="next">"Next" <span class="visually-hidden">" page"</span></a> })}
        </nav>
    }
}

/// Page links for long lists. `href` is called with a page number (1-based).
#[component]
pub fn Pagination(current: usize, total: usize, href: fn(usize) -> String) -> impl IntoView {
    (total > 1).then(|| {
        let previous = (current > 1).then(|| href(current - 1));
        let next = (current < total).then(|| href(current + 1));
        view! {
            <nav class="pagination" aria-label="Pages">
                {previous.map(|p| view! { <a class="pagination-prev" href=p rel="prev">"Previous" <span class="visually-hidden">" page"</span></a> })}
                <ul class="pagination-list">
                    {(1..=total)
                        .map(|n| {
                            if n == current {
                                view! { <li><a href=href(n) aria-current="page" class="pagination-current">{n}</a></li> }.into_any()
                            } else {
                                view! { <li><a href=href(n) aria-label=format!("Page {n}")>{n}</a></li> }.into_any()
                            }
                        })
                        .collect_view()}
                </ul>
                {next.map(|n| view! { <a class="pagination-next" href=n rel="next">"Next" <span class="visually-hidden">" page"</span></a> })}
            </nav>
        }
    })
}

/// Photos of the finished work (links to the pictures), under their heading; nothing when
/// there are none.
#[component]
pub fn WorkPhotos(hrefs: Vec<String>) -> impl IntoView {
    (!hrefs.is_empty()).then(|| {
        view! {
            <h2 class="heading-m">"Photos of the finished work"</h2>
            <ul class="photo-list">
                {hrefs.into_iter().enumerate().map(|(i, href)| view! {
                    <li class="photo-item"><a href=href.clone()><img src=href.clone() alt=format!("Photo {} of the finished work", i + 1) class="photo"/></a></li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn BackLink(#[prop(into)] href: String) -> impl IntoView {
    view! { <a href=href class="back-link">"Back"</a> }
}

/// The emergency panel: emergencies always lead to the phone number, day and night.
#[component]
pub fn EmergencyPanel() -> impl IntoView {
    let landlord = crate::site::site().profile.landlord.clone();
    view! {
        <div class="warning-panel">
            <h2 class="warning-title">"In an emergency, phone us"</h2>
            <p>
                "If there is a risk to anyone's safety or a risk of serious damage to your home, phone "
                <a href=tel_href(&landlord.emergency_phone)>{landlord.emergency_phone.clone()}</a>
                ", day or night. If you can smell gas, phone the National Gas Emergency Service on "
                <a href="tel:08001119999">"0800 111 999"</a> "."
            </p>
        </div>
    }
}

/// A `tel:` link target: digits and a leading + only.
pub fn tel_href(number: &str) -> String {
    let digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// The short banner of a resident's needs and contact rules, at the top of staff screens.
#[component]
pub fn NeedsBannerView(banner: crate::wire::preferences::NeedsBanner) -> impl IntoView {
    let nothing =
        banner.lines.is_empty() && banner.vulnerabilities.is_empty() && banner.open_tasks == 0;
    // Someone we do not know (a message from a visitor) has no page and no recorded needs.
    if banner.person_id == 0 {
        return ().into_any();
    }
    let link = format!("/staff/residents/{}", banner.person_id);
    view! {
        <aside class="needs-banner" aria-label=format!("{}'s needs", banner.name)>
            <p class="needs-title">
                <a href=link.clone()>{banner.name.clone()}</a>
                {if nothing { ": no needs or contact rules recorded" } else { "" }}
            </p>
            {(!banner.lines.is_empty()).then(|| view! {
                <ul class="needs-list">{banner.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
            })}
            {(!banner.vulnerabilities.is_empty()).then(|| view! {
                <p class="needs-vulnerable">
                    <strong>"Vulnerability: "</strong>
                    {banner.vulnerabilities.join("; ")}
                </p>
            })}
            {(banner.open_tasks > 0).then(|| view! {
                <p><a href=link.clone()>{format!("{} message(s) could not be sent: make contact another way", banner.open_tasks)}</a></p>
            })}
        </aside>
    }
    .into_any()
}
