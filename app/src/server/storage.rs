//! Where uploaded files live. Files are written under a generated key (never the uploaded
//! name), through one interface, so the folder on disk can be swapped for an object store.
//! Writes go to a temporary name first and are renamed into place, so a reader never sees half
//! a file.

use crate::error::AppError;
use std::path::PathBuf;

/// A stored file opened for reading.
pub enum Stored {
    File(tokio::fs::File),
    Bytes(Vec<u8>),
}

#[derive(Clone, Debug)]
pub enum Storage {
    /// A folder on the server's disk (the default: `UPLOADS_DIR`, `data/uploads`).
    Local(PathBuf),
    /// A bucket in an S3-compatible object store (`S3_BUCKET` and the other `S3_` settings).
    S3(super::s3::S3Store),
}

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

impl Storage {
    fn path(dir: &std::path::Path, key: &str) -> Result<PathBuf, AppError> {
        // Keys are ours; anything else would be a path outside the folder.
        Self::check(key)?;
        Ok(dir.join(&key[..2]).join(key))
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), AppError> {
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
                tokio::fs::write(&partial, bytes)
                    .await
                    .map_err(crate::error::internal)?;
                tokio::fs::rename(&partial, &path)
                    .await
                    .map_err(crate::error::internal)?;
                Ok(())
            }
            Storage::S3(store) => {
                Self::check(key)?;
                store.put(key, bytes).await
            }
        }
    }

    fn check(key: &str) -> Result<(), AppError> {
        if is_our_key(key) {
            Ok(())
        } else {
            Err(crate::error::internal(format!("not a storage key: {key}")))
        }
    }

    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, AppError> {
        match self {
            Storage::Local(dir) => match tokio::fs::read(Self::path(dir, key)?).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::error::internal(e)),
            },
            Storage::S3(store) => {
                Self::check(key)?;
                store.get(key).await
            }
        }
    }

    /// The stored file for streaming to the browser: an open file from the folder (read as it
    /// is sent), or the object's bytes from the store; with its size.
    pub async fn open(&self, key: &str) -> Result<Option<(Stored, u64)>, AppError> {
        match self {
            Storage::Local(dir) => match tokio::fs::File::open(Self::path(dir, key)?).await {
                Ok(file) => {
                    let size = file.metadata().await.map_err(crate::error::internal)?.len();
                    Ok(Some((Stored::File(file), size)))
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::error::internal(e)),
            },
            Storage::S3(store) => {
                Self::check(key)?;
                Ok(store.get(key).await?.map(|bytes| {
                    let size = bytes.len() as u64;
                    (Stored::Bytes(bytes), size)
                }))
            }
        }
    }

    pub async fn delete(&self, key: &str) -> Result<(), AppError> {
        match self {
            Storage::Local(dir) => match tokio::fs::remove_file(Self::path(dir, key)?).await {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(crate::error::internal(e)),
            },
            Storage::S3(store) => {
                Self::check(key)?;
                store.delete(key).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_goes_in_comes_out_and_is_deleted() {
        let dir = std::env::temp_dir().join(format!("doorstep-storage-{}", new_key("t")));
        let store = Storage::Local(dir.clone());
        let key = new_key("jpg");
        store.put(&key, b"photo").await.expect("put");
        assert_eq!(store.get(&key).await.expect("get"), Some(b"photo".to_vec()));
        store.delete(&key).await.expect("delete");
        assert_eq!(store.get(&key).await.expect("get"), None);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn only_generated_keys_are_accepted() {
        let store = Storage::Local(std::env::temp_dir());
        for key in ["../../etc/passwd", "a.jpg", "/tmp/x", ""] {
            assert!(store.get(key).await.is_err(), "{key}");
        }
    }
}
