use response_model::ResponseModel;
use serde::Serialize;

// `closed` is a bare word, like `exclude_none`.
#[derive(Serialize, ResponseModel)]
#[response_model(view(UserOut, closed = true), view(UserProfile, exclude_none(bio)))]
struct UserInDB {
    id: i64,
    bio: Option<String>,
}

fn main() {}
