//! Files from disk (FastAPI's `FileResponse`), with ranges, conditional requests, a cleanup
//! task and a traversal-safe directory helper.
//!
//! ```
//! use axum::{Router, routing::get};
//! use response_model_core::responses::{FileLayer, FileResponse};
//!
//! use response_model_core::responses::media::ApplicationPdf;
//!
//! async fn download_report() -> FileResponse<ApplicationPdf> {
//!     FileResponse::new("reports/monthly_report.pdf")
//!         .filename("report.pdf")            // the name the client sees
//!         .media::<ApplicationPdf>()         // else guessed from the extension
//! }
//!
//! let app: Router = Router::new()
//!     .route("/download/report", get(download_report))
//!     .layer(FileLayer::new()); // ranges, ETag/If-*, 304, 416, HEAD
//! ```
//!
//! # How the request reaches the file: [`FileLayer`]
//!
//! `IntoResponse` never sees the request, yet `Range`, `If-Range`, `If-None-Match` and
//! `If-Modified-Since` decide the status and the body. Of the two ways to bring them
//! together (an extractor that captures the headers, or a layer that finishes the response
//! with the original request) this module takes the layer, because the handler then reads
//! like FastAPI's `return FileResponse(path, filename=...)` and needs no extra argument:
//!
//! - inside a [`FileLayer`], [`FileResponse`] turns into a marked, empty response; the layer
//!   (which kept the request's method and headers) opens the file asynchronously and
//!   answers with 200, 206 (one range), 206 `multipart/byteranges` (several ranges), 304,
//!   412, 416 or 404, advertising `Accept-Ranges: bytes`;
//! - without the layer, it is still a correct response: a full 200 of the file with
//!   `ETag`/`Last-Modified` (no `Accept-Ranges`, since ranges would be ignored). That path
//!   opens the file with a blocking `open` + `stat` on the async worker (two short system
//!   calls), because `IntoResponse` cannot await.
//!
//! Headers and a status set around the file (`(StatusCode::CREATED, headers, file)`) are
//! kept on the final response in both cases.
//!
//! tower-http's `ServeFile` is not used for the response itself: it answers several ranges
//! with 416, has no `ETag`/`If-None-Match`/`If-Range`, and answers a malformed `Range` with
//! 416 where RFC 9110 says to ignore it. Parsing uses the `http-range-header` crate (also
//! tower-http's) and MIME types `mime_guess`; bodies stream from the file in 64 KiB reads
//! as `ServeFile` does, so nothing is loaded into memory.
//!
//! # Wire behaviour
//!
//! - **Content-Type**: the type's media type ([`FileResponse::media`], which the OpenAPI
//!   document lists too), or one set at run time ([`FileResponse::media_type`], documented
//!   as `*/*`), else guessed from the [`filename`](FileResponse::filename) or the path,
//!   else `application/octet-stream` (Starlette falls back to `text/plain`, wrong for
//!   binary data). Like Starlette, `text/*` gets `; charset=utf-8`.
//! - **Content-Disposition** (only when a filename is given): RFC 6266,
//!   `attachment; filename="report.pdf"`; a name that is not plain ASCII also gets an RFC 8187
//!   `filename*=UTF-8''r%C3%A9sum%C3%A9.pdf` next to an ASCII fallback (`r_sum_.pdf`) for
//!   old clients (Starlette sends only `filename*`).
//! - **Validators**: `Last-Modified` from the file's mtime and a strong `ETag` of its
//!   modification time and size (what nginx does). `If-Match`/`If-Unmodified-Since` -> 412,
//!   `If-None-Match`/`If-Modified-Since` -> 304, in RFC 9110 section 13.2.2's order.
//! - **Range** (GET and HEAD): `bytes=0-9`, `bytes=1000-`, `bytes=-10` -> 206 with
//!   `Content-Range`; several ranges -> 206 `multipart/byteranges`; no satisfiable range ->
//!   416 with `Content-Range: bytes */N`. A malformed `Range` (bad syntax, other units,
//!   `bytes=9-0`), overlapping ranges, or more than 16 ranges are **ignored** and the whole
//!   file is sent with 200, as RFC 9110 section 14.2 allows. `If-Range` with a matching
//!   strong ETag or the exact `Last-Modified` date keeps the range; otherwise 200 full.
//! - **HEAD**: the GET headers (`Content-Length` included), no body.
//! - **Missing file** (or a directory) -> 404 `{"detail":"Not Found"}`, FastAPI's 404 body;
//!   any other I/O error -> a bare 500, the path logged with `tracing`, never sent.
//! - **Background task** ([`FileResponse::background`]): runs once the body is over: sent
//!   to the end, the client gone, or no body at all (304, HEAD, 404).

