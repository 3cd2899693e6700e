use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserInDB, include(id)))]
struct UserInDB {
    id: i64,
    email: String,
}

fn main() {}
