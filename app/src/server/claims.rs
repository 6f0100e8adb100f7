//! The protections around claiming an account from a tenancy or lease. A claim proves who the
//! claimant is with three facts (reference, postcode, date of birth) of which two are shared by
//! a whole block, so guesses are counted per reference whatever address they come from, and the
//! person whose account is being claimed hears of it through the contact details the landlord
//! already holds, not only through the email address the claimant typed.

use super::db::throttle::{self, ClaimStanding};
use super::notify::{tell, Notice};
use super::state::AppState;
use crate::domain::account::{claim_wait_after, masked_email, CLAIM_FAILURES_BEFORE_WAIT};
use crate::domain::preferences::MessageKind;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};

/// Failed claims are forgotten this long after the last one.
pub const CLAIM_MEMORY: Duration = Duration::days(1);

/// Until when new claims for `reference` must wait, if they must.
pub async fn waiting_until(
    state: &AppState,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let ClaimStanding { blocked_until, .. } =
        throttle::claim_standing(&state.db, reference, now, CLAIM_MEMORY).await?;
    Ok(blocked_until.filter(|until| *until > now))
}

/// Counts a claim whose details matched nobody. From the third failure each further claim for
/// the reference waits longer, and the people named on that tenancy (if it exists) are told,
/// at most once a day, by the channels they chose.
pub async fn failed(state: &AppState, reference: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let failures = throttle::record_claim_failure(&state.db, reference, now, CLAIM_MEMORY).await?;
    let Some(wait) = claim_wait_after(failures) else {
        return Ok(());
    };
    throttle::block_claims(&state.db, reference, now + wait).await?;
    if failures >= CLAIM_FAILURES_BEFORE_WAIT
        && throttle::mark_claim_told(&state.db, reference, now, CLAIM_MEMORY).await?
    {
        let phone = &state.site.profile.landlord.phone;
        let notice = Notice {
            kind: MessageKind::Update,
            subject: "Attempts to set up an online account with your tenancy details".into(),
            what: format!(
                "Someone has tried several times to set up a Doorstep account with your tenancy \
                 or lease reference {reference}. The details they gave did not match, so they \
                 saw nothing. For a while, new attempts have to wait.\n\nIf it was you, phone us \
                 on {phone} and we will help you set up your account. If it was not you, you do \
                 not need to do anything, but you can phone us to tell us."
            ),
            reference: None,
            path: None,
        };
        for person_id in super::db::accounts::people_on_tenancy(&state.db, reference).await? {
            tell(state, person_id, &notice, now).await?;
        }
    }
    Ok(())
}

/// Tells the person whose details matched a claim that an account is being set up for them,
/// through the contact details on record, unless the claim used the very email address the
/// landlord already holds for them (the confirmation email then reaches them anyway).
pub async fn tell_person_of_claim(
    state: &AppState,
    person_id: i64,
    claimed_email: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use super::db::accounts::normalise_email;
    let on_record = super::db::preferences::contact(&state.db, person_id)
        .await?
        .and_then(|c| c.email);
    if on_record.is_some_and(|e| normalise_email(&e) == normalise_email(claimed_email)) {
        return Ok(());
    }
    let phone = &state.site.profile.landlord.phone;
    let notice = Notice {
        kind: MessageKind::Update,
        subject: "Someone asked to set up an online account for you".into(),
        what: format!(
            "Someone asked to set up a Doorstep account in your name, with the email address \
             {}. If this was you, open the link we emailed to that address.\n\nIf it was not you, \
             phone us on {phone} straight away, so that we can close that account.",
            masked_email(claimed_email)
        ),
        reference: None,
        path: None,
    };
    tell(state, person_id, &notice, now).await?;
    Ok(())
}

/// What a claim came to: the emails are queued (a link to confirm, or "you already have an
/// account", to whoever should read it), or it was refused with the problem, by field.
pub enum Claimed {
    Emailed,
    Refused(crate::domain::validation::FieldErrors),
}

