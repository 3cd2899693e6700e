//! Course 6.1.2 — include/exclude: views instead of `response_model_include`/`_exclude`/
//! `_exclude_none`, and the fields a client picks with `?fields=` checked against the view.
//! The app is `include_exclude::app()`, in `examples/src/include_exclude.rs` (with `curl`
//! lines to try); this serves it.
//!
//! Run: `cargo run --example include_exclude` (127.0.0.1, port from `PORT`, default 8000).

use std::net::Ipv4Addr;
use std::time::Duration;

use response_model_examples::include_exclude;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let app = include_exclude::app();

    let port: u16 = std::env::var("PORT")
        .map_or(Ok(8000), |port| port.parse())
        .map_err(|err| format!("PORT is not a port number: {err}"))?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    // `axum::serve`, with what a server open to the internet needs: a client has 10 s to
    // send a request's headers (an idle keep-alive connection is closed after 10 s), and
    // responses leave without Nagle's delay (TCP_NODELAY).
    response_model::serve(listener, app)
        .header_read_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
        .await?;
    Ok(())
}
