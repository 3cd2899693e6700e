use response_model::handler;

pub struct User;

/// Returns a type that is no response.
#[handler]
pub async fn get_user() -> User {
    User
}

fn main() {}
