use response_model::ResponseModel;
use serde::Serialize;

// Every mistake is reported in one compile, each at its token.
#[derive(Serialize, ResponseModel)]
#[response_model(
    view(UserOut, include(id, nmae)),
    view(UserSecret, include(hashed_password)),
    view(UserBad, exclude_nothing),
)]
struct UserInDB {
    id: i64,
    name: String,
    #[response_model(secret)]
    hashed_password: String,
}

fn main() {
    // The views' names still resolve: no cascade of "cannot find type" errors.
    let _ = std::marker::PhantomData::<(UserOut, UserSecret, UserBad)>;
}
