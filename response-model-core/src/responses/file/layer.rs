//! [`FileLayer`]: completes the `FileResponse`s of the handlers it wraps with the request's
//! method and `Range`/`If-*` headers (see [`FileResponse`] for why a layer).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use axum::response::Response;
use http::{HeaderMap, HeaderName, Request, header};

use super::FileResponse;
use super::conditional::RequestInfo;
use super::serve::serve;

tokio::task_local! {
    /// Set while a [`FileLayer`] runs the handler: `FileResponse` then defers to it.
    pub(super) static FILE_LAYER: ();
}

/// The marker a `FileResponse` leaves for [`FileLayer`] (extensions must be `Clone`).
#[derive(Clone)]
pub(super) struct PendingFile(pub(super) Arc<Mutex<Option<FileResponse>>>);

/// Completes [`FileResponse`]s with the request's method and `Range`/`If-*` headers: ranges,
/// multipart ranges, 304/412/416 and HEAD. See [`FileResponse`].
///
/// ```
/// use axum::{Router, routing::get};
/// use response_model::responses::{FileLayer, FileResponse};
/// let app: Router = Router::new()
///     .route("/avatar", get(|| async { FileResponse::new("avatars/default.png") }))
///     .layer(FileLayer::new());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct FileLayer(());

impl FileLayer {
    /// The layer.
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
/// let svc = response_model::responses::FileLayer::new()
///     .layer(tower::service_fn(|_: http::Request<axum::body::Body>| async {
///         Ok::<_, std::convert::Infallible>(axum::response::Response::new(axum::body::Body::empty()))
///     }));
/// ```
#[derive(Clone, Debug)]
pub struct FileService<S> {
    inner: S,
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
