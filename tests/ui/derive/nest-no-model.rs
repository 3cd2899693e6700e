use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(PostOut, nest(tags = TagOut)))]
struct Post {
    id: u32,
    tags: Vec<String>,
}

fn main() {}
