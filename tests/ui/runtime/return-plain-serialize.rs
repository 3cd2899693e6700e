use response_model::routing::{ApiRouter, get};

#[derive(serde::Serialize, schemars::JsonSchema)]
struct Item {
    id: u32,
}

// A plain `Serialize` struct is not a response: FastAPI users expect it to be JSON.
async fn read_item() -> Item {
    Item { id: 1 }
}

fn main() {
    let _api: ApiRouter = ApiRouter::new().route("/items", get(read_item));
}
