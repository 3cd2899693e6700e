use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
struct Marker;

fn main() {}