use super::media::{AnyMedia, Checked, MediaType};
use std::borrow::Cow;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::marker::PhantomData;
use std::ops::RangeInclusive;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::UNIX_EPOCH;

use axum::BoxError;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::{Bytes, BytesMut};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, header};
use http_body::Frame;
use httpdate::HttpDate;
use percent_encoding::percent_decode_str;
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use super::stream::{CHUNK_SIZE, content_type_value};

/// More ranges than this in one request are ignored (whole file sent), which keeps a
/// `bytes=0-0,2-2,4-4,...` request from turning into thousands of parts.
const MAX_RANGES: usize = 16;

/// A file from disk as a response (FastAPI's `FileResponse`). See the [module docs](self).
///
/// `M` is the media type ([`media`](super::media)); the default, [`AnyMedia`], leaves it
/// to run time (set, or guessed from the extension).
///
/// ```
/// use response_model_core::responses::FileResponse;
/// use response_model_core::responses::media::TextCsv;
///
/// async fn export(user_id: u64) -> FileResponse<TextCsv> {
///     FileResponse::new(format!("/tmp/export_{user_id}.csv"))
///         .filename(format!("user_{user_id}_export.csv"))
///         .media::<TextCsv>()
/// }
/// ```
#[must_use = "a FileResponse does nothing until it is returned from a handler"]
pub struct FileResponse<M = AnyMedia> {
    path: PathBuf,
    filename: Option<String>,
    media_type: Option<Cow<'static, str>>,
    inline: bool,
    /// The status of a full response: 200, or the one a tuple around the class set.
    status: StatusCode,
    background: Option<BackgroundTask>,
    media: PhantomData<fn() -> M>,
}

impl<M> std::fmt::Debug for FileResponse<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileResponse")
            .field("path", &self.path)
            .field("filename", &self.filename)
            .field("media_type", &self.media_type)
            .field("inline", &self.inline)
            .field("status", &self.status)
            .field("background", &self.background)
            .finish()
    }
}

impl FileResponse {
    /// The file at `path` (relative paths are relative to the process's working directory).
    ///
    /// ```
    /// # use response_model_core::responses::FileResponse;
    /// let file = FileResponse::new("avatars/default.png");
    /// ```
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            filename: None,
            media_type: None,
            inline: false,
            status: StatusCode::OK,
            background: None,
            media: PhantomData,
        }
    }

    /// Fixes the media type as a type: the handler returns `FileResponse<M>` and the
    /// OpenAPI document lists `M`'s media type (`text/*` gets `; charset=utf-8` on the
    /// wire). A media type that is not valid fails the build.
    ///
    /// ```
    /// # use response_model_core::responses::FileResponse;
    /// use response_model_core::responses::media::ApplicationPdf;
    ///
    /// async fn report() -> FileResponse<ApplicationPdf> {
    ///     FileResponse::new("reports/monthly.bin").media::<ApplicationPdf>()
    /// }
    /// ```
    pub fn media<N: MediaType>(self) -> FileResponse<N> {
        let () = Checked::<N>::VALID;
        let mut file = self.retype();
        file.media_type = Some(Cow::Borrowed(N::MEDIA_TYPE));
        file
    }

    /// Sets the Content-Type at run time, instead of the guess from the file name's
    /// extension. The document can only say `*/*` for it: when the media type is known in
    /// advance, prefer [`media`](Self::media).
    ///
    /// ```
    /// # use response_model_core::responses::FileResponse;
    /// let file = FileResponse::new("report.bin").media_type("application/pdf");
    /// ```
    pub fn media_type(mut self, media_type: impl Into<String>) -> Self {
        self.media_type = Some(Cow::Owned(media_type.into()));
        self
    }
}

