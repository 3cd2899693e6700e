//! Serving the document and the documentation UIs.

use axum::Router;
use axum::extract::Request;
use axum::response::Html;
use axum::routing::get;
use bytes::Bytes;
use http::{HeaderValue, header};
use tower::ServiceExt;

/// Where the document and the UIs are served.
///
/// The three UIs are compiled into the binary and work with no network: Swagger UI's files
/// come from the `swagger-ui-dist` crate; ReDoc's one script (2.5.0, MIT) and Scalar's
/// (`@scalar/api-reference` 1.76.4, MIT, 4.9 MB) ship in this crate and are served beside
/// their pages unless [`redoc_script`](Self::redoc_script) or
/// [`scalar_script`](Self::scalar_script) points elsewhere. Each page loads the document
/// through a URL relative to itself, so an app nested under a prefix
/// (`Router::new().nest("/v1", app)`) serves working `/v1/docs`, `/v1/redoc` and
/// `/v1/scalar` pages that read `/v1/openapi.json`.
///
/// Each UI shows the document's security schemes and lets a person authorize with them.
/// Swagger UI is set up as FastAPI's `get_swagger_ui_html` sets it up, with its OAuth2
/// redirect page at `<docs>/oauth2-redirect` (FastAPI's `swagger_ui_oauth2_redirect_url`,
/// also at `<docs>/oauth2-redirect.html`), and keeps what was typed in "Authorize" across
/// reloads (see [`swagger_ui_persist_authorization`](Self::swagger_ui_persist_authorization)).
/// For the OAuth2 password flow, Swagger UI posts the form to the scheme's `tokenUrl`,
/// resolving a relative one against the selected server, or against the page's URL when
/// the document has no `servers` (checked in a browser: from `/v1/docs`,
/// `oauth2_password("token")` posts to `/v1/token`). An absolute path with the prefix
/// (`oauth2_password("/v1/token")`) is right in both cases. Under a prefix, declare it with
/// [`ApiRouter::server`](crate::routing::ApiRouter::server) (`.server("/v1")`) so that "Try
/// it out" calls `/v1/items`; without `servers` it sends each request to the operation's
/// path from the host's root.
///
/// The defaults are FastAPI's (`/openapi.json`, `/docs`, `/redoc`) and `/scalar`; each
/// setter takes the path as a string (`&str` or `String`) and changes one (FastAPI's
/// `openapi_url`, `docs_url`, `redoc_url`); [`without_swagger_ui`](Self::without_swagger_ui),
/// [`without_redoc`](Self::without_redoc) and [`without_scalar`](Self::without_scalar)
/// turn a UI off (FastAPI's `docs_url=None`):
///
/// ```
/// use response_model::routing::{ApiRouter, DocsConfig};
/// let config = DocsConfig::default()
///     .openapi_path("/api.json")
///     .swagger_ui_path("/swagger")
///     .without_redoc();
/// let app: axum::Router = ApiRouter::new().docs(config).into_router();
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocsConfig {
    /// Path of the JSON document.
    openapi_path: String,
    /// Path of the same document rendered as OpenAPI 3.0.3, if served.
    openapi_3_0_path: Option<String>,
    /// Path of Swagger UI (its assets are served below it).
    swagger_ui_path: Option<String>,
    /// Path of ReDoc.
    redoc_path: Option<String>,
    /// URL of ReDoc's standalone script; `None`: the embedded copy.
    redoc_script: Option<String>,
    /// Path of Scalar.
    scalar_path: Option<String>,
    /// URL of Scalar's standalone script; `None`: the embedded copy.
    scalar_script: Option<String>,
    /// Swagger UI's `persistAuthorization`.
    persist_authorization: bool,
}

impl DocsConfig {
    /// Every path the docs routes are served at (pages, documents), for
    /// [`ApiRouter::redirect_slashes`](crate::routing::ApiRouter::redirect_slashes).
    pub(crate) fn page_paths(&self) -> impl Iterator<Item = &str> {
        [
            Some(&self.openapi_path),
            self.openapi_3_0_path.as_ref(),
            self.swagger_ui_path.as_ref(),
            self.redoc_path.as_ref(),
            self.scalar_path.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
    }
}

impl Default for DocsConfig {
    fn default() -> Self {
        Self {
            openapi_path: "/openapi.json".to_owned(),
            openapi_3_0_path: None,
            swagger_ui_path: Some("/docs".to_owned()),
            redoc_path: Some("/redoc".to_owned()),
            redoc_script: None,
            scalar_path: Some("/scalar".to_owned()),
            scalar_script: None,
            persist_authorization: true,
        }
    }
}

impl DocsConfig {
    /// Sets the path of the JSON document (default `/openapi.json`).
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default().openapi_path(format!("/v{}/openapi.json", 2));
    /// ```
    pub fn openapi_path(mut self, path: impl Into<String>) -> Self {
        self.openapi_path = path.into();
        self
    }

