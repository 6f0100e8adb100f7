//! The report's details: description, photos, access, check your answers.

use super::*;

#[component]
pub fn DescribePage() -> impl IntoView {
    view! {
        <Layout title="Describe the problem">
            <Load future=get_describe() let:form>
                <Describe form/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn Describe(form: FormState<DescribeValues>) -> impl IntoView {
    let error = form.errors.for_field("description").map(str::to_owned);
    view! {
        <Errors errors=form.errors.clone() title="Describe the problem"/>
        <BackLink href="/repairs/report/question"/>
        <form method="post" action=crate::api::repairs::Describe::PATH novalidate>
            <h1 class="heading-l">"Describe the problem"</h1>
            <TextArea
                name="description"
                label="What is wrong, where exactly, and since when"
                hint="For example: the kitchen tap drips all the time, since last week. It is worse when the hot water is on."
                value=form.values.description.clone()
                error
                limit=DESCRIPTION_LIMIT
                rows=6
            />
            <SubmitButton text="Continue"/>
        </form>
    }
}

#[component]
pub fn PhotosPage() -> impl IntoView {
    view! {
        <Layout title="Add photos">
            <Load future=get_photos() let:page>
                <Photos page/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn Photos(page: PhotosStep) -> impl IntoView {
    let error = page.errors.for_field("photo").map(str::to_owned);
    let count = page.photos.len();
    view! {
        <Errors errors=page.errors.clone() title="Add photos"/>
        <BackLink href="/repairs/report/describe"/>
        <h1 class="heading-l">"Add photos (optional)"</h1>
        <p>"Photos help us send the right person with the right parts. You can add up to 3. We remove the location and camera details before we keep them."</p>
        {(count > 0).then(|| view! {
            <ul class="photo-list">
                {page.photos.iter().enumerate().map(|(i, id)| view! {
                    <li class="photo-item">
                        <img src=format!("/repairs/photos/{id}") alt=format!("Photo {} you added", i + 1) class="photo"/>
                        <form method="post" action=crate::api::repairs::RemovePhoto::PATH>
                            <input type="hidden" name="photo" value=id.to_string()/>
                            <button type="submit" class="link-button">"Remove" <span class="visually-hidden">{format!(" photo {}", i + 1)}</span></button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        })}
        {page.may_add.then(|| view! {
            <form method="post" action="/repairs/report/photos/upload" enctype="multipart/form-data" novalidate>
                <crate::components::fields::FileUpload
                    name="photo"
                    label=if count == 0 { "Choose a photo" } else { "Choose another photo" }
                    hint="JPEG, PNG or WebP, smaller than 10 MB"
                    error
                    accept="image/jpeg,image/png,image/webp"
                />
                <SubmitButton text="Add photo" secondary=true/>
            </form>
        })}
        <p><a href="/repairs/report/access" class="button">{if count == 0 { "Continue without photos" } else { "Continue" }}</a></p>
    }
}

#[component]
pub fn AccessPage() -> impl IntoView {
    view! {
        <Layout title="Getting in and reaching you">
            <Load future=get_access() let:form>
                <Access form/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn Access(form: FormState<AccessValues>) -> impl IntoView {
    let error = |f: &str| form.errors.for_field(f).map(str::to_owned);
    let key_safe: Vec<String> = Some(form.values.key_safe.clone())
        .filter(|k| !k.is_empty())
        .into_iter()
        .collect();
    view! {
        <Errors errors=form.errors.clone() title="Getting in and reaching you"/>
        <BackLink href="/repairs/report/photos"/>
        <h1 class="heading-l">"Getting in and reaching you"</h1>
        <form method="post" action=crate::api::repairs::GiveAccess::PATH novalidate>
            <TextArea
                name="access_times"
                label="When can we come? (optional)"
                hint="For example: not before 10am; not on Wednesdays"
                value=form.values.access_times.clone()
                error=error("access_times")
                limit=NOTE_LIMIT
                rows=3
            />
            <TextArea
                name="pets"
                label="Are there any pets we should know about? (optional)"
                value=form.values.pets.clone()
                error=error("pets")
                limit=NOTE_LIMIT
                rows=2
            />
            <Choices
                name="key_safe"
                legend="Is there a key safe we can use? (optional)"
                choices=vec![Choice::new("yes", "Yes"), Choice::new("no", "No")]
                selected=key_safe
                error=error("key_safe")
            />
            <TextInput
                name="contact_phone"
                label="Phone number for this repair"
                hint="We will call or text this number about the visit"
                value=form.values.contact_phone.clone()
                error=error("contact_phone")
                input_type="tel"
                autocomplete="tel"
                width="width-20"
            />
            <SubmitButton text="Continue"/>
        </form>
    }
}

#[component]
pub fn CheckPage() -> impl IntoView {
    view! {
        <Layout title="Check your answers - Report a repair">
            <Load future=get_check() let:page>
                <Check page/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn Check(page: RepairCheck) -> impl IntoView {
    let rows: Vec<SummaryRow> = page
        .rows
        .iter()
        .map(|(q, a, change)| SummaryRow {
            key: q.clone(),
            value: a.clone(),
            change: Some((change.clone(), q.to_lowercase())),
        })
        .collect();
    view! {
        <BackLink href="/repairs/report/access"/>
        <h1 class="heading-l">"Check your answers"</h1>
        {page.for_whom.clone().map(|name| view! { <p>{format!("This repair is for {name}. We will tell them about it as we would if they had reported it.")}</p> })}
        {page.recall_of.clone().map(|r| view! { <p>{format!("This reopens repair {r}, which you told us is not fixed.")}</p> })}
        <SummaryList rows/>
        <h2 class="heading-m">"What happens next"</h2>
        <p>{format!("This will be a {} repair. We aim to complete it by {}.", page.priority.to_lowercase(), page.target)}</p>
        {page.hazard_note.clone().map(|n| view! { <p>{n}</p> })}
        <form method="post" action=crate::api::repairs::SendReport::PATH>
            <input type="hidden" name="token" value=page.token.clone()/>
            <SubmitButton text="Send report"/>
        </form>
    }
}
