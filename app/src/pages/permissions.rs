//! "People who can act for you" and the page an invitation's link opens.

use crate::api::permissions::{
    get_invitation, get_people, InvitationState, PeoplePage, Viewer, RELATIONSHIPS, SCOPES,
};
use crate::components::content::NotificationBanner;
use crate::components::fields::{
    Choice, Choices, DateInput, ErrorSummary, SubmitButton, TextInput,
};
use crate::pages::account::PASSWORD_HINT;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn as _;

#[component]
pub fn PeoplePageView() -> impl IntoView {
    view! {
        <Layout title="People who can act for you">
            <Load future=get_people() let:page>
                <People page/>
            </Load>
        </Layout>
    }
}

#[component]
fn People(page: PeoplePage) -> impl IntoView {
    let errors = page.form.errors.clone();
    let has_errors = !errors.is_empty();
    let error = |field: &str| errors.for_field(field).map(str::to_owned);
    let v = page.form.values.clone();
    view! {
        {has_errors.then(|| view! { <Title text="Error: People who can act for you"/> })}
        <ErrorSummary errors=errors.clone()/>
        {page.done.clone().map(|m| view! {
            <NotificationBanner title="Done" success=true>
                <p class="notification-banner-heading">{m}</p>
            </NotificationBanner>
        })}
        <h1 class="heading-l">"People who can act for you"</h1>
        <p>"Someone you trust, such as a person you live with, a relative or an advice worker, can act for you on Doorstep. They only see and do what you allow, and you can stop it at any time."</p>
        {if page.people.is_empty() {
            view! { <p>"Nobody can act for you at the moment."</p> }.into_any()
        } else {
            view! {
                <ul class="task-list">
                    {page.people.iter().map(|p| view! {
                        <li class="task">
                            <p class="task-title">{p.name.clone()}{(!p.relationship.is_empty()).then(|| format!(", {}", p.relationship.to_lowercase()))}</p>
                            <p>{format!("{}: {}. {}.", p.scope, p.until, p.given)}</p>
                            <p class="hint">{p.email.clone()}</p>
                            <form method="post" action=crate::api::permissions::WithdrawPermission::PATH>
                                <input type="hidden" name="id" value=p.id.to_string()/>
                                <button type="submit" class="button button-warning">"Stop "{p.name.clone()}" acting for me"</button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!page.invitations.is_empty()).then(|| view! {
            <h2 class="heading-m">"Invitations waiting"</h2>
            <ul class="task-list">
                {page.invitations.iter().map(|i| view! {
                    <li class="task">
                        <p class="task-title">{format!("{} ({})", i.name, i.email)}</p>
                        <p>{format!("{}. The link works until {}.", i.scope, i.expires)}</p>
                        <form method="post" action=crate::api::permissions::CancelInvitation::PATH>
                            <input type="hidden" name="id" value=i.id.to_string()/>
                            <button type="submit" class="button button-secondary">"Cancel the invitation to "{i.name.clone()}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <h2 class="heading-m" id="invite">"Invite someone"</h2>
        <p>"We email them a link. Once they accept, they can act for you in what you choose."</p>
        <form method="post" action=crate::api::permissions::InviteSomeone::PATH novalidate>
            <TextInput name="name" label="Their full name" value=v.name.clone() error=error("name")/>
            <TextInput name="email" label="Their email address" value=v.email.clone() error=error("email") input_type="email"/>
            <Choices
                name="relationship"
                legend="Who are they to you?"
                choices=RELATIONSHIPS.iter().map(|(c, l)| Choice::new(*c, *l)).collect()
                selected=vec![v.relationship.clone()]
                error=error("relationship")
            />
            <Choices
                name="scope"
                legend="What may they do for you?"
                choices=SCOPES.iter().map(|(c, l, h)| Choice::new(*c, *l).with_hint(*h)).collect()
                selected=vec![v.scope.clone()]
                error=error("scope")
            />
            <DateInput
                name="ends"
                legend="Last day they may act for you (optional)"
                hint="Leave empty to allow it until you stop it. For example, 31 3 2027"
                values=(v.ends_day.clone(), v.ends_month.clone(), v.ends_year.clone())
                error=error("ends")
            />
            <SubmitButton text="Send the invitation"/>
        </form>
    }
}

#[component]
pub fn InvitationPageView() -> impl IntoView {
    let token = leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("token").unwrap_or_default());
    view! {
        <Layout title="An invitation to act for someone">
            <Load future=get_invitation(token.clone()) let:page>
                {
                    let errors = page.form.errors.clone();
                    let error = |field: &str| errors.for_field(field).map(str::to_owned);
                    let token = token.clone();
                    match page.state.clone() {
                        InvitationState::NotValid => view! {
                            <h1 class="heading-l">"This link does not work"</h1>
                            <p>"The invitation has expired, was cancelled, or the link was not copied in full. Ask the person who invited you to send a new one."</p>
                        }.into_any(),
                        InvitationState::Accepted { resident } => {
                            let done = format!("You can now act for {resident}.");
                            let heading = format!("You can act for {resident}");
                            view! {
                            <NotificationBanner title="Done" success=true>
                                <p class="notification-banner-heading">{done}</p>
                            </NotificationBanner>
                            <h1 class="heading-l">{heading}</h1>
                            <p>"Start from "<a href="/cases">"Your contacts"</a>", "<a href="/repairs">"Repairs"</a>" or "<a href="/documents">"Documents"</a>", as far as your permission goes."</p>
                            }.into_any()
                        }
                        InvitationState::Open { resident, name, email, scope, until, viewer } => {
                            let action = match viewer {
                                Viewer::Invited => view! {
                                    <form method="post" action=crate::api::permissions::AcceptInvitation::PATH>
                                        <input type="hidden" name="token" value=token.clone()/>
                                        <SubmitButton text="Accept"/>
                                    </form>
                                }.into_any(),
                                Viewer::HasAccount => view! {
                                    <p>
                                        "You already have an account with this email address. "
                                        <a href=crate::domain::navigation::sign_in_returning_to(&format!("/invitations/{token}"))>"Sign in to accept"</a>
                                        "."
                                    </p>
                                }.into_any(),
                                Viewer::Other { reason } => view! { <p>{reason}</p> }.into_any(),
                                Viewer::NewPerson => view! {
                                    <ErrorSummary errors=errors.clone()/>
                                    <h2 class="heading-m">"Set up your account to accept"</h2>
                                    <form method="post" action=crate::api::permissions::AcceptInvitation::PATH novalidate>
                                        <input type="hidden" name="token" value=token.clone()/>
                                        <p>{format!("Your email address: {email}")}</p>
                                        <TextInput name="display_name" label="Your full name" value=name.clone() error=error("display_name") autocomplete="name"/>
                                        <TextInput name="password" label="Choose a password" hint=PASSWORD_HINT error=error("password") input_type="password" autocomplete="new-password"/>
                                        <SubmitButton text="Set up my account and accept"/>
                                    </form>
                                }.into_any(),
                            };
                            view! {
                                <h1 class="heading-l">{format!("{resident} has asked you to act for them")}</h1>
                                <p>{format!("You may act for {resident} in: {}. {until}.", scope.to_lowercase())}</p>
                                <p>"Everything you do for them is recorded as done by you on their behalf, and they can stop it at any time."</p>
                                {action}
                            }.into_any()
                        }
                    }
                }
            </Load>
        </Layout>
    }
}

/// An advocate's first page in an area (repairs, documents): the residents whose permission
/// covers it, each a link to `{path}?for={person}` named "{area} for {name}", or how a resident
/// gives permission when nobody has.
#[component]
pub fn ChooseResident(
    people: Vec<crate::api::repairs::Offered>,
    /// "Repairs", "Documents": the heading and the start of each link.
    area: &'static str,
    path: &'static str,
    /// What permission allows here, ending the sentence "Nobody has given you permission to ...".
    nobody: &'static str,
    /// The sentence above the list.
    choose: &'static str,
) -> impl IntoView {
    let landlord = crate::site::site().profile.landlord.clone();
    view! {
        <h1 class="heading-l">{area}</h1>
        {if people.is_empty() {
            view! { <p>{format!("Nobody has given you permission to {nobody}. A resident can give it from their account, or by phoning us on ")} <a href=crate::components::content::tel_href(&landlord.phone)>{landlord.phone.clone()}</a> "."</p> }.into_any()
        } else {
            view! {
                <p>{choose}</p>
                <ul class="list">
                    {people.into_iter().map(|p| view! {
                        <li>
                            <a href=format!("{path}?for={}", p.value)>{format!("{area} for {}", p.label)}</a>
                            {p.hint.map(|h| view! { <br/><span class="hint">{h}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