    /// Also serves the document rendered as OpenAPI 3.0.3 (for generators that read only
    /// 3.0, such as progenitor) at `path`; off by default. The UIs keep reading the
    /// document at [`openapi_path`](Self::openapi_path).
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, DocsConfig};
    /// let config = DocsConfig::default().openapi_3_0_path("/openapi-3.0.json");
    /// let app: axum::Router = ApiRouter::new().docs(config).into_router();
    /// ```
    pub fn openapi_3_0_path(mut self, path: impl Into<String>) -> Self {
        self.openapi_3_0_path = Some(path.into());
        self
    }

    /// Sets the path of Swagger UI (default `/docs`), turning it back on after
    /// [`without_swagger_ui`](Self::without_swagger_ui).
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default().swagger_ui_path("/swagger");
    /// ```
    pub fn swagger_ui_path(mut self, path: impl Into<String>) -> Self {
        self.swagger_ui_path = Some(path.into());
        self
    }

    /// Serves no Swagger UI (FastAPI's `docs_url=None`).
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default().without_swagger_ui();
    /// ```
    pub fn without_swagger_ui(mut self) -> Self {
        self.swagger_ui_path = None;
        self
    }

    /// Sets the path of ReDoc (default `/redoc`), turning it back on after
    /// [`without_redoc`](Self::without_redoc).
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default().redoc_path("/reference");
    /// ```
    pub fn redoc_path(mut self, path: impl Into<String>) -> Self {
        self.redoc_path = Some(path.into());
        self
    }

    /// Serves no ReDoc page (FastAPI's `redoc_url=None`).
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default().without_redoc();
    /// ```
    pub fn without_redoc(mut self) -> Self {
        self.redoc_path = None;
        self
    }

    /// Sets the URL ReDoc's page loads its script from, instead of the embedded copy.
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default()
    ///     .redoc_script("https://cdn.redoc.ly/redoc/v2.5.0/bundles/redoc.standalone.js");
    /// ```
    pub fn redoc_script(mut self, url: impl Into<String>) -> Self {
        self.redoc_script = Some(url.into());
        self
    }

    /// Sets the path of Scalar's API reference (default `/scalar`), turning it back on
    /// after [`without_scalar`](Self::without_scalar).
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default().scalar_path("/api-reference");
    /// ```
    pub fn scalar_path(mut self, path: impl Into<String>) -> Self {
        self.scalar_path = Some(path.into());
        self
    }

    /// Serves no Scalar page.
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default().without_scalar();
    /// ```
    pub fn without_scalar(mut self) -> Self {
        self.scalar_path = None;
        self
    }

    /// Sets the URL Scalar's page loads its script from, instead of the embedded copy
    /// (4.9 MB, served with a day's `Cache-Control`).
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default()
    ///     .scalar_script("https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.4");
    /// ```
    pub fn scalar_script(mut self, url: impl Into<String>) -> Self {
        self.scalar_script = Some(url.into());
        self
    }

