//! How every example serves its app: on 127.0.0.1 and the port in `PORT` (default 8000),
//! logging at `RUST_LOG` (default `info`), with the timeouts a public server needs.
//!
//! `axum::serve` has none: a client that sends its headers a byte a second, or a
//! keep-alive connection left open and silent, holds a task and a socket forever. Here
//! each connection is served by hyper with a header read timeout ([`Limits`]), which hyper
//! starts when the connection opens and again whenever it waits for the next request: a
//! request's headers must arrive whole within it, and an idle keep-alive connection is
//! closed when it runs out. Once the headers are in, the handler and its response take
//! as long as they take (a stream, a large download).

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;

/// The timeouts of [`serve_on`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// How long a request's headers may take to arrive, and how long a keep-alive
    /// connection may wait idle for its next request.
    pub(crate) header_read: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(10),
        }
    }
}

/// Serves `app` until the process is stopped; a `PORT` that isn't a port is an error.
pub(crate) async fn serve(app: axum::Router) -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let port = match std::env::var("PORT") {
        Ok(port) => port
            .parse::<u16>()
            .map_err(|err| format!("PORT={port:?} is not a port number: {err}"))?,
        Err(_) => 8000,
    };
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    serve_on(listener, app, Limits::default()).await;
    Ok(())
}

/// Serves `app` on `listener` (HTTP/1.1 and HTTP/2) with `limits`, until the process is
/// stopped. A failed `accept` (out of file descriptors) is logged and retried after a
/// pause, as `axum::serve` does.
pub(crate) async fn serve_on(listener: tokio::net::TcpListener, app: axum::Router, limits: Limits) {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(err) => {
                tracing::warn!(error = %err, "accept failed; retrying in 1 s");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(err) = stream.set_nodelay(true) {
            tracing::debug!(error = %err, "TCP_NODELAY not set");
        }
        let service = TowerToHyperService::new(app.clone());
        let builder = builder.clone();
        tokio::spawn(async move {
            let served = builder
                .serve_connection_with_upgrades(TokioIo::new(stream), service)
                .await;
            if let Err(err) = served {
                // A client gone, a timeout, a malformed request: the connection's end.
                tracing::debug!(%peer, error = %err, "connection closed");
            }
        });
    }
}
