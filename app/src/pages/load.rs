//! Waits for a page's data on the server and renders it, or the error page for what went wrong.

use crate::error::AppError;
use crate::pages::errors::ErrorPage;
use leptos::prelude::*;

/// Renders `children` with the loaded data, or the error page (with its status code) on error.
/// Routes use `SsrMode::Async`, so the HTML is complete before it is sent.
#[component]
pub fn Load<T, Fut, Chil, V>(future: Fut, children: Chil) -> impl IntoView
where
    T: Send + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
    Chil: FnOnce(T) -> V + Send + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match future.await {
                    Ok(data) => children(data).into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
