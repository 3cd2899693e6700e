use std::rc::Rc;

use response_model::handler;

/// Holds an `Rc` across an `.await`.
#[handler]
pub async fn not_send() -> String {
    let count = Rc::new(1);
    tokio::task::yield_now().await;
    count.to_string()
}

fn main() {}
