use response_model::security::SecurityScheme;

// HTTP bearer has no scopes: only OAuth2 schemes do.
const BEARER: SecurityScheme = SecurityScheme::http_bearer().scopes(&[("me", "Read me")]);

fn main() {
    let _ = BEARER;
}
