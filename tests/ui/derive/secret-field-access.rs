use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut))]
struct UserInDB {
    id: i64,
    #[response_model(secret)]
    hashed_password: String,
}

fn main() {
    let user = UserInDB { id: 1, hashed_password: "x".into() };
    let out = UserOut::from(user);
    // A view has no secret field to read, and so none to serialize.
    let _ = out.hashed_password;
}
