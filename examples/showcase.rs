//! Everything, one server: every example of FastAPI's responses course (section 6) with
//! its OpenAPI document, Swagger UI and ReDoc. The app is `showcase::app(db)`, in
//! `examples/src/showcase.rs` (which lists where each part is served).
//!
//! Run: `cargo run --example showcase` (127.0.0.1, port from `PORT`, default 8000), then
//! open <http://127.0.0.1:8000/docs>.

use std::net::Ipv4Addr;
use std::time::Duration;

use response_model_examples::{showcase, users_db};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    // The database in `DATABASE_URL` (a SQLite URL), else a fresh one in memory.
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite::memory:".to_owned());
    let db = users_db::pool(&url)?;
    let app = showcase::app(db);

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
