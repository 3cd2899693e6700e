use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(PairOut))]
struct Pair(u32, String);

fn main() {}
