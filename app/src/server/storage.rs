//! Where uploaded files live. Files are written under a generated key (never the uploaded
//! name), through one interface: a folder on the server's disk, or an object store (an
//! S3-compatible bucket, through the `object_store` crate). Both stream: a download is read as
//! it is sent, a document is written as it arrives. A reader never sees half a file: the folder
//! writes to a temporary name and renames it into place, the store makes an object visible only
//! when its upload completes.

use crate::error::AppError;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures::stream::{BoxStream, StreamExt};
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// A stored file opened for reading: its bytes as they come from the disk or the store.
pub struct Stored(pub BoxStream<'static, std::io::Result<Bytes>>);

#[derive(Clone, Debug)]
pub enum Storage {
    /// A folder on the server's disk (the default: `UPLOADS_DIR`, `data/uploads`).
    Local(PathBuf),
    /// An object store: a bucket in an S3-compatible store (`S3_BUCKET` and the other `S3_`
    /// settings), or memory in the tests.
    Objects(Arc<dyn ObjectStore>),
}

/// Where an S3-compatible store is, how to sign in to it and how long to wait for it.
#[derive(Clone, Debug)]
pub struct S3Options {
    /// `https://s3.eu-west-2.amazonaws.com`, `http://127.0.0.1:9000`; requests are path-style
    /// (`{endpoint}/{bucket}/{key}`), which every S3-compatible store answers.
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    /// How long one request may take, reading a download to the browser included.
    pub timeout: Duration,
    /// How many times a failed request is tried again (a download cut short goes on from where
    /// it stopped).
    pub retries: usize,
    /// Authorities to trust besides the public ones (PEM), for a store inside the landlord's
    /// network.
    pub extra_ca_pem: Option<Vec<u8>>,
}

/// The part of an upload held in memory before it goes to the store: above it, the upload is
/// sent in parts of this size (S3's smallest part is 5 MiB), two at a time.
const UPLOAD_PART_BYTES: usize = 5 * 1024 * 1024;

/// A key the store generates: 32 hex characters and the type's extension.
pub fn new_key(extension: &str) -> String {
    format!("{}.{extension}", crate::server::tokens::submission_token())
}

fn is_our_key(key: &str) -> bool {
    let (name, ext) = key.split_once('.').unwrap_or((key, ""));
    crate::server::tokens::is_submission_token(name)
        && !ext.is_empty()
        && ext.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The store failed: logged, and the person is told to try again later.
fn unavailable(what: &str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "object store {what} failed");
    AppError::Unavailable
}

impl Storage {
    /// An S3-compatible bucket, checked for shape (not yet asked anything).
    pub fn s3(options: &S3Options) -> Result<Storage, String> {
        use object_store::aws::AmazonS3Builder;
        use object_store::{BackoffConfig, ClientOptions, RetryConfig};
        let mut client = ClientOptions::new()
            .with_allow_http(options.endpoint.starts_with("http://"))
            .with_connect_timeout(Duration::from_secs(3))
            .with_timeout(options.timeout);
        if let Some(pem) = &options.extra_ca_pem {
            for certificate in object_store::Certificate::from_pem_bundle(pem)
                .map_err(|e| format!("EXTRA_CA_FILE: {e}"))?
            {
                client = client.with_root_certificate(certificate);
            }
        }
        let retries = u32::try_from(options.retries).unwrap_or(u32::MAX);
        let store = AmazonS3Builder::new()
            .with_endpoint(&options.endpoint)
            .with_bucket_name(&options.bucket)
            .with_region(&options.region)
            .with_access_key_id(&options.access_key)
            .with_secret_access_key(&options.secret_key)
            .with_virtual_hosted_style_request(false)
            .with_client_options(client)
            .with_retry(RetryConfig {
                backoff: BackoffConfig::default(),
                max_retries: options.retries,
                retry_timeout: options.timeout.saturating_mul(retries.saturating_add(1)),
            })
            .build()
            .map_err(|e| format!("S3_ENDPOINT: the object store could not be set up ({e})"))?;
        Ok(Storage::Objects(Arc::new(store)))
    }

    fn path(dir: &std::path::Path, key: &str) -> Result<PathBuf, AppError> {
        // Keys are ours; anything else would be a path outside the folder.
        Self::check(key)?;
        Ok(dir.join(&key[..2]).join(key))
    }

    fn object(key: &str) -> Result<object_store::path::Path, AppError> {
        Self::check(key)?;
        Ok(object_store::path::Path::from(key))
    }

    fn check(key: &str) -> Result<(), AppError> {
        if is_our_key(key) {
            Ok(())
        } else {
            Err(crate::error::internal(format!("not a storage key: {key}")))
        }
    }

    /// Stores `bytes` whole (photos, which are decoded and encoded again in memory anyway, and
    /// generated PDFs).
    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), AppError> {
        match self {
            Storage::Local(_) => {
                let mut writer = self.writer(key).await?;
                writer.write(bytes).await?;
                writer.finish().await
            }
            Storage::Objects(store) => store
                .put(&Self::object(key)?, PutPayload::from(bytes.to_vec()))
                .await
                .map(|_| ())
                .map_err(|e| unavailable("put", e)),
        }
    }

    /// A writer for a file that arrives in pieces (a document upload). Nothing is visible under
    /// `key` until [`Writer::finish`]; [`Writer::abort`] leaves nothing behind.
    pub async fn writer(&self, key: &str) -> Result<Writer, AppError> {
        match self {
            Storage::Local(dir) => {
                let path = Self::path(dir, key)?;
                let folder = path
                    .parent()
                    .ok_or_else(|| crate::error::internal("storage path has no folder"))?;
                tokio::fs::create_dir_all(folder)
                    .await
                    .map_err(crate::error::internal)?;
                let partial = path.with_extension("partial");
                let file = tokio::fs::File::create(&partial)
                    .await
                    .map_err(crate::error::internal)?;
                Ok(Writer::Local {
                    file,
                    partial,
                    path,
                })
            }
            Storage::Objects(store) => Ok(Writer::Objects(
                object_store::buffered::BufWriter::with_capacity(
                    store.clone(),
                    Self::object(key)?,
                    UPLOAD_PART_BYTES,
                )
                .with_max_concurrency(2),
            )),
        }
    }

    /// The whole file, in memory (photos shown on a page, which are at most 10 MB).
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, AppError> {
        match self {
            Storage::Local(dir) => match tokio::fs::read(Self::path(dir, key)?).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::error::internal(e)),
            },
            Storage::Objects(_) => {
                // Read as a download is, so it ends when every byte has come.
                let Some((Stored(mut body), size)) = self.open(key).await? else {
                    return Ok(None);
                };
                let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
                while let Some(chunk) = body.next().await {
                    bytes.extend_from_slice(&chunk.map_err(|e| unavailable("read", e))?);
                }
                Ok(Some(bytes))
            }
        }
    }

    /// The stored file for streaming to the browser, read as it is sent, with its size.
    pub async fn open(&self, key: &str) -> Result<Option<(Stored, u64)>, AppError> {
        match self {
            Storage::Local(dir) => match tokio::fs::File::open(Self::path(dir, key)?).await {
                Ok(file) => {
                    let size = file.metadata().await.map_err(crate::error::internal)?.len();
                    let body = tokio_util::io::ReaderStream::new(file).boxed();
                    Ok(Some((Stored(body), size)))
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::error::internal(e)),
            },
            Storage::Objects(store) => match store.get(&Self::object(key)?).await {
                Ok(found) => {
                    let size = found.meta.size;
                    Ok(Some((
                        Stored(until_complete(found.into_stream(), size)),
                        size,
                    )))
                }
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(unavailable("get", e)),
            },
        }
    }

    /// The keys of the files last written from `from` to before `to` (a file being written now
    /// is never among them when `to` is in the past). A folder's files are found by walking it;
    /// a bucket's by listing it, a thousand to a request.
    pub async fn written_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<String>, AppError> {
        let within = |at: DateTime<Utc>| from <= at && at < to;
        let mut keys = Vec::new();
        match self {
            Storage::Local(dir) => {
                let mut folders = match tokio::fs::read_dir(dir).await {
                    Ok(folders) => folders,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(keys),
                    Err(e) => return Err(crate::error::internal(e)),
                };
                while let Some(folder) =
                    folders.next_entry().await.map_err(crate::error::internal)?
                {
                    if !folder.path().is_dir() {
                        continue;
                    }
                    let mut files = tokio::fs::read_dir(folder.path())
                        .await
                        .map_err(crate::error::internal)?;
                    while let Some(file) =
                        files.next_entry().await.map_err(crate::error::internal)?
                    {
                        let name = file.file_name().to_string_lossy().into_owned();
                        let written = file
                            .metadata()
                            .await
                            .and_then(|m| m.modified())
                            .map(DateTime::<Utc>::from);
                        if is_our_key(&name) && written.is_ok_and(within) {
                            keys.push(name);
                        }
                    }
                }
            }
            Storage::Objects(store) => {
                let mut listed = store.list(None);
                while let Some(object) = listed.next().await {
                    let object = object.map_err(|e| unavailable("list", e))?;
                    let key = object.location.as_ref();
                    if is_our_key(key) && within(object.last_modified) {
                        keys.push(key.to_owned());
                    }
                }
            }
        }
        Ok(keys)
    }

    pub async fn delete(&self, key: &str) -> Result<(), AppError> {
        match self {
            Storage::Local(dir) => match tokio::fs::remove_file(Self::path(dir, key)?).await {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(crate::error::internal(e)),
            },
            Storage::Objects(store) => match store.delete(&Self::object(key)?).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(unavailable("delete", e)),
            },
        }
    }
}

