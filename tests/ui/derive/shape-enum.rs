use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(EventOut))]
enum Event {
    Created { id: u32 },
}

fn main() {}
