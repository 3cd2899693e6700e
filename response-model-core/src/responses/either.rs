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
    /// One of two response classes, chosen at run time: the handler says in its type that
    /// it answers `A` or `B` (JSON or a file, 200 or 201), and the document lists both with
    /// their statuses, media types and schemas. Use `Result<A, B>` when `B` is an error.
    ///
    /// ```
    /// use response_model::responses::{Either, FileResponse, media::TextCsv};
    /// use response_model::{Created, Model};
    ///
    /// // 201 with the new item, or 200 with the existing one: both documented.
    /// async fn upsert(exists: bool) -> Either<Model<u32>, Created<u32>> {
    ///     if exists { Either::A(Model(1)) } else { Either::B(Model(2)) }
    /// }
    ///
    /// // JSON, or the file itself.
    /// async fn report(raw: bool) -> Either<Model<&'static str>, FileResponse<TextCsv>> {
    ///     if raw {
    ///         Either::B(FileResponse::new("report.csv").media::<TextCsv>())
    ///     } else {
    ///         Either::A(Model("summary"))
    ///     }
    /// }
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
