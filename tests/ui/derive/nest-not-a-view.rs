use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize)]
struct Author {
    name: String,
}

#[derive(Serialize)]
struct AuthorOut {
    name: String,
}

#[derive(Serialize, ResponseModel)]
#[response_model(view(PostOut, nest(author = AuthorOut)))]
struct Post {
    id: u32,
    author: Author,
}

fn main() {}
