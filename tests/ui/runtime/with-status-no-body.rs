use axum::Router;
use axum::routing::get;
use response_model::responses::{Html, WithStatus};

// 204 No Content cannot carry the HTML body.
async fn handler() -> WithStatus<204, Html<&'static str>> {
    WithStatus(Html("<p>gone</p>"))
}

fn main() {
    let _app: Router = Router::new().route("/", get(handler));
}
