use response_model::prelude::*;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(ItemOut))]
struct Item {
    name: String,
    #[response_model(default = 10.5)]
    tax: f64,
}

fn main() {}
