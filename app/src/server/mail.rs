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
    /// The landlord's logo for the top of an email's HTML part (`[landlord] logo_url`), if any.
    pub logo_url: Option<String>,
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
    /// The message as it goes over the wire, built by lettre: headers encoded as RFC 2047 asks
    /// (a name or subject with accents), a plain-text part and an accessible HTML part with the
    /// same words, the row's Message-ID and the time it was queued.
    pub fn message(&self, email: &OutgoingEmail) -> Result<lettre::Message, SendError> {
        use lettre::message::{Mailbox, MultiPart};
        let from: Mailbox = self
            .from
            .parse()
            .map_err(|e| SendError::Retry(format!("MAIL_FROM: {e}")))?;
        let to: Mailbox = email
            .recipient
            .parse()
            .map_err(|e| SendError::Refused(format!("not an email address: {e}")))?;
        let plain = email.body.replace("\r\n", "\n");
        let sender = from.name.clone().unwrap_or_default();
        let html = html_body(&email.subject, &plain, &sender, self.logo_url.as_deref());
        lettre::Message::builder()
            .from(from)
            .to(to)
            .subject(clean_header(&email.subject))
            .date(std::time::SystemTime::from(email.created_at))
            .message_id(Some(self.message_id(email)))
            .multipart(MultiPart::alternative_plain_html(plain, html))
            .map_err(|e| SendError::Refused(format!("the message could not be built: {e}")))
    }

    /// The message as the bytes of an `.eml` file.
    pub fn render(&self, email: &OutgoingEmail) -> Result<Vec<u8>, SendError> {
        Ok(self.message(email)?.formatted())
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
        let message = self.message(email)?;
        match &self.transport {
            Transport::Files(dir) => write_once(
                dir.clone(),
                format!("{:08}.eml", email.id),
                message.formatted(),
            )
            .await
            .map_err(SendError::Retry),
            // The envelope is the message's own From and To.
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::Retry(e.to_string())),
        }
    }
}

/// A header's text with no control characters (no line break can reach a header); lettre
/// encodes what is not ASCII.
fn clean_header(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The HTML part: the same words as the plain text, as a page a screen reader reads well (its
/// language and title, the subject as its heading, paragraphs, links that say where they go),
/// in large readable type, with the landlord's logo when the profile names one.
pub fn html_body(subject: &str, plain: &str, sender: &str, logo_url: Option<&str>) -> String {
    use crate::server::cases::escape;
    let paragraphs: Vec<String> = plain
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(linked).collect();
            format!("<p style=\"margin:0 0 16px\">{}</p>", lines.join("<br>\n"))
        })
        .collect();
    let logo = logo_url
        .map(|url| {
            format!(
                "<p style=\"margin:0 0 24px\"><img src=\"{}\" alt=\"{}\" height=\"48\" style=\"height:48px;width:auto;border:0\"></p>\n",
                escape(url),
                escape(sender)
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n\
         <body style=\"margin:0;padding:16px;background:#ffffff;color:#0b0c0c;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.5\">\n\
         <div role=\"article\" aria-label=\"{title}\" style=\"max-width:640px;margin:0 auto\">\n\
         {logo}<h1 style=\"font-size:27px;line-height:1.25;margin:0 0 20px\">{title}</h1>\n{body}\n</div>\n</body>\n</html>\n",
        title = escape(subject),
        body = paragraphs.join("\n"),
    )
}

/// A line of the plain text as HTML, its web addresses made links (a link's words are its
/// address, which says where it goes).
fn linked(line: &str) -> String {
    use crate::server::cases::escape;
    line.split(' ')
        .map(|word| {
            let trimmed = word.trim_end_matches(['.', ',', ')', ';', ':']);
            if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
                let rest = &word[trimmed.len()..];
                format!(
                    "<a href=\"{href}\" style=\"color:#1d70b8;text-decoration:underline\">{href}</a>{}",
                    escape(rest),
                    href = escape(trimmed)
                )
            } else {
                escape(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    fn the_message_id_uses_the_sending_domain() {
        assert_eq!(
            bare_address("Northfield Homes <help@n.example>"),
            "help@n.example"
        );
        assert_eq!(bare_address(" help@n.example "), "help@n.example");
    }

    fn mailer() -> Mailer {
        Mailer {
            from: "Cartrefi Tŷ Glân <help@n.example>".into(),
            transport: Transport::Files(std::env::temp_dir()),
            texts: None,
            logo_url: Some("https://n.example/logo.png".into()),
        }
    }

    fn email(subject: &str, body: &str) -> OutgoingEmail {
        OutgoingEmail {
            id: 7,
            channel: "email".into(),
            recipient: "siobhan@example.net".into(),
            large_print: false,
            subject: subject.into(),
            body: body.into(),
            attempts: 0,
            created_at: chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 6, 9, 30, 0).unwrap(),
            sent_at: None,
        }
    }

    #[test]
    fn headers_are_encoded_and_cannot_be_injected() {
        let eml = String::from_utf8(
            mailer()
                .render(&email(
                    "Siân's repair\r\nBcc: x@y.z",
                    "Hello,\nyour repair is booked.",
                ))
                .expect("built"),
        )
        .expect("ascii");
        // The name and the subject with accents are RFC 2047 encoded words; no raw UTF-8.
        assert!(eml.is_ascii());
        assert!(eml.contains("From: =?utf-8?"), "{eml}");
        assert!(eml.contains("Subject: =?utf-8?"), "{eml}");
        let headers = eml.split("\r\n\r\n").next().unwrap_or_default();
        assert!(
            !headers.contains("\r\nBcc:"),
            "no header injected: {headers}"
        );
        assert!(eml.contains("Message-ID: <outbox-7-"));
        assert!(eml.contains("Date: Sun, 06 Dec 2026 09:30:00"));
    }

    #[test]
    fn the_message_has_a_plain_and_an_accessible_html_part() {
        let eml = String::from_utf8(
            mailer()
                .render(&email(
                    "Your repair RP-1",
                    "Hello,\n\nSee it at https://n.example/repairs/RP-1.\nThanks <3",
                ))
                .expect("built"),
        )
        .expect("ascii");
        assert!(eml.contains("Content-Type: multipart/alternative"), "{eml}");
        assert!(eml.contains("Content-Type: text/plain; charset=utf-8"));
        assert!(eml.contains("Content-Type: text/html; charset=utf-8"));
        assert!(eml.contains("See it at https://n.example/repairs/RP-1."));
        let html = html_body(
            "Your repair RP-1",
            "Hello,\n\nSee it at https://n.example/repairs/RP-1.\nThanks <3",
            "Northfield Homes",
            Some("https://n.example/logo.png"),
        );
        assert!(html.contains("<html lang=\"en-GB\">"));
        assert!(html.contains("<title>Your repair RP-1</title>"));
        assert!(html.contains("<h1 "));
        assert!(html.contains(
            "<a href=\"https://n.example/repairs/RP-1\" style=\"color:#1d70b8;text-decoration:underline\">https://n.example/repairs/RP-1</a>."
        ));
        assert!(html.contains("Thanks &lt;3"), "escaped");
        assert!(
            html.contains("alt=\"Northfield Homes\""),
            "the logo says whose it is"
        );
        assert!(!html_body("S", "B", "N", None).contains("<img"));
    }
}
