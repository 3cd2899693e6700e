//! Serving the document and the documentation UIs.

use axum::Router;
use axum::extract::Request;
use axum::response::Html;
use axum::routing::get;
use bytes::Bytes;
use http::{HeaderValue, header};
use tower::ServiceExt;

/// Where the document and the UIs are served. `None` turns a UI off.
///
/// Swagger UI's files come from the `swagger-ui-dist` crate, compiled into the binary:
/// `/docs` works with no network. ReDoc is one script; the page loads it from
/// [`redoc_script`](Self::redoc_script) (a CDN by default; point it at a copy you serve to
/// work offline).
///
/// The defaults are FastAPI's (`/openapi.json`, `/docs`, `/redoc`); each setter changes
/// one (FastAPI's `openapi_url`, `docs_url`, `redoc_url`):
///
/// ```
/// use response_model_core::openapi::{ApiRouter, DocsConfig};
/// let config = DocsConfig::default()
///     .openapi_path("/api.json")
///     .swagger_ui_path(Some("/swagger"))
///     .redoc_path(None);
/// let app: axum::Router = ApiRouter::new().docs(config).into_router();
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocsConfig {
    /// Path of the JSON document.
    openapi_path: String,
    /// Path of Swagger UI (its assets are served below it).
    swagger_ui_path: Option<String>,
    /// Path of ReDoc.
    redoc_path: Option<String>,
    /// URL of ReDoc's standalone script.
    redoc_script: String,
}

impl Default for DocsConfig {
    fn default() -> Self {
        Self {
            openapi_path: "/openapi.json".to_owned(),
            swagger_ui_path: Some("/docs".to_owned()),
            redoc_path: Some("/redoc".to_owned()),
            redoc_script: "https://cdn.redoc.ly/redoc/v2.5.0/bundles/redoc.standalone.js"
                .to_owned(),
        }
    }
}

impl DocsConfig {
    /// Sets the path of the JSON document.
    pub fn openapi_path(mut self, path: impl Into<String>) -> Self {
        self.openapi_path = path.into();
        self
    }

    /// Sets (or, with `None`, turns off) the path of Swagger UI.
    pub fn swagger_ui_path(mut self, path: Option<&str>) -> Self {
        self.swagger_ui_path = path.map(str::to_owned);
        self
    }

    /// Sets (or, with `None`, turns off) the path of ReDoc.
    pub fn redoc_path(mut self, path: Option<&str>) -> Self {
        self.redoc_path = path.map(str::to_owned);
        self
    }

    /// Sets the URL ReDoc's page loads its script from.
    pub fn redoc_script(mut self, url: impl Into<String>) -> Self {
        self.redoc_script = url.into();
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

pub(crate) fn add_docs_routes<S>(
    mut router: Router<S>,
    config: &DocsConfig,
    json: String,
    title: &str,
) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let body = Bytes::from(json);
    router = router.route(
        &config.openapi_path,
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
    );
    if let Some(path) = &config.swagger_ui_path {
        let ui: Router = swagger_ui_dist::generate_routes(swagger_ui_dist::ApiDefinition {
            uri_prefix: path.clone(),
            api_definition: swagger_ui_dist::OpenApiSource::Uri(config.openapi_path.clone()),
            title: Some(title.to_owned()),
        });
        // The UI's router already has its routes under `path`; `route_service` keeps the
        // full path (it refuses a `Router` itself, hence the identity `map_request`).
        let svc = ui.map_request(|r: Request| r);
        let base = path.trim_end_matches('/');
        router = router
            .route_service(path, svc.clone())
            .route_service(&format!("{base}/{{*asset}}"), svc);
        if !base.is_empty() && base == path {
            // `/docs/` -> `/docs`: the UI's asset links are made from the page's own path,
            // which must not end with a slash.
            let target = base.to_owned();
            router = router.route(
                &format!("{base}/"),
                get(move || async move { axum::response::Redirect::permanent(&target) }),
            );
        }
    }
    if let Some(path) = &config.redoc_path {
        let page = redoc_page(title, &config.openapi_path, &config.redoc_script);
        router = router.route(path, get(move || async move { Html(page) }));
    }
    router
}
