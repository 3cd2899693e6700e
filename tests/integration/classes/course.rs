//! What the class modules share: the course example's app, its rendered dashboard, and
//! the template fixtures.

use axum::Router;

pub(crate) use crate::examples::response_classes as example;

pub(crate) const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/templates");
pub(crate) const HTML: &str = "text/html; charset=utf-8";

/// The course example's app (JSON, HTML, templates, text, redirects, files, streams).
pub(crate) fn example_app() -> Router {
    example::app()
}

/// The course's dashboard, rendered.
pub(crate) const DASHBOARD: &str = "<!DOCTYPE html>
<html>
  <head>
    <meta charset=\"utf-8\">
    <title>Dashboard</title>
  </head>
  <body>
    <h1>Welcome, Alice!</h1>
    <ul>
      <li>Item 1</li>
      <li>Item 2</li>
      <li>Item 3</li>
    </ul>
  </body>
</html>";