/// An object's bytes as the store sends them, ending as soon as all `size` of them have come.
/// The store is not asked for more: a read that times out after its last byte but before the
/// end of its body would otherwise be resumed from one past the end, which S3-compatible stores
/// answer with an error (416) or, as RFC 9110 allows an invalid range to be ignored, with the
/// whole object again (object_store issue 654, open). An error ends the stream.
fn until_complete(
    inner: BoxStream<'static, object_store::Result<Bytes>>,
    size: u64,
) -> BoxStream<'static, std::io::Result<Bytes>> {
    futures::stream::unfold((inner, 0u64), move |(mut inner, sent)| async move {
        if sent >= size {
            return None;
        }
        match inner.next().await? {
            Ok(bytes) => {
                let sent = sent + bytes.len() as u64;
                Some((Ok(bytes), (inner, sent)))
            }
            Err(error) => {
                tracing::error!(%error, "object store download cut short");
                Some((Err(std::io::Error::other(error)), (inner, size)))
            }
        }
    })
    .boxed()
}

/// A file being written as it arrives.
pub enum Writer {
    Local {
        file: tokio::fs::File,
        partial: PathBuf,
        path: PathBuf,
    },
    /// Held in memory up to one part, then sent in parts.
    Objects(object_store::buffered::BufWriter),
}

