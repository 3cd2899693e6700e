//! The response classes. JSON, fast JSON, HTML and templates, plain text and redirects
//! (issue 4): the course example's endpoints through `oneshot` and over a real socket, the
//! classes' contracts (same bytes from both JSON encoders, escaping, template errors,
//! refused redirect targets) and the failures a request can cause. Then files and streams.

// The course example (`examples/src/response_classes.rs`) renders templates: the modules that
// use it need the `templates` feature (on by default).
#[cfg(feature = "templates")]
mod course;
#[cfg(feature = "templates")]
mod fast_json;
#[cfg(feature = "templates")]
mod headers;
#[cfg(feature = "templates")]
mod html;
#[cfg(feature = "templates")]
mod json;
#[cfg(feature = "templates")]
mod redirect;
#[cfg(feature = "templates")]
mod socket;
#[cfg(feature = "templates")]
mod text;

mod content;
mod cookies;
mod either;
mod files;
mod streams;
mod with_status;
