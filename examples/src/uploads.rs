//! Uploads — FastAPI's `UploadFile = File(...)` and `Form(...)` parameters: a
//! `multipart/form-data` form read into a struct whose file fields are `UploadFile`s,
//! documented with the files as binary strings (a file picker in `/docs`, a `Blob` in a
//! generated client).
//!
//! Run: `cargo run --example uploads` (port from `PORT`, default 8000; the binary is
//! `examples/uploads.rs`), then
//!
//! ```text
//! curl -F file=@Cargo.toml -F description=manifest localhost:8000/files/upload
//!     # {"filename":"Cargo.toml","content_type":"application/octet-stream","size":...,"description":"manifest"}
//! curl -F files=@a.txt -F files=@b.txt localhost:8000/files/uploads
//!     # [{"filename":"a.txt",...},{"filename":"b.txt",...}]
//! curl -F description=nothing localhost:8000/files/upload
//!     # 422 {"detail":[{"type":"missing","loc":["body","file"],"msg":"Field required","input":null}]}
//! ```

use axum::Router;
use response_model::extract::{Multipart, UploadFile};
use response_model::prelude::*;
use response_model::routing::{ApiRouter, post};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// FastAPI: `file: UploadFile = File(...), description: str | None = Form(None)`.
/// A file, and what it is.
#[derive(Deserialize, JsonSchema)]
pub struct UploadForm {
    /// The file to store.
    file: UploadFile,
    /// What the file is, in a few words.
    description: Option<String>,
}

// FastAPI: `files: list[UploadFile] = File(...)`.
/// Several files.
#[derive(Deserialize, JsonSchema)]
pub struct UploadsForm {
    /// The files to store, one part each.
    files: Vec<UploadFile>,
}

/// What the server received of a file.
#[derive(Serialize, JsonSchema)]
pub struct FileInfo {
    /// The file's name, as the client sent it.
    filename: String,
    /// The content type the client declared for it, if any.
    content_type: Option<String>,
    /// Its size in bytes.
    size: usize,
    /// The form's description, if one was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl FileInfo {
    fn of(file: &UploadFile, description: Option<String>) -> Self {
        Self {
            filename: file.filename().to_owned(),
            content_type: file.content_type().map(str::to_owned),
            size: file.size(),
            description,
        }
    }
}

/// Upload a file
///
/// The file's name, content type and size, as received.
#[handler]
async fn upload_file(Multipart(form): Multipart<UploadForm>) -> Model<FileInfo> {
    Model(FileInfo::of(&form.file, form.description))
}

/// Upload several files
///
/// One entry per file, in the order they were sent.
#[handler]
async fn upload_files(Multipart(form): Multipart<UploadsForm>) -> Model<Vec<FileInfo>> {
    Model(form.files.iter().map(|f| FileInfo::of(f, None)).collect())
}

/// The routes, documented from the handlers' types (the showcase merges them).
pub fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/files/upload", post(upload_file))
        .route("/files/uploads", post(upload_files))
}

/// The app with `/openapi.json`, `/docs` and `/redoc`.
pub fn app() -> Router {
    api().with_docs().into_router()
}
