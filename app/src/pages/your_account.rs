//! "Your account": details, email and password, sign out everywhere, recent sign-ins.

use crate::api::account::get_link_state;
use crate::api::your_account::{get_your_account, YourAccount};
use crate::components::content::{NotificationBanner, SummaryList, SummaryRow};
use crate::components::fields::{ErrorSummary, SubmitButton, TextInput};
use crate::pages::account::PASSWORD_HINT;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn as _;

#[component]
pub fn YourAccountPage() -> impl IntoView {
    let done = use_query_map().with_untracked(|q| q.get("done").unwrap_or_default());
    view! {
        <Layout title="Your account">
            <Load future=get_your_account() let:account>
                <AccountDetails account done=done.clone()/>
            </Load>
        </Layout>
    }
}

fn done_message(done: &str) -> Option<&'static str> {
    match done {
        "password-changed" => {
            Some("Your password has been changed. You have been signed out everywhere else.")
        }
        "email-sent" => Some(
            "We have sent a link to your new email address. Your email changes when you follow it.",
        ),
        "email-changed" => Some("Your email address has been changed."),
        _ => None,
    }
}

#[component]
fn AccountDetails(account: YourAccount, done: String) -> impl IntoView {
    let mut errors = account.email_form.errors.clone();
    for e in account.password_form.errors.iter() {
        errors.add(&e.field, e.message.clone());
    }
    let has_errors = !errors.is_empty();
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let rows = vec![
        SummaryRow {
            key: "Name".into(),
            value: vec![account.display_name.clone()],
            change: None,
        },
        SummaryRow {
            key: "Email address".into(),
            value: vec![account.email.clone()],
            change: None,
        },
        SummaryRow {
            key: "Account type".into(),
            value: vec![account.role.label().into()],
            change: None,
        },
    ];
    view! {
        {has_errors.then(|| view! { <Title text="Error: Your account"/> })}
        <ErrorSummary errors=errors.clone()/>
        {done_message(&done).map(|m| view! {
            <NotificationBanner title="Done" success=true>
                <p class="notification-banner-heading">{m}</p>
            </NotificationBanner>
        })}
        <h1 class="heading-l">"Your account"</h1>
        <SummaryList rows/>
        {(account.role == crate::domain::housing::Role::Resident).then(|| view! {
            <ul class="list">
                <li><a href="/account/contact">"How we contact you: your contact preferences and needs"</a></li>
                <li><a href="/account/people">"People who can act for you"</a></li>
                <li><a href="/account/your-data">"Your data: see and download what we hold about you"</a></li>
            </ul>
        })}

        <h2 class="heading-m">"Change your email address"</h2>
        <form method="post" action=crate::api::your_account::ChangeEmail::PATH novalidate>
            <TextInput
                name="email"
                label="New email address"
                value=account.email_form.values.clone()
                error=error("email")
                input_type="email"
                autocomplete="email"
            />
            <TextInput
                name="password"
                label="Your password"
                hint="So that nobody else can change it from a computer you left signed in."
                error=error("password")
                input_type="password"
                autocomplete="current-password"
            />
            <SubmitButton text="Send a confirmation link" secondary=true/>
        </form>

        <h2 class="heading-m">"Change your password"</h2>
        <form method="post" action=crate::api::your_account::ChangePassword::PATH novalidate>
            <TextInput
                name="current_password"
                label="Current password"
                error=error("current_password")
                input_type="password"
                autocomplete="current-password"
            />
            <TextInput
                name="new_password"
                label="New password"
                hint=PASSWORD_HINT
                error=error("new_password")
                input_type="password"
                autocomplete="new-password"
            />
            <SubmitButton text="Change password" secondary=true/>
        </form>

        <h2 class="heading-m">"Recent sign-ins"</h2>
        {if account.recent.is_empty() {
            view! { <p>"No sign-ins recorded yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Recent sign-ins">
                <table class="table">
                    <caption class="visually-hidden">"The last ten attempts to sign in to your account"</caption>
                    <thead>
                        <tr><th scope="col">"When"</th><th scope="col">"Result"</th><th scope="col">"From"</th></tr>
                    </thead>
                    <tbody>
                        {account.recent.iter().map(|r| view! {
                            <tr>
                                <td>{r.when.clone()}</td>
                                <td>{if r.succeeded { "Signed in" } else { "Wrong password" }}</td>
                                <td>{r.address.clone().unwrap_or_else(|| "Not known".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
        <p>"If you see a sign-in that was not you, change your password and sign out everywhere."</p>

        <h2 class="heading-m">"Sign out everywhere"</h2>
        <p>"Signs you out on every phone and computer, including this one."</p>
        <form method="post" action=crate::api::your_account::SignOutEverywhere::PATH novalidate>
            <SubmitButton text="Sign out everywhere" warning=true/>
        </form>
    }
}

/// Where the link sent to a new email address leads: one button to make the change.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    view! {
        <Layout title="Confirm your new email address">
            <Load future=get_link_state(token.clone(), "change_email".into()) let:live>
                {if live {
                    view! {
                        <h1 class="heading-l">"Confirm your new email address"</h1>
                        <form method="post" action=crate::api::your_account::ConfirmEmailChange::PATH novalidate>
                            <input type="hidden" name="token" value=token.clone()/>
                            <SubmitButton text="Use this email address"/>
                        </form>
                    }
                    .into_any()
                } else {
                    view! {
                        <h1 class="heading-l">"This link has expired or has already been used"</h1>
                        <p><a href="/account">"Go to your account"</a>" to ask for a new one."</p>
                    }
                    .into_any()
                }}
            </Load>
        </Layout>
    }
}
