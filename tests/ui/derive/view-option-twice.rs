use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, exclude_none, exclude(id), exclude_none))]
struct UserInDB {
    id: i64,
    bio: Option<String>,
}

fn main() {}
