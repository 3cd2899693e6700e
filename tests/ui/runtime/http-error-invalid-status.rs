use response_model::HttpError;

// 200 is no error status: `HttpError<STATUS>` takes 400..=599.
fn main() {
    let _ = HttpError::<200>::new("not an error");
}
