use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, include(id, hashed_password)))]
struct UserInDB {
    id: i64,
    #[response_model(secret)]
    hashed_password: String,
}

fn main() {}
