//! Serving the document, Swagger UI, ReDoc and Scalar (from the binary, no CDN), at
//! configurable paths.

use http::{StatusCode, header};
use response_model::routing::ApiRouter;

use super::app;
use crate::common::get_path;

#[tokio::test]
async fn serves_document_and_uis() {
    let app = app::api().with_docs().into_router();
    // Every answer here has a content type.
    let call = |uri: &'static str| {
        let app = app.clone();
        async move {
            let r = get_path(&app, uri).await;
            let ct = r.headers[header::CONTENT_TYPE].to_str().unwrap().to_owned();
            (r.status, ct, r.body)
        }
    };
    let (s, ct, body) = call("/openapi.json").await;
    assert_eq!((s, ct.as_str()), (StatusCode::OK, "application/json"));
    assert_eq!(
        std::str::from_utf8(&body).unwrap(),
        app::api().openapi_json()
    );

    let (s, ct, body) = call("/docs").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("text/html"));
    let html = std::str::from_utf8(&body).unwrap();
    // The document's URL is relative to the page, so the page works under any prefix.
    assert!(
        html.contains(r#"src="./docs/swagger-ui-bundle.js""#),
        "{html}"
    );
    assert!(html.contains(r#"url: "./openapi.json""#), "{html}");

    // The UI's script is served from the binary, not a CDN.
    let (s, ct, body) = call("/docs/swagger-ui-bundle.js").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.contains("javascript"));
    assert!(body.len() > 100_000, "{}", body.len());
    let (s, _, _) = call("/docs/swagger-ui.css").await;
    assert_eq!(s, StatusCode::OK);

    let r = get_path(&app, "/docs/").await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.headers[header::LOCATION], "../docs");

    let (s, ct, body) = call("/redoc").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("text/html"));
    let page = std::str::from_utf8(&body).unwrap();
    assert!(page.contains(r#"spec-url="./openapi.json""#), "{page}");
    // ReDoc's script is served from the binary too: the page works offline.
    assert!(
        page.contains(r#"src="./redoc/redoc.standalone.js""#),
        "{page}"
    );
    let (s, ct, body) = call("/redoc/redoc.standalone.js").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.contains("javascript"));
    assert!(body.len() > 500_000, "{}", body.len());

    let (s, ct, body) = call("/scalar").await;
    assert_eq!(
        (s, ct.as_str()),
        (StatusCode::OK, "text/html; charset=utf-8")
    );
    let page = std::str::from_utf8(&body).unwrap();
    assert!(page.contains(r#"url: "./openapi.json""#), "{page}");
    assert!(
        page.contains(r#"src="./scalar/scalar.standalone.js""#),
        "{page}"
    );
    // Offline: no font CDN, no telemetry, no AI agent.
    assert!(page.contains("withDefaultFonts: false"), "{page}");
    assert!(page.contains("telemetry: false"), "{page}");
    assert!(page.contains(r#"showDeveloperTools: "never""#), "{page}");
    assert!(!page.contains("https://"), "{page}");
    let (s, ct, body) = call("/scalar/scalar.standalone.js").await;
    assert_eq!(
        (s, ct.as_str()),
        (StatusCode::OK, "text/javascript; charset=utf-8")
    );
    assert!(body.len() > 1_000_000, "{}", body.len());
    assert!(
        std::str::from_utf8(&body)
            .unwrap()
            .contains("window.Scalar={createApiReference:"),
        "Scalar's standalone bundle defines `Scalar.createApiReference`, which the page calls"
    );
}

/// Swagger UI's "Authorize" is set up as FastAPI sets it up: the OAuth2 redirect page is
/// served where the page's config says (FastAPI's `/docs/oauth2-redirect`, and
/// swagger-ui-dist's `.html`), by a URL relative to the page, and what a person types in
/// the dialog persists across reloads unless turned off.
#[tokio::test]
async fn swagger_ui_authorize_is_configured() {
    use response_model::routing::DocsConfig;
    for prefix in ["", "/v1"] {
        let app = app::api().with_docs().into_router();
        let app = if prefix.is_empty() {
            app
        } else {
            axum::Router::new().nest(prefix, app)
        };
        let page = get_path(&app, &format!("{prefix}/docs")).await;
        let html = std::str::from_utf8(&page.body).unwrap().to_owned();
        assert!(html.contains("persistAuthorization: true,"), "{html}");
        assert!(
            html.contains(
                r#"oauth2RedirectUrl: new URL("./docs/oauth2-redirect", window.location.href).href,"#
            ),
            "{html}"
        );
        // The page that URL names, from `{prefix}/docs`, and the script it loads (relative
        // to itself: `oauth2-redirect.js` beside it).
        let redirect = get_path(&app, &format!("{prefix}/docs/oauth2-redirect")).await;
        assert_eq!(redirect.status, StatusCode::OK, "{prefix}");
        assert_eq!(
            redirect.headers[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        let redirect = std::str::from_utf8(&redirect.body).unwrap().to_owned();
        assert!(
            redirect.contains(r#"<script src="oauth2-redirect.js"></script>"#),
            "{redirect}"
        );
        for asset in ["oauth2-redirect.js", "oauth2-redirect.html"] {
            let r = get_path(&app, &format!("{prefix}/docs/{asset}")).await;
            assert_eq!(r.status, StatusCode::OK, "{prefix}/docs/{asset}");
        }
        let js = get_path(&app, &format!("{prefix}/docs/oauth2-redirect.js")).await;
        assert!(
            std::str::from_utf8(&js.body)
                .unwrap()
                .contains("swaggerUIRedirectOauth2"),
            "the script hands the code back to the page that opened it"
        );
    }
    let app = app::api()
        .docs(DocsConfig::default().swagger_ui_persist_authorization(false))
        .into_router();
    let html = get_path(&app, "/docs").await.body;
    let html = std::str::from_utf8(&html).unwrap();
    assert!(html.contains("persistAuthorization: false,"), "{html}");
}

#[tokio::test]
async fn docs_paths_are_configurable() {
    use response_model::routing::DocsConfig;
    let app = ApiRouter::<()>::new()
        .docs(
            DocsConfig::default()
                .openapi_path("/api/spec.json")
                .swagger_ui_path("/swagger")
                .without_redoc()
                .scalar_path("/reference"),
        )
        .into_router();
    for (uri, want) in [
        ("/api/spec.json", StatusCode::OK),
        ("/swagger", StatusCode::OK),
        ("/swagger/swagger-ui.css", StatusCode::OK),
        ("/swagger/oauth2-redirect", StatusCode::OK),
        ("/reference", StatusCode::OK),
        ("/reference/scalar.standalone.js", StatusCode::OK),
        ("/scalar", StatusCode::NOT_FOUND),
        ("/openapi.json", StatusCode::NOT_FOUND),
        ("/docs", StatusCode::NOT_FOUND),
        ("/redoc", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(get_path(&app, uri).await.status, want, "{uri}");
    }
}

/// Every path setter takes one shape, a string (`&str` or `String`); a UI is turned off
/// by its own method, and back on by its path.
#[tokio::test]
async fn docs_path_setters_take_strings_and_uis_turn_off() {
    use response_model::routing::DocsConfig;
    let version = 2;
    let app = ApiRouter::<()>::new()
        .docs(
            DocsConfig::default()
                .openapi_path(format!("/v{version}/openapi.json"))
                .openapi_3_0_path(String::from("/v2/openapi-3.0.json"))
                .without_swagger_ui()
                .redoc_path(format!("/v{version}/redoc"))
                .without_scalar(),
        )
        .into_router();
    for (uri, want) in [
        ("/v2/openapi.json", StatusCode::OK),
        ("/v2/openapi-3.0.json", StatusCode::OK),
        ("/v2/redoc", StatusCode::OK),
        ("/docs", StatusCode::NOT_FOUND),
        ("/redoc", StatusCode::NOT_FOUND),
        ("/scalar", StatusCode::NOT_FOUND),
        ("/scalar/scalar.standalone.js", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(get_path(&app, uri).await.status, want, "{uri}");
    }
    let back_on = DocsConfig::default()
        .without_swagger_ui()
        .swagger_ui_path("/docs");
    assert_eq!(back_on, DocsConfig::default());
    let back_on = DocsConfig::default()
        .without_scalar()
        .scalar_path("/scalar");
    assert_eq!(back_on, DocsConfig::default());
}

/// An app nested under a prefix serves working UIs there: each page reads the document
/// and its scripts through URLs relative to itself, which the browser resolves under the
/// prefix.
#[tokio::test]
async fn docs_work_under_a_prefix() {
    let app = axum::Router::new().nest("/v1", app::api().with_docs().into_router());
    let page = get_path(&app, "/v1/docs").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = std::str::from_utf8(&page.body).unwrap().to_owned();
    assert!(html.contains(r#"url: "./openapi.json""#), "{html}");
    assert!(html.contains(r#"href="./docs/swagger-ui.css""#), "{html}");
    let redoc = get_path(&app, "/v1/redoc").await;
    let redoc = std::str::from_utf8(&redoc.body).unwrap().to_owned();
    assert!(redoc.contains(r#"spec-url="./openapi.json""#), "{redoc}");
    let scalar = get_path(&app, "/v1/scalar").await;
    let scalar = std::str::from_utf8(&scalar.body).unwrap().to_owned();
    assert!(scalar.contains(r#"url: "./openapi.json""#), "{scalar}");
    // What the browser resolves those URLs to, from `/v1/docs`, `/v1/redoc`, `/v1/scalar`:
    for uri in [
        "/v1/openapi.json",
        "/v1/docs/swagger-ui-bundle.js",
        "/v1/docs/oauth2-redirect",
        "/v1/redoc/redoc.standalone.js",
        "/v1/scalar/scalar.standalone.js",
    ] {
        assert_eq!(get_path(&app, uri).await.status, StatusCode::OK, "{uri}");
    }
    assert_eq!(
        get_path(&app, "/openapi.json").await.status,
        StatusCode::NOT_FOUND
    );
}

/// The 3.0.3 rendering is served where the config asks for it, beside the 3.1 document.
#[tokio::test]
async fn the_3_0_rendering_is_served_on_request() {
    use response_model::routing::DocsConfig;
    let app = app::api()
        .docs(DocsConfig::default().openapi_3_0_path("/openapi-3.0.json"))
        .into_router();
    let main: serde_json::Value =
        serde_json::from_slice(&get_path(&app, "/openapi.json").await.body).unwrap();
    let v30: serde_json::Value =
        serde_json::from_slice(&get_path(&app, "/openapi-3.0.json").await.body).unwrap();
    assert_eq!(main["openapi"], "3.1.0");
    assert_eq!(v30["openapi"], "3.0.3");
    assert_eq!(
        main["paths"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        v30["paths"].as_object().unwrap().keys().collect::<Vec<_>>()
    );
    let plain = app::api().with_docs().into_router();
    assert_eq!(
        get_path(&plain, "/openapi-3.0.json").await.status,
        StatusCode::NOT_FOUND
    );
}
