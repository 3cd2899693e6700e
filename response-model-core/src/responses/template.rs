use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::SystemTime;

use axum::response::{Html, IntoResponse, Response};
use minijinja::{Environment, Value};
use serde::Serialize;

use crate::encoder::{internal_server_error, internal_server_error_doc};

/// The template engine, re-exported for [`context!`](minijinja::context),
/// [`UndefinedBehavior`](minijinja::UndefinedBehavior) and the environment's types:
/// `use response_model::responses::minijinja::context;`.
pub use minijinja;

/// A directory of templates, shared by cheap clones (put it in the router's state).
///
/// ```
/// use response_model::responses::{Templates, minijinja::context};
///
/// let dir = std::env::temp_dir().join(format!("rm-doc-tpl-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("hello.html"), "<b>{{ name }}</b>").unwrap();
///
/// let templates = Templates::new(&dir);
/// let html = templates.render("hello.html", context! { name => "<script>" }).unwrap();
/// assert_eq!(html, "<b>&lt;script&gt;</b>");
/// ```
///
/// HTML templates from a directory with [minijinja](https://docs.rs/minijinja) (by the
/// author of Jinja2): FastAPI's `Jinja2Templates`. Needs the `templates` feature.
///
/// ```
/// use axum::{Router, extract::State, routing::get};
/// use response_model::responses::{TemplateResponse, Templates, minijinja::context};
///
/// # let dir = tempfile_dir();
/// // FastAPI: templates = Jinja2Templates(directory="templates")
/// let templates = Templates::new(&dir).auto_reload(cfg!(debug_assertions));
///
/// async fn dashboard(State(templates): State<Templates>) -> TemplateResponse {
///     templates.response("dashboard.html", context! { user => "Alice", items => [1, 2, 3] })
/// }
///
/// let app: Router = Router::new()
///     .route("/dashboard", get(dashboard))
///     .with_state(templates);
/// # fn tempfile_dir() -> std::path::PathBuf {
/// #     let dir = std::env::temp_dir().join(format!("rm-doc-{}", std::process::id()));
/// #     std::fs::create_dir_all(&dir).unwrap();
/// #     std::fs::write(dir.join("dashboard.html"), "<p>{{ user }}</p>").unwrap();
/// #     dir
/// # }
/// ```
///
/// - **Escaping**: on for `.html`, `.htm` and `.xml` templates (and JSON-escaping for
///   `.json`, `.js`, `.yaml`), minijinja's defaults; `{{ value|safe }}` opts out.
/// - **Errors** (missing template, syntax error, an undefined variable under
///   [`UndefinedBehavior::Strict`](minijinja::UndefinedBehavior::Strict), a failing
///   filter): the response is a bare 500 `Internal Server Error` that shows nothing of the
///   template or the data; the reason is logged through `tracing::error!` (without the
///   context's values).
/// - **Loading**: each template is read and compiled once, on first use, then kept. With
///   [`Templates::auto_reload`] on (meant for debug builds), every render first checks the
///   files it has loaded (size and modification time) and reloads all of them when one
///   changed, so an edited template shows on the next request without a restart.
///   Reading is synchronous, as in Jinja2: a template is read once per change, not per
///   request.
/// - **Context**: only what you pass. Starlette adds the `request` to every context (for
///   `url_for`); pass the values a template needs instead.
#[derive(Clone, Debug)]
pub struct Templates {
    shared: Arc<Shared>,
    auto_reload: bool,
}

#[derive(Debug)]
struct Shared {
    dir: PathBuf,
    env: RwLock<Environment<'static>>,
    /// What each loaded template's file looked like when it was read.
    stamps: Arc<Mutex<HashMap<String, Stamp>>>,
}

/// Size and modification time of a template file; `None` if it could not be read.
type Stamp = Option<(u64, Option<SystemTime>)>;

/// Where template `name` lives. Only used to stamp files; reading goes through
/// minijinja's `path_loader`, which refuses `..` and hidden segments.
fn template_path(dir: &Path, name: &str) -> PathBuf {
    name.split('/')
        .fold(dir.to_path_buf(), |path, s| path.join(s))
}

