use response_model::prelude::*;

#[derive(serde::Serialize)]
struct ItemOut {
    id: i64,
}

// 99 is not an HTTP status code (100..=999). The check is a constant: documentation reads
// `Model::<T, S>::STATUS`, and any use of the type as a response evaluates it.
const _: u16 = Model::<ItemOut, 99>::STATUS;

fn main() {}
