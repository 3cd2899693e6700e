//! `Html` and templates (FastAPI's HTMLResponse and Jinja2Templates): the course's pages,
//! autoescaping, contexts, template errors as logged generic 500s, reloading.

use std::collections::BTreeMap;

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::get;
use http::StatusCode;
use http::header::CONTENT_TYPE;
use response_model::responses::minijinja::{UndefinedBehavior, context};
use response_model::responses::{TemplateResponse, Templates};
use serde::Serialize;

use super::course::{DASHBOARD, FIXTURES, HTML, example, example_app};
use crate::common::{GENERIC_500, Logs, TEXT, get_path, reply};

#[tokio::test]
async fn html_health_and_maintenance() {
    let app = example_app();
    let r = get_path(&app, "/health").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), HTML);
    assert_eq!(r.text(), example::HEALTH_PAGE);
    assert!(r.text().contains("<h1>✅ Service is healthy</h1>"));

    let r = get_path(&app, "/maintenance").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.header(CONTENT_TYPE), HTML);
    assert_eq!(r.text(), "<h1>Under Maintenance</h1>");
}

#[tokio::test]
async fn template_dashboard() {
    let r = get_path(&example_app(), "/dashboard").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), HTML);
    assert_eq!(r.text(), DASHBOARD);
}

#[test]
fn template_dir_does_not_depend_on_the_working_directory() {
    assert!(example::template_dir().is_absolute());
    let html = Templates::new(example::template_dir())
        .render(
            "dashboard.html",
            context! { user => "Alice", items => [1, 2, 3] },
        )
        .unwrap();
    assert_eq!(html, DASHBOARD);
}

#[test]
fn template_autoescape_on_for_html_only() {
    let templates = Templates::new(FIXTURES);
    let text = r#"<script>alert("x") & 'y'</script>"#;
    assert_eq!(
        templates.render("escape.html", context! { text }).unwrap(),
        "<p>&lt;script&gt;alert(&quot;x&quot;) &amp; &#x27;y&#x27;&lt;&#x2f;script&gt;</p>"
    );
    assert_eq!(
        templates.render("escape.txt", context! { text }).unwrap(),
        text
    );
}

#[test]
fn template_context_from_any_serializable_value() {
    #[derive(Serialize)]
    struct Ctx {
        name: &'static str,
    }
    let templates = Templates::new(FIXTURES);
    assert_eq!(
        templates.render("page.html", Ctx { name: "Bob" }).unwrap(),
        "<main><b>Bob</b></main>"
    );
    let map = BTreeMap::from([("name", "Eve & co")]);
    assert_eq!(
        templates.render("page.html", map).unwrap(),
        "<main><b>Eve &amp; co</b></main>"
    );
}

#[tokio::test]
async fn template_errors_are_logged_generic_500s() {
    let logs = Logs::capture();
    let lenient = Templates::new(FIXTURES);
    let strict = Templates::new(FIXTURES)
        .configure(|env| env.set_undefined_behavior(UndefinedBehavior::Strict));
    let ctx = || context! { name => "Ann", password => "hunter2-secret" };

    let cases: [(&Templates, &str, &str); 5] = [
        (&lenient, "missing.html", "template not found"),
        (&lenient, "broken.html", "syntax error"),
        (&lenient, "bad_filter.html", "unknown filter"),
        (&strict, "undefined.html", "undefined value"),
        (&lenient, "../../integration/main.rs", "template not found"),
    ];
    // The traversal target exists: only the name check stops it.
    assert!(
        std::path::Path::new(FIXTURES)
            .join("../../integration/main.rs")
            .is_file()
    );
    for (templates, name, reason) in cases {
        let r = reply(templates.response(name, ctx()).into_response()).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{name}");
        assert_eq!(r.header(CONTENT_TYPE), TEXT, "{name}");
        assert_eq!(r.text(), GENERIC_500, "{name}");
        let logged = logs.text();
        assert!(logged.contains(reason), "{name}: {logged}");
    }
    let logged = logs.text();
    assert_eq!(
        logged.matches("template rendering failed").count(),
        5,
        "{logged}"
    );
    assert!(!logged.contains("hunter2-secret"), "{logged}");

    // Lenient (Jinja2's default): an undefined variable renders as nothing.
    let r = reply(lenient.response("undefined.html", ctx()).into_response()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), "<p>Hello Ann!</p>");
}

#[tokio::test]
async fn template_error_through_a_router_is_500() {
    let templates = Templates::new(FIXTURES);
    let app = Router::new()
        .route(
            "/broken",
            get(
                |axum::extract::State(t): axum::extract::State<Templates>| async move {
                    t.response("broken.html", ())
                },
            ),
        )
        .with_state(templates);
    let r = get_path(&app, "/broken").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(r.text(), GENERIC_500);
}

#[test]
fn templates_are_read_once_without_auto_reload() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.html"), "v1").unwrap();
    let templates = Templates::new(dir.path());
    assert_eq!(templates.render("t.html", ()).unwrap(), "v1");
    std::fs::write(dir.path().join("t.html"), "version two").unwrap();
    assert_eq!(templates.render("t.html", ()).unwrap(), "v1");
    std::fs::remove_file(dir.path().join("t.html")).unwrap();
    // Kept in memory: the file is not read again.
    assert_eq!(templates.clone().render("t.html", ()).unwrap(), "v1");
}

#[test]
fn templates_auto_reload_sees_edits_of_templates_and_includes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.html"),
        r#"[{% include "part.html" %}]"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("part.html"), "a").unwrap();
    let templates = Templates::new(dir.path()).auto_reload(true);
    assert_eq!(templates.render("page.html", ()).unwrap(), "[a]");

    std::fs::write(dir.path().join("part.html"), "bb").unwrap();
    assert_eq!(templates.render("page.html", ()).unwrap(), "[bb]");

    std::fs::write(
        dir.path().join("page.html"),
        r#"<{% include "part.html" %}>!"#,
    )
    .unwrap();
    assert_eq!(templates.render("page.html", ()).unwrap(), "<bb>!");

    std::fs::remove_file(dir.path().join("part.html")).unwrap();
    let err = templates.render("page.html", ()).unwrap_err();
    assert_eq!(
        err.kind(),
        response_model::responses::minijinja::ErrorKind::TemplateNotFound
    );
}

#[test]
fn template_response_html_accessor() {
    let templates = Templates::new(FIXTURES);
    let ok: TemplateResponse = templates.response("escape.html", context! { text => "<" });
    assert_eq!(ok.html(), Some("<p>&lt;</p>"));
    assert_eq!(templates.response("missing.html", ()).html(), None);
}
