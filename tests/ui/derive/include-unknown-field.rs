use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, include(id, emial)))]
struct UserInDB {
    id: i64,
    email: String,
}

fn main() {}
