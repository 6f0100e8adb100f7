//! The signed-out home page: what Doorstep is for and how to get in, or to get help without it.

use crate::components::content::tel_href;
use crate::components::content::EmergencyPanel;
use crate::pages::layout::Layout;
use crate::site::site;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    view! {
        <Layout title="Your home, online">
            <h1 class="heading-xl">"Your home, online"</h1>
            <p class="lead">
                "Report and track repairs, make a complaint, tell us how to contact you and find the documents about your home, whenever it suits you."
            </p>
            <p><a href="/sign-in" class="button button-start">"Sign in"</a></p>
            <EmergencyPanel/>
            <h2 class="heading-m">"Other ways to reach us"</h2>
            <p>
                "Doing things online is a choice, not a requirement. You can phone us on "
                <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a>
                ", email "
                <a href=format!("mailto:{}", landlord.email)>{landlord.email.clone()}</a>
                " or "
                <a href="/contact">"send us a message"</a>
                " without an account."
            </p>
        </Layout>
    }
}
