//! How every example serves its app: on 127.0.0.1 and the port in `PORT` (default 8000),
//! logging at `RUST_LOG` (default `info`).

use std::net::{Ipv4Addr, SocketAddr};

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
    axum::serve(listener, app).await?;
    Ok(())
}
