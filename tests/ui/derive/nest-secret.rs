use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(KeyOut, include(id)))]
struct Key {
    id: u32,
    material: String,
}

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, nest(key = KeyOut)))]
struct User {
    id: u32,
    #[response_model(secret)]
    key: Key,
}

fn main() {}
