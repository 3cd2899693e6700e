//! The showcase as the benchmarks run it (`benches/load.sh`, `scripts/soak.sh`,
//! `scripts/storm.sh`): the examples' `showcase::app`, served as `cargo run --example
//! showcase` serves it, on jemalloc. A measuring instrument, not an example: the allocator
//! is a choice of the benchmark (BENCHMARKS.md, "Memory: the allocator"), not of the library.
//!
//! ```text
//! PORT=8000 cargo run --release -p response-model-benches --features showcase --bin showcase
//! ```

use std::net::Ipv4Addr;
use std::time::Duration;

use response_model_examples::{showcase, users_db};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

/// jemalloc, with its background thread, rather than glibc's malloc. Under load glibc
/// keeps what a burst of requests freed in its per-thread arenas (one per blocking-pool
/// thread, up to 16 here), so the resident set creeps up and stays up after a crowd has
/// gone; jemalloc hands freed pages back within ~10 s. `BENCHMARKS.md` ("Memory") has
/// the figures of both.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite::memory:".to_owned());
    let app = showcase::app(users_db::pool(&url)?);
    let port: u16 = std::env::var("PORT")
        .map_or(Ok(8000), |port| port.parse())
        .map_err(|err| format!("PORT is not a port number: {err}"))?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    // The example's settings (examples/showcase.rs).
    response_model::serve(listener, app)
        .header_read_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
        .await?;
    Ok(())
}
