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
