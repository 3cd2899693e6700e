use response_model::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api_error(status = 404, detail = NOT_FOUND)]
    NotFound,
}

const NOT_FOUND: &str = "Not found";

fn main() {}
