//! Uploads — FastAPI's `UploadFile = File(...)` and `Form(...)`: a `multipart/form-data`
//! form read into a struct whose file fields are `UploadFile`s. The app is
//! `uploads::app()`, in `examples/src/uploads.rs` (with `curl` lines to try); this serves it.
//!
//! Run: `cargo run --example uploads` (127.0.0.1, port from `PORT`, default 8000).

use std::net::Ipv4Addr;
use std::time::Duration;

use response_model_examples::uploads;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let app = uploads::app();

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
