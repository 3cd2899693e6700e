//! The test helpers: the document built now, compared with the committed one.

use std::path::Path;
use std::{fs, io};

use serde_json::Value;

use super::{ChangeReport, compare_documents};
use crate::routing::ApiRouter;

/// The environment variable that makes [`assert_compatible`] rewrite the committed
/// document with the new one (after reporting the changes), as `INSTA_UPDATE` does for
/// insta's snapshots: `1`, `true`, `yes` or `always` turn it on.
///
/// ```text
/// RESPONSE_MODEL_UPDATE_OPENAPI=1 cargo test openapi_is_compatible
/// git diff openapi.json
/// ```
///
/// ```
/// assert_eq!(response_model::testing::UPDATE_VAR, "RESPONSE_MODEL_UPDATE_OPENAPI");
/// ```
pub const UPDATE_VAR: &str = "RESPONSE_MODEL_UPDATE_OPENAPI";

/// Fails (panics, as a test assertion does) when the document `api` builds now would
/// break a client generated from the committed document at `path`, unless the new
/// `info.version` is a breaking release after the committed one (see
/// [`ChangeReport::is_major_bump`]).
///
/// A one-line test in your app's crate:
///
/// ```no_run
/// # mod app { pub fn api() -> response_model::routing::ApiRouter { response_model::routing::ApiRouter::new() } }
/// #[test]
/// fn openapi_is_compatible() {
///     response_model::testing::assert_compatible("openapi.json", &app::api());
/// }
/// ```
///
/// - `path` is read as given: relative paths from the current directory, which `cargo
///   test` sets to the root of the package whose test runs (where its `Cargo.toml` is).
/// - No file there yet: the document is written and the test passes (the first run).
///   Under CI (`CI` set, as CI services set it, and not `0` or `false`) a missing file
///   fails instead, as insta's snapshots do: a fresh checkout that writes its own
///   document would compare it with itself and never catch anything. Run the tests
///   once locally and commit the file.
/// - A breaking change: the panic message lists every change, breaking first, each with
///   its JSON pointer and why, and says how to release it.
/// - Only safe changes, or a major bump: the test passes and prints the changes (shown
///   with `--nocapture`); the file is left as it is.
/// - [`UPDATE_VAR`] set (`RESPONSE_MODEL_UPDATE_OPENAPI=1`): the changes are printed and
///   the file is rewritten with the new document; the test passes. Commit the file.
///
/// The file is the document as pretty JSON ([`ApiRouter::openapi_json`]) and a newline:
/// the same bytes for the same routes, so its diff in review is the change.
///
/// ```
/// use response_model::routing::{ApiRouter, get};
/// use response_model::testing::assert_compatible;
///
/// async fn ping() -> &'static str { "pong" }
///
/// let dir = std::env::temp_dir().join(format!("rm-doc-{}", std::process::id()));
/// let path = dir.join("openapi.json");
/// let api: ApiRouter = ApiRouter::new().route("/ping", get(ping));
/// // The committed document (what the first run writes).
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(&path, api.openapi_json() + "\n")?;
/// assert_compatible(&path, &api); // the same document: nothing changed
/// // The route gone: a client generated from the committed document still calls it.
/// let gone = std::panic::catch_unwind(|| assert_compatible(&path, &ApiRouter::<()>::new()));
/// assert!(gone.is_err());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<_, std::io::Error>(())
/// ```
#[track_caller]
pub fn assert_compatible<S>(path: impl AsRef<Path>, api: &ApiRouter<S>)
where
    S: Clone + Send + Sync + 'static,
{
    let document = api.openapi();
    let text = api.openapi_json();
    let env = Env::read();
    if let Err(message) = check(path.as_ref(), &document, text, env) {
        #[allow(clippy::panic, reason = "a test assertion: failing is its job")]
        {
            panic!("{message}");
        }
    }
}

