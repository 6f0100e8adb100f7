//! "Your documents" and a service-charge statement, for residents and their advocates.

use crate::api::documents::*;
use crate::components::content::tel_href;
use crate::components::content::{BackLink, StatusTag, SummaryList, SummaryRow, TagColour};
use crate::components::fields::SubmitButton;
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn as _;

fn query(name: &str) -> Option<String> {
    use_query_map()
        .with_untracked(|q| q.get(name))
        .filter(|v| !v.is_empty())
}

#[component]
pub fn YourDocumentsPage() -> impl IntoView {
    view! {
        <Layout title="Your documents">
            <Load future=get_your_documents(query("for")) let:page>
                <Documents page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Documents(page: YourDocuments) -> impl IntoView {
    let landlord = crate::site::site().profile.landlord.clone();
    let phone = view! { <a href=tel_href(&landlord.phone)>{landlord.phone.clone()}</a> };
    if let Some(people) = page.represented.clone() {
        return view! {
            <super::permissions::ChooseResident
                people
                area="Documents"
                path="/documents"
                nobody="read their documents"
                choose="Choose whose documents to read. You can read them while the resident's permission lasts."
            />
        }
        .into_any();
    }
    let heading = match &page.acting_for {
        Some(name) => format!("Documents for {name}"),
        None => "Your documents".to_owned(),
    };
    let new_words = match (page.new_count, &page.last_visit) {
        (_, None) => None,
        (0, Some(when)) => Some(format!("Nothing new since you last looked, on {when}.")),
        (1, Some(when)) => Some(format!(
            "1 document is new since you last looked, on {when}."
        )),
        (n, Some(when)) => Some(format!(
            "{n} documents are new since you last looked, on {when}."
        )),
    };
    view! {
        {page.acting_for.clone().map(|name| view! { <span class="caption">{format!("Acting for {name}")}</span> })}
        <h1 class="heading-l">{heading}</h1>
        {if page.no_home {
            view! { <p>"We have no current tenancy or lease for this account, so there are no documents to show. If that is wrong, phone us on " {phone} "."</p> }.into_any()
        } else {
            view! {
                {new_words.map(|w| view! { <p role="status">{w}</p> })}
                {query("received").is_some().then(|| view! {
                    <p role="status">"Thank you. We have recorded that you received your fire safety instructions this year."</p>
                })}
                {(!page.statements.is_empty()).then(|| view! {
                    <h2 class="heading-m">"Service charges"</h2>
                    <p>"What your building and estate cost to run, line by line, and your share."</p>
                    <ul class="list">
                        {page.statements.iter().map(|s| view! {
                            <li><a href=s.href.clone()>{s.title.clone()}</a><br/><span class="hint">{format!("Your share: {}", s.your_share)}</span></li>
                        }).collect_view()}
                    </ul>
                })}
                {if page.groups.is_empty() {
                    view! { <p>"There are no documents for you yet."</p> }.into_any()
                } else {
                    page.groups.iter().map(|g| view! {
                        <h2 class="heading-m">{g.title.clone()}</h2>
                        {g.categories.iter().map(|c| view! {
                            <h3 class="heading-s">{c.label.clone()}</h3>
                            <p class="hint">{c.explained.clone()}</p>
                            <ul class="list document-list">
                                {c.items.iter().map(|d| view! {
                                    <li class="document-item">
                                        <a href=d.href.clone() download="">{d.title.clone()}<span class="visually-hidden">{format!(" ({})", d.file)}</span></a>
                                        {d.is_new.then(|| view! { " " <StatusTag text="New" colour=TagColour::Green/> })}
                                        <br/><span class="hint">{format!("{}. From {}.", d.file, d.effective)}{d.review.clone().map(|r| format!(" Next review {r}."))}</span>
                                        {d.received.clone().map(|r| view! { <br/><span class="hint">{r}"."</span> })}
                                        {d.ask_received.then(|| view! {
                                            <form method="post" action=crate::api::documents::ConfirmDocumentReceived::PATH>
                                                <input type="hidden" name="reference" value=d.reference.clone()/>
                                                <SubmitButton text="I have received and read this" secondary=true/>
                                            </form>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }).collect_view()}
                    }).collect_view().into_any()
                }}
                <p>"Cannot find something, or need a document in large print or another format? Phone us on " {phone} "."</p>
            }.into_any()
        }}
    }
    .into_any()
}

#[component]
pub fn StatementPage() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| p.get("reference").unwrap_or_default());
    view! {
        <Layout title="Service charges">
            <Load future=get_service_charge_statement(reference.clone(), query("for")) let:page>
                <Statement page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Statement(page: ChargeStatement) -> impl IntoView {
    let v = page.view.clone();
    let title = format!("{} for {}", v.kind_label, v.place);
    let compared = v.compared_with.clone();
    let mut rows = vec![
        SummaryRow::new("Year", v.year.clone()),
        SummaryRow::new("Your share", v.total_share.clone()),
        SummaryRow::new(format!("Total for {}", v.place), v.building_total.clone()),
    ];
    if let (Some(label), Some(total)) = (&compared, &v.other_total) {
        rows.push(SummaryRow::new(label.clone(), total.clone()));
    }
    rows.push(SummaryRow::new("Published", v.published.clone()));
    view! {
        <leptos_meta::Title text=format!("{title} - {}", v.year)/>
        <BackLink href=page.back.clone()/>
        {page.acting_for.clone().map(|name| view! { <span class="caption">{format!("Acting for {name}")}</span> })}
        <h1 class="heading-l">{title.clone()}</h1>
        <SummaryList rows/>
        <p>{v.how_shared.clone()}</p>
        {v.balance.clone().map(|(title, words)| view! {
            <div class="inset">
                <h2 class="heading-m">{title}</h2>
                <p>{words}</p>
            </div>
        })}
        <h2 class="heading-m">"Your share, line by line"</h2>
        <ol class="list charge-lines">
            {v.lines.iter().map(|l| {
                let id = l.position.map(|p| format!("line-{p}"));
                view! {
                    <li class="charge-line" id=id>
                        <h3 class="heading-s">{l.heading.clone()}</h3>
                        <p>{l.explanation.clone()}</p>
                        <dl class="summary-list charge-figures">
                            <div class="summary-row"><dt class="summary-key">"Your share"</dt><dd class="summary-value">{l.share.clone()}</dd></div>
                            <div class="summary-row"><dt class="summary-key">"Total cost"</dt><dd class="summary-value">{l.total.clone()}</dd></div>
                            {l.other.clone().zip(compared.clone()).map(|(o, label)| view! {
                                <div class="summary-row"><dt class="summary-key">{label}</dt><dd class="summary-value">{o} {l.change.clone().map(|c| view! { <br/><span class="hint">{c}</span> })}</dd></div>
                            })}
                        </dl>
                        {l.ask_href.clone().map(|href| view! {
                            <p><a href=href>"Ask about this line" <span class="visually-hidden">{format!(": {}", l.heading)}</span></a></p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
        <h2 class="heading-m">"Keep a copy"</h2>
        <ul class="list">
            <li><a href=page.print_href.clone()>"Printable version"</a></li>
            <li><a href=page.csv_href.clone() download="">"Download as a spreadsheet (CSV)"</a></li>
        </ul>
    }
}
