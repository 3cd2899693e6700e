//! FastAPI's tutorial "Simple OAuth2 with Password and Bearer": `POST /token`, then
//! `GET /users/me` with the token. The app is `simple_oauth2::app(..)`, in
//! `examples/src/simple_oauth2.rs` (with `curl` lines to try); this serves it.
//!
//! Run: `cargo run --example simple_oauth2` (127.0.0.1, port from `PORT`, default 8000;
//! `ROOT_PATH=/v1` serves it under `/v1`, as uvicorn's `--root-path`). Sign in at
//! `/docs` with "Authorize": `johndoe` / `secret`.

use std::net::Ipv4Addr;
use std::time::Duration;

use response_model_examples::simple_oauth2;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let root_path = std::env::var("ROOT_PATH").unwrap_or_default();
    let app = simple_oauth2::app(&root_path);

    let port: u16 = std::env::var("PORT")
        .map_or(Ok(8000), |port| port.parse())
        .map_err(|err| format!("PORT is not a port number: {err}"))?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    tracing::info!("listening on http://{}{root_path}", listener.local_addr()?);
    // `axum::serve`, with what a server open to the internet needs: a client has 10 s to
    // send a request's headers (an idle keep-alive connection is closed after 10 s), and
    // responses leave without Nagle's delay (TCP_NODELAY).
    response_model::serve(listener, app)
        .header_read_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
        .await?;
    Ok(())
}
