use axum::Json;
use http::HeaderMap;
use response_model::handler;

/// Seventeen arguments.
#[handler]
pub async fn crowded(
    _a1: HeaderMap,
    _a2: HeaderMap,
    _a3: HeaderMap,
    _a4: HeaderMap,
    _a5: HeaderMap,
    _a6: HeaderMap,
    _a7: HeaderMap,
    _a8: HeaderMap,
    _a9: HeaderMap,
    _a10: HeaderMap,
    _a11: HeaderMap,
    _a12: HeaderMap,
    _a13: HeaderMap,
    _a14: HeaderMap,
    _a15: HeaderMap,
    _a16: HeaderMap,
    _a17: HeaderMap,
) -> Json<u32> {
    Json(1)
}

fn main() {}
