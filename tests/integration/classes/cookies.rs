//! `SetCookie`: Starlette's `set_cookie`/`delete_cookie` defaults on the wire, several
//! cookies as several headers, a cookie that is not HTTP refused with a 500 that shows
//! nothing of it, and a `Set-Cookie` header in the document.

use std::time::{Duration, SystemTime};

use axum::response::IntoResponse;
use http::StatusCode;
use response_model::Model;
use response_model::responses::{SameSite, SetCookie};
use response_model::routing::{ApiRouter, get};
use serde_json::{Value, json};

use crate::common::get_path;

async fn login() -> (SetCookie, SetCookie, Model<Value>) {
    (
        SetCookie::new("session", "abc")
            .http_only()
            .secure()
            .max_age(Duration::from_secs(3600))
            .domain("example.com"),
        SetCookie::new("theme", "dark")
            .same_site(SameSite::Strict)
            .path("/app"),
        Model(json!({"message": "logged in"})),
    )
}

async fn logout() -> (SetCookie, Model<Value>) {
    (
        SetCookie::delete("session"),
        Model(json!({"message": "bye"})),
    )
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/login", get(login))
        .route("/logout", get(logout))
}

#[tokio::test]
async fn cookies_are_set_with_starlettes_defaults_and_deleted() {
    let app = api().into_router();
    let r = get_path(&app, "/login").await;
    assert_eq!(r.status, StatusCode::OK);
    let cookies: Vec<&str> = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(
        cookies,
        [
            "session=abc; HttpOnly; SameSite=Lax; Secure; Path=/; Domain=example.com; Max-Age=3600",
            "theme=dark; SameSite=Strict; Path=/app",
        ]
    );
    assert_eq!(r.json(), json!({"message": "logged in"}));

    let r = get_path(&app, "/logout").await;
    let gone = r.headers["set-cookie"].to_str().unwrap();
    assert!(
        gone.starts_with("session=; SameSite=Lax; Path=/; Max-Age=0; Expires="),
        "{gone}"
    );
}

#[test]
fn expires_is_an_http_date() {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let res = (SetCookie::new("a", "1").expires(at), "x").into_response();
    assert_eq!(
        res.headers()["set-cookie"],
        "a=1; SameSite=Lax; Path=/; Expires=Tue, 14 Nov 2023 22:13:20 GMT"
    );
}

#[test]
fn a_value_cannot_add_attributes_or_break_the_header() {
    let res = (SetCookie::new("a", "abc; Domain=evil.com"), "x").into_response();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["set-cookie"],
        "a=abc%3B%20Domain%3Devil.com; SameSite=Lax; Path=/"
    );
    let res = (SetCookie::new("a", "line\nbreak"), "x").into_response();
    assert_eq!(
        res.headers()["set-cookie"],
        "a=line%0Abreak; SameSite=Lax; Path=/"
    );
}

#[test]
fn the_document_lists_set_cookie() {
    let doc = api().openapi();
    for path in ["/login", "/logout"] {
        let header = &doc["paths"][path]["get"]["responses"]["200"]["headers"]["Set-Cookie"];
        assert!(header.is_object(), "{path}: {doc}");
        assert_eq!(header["schema"]["type"], "string");
    }
}

mod typed_headers {
    //! `response_header!`: a typed header, written from its value and documented with the
    //! value type's schema.
    use http::StatusCode;
    use response_model::Model;
    use response_model::responses::response_header;
    use response_model::routing::{ApiRouter, get};

    use crate::common::get_path;

    response_header! {
        /// The id of the item just created.
        pub(crate) XItemId = "x-item-id": u32;
        /// A note that may not be a header value.
        pub(crate) XNote = "x-note": String;
    }

    async fn create() -> (XItemId, Model<&'static str>) {
        (XItemId(42), Model("created"))
    }

    async fn noted() -> (XNote, Model<&'static str>) {
        (XNote("line\nbreak".into()), Model("x"))
    }

    fn api() -> ApiRouter {
        ApiRouter::new()
            .route("/items", get(create))
            .route("/noted", get(noted))
    }

    #[tokio::test]
    async fn the_header_is_sent_and_documented_with_its_schema() {
        let app = api().into_router();
        let r = get_path(&app, "/items").await;
        assert_eq!(r.headers["x-item-id"], "42");
        // A value that is not a header value: a bare 500, the value not echoed.
        let r = get_path(&app, "/noted").await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!r.text().contains("line"));

        let doc = api().openapi();
        let header = &doc["paths"]["/items"]["get"]["responses"]["200"]["headers"]["x-item-id"];
        assert_eq!(header["required"], true);
        assert_eq!(header["description"], "The id of the item just created.");
        assert_eq!(header["schema"]["type"], "integer");
        assert_eq!(header["schema"]["minimum"], 0);
    }
}
