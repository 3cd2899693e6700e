//! [`ApiRouter::redirect_slashes`](super::ApiRouter::redirect_slashes): a request whose
//! path is routed only with the other trailing slash is answered `307` to that path.

use std::sync::Arc;

use axum::Router;
use axum::extract::{OriginalUri, Request};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

/// The paths a router routes, in axum's syntax, matched as axum matches them.
#[derive(Clone)]
pub(super) struct Routed(Arc<matchit::Router<()>>);

impl Routed {
    pub(super) fn new<'a>(paths: impl Iterator<Item = &'a str>) -> Self {
        let mut routes = matchit::Router::new();
        for path in paths {
            // A path routed twice (two methods added apart) is already there; axum
            // accepted every path, so nothing else can fail.
            let _ = routes.insert(path, ());
        }
        Self(Arc::new(routes))
    }

    fn routes(&self, path: &str) -> bool {
        self.0.at(path).is_ok()
    }
}

/// The other spelling of `path`: without its trailing slashes, or with one; `None` for
/// the root, which is never redirected.
fn other_spelling(path: &str) -> Option<String> {
    if path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    } else {
        Some(format!("{path}/"))
    }
}

/// `router` with the redirect in front of every route and of the fallback.
pub(super) fn layer<S>(router: Router<S>, routed: Routed) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router.layer(middleware::from_fn(move |req: Request, next: Next| {
        let routed = routed.clone();
        async move {
            match redirect(&routed, &req) {
                Some(response) => response,
                None => next.run(req).await,
            }
        }
    }))
}

fn redirect(routed: &Routed, req: &Request) -> Option<Response> {
    let path = req.uri().path();
    if routed.routes(path) || !routed.routes(&other_spelling(path)?) {
        return None;
    }
    // The path the client sent, prefix included where the app is nested (axum strips it
    // from `uri()`); the same trailing slash is toggled.
    let sent = req
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| req.uri().clone(), |o| o.0.clone());
    let mut location = other_spelling(sent.path())?;
    if let Some(query) = sent.query() {
        location.push('?');
        location.push_str(query);
    }
    // A path and query that came in a valid URI make a valid header value.
    let location = HeaderValue::try_from(location).ok()?;
    Some(
        (
            StatusCode::TEMPORARY_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response(),
    )
}

#[cfg(test)]
mod tests {
    use super::other_spelling;

    #[test]
    fn the_other_spelling_toggles_the_trailing_slashes() {
        assert_eq!(other_spelling("/items").as_deref(), Some("/items/"));
        assert_eq!(other_spelling("/items/").as_deref(), Some("/items"));
        assert_eq!(other_spelling("/items//").as_deref(), Some("/items"));
        assert_eq!(other_spelling("/"), None);
        assert_eq!(other_spelling("//"), None);
    }
}