    /// Whether Swagger UI keeps the credentials typed in its "Authorize" dialog across
    /// reloads (its `persistAuthorization`, in the browser's local storage); on by default.
    /// Turn it off where a shared browser should forget them.
    ///
    /// ```
    /// use response_model::routing::DocsConfig;
    /// let config = DocsConfig::default().swagger_ui_persist_authorization(false);
    /// ```
    pub fn swagger_ui_persist_authorization(mut self, persist: bool) -> Self {
        self.persist_authorization = persist;
        self
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What Swagger UI's page needs: URLs relative to the page, and its settings.
struct SwaggerPage<'a> {
    title: &'a str,
    spec_url: String,
    css: String,
    script: String,
    oauth2_redirect: String,
    persist_authorization: bool,
}

fn swagger_page(page: &SwaggerPage<'_>) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{css}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{script}" crossorigin></script>
<script>
window.onload = () => {{
  window.ui = SwaggerUIBundle({{
    url: "{spec_url}",
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    persistAuthorization: {persist},
    oauth2RedirectUrl: new URL("{oauth2_redirect}", window.location.href).href,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  }});
}};
</script>
</body>
</html>
"##,
        title = escape_html(page.title),
        css = escape_html(&page.css),
        script = escape_html(&page.script),
        // Relative paths of URL characters (no quote or backslash can reach them: paths
        // are the config's and `relative_url` keeps their characters).
        spec_url = escape_html(&page.spec_url),
        oauth2_redirect = escape_html(&page.oauth2_redirect),
        persist = page.persist_authorization,
    )
}

/// Swagger UI's OAuth2 redirect page (`oauth2-redirect.html` of swagger-ui-dist): its
/// script, `oauth2-redirect.js`, is beside it.
const OAUTH2_REDIRECT_HTML: &str = r#"<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>Swagger UI: OAuth2 Redirect</title>
</head>
<body>
<script src="oauth2-redirect.js"></script>
</body>
</html>
"#;

fn scalar_page(title: &str, spec_url: &str, script: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - Scalar</title>
</head>
<body>
<div id="app"></div>
<script src="{script}"></script>
<script>
Scalar.createApiReference("#app", {{
  url: "{spec_url}",
  persistAuth: true,
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: "never",
  agent: {{ disabled: true }},
}});
</script>
</body>
</html>
"##,
        title = escape_html(title),
        spec_url = escape_html(spec_url),
        script = escape_html(script),
    )
}

fn redoc_page(title: &str, spec_url: &str, script: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - ReDoc</title>
</head>
<body>
<redoc spec-url="{spec_url}"></redoc>
<script src="{script}"></script>
</body>
</html>
"#,
        title = escape_html(title),
        spec_url = escape_html(spec_url),
        script = escape_html(script),
    )
}

/// The JSON documents a docs config serves: the main one, and its 3.0.3 rendering when
/// [`DocsConfig::openapi_3_0_path`] asks for it (made only then).
pub(crate) struct Documents {
    pub(crate) main: String,
    pub(crate) v3_0: Option<String>,
}

impl DocsConfig {
    /// Whether the 3.0.3 rendering is served.
    pub(crate) fn serves_3_0(&self) -> bool {
        self.openapi_3_0_path.is_some()
    }
}

/// A route answering `json` (built once) as `application/json`.
fn json_route<S>(router: Router<S>, path: &str, json: String) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let body = Bytes::from(json);
    router.route(
        path,
        get(move || {
            let body = body.clone();
            async move {
                (
                    [(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(mime::APPLICATION_JSON.as_ref()),
                    )],
                    body,
                )
            }
        }),
    )
}

pub(crate) fn add_docs_routes<S>(
    mut router: Router<S>,
    config: &DocsConfig,
    documents: Documents,
    title: &str,
) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router = json_route(router, &config.openapi_path, documents.main);
    if let (Some(path), Some(json)) = (&config.openapi_3_0_path, documents.v3_0) {
        router = json_route(router, path, json);
    }
    if let Some(path) = &config.swagger_ui_path {
        let ui: Router = swagger_ui_dist::generate_routes(swagger_ui_dist::ApiDefinition {
            uri_prefix: path.clone(),
            api_definition: swagger_ui_dist::OpenApiSource::Uri(relative_url(
                path,
                &config.openapi_path,
            )),
            title: Some(title.to_owned()),
        });
        // The UI's router already has its assets under `path`; `route_service` keeps the
        // full path (it refuses a `Router` itself, hence the identity `map_request`). The
        // page is ours: swagger-ui-dist's links its assets by absolute path, which breaks
        // under a prefix (`Router::nest`), where ours are relative to the page.
        let svc = ui.map_request(|r: Request| r);
        let base = path.trim_end_matches('/');
        let redirect_path = format!("{base}/oauth2-redirect");
        let page = swagger_page(&SwaggerPage {
            title,
            spec_url: relative_url(path, &config.openapi_path),
            css: relative_url(path, &format!("{base}/swagger-ui.css")),
            script: relative_url(path, &format!("{base}/swagger-ui-bundle.js")),
            oauth2_redirect: relative_url(path, &redirect_path),
            persist_authorization: config.persist_authorization,
        });
        // FastAPI's path of the redirect page; swagger-ui-dist's own, `.html`, stays too.
        router = router
            .route(path, get(move || async move { Html(page) }))
            .route(&redirect_path, get(|| async { Html(OAUTH2_REDIRECT_HTML) }))
            .route_service(&format!("{base}/{{*asset}}"), svc);
        if !base.is_empty() && base == path {
            // `/docs/` -> `/docs`: the page's relative links need its path without the
            // slash. The target is relative too (`../docs`), so it holds under a prefix.
            let target = relative_url(&format!("{base}/"), base);
            router = router.route(
                &format!("{base}/"),
                get(move || async move { axum::response::Redirect::permanent(&target) }),
            );
        }
    }
    let spec = |page: &str| relative_url(page, &config.openapi_path);
    if let Some(path) = &config.redoc_path {
        let script = config.redoc_script.as_deref();
        router = add_script_page(router, path, script, ("redoc", REDOC_JS), |js| {
            redoc_page(title, &spec(path), js)
        });
    }
    if let Some(path) = &config.scalar_path {
        let script = config.scalar_script.as_deref();
        router = add_script_page(router, path, script, ("scalar", SCALAR_JS), |js| {
            scalar_page(title, &spec(path), js)
        });
    }
    router
}

