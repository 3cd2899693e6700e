use axum::Json;
use response_model::handler;

pub struct Users;

impl Users {
    /// A method.
    #[handler]
    pub async fn get(&self) -> Json<u32> {
        Json(1)
    }
}

fn main() {}