impl<M> FileResponse<M> {
    /// The same response under another media type parameter (fields moved, not copied).
    fn retype<N>(self) -> FileResponse<N> {
        FileResponse {
            path: self.path,
            filename: self.filename,
            media_type: self.media_type,
            inline: self.inline,
            status: self.status,
            background: self.background,
            media: PhantomData,
        }
    }

    /// The name the client saves the file under: `Content-Disposition: attachment;
    /// filename=...` (RFC 6266, with a UTF-8 `filename*` for non-ASCII names).
    ///
    /// ```
    /// # use response_model_core::responses::FileResponse;
    /// let file = FileResponse::new("r.pdf").filename("résumé.pdf");
    /// ```
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// `Content-Disposition: inline` (display in the browser) instead of `attachment`
    /// when a [`filename`](Self::filename) is given (Starlette's
    /// `content_disposition_type="inline"`).
    ///
    /// ```
    /// # use response_model_core::responses::FileResponse;
    /// let file = FileResponse::new("a.pdf").filename("a.pdf").inline();
    /// ```
    pub fn inline(mut self) -> Self {
        self.inline = true;
        self
    }

    /// A task run once the response body is over (Starlette's `background=`), e.g. deleting
    /// a generated file. It runs however the response ends: fully sent, client gone, or
    /// without a body (HEAD, 304, 404).
    ///
    /// ```
    /// use response_model_core::responses::{BackgroundTask, FileResponse};
    /// let path = std::env::temp_dir().join("export_42.csv");
    /// let file = FileResponse::new(&path).background(BackgroundTask::new(async move {
    ///     let _ = tokio::fs::remove_file(path).await;
    /// }));
    /// ```
    pub fn background(mut self, task: BackgroundTask) -> Self {
        self.background = Some(task);
        self
    }

    fn content_type(&self) -> Option<HeaderValue> {
        let media_type = match &self.media_type {
            Some(media_type) => media_type.to_string(),
            None => {
                let guess_from = self
                    .filename
                    .as_deref()
                    .map(Path::new)
                    .unwrap_or(&self.path);
                mime_guess::from_path(guess_from)
                    .first_raw()
                    .unwrap_or("application/octet-stream")
                    .to_owned()
            }
        };
        content_type_value(&media_type)
    }
}

/// A task run after a response body is over (Starlette's `BackgroundTask`).
///
/// It is spawned on the tokio runtime when the body is dropped; if no runtime is left
/// (shutdown) it is dropped without running.
///
/// ```
/// use response_model_core::responses::BackgroundTask;
/// let task = BackgroundTask::new(async { tracing::info!("download finished") });
/// let blocking = BackgroundTask::blocking(|| {
///     let _ = std::fs::remove_file("/tmp/export_1.csv");
/// });
/// ```
#[must_use = "a BackgroundTask runs only when attached to a response"]
pub struct BackgroundTask {
    task: Option<Pin<Box<dyn Future<Output = ()> + Send>>>,
}

impl std::fmt::Debug for BackgroundTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackgroundTask").finish_non_exhaustive()
    }
}