/// A UI page at `path` that loads one script: `custom` if given, else the embedded `js`,
/// served beside the page as `<path>/<name>.standalone.js` (so the page reaches it by a
/// relative URL, under any prefix). `page` makes the HTML from the script's URL.
fn add_script_page<S>(
    mut router: Router<S>,
    path: &str,
    custom: Option<&str>,
    (name, js): (&str, &'static [u8]),
    page: impl FnOnce(&str) -> String,
) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let script = match custom {
        Some(url) => url.to_owned(),
        None => {
            let script_path = format!("{}/{name}.standalone.js", path.trim_end_matches('/'));
            router = router.route(
                &script_path,
                get(move || async move { script_response(js) }),
            );
            relative_url(path, &script_path)
        }
    };
    let page = page(&script);
    router.route(path, get(move || async move { Html(page) }))
}

/// An embedded script, cached for a day.
fn script_response(js: &'static [u8]) -> impl axum::response::IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        js,
    )
}

/// ReDoc's standalone bundle (`redoc` 2.5.0 on npm, MIT: `assets/redoc/LICENSE`).
const REDOC_JS: &[u8] = include_bytes!("../../assets/redoc/redoc.standalone.js");

/// Scalar's standalone bundle (`@scalar/api-reference` 1.76.4 on npm, its
/// `dist/browser/standalone.js`; MIT: `assets/scalar/LICENSE`).
const SCALAR_JS: &[u8] = include_bytes!("../../assets/scalar/standalone.js");

/// `to` as a URL relative to the page at `page` (both absolute paths of the same
/// router): what a browser resolves to `to` wherever the router is nested.
fn relative_url(page: &str, to: &str) -> String {
    let dir: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
    // The page's own last segment is a file, not a directory (`/docs` is in `/`), unless
    // the path ends with a slash.
    let dir = if page.ends_with('/') {
        &dir[..]
    } else {
        &dir[..dir.len().saturating_sub(1)]
    };
    let target: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = dir
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count()
        .min(target.len().saturating_sub(1));
    let mut out: Vec<&str> = vec![".."; dir.len() - common];
    out.extend(&target[common..]);
    let joined = out.join("/");
    if joined.is_empty() || joined.starts_with("..") {
        joined
    } else {
        format!("./{joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::relative_url;

    #[test]
    fn urls_are_relative_to_the_page() {
        assert_eq!(relative_url("/docs", "/openapi.json"), "./openapi.json");
        assert_eq!(relative_url("/api/docs", "/api/spec.json"), "./spec.json");
        assert_eq!(relative_url("/docs", "/api/spec.json"), "./api/spec.json");
        assert_eq!(relative_url("/a/b/docs", "/x.json"), "../../x.json");
        assert_eq!(
            relative_url("/redoc", "/redoc/redoc.standalone.js"),
            "./redoc/redoc.standalone.js"
        );
        assert_eq!(relative_url("/docs/", "/openapi.json"), "../openapi.json");
    }
}
