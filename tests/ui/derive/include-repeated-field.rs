use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, include(id, name, id)))]
struct UserInDB {
    id: i64,
    name: String,
}

fn main() {}
