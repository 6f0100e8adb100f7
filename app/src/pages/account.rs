//! Getting into an account: claim it, confirm it, reset or set a password, and the pages the
//! emailed links lead to.

use crate::api::account::{
    get_claim_form, get_link_state, get_new_password_form, get_reset_form, FormState,
};
use crate::components::content::tel_href;
use crate::components::fields::{DateInput, ErrorSummary, SubmitButton, TextInput};
use crate::domain::account::ClaimInput;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use crate::site::site;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn as _;

fn query(name: &str) -> String {
    use_query_map().with_untracked(|q| q.get(name).unwrap_or_default())
}

/// The hint under every new-password box: what the rules are, said once and plainly.
pub const PASSWORD_HINT: &str =
    "At least 8 characters. A few random words together make a strong password that is easy to remember.";

#[component]
pub fn ClaimAccountPage() -> impl IntoView {
    view! {
        <Layout title="Set up your account">
            <Load future=get_claim_form() let:form>
                <ClaimForm form/>
            </Load>
        </Layout>
    }
}

#[component]
fn ClaimForm(form: FormState<ClaimInput>) -> impl IntoView {
    let error = |field: &str| form.errors.for_field(field).map(str::to_owned);
    let v = form.values.clone();
    let where_to_find = "It is on your agreement and your rent or service charge statements.";
    let hint = match site().profile.landlord.reference_example.clone() {
        Some(example) => format!("For example {example}. {where_to_find}"),
        None => where_to_find.to_owned(),
    };
    view! {
        {(!form.errors.is_empty()).then(|| view! { <Title text="Error: Set up your account"/> })}
        <ErrorSummary errors=form.errors.clone()/>
        <h1 class="heading-l">"Set up your account"</h1>
        <p>
            "If you rent your home from us, own it through shared ownership or hold its lease, you can set up an account. "
            "We check your details against your tenancy or lease."
        </p>
        <form method="post" action=crate::api::account::ClaimAccount::PATH novalidate>
            <TextInput
                name="reference"
                label="Tenancy or lease reference"
                hint=hint
                value=v.reference
                error=error("reference")
                width="width-20"
            />
            <TextInput
                name="postcode"
                label="Postcode of your home"
                value=v.postcode
                error=error("postcode")
                autocomplete="postal-code"
                width="width-10"
            />
            <DateInput
                name="born"
                legend="Date of birth"
                hint="For example, 27 3 1985"
                values=(v.day, v.month, v.year)
                error=error("born")
                autocomplete_bday=true
            />
            <TextInput
                name="email"
                label="Email address"
                hint="We will send a link to this address to finish setting up your account."
                value=v.email
                error=error("email")
                input_type="email"
                autocomplete="email"
            />
            <TextInput
                name="password"
                label="Create a password"
                hint=PASSWORD_HINT
                error=error("password")
                input_type="password"
                autocomplete="new-password"
            />
            <SubmitButton text="Continue"/>
        </form>
        <p>"Already have an account? " <a href="/sign-in">"Sign in"</a></p>
    }
}

#[component]
pub fn CheckYourEmailPage() -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    view! {
        <Layout title="Check your email">
            <h1 class="heading-l">"Check your email"</h1>
            <p>"If the details you gave match our records, we have sent you an email. Follow the link in it to carry on."</p>
            <p>"The link works once. A link to reset a password works for 60 minutes; a link to set up an account works for 24 hours."</p>
            <h2 class="heading-m">"If the email does not arrive"</h2>
            <p>"Check your spam or junk folder. It can take a few minutes."</p>
            <p>
                "If it has still not arrived after 15 minutes, phone us on "
                <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a> "."
            </p>
        </Layout>
    }
}

#[component]
pub fn LinkExpiredPage() -> impl IntoView {
    view! {
        <Layout title="This link has expired">
            <LinkExpired/>
        </Layout>
    }
}