impl Writer {
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), AppError> {
        match self {
            Writer::Local { file, .. } => {
                file.write_all(chunk).await.map_err(crate::error::internal)
            }
            Writer::Objects(upload) => upload
                .write_all(chunk)
                .await
                .map_err(|e| unavailable("upload", e)),
        }
    }

    /// Makes the file visible under its key.
    pub async fn finish(self) -> Result<(), AppError> {
        match self {
            Writer::Local {
                mut file,
                partial,
                path,
            } => {
                let written = async {
                    file.flush().await?;
                    drop(file);
                    tokio::fs::rename(&partial, &path).await
                }
                .await;
                if let Err(error) = written {
                    let _ = tokio::fs::remove_file(&partial).await;
                    return Err(crate::error::internal(error));
                }
                Ok(())
            }
            Writer::Objects(mut upload) => match upload.shutdown().await {
                Ok(()) => Ok(()),
                Err(error) => {
                    let _ = upload.abort().await;
                    Err(unavailable("upload", error))
                }
            },
        }
    }

    /// Throws away what was written.
    pub async fn abort(self) {
        match self {
            Writer::Local { file, partial, .. } => {
                drop(file);
                if let Err(error) = tokio::fs::remove_file(&partial).await {
                    tracing::warn!(%error, "a refused upload's partial file was not removed");
                }
            }
            Writer::Objects(mut upload) => {
                if let Err(error) = upload.abort().await {
                    tracing::warn!(%error, "a refused upload was not aborted in the object store");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stores() -> Vec<(Storage, Option<PathBuf>)> {
        let dir = std::env::temp_dir().join(format!("doorstep-storage-{}", new_key("t")));
        vec![
            (Storage::Local(dir.clone()), Some(dir)),
            (
                Storage::Objects(Arc::new(object_store::memory::InMemory::new())),
                None,
            ),
        ]
    }

    async fn read_all(stored: Stored) -> Vec<u8> {
        let mut out = Vec::new();
        let mut body = stored.0;
        while let Some(chunk) = body.next().await {
            out.extend_from_slice(&chunk.expect("chunk"));
        }
        out
    }

    #[tokio::test]
    async fn a_file_goes_in_comes_out_and_is_deleted() {
        for (store, dir) in stores() {
            let key = new_key("jpg");
            store.put(&key, b"photo").await.expect("put");
            assert_eq!(store.get(&key).await.expect("get"), Some(b"photo".to_vec()));
            let (opened, size) = store.open(&key).await.expect("open").expect("there");
            assert_eq!((read_all(opened).await, size), (b"photo".to_vec(), 5));
            store.delete(&key).await.expect("delete");
            assert_eq!(store.get(&key).await.expect("get"), None);
            assert!(store.open(&key).await.expect("open").is_none());
            store.delete(&key).await.expect("deleting twice is fine");
            if let Some(dir) = dir {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }

    #[tokio::test]
    async fn a_file_written_in_pieces_appears_only_when_finished() {
        for (store, dir) in stores() {
            // Bigger than one part, so the store is sent it in parts.
            let piece: Vec<u8> = (0..=255u8).cycle().take(1024 * 1024).collect();
            let key = new_key("pdf");
            let mut writer = store.writer(&key).await.expect("writer");
            for _ in 0..7 {
                writer.write(&piece).await.expect("write");
            }
            assert_eq!(store.get(&key).await.expect("get"), None, "not yet");
            writer.finish().await.expect("finish");
            let (opened, size) = store.open(&key).await.expect("open").expect("there");
            assert_eq!(size, 7 * 1024 * 1024);
            assert_eq!(read_all(opened).await, piece.repeat(7));

            let refused = new_key("pdf");
            let mut writer = store.writer(&refused).await.expect("writer");
            writer.write(&piece).await.expect("write");
            writer.abort().await;
            assert_eq!(store.get(&refused).await.expect("get"), None);
            if let Some(dir) = dir {
                let left: Vec<_> = walk(&dir);
                assert_eq!(left.len(), 1, "only the finished file: {left:?}");
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }

    fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path);
            }
        }
        found
    }

    #[tokio::test]
    async fn files_are_found_by_when_they_were_written() {
        for (store, dir) in stores() {
            let key = new_key("jpg");
            store.put(&key, b"photo").await.expect("put");
            let now = Utc::now();
            let hour = chrono::Duration::hours(1);
            let found = store
                .written_between(now - hour, now + hour)
                .await
                .expect("list");
            assert_eq!(found, vec![key.clone()]);
            let earlier = store
                .written_between(now - hour * 24, now - hour)
                .await
                .expect("list");
            assert!(earlier.is_empty(), "{earlier:?}");
            if let Some(dir) = dir {
                std::fs::write(dir.join("notes.txt"), b"not ours").expect("write");
                let found = store
                    .written_between(now - hour, now + hour)
                    .await
                    .expect("list");
                assert_eq!(found, vec![key], "only the store's own files");
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }

    #[tokio::test]
    async fn a_download_ends_when_every_byte_has_come() {
        // The store's read timed out after its last byte: the error is never asked for.
        let chunks: Vec<object_store::Result<Bytes>> = vec![
            Ok(Bytes::from_static(b"lease ")),
            Ok(Bytes::from_static(b"page 1")),
            Err(object_store::Error::Generic {
                store: "S3",
                source: "timed out after the last byte".into(),
            }),
        ];
        let body = until_complete(futures::stream::iter(chunks).boxed(), 12);
        let read = read_all(Stored(body)).await;
        assert_eq!(read, b"lease page 1");
        // Cut short before the end, the error comes through, and nothing after it.
        let chunks: Vec<object_store::Result<Bytes>> = vec![
            Ok(Bytes::from_static(b"lease ")),
            Err(object_store::Error::Generic {
                store: "S3",
                source: "connection reset".into(),
            }),
            Ok(Bytes::from_static(b"never")),
        ];
        let mut body = until_complete(futures::stream::iter(chunks).boxed(), 12);
        assert!(body.next().await.is_some_and(|c| c.is_ok()));
        assert!(body.next().await.is_some_and(|c| c.is_err()));
        assert!(body.next().await.is_none());
    }

    #[tokio::test]
    async fn only_generated_keys_are_accepted() {
        for (store, _) in stores() {
            for key in ["../../etc/passwd", "a.jpg", "/tmp/x", ""] {
                assert!(store.get(key).await.is_err(), "{key}");
                assert!(store.writer(key).await.is_err(), "{key}");
            }
        }
    }

    #[test]
    fn an_s3_store_is_set_up_from_its_settings() {
        let options = S3Options {
            endpoint: "http://127.0.0.1:9000".into(),
            bucket: "photos".into(),
            region: "eu-west-2".into(),
            access_key: "AK".into(),
            secret_key: "SK".into(),
            timeout: Duration::from_secs(5),
            retries: 2,
            extra_ca_pem: None,
        };
        assert!(matches!(Storage::s3(&options), Ok(Storage::Objects(_))));
        let bad = S3Options {
            extra_ca_pem: Some(b"-----BEGIN CERTIFICATE-----\nnot base64\n".to_vec()),
            ..options
        };
        assert!(Storage::s3(&bad).is_err_and(|e| e.starts_with("EXTRA_CA_FILE")));
    }
}
