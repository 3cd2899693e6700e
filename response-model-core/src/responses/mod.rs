//! Response classes of FastAPI's course (section 6.2), as handler return types.

pub mod attachment;
pub mod file;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod media;
mod parts;
pub mod redirect;
pub mod sse;
pub mod stream;
#[cfg(feature = "templates")]
pub mod template;
pub mod text;