impl BackgroundTask {
    /// A task from a future.
    ///
    /// ```
    /// # use response_model_core::responses::BackgroundTask;
    /// let task = BackgroundTask::new(async { /* notify, clean up, ... */ });
    /// ```
    pub fn new(task: impl Future<Output = ()> + Send + 'static) -> Self {
        Self {
            task: Some(Box::pin(task)),
        }
    }

    /// A task from a blocking closure, run on tokio's blocking pool.
    ///
    /// ```
    /// # use response_model_core::responses::BackgroundTask;
    /// let task = BackgroundTask::blocking(|| println!("done"));
    /// ```
    pub fn blocking(task: impl FnOnce() + Send + 'static) -> Self {
        Self::new(async move {
            if let Err(err) = tokio::task::spawn_blocking(task).await {
                tracing::error!(error = %err, "background task failed");
            }
        })
    }
}

impl Drop for BackgroundTask {
    fn drop(&mut self) {
        if let (Some(task), Ok(runtime)) = (self.task.take(), tokio::runtime::Handle::try_current())
        {
            drop(runtime.spawn(task));
        }
    }
}

pin_project_lite::pin_project! {
    /// A body that carries the background task until it is dropped.
    struct WithTask<B> {
        #[pin]
        body: B,
        task: Option<BackgroundTask>,
    }
}

impl<B: http_body::Body> http_body::Body for WithTask<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<B::Data>, B::Error>>> {
        let this = self.project();
        let frame = this.body.poll_frame(cx);
        if let Poll::Ready(None) = frame {
            // Over: run the task now rather than when the connection drops the body.
            drop(this.task.take());
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

fn body_with_task(body: Body, task: Option<BackgroundTask>) -> Body {
    match task {
        None => body,
        Some(task) => Body::new(WithTask {
            body,
            task: Some(task),
        }),
    }
}

tokio::task_local! {
    /// Set while a [`FileLayer`] runs the handler: `FileResponse` then defers to it.
    static FILE_LAYER: ();
}

/// The marker a `FileResponse` leaves for [`FileLayer`] (extensions must be `Clone`).
#[derive(Clone)]
struct PendingFile(Arc<Mutex<Option<FileResponse>>>);

impl<M: MediaType> IntoResponse for FileResponse<M> {
    fn into_response(self) -> Response {
        let this: FileResponse = self.retype();
        this.into_any_response()
    }
}

impl FileResponse {
    fn into_any_response(self) -> Response {
        if FILE_LAYER.try_with(|_| ()).is_ok() {
            let mut res = Response::new(Body::empty());
            res.extensions_mut()
                .insert(PendingFile(Arc::new(Mutex::new(Some(self)))));
            return res;
        }
        serve_without_request(self)
    }
}

/// Completes [`FileResponse`]s with the request's method and `Range`/`If-*` headers: ranges,
/// multipart ranges, 304/412/416 and HEAD. See the [module docs](self).
///
/// ```
/// use axum::{Router, routing::get};
/// use response_model_core::responses::{FileLayer, FileResponse};
/// let app: Router = Router::new()
///     .route("/avatar", get(|| async { FileResponse::new("avatars/default.png") }))
///     .layer(FileLayer::new());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct FileLayer(());

impl FileLayer {
    /// The layer.
    ///
    /// ```
    /// let layer = response_model_core::responses::FileLayer::new();
    /// ```
    pub fn new() -> Self {
        Self(())
    }
}

impl<S> tower::Layer<S> for FileLayer {
    type Service = FileService<S>;

    fn layer(&self, inner: S) -> FileService<S> {
        FileService { inner }
    }
}

/// The service of [`FileLayer`].
///
/// ```
/// use tower::Layer;
/// let svc = response_model_core::responses::FileLayer::new()
///     .layer(tower::service_fn(|_: http::Request<axum::body::Body>| async {
///         Ok::<_, std::convert::Infallible>(axum::response::Response::new(axum::body::Body::empty()))
///     }));
/// ```
#[derive(Clone, Debug)]
pub struct FileService<S> {
    inner: S,
}

/// What of the request the file response needs.
struct RequestInfo {
    method: Method,
    headers: HeaderMap,
}

impl RequestInfo {
    fn of<B>(req: &Request<B>) -> Self {
        let mut headers = HeaderMap::new();
        for name in [
            header::RANGE,
            header::IF_RANGE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
            header::IF_UNMODIFIED_SINCE,
        ] {
            for value in req.headers().get_all(&name) {
                headers.append(name.clone(), value.clone());
            }
        }
        Self {
            method: req.method().clone(),
            headers,
        }
    }

    fn header(&self, name: &HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A list header (`If-None-Match: "a", "b"` may come as several lines).
    fn joined(&self, name: &HeaderName) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    }
}

impl<S, B> tower::Service<Request<B>> for FileService<S>
where
    S: tower::Service<Request<B>, Response = Response>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let info = RequestInfo::of(&req);
        let response = FILE_LAYER.scope((), self.inner.call(req));
        Box::pin(async move {
            let mut res = response.await?;
            let Some(PendingFile(pending)) = res.extensions_mut().remove::<PendingFile>() else {
                return Ok(res);
            };
            let file = pending
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            let Some(mut file) = file else {
                return Ok(res);
            };
            // A status set around the class (`(StatusCode::CREATED, file)`) is the
            // status of a full response; ranges and conditionals keep theirs.
            file.status = res.status();
            let mut out = serve(file, &info).await;
            // Headers added around the file (tuples, middleware) win, except framing.
            let (mut parts, _) = res.into_parts();
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.headers.remove(header::TRANSFER_ENCODING);
            override_headers(out.headers_mut(), parts.headers);
            Ok(out)
        })
    }
}

