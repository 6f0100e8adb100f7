//! Sending the outbox. Email goes by SMTP (`SMTP_URL`); in development, without it, each email
//! becomes an RFC 5322 `.eml` file in a folder (`data/outbox/`) which a person trying Doorstep
//! can open, and which /dev/mailbox lists. Text messages go through a `TextProvider`: a text
//! provider's HTTP API (`texts::Esendex`), or in development a file per text. A letter needs
//! nothing sent: it is in the print queue (the database) once its row exists, and its PDF is
//! made from the row whenever the print room asks, on any node.
//!
//! Every node runs a sender. A sender claims a batch of due messages (`outbox::claim_batch`,
//! which on PostgreSQL skips rows another node is claiming), renews the claim on each message
//! just before sending it, sends a few at once, and goes on while batches come back full. A
//! node that dies after sending but before marking a message sent leaves it to be sent again
//! once the claim expires: delivery is at least once. Email carries a Message-ID made from the
//! row, the same on every attempt, so a receiving system that deduplicates by it shows one
//! copy; a text cannot be deduplicated by the network (see docs/operations.md).

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
    /// `smtp://relay.internal:25?tls=required` (lettre's URL form). `extra_ca` (PEM) is trusted
    /// besides the public roots, for a relay whose certificate an internal authority signed.
    pub fn smtp(url: &str, extra_ca: Option<&[u8]>) -> Result<Transport, String> {
        use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP_URL: {e}"))?;
        if let Some(pem) = extra_ca {
            let parsed = reqwest::Url::parse(url).map_err(|e| format!("SMTP_URL: {e}"))?;
            let host = parsed.host_str().unwrap_or_default().to_owned();
            let tls = parsed
                .query_pairs()
                .find(|(k, _)| k == "tls")
                .map(|(_, v)| v.into_owned());
            let certificate =
                Certificate::from_pem(pem).map_err(|e| format!("EXTRA_CA_FILE: {e}"))?;
            let parameters = TlsParameters::builder(host)
                .add_root_certificate(certificate)
                .build()
                .map_err(|e| format!("EXTRA_CA_FILE: {e}"))?;
            builder = match (parsed.scheme(), tls.as_deref()) {
                ("smtps", _) => builder.tls(Tls::Wrapper(parameters)),
                ("smtp", Some("required")) => builder.tls(Tls::Required(parameters)),
                ("smtp", Some("opportunistic")) => builder.tls(Tls::Opportunistic(parameters)),
                _ => builder,
            };
        }
        Ok(Transport::Smtp(builder.build()))
    }
}

/// The bare address of "Name <address>", or the text itself.
fn bare_address(text: &str) -> &str {
    match (text.rfind('<'), text.rfind('>')) {
        (Some(start), Some(end)) if start < end => &text[start + 1..end],
        _ => text.trim(),
    }
}

/// Why a message was not sent: worth trying again later (the provider or relay is away, or
/// refused our credentials, which an operator will fix), or refused for good for this message
/// (a number that is not a mobile): then a colleague gets a task to make contact another way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    Retry(String),
    Refused(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Retry(e) | SendError::Refused(e) => f.write_str(e),
        }
    }
}

/// What a provider's `send` returns.
pub type Sending<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Sends a text message: a text provider's HTTP API (`texts::Esendex`), or in development a
/// file per text. `id` is the outbox row's, so a provider that can refuse a repeat may.
pub trait TextProvider: Send + Sync + std::fmt::Debug {
    fn send<'a>(&'a self, id: i64, to: &'a str, body: &'a str) -> Sending<'a>;
}

/// One `.txt` file per text message in a folder.
#[derive(Clone, Debug)]
pub struct TextFiles(pub PathBuf);

impl TextProvider for TextFiles {
    fn send<'a>(&'a self, id: i64, to: &'a str, body: &'a str) -> Sending<'a> {
        let text = format!("To: {to}\n\n{body}\n");
        Box::pin(async move {
            write_once(self.0.clone(), format!("{id:08}.txt"), text.into_bytes())
                .await
                .map_err(SendError::Retry)
        })
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

