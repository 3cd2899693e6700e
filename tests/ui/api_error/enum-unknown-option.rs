use response_model::ApiError;

#[derive(Debug, ApiError)]
#[api_error(crat = response_model)]
enum E {
    #[api_error(status = 404, detail = "Not found")]
    NotFound,
}

fn main() {}
