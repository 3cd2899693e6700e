use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, exclude(password_hash)))]
struct UserInDB {
    id: i64,
    email: String,
    #[response_model(secret)]
    hashed_password: String,
}

fn main() {}
