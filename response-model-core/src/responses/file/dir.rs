//! [`FileDir`]: files by a client-supplied name from one directory, without a way out of it.

use std::path::{Component, Path, PathBuf};

use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

use super::FileResponse;
use super::serve::{not_found, not_found_doc};

/// Serves files by a user-supplied name from one base directory, refusing every way out
/// of it: `..`, absolute paths, percent-encoded variants of those (`..%2F`, `%2e%2e/`),
/// backslashes, NUL bytes, and symlinks that lead outside the base.
///
/// Refused names and missing files both answer 404 `{"detail":"Not Found"}`: a client
/// learns nothing about the filesystem. (A symlink swapped in between the check and the
/// open is not defended against; keep the base directory writable only by the service.)
///
/// ```
/// use axum::extract::Path;
/// use response_model::responses::{FileDir, FileDirError, FileResponse};
///
/// async fn avatar(Path(name): Path<String>) -> Result<FileResponse, FileDirError> {
///     FileDir::new("avatars").file(&format!("{name}.png")).await
/// }
/// ```
#[derive(Clone, Debug)]
pub struct FileDir {
    base: PathBuf,
}

/// Why [`FileDir`] did not serve a name. Both answer 404 without details.
///
/// ```
/// use response_model::responses::FileDirError;
/// assert!(FileDirError::Refused.to_string().contains(".."));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileDirError {
    /// No regular file by that name in the base directory.
    NotFound,
    /// The name tries to leave the base directory (or is not a plain relative name).
    Refused,
}

impl std::fmt::Display for FileDirError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileDirError::NotFound => f.write_str(
                "no regular file by that name in the served directory: check the name or serve a fallback",
            ),
            FileDirError::Refused => f.write_str(
                "file name refused: it must be a relative name inside the served directory \
                 (no `..`, no absolute path, no encoded or backslash separators, no symlink leading out)",
            ),
        }
    }
}

impl std::error::Error for FileDirError {}

impl IntoResponse for FileDirError {
    fn into_response(self) -> Response {
        not_found()
    }
}

/// `{"detail": "Not Found"}` for a refused or missing name.
impl crate::openapi::ApiResponse for FileDirError {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        not_found_doc(cx)
    }
}

/// A name is acceptable when every component is a plain name.
fn plain_relative(name: &str) -> bool {
    !name.is_empty()
        && !name.contains(['\0', '\\'])
        && Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !name.split('/').any(|part| part == "." || part == "..")
}

impl FileDir {
    /// Serves names from `base`.
    pub fn new(base: impl Into<PathBuf>) -> Self {
        Self { base: base.into() }
    }

    /// The canonical path of `name` inside the base directory.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use response_model::responses::{FileDir, FileDirError};
    /// let dir = FileDir::new(std::env::temp_dir());
    /// assert_eq!(dir.resolve("../etc/passwd").await, Err(FileDirError::Refused));
    /// assert_eq!(dir.resolve("%2e%2e%2fetc%2fpasswd").await, Err(FileDirError::Refused));
    /// assert_eq!(dir.resolve("/etc/passwd").await, Err(FileDirError::Refused));
    /// # });
    /// ```
    pub async fn resolve(&self, name: &str) -> Result<PathBuf, FileDirError> {
        let decoded = percent_decode_str(name)
            .decode_utf8()
            .map_err(|_| FileDirError::Refused)?;
        if !plain_relative(name) || !plain_relative(&decoded) {
            return Err(FileDirError::Refused);
        }
        let base = tokio::fs::canonicalize(&self.base).await.map_err(|err| {
            tracing::error!(error = %err, base = %self.base.display(), "FileDir base directory is unusable");
            FileDirError::NotFound
        })?;
        let path = match tokio::fs::canonicalize(base.join(name)).await {
            Ok(path) => path,
            Err(_) => return Err(FileDirError::NotFound),
        };
        if !path.starts_with(&base) {
            return Err(FileDirError::Refused);
        }
        match tokio::fs::metadata(&path).await {
            Ok(meta) if meta.is_file() => Ok(path),
            _ => Err(FileDirError::NotFound),
        }
    }

    /// A [`FileResponse`] of `name` inside the base directory.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use response_model::responses::{FileDir, FileDirError};
    /// let dir = FileDir::new(std::env::temp_dir());
    /// assert_eq!(dir.file("no-such-file.png").await.unwrap_err(), FileDirError::NotFound);
    /// # });
    /// ```
    pub async fn file(&self, name: &str) -> Result<FileResponse, FileDirError> {
        self.resolve(name).await.map(FileResponse::new)
    }
}