/// Validators and size of the opened file.
struct Meta {
    len: u64,
    etag: HeaderValue,
    etag_str: String,
    last_modified: Option<HttpDate>,
}

impl Meta {
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
#[schemars(rename = "NotFound")]
struct NotFound {
    /// Always `Not Found`: the body says nothing of the path asked for.
    detail: &'static str,
}

fn not_found() -> Response {
    crate::encoder::json_response(
        StatusCode::NOT_FOUND,
        &NotFound {
            detail: "Not Found",
        },
    )
}

/// What [`not_found`] documents.
fn not_found_doc(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
    use crate::openapi::{MediaDoc, ResponseDoc, Responses};
    Responses::single(
        StatusCode::NOT_FOUND,
        ResponseDoc::for_status(StatusCode::NOT_FOUND).content(
            mime::APPLICATION_JSON.as_ref(),
            MediaDoc::schema(cx.register_output::<NotFound>()),
        ),
    )
}

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
fn serve_without_request(file: FileResponse) -> Response {
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
    let body = Body::from_stream(ReaderStream::with_capacity(
        tokio::fs::File::from_std(std_file),
        CHUNK_SIZE,
    ));
    finish(file, &meta, Outcome::Full, body, false)
}

/// What to answer, from the validators and the request headers.
enum Outcome {
    Full,
    NotModified,
    PreconditionFailed,
    Unsatisfiable,
    Single(RangeInclusive<u64>),
    Multi(Vec<RangeInclusive<u64>>),
}

/// Weak (`If-None-Match`) or strong (`If-Match`, `If-Range`) comparison of our ETag with
/// a list of entity tags (RFC 9110 section 8.8.3.2).
fn etag_matches(list: &str, etag: &str, weak: bool) -> bool {
    list.split(',').map(str::trim).any(|tag| {
        if tag == "*" {
            return true;
        }
        match tag.strip_prefix("W/") {
            Some(opaque) => weak && opaque == etag,
            None => tag == etag,
        }
    })
}

fn parse_date(value: Option<&str>) -> Option<HttpDate> {
    value.and_then(|v| v.parse::<HttpDate>().ok())
}

fn decide(req: &RequestInfo, meta: &Meta) -> Outcome {
    let get_or_head = req.method == Method::GET || req.method == Method::HEAD;
    // RFC 9110 section 13.2.2, steps 1 to 4.
    if let Some(list) = req.joined(&header::IF_MATCH) {
        if !etag_matches(&list, &meta.etag_str, false) {
            return Outcome::PreconditionFailed;
        }
    } else if let (Some(since), Some(modified)) = (
        parse_date(req.header(&header::IF_UNMODIFIED_SINCE)),
        meta.last_modified,
    ) && modified > since
    {
        return Outcome::PreconditionFailed;
    }
    if let Some(list) = req.joined(&header::IF_NONE_MATCH) {
        if etag_matches(&list, &meta.etag_str, true) {
            return if get_or_head {
                Outcome::NotModified
            } else {
                Outcome::PreconditionFailed
            };
        }
    } else if get_or_head
        && let (Some(since), Some(modified)) = (
            parse_date(req.header(&header::IF_MODIFIED_SINCE)),
            meta.last_modified,
        )
        && modified <= since
    {
        return Outcome::NotModified;
    }
    // Step 5: Range, when If-Range (if any) still holds.
    let Some(range) = req.header(&header::RANGE).filter(|_| get_or_head) else {
        return Outcome::Full;
    };
    if let Some(if_range) = req.headers.get(header::IF_RANGE) {
        let Ok(if_range) = if_range.to_str() else {
            return Outcome::Full;
        };
        let holds = if if_range.starts_with('"') || if_range.starts_with("W/") {
            etag_matches(if_range, &meta.etag_str, false)
        } else {
            parse_date(Some(if_range)).is_some_and(|d| Some(d) == meta.last_modified)
        };
        if !holds {
            return Outcome::Full;
        }
    }
    ranges(range, meta.len)
}

/// RFC 9110 section 14: satisfiable ranges in request order; anything we choose not to
/// honour (malformed, reversed, overlapping, too many) is answered with the full file.
fn ranges(header: &str, len: u64) -> Outcome {
    use http_range_header::{EndPosition, StartPosition};
    let Ok(parsed) = http_range_header::parse_range_header(header) else {
        return Outcome::Full;
    };
    if parsed.ranges.len() > MAX_RANGES {
        return Outcome::Full;
    }
    let mut satisfiable = Vec::with_capacity(parsed.ranges.len());
    for range in parsed.ranges {
        let (start, end) = match (range.start, range.end) {
            (StartPosition::Index(start), EndPosition::Index(end)) => {
                if end < start {
                    return Outcome::Full;
                }
                (start, end)
            }
            (StartPosition::Index(start), EndPosition::LastByte) => (start, u64::MAX),
            (StartPosition::FromLast(suffix), _) => (len.saturating_sub(suffix), u64::MAX),
        };
        if start >= len {
            continue;
        }
        satisfiable.push(start..=end.min(len - 1));
    }
    let mut sorted: Vec<_> = satisfiable.iter().map(|r| (*r.start(), *r.end())).collect();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[1].0 <= w[0].1) {
        return Outcome::Full;
    }
    match satisfiable.len() {
        0 => Outcome::Unsatisfiable,
        1 => satisfiable
            .pop()
            .map_or(Outcome::Unsatisfiable, Outcome::Single),
        _ => Outcome::Multi(satisfiable),
    }
}

