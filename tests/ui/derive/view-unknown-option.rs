use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, exlude_none), view(UserAll, hide(email)))]
struct UserInDB {
    id: i64,
    email: Option<String>,
}

fn main() {}
