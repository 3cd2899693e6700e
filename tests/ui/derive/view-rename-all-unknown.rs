use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, rename_all = "camelcase"))]
struct UserInDB {
    user_id: i64,
}

fn main() {}
