//! An S3-compatible object store (AWS S3, MinIO, Ceph, Scaleway, ...) for uploaded files:
//! path-style requests (`{endpoint}/{bucket}/{key}`) signed with AWS Signature Version 4.
//! Only what storage needs: put, get and delete one object.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

#[derive(Clone, Debug)]
pub struct S3Store {
    /// `https://s3.eu-west-2.amazonaws.com`, `http://127.0.0.1:9000`: no trailing slash.
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    pub client: reqwest::Client,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// HMAC-SHA256 (RFC 2104), which SigV4 chains to derive its key.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// What one request signs.
pub struct Signing<'a> {
    pub method: &'a str,
    /// The URI path as sent (already encoded).
    pub path: &'a str,
    /// Lower-case names with their values, `host` included.
    pub headers: Vec<(String, String)>,
    pub payload_sha256: String,
    pub at: DateTime<Utc>,
    pub region: &'a str,
    pub access_key: &'a str,
    pub secret_key: &'a str,
}

/// The `Authorization` header for a request (AWS Signature Version 4, service `s3`, no
/// query string). The headers signed are all those given plus `x-amz-date` and
/// `x-amz-content-sha256`, which the caller must send too.
pub fn authorization(s: &Signing) -> String {
    let amz_date = s.at.format("%Y%m%dT%H%M%SZ").to_string();
    let day = s.at.format("%Y%m%d").to_string();
    let mut headers: Vec<(String, String)> = s
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    headers.push(("x-amz-content-sha256".into(), s.payload_sha256.clone()));
    headers.push(("x-amz-date".into(), amz_date.clone()));
    headers.sort();
    let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let signed: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
    let signed = signed.join(";");
    let canonical = format!(
        "{}\n{}\n\n{canonical_headers}\n{signed}\n{}",
        s.method, s.path, s.payload_sha256
    );
    let scope = format!("{day}/{}/s3/aws4_request", s.region);
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical.as_bytes())
    );
    let key = [s.region.as_bytes(), b"s3", b"aws4_request"].iter().fold(
        hmac_sha256(format!("AWS4{}", s.secret_key).as_bytes(), day.as_bytes()),
        |key, part| hmac_sha256(&key, part),
    );
    let signature = hex(&hmac_sha256(&key, to_sign.as_bytes()));
    format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope},SignedHeaders={signed},Signature={signature}",
        s.access_key
    )
}

impl S3Store {
    async fn send(
        &self,
        method: reqwest::Method,
        key: &str,
        body: Option<Vec<u8>>,
    ) -> Result<reqwest::Response, AppError> {
        let path = format!("/{}/{key}", self.bucket);
        let url = format!("{}{path}", self.endpoint);
        let host = url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default()
            .to_owned();
        let payload = sha256_hex(body.as_deref().unwrap_or_default());
        let at = Utc::now();
        let auth = authorization(&Signing {
            method: method.as_str(),
            path: &path,
            headers: vec![("host".into(), host)],
            payload_sha256: payload.clone(),
            at,
            region: &self.region,
            access_key: &self.access_key,
            secret_key: &self.secret_key,
        });
        let mut request = self
            .client
            .request(method, &url)
            .header("x-amz-date", at.format("%Y%m%dT%H%M%SZ").to_string())
            .header("x-amz-content-sha256", payload)
            .header("authorization", auth);
        if let Some(body) = body {
            request = request.body(body);
        }
        request.send().await.map_err(|e| {
            tracing::error!(error = %e, "object store unreachable");
            AppError::Unavailable
        })
    }

    fn failed(what: &str, status: reqwest::StatusCode) -> AppError {
        crate::error::internal(format!("object store {what}: {status}"))
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), AppError> {
        let response = self
            .send(reqwest::Method::PUT, key, Some(bytes.to_vec()))
            .await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(Self::failed("put", response.status()))
        }
    }

    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, AppError> {
        let response = self.send(reqwest::Method::GET, key, None).await?;
        match response.status() {
            s if s.is_success() => Ok(Some(
                response
                    .bytes()
                    .await
                    .map_err(|_| AppError::Unavailable)?
                    .to_vec(),
            )),
            reqwest::StatusCode::NOT_FOUND => Ok(None),
            s => Err(Self::failed("get", s)),
        }
    }

    pub async fn delete(&self, key: &str) -> Result<(), AppError> {
        let response = self.send(reqwest::Method::DELETE, key, None).await?;
        match response.status() {
            s if s.is_success() || s == reqwest::StatusCode::NOT_FOUND => Ok(()),
            s => Err(Self::failed("delete", s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn hmac_matches_rfc_4231() {
        let key = [0x0b; 20];
        assert_eq!(
            hex(&hmac_sha256(&key, b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        // A key longer than the block is hashed first (RFC 4231 test case 6).
        let long = [0xaa; 131];
        assert_eq!(
            hex(&hmac_sha256(
                &long,
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn the_signature_matches_the_aws_example_for_get_object() {
        // The published SigV4 example: GET /test.txt from examplebucket with a Range header.
        let auth = authorization(&Signing {
            method: "GET",
            path: "/test.txt",
            headers: vec![
                ("host".into(), "examplebucket.s3.amazonaws.com".into()),
                ("range".into(), "bytes=0-9".into()),
            ],
            payload_sha256: sha256_hex(b""),
            at: Utc
                .with_ymd_and_hms(2013, 5, 24, 0, 0, 0)
                .single()
                .expect("time"),
            region: "us-east-1",
            access_key: "AKIAIOSFODNN7EXAMPLE",
            secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        });
        assert_eq!(
            auth,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,\
             Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }
}
