//! The status and extra headers a response class takes through its builder methods.

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

/// Status and headers set on a response class. An invalid header is remembered rather
/// than dropped, so the response becomes a logged 500 instead of silently lacking it.
#[derive(Debug)]
pub(crate) struct ExtraParts {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) invalid_header: bool,
}

impl Default for ExtraParts {
    fn default() -> Self {
        Self {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            invalid_header: false,
        }
    }
}

impl ExtraParts {
    /// Appends a header, or marks the response invalid if the name or value isn't HTTP.
    pub(crate) fn append<K, V>(&mut self, name: K, value: V)
    where
        K: TryInto<HeaderName>,
        V: TryInto<HeaderValue>,
    {
        match (name.try_into(), value.try_into()) {
            (Ok(name), Ok(value)) => {
                self.headers.append(name, value);
            }
            _ => self.invalid_header = true,
        }
    }
}
