use response_model::ApiError;

// `body` and `detail` variants below 500 need no `Display`; the others do.
#[derive(Debug, ApiError)]
enum E {
    #[api_error(status = 404, detail = "Not found")]
    NotFound,
    #[api_error(status = 400)]
    Invalid,
}

fn main() {}