async fn serve(file: FileResponse, req: &RequestInfo) -> Response {
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
            let body = Body::from_stream(ReaderStream::with_capacity(handle, CHUNK_SIZE));
            finish(file, &meta, Outcome::Full, body, true)
        }
        Outcome::Single(range) if !head => {
            if let Err(err) = handle.seek(io::SeekFrom::Start(*range.start())).await {
                return open_error(&file.path, &err);
            }
            let len = range.end() - range.start() + 1;
            let body = Body::from_stream(ReaderStream::with_capacity(handle.take(len), CHUNK_SIZE));
            finish(file, &meta, Outcome::Single(range), body, true)
        }
        outcome => finish(file, &meta, outcome, Body::empty(), true),
    }
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

fn finish(file: FileResponse, meta: &Meta, outcome: Outcome, body: Body, ranges: bool) -> Response {
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
                super::attachment::content_disposition(file.inline, name),
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

/// Puts every header of `source` on `target`, replacing what `target` had under that name
/// and keeping repeated values (two `Set-Cookie`s stay two).
fn override_headers(target: &mut HeaderMap, source: HeaderMap) {
    let mut current: Option<HeaderName> = None;
    for (name, value) in source {
        match name {
            Some(name) => {
                target.insert(name.clone(), value);
                current = Some(name);
            }
            None => {
                if let Some(name) = &current {
                    target.append(name.clone(), value);
                }
            }
        }
    }
}

/// A boundary no file is likely to contain: 128 random bits from std's hasher keys.
fn boundary() -> String {
    let random = || {
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
    };
    format!("{:016x}{:016x}", random(), random())
}

/// 206 `multipart/byteranges` (RFC 9110 section 14.6): each part has its Content-Type and
/// Content-Range; parts are read from the file one after the other.
fn multipart(
    file: FileResponse,
    meta: &Meta,
    handle: tokio::fs::File,
    ranges: Vec<RangeInclusive<u64>>,
    head: bool,
) -> Response {
    let boundary = boundary();
    let part_type = file
        .content_type()
        .and_then(|v| v.to_str().ok().map(str::to_owned))
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let mut segments = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut length = 0u64;
    for (i, range) in ranges.iter().enumerate() {
        let head_of_part = format!(
            "{}--{boundary}\r\nContent-Type: {part_type}\r\nContent-Range: bytes {}-{}/{}\r\n\r\n",
            if i == 0 { "" } else { "\r\n" },
            range.start(),
            range.end(),
            meta.len
        );
        length += head_of_part.len() as u64 + (range.end() - range.start() + 1);
        segments.push(Segment::Bytes(Bytes::from(head_of_part)));
        segments.push(Segment::File(range.clone()));
    }
    let tail = format!("\r\n--{boundary}--\r\n");
    length += tail.len() as u64;
    segments.push(Segment::Bytes(Bytes::from(tail)));

    let body = if head {
        Body::empty()
    } else {
        Body::from_stream(segment_stream(handle, segments))
    };
    let mut res = finish(file, meta, Outcome::Full, body, true);
    *res.status_mut() = StatusCode::PARTIAL_CONTENT;
    let h = res.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    if let Ok(value) = HeaderValue::try_from(format!("multipart/byteranges; boundary={boundary}")) {
        h.insert(header::CONTENT_TYPE, value);
    }
    res
}

enum Segment {
    Bytes(Bytes),
    File(RangeInclusive<u64>),
}

fn segment_stream(
    file: tokio::fs::File,
    segments: Vec<Segment>,
) -> impl futures_util::Stream<Item = Result<Bytes, BoxError>> + Send {
    struct State {
        file: tokio::fs::File,
        segments: std::vec::IntoIter<Segment>,
        remaining: u64,
    }
    let state = State {
        file,
        segments: segments.into_iter(),
        remaining: 0,
    };
    futures_util::stream::try_unfold(state, |mut state| async move {
        loop {
            if state.remaining > 0 {
                let want = usize::try_from(state.remaining)
                    .unwrap_or(CHUNK_SIZE)
                    .min(CHUNK_SIZE);
                let mut buf = BytesMut::with_capacity(want);
                let read = (&mut state.file)
                    .take(want as u64)
                    .read_buf(&mut buf)
                    .await?;
                if read == 0 {
                    return Err(BoxError::from("the file shrank while it was being sent"));
                }
                state.remaining -= read as u64;
                return Ok(Some((buf.freeze(), state)));
            }
            match state.segments.next() {
                None => return Ok(None),
                Some(Segment::Bytes(bytes)) => return Ok(Some((bytes, state))),
                Some(Segment::File(range)) => {
                    state.file.seek(io::SeekFrom::Start(*range.start())).await?;
                    state.remaining = range.end() - range.start() + 1;
                }
            }
        }
    })
}

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
/// use response_model_core::responses::{FileDir, FileDirError, FileResponse};
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
/// use response_model_core::responses::FileDirError;
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
    ///
    /// ```
    /// let avatars = response_model_core::responses::FileDir::new("assets/avatars");
    /// ```
    pub fn new(base: impl Into<PathBuf>) -> Self {
        Self { base: base.into() }
    }

    /// The canonical path of `name` inside the base directory.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use response_model_core::responses::{FileDir, FileDirError};
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
    /// use response_model_core::responses::{FileDir, FileDirError};
    /// let dir = FileDir::new(std::env::temp_dir());
    /// assert_eq!(dir.file("no-such-file.png").await.unwrap_err(), FileDirError::NotFound);
    /// # });
    /// ```
    pub async fn file(&self, name: &str) -> Result<FileResponse, FileDirError> {
        self.resolve(name).await.map(FileResponse::new)
    }
}

