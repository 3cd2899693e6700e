//! `Statuses<T, A, B, ..>`: JSON `T` with one of a set of statuses, chosen at run time.

use std::marker::PhantomData;

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use schemars::JsonSchema;
use serde::Serialize;

use crate::encoder::json_response;
use crate::model::status_code;
use crate::openapi::{ApiResponse, DocContext, Responses, json_responses};

/// *One* JSON body `T` answered with one of the statuses `A`, `B` (and `C`, `D` when
/// given), chosen at run time: FastAPI's `response.status_code = 201` on a route that
/// says so. The document lists each status with `T`'s schema, and only those.
///
/// The status is chosen with [`Statuses::with`], checked at compile time to be one of the
/// set, or from a run-time value with [`Statuses::try_new`]. For *different* classes (a
/// JSON body or a file, HTML or a redirect), use
/// [`Either<A, B>`](crate::responses::Either); for errors, `Result<T, E>`.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::Statuses;
///
/// #[derive(serde::Serialize, schemars::JsonSchema)]
/// struct Item { name: String }
///
/// /// PUT: 201 when the item is new, 200 when it replaced one.
/// async fn put_item(exists: bool) -> Statuses<Item, 200, 201> {
///     let item = Item { name: "Foo".into() };
///     if exists { Statuses::with::<200>(item) } else { Statuses::with::<201>(item) }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// assert_eq!(put_item(false).await.into_response().status(), 201);
/// assert_eq!(put_item(true).await.into_response().status(), 200);
///
/// use response_model::routing::{ApiRouter, put};
/// let doc = ApiRouter::<()>::new()
///     .route("/items/foo", put(|| put_item(true)))
///     .openapi();
/// let responses = &doc["paths"]["/items/foo"]["put"]["responses"];
/// assert!(responses["200"].is_object() && responses["201"].is_object());
/// assert_eq!(responses.as_object().unwrap().len(), 2);
/// # }
/// ```
///
/// A status outside the set does not compile:
///
/// ```compile_fail
/// # use response_model::Statuses;
/// fn wrong() -> Statuses<u8, 200, 201> {
///     Statuses::with::<202>(1)
/// }
/// # let _ = wrong();
/// ```
pub struct Statuses<T, const A: u16, const B: u16, const C: u16 = 0, const D: u16 = 0> {
    status: StatusCode,
    value: T,
    _set: PhantomData<[(); 0]>,
}

impl<T, const A: u16, const B: u16, const C: u16, const D: u16> Statuses<T, A, B, C, D> {
    /// The set, each checked (when the type is used) to be a status a JSON body can have:
    /// 200..=599 but `204` and `304`; `0` means "not given", for `C` and `D`.
    const SET: [u16; 4] = {
        const fn check(s: u16, optional: bool) -> u16 {
            assert!(
                (optional && s == 0) || (matches!(s, 200..=599) && s != 204 && s != 304),
                "`Statuses<T, A, B, C, D>`: each status must be one a JSON body can have (200..=599 but 204 and 304)"
            );
            s
        }
        [
            check(A, false),
            check(B, false),
            check(C, true),
            check(D, true),
        ]
    };

    /// `value` with the status `S`, which must be one of the set (checked at compile
    /// time).
    pub fn with<const S: u16>(value: T) -> Self {
        const fn member(set: [u16; 4], s: u16) -> u16 {
            let mut found = false;
            let mut i = 0;
            while i < set.len() {
                found |= set[i] == s && s != 0;
                i += 1;
            }
            assert!(
                found,
                "`Statuses::with::<S>`: S is not one of the type's statuses"
            );
            s
        }
        let code = const { member(Self::SET, S) };
        Self {
            status: status_code(code),
            value,
            _set: PhantomData,
        }
    }

    /// `value` with a status chosen at run time, or `None` if the set does not have it.
    ///
    /// ```
    /// use http::StatusCode;
    /// use response_model::Statuses;
    /// assert!(Statuses::<u8, 200, 201>::try_new(StatusCode::CREATED, 1).is_some());
    /// assert!(Statuses::<u8, 200, 201>::try_new(StatusCode::ACCEPTED, 1).is_none());
    /// ```
    pub fn try_new(status: StatusCode, value: T) -> Option<Self> {
        let code = status.as_u16();
        Self::SET.contains(&code).then_some(Self {
            status,
            value,
            _set: PhantomData,
        })
    }

    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The body.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T: Serialize, const A: u16, const B: u16, const C: u16, const D: u16> IntoResponse
    for Statuses<T, A, B, C, D>
{
    fn into_response(self) -> Response {
        json_response(self.status, &self.value)
    }
}

/// Each status of the set with `T`'s JSON schema.
impl<T: JsonSchema, const A: u16, const B: u16, const C: u16, const D: u16> ApiResponse
    for Statuses<T, A, B, C, D>
{
    fn responses(cx: &mut DocContext) -> Responses {
        let mut out = Responses::new();
        for code in Self::SET.into_iter().filter(|&s| s != 0) {
            out.merge(json_responses::<T>(cx, status_code(code)));
        }
        out
    }
}
