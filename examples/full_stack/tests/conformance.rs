//! Conformance: the port's document is valid OpenAPI 3.1, every documented status of every
//! operation is produced by a request of its own, and every response's body is valid for
//! the schema documented at its status. The document never says what the wire does not
//! do, nor the wire what the document does not say.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use common::{ADMIN_PASSWORD, Backend, TestApp, random_email};
use full_stack::db::Db;
use http::{Method, Request, header};
use response_model::testing::{Case, Conformance};
use serde_json::{Value, json};

const V1: &str = "/api/v1";

/// A request, by what it sends.
fn req(
    method: &Method,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, String)>,
) -> Request<Body> {
    let mut r = Request::builder()
        .method(method.clone())
        .uri(format!("{V1}{path}"));
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    match body {
        Some((ct, b)) => r
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(b))
            .unwrap(),
        None => r.body(Body::empty()).unwrap(),
    }
}

fn json_body(v: Value) -> Option<(&'static str, String)> {
    Some(("application/json", v.to_string()))
}

/// More than axum's default body limit (2 MB).
fn huge_json() -> Option<(&'static str, String)> {
    Some((
        "application/json",
        format!("{{\"title\": \"{}\"}}", "x".repeat(3 << 20)),
    ))
}

fn oas_schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/openapi/oas-3.1-schema.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is invalid:\n{}",
        errors.join("\n")
    );
}

/// A call on the app whose database is closed: method, documented path, URI, body.
type BrokenCall<'a> = (
    &'a Method,
    &'static str,
    String,
    Option<(&'static str, String)>,
);

/// One call: the operation it is for (method and documented path) and its request.
struct Call {
    method: Method,
    path: &'static str,
    request: Request<Body>,
    /// On the app whose database is closed (for the 500s).
    broken: bool,
}

#[tokio::test]
async fn every_documented_status_is_produced_and_every_body_matches_its_schema() {
    conformance(&Backend::Sqlite).await;
}

/// The same on PostgreSQL, when `TEST_POSTGRES_URL` names a database.
#[tokio::test]
async fn on_postgres_too() {
    if let Some(url) = common::postgres_url() {
        conformance(&Backend::Postgres(url)).await;
    }
}

