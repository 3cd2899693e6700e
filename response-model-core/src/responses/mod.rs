//! Response classes of FastAPI's course (section 6.2), as handler return types.
//!
//! Every class is one path deep (`responses::FileResponse`), as axum's `response` module;
//! typed media types live in [`media`]. A class sets the status it documents: a fixed
//! status is in the type (`Redirect<301>`, [`Model<T, 201>`](crate::Model), and around
//! any class [`WithStatus<503, Html<String>>`](WithStatus)); a status chosen at run time
//! and extra headers come from axum's tuples around the class
//! (`(status, [("x-total", "3")], StreamingResponse::new(..))`), which the document
//! describes as a `default` response, since the status is a run-time value.

mod attachment;
mod content;
mod cookie;
mod either;
pub(crate) mod file;
mod header;
mod html;
#[cfg(feature = "fast-json")]
mod json;
mod jsonl;
pub mod media;
pub(crate) mod redirect;
pub(crate) mod sse;
pub(crate) mod stream;
#[cfg(feature = "templates")]
pub(crate) mod template;
mod text;
mod with_status;

/// axum's response traits and type, which every class implements or is.
#[doc(no_inline)]
pub use axum::response::{IntoResponse, IntoResponseParts, Response};

/// The `SameSite` attribute of a [`SetCookie`] (the `cookie` crate's).
#[doc(no_inline)]
pub use ::cookie::SameSite;
#[doc(inline)]
pub use attachment::Attachment;
#[doc(inline)]
pub use content::Content;
#[doc(inline)]
pub use cookie::SetCookie;
#[doc(inline)]
pub use either::{Either, Either3};
#[doc(inline)]
pub use file::{BackgroundTask, FileDir, FileDirError, FileLayer, FileResponse, FileService};
#[doc(inline)]
pub use header::response_header;
#[doc(inline)]
pub use html::Html;
#[cfg(feature = "fast-json")]
#[cfg_attr(docsrs, doc(cfg(feature = "fast-json")))]
#[doc(inline)]
pub use json::FastJson;
#[doc(inline)]
pub use jsonl::JsonLines;
#[doc(inline)]
pub use redirect::{InvalidRedirect, Redirect, RedirectStatus};
#[doc(inline)]
pub use sse::{Event, InvalidEvent, KeepAlive, KeepAliveStream, Sse, event_stream};
#[doc(inline)]
pub use stream::{StreamWriter, StreamingResponse};
#[cfg(feature = "templates")]
#[cfg_attr(docsrs, doc(cfg(feature = "templates")))]
#[doc(inline)]
pub use template::{TemplateResponse, Templates, minijinja};
#[doc(inline)]
pub use text::PlainText;
#[doc(inline)]
pub use with_status::WithStatus;
