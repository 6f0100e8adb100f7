//! Booking and cancelling a visit.

use super::*;

#[component]
pub fn BookPage() -> impl IntoView {
    let reference = param("reference");
    view! {
        <Layout title="Book a visit">
            <Load future=get_slots(reference.clone()) let:page>
                <Book page/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn Book(page: SlotsPage) -> impl IntoView {
    let error = page.errors.for_field("slot").map(str::to_owned);
    let href = format!("/repairs/{}", page.reference);
    view! {
        <Errors errors=page.errors.clone() title="Book a visit"/>
        <BackLink href=href.clone()/>
        <span class="caption">{page.summary.clone()}</span>
        <h1 class="heading-l">"Book a visit"</h1>
        {page.current.clone().map(|c| view! { <p>"Your visit is booked for " <strong>{c}</strong> ". Choose another time to change it."</p> })}
        {if page.days.is_empty() {
            view! { <p>"There are no times left before the target date. We will phone you to arrange the visit."</p> }.into_any()
        } else {
            view! {
                <form method="post" action=crate::api::repairs::BookSlot::PATH novalidate>
                    <input type="hidden" name="reference" value=page.reference.clone()/>
                    {error.clone().map(|e| view! { <p class="error-message" id="slot-error"><span class="visually-hidden">"Error: "</span>{e}</p> })}
                    {page.days.iter().enumerate().map(|(i, (day, slots))| {
                        let name = "slot";
                        view! {
                            <fieldset class="fieldset">
                                <legend class="legend">{day.clone()}</legend>
                                <div class="radios">
                                    {slots.iter().enumerate().map(|(j, s)| {
                                        let id = if i == 0 && j == 0 { name.to_owned() } else { format!("slot-{i}-{j}") };
                                        view! {
                                            <div class="choice">
                                                <input class="choice-input" id=id.clone() name=name type="radio" value=s.value.clone()/>
                                                <label class="choice-label" for=id>{s.label.clone()}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        }
                    }).collect_view()}
                    <SubmitButton text="Book this visit"/>
                </form>
            }.into_any()
        }}
    }
}

#[component]
pub fn CancelVisitPage() -> impl IntoView {
    let reference = param("reference");
    view! {
        <Layout title="Cancel the visit">
            <Load future=crate::api::account::get_form_errors(RESIDENT_FORM.to_owned()) let:errors>
                <CancelVisit reference=reference.clone() errors/>
            </Load>
        </Layout>
    }
}

#[component]
pub(super) fn CancelVisit(reference: String, errors: FieldErrors) -> impl IntoView {
    let error = errors.for_field("reason").map(str::to_owned);
    view! {
        <Errors errors=errors.clone() title="Cancel the visit"/>
        <BackLink href=format!("/repairs/{reference}")/>
        <form method="post" action=crate::api::repairs::CancelBookedVisit::PATH novalidate>
            <input type="hidden" name="reference" value=reference.clone()/>
            <Choices
                name="reason"
                legend="Why are you cancelling the visit?"
                choices=CANCEL_REASONS.iter().map(|(c, l)| Choice::new(*c, *l)).collect()
                error
                heading=true
            />
            <SubmitButton text="Cancel the visit" warning=true/>
        </form>
    }
}
