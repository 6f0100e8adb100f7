//! The page around every page: skip link, header with the landlord's name and sign-in state,
//! navigation, and a footer that always says how to phone, including in an emergency. It is a
//! page part rather than a design-system component because it asks who is signed in.

use crate::api::session::get_current_user;
use crate::components::content::tel_href;
use crate::components::islands::IdleWarning;
use crate::site::site;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn as _;

#[component]
pub fn Layout(
    /// The page's own title; the landlord's name is added after it.
    #[prop(into)]
    title: String,
    children: Children,
) -> impl IntoView {
    let info = site();
    let landlord = info.profile.landlord.clone();
    let hours = info.profile.office_hours.summary();
    view! {
        <Title text=title/>
        <a href="#main" class="skip-link">"Skip to main content"</a>
        <header class="site-header">
            <div class="width header-row">
                <a href="/" class="site-name">
                    {landlord.name.clone()}
                    <span class="service-name">"Doorstep"</span>
                </a>
                <SignInState/>
            </div>
            <nav class="site-nav" aria-label="Main">
                <ul class="width">
                    <li><a href="/your-home">"Your home"</a></li>
                    <li><a href="/contact">"Contact us"</a></li>
                </ul>
            </nav>
        </header>
        <div class="width">
            <main id="main" class="main" tabindex="-1">{children()}</main>
        </div>
        <footer class="site-footer">
            <div class="width">
                <h2 class="footer-heading">"Get help"</h2>
                <p>
                    "Phone us on " <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a>
                    " (" {hours} ")."
                </p>
                <p class="emergency">
                    "Emergency out of hours, day or night: "
                    <a href=tel_href(&landlord.emergency_phone)>{landlord.emergency_phone.clone()}</a>
                </p>
                {landlord.textphone.clone().map(|t| view! { <p>"Textphone: " {t}</p> })}
                <p>
                    "Email " <a href=format!("mailto:{}", landlord.email)>{landlord.email.clone()}</a>
                    " or write to " {landlord.address.clone()} "."
                </p>
                <ul class="footer-links">
                    <li><a href="/contact">"Contact us"</a></li>
                    <li><a href="/what-to-expect">"What to expect from us"</a></li>
                    <li><a href="/how-we-are-doing">"How we are doing"</a></li>
                    <li><a href="/accessibility">"Accessibility statement"</a></li>
                </ul>
            </div>
        </footer>
    }
}

/// "Sign in", or who is signed in with a sign-out button (a form: signing out changes state).
#[component]
fn SignInState() -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match get_current_user().await {
                    Ok(Some(user)) => {
                        let admin = user.role == crate::domain::housing::Role::Administrator;
                        let dashboard = admin || user.role == crate::domain::housing::Role::Manager;
                        let repairs = match user.role {
                            crate::domain::housing::Role::Resident => Some(("/repairs", "Your repairs")),
                            crate::domain::housing::Role::Advocate => Some(("/repairs", "Repairs")),
                            r if r.is_staff() => Some(("/staff/repairs", "Repairs queue")),
                            r if r.is_field() => Some(("/visits", "Your visits")),
                            _ => None,
                        };
                        let cases = if user.role.is_staff() {
                            Some(("/staff/cases", "Cases queue"))
                        } else if user.role.is_field() {
                            None
                        } else {
                            Some(("/cases", "Your contacts"))
                        };
                        let messages = match user.role {
                            crate::domain::housing::Role::Resident => Some(("/messages", "Messages")),
                            r if r.is_staff() => Some(("/staff/contact-tasks", "Contact tasks")),
                            _ => None,
                        };
                        let documents = if user.role.is_staff() {
                            Some("/staff/documents")
                        } else if user.role.is_field() {
                            None
                        } else {
                            Some("/documents")
                        };
                        view! {
                            <div class="account-bar">
                                <span class="signed-in-as">"Signed in as " {user.display_name}</span>
                                {repairs.map(|(href, text)| view! { <a href=href>{text}</a> })}
                                {user.role.is_staff().then(|| view! { <a href="/staff/work">"Workspace"</a> })}
                                {cases.map(|(href, text)| view! { <a href=href>{text}</a> })}
                                {dashboard.then(|| view! { <a href="/staff/dashboard">"Dashboard"</a> })}
                                {documents.map(|href| view! { <a href=href>"Documents"</a> })}
                                {messages.map(|(href, text)| view! { <a href=href>{text}</a> })}
                                {user.role.is_staff().then(|| view! { <a href="/staff/residents">"Residents"</a> })}
                                <a href="/account">"Your account"</a>
                                {admin.then(|| view! { <a href="/admin/staff">"Staff accounts"</a> })}
                                <form method="post" action=crate::api::session::SignOut::PATH class="inline-form">
                                    <button type="submit" class="link-button">"Sign out"</button>
                                </form>
                            </div>
                            <IdleWarning/>
                        }
                        .into_any()
                    }
                    // Signed out, or the session store is away: offer sign-in either way.
                    _ => view! {
                        <div class="account-bar">
                            <a href="/sign-in">"Sign in"</a>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
