use axum::Json;
use response_model::handler;

/// Get a user.
#[handler]
pub fn get_user() -> Json<u32> {
    Json(1)
}

fn main() {}
