//! `cargo run -p full-stack`: the template's backend on `127.0.0.1:$PORT` (8000), set up
//! from the environment (see `full_stack::config::Settings`).

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use full_stack::config::Settings;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let settings = Settings::from_env()?;
    let state = full_stack::state(settings).await?;
    tracing::info!("database: {}", state.db.kind());
    let app = full_stack::app(state);

    let port: u16 = std::env::var("PORT")
        .map_or(Ok(8000), |port| port.parse())
        .map_err(|err| format!("PORT is not a port number: {err}"))?;
    let host: IpAddr = std::env::var("HOST")
        .map_or(Ok(IpAddr::V4(Ipv4Addr::LOCALHOST)), |h| h.parse())
        .map_err(|err| format!("HOST is not an IP address: {err}"))?;
    let listener = TcpListener::bind((host, port)).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    response_model::serve(listener, app)
        .header_read_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
        .await?;
    Ok(())
}
