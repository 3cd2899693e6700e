use axum::{Router, routing::get};
use response_model::responses::media::MediaType;
use response_model::responses::StreamingResponse;

struct Injected;
impl MediaType for Injected {
    const MEDIA_TYPE: &'static str = "text/csv\r\nx-evil: 1";
}

async fn export() -> StreamingResponse<Injected> {
    StreamingResponse::blocking(["a"]).media::<Injected>()
}

fn main() {
    let _app: Router = Router::new().route("/export", get(export));
}
