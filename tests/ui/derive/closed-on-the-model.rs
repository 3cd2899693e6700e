use response_model::ResponseModel;
use serde::Serialize;

// Each view is open or closed; the model takes no `closed`.
#[derive(Serialize, ResponseModel)]
#[response_model(closed, view(UserOut))]
struct UserInDB {
    id: i64,
}

fn main() {}