/// [`assert_compatible`] for a document you have as JSON (built by hand, read from
/// another service, or rendered as 3.0 with
/// [`OpenApiVersion::V3_0`](crate::routing::OpenApiVersion)); written as
/// `serde_json::to_string_pretty` writes it, and a newline.
///
/// ```
/// use response_model::routing::{ApiRouter, OpenApiVersion};
/// use response_model::testing::assert_compatible_document;
///
/// let dir = std::env::temp_dir().join(format!("rm-doc30-{}", std::process::id()));
/// let path = dir.join("openapi-3.0.json");
/// let doc = ApiRouter::<()>::new().openapi_version(OpenApiVersion::V3_0).openapi();
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(&path, serde_json::to_string_pretty(&doc)? + "\n")?;
/// assert_compatible_document(&path, &doc); // the same document: nothing changed
/// // A 3.1 rendering of the same routes says the same to a client.
/// assert_compatible_document(&path, &ApiRouter::<()>::new().openapi());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
#[track_caller]
pub fn assert_compatible_document(path: impl AsRef<Path>, document: &Value) {
    let text = match serde_json::to_string_pretty(document) {
        Ok(text) => text,
        Err(err) => format!("{{\"error\": \"{err}\"}}"),
    };
    let env = Env::read();
    if let Err(message) = check(path.as_ref(), document, text, env) {
        #[allow(clippy::panic, reason = "a test assertion: failing is its job")]
        {
            panic!("{message}");
        }
    }
}

/// What the environment asks of [`check`].
#[derive(Debug, Clone, Copy)]
struct Env {
    /// [`UPDATE_VAR`] is set: rewrite the file.
    update: bool,
    /// `CI` is set: a missing file is a failure, not a first run.
    ci: bool,
}

impl Env {
    fn read() -> Self {
        let var = |name: &str| std::env::var(name).map(|v| v.trim().to_ascii_lowercase());
        Env {
            update: var(UPDATE_VAR)
                .is_ok_and(|v| matches!(v.as_str(), "1" | "true" | "yes" | "always")),
            ci: var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false")),
        }
    }
}

/// What [`check`] did when it passed.
#[derive(Debug, PartialEq, Eq)]
enum Passed {
    /// No file: written.
    Written,
    /// Rewritten on request.
    Updated,
    /// Compatible (or a major bump): the file left as it was.
    Compatible,
}

/// Compares `document` (whose file form is `text`, without the final newline) with the
/// file at `path`; `Err` is the message an assertion fails with.
fn check(path: &Path, document: &Value, text: String, env: Env) -> Result<Passed, String> {
    let shown = path.display();
    let contents = text + "\n";
    let update = env.update;
    let committed = match fs::read_to_string(path) {
        Ok(committed) => committed,
        Err(err) if err.kind() == io::ErrorKind::NotFound && env.ci && !update => {
            return Err(format!(
                "{shown}: no committed document to compare with (CI is set, so it is not \
                 written here): run the tests locally and commit the file they write"
            ));
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            write(path, &contents)?;
            eprintln!("{shown}: no committed document: wrote the current one; commit it");
            return Ok(Passed::Written);
        }
        Err(err) => {
            return Err(format!(
                "{shown}: cannot read the committed document: {err}"
            ));
        }
    };
    let old: Value = match serde_json::from_str(&committed) {
        Ok(old) => old,
        Err(err) if update => {
            write(path, &contents)?;
            eprintln!("{shown}: was not JSON ({err}); rewrote it with the current document");
            return Ok(Passed::Updated);
        }
        Err(err) => {
            return Err(format!(
                "{shown}: the committed document is not JSON ({err}); rewrite it with {UPDATE_VAR}=1"
            ));
        }
    };
    let report = compare_documents(&old, document);
    if update {
        if committed != contents {
            write(path, &contents)?;
        }
        eprintln!("{shown}: rewritten with the current document ({UPDATE_VAR} is set)");
        if !report.is_empty() {
            eprint!("{report}");
        }
        return Ok(Passed::Updated);
    }
    if report.has_breaking() && !report.is_major_bump() {
        return Err(failure(&shown.to_string(), &report));
    }
    if !report.is_empty() {
        let why = if report.has_breaking() {
            "a major version bump releases the breaking changes"
        } else {
            "every change is safe"
        };
        eprintln!(
            "{shown}: the document changed ({why}); rewrite the committed one with {UPDATE_VAR}=1"
        );
        eprint!("{report}");
    }
    Ok(Passed::Compatible)
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .map_err(|err| format!("{}: cannot create {}: {err}", path.display(), dir.display()))?;
    }
    fs::write(path, contents)
        .map_err(|err| format!("{}: cannot write the document: {err}", path.display()))
}

