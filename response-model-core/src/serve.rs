//! Serving an app on a public socket: [`serve`], `axum::serve` with the settings axum's
//! cannot make.

use std::future::{Future, IntoFuture};
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tower::Layer;

/// Serves `app` on `listener`, as [`axum::serve`](fn@axum::serve) does, with what a server
/// open to the internet needs and `axum::serve` (0.8) cannot set:
///
/// - a **header read timeout** (10 s unless [`Serve::header_read_timeout`] says otherwise):
///   a request's headers must arrive whole within it, and a keep-alive connection left
///   idle is closed when it runs out. Without it a client that sends its headers a byte a
///   second, or opens connections and stays silent, holds a task and a socket for as long
///   as it likes. Once the headers are in, the handler and its response take as long as
///   they take (a stream, a large download).
/// - **`TCP_NODELAY`** on every connection (unless [`Serve::tcp_nodelay`]`(false)`): a
///   response leaves as soon as it is written instead of waiting out Nagle's algorithm
///   (up to 40 ms per small response on Linux).
///
/// Connections speak HTTP/1.1 or HTTP/2 (cleartext, prior knowledge), with upgrades
/// (WebSockets). Handlers can extract [`ConnectInfo<SocketAddr>`](ConnectInfo), the peer's
/// address. A failed `accept` (out of file descriptors) is logged and retried after a
/// second, as `axum::serve` does. [`Serve::with_graceful_shutdown`] stops accepting when a
/// signal fires and waits for the open connections to finish their requests.
///
/// The returned [`Serve`] does nothing until it is awaited; it then runs until the process
/// stops (or the graceful shutdown is done). It resolves to an [`io::Result`] like
/// `axum::serve`, so switching between the two is one word; it never fails today.
///
/// ```
/// use std::time::Duration;
///
/// use axum::Router;
/// use axum::routing::get;
/// use tokio::io::{AsyncReadExt, AsyncWriteExt};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let app = Router::new().route("/ping", get(|| async { "pong" }));
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let addr = listener.local_addr()?;
///
/// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
/// let server = tokio::spawn(
///     response_model::serve(listener, app)
///         .header_read_timeout(Duration::from_secs(10))
///         .tcp_nodelay(true)
///         .with_graceful_shutdown(async move {
///             let _ = stopped.await;
///         })
///         .into_future(),
/// );
///
/// let mut client = tokio::net::TcpStream::connect(addr).await?;
/// client
///     .write_all(b"GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
///     .await?;
/// let mut answer = String::new();
/// client.read_to_string(&mut answer).await?;
/// assert!(answer.starts_with("HTTP/1.1 200 OK"));
/// assert!(answer.ends_with("pong"));
///
/// let _ = stop.send(());
/// server.await??;
/// # Ok(())
/// # }
/// ```
pub fn serve(listener: TcpListener, app: Router) -> Serve {
    Serve {
        listener,
        app,
        header_read_timeout: Duration::from_secs(10),
        tcp_nodelay: true,
        shutdown: None,
    }
}

/// The server [`serve`] returns: set it up with its methods, then `.await` it (or spawn
/// its [`into_future`](IntoFuture::into_future)).
///
/// ```
/// use std::time::Duration;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let server = response_model::serve(listener, axum::Router::new())
///     .header_read_timeout(Duration::from_secs(5));
/// let running = tokio::spawn(server.into_future());
/// # running.abort();
/// # Ok(())
/// # }
/// ```
#[must_use = "a `Serve` does nothing until it is awaited"]
pub struct Serve {
    listener: TcpListener,
    app: Router,
    header_read_timeout: Duration,
    tcp_nodelay: bool,
    shutdown: Option<Pin<Box<dyn Future<Output = ()> + Send>>>,
}

impl std::fmt::Debug for Serve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Serve")
            .field("listener", &self.listener)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("tcp_nodelay", &self.tcp_nodelay)
            .field("graceful_shutdown", &self.shutdown.is_some())
            .finish_non_exhaustive()
    }
}

