//! `Redirect<STATUS>` (FastAPI's RedirectResponse): the course's redirects, statuses in
//! the type, encoded targets, and targets refused for control characters (a logged 500,
//! or a 400 for a target from the request).

use axum::Router;
use axum::body::Body;
use axum::extract::Query;
use axum::response::IntoResponse;
use axum::routing::get;
use http::header::{LOCATION, SET_COOKIE};
use http::{Method, Request, StatusCode};
use response_model::responses::{InvalidRedirect, Redirect, RedirectStatus};

use super::course::example_app;
use crate::common::{GENERIC_500, Logs, get_path, json_req, reply, send};

#[tokio::test]
async fn redirects_of_the_course() {
    let app = example_app();
    let login = json_req(
        Method::POST,
        "/login",
        r#"{"username":"alice","password":"pw"}"#,
    );
    let cases = [
        (
            get_path(&app, "/").await,
            StatusCode::TEMPORARY_REDIRECT,
            "/docs",
        ),
        (
            get_path(&app, "/old-path").await,
            StatusCode::MOVED_PERMANENTLY,
            "/new-path",
        ),
        (send(&app, login).await, StatusCode::SEE_OTHER, "/dashboard"),
        (
            get_path(&app, "/v1/users").await,
            StatusCode::PERMANENT_REDIRECT,
            "/v2/users",
        ),
    ];
    for (r, status, location) in cases {
        assert_eq!(r.status, status, "{location}");
        assert_eq!(r.header(LOCATION), location);
        assert!(r.body.is_empty());
    }
}

#[tokio::test]
async fn redirect_login_without_a_json_body_is_4xx() {
    let app = example_app();
    let r = send(&app, Request::post("/login").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = send(&app, json_req(Method::POST, "/login", "[1]")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.header(LOCATION), "<absent>");
}

#[test]
fn redirect_statuses_are_in_the_type() {
    assert_eq!(
        <Redirect as RedirectStatus>::STATUS,
        StatusCode::TEMPORARY_REDIRECT
    );
    assert_eq!(
        <Redirect<301> as RedirectStatus>::STATUS,
        StatusCode::MOVED_PERMANENTLY
    );
    assert_eq!(<Redirect<302> as RedirectStatus>::STATUS, StatusCode::FOUND);
    assert_eq!(
        <Redirect<303> as RedirectStatus>::STATUS,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        <Redirect<307> as RedirectStatus>::STATUS,
        StatusCode::TEMPORARY_REDIRECT
    );
    assert_eq!(
        <Redirect<308> as RedirectStatus>::STATUS,
        StatusCode::PERMANENT_REDIRECT
    );
}

#[tokio::test]
async fn redirect_302_relative_absolute_and_encoded_targets() {
    let cases = [
        ("/relative/path?x=1#frag", "/relative/path?x=1#frag"),
        ("../up", "../up"),
        (
            "https://example.com:8443/a/b?c=d&e=f#g",
            "https://example.com:8443/a/b?c=d&e=f#g",
        ),
        ("//cdn.example.com/x", "//cdn.example.com/x"),
        ("/search?q=café au lait", "/search?q=caf%C3%A9%20au%20lait"),
        ("/already%20encoded", "/already%20encoded"),
        (
            r#"/a"b<c>d\e^f`g{h|i}j"#,
            "/a%22b%3Cc%3Ed%5Ce%5Ef%60g%7Bh%7Ci%7Dj",
        ),
        ("/keep:@!$&'()*+,;=[]~-._", "/keep:@!$&'()*+,;=[]~-._"),
    ];
    for (target, location) in cases {
        let r = reply(Redirect::<302>::to(target).into_response()).await;
        assert_eq!(r.status, StatusCode::FOUND, "{target}");
        assert_eq!(r.header(LOCATION), location, "{target}");
        assert!(r.body.is_empty());
        assert_eq!(
            Redirect::<302>::try_to(target).unwrap().location(),
            Some(location)
        );
    }
}

#[test]
fn redirect_refuses_control_characters() {
    let cases: [(&str, usize, u8); 6] = [
        ("/a\r\nSet-Cookie: evil=1", 2, b'\r'),
        ("/a\nb", 2, b'\n'),
        ("\0", 0, 0),
        ("/tab\there", 4, b'\t'),
        ("/del\u{7f}", 4, 0x7f),
        ("https://example.com/\u{1b}[31m", 20, 0x1b),
    ];
    for (target, index, byte) in cases {
        let err = Redirect::<307>::try_to(target).unwrap_err();
        assert_eq!(
            err,
            InvalidRedirect::ControlCharacter { index, byte },
            "{target:?}"
        );
        assert!(
            err.to_string()
                .contains(&format!("0x{byte:02X} at byte {index}"))
        );
        assert_eq!(Redirect::<301>::to(target).location(), None);
    }
}

#[tokio::test]
async fn redirect_with_crlf_is_a_logged_500_never_sent() {
    let logs = Logs::capture();
    let app = Router::new()
        .route(
            "/to",
            get(|| async { Redirect::<302>::to("/x\r\nSet-Cookie: evil=1") }),
        )
        .route(
            "/try",
            get(|| async {
                Redirect::<302>::try_to("/x\r\nSet-Cookie: evil=1").map(|r| r.into_response())
            }),
        );
    for path in ["/to", "/try"] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert_eq!(r.header(LOCATION), "<absent>");
        assert_eq!(r.header(SET_COOKIE), "<absent>");
        assert_eq!(r.text(), GENERIC_500);
    }
    let logged = logs.text();
    assert_eq!(logged.matches("redirect refused").count(), 2, "{logged}");
    assert!(
        logged.contains("control character 0x0D at byte 2"),
        "{logged}"
    );
}

#[tokio::test]
async fn redirect_target_from_the_request_can_be_a_400() {
    #[derive(serde::Deserialize)]
    struct Next {
        next: String,
    }
    async fn go(Query(Next { next }): Query<Next>) -> Result<Redirect<303>, (StatusCode, String)> {
        Redirect::try_to(next).map_err(|err| (StatusCode::BAD_REQUEST, err.to_string()))
    }
    let app = Router::new().route("/go", get(go));
    let r = get_path(&app, "/go?next=%2Fhome").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(LOCATION), "/home");
    let r = get_path(&app, "/go?next=%2Fx%0D%0ASet-Cookie%3A%20a%3Db").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.header(SET_COOKIE), "<absent>");
    assert!(
        r.text()
            .starts_with("redirect target has the control character 0x0D at byte 2")
    );
}
