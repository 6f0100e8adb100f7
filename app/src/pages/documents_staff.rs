//! Documents and service charges for staff: the list, upload, a document's page, the yearly
//! safety information list, and service-charge statements.

use crate::api::documents_staff::*;
use crate::api::repairs::Offered;
use crate::components::content::{BackLink, NotificationBanner, PrevNext, SummaryList, SummaryRow};
use crate::components::fields::Select;
use crate::components::fields::{
    Choice, Choices, DateInput, ErrorSummary, FileUpload, SubmitButton, TextArea, TextInput,
};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn as _;

fn q(name: &str) -> Option<String> {
    use_query_map()
        .with_untracked(|q| q.get(name))
        .filter(|v| !v.is_empty())
}

fn param(name: &str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

fn choices(options: &[Offered]) -> Vec<Choice> {
    options
        .iter()
        .map(|o| Choice::new(o.value.clone(), o.label.clone()))
        .collect()
}

#[component]
pub fn StaffDocumentsPage() -> impl IntoView {
    let page = q("page").and_then(|p| p.parse::<i64>().ok());
    view! {
        <Layout title="Documents">
            <Load future=get_staff_documents(q("status"), q("place"), page) let:page>
                <DocumentList page/>
            </Load>
        </Layout>
    }
}

#[component]
fn DocumentList(page: StaffDocuments) -> impl IntoView {
    let query = format!("status={}&place={}", page.status, page.place);
    let link = move |n: i64| format!("/staff/documents?{query}&page={n}");
    let previous = (page.page > 1).then(|| link(page.page - 1));
    let next = (page.page < page.pages).then(|| link(page.page + 1));
    view! {
        <h1 class="heading-l">"Documents"</h1>
        <ul class="list">
            {page.may_upload.then(|| view! { <li><a href="/staff/documents/new">"Upload a document"</a></li> })}
            <li><a href="/staff/documents/safety">"Fire safety instructions: who has not had this year's"</a></li>
            <li><a href="/staff/service-charges">"Service-charge statements"</a></li>
        </ul>
        <form method="get" action="/staff/documents" class="filters">
            <Select name="status" label="Status" options=page.statuses.clone() selected=page.status.clone()/>
            <Select name="place" label="Building or estate" options=page.places.clone() selected=page.place.clone()/>
            <button type="submit" class="button button-secondary">"Filter"</button>
        </form>
        <p role="status">{format!("{} documents. Page {} of {}.", page.total, page.page, page.pages)}</p>
        <ul class="list case-list">
            {page.lines.iter().map(|d| view! {
                <li class="case-item">
                    <a href=format!("/staff/documents/{}", d.reference)><strong>{d.title.clone()}</strong></a>
                    <br/>{format!("{} for {}. {}.", d.category, d.place, d.audience)}
                    <br/><span class="hint">{format!("From {}.", d.effective)}{d.review.clone().map(|r| format!(" Review {r}."))}{format!(" Uploaded {}.", d.uploaded)}</span>
                </li>
            }).collect_view()}
        </ul>
        <PrevNext previous next/>
    }
}

/// The fields shared by uploading and replacing.
#[component]
fn UploadFields(form: UploadForm, new: bool) -> impl IntoView {
    let e = |f: &str| form.errors.for_field(f).map(str::to_owned);
    let v = form.values.clone();
    view! {
        <input type="hidden" name="token" value=v.token.clone()/>
        <input type="hidden" name="replaces" value=v.replaces.clone()/>
        {new.then(|| view! {
            <Select empty="Choose" name="category" label="What kind of document is it?" options=form.categories.clone() selected=v.category.clone() error=e("category")/>
        })}
        <TextInput name="title" label="Title" hint="What residents will see, like \"Fire risk assessment 2026, Alder Court\"" value=v.title.clone() error=e("title")/>
        {new.then(|| view! {
            <Select empty="Choose" name="place" label="Building or estate" hint="Leave this and enter a reference below for one home's document" options=form.places.clone() selected=v.place.clone() error=e("place")/>
            <TextInput name="tenancy_reference" label="Or a tenancy or lease reference (optional)" hint=format!("For a tenancy agreement, lease, letter or one home's safety record. {}", crate::site::site().profile.landlord.reference_for_example()) value=v.tenancy_reference.clone() error=e("tenancy_reference") width="width-10"/>
        })}
        <Choices name="audience" legend="Who may read it?" choices=choices(&form.audiences) selected=vec![v.audience.clone()] error=e("audience")/>
        <DateInput name="effective" legend="Date it takes effect" hint="For example, 1 4 2026" values=(v.effective_day.clone(), v.effective_month.clone(), v.effective_year.clone()) error=e("effective")/>
        <DateInput name="review" legend="Review or expiry date (optional)" hint="When it must be checked or renewed, like 1 4 2027" values=(v.review_day.clone(), v.review_month.clone(), v.review_year.clone()) error=e("review")/>
        {form.pending.clone().map(|p| view! { <p class="inset">{format!("File chosen: {p}. Choose another file only to change it.")}</p> })}
        <FileUpload name="file" label=if form.pending.is_some() { "Choose a different file (optional)" } else { "The file" } hint="PDF, JPEG or PNG, smaller than 25 MB" error=e("file") accept="application/pdf,image/jpeg,image/png"/>
    }
}

#[component]
pub fn UploadDocumentPage() -> impl IntoView {
    view! {
        <Layout title="Upload a document">
            <Load future=get_upload_form() let:form>
                <Upload form/>
            </Load>
        </Layout>
    }
}

#[component]
fn Upload(form: UploadForm) -> impl IntoView {
    view! {
        {(!form.errors.is_empty()).then(|| view! { <leptos_meta::Title text="Error: Upload a document"/> })}
        <ErrorSummary errors=form.errors.clone()/>
        <BackLink href="/staff/documents"/>
        <h1 class="heading-l">"Upload a document"</h1>
        <form method="post" action="/staff/documents/upload" enctype="multipart/form-data" novalidate>
            <UploadFields form new=true/>
            <SubmitButton text="Upload"/>
        </form>
    }
}

#[component]
pub fn StaffDocumentPage() -> impl IntoView {
    let reference = param("reference");
    view! {
        <Layout title="Document">
            <Load future=get_staff_document(reference.clone()) let:page>
                <StaffDocumentView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn StaffDocumentView(page: StaffDocument) -> impl IntoView {
    let mut rows = vec![
        SummaryRow::new("Reference", page.reference.clone()),
        SummaryRow::new("Kind", page.category.clone()),
        SummaryRow::new("Belongs to", page.place.clone()),
        SummaryRow::new("Who may read it", page.audience.clone()),
        SummaryRow::new("Takes effect", page.effective.clone()),
        SummaryRow::new(
            "Review or expiry",
            page.review.clone().unwrap_or_else(|| "None".into()),
        ),
        SummaryRow::new("Status", page.status.clone()),
        SummaryRow::new("Version", page.version.to_string()),
        SummaryRow::new("Uploaded", page.uploaded.clone()),
        SummaryRow::new("File", page.file.clone()),
        SummaryRow::new("Downloads", page.downloads.to_string()),
    ];
    if let Some(w) = &page.withdrawn {
        rows.push(SummaryRow::new("Withdrawn", w.clone()));
    }
    let mut errors = page.replace.errors.clone();
    if let Some(e) = &page.withdraw_error {
        errors.add("reason", e.clone());
    }
    let reason_error = page.withdraw_error.clone();
    view! {
        {(!errors.is_empty()).then(|| view! { <leptos_meta::Title text=format!("Error: {}", page.title)/> })}
        <ErrorSummary errors=errors.clone()/>
        {page.done.clone().map(|d| view! { <NotificationBanner title="Done" success=true><p>{d}</p></NotificationBanner> })}
        <BackLink href="/staff/documents"/>
        <span class="caption">{page.category.clone()}</span>
        <h1 class="heading-l">{page.title.clone()}</h1>
        <SummaryList rows/>
        <p><a href=format!("/documents/{}/file", page.reference) download="">"Download this version"</a></p>
        {page.replaced_by.clone().map(|r| view! { <p>"Replaced by " <a href=format!("/staff/documents/{r}")>{r.clone()}</a></p> })}
        {(!page.versions.is_empty()).then(|| view! {
            <h2 class="heading-m">"Earlier versions"</h2>
            <ul class="list">
                {page.versions.iter().map(|v| view! {
                    <li><a href=format!("/staff/documents/{}", v.reference)>{format!("Version {}: {}", v.version, v.title)}</a><br/><span class="hint">{format!("{}. Uploaded {}.", v.status, v.uploaded)}</span></li>
                }).collect_view()}
            </ul>
        })}
        {(page.may_manage && page.current).then(|| view! {
            <form method="post" action="/staff/documents/upload" enctype="multipart/form-data" novalidate class="panel action-form">
                <h2 class="heading-m" id="replace">"Upload a new version"</h2>
                <p>"The new version replaces this one for residents. This one is kept, marked as replaced."</p>
                <UploadFields form=page.replace.clone() new=false/>
                <SubmitButton text="Upload new version"/>
            </form>
            <form method="post" action=crate::api::documents_staff::WithdrawDocument::PATH novalidate class="panel action-form">
                <h2 class="heading-m" id="withdraw">"Withdraw"</h2>
                <p>"Residents will no longer see it. It stays here for staff."</p>
                <input type="hidden" name="reference" value=page.reference.clone()/>
                <TextArea name="reason" label="Why is it withdrawn?" error=reason_error limit=500 rows=3/>
                <SubmitButton text="Withdraw document" warning=true/>
            </form>
        })}
    }
}

#[component]
pub fn SafetyInformationPage() -> impl IntoView {
    view! {
        <Layout title="Fire safety instructions">
            <Load future=get_safety_information() let:page>
                <Safety page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Safety(page: SafetyPage) -> impl IntoView {
    use crate::components::content::{StatusTag, TagColour};
    let errors = page.errors.clone();
    let e = |f: &str| errors.for_field(f).map(str::to_owned);
    let how = vec![
        Offered {
            value: "letter".into(),
            label: "By letter".into(),
            hint: None,
        },
        Offered {
            value: "email".into(),
            label: "By email".into(),
            hint: None,
        },
        Offered {
            value: "by_hand".into(),
            label: "By hand".into(),
            hint: None,
        },
    ];
    let due: Vec<Offered> = page
        .lines
        .iter()
        .filter(|l| l.due)
        .map(|l| Offered {
            value: format!("{}:{}", l.person, l.home),
            label: format!("{}, {}", l.name, l.address),
            hint: None,
        })
        .collect();
    view! {
        {(!errors.is_empty()).then(|| view! { <leptos_meta::Title text="Error: Fire safety instructions"/> })}
        <ErrorSummary errors=errors.clone()/>
        {page.done.clone().map(|d| view! { <NotificationBanner title="Done" success=true><p>{d}</p></NotificationBanner> })}
        <BackLink href="/staff/documents"/>
        <h1 class="heading-l">"Fire safety instructions"</h1>
        <p>"Everyone named on a tenancy or lease in a block must be given the fire safety instructions every 12 months. Downloading them from Doorstep counts; record the ones given another way."</p>
        <p role="status">{format!("{} of {} have not had them in the last 12 months.", page.outstanding, page.lines.len())}</p>
        {(page.may_record && !due.is_empty()).then(|| view! {
            <form method="post" action=crate::api::documents_staff::RecordSafetyGiven::PATH novalidate class="panel action-form">
                <h2 class="heading-m">"Record them as given"</h2>
                <Select empty="Choose" name="recipient" label="Who was given them?" options=due.clone() selected=String::new() error=e("recipient")/>
                <Choices name="how" legend="How?" choices=choices(&how) error=e("how")/>
                <DateInput name="given" legend="When?" hint="For example, 2 4 2026" values=page.today.clone() error=e("given")/>
                <SubmitButton text="Record" secondary=true/>
            </form>
        })}
        <ul class="list case-list">
            {page.lines.iter().map(|l| view! {
                <li class="case-item">
                    <strong>{l.name.clone()}</strong>", " {l.address.clone()} ", " {l.block.clone()}
                    <br/><span class="hint">{match &l.last {
                        Some(last) => format!("Last given {last}."),
                        None => "Never recorded as given.".to_owned(),
                    }}</span>
                    " "
                    {if l.due {
                        view! { <StatusTag text="Due" colour=TagColour::Red/> }.into_any()
                    } else {
                        view! { <StatusTag text="Given in the last 12 months" colour=TagColour::Green/> }.into_any()
                    }}
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn StaffStatementsPage() -> impl IntoView {
    view! {
        <Layout title="Service-charge statements">
            <Load future=get_staff_statements() let:page>
                <Statements page/>
            </Load>
        </Layout>
    }
}

#[component]
fn Statements(page: StaffStatements) -> impl IntoView {
    let mut errors = page.errors.clone();
    for p in &page.values.problems {
        errors.add("file", p.to_string());
    }
    let e = |f: &str| page.errors.for_field(f).map(str::to_owned);
    let file_error = if page.values.problems.is_empty() {
        e("file")
    } else {
        Some(format!(
            "The file has {} problems, listed below. Nothing was imported",
            page.values.problems.len()
        ))
    };
    let v = page.values.clone();
    view! {
        {(!errors.is_empty()).then(|| view! { <leptos_meta::Title text="Error: Service-charge statements"/> })}
        <ErrorSummary errors=errors.clone()/>
        <BackLink href="/staff/documents"/>
        <h1 class="heading-l">"Service-charge statements"</h1>
        <ul class="list case-list">
            {page.lines.iter().map(|s| view! {
                <li class="case-item">
                    <a href=format!("/staff/service-charges/{}", s.reference)><strong>{s.title.clone()}</strong></a>
                    " " <crate::components::content::StatusTag text=s.status.clone() colour=if s.status == "Draft" { crate::components::content::TagColour::Yellow } else { crate::components::content::TagColour::Green }/>
                    <br/><span class="hint">{format!("{}. Total {}. Imported {}.", s.reference, s.total, s.imported)}</span>
                </li>
            }).collect_view()}
        </ul>
        {page.may_import.then(|| view! {
            <form method="post" action="/staff/service-charges/import" enctype="multipart/form-data" novalidate class="panel action-form">
                <h2 class="heading-m" id="import">"Import a statement"</h2>
                <p>"A CSV file with the columns heading, amount and explanation, one row a cost. It is checked as a whole: if any row is wrong, nothing is imported and every problem is listed. A new import replaces a draft for the same place, year and kind. Residents see a statement only once it is published."</p>
                <p class="hint">{format!("Cost headings: {}.", page.headings.join(", "))}</p>
                <Select empty="Choose" name="place" label="Building or estate" options=page.places.clone() selected=v.place.clone() error=e("place")/>
                <TextInput name="year" label="Year it starts" hint="The service-charge year runs from April: 2026 means April 2026 to March 2027" value=v.year.clone() error=e("year") width="width-4"/>
                <Choices name="kind" legend="Estimate or year-end account?" choices=choices(&page.kinds) selected=vec![v.kind.clone()] error=e("kind")/>
                <Choices name="method" legend="How are the costs shared between homes?" choices=choices(&page.methods) selected=vec![v.method.clone()] error=e("method")/>
                <FileUpload name="file" label="The CSV file" hint="Saved from a spreadsheet as CSV (UTF-8), smaller than 256 KB" error=file_error accept=".csv,text/csv"/>
                {(!v.problems.is_empty()).then(|| view! {
                    <h3 class="heading-s">"Problems in the file"</h3>
                    <ul class="list list-bullet import-problems">
                        {v.problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
                    </ul>
                })}
                <SubmitButton text="Import"/>
            </form>
        })}
    }
}

#[component]
pub fn StaffStatementPage() -> impl IntoView {
    let reference = param("reference");
    view! {
        <Layout title="Service-charge statement">
            <Load future=get_staff_statement(reference.clone()) let:page>
                <StaffStatementView page/>
            </Load>
        </Layout>
    }
}

#[component]
fn StaffStatementView(page: StaffStatement) -> impl IntoView {
    let mut rows = vec![
        SummaryRow::new("Reference", page.reference.clone()),
        SummaryRow::new("Status", page.status.clone()),
        SummaryRow::new("Shared", page.method.clone()),
        SummaryRow::new("Total", page.total.clone()),
        SummaryRow::new("Imported", page.imported.clone()),
    ];
    if let Some(p) = &page.published {
        rows.push(SummaryRow::new("Published", p.clone()));
    }
    view! {
        {page.done.clone().map(|d| view! { <NotificationBanner title="Done" success=true><p>{d}</p></NotificationBanner> })}
        <BackLink href="/staff/service-charges"/>
        <h1 class="heading-l">{page.title.clone()}</h1>
        <SummaryList rows/>
        {page.may_publish.then(|| view! {
            <form method="post" action=crate::api::documents_staff::PublishStatement::PATH class="panel action-form">
                <h2 class="heading-m">"Publish"</h2>
                <p>"Check the lines and the shares below. Once published, every home with a share sees it, and it cannot be replaced."</p>
                <input type="hidden" name="reference" value=page.reference.clone()/>
                <SubmitButton text="Publish statement"/>
            </form>
        })}
        <h2 class="heading-m">"Lines"</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Lines">
            <table class="table">
                <thead><tr><th scope="col">"Heading"</th><th scope="col">"Amount"</th><th scope="col">"What it pays for"</th></tr></thead>
                <tbody>
                    {page.lines.iter().map(|(h, a, x)| view! { <tr><th scope="row">{h.clone()}</th><td>{a.clone()}</td><td>{x.clone()}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2 class="heading-m">"Each home's share"</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Each home's share">
            <table class="table">
                <thead><tr><th scope="col">"Home"</th><th scope="col">"Shared by"</th><th scope="col">"Share"</th></tr></thead>
                <tbody>
                    {page.homes.iter().map(|(h, by, t)| view! { <tr><th scope="row">{h.clone()}</th><td>{by.clone()}</td><td>{t.clone()}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2 class="heading-m">"Questions from residents"</h2>
        {if page.questions.is_empty() {
            view! { <p>"None yet."</p> }.into_any()
        } else {
            view! {
                <ul class="list">
                    {page.questions.iter().map(|(r, line, who, status)| view! {
                        <li><a href=format!("/staff/cases/{r}")>{r.clone()}</a>{format!(": {who} asked about {line}. {status}.")}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
