//! Status, headers and cookies around every class, from axum tuples; a redirect keeps its
//! own status.

use axum::response::{AppendHeaders, IntoResponse, Response};
use http::StatusCode;
use http::header::{CONTENT_TYPE, LOCATION, SET_COOKIE};
use response_model::Model;
use response_model::responses::minijinja::context;
use response_model::responses::{FastJson, Html, PlainText, Redirect, Templates};

use super::course::{FIXTURES, HTML};
use crate::common::{JSON, TEXT, reply};

#[tokio::test]
async fn every_class_takes_status_headers_and_cookies() {
    fn dressed(inner: impl IntoResponse) -> Response {
        (
            StatusCode::IM_A_TEAPOT,
            [("x-extra", "1")],
            AppendHeaders([(SET_COOKIE, "a=1"), (SET_COOKIE, "b=2")]),
            inner,
        )
            .into_response()
    }
    let templates = Templates::new(FIXTURES);
    let cases: Vec<(Response, &str, &str)> = vec![
        (dressed(Model::<_>([1])), JSON, "[1]"),
        (dressed(FastJson([2])), JSON, "[2]"),
        (dressed(Html("<i>x</i>")), HTML, "<i>x</i>"),
        (
            dressed(templates.response("escape.html", context! { text => "t" })),
            HTML,
            "<p>t</p>",
        ),
        (dressed(PlainText("t")), TEXT, "t"),
    ];
    for (res, content_type, body) in cases {
        let r = reply(res).await;
        assert_eq!(r.status, StatusCode::IM_A_TEAPOT);
        assert_eq!(r.header("x-extra"), "1");
        assert_eq!(
            r.headers.get_all(SET_COOKIE).iter().collect::<Vec<_>>(),
            ["a=1", "b=2"]
        );
        assert_eq!(r.header(CONTENT_TYPE), content_type);
        assert_eq!(r.text(), body);
    }
    // A redirect keeps its own status; the cookie of a login rides along.
    let r = reply(
        (
            AppendHeaders([(SET_COOKIE, "session=s1; HttpOnly")]),
            Redirect::<303>::to("/dashboard"),
        )
            .into_response(),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(LOCATION), "/dashboard");
    assert_eq!(r.header(SET_COOKIE), "session=s1; HttpOnly");
}
