//! What a security scheme is in the document: `components.securitySchemes`.

use serde_json::{Map, Value};

/// Where an API key is read from (OpenAPI's `in` of an `apiKey` scheme).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiKeyLocation {
    /// A request header (FastAPI's `APIKeyHeader`).
    Header,
    /// A query parameter (FastAPI's `APIKeyQuery`).
    Query,
    /// A cookie (FastAPI's `APIKeyCookie`).
    Cookie,
}

impl ApiKeyLocation {
    fn as_str(self) -> &'static str {
        match self {
            ApiKeyLocation::Header => "header",
            ApiKeyLocation::Query => "query",
            ApiKeyLocation::Cookie => "cookie",
        }
    }
}

/// The kind of a scheme and what each kind carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    OAuth2Password {
        token_url: &'static str,
        refresh_url: Option<&'static str>,
        scopes: &'static [(&'static str, &'static str)],
    },
    Http {
        scheme: &'static str,
        bearer_format: Option<&'static str>,
    },
    ApiKey {
        location: ApiKeyLocation,
        name: &'static str,
    },
    OpenIdConnect {
        url: &'static str,
    },
}

/// One entry of the document's `components.securitySchemes`: how a client sends its
/// credentials, under a stable name that operations' requirements refer to.
///
/// Every constructor is a `const fn`, so a scheme is written once, as a constant of the
/// extractor that reads it ([`ApiSecurity::SCHEME`](super::ApiSecurity::SCHEME)). Names
/// default to FastAPI's (`OAuth2PasswordBearer`, `HTTPBearer`, `HTTPBasic`, `APIKeyHeader`,
/// `APIKeyQuery`, `APIKeyCookie`, `OpenIdConnect`), so a ported app's document keeps its
/// scheme names; [`named`](Self::named) sets another.
///
/// ```
/// use response_model::security::SecurityScheme;
///
/// const LOGIN: SecurityScheme = SecurityScheme::oauth2_password("/api/v1/login/access-token")
///     .scopes(&[("items:write", "Create and change items")]);
/// assert_eq!(LOGIN.name(), "OAuth2PasswordBearer");
/// assert_eq!(
///     LOGIN.to_value(),
///     serde_json::json!({
///         "type": "oauth2",
///         "flows": {"password": {
///             "tokenUrl": "/api/v1/login/access-token",
///             "scopes": {"items:write": "Create and change items"}
///         }}
///     })
/// );
/// assert_eq!(SecurityScheme::http_bearer().bearer_format("JWT").name(), "HTTPBearer");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityScheme {
    name: &'static str,
    description: Option<&'static str>,
    kind: Kind,
}

impl SecurityScheme {
    /// OAuth2's password flow (FastAPI's `OAuth2PasswordBearer(tokenUrl=..)`): the client
    /// posts a username and password to `token_url` and sends the token it gets back as
    /// `Authorization: Bearer <token>`. A relative `token_url` is resolved by Swagger UI
    /// against the document's URL, so it keeps working under a prefix.
    pub const fn oauth2_password(token_url: &'static str) -> Self {
        Self {
            name: "OAuth2PasswordBearer",
            description: None,
            kind: Kind::OAuth2Password {
                token_url,
                refresh_url: None,
                scopes: &[],
            },
        }
    }

    /// HTTP bearer authentication (FastAPI's `HTTPBearer`): `Authorization: Bearer <token>`.
    pub const fn http_bearer() -> Self {
        Self {
            name: "HTTPBearer",
            description: None,
            kind: Kind::Http {
                scheme: "bearer",
                bearer_format: None,
            },
        }
    }

    /// HTTP basic authentication (FastAPI's `HTTPBasic`):
    /// `Authorization: Basic base64(username:password)`.
    pub const fn http_basic() -> Self {
        Self {
            name: "HTTPBasic",
            description: None,
            kind: Kind::Http {
                scheme: "basic",
                bearer_format: None,
            },
        }
    }

    /// An API key read from a header, the query string or a cookie named `name` (FastAPI's
    /// `APIKeyHeader`, `APIKeyQuery`, `APIKeyCookie`, whose names it takes).
    pub const fn api_key(location: ApiKeyLocation, name: &'static str) -> Self {
        Self {
            name: match location {
                ApiKeyLocation::Header => "APIKeyHeader",
                ApiKeyLocation::Query => "APIKeyQuery",
                ApiKeyLocation::Cookie => "APIKeyCookie",
            },
            description: None,
            kind: Kind::ApiKey { location, name },
        }
    }