fn stamp(path: &Path) -> Stamp {
    fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

impl Templates {
    /// Templates read from `dir` (relative to the process's working directory unless
    /// absolute; `concat!(env!("CARGO_MANIFEST_DIR"), "/templates")` pins it to the
    /// crate). Names are `/`-separated paths under `dir`; names with a segment starting
    /// with `.` (so no `..`) or holding `\` are not found. Nothing is read until the first
    /// render, so a missing directory shows as "template not found" errors.
    ///
    /// ```
    /// use response_model::responses::Templates;
    /// let templates = Templates::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    /// // The file exists, but names cannot leave the directory.
    /// assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml").is_file());
    /// let err = templates.render("../Cargo.toml", ()).unwrap_err();
    /// assert_eq!(err.kind(), minijinja::ErrorKind::TemplateNotFound);
    /// ```
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self::with_dir(dir.into())
    }

    fn with_dir(dir: PathBuf) -> Self {
        let stamps: Arc<Mutex<HashMap<String, Stamp>>> = Arc::default();
        let load = minijinja::path_loader(&dir);
        let seen = Arc::clone(&stamps);
        let root = dir.clone();
        let mut env = Environment::new();
        env.set_loader(move |name| {
            // Stamp before reading: a change made while reading shows as a newer stamp
            // on the next check, never as a stale template kept for good.
            let before = stamp(&template_path(&root, name));
            let source = load(name)?;
            if source.is_some() {
                seen.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(name.to_owned(), before);
            }
            Ok(source)
        });
        Self {
            shared: Arc::new(Shared {
                dir,
                env: RwLock::new(env),
                stamps,
            }),
            auto_reload: false,
        }
    }

    /// Reloads changed templates before each render (off by default). Use
    /// `.auto_reload(cfg!(debug_assertions))` to edit templates of a running debug
    /// server; in release, templates stay as first read.
    ///
    /// ```
    /// use response_model::responses::Templates;
    /// let templates = Templates::new("templates").auto_reload(cfg!(debug_assertions));
    /// ```
    pub fn auto_reload(mut self, on: bool) -> Self {
        self.auto_reload = on;
        self
    }

    /// Adjusts the minijinja environment (filters, globals, undefined behaviour, ...), for
    /// every clone of these templates. Leave its loader alone: it is what reads `dir`.
    ///
    /// ```
    /// use response_model::responses::{Templates, minijinja::UndefinedBehavior};
    ///
    /// let templates = Templates::new("templates").configure(|env| {
    ///     env.set_undefined_behavior(UndefinedBehavior::Strict);
    ///     env.add_global("app_name", "Shop");
    ///     env.add_filter("shout", |s: String| s.to_uppercase());
    /// });
    /// ```
    pub fn configure(self, f: impl FnOnce(&mut Environment<'static>)) -> Self {
        f(&mut self
            .shared
            .env
            .write()
            .unwrap_or_else(PoisonError::into_inner));
        self
    }

    /// Renders template `name` with `context` (any `Serialize` value; usually a struct, a
    /// map or [`context!`](minijinja::context)).
    ///
    /// ```
    /// use response_model::responses::Templates;
    /// let err = Templates::new("no/such/dir").render("missing.html", ()).unwrap_err();
    /// assert_eq!(err.kind(), minijinja::ErrorKind::TemplateNotFound);
    /// ```
    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String, minijinja::Error> {
        self.render_value(name, Value::from_serialize(context))
    }

    /// The non-generic half of [`Templates::render`].
    fn render_value(&self, name: &str, context: Value) -> Result<String, minijinja::Error> {
        if self.auto_reload {
            self.reload_if_changed();
        }
        let env = self
            .shared
            .env
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        env.get_template(name)?.render(context)
    }

    /// Drops every loaded template if a file changed since it was read.
    fn reload_if_changed(&self) {
        let mut stamps = self
            .shared
            .stamps
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let changed = stamps
            .iter()
            .any(|(name, before)| stamp(&template_path(&self.shared.dir, name)) != *before);
        if changed {
            stamps.clear();
            // The loader locks `stamps` while a render holds the env lock: never hold
            // `stamps` while waiting for the env lock.
            drop(stamps);
            self.shared
                .env
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .clear_templates();
        }
    }

    /// Renders template `name` with `context` into an HTML response (200,
    /// `text/html; charset=utf-8`); a failure is a logged bare 500. FastAPI's
    /// `templates.TemplateResponse(request, name, context)`.
    ///
    /// ```
    /// use axum::response::IntoResponse;
    /// use response_model::responses::Templates;
    ///
    /// let res = Templates::new("no/such/dir").response("x.html", ()).into_response();
    /// assert_eq!(res.status(), 500);
    /// ```
    pub fn response(&self, name: &str, context: impl Serialize) -> TemplateResponse {
        TemplateResponse {
            result: self.render(name, context),
        }
    }
}

/// A rendered template, or the error that stopped it: what [`Templates::response`] returns.
///
/// As a response: 200 `text/html; charset=utf-8` with the page, or a bare 500 with the
/// reason logged. Status, headers and cookies come from axum's tuples:
/// `(StatusCode::SERVICE_UNAVAILABLE, templates.response("down.html", ()))`.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::{TemplateResponse, Templates};
///
/// fn page(templates: &Templates) -> TemplateResponse {
///     templates.response("page.html", ())
/// }
/// let res = page(&Templates::new("no/such/dir"));
/// assert!(res.html().is_none());
/// assert_eq!(res.into_response().status(), 500);
/// ```
#[must_use]
#[derive(Debug)]
pub struct TemplateResponse {
    result: Result<String, minijinja::Error>,
}

impl TemplateResponse {
    /// The rendered page, if rendering succeeded.
    pub fn html(&self) -> Option<&str> {
        self.result.as_deref().ok()
    }
}

impl IntoResponse for TemplateResponse {
    fn into_response(self) -> Response {
        match self.result {
            Ok(page) => Html(page).into_response(),
            Err(err) => {
                // `{err}` names the template, line and cause; the alternate form would add
                // the context's values, which may be private, so it is not logged.
                tracing::error!(error = %err, template = err.name(), "template rendering failed");
                internal_server_error()
            }
        }
    }
}

/// 200 `text/html`, or the 500 of a template that failed to render.
impl crate::openapi::ApiResponse for TemplateResponse {
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        use crate::openapi::{MediaDoc, ResponseDoc, Responses};
        use http::StatusCode;
        let mut r = Responses::single(
            StatusCode::OK,
            ResponseDoc::for_status(StatusCode::OK).content("text/html", MediaDoc::text()),
        );
        r.merge(internal_server_error_doc());
        r
    }
}
