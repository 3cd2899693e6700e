//! File, streaming and SSE endpoints of course section 6.2 (in progress).
pub fn routes() -> axum::Router {
    axum::Router::new()
}
