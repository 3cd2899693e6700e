use std::collections::BTreeMap;

use response_model::ResponseModel;
use serde::Serialize;

// A closed view lists every key it may send; a flattened field's keys are its type's.
#[derive(Serialize, ResponseModel)]
#[response_model(
    view(UserOut, closed),
    view(UserCard, exclude(extra), closed),
    view(UserExtra, include(id, extra), closed)
)]
struct UserInDB {
    id: i64,
    #[serde(flatten)]
    extra: BTreeMap<String, String>,
}

fn main() {}
