//! [`FileResponse`] and what serving a file takes, one part per submodule: the layer that
//! brings the request, RFC 9110 conditionals and ranges, opening and answering, multipart
//! ranges, the directory helper and the background task. This module is private: the
//! documentation a user reads is on [`FileResponse`], including why a layer.

mod background;
mod conditional;
mod dir;
mod layer;
mod multipart;
mod serve;

use std::borrow::Cow;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode};

use crate::responses::media::{AnyMedia, Checked, MediaType};
use crate::responses::stream::content_type_value;

pub use background::BackgroundTask;
pub use dir::{FileDir, FileDirError};
use layer::{FILE_LAYER, PendingFile};
pub use layer::{FileLayer, FileService};
use serve::{not_found_doc, serve_without_request};

/// A file from disk as a response (FastAPI's `FileResponse`), with ranges, conditional
/// requests and a cleanup task; [`FileDir`] serves names from a directory without a way out.
///
/// `M` is the media type ([`media`](super::media)); the default, [`AnyMedia`], leaves it
/// to run time (set, or guessed from the extension).
///
/// ```
/// use axum::{Router, routing::get};
/// use response_model::responses::{FileLayer, FileResponse};
///
/// use response_model::responses::media::ApplicationPdf;
///
/// async fn download_report() -> FileResponse<ApplicationPdf> {
///     FileResponse::new("reports/monthly_report.pdf")
///         .filename("report.pdf")            // the name the client sees
///         .media::<ApplicationPdf>()         // else guessed from the extension
/// }
///
/// let app: Router = Router::new()
///     .route("/download/report", get(download_report))
///     .layer(FileLayer::new()); // ranges, ETag/If-*, 304, 416, HEAD
/// ```
///
/// ```
/// use response_model::responses::FileResponse;
/// use response_model::responses::media::TextCsv;
///
/// async fn export(user_id: u64) -> FileResponse<TextCsv> {
///     FileResponse::new(format!("/tmp/export_{user_id}.csv"))
///         .filename(format!("user_{user_id}_export.csv"))
///         .media::<TextCsv>()
/// }
/// ```
///
/// # How the request reaches the file: [`FileLayer`]
///
/// `IntoResponse` never sees the request, yet `Range`, `If-Range`, `If-None-Match` and
/// `If-Modified-Since` decide the status and the body. Of the two ways to bring them
/// together (an extractor that captures the headers, or a layer that finishes the response
/// with the original request) this crate takes the layer, because the handler then reads
/// like FastAPI's `return FileResponse(path, filename=...)` and needs no extra argument:
///
/// - inside a [`FileLayer`], [`FileResponse`] turns into a marked, empty response; the layer
///   (which kept the request's method and headers) opens the file asynchronously and
///   answers with 200, 206 (one range), 206 `multipart/byteranges` (several ranges), 304,
///   412, 416 or 404, advertising `Accept-Ranges: bytes`;
/// - without the layer, it is still a correct response: a full 200 of the file with
///   `ETag`/`Last-Modified` (no `Accept-Ranges`, since ranges would be ignored). That path
///   opens the file with a blocking `open` + `stat` on the async worker (two short system
///   calls), because `IntoResponse` cannot await.
///
/// Headers and a status set around the file (`(StatusCode::CREATED, headers, file)`) are
/// kept on the final response in both cases.
///
/// tower-http's `ServeFile` is not used for the response itself: it answers several ranges
/// with 416, has no `ETag`/`If-None-Match`/`If-Range`, and answers a malformed `Range` with
/// 416 where RFC 9110 says to ignore it. Parsing uses the `http-range-header` crate (also
/// tower-http's) and MIME types `mime_guess`; bodies stream from the file in 64 KiB reads
/// as `ServeFile` does, so nothing is loaded into memory.
///
/// # Wire behaviour
///
/// - **Content-Type**: the type's media type ([`FileResponse::media`], which the OpenAPI
///   document lists too), or one set at run time ([`FileResponse::media_type`], documented
///   as `*/*`), else guessed from the [`filename`](FileResponse::filename) or the path,
///   else `application/octet-stream` (Starlette falls back to `text/plain`, wrong for
///   binary data). Like Starlette, `text/*` gets `; charset=utf-8`.
/// - **Content-Disposition** (only when a filename is given): RFC 6266,
///   `attachment; filename="report.pdf"`; a name that is not plain ASCII also gets an RFC 8187
///   `filename*=UTF-8''r%C3%A9sum%C3%A9.pdf` next to an ASCII fallback (`r_sum_.pdf`) for
///   old clients (Starlette sends only `filename*`).
/// - **Validators**: `Last-Modified` from the file's mtime and a strong `ETag` of its
///   modification time and size (what nginx does). `If-Match`/`If-Unmodified-Since` -> 412,
///   `If-None-Match`/`If-Modified-Since` -> 304, in RFC 9110 section 13.2.2's order.
/// - **Range** (GET and HEAD): `bytes=0-9`, `bytes=1000-`, `bytes=-10` -> 206 with
///   `Content-Range`; several ranges -> 206 `multipart/byteranges`; no satisfiable range ->
///   416 with `Content-Range: bytes */N`. A malformed `Range` (bad syntax, other units,
///   `bytes=9-0`), overlapping ranges, or more than 16 ranges are **ignored** and the whole
///   file is sent with 200, as RFC 9110 section 14.2 allows. `If-Range` with a matching
///   strong ETag or the exact `Last-Modified` date keeps the range; otherwise 200 full.
/// - **HEAD**: the GET headers (`Content-Length` included), no body.
/// - **Missing file** (or a directory) -> 404 `{"detail":"Not Found"}`, FastAPI's 404 body;
///   any other I/O error -> a bare 500, the path logged with `tracing`, never sent.
/// - **Background task** ([`FileResponse::background`]): runs once the body is over: sent
///   to the end, the client gone, or no body at all (304, HEAD, 404).
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
    /// # use response_model::responses::FileResponse;
    /// use response_model::responses::media::ApplicationPdf;
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
    /// # use response_model::responses::FileResponse;
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
    /// # use response_model::responses::FileResponse;
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
    /// # use response_model::responses::FileResponse;
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
    /// use response_model::responses::{BackgroundTask, FileResponse};
    /// let path = std::env::temp_dir().join("export_42.csv");
    /// let file = FileResponse::new(&path).background(BackgroundTask::new(async move {
    ///     let _ = tokio::fs::remove_file(path).await;
    /// }));
    /// ```
    pub fn background(mut self, task: BackgroundTask) -> Self {
        self.background = Some(task);
        self
    }

    /// The media type set (as a type or at run time), else guessed from the name the client
    /// sees, then from the path; `text/*` gets a charset.
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

impl FileResponse {
    /// Inside a [`FileLayer`]: a marked, empty response the layer completes with the
    /// request. Outside: the full file at once.
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

impl<M: MediaType> IntoResponse for FileResponse<M> {
    fn into_response(self) -> Response {
        let this: FileResponse = self.retype();
        this.into_any_response()
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
                    .content(
                        "multipart/byteranges",
                        MediaDoc::binary("multipart/byteranges"),
                    ),
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