    /// OpenID Connect discovery (FastAPI's `OpenIdConnect(openIdConnectUrl=..)`).
    pub const fn open_id_connect(url: &'static str) -> Self {
        Self {
            name: "OpenIdConnect",
            description: None,
            kind: Kind::OpenIdConnect { url },
        }
    }

    /// The same scheme under another name in `components.securitySchemes` (FastAPI's
    /// `scheme_name=`). Two different schemes of one document need two names.
    #[must_use]
    pub const fn named(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }

    /// A description of the scheme, shown by the docs UIs.
    #[must_use]
    pub const fn description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    /// The format of a bearer token (`"JWT"`), a hint for clients. Only an HTTP bearer
    /// scheme has one: on any other scheme this is a compile error when used in a
    /// constant (a panic when called at run time).
    #[must_use]
    #[allow(
        clippy::panic,
        reason = "a builder of constants: misuse is a compile error where the constant is defined"
    )]
    pub const fn bearer_format(mut self, format: &'static str) -> Self {
        match &mut self.kind {
            Kind::Http {
                scheme,
                bearer_format,
            } if eq(scheme, "bearer") => *bearer_format = Some(format),
            _ => panic!("`bearer_format` is for `SecurityScheme::http_bearer()` only"),
        }
        self
    }

    /// The scopes an OAuth2 scheme offers, with their descriptions (FastAPI's
    /// `OAuth2PasswordBearer(scopes={..})`). Only OAuth2 schemes have scopes: on any other
    /// this is a compile error when used in a constant.
    #[must_use]
    #[allow(
        clippy::panic,
        reason = "a builder of constants: misuse is a compile error where the constant is defined"
    )]
    pub const fn scopes(mut self, scopes: &'static [(&'static str, &'static str)]) -> Self {
        match &mut self.kind {
            Kind::OAuth2Password { scopes: s, .. } => *s = scopes,
            _ => panic!("`scopes` is for OAuth2 schemes only"),
        }
        self
    }

    /// The URL where an OAuth2 token is refreshed (OpenAPI's `refreshUrl`). Only OAuth2
    /// schemes have one: on any other this is a compile error when used in a constant.
    #[must_use]
    #[allow(
        clippy::panic,
        reason = "a builder of constants: misuse is a compile error where the constant is defined"
    )]
    pub const fn refresh_url(mut self, url: &'static str) -> Self {
        match &mut self.kind {
            Kind::OAuth2Password { refresh_url, .. } => *refresh_url = Some(url),
            _ => panic!("`refresh_url` is for OAuth2 schemes only"),
        }
        self
    }

    /// The scheme's name in `components.securitySchemes`.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the scheme offers `scope` (schemes without scopes offer none).
    pub const fn offers_scope(&self, scope: &str) -> bool {
        let Kind::OAuth2Password { scopes, .. } = self.kind else {
            return false;
        };
        let mut i = 0;
        while i < scopes.len() {
            if eq(scopes[i].0, scope) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Whether the scheme is an API key (`api_key(..)`), the schemes [`ApiKey`](super::ApiKey) reads.
    ///
    /// ```
    /// use response_model::security::{ApiKeyLocation, SecurityScheme};
    /// assert!(SecurityScheme::api_key(ApiKeyLocation::Query, "api_key").is_api_key());
    /// assert!(!SecurityScheme::http_bearer().is_api_key());
    /// ```
    pub const fn is_api_key(&self) -> bool {
        matches!(self.kind, Kind::ApiKey { .. })
    }

    /// The value of `WWW-Authenticate` a request without credentials is answered with, as
    /// FastAPI's security classes send it.
    pub const fn challenge(&self) -> &'static str {
        match self.kind {
            Kind::OAuth2Password { .. } | Kind::OpenIdConnect { .. } => "Bearer",
            Kind::Http { scheme, .. } if eq(scheme, "basic") => "Basic",
            Kind::Http { .. } => "Bearer",
            Kind::ApiKey { .. } => "APIKey",
        }
    }

    /// The API key an `api_key` scheme names, read from where it says: the header, the
    /// query parameter or the cookie of that name (FastAPI's `APIKeyHeader`, `APIKeyQuery`,
    /// `APIKeyCookie`), so an extractor reads its credential from the place the document
    /// states. `None` when it is absent or empty (FastAPI answers both with its 401), or
    /// when the scheme is not an API key.
    ///
    /// ```
    /// use response_model::security::{ApiKeyLocation, SecurityScheme};
    ///
    /// const SESSION: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Cookie, "session");
    /// let (parts, ()) = http::Request::get("/me")
    ///     .header("cookie", "theme=dark; session=abc%20def")
    ///     .body(())
    ///     .unwrap()
    ///     .into_parts();
    /// assert_eq!(SESSION.read_api_key(&parts).as_deref(), Some("abc def"));
    /// ```
    pub fn read_api_key(&self, parts: &http::request::Parts) -> Option<String> {
        let Kind::ApiKey { location, name } = self.kind else {
            return None;
        };
        let key = match location {
            ApiKeyLocation::Header => parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            ApiKeyLocation::Query => form_urlencoded::parse(parts.uri.query()?.as_bytes())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned()),
            ApiKeyLocation::Cookie => parts
                .headers
                .get_all(http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(cookie::Cookie::split_parse_encoded)
                .filter_map(Result::ok)
                .find(|c| c.name() == name)
                .map(|c| c.value().to_owned()),
        };
        key.filter(|k| !k.is_empty())
    }

    /// The scheme as it is written in `components.securitySchemes` (the same in OpenAPI
    /// 3.0 and 3.1).
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        match self.kind {
            Kind::OAuth2Password {
                token_url,
                refresh_url,
                scopes,
            } => {
                m.insert("type".into(), "oauth2".into());
                let mut flow = Map::new();
                flow.insert("tokenUrl".into(), token_url.into());
                if let Some(r) = refresh_url {
                    flow.insert("refreshUrl".into(), r.into());
                }
                let scopes: Map<String, Value> = scopes
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                    .collect();
                flow.insert("scopes".into(), Value::Object(scopes));
                let mut flows = Map::new();
                flows.insert("password".into(), Value::Object(flow));
                m.insert("flows".into(), Value::Object(flows));
            }
            Kind::Http {
                scheme,
                bearer_format,
            } => {
                m.insert("type".into(), "http".into());
                m.insert("scheme".into(), scheme.into());
                if let Some(f) = bearer_format {
                    m.insert("bearerFormat".into(), f.into());
                }
            }
            Kind::ApiKey { location, name } => {
                m.insert("type".into(), "apiKey".into());
                m.insert("in".into(), location.as_str().into());
                m.insert("name".into(), name.into());
            }
            Kind::OpenIdConnect { url } => {
                m.insert("type".into(), "openIdConnect".into());
                m.insert("openIdConnectUrl".into(), url.into());
            }
        }
        if let Some(d) = self.description {
            m.insert("description".into(), d.into());
        }
        Value::Object(m)
    }
}

