//! Administration pages: staff accounts, teams and the audit trail. The development mailbox.

use crate::api::admin::{
    get_audit_trail, get_mailbox, get_staff_page, get_teams_page, StaffPage, TeamView, TeamsPage,
};
use crate::components::content::{NotificationBanner, Pagination};
use crate::components::fields::{Choice, Choices, ErrorSummary, Select, SubmitButton, TextInput};
use crate::domain::housing::Role;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn as _;

/// Roles an account is invited with (a contractor's with its firm).
fn staff_roles() -> impl Iterator<Item = Role> {
    Role::ALL.iter().copied().filter(|r| r.is_colleague())
}

/// Roles an account may be changed to: a contractor's account stays tied to its firm.
fn changeable_roles() -> impl Iterator<Item = Role> {
    staff_roles().filter(|r| *r != Role::Contractor)
}

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let done = use_query_map().with_untracked(|q| q.get("done").unwrap_or_default());
    view! {
        <Layout title="Staff accounts">
            <Load future=get_staff_page() let:page>
                <StaffAccounts page done=done.clone()/>
            </Load>
        </Layout>
    }
}

#[component]
fn StaffAccounts(page: StaffPage, done: String) -> impl IntoView {
    let form = page.form;
    let error = |field: &str| form.errors.for_field(field).map(str::to_owned);
    let banner = match done.as_str() {
        "invited" => Some("Account created. We have emailed your colleague a link to choose a password."),
        "changed" => Some("Account changed. Their sessions have ended, so the change applies from their next sign-in."),
        _ => None,
    };
    let choices = staff_roles()
        .map(|r| Choice::new(r.as_str(), r.label()))
        .collect();
    let selected = if form.values.role.is_empty() {
        vec![]
    } else {
        vec![form.values.role.clone()]
    };
    view! {
        {(!form.errors.is_empty()).then(|| view! { <Title text="Error: Staff accounts"/> })}
        <ErrorSummary errors=form.errors.clone()/>
        {banner.map(|m| view! {
            <NotificationBanner title="Done" success=true>
                <p class="notification-banner-heading">{m}</p>
            </NotificationBanner>
        })}
        <h1 class="heading-l">"Staff accounts"</h1>
        <div class="table-wrap">
        <table class="table">
            <caption class="visually-hidden">"Every staff account"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody>
                {page.staff.into_iter().map(|m| {
                    let status = if m.disabled { "Disabled" } else if m.invited { "Invited" } else { "Active" };
                    let role_id = format!("role-{}", m.id);
                    let contractor = m.role == Role::Contractor;
                    let change = (!m.is_you).then(|| view! {
                        {contractor.then(|| view! { {m.role.label()} " " })}
                        <form method="post" action=crate::api::admin::ChangeStaff::PATH class="inline-form" hidden=contractor>
                            <input type="hidden" name="id" value=m.id.to_string()/>
                            <label class="visually-hidden" for=role_id.clone()>{format!("Role for {}", m.display_name)}</label>
                            <select class="select" id=role_id name="role">
                                {changeable_roles().map(|r| view! {
                                    <option value=r.as_str() selected=r == m.role>{r.label()}</option>
                                }).collect_view()}
                            </select>
                            " "
                            <button type="submit" class="link-button">
                                "Change role" <span class="visually-hidden">{format!(" for {}", m.display_name)}</span>
                            </button>
                        </form>
                        <form method="post" action=crate::api::admin::ChangeStaff::PATH class="inline-form">
                            <input type="hidden" name="id" value=m.id.to_string()/>
                            <input type="hidden" name="disabled" value=if m.disabled { "false" } else { "true" }/>
                            <button type="submit" class="link-button">
                                {if m.disabled { "Enable" } else { "Disable" }}
                                <span class="visually-hidden">{format!(" {}", m.display_name)}</span>
                            </button>
                        </form>
                    });
                    view! {
                        <tr>
                            <td>{m.display_name.clone()}</td>
                            <td>{m.email.clone()}</td>
                            <td>{if m.is_you { view! { {m.role.label()} " (you)" }.into_any() } else { change.into_any() }}</td>
                            <td>{status}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>

        <h2 class="heading-m">"Add a member of staff"</h2>
        <form method="post" action=crate::api::admin::CreateStaff::PATH novalidate>
            <TextInput name="name" label="Full name" value=form.values.name.clone() error=error("name") autocomplete="off"/>
            <TextInput
                name="email"
                label="Work email address"
                hint="We will email a link to choose a password. It works for 7 days."
                value=form.values.email.clone()
                error=error("email")
                input_type="email"
                autocomplete="off"
            />
            <Choices name="role" legend="Role" choices selected error=error("role")/>
            {(!page.firms.is_empty()).then(|| view! {
                <Select name="firm" label="Firm (contractors only)" options=page.firms.clone() selected=form.values.firm.clone() empty="Not a contractor" hint="A contractor sees only the repairs given to their firm" error=error("firm")/>
            })}
            <SubmitButton text="Create account"/>
        </form>
        <p><a href="/admin/firms">"Contractor firms"</a></p>
        <p><a href="/admin/teams">"Teams, managers and where new cases go"</a></p>
        <p><a href="/admin/audit">"View the audit trail"</a></p>
    }
}

#[component]
pub fn TeamsAdminPage() -> impl IntoView {
    view! {
        <Layout title="Teams">
            <Load future=get_teams_page() let:page>
                <Teams page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Teams(page: TeamsPage) -> impl IntoView {
    let form = page.form;
    let errors = form.errors.clone();
    let error = move |field: &str| errors.for_field(field).map(str::to_owned);
    let team_choices: Vec<(String, String)> = page
        .teams
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()))
        .collect();
    let routes = page.routes.into_iter().map(|r| {
        let id = format!("route-{}", r.kind);
        let problem = error(&id);
        let invalid = problem.is_some();
        let error_id = format!("{id}-error");
        view! {
            <tr>
                <th scope="row">{r.label.clone()}</th>
                <td>
                    <form method="post" action=crate::api::admin::RouteKind::PATH class="inline-form" class:field-error=invalid>
                        <input type="hidden" name="kind" value=r.kind.clone()/>
                        {problem.clone().map(|e| view! { <p id=error_id.clone() class="error-message"><span class="visually-hidden">"Error: "</span>{e}</p> })}
                        <label class="visually-hidden" for=id.clone()>{format!("Team for new {}", r.label.to_lowercase())}</label>
                        <select class="select" id=id name="team" aria-describedby=problem.map(|_| error_id)>
                            <option value="" selected=r.team.is_empty()>"No team in particular"</option>
                            {team_choices.iter().map(|(value, label)| view! {
                                <option value=value.clone() selected=*value == r.team>{label.clone()}</option>
                            }).collect_view()}
                        </select>
                        " "
                        <button type="submit" class="link-button">
                            "Save" <span class="visually-hidden">{format!(" where new {} go", r.label.to_lowercase())}</span>
                        </button>
                    </form>
                </td>
            </tr>
        }
    }).collect_view();
    let teams = page
        .teams
        .into_iter()
        .map(|t| view! { <TeamSection team=t error=error.clone()/> })
        .collect_view();
    view! {
        {(!form.errors.is_empty()).then(|| view! { <Title text="Error: Teams"/> })}
        <ErrorSummary errors=form.errors.clone()/>
        {page.done.map(|m| view! {
            <NotificationBanner title="Done" success=true>
                <p class="notification-banner-heading">{m}</p>
            </NotificationBanner>
        })}
        <h1 class="heading-l">"Teams"</h1>
        <p>"Every case belongs to a team, and new cases of each kind go to the team chosen here. A team's managers see its work and are told about compliments to its colleagues."</p>

        <h2 class="heading-m">"Where new cases go"</h2>
        <div class="table-wrap">
        <table class="table">
            <caption class="visually-hidden">"The team each kind of new case goes to"</caption>
            <thead><tr><th scope="col">"New"</th><th scope="col">"Go to"</th></tr></thead>
            <tbody>{routes}</tbody>
        </table>
        </div>

        {teams}

        <h2 class="heading-m">"Create a team"</h2>
        <form method="post" action=crate::api::admin::CreateTeam::PATH novalidate>
            <TextInput name="name" label="Team name" value=form.values.clone() error=error("name") autocomplete="off"/>
            <SubmitButton text="Create team"/>
        </form>
        <p><a href="/admin/staff">"Staff accounts"</a></p>
    }
}

#[component]
fn TeamSection<E>(team: TeamView, error: E) -> impl IntoView
where
    E: Fn(&str) -> Option<String> + 'static,
{
    let field = format!("member-{}", team.id);
    let problem = error(&field);
    let invalid = problem.is_some();
    let error_id = format!("{field}-error");
    let team_id = team.id.to_string();
    let routed = if team.routed.is_empty() {
        "No kind of new case comes here by default.".to_owned()
    } else {
        format!("New {} come here.", team.routed.join(", ").to_lowercase())
    };
    let name = team.name.clone();
    let team_name = team.name.clone();
    let members = team.members.into_iter().map(|m| {
        let who = m.name.clone();
        let change = |value: &'static str, text: &'static str| view! {
            <form method="post" action=crate::api::admin::ChangeTeamMember::PATH class="inline-form">
                <input type="hidden" name="team" value=team_id.clone()/>
                <input type="hidden" name="account" value=m.account_id.to_string()/>
                <input type="hidden" name="change" value=value/>
                <button type="submit" class="link-button">
                    {text} <span class="visually-hidden">{format!(" for {who} in {team_name}")}</span>
                </button>
            </form>
        };
        view! {
            <tr>
                <td>{m.name.clone()}{m.disabled.then_some(" (account disabled)")}</td>
                <td>{m.role.label()}</td>
                <td>{if m.manager { "Manager" } else { "Member" }}</td>
                <td>
                    {if m.manager { change("not_manager", "No longer manager") } else { change("manager", "Make manager") }}
                    " "
                    {change("remove", "Take out of team")}
                </td>
            </tr>
        }
    }).collect_view();
    view! {
        <h2 class="heading-m">{name.clone()}</h2>
        <p>{routed}</p>
        <div class="table-wrap">
        <table class="table">
            <caption class="visually-hidden">{format!("Colleagues in {name}")}</caption>
            <thead><tr><th scope="col">"Colleague"</th><th scope="col">"Role"</th><th scope="col">"In the team as"</th><th scope="col">"Change"</th></tr></thead>
            <tbody>{members}</tbody>
        </table>
        </div>
        {(!team.joinable.is_empty()).then(|| view! {
            <form method="post" action=crate::api::admin::AddToTeam::PATH novalidate>
                <input type="hidden" name="team" value=team.id.to_string()/>
                <div class="field" class:field-error=invalid>
                    <label class="label" for=field.clone()>{format!("Add a colleague to {name}")}</label>
                    {problem.clone().map(|e| view! { <p id=error_id.clone() class="error-message"><span class="visually-hidden">"Error: "</span>{e}</p> })}
                    <select class="select" id=field.clone() name="account" aria-describedby=problem.map(|_| error_id.clone())>
                        <option value="">"Choose a colleague"</option>
                        {team.joinable.iter().map(|o| view! { <option value=o.value.clone()>{o.label.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">
                    "Add to team" <span class="visually-hidden">{format!(" {name}")}</span>
                </button>
            </form>
        })}
    }
}

#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let page = use_query_map()
        .with_untracked(|q| q.get("page").and_then(|p| p.parse::<i64>().ok()))
        .unwrap_or(1);
    view! {
        <Layout title="Audit trail">
            <Load future=get_audit_trail(page) let:trail>
                <h1 class="heading-l">"Audit trail"</h1>
                <p>"Every sign-in, failed attempt, password change, role change and access by staff to a resident's data, newest first. Nothing here can be changed or deleted."</p>
                // Focusable, so that a keyboard can scroll a table wider than the screen.
                <div class="table-wrap" tabindex="0" role="region" aria-label="Audit trail">
                    <table class="table">
                        <caption class="visually-hidden">{format!("Audit trail, page {} of {}", trail.page, trail.pages)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"Who"</th>
                                <th scope="col">"What"</th>
                                <th scope="col">"For whom"</th>
                                <th scope="col">"Details"</th>
                                <th scope="col">"From"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {trail.lines.into_iter().map(|l| view! {
                                <tr>
                                    <td>{l.when}</td>
                                    <td>{l.who}</td>
                                    <td>{l.action}</td>
                                    <td>{l.for_whom.unwrap_or_default()}</td>
                                    <td>{[l.subject, l.detail].into_iter().flatten().collect::<Vec<_>>().join(": ")}</td>
                                    <td>{l.address.unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <Pagination current=trail.page as usize total=trail.pages as usize href=|p| format!("/admin/audit?page={p}")/>
            </Load>
        </Layout>
    }
}

/// Development mode only: the emails Doorstep has queued, so that a link can be followed
/// without a mail server.
#[component]
pub fn MailboxPage() -> impl IntoView {
    view! {
        <Layout title="Mailbox (development)">
            <Load future=get_mailbox() let:messages>
                <h1 class="heading-l">"Mailbox"</h1>
                <p>"Development mode only: the emails Doorstep has sent, newest first. They are also written as .eml files under data/outbox/."</p>
                {use_query_map().with_untracked(|q| q.get("reminders")).map(|n| view! {
                    <p class="body" role="status">{format!("Visit reminders sent: {n}.")}</p>
                })}
                <form method="post" action=crate::api::admin::SendRemindersNow::PATH class="inline-form">
                    <p class="body">"Visit reminders go the evening before each visit. To see one now: "
                        <button type="submit" class="button button-secondary">"Send the coming week's visit reminders now"</button>
                    </p>
                </form>
                {if messages.is_empty() {
                    view! { <p>"No emails yet."</p> }.into_any()
                } else {
                    messages.into_iter().map(|m| view! {
                        <article class="mail">
                            <h2 class="heading-s">{m.subject.clone()}</h2>
                            <p class="hint">"To " {m.to.clone()} ", " {m.queued.clone()} {if m.sent { "" } else { " (not sent yet)" }}</p>
                            <div class="mail-body">
                                {m.body.lines().map(|line| {
                                    let line = line.to_owned();
                                    if line.starts_with("http://") || line.starts_with("https://") {
                                        view! { <p><a href=line.clone()>{line.clone()}</a></p> }.into_any()
                                    } else {
                                        view! { <p>{line}</p> }.into_any()
                                    }
                                }).collect_view()}
                            </div>
                        </article>
                    }).collect_view().into_any()
                }}
            </Load>
        </Layout>
    }
}

#[component]
pub fn FirmsAdminPage() -> impl IntoView {
    view! {
        <Layout title="Contractor firms">
            <Load future=crate::api::admin::get_firms_page() let:page>
                <Firms page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Firms(page: crate::api::admin::FirmsPage) -> impl IntoView {
    let form = page.form;
    let error = |field: &str| form.errors.for_field(field).map(str::to_owned);
    view! {
        {(!form.errors.is_empty()).then(|| view! { <Title text="Error: Contractor firms"/> })}
        <ErrorSummary errors=form.errors.clone()/>
        {page.done.clone().map(|d| view! {
            <NotificationBanner title="Done" success=true><p class="notification-banner-heading">{d}</p></NotificationBanner>
        })}
        <h1 class="heading-l">"Contractor firms"</h1>
        <p class="body">"A repair given to a firm is seen and worked by the firm's colleagues, and by nobody else outside the office. Invite a firm's colleagues on the " <a href="/admin/staff">"staff accounts"</a> " page, choosing the role Contractor and their firm."</p>
        {if page.firms.is_empty() {
            view! { <p class="body">"No firms yet."</p> }.into_any()
        } else {
            view! {
                <ul class="list">
                    {page.firms.iter().map(|f| view! {
                        <li class="panel">
                            <h2 class="heading-s">{f.name.clone()}</h2>
                            <p class="body">{f.phone.clone()}{f.email.clone().map(|e| format!(", {e}"))}</p>
                            <p class="hint">{if f.colleagues.is_empty() { "No colleagues yet".to_owned() } else { format!("Colleagues: {}", f.colleagues.join(", ")) }}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2 class="heading-m">"Add a firm"</h2>
        <form method="post" action=crate::api::admin::CreateFirm::PATH novalidate>
            <TextInput name="name" id="firm_name" label="Name" value=form.values.name.clone() error=error("firm_name") autocomplete="organization"/>
            <TextInput name="phone" id="firm_phone" label="Phone number" value=form.values.phone.clone() error=error("firm_phone") input_type="tel" width="width-20"/>
            <TextInput name="email" id="firm_email" label="Email address (optional)" value=form.values.email.clone() error=error("firm_email") input_type="email"/>
            <SubmitButton text="Add the firm"/>
        </form>
    }
}