/// Claims the account of the person a checked claim names, from `address`. The screen says the
/// same whatever the outcome once the claim is well formed (only waits and a failed match are
/// refusals); the emails say what happened.
pub async fn start_claim(
    state: &AppState,
    claim: &crate::domain::account::Claim,
    password: &str,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Claimed, AppError> {
    use super::db::account_tokens::{self, Purpose};
    use super::db::accounts::{self, record_audit, AuditEvent, NewAccount};
    use super::emails;
    use crate::domain::validation::FieldErrors;
    let db = &state.db;
    let landlord = &state.site.profile.landlord;
    // Claims share the per-address limit with sign-in and reset, and each reference has its
    // own count of failures whatever address they come from.
    if let Some(address) = address {
        use crate::server::auth::ADDRESS_WINDOW;
        use crate::server::db::throttle::count_address_attempt;
        if count_address_attempt(db, address, now, ADDRESS_WINDOW).await?
            > state.sign_in_address_limit
        {
            record_audit(db, AuditEvent::by(None, "claim_address_limited"), now).await?;
            let mut errors = FieldErrors::default();
            errors.add(
                "reference",
                format!(
                    "There have been too many attempts from your internet connection. Try again \
                     in 15 minutes, or phone us on {}",
                    landlord.phone
                ),
            );
            return Ok(Claimed::Refused(errors));
        }
    }
    if let Some(until) = waiting_until(state, &claim.reference, now).await? {
        record_audit(db, AuditEvent::by(None, "claim_delayed"), now).await?;
        let mut errors = FieldErrors::default();
        errors.add(
            "reference",
            format!(
                "There have been too many attempts to set up an account with this reference. \
                 Try again after {}, or phone us on {}",
                crate::domain::london::to_local(until).format("%-I:%M%P on %A %-d %B"),
                landlord.phone
            ),
        );
        return Ok(Claimed::Refused(errors));
    }
    let Some((person_id, name)) =
        accounts::person_for_claim(db, &claim.reference, claim.postcode.as_str(), claim.born)
            .await?
    else {
        record_audit(db, AuditEvent::by(None, "claim_not_matched"), now).await?;
        failed(state, &claim.reference, now).await?;
        let mut errors = FieldErrors::default();
        errors.add(
            "reference",
            format!(
                "We could not match these details to a tenancy or lease. Check your reference, \
                 postcode and date of birth, or phone us on {}",
                landlord.phone
            ),
        );
        return Ok(Claimed::Refused(errors));
    };
    let hash = super::password::hash(password.to_owned()).await?;
    let holder = accounts::account_for_person(db, person_id).await?;
    let email_owner = accounts::account_by_email(db, &claim.email).await?;
    let audit = |action| AuditEvent::by(None, action).for_person(Some(person_id));
    match (holder, email_owner) {
        (Some(holder), _) if holder.confirmed => {
            let message = emails::already_have_account(landlord, &name, &state.public_url);
            state.outbox.queue(db, &holder.email, message).await?;
            record_audit(db, audit("claim_already_held"), now).await?;
        }
        (holder, Some(owner)) if holder.as_ref().map(|h| h.id) != Some(owner.id) => {
            let message = emails::email_already_used(landlord, &state.public_url);
            state.outbox.queue(db, &owner.email, message).await?;
            record_audit(db, audit("claim_email_in_use"), now).await?;
        }
        (holder, _) => {
            let account_id = match holder {
                Some(pending) => {
                    // The first claimant hears that their link no longer works, whoever they are.
                    let first = accounts::normalise_email(&pending.email);
                    if first != accounts::normalise_email(&claim.email) {
                        let message = emails::claim_replaced(landlord, &state.public_url);
                        state.outbox.queue(db, &first, message).await?;
                        record_audit(db, audit("claim_replaced").on("account", pending.id), now)
                            .await?;
                    }
                    accounts::replace_unconfirmed(db, pending.id, &claim.email, &hash, now).await?;
                    pending.id
                }
                None => {
                    let new = NewAccount {
                        person_id: Some(person_id),
                        email: &claim.email,
                        display_name: &name,
                        password_hash: Some(&hash),
                        role: crate::domain::housing::Role::Resident,
                        firm_id: None,
                    };
                    accounts::create_account(db, new, now).await?
                }
            };
            let token =
                account_tokens::issue(db, account_id, Purpose::ConfirmAccount, None, now).await?;
            let link = state.link(&format!("/claim-account/confirm?token={token}"));
            let message = emails::confirm_account(landlord, &name, &link);
            state
                .outbox
                .queue(db, &accounts::normalise_email(&claim.email), message)
                .await?;
            record_audit(db, audit("claim_started").on("account", account_id), now).await?;
            tell_person_of_claim(state, person_id, &claim.email, now).await?;
        }
    }
    Ok(Claimed::Emailed)
}
