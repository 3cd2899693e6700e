use response_model::Statuses;

// 202 is not one of the statuses the type lists.
fn accept() -> Statuses<u8, 200, 201> {
    Statuses::with::<202>(1)
}

// 204 has no body: it cannot be a status of a JSON body.
fn empty() -> Statuses<u8, 200, 204> {
    Statuses::with::<200>(1)
}

fn main() {
    let _ = accept();
    let _ = empty();
}
