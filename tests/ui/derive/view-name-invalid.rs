use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, name = "Public User"))]
struct UserInDB {
    id: i64,
}

fn main() {}
