//! "Contact us" and its confirmation.

use crate::api::contact::{get_contact_form, get_contact_sent, ContactFormPage, ContactSent};
use crate::components::content::tel_href;
use crate::components::content::NotificationBanner;
use crate::components::fields::{ErrorSummary, SubmitButton, TextArea, TextInput};
use crate::domain::contact::MESSAGE_LIMIT;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use crate::site::site;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn as _;

#[component]
pub fn ContactPage() -> impl IntoView {
    view! {
        <Layout title="Contact us">
            <Load future=get_contact_form() let:form>
                <ContactForm form/>
            </Load>
        </Layout>
    }
}

#[component]
fn ContactForm(form: ContactFormPage) -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    let error = |field: &str| form.errors.for_field(field).map(str::to_owned);
    let has_errors = !form.errors.is_empty();
    view! {
        {has_errors.then(|| view! { <Title text="Error: Contact us"/> })}
        <ErrorSummary errors=form.errors.clone()/>
        <h1 class="heading-l">"Contact us"</h1>
        <p>"Send us a message about anything. You do not need an account."</p>
        <p>
            "To report a repair that is an emergency, phone "
            <a href=tel_href(&landlord.emergency_phone)>{landlord.emergency_phone.clone()}</a>
            " instead, day or night."
        </p>
        <form method="post" action=crate::api::contact::SendContactMessage::PATH novalidate>
            <input type="hidden" name="token" value=form.token.clone()/>
            <TextInput
                name="name"
                label="Your name"
                value=form.values.name.clone()
                error=error("name")
                autocomplete="name"
            />
            <TextInput
                name="email"
                label="Email address"
                hint="We will reply by email if you give an address. Give an email address or a phone number, or both."
                value=form.values.email.clone()
                error=error("email")
                input_type="email"
                autocomplete="email"
            />
            <TextInput
                name="phone"
                label="Phone number"
                value=form.values.phone.clone()
                error=error("phone")
                input_type="tel"
                autocomplete="tel"
                width="width-20"
            />
            <TextArea
                name="message"
                label="Your message"
                hint="Tell us what it is about and, if you need it, how we can make contact easier for you."
                value=form.values.message.clone()
                error=error("message")
                limit=MESSAGE_LIMIT
                rows=8
            />
            <SubmitButton text="Send message"/>
        </form>
    }
}

#[component]
pub fn ContactSentPage() -> impl IntoView {
    let params = use_params_map();
    let reference = params.with_untracked(|p| p.get("reference").unwrap_or_default());
    view! {
        <Layout title="Message sent">
            <Load future=get_contact_sent(reference) let:sent>
                <Sent sent/>
            </Load>
        </Layout>
    }
}

#[component]
fn Sent(sent: ContactSent) -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    view! {
        <NotificationBanner title="Message sent" success=true>
            <p class="notification-banner-heading">
                "Your reference is " <strong class="reference">{sent.reference.clone()}</strong>
            </p>
        </NotificationBanner>
        <h1 class="heading-l">"We have your message"</h1>
        <h2 class="heading-m">"What happens next"</h2>
        <p>{match sent.team.clone() {
            Some(team) => format!("It has gone to our {team} team. A colleague will read it and reply {}.", sent.reply_to),
            None => format!("A member of our team will read it and reply {}.", sent.reply_to),
        }}</p>
        {(!sent.reply_by.is_empty()).then(|| view! {
            <p>"We aim to reply " <strong>{sent.reply_by.clone()}</strong> "."</p>
        })}
        <p>
            "If you need to talk to us about it, phone "
            <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a>
            " and quote your reference."
        </p>
        {sent.page.clone().map(|page| view! {
            <p><a href=page>"Follow your message"</a> " with everything else you have raised with us."</p>
        })}
        <p><a href="/">"Back to the home page"</a></p>
    }
}
