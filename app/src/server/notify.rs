//! Telling a resident about a change. Every message goes to their messages on the portal, and
//! by the best channel they allow (`domain::preferences::choose`): an email, a text message or
//! a letter in the print queue, through the outbox. When no channel can be used, a colleague
//! gets a task to make contact another way.

use super::db::preferences::{contact, current};
use super::state::AppState;
use crate::domain::preferences::{choose, Channel, Delivery, MessageKind, Reach};
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// What happened, in plain words, about one case, repair or document.
#[derive(Clone, Debug)]
pub struct Notice {
    pub kind: MessageKind,
    pub subject: String,
    /// One or more sentences: what happened and the next date.
    pub what: String,
    pub reference: Option<String>,
    /// Where to see it on the portal ("/repairs/RP-...").
    pub path: Option<String>,
}

/// The longest text message: three SMS segments.
const TEXT_LIMIT: usize = 459;

fn text_body(landlord: &str, notice: &Notice, link: Option<&str>) -> String {
    let mut tail = String::new();
    if let Some(r) = &notice.reference {
        tail.push_str(&format!(" Ref {r}."));
    }
    if let Some(l) = link {
        tail.push(' ');
        tail.push_str(l);
    }
    let head = format!("{landlord}: ");
    let room = TEXT_LIMIT.saturating_sub(head.chars().count() + tail.chars().count());
    let what: String = notice.what.split_whitespace().collect::<Vec<_>>().join(" ");
    let what = if what.chars().count() > room {
        let cut: String = what.chars().take(room.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        what
    };
    format!("{head}{what}{tail}")
}

fn written_body(state: &AppState, name: &str, notice: &Notice, link: Option<&str>) -> String {
    let landlord = &state.site.profile.landlord;
    let mut paragraphs = vec![format!("Dear {name},"), notice.what.clone()];
    if let Some(r) = &notice.reference {
        paragraphs.push(format!("Reference: {r}"));
    }
    if let Some(l) = link {
        paragraphs.push(format!("See it, and reply to us, at {l}"));
    }
    paragraphs.push(format!(
        "If you need help, phone {} on {}.",
        landlord.name, landlord.phone
    ));
    paragraphs.push(landlord.name.clone());
    paragraphs.join("\n\n")
}

/// Tells one resident. Returns how it went out (or the task made instead).
pub async fn tell(
    state: &AppState,
    person_id: i64,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<Delivery, AppError> {
    let Some(person) = contact(&state.db, person_id).await? else {
        return Err(AppError::NotFound);
    };
    let preferences = current(&state.db, person_id).await?;
    let reach = Reach {
        no_texts: !state.outbox.texts,
        ..person.reach()
    };
    let delivery = choose(&preferences, reach, notice.kind);
    let link = notice.path.as_deref().map(|p| state.link(p));
    let landlord = &state.site.profile.landlord;
    // The message to send, if any: queued with its record of the message in one transaction,
    // so the sender never takes a row whose message is not written yet (a refused text must
    // find its message to make a colleague's task).
    let queued = match &delivery {
        Delivery::Send {
            channel,
            large_print,
        } => {
            let (recipient, body) = match channel {
                Channel::Text => (
                    person.mobile.clone().unwrap_or_default(),
                    text_body(&landlord.name, notice, link.as_deref()),
                ),
                Channel::Letter => (
                    person.address.clone().unwrap_or_default(),
                    written_body(state, &person.name, notice, link.as_deref()),
                ),
                _ => (
                    person.email.clone().unwrap_or_default(),
                    written_body(state, &person.name, notice, link.as_deref()),
                ),
            };
            Some((channel.code(), recipient, body, *large_print))
        }
        Delivery::Task { .. } => None,
    };
    let channel = queued.as_ref().map(|(c, ..)| *c);
    let body = written_body(state, &person.name, notice, None);
    let message_id = crate::db_tx!(&state.db, |tx| {
        let outbox_id = match &queued {
            Some((channel, recipient, text, large_print)) => Some(
                sqlx::query_scalar::<_, i64>(super::db::outbox::ENQUEUE)
                    .bind(*channel)
                    .bind(recipient)
                    .bind(&notice.subject)
                    .bind(text)
                    .bind(*large_print)
                    .bind(person_id)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?,
            ),
            None => None,
        };
        let id = sqlx::query_scalar::<_, i64>(
            "insert into messages (person_id, kind, subject, body, reference, link, channel,
                 outbox_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        )
        .bind(person_id)
        .bind(notice.kind.code())
        .bind(&notice.subject)
        .bind(&body)
        .bind(notice.reference.as_deref())
        .bind(notice.path.as_deref())
        .bind(channel)
        .bind(outbox_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        Ok(id)
    })?;
    if queued.is_some() {
        state.outbox.wake();
    }
    if let Delivery::Task { reason } = &delivery {
        super::db::messages::add_task(&state.db, person_id, message_id, reason, now).await?;
    }
    Ok(delivery)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(what: &str) -> Notice {
        Notice {
            kind: MessageKind::AppointmentBooked,
            subject: "Visit booked".into(),
            what: what.into(),
            reference: Some("RP-7K3M9Q".into()),
            path: Some("/repairs/RP-7K3M9Q".into()),
        }
    }

    #[test]
    fn a_text_names_the_landlord_and_reference_and_fits_three_segments() {
        let short = text_body(
            "Northfield Homes",
            &notice("Visit booked for Tuesday 3 March, 8am to 1pm."),
            Some("http://x/repairs/RP-7K3M9Q"),
        );
        assert_eq!(
            short,
            "Northfield Homes: Visit booked for Tuesday 3 March, 8am to 1pm. Ref RP-7K3M9Q. http://x/repairs/RP-7K3M9Q"
        );
        let long = text_body(
            "Northfield Homes",
            &notice(&"word ".repeat(200)),
            Some("http://x/y"),
        );
        assert_eq!(long.chars().count(), TEXT_LIMIT);
        assert!(long.ends_with("… Ref RP-7K3M9Q. http://x/y"));
    }
}