impl Serve {
    /// How long a request's headers may take to arrive, and how long a keep-alive
    /// connection may wait idle for its next request (10 s unless set). It applies to
    /// HTTP/1.1, where hyper reads the headers; see [`serve`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// # let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    /// # let app = axum::Router::new();
    /// let server = response_model::serve(listener, app)
    ///     .header_read_timeout(std::time::Duration::from_secs(30));
    /// # drop(server);
    /// # Ok(())
    /// # }
    /// ```
    pub fn header_read_timeout(mut self, limit: Duration) -> Self {
        self.header_read_timeout = limit;
        self
    }

    /// Whether each connection's socket gets `TCP_NODELAY` (on unless set): responses are
    /// sent as soon as they are written, not held back to be coalesced with later bytes.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// # let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    /// # let app = axum::Router::new();
    /// // Bulk transfers only, where coalescing small writes is worth the delay.
    /// let server = response_model::serve(listener, app).tcp_nodelay(false);
    /// # drop(server);
    /// # Ok(())
    /// # }
    /// ```
    pub fn tcp_nodelay(mut self, on: bool) -> Self {
        self.tcp_nodelay = on;
        self
    }

    /// Stops accepting connections once `signal` completes (for example
    /// `tokio::signal::ctrl_c()`), lets every open connection finish the request it is
    /// serving (idle keep-alive connections are closed), and then resolves.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// # let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    /// # let app = axum::Router::new();
    /// let server = response_model::serve(listener, app).with_graceful_shutdown(async {
    ///     // Ctrl+C, or an error installing its handler: either way, stop.
    ///     let _ = tokio::signal::ctrl_c().await;
    /// });
    /// # drop(server);
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_graceful_shutdown<F>(mut self, signal: F) -> Self
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.shutdown = Some(Box::pin(signal));
        self
    }
}

impl IntoFuture for Serve {
    type Output = io::Result<()>;
    type IntoFuture = Pin<Box<dyn Future<Output = io::Result<()>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

impl Serve {
    async fn run(self) -> io::Result<()> {
        let Serve {
            listener,
            app,
            header_read_timeout,
            tcp_nodelay,
            shutdown,
        } = self;
        let mut builder = auto::Builder::new(TokioExecutor::new());
        builder
            .http1()
            .timer(TokioTimer::new())
            .header_read_timeout(header_read_timeout);
        let graceful = GracefulShutdown::new();
        let mut shutdown = shutdown.unwrap_or_else(|| Box::pin(std::future::pending()));
        loop {
            let (stream, peer) = tokio::select! {
                accepted = accept(&listener) => accepted,
                () = &mut shutdown => break,
            };
            if tcp_nodelay && let Err(err) = stream.set_nodelay(true) {
                tracing::debug!(error = %err, "TCP_NODELAY not set");
            }
            // `ConnectInfo<SocketAddr>` for the handlers, as
            // `into_make_service_with_connect_info` gives under `axum::serve`.
            let service = axum::Extension(ConnectInfo(peer)).layer(app.clone());
            let service = TowerToHyperService::new(service);
            let builder = builder.clone();
            let watcher = graceful.watcher();
            tokio::spawn(async move {
                let connection =
                    builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
                if let Err(err) = watcher.watch(connection).await {
                    // A client gone, a timeout, a malformed request: the connection's end.
                    tracing::debug!(%peer, error = %err, "connection closed");
                }
            });
        }
        drop(listener);
        graceful.shutdown().await;
        Ok(())
    }
}

/// The next connection; a failed `accept` is retried, after a pause unless it only concerns
/// one connection (as `axum::serve` does, from hyper 0.14's server).
async fn accept(listener: &TcpListener) -> (TcpStream, SocketAddr) {
    loop {
        match listener.accept().await {
            Ok(accepted) => return accepted,
            Err(err) if is_connection_error(&err) => {}
            Err(err) => {
                // Most likely out of file descriptors: wait for some to be closed.
                tracing::error!(error = %err, "accept failed; retrying in 1 s");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

fn is_connection_error(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
