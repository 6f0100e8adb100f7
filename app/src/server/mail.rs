//! Sending the outbox. By default each email becomes an RFC 5322 `.eml` file in a folder
//! (`data/outbox/`), which a person trying Doorstep can open, and which development mode also
//! lists at /dev/mailbox; SMTP by configuration. Text messages go through a `TextProvider` (the
//! development one writes a file per message in `data/texts/`); letters go to the print queue,
//! a PDF per letter in `data/letters/`, large print when the resident needs it. The sender is a
//! background task: it wakes when a message is queued, and otherwise every few seconds to retry
//! failures with a growing delay.

use super::db::outbox::{self, OutgoingEmail};
use super::db::Db;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use lettre::address::{Address, Envelope};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::Notify;

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    /// One `.eml` file per message in this folder.
    Files(PathBuf),
    /// An SMTP server (`SMTP_URL`), through lettre.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Files(dir) => write!(f, "Files({})", dir.display()),
            // The URL may hold a password: never print it.
            Transport::Smtp(_) => f.write_str("Smtp(..)"),
        }
    }
}

impl Transport {
    /// An SMTP transport from a URL such as `smtps://user:password@smtp.example.org:465` or
    /// `smtp://relay.internal:25?tls=required` (lettre's URL form).
    pub fn smtp(url: &str) -> Result<Transport, String> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map(|builder| Transport::Smtp(builder.build()))
            .map_err(|e| format!("SMTP_URL: {e}"))
    }
}

/// The bare address of "Name <address>", or the text itself.
fn bare_address(text: &str) -> &str {
    match (text.rfind('<'), text.rfind('>')) {
        (Some(start), Some(end)) if start < end => &text[start + 1..end],
        _ => text.trim(),
    }
}

/// Sends a text message. A real provider (an SMS gateway's HTTP API) implements this; the
/// development one writes files. `id` is the outbox row's, so a provider can refuse a repeat.
pub trait TextProvider: Send + Sync + std::fmt::Debug {
    fn send<'a>(
        &'a self,
        id: i64,
        to: &'a str,
        body: &'a str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + 'a>>;
}

/// One `.txt` file per text message in a folder.
#[derive(Clone, Debug)]
pub struct TextFiles(pub PathBuf);

impl TextProvider for TextFiles {
    fn send<'a>(
        &'a self,
        id: i64,
        to: &'a str,
        body: &'a str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + 'a>> {
        let text = format!("To: {to}\n\n{body}\n");
        Box::pin(write_once(
            self.0.clone(),
            format!("{id:08}.txt"),
            text.into_bytes(),
        ))
    }
}

/// Writes `bytes` as `dir/name` under a temporary name and renames it, so a reader never sees
/// half a file; the same outbox id always makes the same file, so a retry cannot duplicate.
async fn write_once(dir: PathBuf, name: String, bytes: Vec<u8>) -> Result<(), String> {
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)?;
        let partial = dir.join(format!(".{name}.partial"));
        std::fs::write(&partial, bytes)?;
        std::fs::rename(&partial, dir.join(name))
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())
}

/// The letter as printed: the landlord's address, the resident's, the date, then the words.
pub fn letter_pdf(email: &OutgoingEmail, landlord: &str) -> Vec<u8> {
    let mut lines: Vec<String> = landlord.split(", ").map(str::to_owned).collect();
    lines.push(String::new());
    lines.extend(email.recipient.split(", ").map(str::to_owned));
    lines.push(String::new());
    lines.push(email.created_at.format("%-d %B %Y").to_string());
    lines.push(email.subject.clone());
    lines.extend(email.body.lines().map(str::to_owned));
    super::pdf::letter(&lines, email.large_print)
}

#[derive(Clone, Debug)]
pub struct Mailer {
    pub from: String,
    pub transport: Transport,
    pub texts: Arc<dyn TextProvider>,
    /// The print queue: a PDF per letter.
    pub letters: PathBuf,
    /// The landlord's name and address, at the top of every letter.
    pub letterhead: String,
}

/// Queues messages and wakes the sender.
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    wake: Arc<Notify>,
}

impl Outbox {
    pub async fn queue(
        &self,
        db: &Db,
        to: &str,
        email: crate::server::emails::Email,
    ) -> Result<(), AppError> {
        outbox::enqueue(db, to, &email.subject, &email.body, Utc::now()).await?;
        self.wake();
        Ok(())
    }

