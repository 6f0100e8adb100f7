//! The accessibility statement.

use crate::components::content::tel_href;
use crate::pages::layout::Layout;
use crate::site::site;
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    view! {
        <Layout title="Accessibility statement">
            <h1 class="heading-l">"Accessibility statement"</h1>
            <p>
                "This statement is about Doorstep, the online service run by " {landlord.name.clone()}
                " for residents and the people who help them."
            </p>
            <h2 class="heading-m">"Using this service"</h2>
            <p>"We want as many people as possible to be able to use this service. You should be able to:"</p>
            <ul class="list list-bullet">
                <li>"zoom in up to 400% without the text spilling off the screen"</li>
                <li>"use it on a small phone screen, 320 pixels wide"</li>
                <li>"get from the start to the end of every task using just a keyboard"</li>
                <li>"use it with a screen reader or speech recognition software"</li>
                <li>"use it with JavaScript switched off: every form works without it"</li>
                <li>"change colours, contrast and fonts in your browser"</li>
            </ul>
            <h2 class="heading-m">"How accessible this service is"</h2>
            <p>
                "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. "
                "Every page is checked automatically before each release, at phone and desktop sizes, with JavaScript on and off."
            </p>
            <h2 class="heading-m">"Information in another format"</h2>
            <p>
                "You can have information in another format, such as large print, easy read, audio, braille or another language. "
                "You can also have an interpreter, including for British Sign Language. To ask, phone us on "
                <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a>
                " or email "
                <a href=format!("mailto:{}", landlord.email)>{landlord.email.clone()}</a>
                ". We will get back to you to agree how we send it."
            </p>
            <h2 class="heading-m">"Reporting problems with this service"</h2>
            <p>
                "If you find a problem that is not listed here, or think we are not meeting the requirements, "
                <a href="/contact">"send us a message"</a> " or phone us."
            </p>
            <h2 class="heading-m">"Enforcement procedure"</h2>
            <p>
                "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the accessibility regulations. "
                "If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS)."
            </p>
        </Layout>
    }
}
