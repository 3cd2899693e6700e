//! Serving the document, Swagger UI and ReDoc (from the binary, no CDN), at configurable
//! paths.

use http::{StatusCode, header};
use response_model::openapi::ApiRouter;

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
    assert!(html.contains("/openapi.json") && html.contains("/docs/swagger-ui-bundle.js"));

    // The UI's script is served from the binary, not a CDN.
    let (s, ct, body) = call("/docs/swagger-ui-bundle.js").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.contains("javascript"));
    assert!(body.len() > 100_000, "{}", body.len());
    let (s, _, _) = call("/docs/swagger-ui.css").await;
    assert_eq!(s, StatusCode::OK);

    let r = get_path(&app, "/docs/").await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.headers[header::LOCATION], "/docs");

    let (s, ct, body) = call("/redoc").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("text/html"));
    assert!(
        std::str::from_utf8(&body)
            .unwrap()
            .contains(r#"spec-url="/openapi.json""#)
    );
}

#[tokio::test]
async fn docs_paths_are_configurable() {
    use response_model::openapi::DocsConfig;
    let app = ApiRouter::<()>::new()
        .docs(
            DocsConfig::default()
                .openapi_path("/api/spec.json")
                .swagger_ui_path(Some("/swagger"))
                .redoc_path(None),
        )
        .into_router();
    for (uri, want) in [
        ("/api/spec.json", StatusCode::OK),
        ("/swagger", StatusCode::OK),
        ("/swagger/swagger-ui.css", StatusCode::OK),
        ("/openapi.json", StatusCode::NOT_FOUND),
        ("/docs", StatusCode::NOT_FOUND),
        ("/redoc", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(get_path(&app, uri).await.status, want, "{uri}");
    }
}
