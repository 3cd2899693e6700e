// A mistake in the attribute is the only error: the derive still emits the enum's
// `IntoResponse` and `ApiResponse`, so the handlers returning it (with axum and with
// `ApiRouter`) add no "`IntoResponse` is not satisfied" of their own.
use axum::Router;
use response_model::ApiError;
use response_model::routing::{ApiRouter, get};

#[derive(Debug, ApiError)]
enum ItemError {
    #[api_error(status = 404, detial = "Item not found")]
    NotFound,
}

impl std::fmt::Display for ItemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("item error")
    }
}

async fn read_item() -> Result<String, ItemError> {
    Err(ItemError::NotFound)
}

fn main() {
    let _: Router = Router::new().route("/items", axum::routing::get(read_item));
    let _: ApiRouter = ApiRouter::new().route("/items", get(read_item));
}
