use axum::Json;
use response_model::handler;

#[handler(summary = "Get a user")]
pub async fn get_user() -> Json<u32> {
    Json(1)
}

#[handler(tags = "users")]
pub async fn list_users() -> Json<u32> {
    Json(1)
}

fn main() {}
