//! What the modules share to talk to an app: requests, a response read whole ([`Reply`]),
//! an app served on a real socket and a client for it, logs captured from `tracing`, and
//! waiting for something to happen.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::response::Response;
use http::header::{AsHeaderName, CONTENT_TYPE};
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub(crate) const JSON: &str = "application/json";
pub(crate) const TEXT: &str = "text/plain; charset=utf-8";
/// The whole body of the 500 the crate answers for a failure of its own (nothing of the
/// cause in it).
pub(crate) const GENERIC_500: &str = "Internal Server Error";

// ---- requests --------------------------------------------------------------------------

/// `GET uri` without a body.
pub(crate) fn get_req(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// `method uri` with `body` as `application/json`.
pub(crate) fn json_req(method: Method, uri: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(CONTENT_TYPE, JSON)
        .body(Body::from(body.to_owned()))
        .unwrap()
}

/// The boundary of [`multipart_body`].
pub(crate) const BOUNDARY: &str = "X-BOUNDARY";

/// A part of a `multipart/form-data` body: `(name, filename, content type, content)`; a
/// file when it has a filename.
pub(crate) type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

/// The `multipart/form-data` body of `parts`, with [`BOUNDARY`].
pub(crate) fn multipart_body(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, filename, content_type, content) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{name}\"");
        if let Some(f) = filename {
            disposition.push_str(&format!("; filename=\"{f}\""));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        if let Some(ct) = content_type {
            body.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// `POST uri` with the `multipart/form-data` body of `parts`.
pub(crate) fn multipart_req(uri: &str, parts: &[Part<'_>]) -> Request<Body> {
    Request::post(uri)
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(multipart_body(parts)))
        .unwrap()
}

// ---- responses through `oneshot` -------------------------------------------------------

/// A response read whole.
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Reply {
    /// The header's value, `"<absent>"` when there is none.
    pub(crate) fn header(&self, name: impl AsHeaderName) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or("<absent>")
    }

    /// The `content-type`, `"<absent>"` when there is none.
    pub(crate) fn content_type(&self) -> &str {
        self.header(CONTENT_TYPE)
    }

    /// The body as UTF-8 text.
    pub(crate) fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    /// The body as JSON.
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// Reads `res` whole.
pub(crate) async fn reply(res: Response) -> Reply {
    let (parts, body) = res.into_parts();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.unwrap().to_bytes(),
    }
}

/// Sends `req` to `app` (`oneshot`, no socket) and reads the response whole.
pub(crate) async fn send(app: &Router, req: Request<Body>) -> Reply {
    reply(app.clone().oneshot(req).await.unwrap()).await
}

/// `GET path` through [`send`].
pub(crate) async fn get_path(app: &Router, path: &str) -> Reply {
    send(app, get_req(path)).await
}

// ---- a real socket ---------------------------------------------------------------------

/// Serves `app` on 127.0.0.1, on a port the system picks; the base URL (`http://ip:port`).
pub(crate) async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// A client that shows redirects rather than following them.
pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Polls `done` every 10 ms until it holds; panics naming `what` after `timeout`.
pub(crate) async fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    for _ in 0..timeout.as_millis() / 10 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("gave up waiting for: {what}");
}

// ---- logs ------------------------------------------------------------------------------

/// Everything logged through `tracing` on this thread while it is alive.
pub(crate) struct Logs {
    buf: Arc<Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

#[derive(Clone)]
struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    pub(crate) fn capture() -> Self {
        // tracing caches each callsite's interest process-wide, computed by the first
        // thread that reaches it: a sibling test's thread with no subscriber would cache
        // `never`, and this capture would miss the event (a known trap of thread-local
        // subscribers in parallel tests). A global subscriber that is interested in
        // everything (a bare registry, which writes nothing) keeps every callsite live;
        // the thread-local one below is what receives this test's events.
        static ANCHOR: std::sync::Once = std::sync::Once::new();
        ANCHOR.call_once(|| {
            let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry());
        });
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = LogWriter(Arc::clone(&buf));
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        Self {
            buf,
            _guard: tracing::subscriber::set_default(subscriber),
        }
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.buf.lock().unwrap().clone()).unwrap()
    }
}
