use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(Nothing, exclude(id)))]
struct Token {
    id: u32,
    #[response_model(secret)]
    value: String,
}

fn main() {}
