//! Pages for things that went wrong. Every one of them shows the phone number.

use crate::components::content::tel_href;
use crate::error::AppError;
use crate::pages::layout::Layout;
use crate::site::site;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the HTTP status of the page being rendered (server only; a no-op in the browser).
pub fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(_code),
    ) {
        options.set_status(code);
    }
}

#[component]
fn PhoneUs() -> impl IntoView {
    let landlord = site().profile.landlord.clone();
    let hours = site().profile.office_hours.summary();
    view! {
        <p>
            "You can phone us on " <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a>
            " (" {hours} "). In an emergency, phone "
            <a href=tel_href(&landlord.emergency_phone)>{landlord.emergency_phone.clone()}</a>
            ", day or night."
        </p>
    }
}

/// The body of an error page, inside a page's layout.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_status(error.status());
    match error {
        AppError::NotFound => view! {
            <Title text="Page not found"/>
            <h1 class="heading-l">"Page not found"</h1>
            <p>"If you typed the web address, check it is correct."</p>
            <p>"If you followed a link to something of yours, it may have been moved, or you may need to sign in as someone else."</p>
            <PhoneUs/>
        }
        .into_any(),
        AppError::SignInRequired => {
            #[cfg(feature = "ssr")]
            {
                let here = use_context::<axum::http::request::Parts>()
                    .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
                    .unwrap_or_default();
                crate::server::request::redirect(&crate::domain::navigation::sign_in_returning_to(&here));
            }
            view! {
                <Title text="Sign in"/>
                <h1 class="heading-l">"You need to sign in"</h1>
                <p><a href="/sign-in">"Sign in to see this page"</a>"."</p>
            }
            .into_any()
        }
        AppError::Unavailable => view! {
            <Title text="Sorry, the service is unavailable"/>
            <h1 class="heading-l">"Sorry, the service is unavailable"</h1>
            <p>"We cannot show this page right now. Nothing you sent us before this has been lost."</p>
            <p>"Try again in a few minutes."</p>
            <PhoneUs/>
        }
        .into_any(),
        AppError::BadRequest => view! {
            <Title text="Sorry, there is a problem"/>
            <h1 class="heading-l">"Sorry, there is a problem"</h1>
            <p>"We could not understand that request. Go back and try again."</p>
            <PhoneUs/>
        }
        .into_any(),
        AppError::Internal { request_id } => view! {
            <Title text="Sorry, there is a problem with the service"/>
            <h1 class="heading-l">"Sorry, there is a problem with the service"</h1>
            <p>"Try again later. If you were sending us something, it may not have reached us."</p>
            <p>"If you phone us about this, quote reference " <strong>{request_id}</strong> "."</p>
            <PhoneUs/>
        }
        .into_any(),
    }
}

/// The whole page for an address that matches no route.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Layout title="Page not found">
            <ErrorPage error=AppError::NotFound/>
        </Layout>
    }
}

/// Where a failed form post lands (see the server's form_errors): the error's own page, with
/// its status, so that a browser without JavaScript gets an explanation and the phone number.
#[component]
pub fn ProblemPage() -> impl IntoView {
    use leptos_router::hooks::{use_params_map, use_query_map};
    let kind = use_params_map().with_untracked(|p| p.get("kind").unwrap_or_default());
    let reference = use_query_map().with_untracked(|q| q.get("reference").unwrap_or_default());
    let error = match kind.as_str() {
        "bad-request" => AppError::BadRequest,
        "unavailable" => AppError::Unavailable,
        // A reference is shown only if it looks like one of ours (a request id), so this page
        // cannot be made to display someone else's words.
        "error"
            if reference.len() <= 64
                && reference.chars().all(|c| c.is_ascii_hexdigit() || c == '-') =>
        {
            AppError::Internal {
                request_id: reference,
            }
        }
        _ => AppError::NotFound,
    };
    view! {
        <Layout title="Sorry, there is a problem">
            <ErrorPage error/>
        </Layout>
    }
}