async fn conformance(backend: &Backend) {
    let app = TestApp::new(backend).await;
    let doc = app
        .get(&format!("{V1}/openapi.json"), None)
        .await
        .expect(200)
        .body;
    assert_valid(&oas_schema(), &doc, "the document");

    // The cast: a superuser, two users with an item each, a deactivated user, a deleted one.
    let admin = app.admin_token().await;
    let (_, user_password, user, user_id) = app.new_user().await;
    let (other_email, _, other, other_id) = app.new_user().await;
    let (_, _, inactive, inactive_id) = app.new_user().await;
    let (_, _, gone, _) = app.new_user().await;
    app.call(
        Method::PATCH,
        &format!("{V1}/users/{inactive_id}"),
        Some(&admin),
        common::Send::Json(json!({"is_active": false})),
    )
    .await
    .expect(200);
    app.call(
        Method::DELETE,
        &format!("{V1}/users/me"),
        Some(&gone),
        common::Send::None,
    )
    .await
    .expect(200);
    let item = |token: String| {
        let app = &app;
        async move {
            app.call(
                Method::POST,
                &format!("{V1}/items/"),
                Some(&token),
                common::Send::Json(json!({"title": "t"})),
            )
            .await
            .expect(200)
            .body["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let user_item = item(user.clone()).await;
    let other_item = item(other.clone()).await;
    let nobody = uuid::Uuid::new_v4();
    let admin_id = app.get(&format!("{V1}/users/me"), Some(&admin)).await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // An app whose database is closed: every query fails (500), tokens still decode.
    let broken = TestApp::new(backend).await;
    let broken_admin = broken.admin_token().await;
    match &broken.state.db {
        Db::Sqlite(pool) => pool.close().await,
        Db::Postgres(pool) => pool.close().await,
    }

    let (get, post, put, patch, delete) = (
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    );
    let form = |s: &str| Some(("application/x-www-form-urlencoded", s.to_owned()));
    let admin_email = app.admin_email.clone();
    let login_ok = format!(
        "username={}&password={ADMIN_PASSWORD}",
        admin_email.replace('@', "%40")
    );
    let mut calls: Vec<Call> = Vec::new();
    let mut add = |method: &Method,
                   path: &'static str,
                   uri: &str,
                   token: Option<&str>,
                   body: Option<(&str, String)>| {
        calls.push(Call {
            method: method.clone(),
            path,
            request: req(method, uri, token, body),
            broken: false,
        });
    };

    // The statuses every operation behind `CurrentUser` can give, on `uri`.
    macro_rules! auth_statuses {
        ($method:expr, $path:expr, $uri:expr, $body:expr) => {{
            let uri: &str = $uri.as_ref();
            add(&$method, $path, uri, None, $body);
            add(&$method, $path, uri, Some("not-a-token"), $body);
            add(&$method, $path, uri, Some(&gone), $body);
            add(&$method, $path, uri, Some(&inactive), $body);
        }};
    }

    // login
    add(
        &post,
        "/login/access-token",
        "/login/access-token",
        None,
        form(&login_ok),
    );
    add(
        &post,
        "/login/access-token",
        "/login/access-token",
        None,
        form("username=nobody%40example.com&password=x"),
    );
    add(
        &post,
        "/login/access-token",
        "/login/access-token",
        None,
        form("username=x"),
    );
    add(
        &post,
        "/login/access-token",
        "/login/access-token",
        None,
        Some(("application/x-www-form-urlencoded", "a".repeat(3 << 20))),
    );
    add(
        &post,
        "/login/test-token",
        "/login/test-token",
        Some(&user),
        None,
    );
    auth_statuses!(post, "/login/test-token", "/login/test-token", None);
    add(
        &post,
        "/password-recovery/{email}",
        &format!("/password-recovery/{other_email}"),
        None,
        None,
    );
    // A path segment that is not UTF-8 once percent-decoded.
    add(
        &post,
        "/password-recovery/{email}",
        "/password-recovery/%FF",
        None,
        None,
    );
    add(
        &post,
        "/password-recovery-html-content/{email}",
        "/password-recovery-html-content/%FF",
        Some(&admin),
        None,
    );
    add(
        &post,
        "/reset-password/",
        "/reset-password/",
        None,
        json_body(json!({"token": "bad", "new_password": "long-enough"})),
    );
    let reset = full_stack::security::create_password_reset_token(
        &other_email,
        chrono::Duration::hours(1),
        common::SECRET,
    )
    .unwrap();
    add(
        &post,
        "/reset-password/",
        "/reset-password/",
        None,
        json_body(json!({"token": reset, "new_password": "long-enough"})),
    );
    add(
        &post,
        "/reset-password/",
        "/reset-password/",
        None,
        json_body(json!({"token": "x"})),
    );
    add(
        &post,
        "/reset-password/",
        "/reset-password/",
        None,
        Some(("text/plain", "x".into())),
    );
    add(
        &post,
        "/reset-password/",
        "/reset-password/",
        None,
        huge_json(),
    );
    let html = format!("/password-recovery-html-content/{other_email}");
    add(
        &post,
        "/password-recovery-html-content/{email}",
        &html,
        Some(&admin),
        None,
    );
    add(
        &post,
        "/password-recovery-html-content/{email}",
        "/password-recovery-html-content/nobody@example.com",
        Some(&admin),
        None,
    );
    add(
        &post,
        "/password-recovery-html-content/{email}",
        &html,
        Some(&user),
        None,
    );
    auth_statuses!(post, "/password-recovery-html-content/{email}", html, None);

    // users
    add(&get, "/users/", "/users/", Some(&admin), None);
    add(&get, "/users/", "/users/?limit=x", Some(&admin), None);
    add(&get, "/users/", "/users/", Some(&user), None);
    auth_statuses!(get, "/users/", "/users/", None);
    add(
        &post,
        "/users/",
        "/users/",
        Some(&admin),
        json_body(json!({"email": random_email(), "password": "long-enough"})),
    );
    add(
        &post,
        "/users/",
        "/users/",
        Some(&admin),
        json_body(json!({"email": other_email, "password": "long-enough"})),
    );
    add(
        &post,
        "/users/",
        "/users/",
        Some(&admin),
        json_body(json!({"email": "x"})),
    );
    add(
        &post,
        "/users/",
        "/users/",
        Some(&admin),
        Some(("text/plain", "x".into())),
    );
    add(&post, "/users/", "/users/", Some(&admin), huge_json());
    auth_statuses!(post, "/users/", "/users/", json_body(json!({})));
    add(
        &post,
        "/users/",
        "/users/",
        Some(&user),
        json_body(json!({})),
    );
    add(&get, "/users/me", "/users/me", Some(&user), None);
    auth_statuses!(get, "/users/me", "/users/me", None);
    add(
        &patch,
        "/users/me",
        "/users/me",
        Some(&user),
        json_body(json!({"full_name": "U"})),
    );
    add(
        &patch,
        "/users/me",
        "/users/me",
        Some(&user),
        json_body(json!({"email": other_email})),
    );
    add(
        &patch,
        "/users/me",
        "/users/me",
        Some(&user),
        json_body(json!({"email": "x"})),
    );
    add(
        &patch,
        "/users/me",
        "/users/me",
        Some(&user),
        Some(("text/plain", "x".into())),
    );
    add(&patch, "/users/me", "/users/me", Some(&user), huge_json());
    auth_statuses!(patch, "/users/me", "/users/me", json_body(json!({})));
    add(
        &patch,
        "/users/me/password",
        "/users/me/password",
        Some(&user),
        json_body(json!({"current_password": "wrong-password", "new_password": "long-enough"})),
    );
    add(
        &patch,
        "/users/me/password",
        "/users/me/password",
        Some(&user),
        json_body(json!({"current_password": "short"})),
    );
    add(
        &patch,
        "/users/me/password",
        "/users/me/password",
        Some(&user),
        json_body(json!({"current_password": user_password, "new_password": "long-enough-new"})),
    );
    add(
        &patch,
        "/users/me/password",
        "/users/me/password",
        Some(&user),
        Some(("text/plain", "x".into())),
    );
    add(
        &patch,
        "/users/me/password",
        "/users/me/password",
        Some(&user),
        huge_json(),
    );
    auth_statuses!(
        patch,
        "/users/me/password",
        "/users/me/password",
        json_body(json!({}))
    );
    add(
        &post,
        "/users/signup",
        "/users/signup",
        None,
        json_body(json!({"email": random_email(), "password": "long-enough"})),
    );
    add(
        &post,
        "/users/signup",
        "/users/signup",
        None,
        json_body(json!({"email": other_email, "password": "long-enough"})),
    );
    add(
        &post,
        "/users/signup",
        "/users/signup",
        None,
        json_body(json!({"email": "x"})),
    );
    add(
        &post,
        "/users/signup",
        "/users/signup",
        None,
        Some(("text/plain", "x".into())),
    );
    add(&post, "/users/signup", "/users/signup", None, huge_json());
    let other_path = format!("/users/{other_id}");
    let nobody_path = format!("/users/{nobody}");
    add(
        &get,
        "/users/{user_id}",
        &format!("/users/{user_id}"),
        Some(&user),
        None,
    );
    add(&get, "/users/{user_id}", &other_path, Some(&user), None);
    add(&get, "/users/{user_id}", &nobody_path, Some(&admin), None);
    add(&get, "/users/{user_id}", "/users/x", Some(&admin), None);
    auth_statuses!(get, "/users/{user_id}", other_path, None);
    add(
        &patch,
        "/users/{user_id}",
        &other_path,
        Some(&admin),
        json_body(json!({"full_name": "O"})),
    );
    add(
        &patch,
        "/users/{user_id}",
        &nobody_path,
        Some(&admin),
        json_body(json!({})),
    );
    add(
        &patch,
        "/users/{user_id}",
        &other_path,
        Some(&admin),
        json_body(json!({"email": admin_email})),
    );
    add(
        &patch,
        "/users/{user_id}",
        &other_path,
        Some(&admin),
        json_body(json!({"password": "short"})),
    );
    add(
        &patch,
        "/users/{user_id}",
        &other_path,
        Some(&admin),
        Some(("text/plain", "x".into())),
    );
    add(
        &patch,
        "/users/{user_id}",
        &other_path,
        Some(&admin),
        huge_json(),
    );
    add(
        &patch,
        "/users/{user_id}",
        &other_path,
        Some(&user),
        json_body(json!({})),
    );
    auth_statuses!(patch, "/users/{user_id}", other_path, json_body(json!({})));
    add(
        &delete,
        "/users/{user_id}",
        &nobody_path,
        Some(&admin),
        None,
    );
    add(
        &delete,
        "/users/{user_id}",
        &format!("/users/{admin_id}"),
        Some(&admin),
        None,
    );
    add(&delete, "/users/{user_id}", "/users/x", Some(&admin), None);
    add(&delete, "/users/{user_id}", &other_path, Some(&user), None);
    auth_statuses!(delete, "/users/{user_id}", other_path, None);

    // utils
    add(
        &post,
        "/utils/test-email/",
        "/utils/test-email/?email_to=a@example.com",
        Some(&admin),
        None,
    );
    add(
        &post,
        "/utils/test-email/",
        "/utils/test-email/?email_to=x",
        Some(&admin),
        None,
    );
    add(
        &post,
        "/utils/test-email/",
        "/utils/test-email/?email_to=a@example.com",
        Some(&user),
        None,
    );
    auth_statuses!(
        post,
        "/utils/test-email/",
        "/utils/test-email/?email_to=a@example.com",
        None
    );
    add(
        &get,
        "/utils/health-check/",
        "/utils/health-check/",
        None,
        None,
    );

    // items
    let item_path = format!("/items/{user_item}");
    let other_item_path = format!("/items/{other_item}");
    let nobody_item = format!("/items/{nobody}");
    add(&get, "/items/", "/items/", Some(&user), None);
    add(&get, "/items/", "/items/?skip=x", Some(&user), None);
    auth_statuses!(get, "/items/", "/items/", None);
    add(
        &post,
        "/items/",
        "/items/",
        Some(&user),
        json_body(json!({"title": "New"})),
    );
    add(
        &post,
        "/items/",
        "/items/",
        Some(&user),
        json_body(json!({"title": ""})),
    );
    add(
        &post,
        "/items/",
        "/items/",
        Some(&user),
        Some(("text/plain", "x".into())),
    );
    add(&post, "/items/", "/items/", Some(&user), huge_json());
    auth_statuses!(post, "/items/", "/items/", json_body(json!({"title": "t"})));
    add(&get, "/items/{id}", &item_path, Some(&user), None);
    add(&get, "/items/{id}", &other_item_path, Some(&user), None);
    add(&get, "/items/{id}", &nobody_item, Some(&user), None);
    add(&get, "/items/{id}", "/items/x", Some(&user), None);
    auth_statuses!(get, "/items/{id}", item_path, None);
    add(
        &put,
        "/items/{id}",
        &item_path,
        Some(&user),
        json_body(json!({"description": "d"})),
    );
    add(
        &put,
        "/items/{id}",
        &other_item_path,
        Some(&user),
        json_body(json!({})),
    );
    add(
        &put,
        "/items/{id}",
        &nobody_item,
        Some(&user),
        json_body(json!({})),
    );
    add(
        &put,
        "/items/{id}",
        &item_path,
        Some(&user),
        json_body(json!({"title": ""})),
    );
    add(
        &put,
        "/items/{id}",
        &item_path,
        Some(&user),
        Some(("text/plain", "x".into())),
    );
    add(&put, "/items/{id}", &item_path, Some(&user), huge_json());
    auth_statuses!(put, "/items/{id}", item_path, json_body(json!({})));
    add(&delete, "/items/{id}", &other_item_path, Some(&user), None);
    add(&delete, "/items/{id}", &nobody_item, Some(&user), None);
    add(&delete, "/items/{id}", "/items/x", Some(&user), None);
    auth_statuses!(delete, "/items/{id}", item_path, None);
    add(&delete, "/items/{id}", &item_path, Some(&user), None);

    // private
    add(
        &post,
        "/private/users/",
        "/private/users/",
        None,
        json_body(json!({"email": random_email(), "password": "p", "full_name": "f"})),
    );
    add(
        &post,
        "/private/users/",
        "/private/users/",
        None,
        json_body(json!({"email": "e"})),
    );
    // A taken email: the sign-up's 400.
    add(
        &post,
        "/private/users/",
        "/private/users/",
        None,
        json_body(json!({"email": other_email, "password": "p", "full_name": "f"})),
    );
    add(
        &post,
        "/private/users/",
        "/private/users/",
        None,
        Some(("text/plain", "x".into())),
    );
    add(
        &post,
        "/private/users/",
        "/private/users/",
        None,
        huge_json(),
    );

    // Deleting: last, as they remove the cast.
    add(&delete, "/users/me", "/users/me", Some(&admin), None);
    auth_statuses!(delete, "/users/me", "/users/me", None);
    add(&delete, "/users/me", "/users/me", Some(&user), None);
    add(&delete, "/users/{user_id}", &other_path, Some(&admin), None);

    // A body that fails while it is read: 400.
    calls.push(Call {
        method: post.clone(),
        path: "/private/users/",
        request: Request::post(format!("{V1}/private/users/"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from_stream(futures_util::stream::iter([Err::<
                Vec<u8>,
                _,
            >(
                std::io::Error::other("the connection broke"),
            )])))
            .unwrap(),
        broken: false,
    });

    // Every operation that touches the database, with it closed: 500.
    let broken_calls: [BrokenCall<'_>; 22] = [
        (
            &post,
            "/login/access-token",
            "/login/access-token".into(),
            form(&login_ok),
        ),
        (&post, "/login/test-token", "/login/test-token".into(), None),
        (
            &post,
            "/password-recovery/{email}",
            "/password-recovery/a@example.com".into(),
            None,
        ),
        (
            &post,
            "/reset-password/",
            "/reset-password/".into(),
            json_body(
                json!({"token": full_stack::security::create_password_reset_token("a@example.com", chrono::Duration::hours(1), common::SECRET).unwrap(), "new_password": "long-enough"}),
            ),
        ),
        (
            &post,
            "/password-recovery-html-content/{email}",
            "/password-recovery-html-content/a@example.com".into(),
            None,
        ),
        (&get, "/users/", "/users/".into(), None),
        (
            &post,
            "/users/",
            "/users/".into(),
            json_body(json!({"email": random_email(), "password": "long-enough"})),
        ),
        (&get, "/users/me", "/users/me".into(), None),
        (
            &patch,
            "/users/me",
            "/users/me".into(),
            json_body(json!({})),
        ),
        (&delete, "/users/me", "/users/me".into(), None),
        (
            &patch,
            "/users/me/password",
            "/users/me/password".into(),
            json_body(json!({"current_password": "long-enough", "new_password": "long-enough"})),
        ),
        (
            &post,
            "/users/signup",
            "/users/signup".into(),
            json_body(json!({"email": random_email(), "password": "long-enough"})),
        ),
        (&get, "/users/{user_id}", format!("/users/{nobody}"), None),
        (
            &patch,
            "/users/{user_id}",
            format!("/users/{nobody}"),
            json_body(json!({})),
        ),
        (
            &delete,
            "/users/{user_id}",
            format!("/users/{nobody}"),
            None,
        ),
        (
            &post,
            "/utils/test-email/",
            "/utils/test-email/?email_to=a@example.com".into(),
            None,
        ),
        (&get, "/items/", "/items/".into(), None),
        (
            &post,
            "/items/",
            "/items/".into(),
            json_body(json!({"title": "t"})),
        ),
        (&get, "/items/{id}", format!("/items/{nobody}"), None),
        (
            &put,
            "/items/{id}",
            format!("/items/{nobody}"),
            json_body(json!({})),
        ),
        (&delete, "/items/{id}", format!("/items/{nobody}"), None),
        (
            &post,
            "/private/users/",
            "/private/users/".into(),
            json_body(json!({"email": "e@example.com", "password": "p", "full_name": "f"})),
        ),
    ];
    for (method, path, uri, body) in broken_calls {
        calls.push(Call {
            method: method.clone(),
            path,
            request: req(method, &uri, Some(&broken_admin), body),
            broken: true,
        });
    }

    // Call them all through the conformance check users get
    // (`response_model::testing::Conformance`): each answer must come from the call's
    // operation and agree with the document the app serves.
    let (working, failing): (Vec<Call>, Vec<Call>) = calls.into_iter().partition(|c| !c.broken);
    let check = |target: &TestApp, calls: Vec<Call>| {
        let mut check = Conformance::from_parts(doc.clone(), target.recording_router());
        for call in calls {
            let id = doc["paths"][format!("{V1}{}", call.path)]
                [call.method.as_str().to_ascii_lowercase()]["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("no operation {} {}", call.method, call.path));
            check = check.case(Case::request(call.request).operation(id));
        }
        check
    };
    let report = check(&app, working).run().await;
    println!("{report}");
    report.assert_ok();
    let on_broken = check(&broken, failing).run().await;
    println!("{on_broken}");
    on_broken.assert_ok();

    // Every documented status was produced, by the app or by the one whose database is
    // closed.
    let produced_on_broken: BTreeSet<(String, String)> =
        on_broken.never_produced().into_iter().collect();
    let missing: Vec<String> = report
        .never_produced()
        .into_iter()
        .filter(|pair| produced_on_broken.contains(pair))
        .map(|(op, status)| format!("{op} {status}"))
        .collect();
    assert!(
        missing.is_empty(),
        "documented, never produced:\n{}",
        missing.join("\n")
    );
    app.assert_no_secret_sent(&[]);
}
