use response_model::handler;

/// Not a handler.
#[handler]
pub struct GetUser;

fn main() {}