#[component]
fn LinkExpired() -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    view! {
        <h1 class="heading-l">"This link has expired or has already been used"</h1>
        <p>"For your security, each link we email works only once and only for a while."</p>
        <ul class="list">
            <li><a href="/reset-password">"Ask for a new link to reset your password"</a></li>
            <li><a href="/claim-account">"Start setting up your account again"</a></li>
            <li><a href="/sign-in">"Sign in"</a></li>
        </ul>
        <p>
            "If you need help, phone us on "
            <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a> "."
        </p>
    }
}

/// The page an account confirmation link leads to: one button, so that email scanners that
/// follow links confirm nothing.
#[component]
pub fn ConfirmClaimPage() -> impl IntoView {
    let token = query("token");
    view! {
        <Layout title="Confirm your account">
            <Load future=get_link_state(token.clone(), "confirm_account".into()) let:live>
                {if live {
                    view! {
                        <h1 class="heading-l">"Confirm your account"</h1>
                        <p>"Your email address is confirmed. Finish setting up your account to sign in."</p>
                        <form method="post" action=crate::api::account::ConfirmClaimedAccount::PATH novalidate>
                            <input type="hidden" name="token" value=token.clone()/>
                            <SubmitButton text="Finish setting up my account"/>
                        </form>
                    }
                    .into_any()
                } else {
                    view! { <LinkExpired/> }.into_any()
                }}
            </Load>
        </Layout>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! {
        <Layout title="Reset your password">
            <Load future=get_reset_form() let:form>
                <ResetForm form/>
            </Load>
        </Layout>
    }
}

#[component]
fn ResetForm(form: FormState<String>) -> impl IntoView {
    let error = form.errors.for_field("email").map(str::to_owned);
    view! {
        {(!form.errors.is_empty()).then(|| view! { <Title text="Error: Reset your password"/> })}
        <ErrorSummary errors=form.errors.clone()/>
        <h1 class="heading-l">"Reset your password"</h1>
        <p>"Enter the email address of your account. We will email you a link to choose a new password."</p>
        <form method="post" action=crate::api::account::RequestPasswordReset::PATH novalidate>
            <TextInput
                name="email"
                label="Email address"
                value=form.values.clone()
                error=error
                input_type="email"
                autocomplete="email"
            />
            <SubmitButton text="Send me a link"/>
        </form>
    }
}

#[component]
pub fn ResetNewPasswordPage() -> impl IntoView {
    view! { <NewPassword invitation=false/> }
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    view! { <NewPassword invitation=true/> }
}

/// Choosing a new password from a reset link, or a first one from a staff invitation.
#[component]
fn NewPassword(invitation: bool) -> impl IntoView {
    let token = query("token");
    let purpose = if invitation {
        "set_password"
    } else {
        "reset_password"
    };
    let title = if invitation {
        "Choose your password"
    } else {
        "Choose a new password"
    };
    let state = async move {
        let live = get_link_state(token.clone(), purpose.into()).await?;
        let form = get_new_password_form().await?;
        Ok((live, form, token))
    };
    view! {
        <Layout title=title>
            <Load future=state let:loaded>
                {
                    let (live, form, token) = loaded;
                    if live {
                        let error = form.errors.for_field("password").map(str::to_owned);
                        view! {
                            {(!form.errors.is_empty()).then(|| view! { <Title text=format!("Error: {title}")/> })}
                            <ErrorSummary errors=form.errors.clone()/>
                            <h1 class="heading-l">{title}</h1>
                            <form method="post" action=crate::api::account::SetNewPassword::PATH novalidate>
                                <input type="hidden" name="token" value=token/>
                                <input type="hidden" name="purpose" value=purpose/>
                                <TextInput
                                    name="password"
                                    label="New password"
                                    hint=PASSWORD_HINT
                                    error=error
                                    input_type="password"
                                    autocomplete="new-password"
                                />
                                <SubmitButton text="Save password"/>
                            </form>
                        }
                        .into_any()
                    } else {
                        view! { <LinkExpired/> }.into_any()
                    }
                }
            </Load>
        </Layout>
    }
}