/// `a == b` in a `const fn`.
const fn eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_renders_as_openapi_writes_it() {
        assert_eq!(
            SecurityScheme::http_basic().to_value(),
            serde_json::json!({"type": "http", "scheme": "basic"})
        );
        assert_eq!(
            SecurityScheme::api_key(ApiKeyLocation::Cookie, "session").to_value(),
            serde_json::json!({"type": "apiKey", "in": "cookie", "name": "session"})
        );
        assert_eq!(
            SecurityScheme::open_id_connect("https://id.example/.well-known/openid-configuration")
                .description("Company SSO")
                .to_value(),
            serde_json::json!({
                "type": "openIdConnect",
                "openIdConnectUrl": "https://id.example/.well-known/openid-configuration",
                "description": "Company SSO"
            })
        );
        assert_eq!(
            SecurityScheme::oauth2_password("token")
                .refresh_url("refresh")
                .to_value()["flows"]["password"]["refreshUrl"],
            "refresh"
        );
    }

    #[test]
    fn challenges_and_scopes() {
        assert_eq!(SecurityScheme::http_basic().challenge(), "Basic");
        assert_eq!(SecurityScheme::http_bearer().challenge(), "Bearer");
        assert_eq!(
            SecurityScheme::api_key(ApiKeyLocation::Header, "x-key").challenge(),
            "APIKey"
        );
        let s = SecurityScheme::oauth2_password("t").scopes(&[("me", "Read me")]);
        assert!(s.offers_scope("me"));
        assert!(!s.offers_scope("items"));
        assert!(!SecurityScheme::http_bearer().offers_scope("me"));
    }
}
