use axum::Router;
use axum::routing::{get, post};
use response_model::prelude::*;

#[derive(serde::Serialize)]
struct ItemOut {
    id: i64,
}

async fn create() -> Created<ItemOut> {
    Model(ItemOut { id: 1 })
}

async fn teapot() -> Model<ItemOut, 418> {
    Model(ItemOut { id: 2 })
}

fn main() {
    const _: u16 = Created::<ItemOut>::STATUS;
    let _app: Router = Router::new()
        .route("/items", post(create))
        .route("/teapot", get(teapot));
}
