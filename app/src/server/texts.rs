//! Text messages through Esendex's REST API (a UK provider used by housing associations and
//! councils): one POST to `/v1.0/messagedispatcher` per message, signed in with the API user's
//! name and password, the number in international form. The provider's answer decides what
//! happens next: accepted (sent), refused for this message (a colleague makes contact another
//! way), or anything else (tried again later, with the outbox's growing delay).

use super::mail::{SendError, Sending, TextProvider};

#[derive(Clone)]
pub struct Esendex {
    /// `https://api.esendex.com`, no trailing slash.
    pub url: String,
    pub account: String,
    pub username: String,
    pub password: String,
    pub from: Option<String>,
    pub client: reqwest::Client,
}

impl std::fmt::Debug for Esendex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        write!(f, "Esendex({}, {})", self.url, self.account)
    }
}

/// A UK number as Esendex wants it: digits only, 44 in place of the leading 0.
pub fn international(number: &str) -> String {
    let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
    match digits.strip_prefix('0') {
        Some(national) if !national.starts_with('0') => format!("44{national}"),
        _ => digits,
    }
}

/// What the provider's status means for this message.
pub fn outcome(status: u16, answer: &str) -> Result<(), SendError> {
    let answer: String = answer.chars().take(300).collect();
    match status {
        200..=299 => Ok(()),
        // The account's name or password is wrong, or it may not send: an operator must act,
        // and every message waits for them.
        401 | 403 => Err(SendError::Retry(format!(
            "the text provider refused our sign-in ({status}): check ESENDEX_USERNAME, ESENDEX_PASSWORD and ESENDEX_ACCOUNT_REFERENCE"
        ))),
        // The request itself is wrong for this message (a number that is not a mobile).
        400 | 404 | 422 => Err(SendError::Refused(format!(
            "the text provider refused it ({status}): {answer}"
        ))),
        _ => Err(SendError::Retry(format!(
            "the text provider answered {status}: {answer}"
        ))),
    }
}

impl TextProvider for Esendex {
    fn send<'a>(&'a self, _id: i64, to: &'a str, body: &'a str) -> Sending<'a> {
        Box::pin(async move {
            let mut message = serde_json::json!({ "to": international(to), "body": body });
            if let Some(from) = &self.from {
                message["from"] = serde_json::Value::String(from.clone());
            }
            let request = serde_json::json!({
                "accountreference": self.account,
                "messages": [message],
            });
            let response = self
                .client
                .post(format!("{}/v1.0/messagedispatcher", self.url))
                .basic_auth(&self.username, Some(&self.password))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .body(request.to_string())
                .send()
                .await
                .map_err(|e| SendError::Retry(format!("the text provider did not answer: {e}")))?;
            let status = response.status().as_u16();
            let answer = response.text().await.unwrap_or_default();
            outcome(status, &answer)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_go_in_international_form() {
        assert_eq!(international("07700 900123"), "447700900123");
        assert_eq!(international("+44 7700 900123"), "447700900123");
        assert_eq!(international("447700900123"), "447700900123");
    }

    #[test]
    fn the_answer_decides_retry_or_refusal() {
        assert_eq!(outcome(200, "{}"), Ok(()));
        assert!(matches!(
            outcome(400, "bad number"),
            Err(SendError::Refused(_))
        ));
        assert!(
            matches!(outcome(401, ""), Err(SendError::Retry(e)) if e.contains("ESENDEX_USERNAME"))
        );
        assert!(matches!(outcome(503, ""), Err(SendError::Retry(_))));
        assert!(matches!(outcome(429, ""), Err(SendError::Retry(_))));
    }
}