/// The letter as printed: the landlord's address, the resident's (in the envelope's window),
/// the date, the subject and the words.
pub fn letter_pdf(
    email: &OutgoingEmail,
    landlord: &str,
) -> Result<Vec<u8>, crate::error::AppError> {
    let lines = |text: &str| -> Vec<String> {
        text.split(", ")
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    super::pdf::letter(&super::pdf::Letter {
        from: lines(landlord),
        to: lines(&email.recipient),
        date: crate::domain::london::to_local(email.created_at)
            .format(crate::format::DATE)
            .to_string(),
        subject: email.subject.clone(),
        body: email.body.lines().map(str::to_owned).collect(),
        large_print: email.large_print,
    })
}

#[derive(Clone, Debug)]
pub struct Mailer {
    pub from: String,
    pub transport: Transport,
    /// `None`: no text provider is set up (production without one), so no text is queued:
    /// `notify` passes text over and the resident is reached another way, or a colleague is.
    pub texts: Option<Arc<dyn TextProvider>>,
}

/// Queues messages and wakes the sender.
#[derive(Clone, Debug)]
pub struct Outbox {
    wake: Arc<Notify>,
    /// Whether text messages can be sent (a provider is set up).
    pub texts: bool,
}

impl Default for Outbox {
    fn default() -> Self {
        Outbox::new(true)
    }
}

impl Outbox {
    pub fn new(texts: bool) -> Outbox {
        Outbox {
            wake: Arc::new(Notify::new()),
            texts,
        }
    }

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
             Message-ID: {message_id}\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
            from = header_text(&self.from),
            to = header_text(&email.recipient),
            subject = header_text(&email.subject),
            message_id = self.message_id(email),
        )
    }

    /// The same on every attempt at one row, and different for every row of every landlord's
    /// database: the row, the moment it was queued, and the sending domain.
    pub fn message_id(&self, email: &OutgoingEmail) -> String {
        let from = bare_address(&self.from);
        let domain = from.rsplit_once('@').map_or("doorstep.invalid", |(_, d)| d);
        format!(
            "<outbox-{}-{}@{domain}>",
            email.id,
            email.created_at.timestamp_micros()
        )
    }

    pub async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        match email.channel.as_str() {
            "text" => {
                return match &self.texts {
                    Some(texts) => texts.send(email.id, &email.recipient, &email.body).await,
                    None => Err(SendError::Refused(
                        "no text message provider is set up (TEXT_PROVIDER)".into(),
                    )),
                }
            }
            // In the print queue already: the PDF is made from the row when it is printed.
            "letter" => return Ok(()),
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
                .map_err(SendError::Retry)
            }
            Transport::Smtp(smtp) => {
                let from: Address = bare_address(&self.from)
                    .parse()
                    .map_err(|e| SendError::Retry(format!("MAIL_FROM: {e}")))?;
                let to: Address = email
                    .recipient
                    .parse()
                    .map_err(|e| SendError::Refused(format!("not an email address: {e}")))?;
                let envelope = Envelope::new(Some(from), vec![to])
                    .map_err(|e| SendError::Refused(e.to_string()))?;
                smtp.send_raw(&envelope, self.render(email).as_bytes())
                    .await
                    .map(|_| ())
                    .map_err(|e| SendError::Retry(e.to_string()))
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

/// How many due messages one sender claims at a time.
const BATCH: i64 = 50;
/// How many messages one sender has in flight at once (an SMTP relay or text provider answers
/// each in tens of milliseconds; a few at once keep it busy without flooding it).
const SENDS_AT_ONCE: usize = 8;
/// How long a claim on one message lasts, renewed just before it is sent: longer than any send
/// takes, short enough that a message whose sender died is tried again soon.
const CLAIM: Duration = Duration::minutes(5);

/// Sends whatever is due, claiming batch after batch while they come back full. `now` is the
/// time the run starts (tests move it); later moments are `now` plus the time since. Returns
/// how many were sent.
pub async fn send_due(db: &Db, mailer: &Mailer, now: DateTime<Utc>) -> Result<usize, AppError> {
    let started = std::time::Instant::now();
    let clock = move || now + Duration::from_std(started.elapsed()).unwrap_or_default();
    let token = super::tokens::submission_token();
    let mut sent = 0;
    loop {
        let batch = outbox::claim_batch(db, clock(), clock() + CLAIM, BATCH, &token).await?;
        let full = batch.len() as i64 == BATCH;
        let mut queue = batch.into_iter();
        let mut running = tokio::task::JoinSet::new();
        loop {
            while running.len() < SENDS_AT_ONCE {
                let Some(email) = queue.next() else { break };
                let (db, mailer, token) = (db.clone(), mailer.clone(), token.clone());
                running.spawn(async move { send_one(&db, &mailer, email, &token, clock).await });
            }
            match running.join_next().await {
                Some(Ok(Ok(true))) => sent += 1,
                Some(Ok(Ok(false))) => {}
                Some(Ok(Err(error))) => return Err(error),
                Some(Err(error)) => return Err(crate::error::internal(error.to_string())),
                None => break,
            }
        }
        if !full {
            return Ok(sent);
        }
    }
}

/// Sends one claimed message: renews the claim, sends, then marks it sent, or failed (tried
/// again later), or given up (a colleague gets a task). True when it was sent.
async fn send_one(
    db: &Db,
    mailer: &Mailer,
    email: OutgoingEmail,
    token: &str,
    clock: impl Fn() -> DateTime<Utc>,
) -> Result<bool, AppError> {
    if !outbox::renew(db, email.id, token, clock() + CLAIM).await? {
        return Ok(false);
    }
    match mailer.send(&email).await {
        Ok(()) => {
            outbox::mark_sent(db, email.id, clock()).await?;
            Ok(true)
        }
        Err(SendError::Retry(error)) => {
            tracing::warn!(id = email.id, channel = %email.channel, attempts = email.attempts + 1, %error, "message not sent; will retry");
            let next = clock() + retry_delay(email.attempts);
            outbox::mark_failed(db, email.id, &error, next).await?;
            Ok(false)
        }
        Err(SendError::Refused(error)) => {
            tracing::warn!(id = email.id, channel = %email.channel, %error, "message refused; a colleague will make contact");
            // The task first: a node that stops between the two sends the message again and
            // makes a second task, rather than giving it up with nobody told.
            super::db::messages::task_for_refused(db, email.id, &email.channel, &error, clock())
                .await?;
            outbox::give_up(db, email.id, &error, clock()).await?;
            Ok(false)
        }
    }
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
