use axum::Json;
use axum::extract::State;
use response_model::handler;

/// Generic over the state.
#[handler]
pub async fn generic<S: Clone>(State(_s): State<S>) -> Json<u32> {
    Json(1)
}

/// A where clause.
#[handler]
pub async fn with_where(State(s): State<u32>) -> Json<u32>
where
    u32: Copy,
{
    Json(s)
}

fn main() {}
