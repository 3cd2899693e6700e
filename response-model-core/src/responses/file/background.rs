//! The task run once a response body is over (Starlette's `BackgroundTask`), and the body
//! wrapper that runs it.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use http_body::Frame;

/// A task run after a response body is over (Starlette's `BackgroundTask`).
///
/// It is spawned on the tokio runtime when the body is dropped; if no runtime is left
/// (shutdown) it is dropped without running.
///
/// ```
/// use response_model::responses::BackgroundTask;
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
    pub fn new(task: impl Future<Output = ()> + Send + 'static) -> Self {
        Self {
            task: Some(Box::pin(task)),
        }
    }

    /// A task from a blocking closure, run on tokio's blocking pool.
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

pub(super) fn body_with_task(body: Body, task: Option<BackgroundTask>) -> Body {
    match task {
        None => body,
        Some(task) => Body::new(WithTask {
            body,
            task: Some(task),
        }),
    }
}
