use response_model::prelude::*;

fn main() {
    // 1000 has four digits: not an HTTP status code.
    let _ = axum::response::IntoResponse::into_response(Model::<_, 1000>("too large"));
}