/// The assertion's message: every change, and the two ways out.
fn failure(shown: &str, report: &ChangeReport) -> String {
    let count = report.breaking().count();
    let plural = if count == 1 { "" } else { "s" };
    let old = report.old_version().unwrap_or("none");
    let new = report.new_version().unwrap_or("none");
    let next = report
        .old_version()
        .and_then(next_breaking)
        .map_or_else(String::new, |v| format!(" (to {v})"));
    format!(
        "{shown}: {count} breaking change{plural} for clients generated from the committed document \
         (info.version {old} -> {new}):\n{report}\
         Undo them, or release them: raise info.version's major part{next} and accept the new \
         document with {UPDATE_VAR}=1 cargo test"
    )
}

/// `1.2.3` -> (1, 2, 3); a leading `v`, a missing minor or patch (0), and a pre-release or
/// build suffix are allowed; anything else is not a version.
fn parse(version: &str) -> Option<(u64, u64, u64)> {
    let v = version.trim();
    let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
    let core = v.split(['-', '+']).next().unwrap_or(v);
    let mut parts = core.split('.');
    let mut next = || -> Option<Option<u64>> {
        match parts.next() {
            None => Some(None),
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().ok().map(Some)
            }
            Some(_) => None,
        }
    };
    let major = next()??;
    let minor = next()?.unwrap_or(0);
    let patch = next()?.unwrap_or(0);
    if parts.next().is_some() {
        return None;
    }
    Some((major, minor, patch))
}

/// The part of a version that must change for a breaking release, as cargo reads semver:
/// the major part; for `0.x` the minor; for `0.0.x` the patch.
fn compatibility_class(v: (u64, u64, u64)) -> (u64, u64, u64) {
    match v {
        (0, 0, patch) => (0, 0, patch),
        (0, minor, _) => (0, minor, 0),
        (major, _, _) => (major, 0, 0),
    }
}

/// Whether `new` is a breaking release after `old`.
pub(super) fn is_major_bump(old: &str, new: &str) -> bool {
    match (parse(old), parse(new)) {
        (Some(o), Some(n)) => n > o && compatibility_class(n) != compatibility_class(o),
        _ => false,
    }
}

/// The first breaking release after `old`.
fn next_breaking(old: &str) -> Option<String> {
    Some(match parse(old)? {
        (0, 0, patch) => format!("0.0.{}", patch + 1),
        (0, minor, _) => format!("0.{}.0", minor + 1),
        (major, _, _) => format!("{}.0.0", major + 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_as_cargo_reads_semver() {
        assert!(is_major_bump("1.4.2", "2.0.0"));
        assert!(is_major_bump("v1.4.2", "2"));
        assert!(!is_major_bump("1.4.2", "1.5.0"));
        assert!(is_major_bump("0.2.9", "0.3.0"));
        assert!(!is_major_bump("0.2.0", "0.2.7"));
        assert!(is_major_bump("0.0.3", "0.0.4"));
        assert!(!is_major_bump("2.0.0", "1.0.0"));
        assert!(is_major_bump("1.0.0", "2.0.0-rc.1"));
        assert!(!is_major_bump("one", "two"));
        assert!(!is_major_bump("1.0.0", "2.0.0.0"));
        assert_eq!(next_breaking("1.4.2").as_deref(), Some("2.0.0"));
        assert_eq!(next_breaking("0.4.2").as_deref(), Some("0.5.0"));
        assert_eq!(next_breaking("0.0.2").as_deref(), Some("0.0.3"));
    }
}