/// The file's bytes (media type `M`'s, or for `AnyMedia` `*/*`: chosen from the file at
/// run time) with its validators and, for a download, `Content-Disposition`; the statuses
/// of ranges and conditional requests (served through `FileLayer`): 206, 304, 412, 416;
/// 404 for a missing file and 500 for one that cannot be read.
impl<M: MediaType> crate::openapi::ApiResponse for FileResponse<M> {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        use super::media::media_doc;
        use crate::openapi::{HeaderDoc, MediaDoc, ResponseDoc, Responses};
        let validators = |r: ResponseDoc| {
            r.header(
                "ETag",
                HeaderDoc::new("Strong validator of the file's version"),
            )
            .header(
                "Last-Modified",
                HeaderDoc::new("The file's modification time"),
            )
        };
        let mut r = Responses::single(
            StatusCode::OK,
            validators(ResponseDoc::new("The file").content(M::MEDIA_TYPE, media_doc::<M>()))
                .header(
                    "Content-Disposition",
                    HeaderDoc::new("`attachment; filename=...` when a filename is set (RFC 6266)"),
                )
                .header(
                    "Accept-Ranges",
                    HeaderDoc::new("`bytes` (through `FileLayer`)"),
                ),
        );
        r.insert(
            StatusCode::PARTIAL_CONTENT,
            validators(
                ResponseDoc::new("The requested range(s) of the file")
                    .content(M::MEDIA_TYPE, media_doc::<M>())
                    .content("multipart/byteranges", MediaDoc::any()),
            )
            .header(
                "Content-Range",
                HeaderDoc::new("`bytes first-last/length` (one range)"),
            ),
        );
        r.insert(
            StatusCode::NOT_MODIFIED,
            validators(ResponseDoc::new("The client's copy is current")),
        );
        r.insert(
            StatusCode::PRECONDITION_FAILED,
            ResponseDoc::for_status(StatusCode::PRECONDITION_FAILED),
        );
        r.insert(
            StatusCode::RANGE_NOT_SATISFIABLE,
            ResponseDoc::for_status(StatusCode::RANGE_NOT_SATISFIABLE).header(
                "Content-Range",
                HeaderDoc::new("`bytes */length`").required(),
            ),
        );
        r.merge(not_found_doc(cx));
        r.merge(crate::encoder::internal_server_error_doc());
        r
    }
}

/// `{"detail": "Not Found"}` for a refused or missing name.
impl crate::openapi::ApiResponse for FileDirError {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        not_found_doc(cx)
    }
}
