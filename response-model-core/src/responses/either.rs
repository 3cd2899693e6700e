use axum::response::{IntoResponse, Response};

use crate::openapi::{ApiResponse, DocContext, Responses};

macro_rules! either {
    ($(#[$doc:meta])* $name:ident { $($variant:ident($ty:ident)),+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[must_use]
        pub enum $name<$($ty),+> {
            $(
                #[doc = concat!("Answer with a `", stringify!($ty), "`.")]
                $variant($ty),
            )+
        }

        impl<$($ty: IntoResponse),+> IntoResponse for $name<$($ty),+> {
            fn into_response(self) -> Response {
                match self {
                    $($name::$variant(r) => r.into_response(),)+
                }
            }
        }

        /// Every variant's responses: its statuses, media types and schemas (a status two
        /// variants share lists both bodies, `anyOf`).
        impl<$($ty: ApiResponse),+> ApiResponse for $name<$($ty),+> {
            fn responses(cx: &mut DocContext) -> Responses {
                let mut r = Responses::new();
                $(r.merge($ty::responses(cx));)+
                r
            }
        }
    };
}

either! {
    /// One of two *different* response classes, chosen at run time: JSON or a file, HTML
    /// or a redirect. The handler says in its type that it answers `A` or `B`, and the
    /// document lists both with their statuses, media types and schemas. For *one* JSON
    /// body with one of several statuses (200 when it replaced an item, 201 when it made
    /// one), use [`Statuses<T, 200, 201>`](crate::Statuses); when `B` is an error,
    /// `Result<A, B>`.
    ///
    /// ```
    /// use axum::response::IntoResponse;
    /// use response_model::Model;
    /// use response_model::routing::{ApiRouter, get};
    /// use response_model::responses::{Either, FileResponse, media::TextCsv};
    ///
    /// // The summary as JSON, or the file itself.
    /// async fn report(raw: bool) -> Either<Model<&'static str>, FileResponse<TextCsv>> {
    ///     if raw {
    ///         Either::B(FileResponse::new("report.csv").media::<TextCsv>())
    ///     } else {
    ///         Either::A(Model("summary"))
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let res = report(false).await.into_response();
    /// assert_eq!(res.headers()["content-type"], "application/json");
    ///
    /// let doc = ApiRouter::<()>::new().route("/report", get(|| report(false))).openapi();
    /// let ok = &doc["paths"]["/report"]["get"]["responses"]["200"]["content"];
    /// assert!(ok["application/json"].is_object() && ok["text/csv"].is_object());
    /// # }
    /// ```
    Either { A(A), B(B) }
}

either! {
    /// One of three response classes, chosen at run time; see [`Either`].
    ///
    /// ```
    /// use response_model::responses::{Either3, Html, PlainText};
    /// use response_model::Model;
    ///
    /// async fn negotiate(kind: u8) -> Either3<Model<u8>, Html<&'static str>, PlainText<&'static str>> {
    ///     match kind {
    ///         0 => Either3::A(Model(0)),
    ///         1 => Either3::B(Html("<p>zero</p>")),
    ///         _ => Either3::C(PlainText("zero")),
    ///     }
    /// }
    /// ```
    Either3 { A(A), B(B), C(C) }
}
