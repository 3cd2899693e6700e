//! Opening the file and writing the answer: status, validators, `Content-*` headers and the
//! streamed body, or the 404/500 of a file that cannot be served.

use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, Method, StatusCode, header};
use httpdate::HttpDate;
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use super::FileResponse;
use super::background::body_with_task;
use super::conditional::{Outcome, RequestInfo, decide};
use super::multipart::multipart;
use crate::responses::stream::CHUNK_SIZE;

/// Validators and size of the opened file.
pub(super) struct Meta {
    pub(super) len: u64,
    pub(super) etag: HeaderValue,
    pub(super) etag_str: String,
    pub(super) last_modified: Option<HttpDate>,
}

impl Meta {
    /// The validators from the metadata alone: the content is never read for them.
    fn of(meta: &std::fs::Metadata) -> Self {
        let modified = meta.modified().ok();
        let nanos = modified
            .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let etag_str = format!("\"{nanos:x}-{:x}\"", meta.len());
        Self {
            len: meta.len(),
            #[allow(clippy::expect_used, reason = "two hex numbers between quotes")]
            etag: HeaderValue::try_from(etag_str.as_str())
                .expect("an ETag of hex digits and quotes is a valid header value"),
            etag_str,
            last_modified: modified.map(HttpDate::from),
        }
    }
}

/// The body of a refused or missing file: Starlette's `{"detail": "Not Found"}`.
#[derive(serde::Serialize, schemars::JsonSchema)]
#[schemars(
    rename = "NotFound",
    description = "No file is served under this name."
)]
struct NotFound {
    // Always `Not Found`: the body says nothing of the path asked for.
    #[schemars(description = "Always `Not Found`.")]
    detail: &'static str,
}

pub(super) fn not_found() -> Response {
    crate::encoder::json_response(
        StatusCode::NOT_FOUND,
        &NotFound {
            detail: "Not Found",
        },
    )
}

/// What [`not_found`] documents.
pub(super) fn not_found_doc(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
    use crate::openapi::{MediaDoc, ResponseDoc, Responses};
    Responses::single(
        StatusCode::NOT_FOUND,
        ResponseDoc::for_status(StatusCode::NOT_FOUND).content(
            mime::APPLICATION_JSON.as_ref(),
            MediaDoc::schema(cx.register_output::<NotFound>()),
        ),
    )
}

/// A path that names no file answers 404, as a missing route does (the client learns
/// nothing about the disk); any other error is the server's: logged, a bare 500.
fn open_error(path: &Path, err: &io::Error) -> Response {
    match err.kind() {
        io::ErrorKind::NotFound
        | io::ErrorKind::NotADirectory
        | io::ErrorKind::IsADirectory
        | io::ErrorKind::InvalidInput
        | io::ErrorKind::InvalidFilename => not_found(),
        _ => {
            tracing::error!(path = %path.display(), error = %err, "FileResponse could not open the file");
            crate::encoder::internal_server_error()
        }
    }
}

/// No request at hand (no [`FileLayer`]): a full 200, opened with blocking calls.
pub(super) fn serve_without_request(file: FileResponse) -> Response {
    let opened = std::fs::File::open(&file.path).and_then(|f| {
        let meta = f.metadata()?;
        Ok((f, meta))
    });
    let (std_file, meta) = match opened {
        Ok(opened) => opened,
        Err(err) => return open_error(&file.path, &err),
    };
    if !meta.is_file() {
        return not_found();
    }
    let meta = Meta::of(&meta);
    let body = exact_body(tokio::fs::File::from_std(std_file), meta.len);
    finish(file, &meta, Outcome::Full, body, false)
}