    /// Wakes the sender for something queued directly.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// The wait before the next attempt after `attempts` failures: 30 s, doubling, at most an hour.
pub fn retry_delay(attempts: i64) -> Duration {
    let doublings = attempts.clamp(0, 7) as u32;
    Duration::seconds((30 * 2_i64.pow(doublings)).min(3600))
}

impl Mailer {
    /// The message as it goes over the wire.
    pub fn render(&self, email: &OutgoingEmail) -> String {
        let date = email.created_at.to_rfc2822();
        let body = email.body.replace("\r\n", "\n").replace('\n', "\r\n");
        format!(
            "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n\
             Message-ID: <outbox-{id}@doorstep>\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
            from = header_text(&self.from),
            to = header_text(&email.recipient),
            subject = header_text(&email.subject),
            id = email.id,
        )
    }

    pub async fn send(&self, email: &OutgoingEmail) -> Result<(), String> {
        match email.channel.as_str() {
            "text" => {
                return self
                    .texts
                    .send(email.id, &email.recipient, &email.body)
                    .await
            }
            "letter" => {
                let pdf = letter_pdf(email, &self.letterhead);
                return write_once(self.letters.clone(), format!("{:08}.pdf", email.id), pdf).await;
            }
            _ => {}
        }
        match &self.transport {
            Transport::Files(dir) => {
                let text = self.render(email);
                write_once(
                    dir.clone(),
                    format!("{:08}.eml", email.id),
                    text.into_bytes(),
                )
                .await
            }
            Transport::Smtp(smtp) => {
                let from: Address = bare_address(&self.from)
                    .parse()
                    .map_err(|e| format!("from address: {e}"))?;
                let to: Address = email
                    .recipient
                    .parse()
                    .map_err(|e| format!("recipient address: {e}"))?;
                let envelope = Envelope::new(Some(from), vec![to]).map_err(|e| e.to_string())?;
                smtp.send_raw(&envelope, self.render(email).as_bytes())
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// A header value: ASCII as it is, anything else as an RFC 2047 encoded word. Line breaks can
/// never reach a header (no header injection).
fn header_text(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    if text.is_ascii() {
        return text;
    }
    let mut encoded = String::from("=?UTF-8?Q?");
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'@' => {
                encoded.push(byte as char)
            }
            b' ' => encoded.push('_'),
            other => encoded.push_str(&format!("={other:02X}")),
        }
    }
    encoded.push_str("?=");
    encoded
}

/// Sends whatever is due, once. Returns how many were sent.
pub async fn send_due(db: &Db, mailer: &Mailer, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut sent = 0;
    for email in outbox::due(db, now, 50).await? {
        // Claimed for ten minutes: longer than any send takes, short enough that a sender that
        // died mid-send leaves the message to be tried again.
        if !outbox::claim(db, email.id, now, now + Duration::minutes(10)).await? {
            continue;
        }
        match mailer.send(&email).await {
            Ok(()) => {
                outbox::mark_sent(db, email.id, Utc::now()).await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(id = email.id, channel = %email.channel, attempts = email.attempts + 1, %error, "message not sent; will retry");
                let next = now + retry_delay(email.attempts);
                outbox::mark_failed(db, email.id, &error, next).await?;
            }
        }
    }
    Ok(sent)
}

/// Runs the sender until the process ends.
pub fn spawn_sender(db: Db, mailer: Mailer, outbox: Outbox) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = send_due(&db, &mailer, Utc::now()).await {
                tracing::warn!(?error, "outbox: could not read or update the queue");
            }
            let _ = tokio::time::timeout(std::time::Duration::from_secs(5), outbox.wake.notified())
                .await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(retry_delay(0), Duration::seconds(30));
        assert_eq!(retry_delay(1), Duration::seconds(60));
        assert_eq!(retry_delay(20), Duration::seconds(3600));
    }

    #[test]
    fn the_envelope_uses_the_bare_address() {
        assert_eq!(
            bare_address("Northfield Homes <help@n.example>"),
            "help@n.example"
        );
        assert_eq!(bare_address(" help@n.example "), "help@n.example");
    }

    #[test]
    fn headers_cannot_be_injected_and_non_ascii_is_encoded() {
        assert_eq!(header_text("a@b.c\r\nBcc: x@y.z"), "a@b.cBcc: x@y.z");
        assert_eq!(header_text("Siân"), "=?UTF-8?Q?Si=C3=A2n?=");
    }
}

/// A letter from the print queue as its PDF, for a colleague who prints letters; `None` for
/// anyone else, or when the id is not a letter.
pub async fn letter_for(
    state: &super::state::AppState,
    session: &tower_sessions::Session,
    id: i64,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    use super::authz::{may, Action};
    let Some(account) = super::auth::session_account(&state.db, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::PrintLetters) {
        return Ok(None);
    }
    let Some(letter) = super::db::outbox::by_id(&state.db, id)
        .await?
        .filter(|l| l.channel == "letter")
    else {
        return Ok(None);
    };
    let pdf = letter_pdf(&letter, &state.site.profile.landlord.address);
    Ok(Some((format!("letter-{id:08}.pdf"), pdf)))
}
