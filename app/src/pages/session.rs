//! Signing in and the page after signing out.

use crate::api::session::{get_sign_in_form, SignInFields as SignInState};
use crate::components::content::tel_href;
use crate::components::content::NotificationBanner;
use crate::components::fields::{ErrorSummary, SubmitButton, TextInput};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use crate::site::site;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn as _;

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <Layout title="Sign in">
            <Load future=get_sign_in_form() let:state>
                <SignInForm state/>
            </Load>
        </Layout>
    }
}

#[component]
fn SignInForm(state: SignInState) -> impl IntoView {
    let (done, next) = use_query_map().with_untracked(|q| {
        (
            q.get("done").unwrap_or_default(),
            q.get("next")
                .filter(|n| crate::domain::navigation::safe_return_path(n).is_some()),
        )
    });
    let landlord = site().profile.landlord.clone();
    let email_error = state.errors.for_field("email").map(str::to_owned);
    let password_error = state.errors.for_field("password").map(str::to_owned);
    view! {
        {(!state.errors.is_empty()).then(|| view! { <Title text="Error: Sign in"/> })}
        <ErrorSummary errors=state.errors.clone()/>
        {(done == "password-changed").then(|| view! {
            <NotificationBanner title="Password changed" success=true>
                <p class="notification-banner-heading">"Your password has been changed. Sign in with your new password."</p>
            </NotificationBanner>
        })}
        {(done == "timed-out").then(|| view! {
            <NotificationBanner title="Important">
                <p class="notification-banner-heading">"We signed you out because nothing happened for 30 minutes. Sign in again to carry on."</p>
            </NotificationBanner>
        })}
        <h1 class="heading-l">"Sign in"</h1>
        <form method="post" action=crate::api::session::SignIn::PATH novalidate>
            {next.map(|n| view! { <input type="hidden" name="next" value=n/> })}
            <TextInput
                name="email"
                label="Email address"
                value=state.email.clone()
                error=email_error
                input_type="email"
                autocomplete="username"
            />
            <TextInput
                name="password"
                label="Password"
                error=password_error
                input_type="password"
                autocomplete="current-password"
            />
            <SubmitButton text="Sign in"/>
        </form>
        <p><a href="/reset-password">"Forgotten your password?"</a></p>
        <h2 class="heading-m">"No account yet?"</h2>
        <p>
            "If you rent from us, own your home through shared ownership or hold its lease, "
            <a href="/claim-account">"set up your account"</a>
            " with your tenancy or lease reference."
        </p>
        <p>
            "For help, phone us on " <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a>
            " or " <a href="/contact">"send us a message"</a> "."
        </p>
    }
}

#[component]
pub fn SignedOutPage() -> impl IntoView {
    view! {
        <Layout title="You have signed out">
            <h1 class="heading-l">"You have signed out"</h1>
            <p>"If you are using a shared computer, close the browser too."</p>
            <p><a href="/sign-in">"Sign in again"</a></p>
        </Layout>
    }
}