/// Through a [`FileLayer`](super::FileLayer): the file opened asynchronously, then the
/// answer the request's conditionals and ranges call for.
pub(super) async fn serve(file: FileResponse, req: &RequestInfo) -> Response {
    let opened = async {
        let f = tokio::fs::File::open(&file.path).await?;
        let meta = f.metadata().await?;
        Ok::<_, io::Error>((f, meta))
    }
    .await;
    let (mut handle, std_meta) = match opened {
        Ok(opened) => opened,
        Err(err) => return open_error(&file.path, &err),
    };
    if !std_meta.is_file() {
        return not_found();
    }
    let meta = Meta::of(&std_meta);
    let outcome = decide(req, &meta);
    let head = req.method == Method::HEAD;
    match outcome {
        Outcome::Multi(ranges) => multipart(file, &meta, handle, ranges, head),
        Outcome::Full if !head => {
            let body = exact_body(handle, meta.len);
            finish(file, &meta, Outcome::Full, body, true)
        }
        Outcome::Single(range) if !head => {
            if let Err(err) = handle.seek(io::SeekFrom::Start(*range.start())).await {
                return open_error(&file.path, &err);
            }
            let len = range.end() - range.start() + 1;
            let body = exact_body(handle, len);
            finish(file, &meta, Outcome::Single(range), body, true)
        }
        outcome => finish(file, &meta, outcome, Body::empty(), true),
    }
}

/// The next `len` bytes of `file` as the body, exactly: a file that shrank after it was
/// opened ends the body with an error (the connection is aborted, as a body shorter than
/// its `Content-Length` must not end cleanly), and one that grew is cut at `len`.
fn exact_body(file: tokio::fs::File, len: u64) -> Body {
    use futures_util::StreamExt;
    let chunks = ReaderStream::with_capacity(file.take(len), CHUNK_SIZE);
    let exact =
        futures_util::stream::try_unfold((chunks, 0_u64), move |(mut chunks, sent)| async move {
            match chunks.next().await {
                Some(Ok(bytes)) => {
                    let sent = sent + bytes.len() as u64;
                    Ok(Some((bytes, (chunks, sent))))
                }
                Some(Err(err)) => Err(err),
                None if sent < len => {
                    tracing::warn!(
                        sent,
                        len,
                        "a file shrank while it was being sent; the body is aborted"
                    );
                    Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the file shrank while it was being sent",
                    ))
                }
                None => Ok(None),
            }
        });
    Body::from_stream(exact)
}

/// Headers every answer about the file carries (RFC 9110 section 15.4.5 asks a 304 for
/// the validators too).
fn validator_headers(res: &mut Response, meta: &Meta) {
    let headers = res.headers_mut();
    headers.insert(header::ETAG, meta.etag.clone());
    if let Some(modified) = meta.last_modified
        && let Ok(value) = HeaderValue::try_from(modified.to_string())
    {
        headers.insert(header::LAST_MODIFIED, value);
    }
}

/// The response for `outcome`: status, validators, `Content-*` headers and `body`, with the
/// background task riding on the body. `ranges`: whether to advertise `Accept-Ranges`, which
/// only holds when the request is at hand (through the layer).
pub(super) fn finish(
    file: FileResponse,
    meta: &Meta,
    outcome: Outcome,
    body: Body,
    ranges: bool,
) -> Response {
    let mut file = file;
    let background = file.background.take();
    let empty = || body_with_task(Body::empty(), None);
    let (status, length, content_range, body) = match outcome {
        Outcome::Full => (file.status, Some(meta.len), None, body),
        Outcome::Single(range) => (
            StatusCode::PARTIAL_CONTENT,
            Some(range.end() - range.start() + 1),
            Some(format!(
                "bytes {}-{}/{}",
                range.start(),
                range.end(),
                meta.len
            )),
            body,
        ),
        Outcome::NotModified => (StatusCode::NOT_MODIFIED, None, None, empty()),
        Outcome::PreconditionFailed => (StatusCode::PRECONDITION_FAILED, Some(0), None, empty()),
        Outcome::Unsatisfiable | Outcome::Multi(_) => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            Some(0),
            Some(format!("bytes */{}", meta.len)),
            empty(),
        ),
    };
    let mut res = Response::new(body_with_task(body, background));
    *res.status_mut() = status;
    validator_headers(&mut res, meta);
    let h = res.headers_mut();
    if ranges {
        h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    }
    if status != StatusCode::NOT_MODIFIED {
        if let Some(content_type) = file.content_type() {
            h.insert(header::CONTENT_TYPE, content_type);
        }
        if let Some(name) = &file.filename {
            h.insert(
                header::CONTENT_DISPOSITION,
                crate::responses::attachment::content_disposition(file.inline, name),
            );
        }
    }
    if let Some(length) = length {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    if let Some(range) = content_range.and_then(|r| HeaderValue::try_from(r).ok()) {
        h.insert(header::CONTENT_RANGE, range);
    }
    res
}
