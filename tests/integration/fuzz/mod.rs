//! Fuzz targets for every request-time parser, on stable Rust: proptest generators (a
//! grammar of the header or name, mixed with arbitrary strings) drive each parser through
//! its public surface, and a property is checked on every answer. The normal suite runs
//! each target for a small budget and replays the checked-in corpus of nasty inputs
//! (`corpus/<target>.txt`, one JSON string a line); `FUZZ_CASES` sets the budget:
//!
//! ```text
//! FUZZ_CASES=1000000 cargo test --release --all-features --test integration fuzz:: -- --test-threads=1
//! ```
//!
//! | target | input | property |
//! |---|---|---|
//! | `range` | `Range` and `If-Range` on a 2,000-byte file | 200 whole, 206 inside the file (each part's bytes are the file's), or 416 with `bytes */2000`; never anything else |
//! | `conditionals` | `If-None-Match`, `If-Match`, `If-Modified-Since`, `If-Unmodified-Since` | 200, 304 or 412, never anything else |
//! | `selection` | the query of a `?fields=`/`?exclude=` route | 200 with a subset of the view's fields, or 400 naming what is allowed |
//! | `file_dir` | the name given to `FileDir` | never the bytes of a file outside its base (a secret next to it, a symlink out) |
//! | `redirect` | a redirect target | 3XX with a `Location` free of control characters, or a refusal; never CR/LF |
//! | `sse` | an event's data | one event whose data lines read back as the text's lines (CRLF, CR, LF), no other field |
//! | `sse_fields` | an event's `event`, `id`, `retry` and comment | never a panic; each field read back as given, or refused (`event`: CR/LF; `id`: CR/LF/NUL) with the offending byte; comments only as comment lines; no other field, no second event |
//! | `content_disposition` | a download file name | one header value, no control character, both `filename` forms naming a file without a path |
//! | `template_name` | a template name | 200 only for a template in the directory, else a generic 500 |

mod targets;

use std::path::PathBuf;

use proptest::test_runner::{Config, TestRunner};

/// The cases per target: `FUZZ_CASES`, else a budget the normal suite can afford.
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

/// A runner for `cases()` inputs, deterministic unless `FUZZ_CASES` is set (then each
/// run explores new inputs).
fn runner() -> TestRunner {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..Config::default()
    };
    if std::env::var_os("FUZZ_CASES").is_some() {
        TestRunner::new(config)
    } else {
        TestRunner::new_with_rng(
            config,
            proptest::test_runner::TestRng::deterministic_rng(
                proptest::test_runner::RngAlgorithm::ChaCha,
            ),
        )
    }
}

/// The corpus of `target`: the inputs found nasty, one JSON string a line (`#` comments).
fn corpus(target: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/integration/fuzz/corpus")
        .join(format!("{target}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {l}: {e}", path.display())))
        .collect()
}

/// Runs `check` on the corpus of `target`, then on `cases()` generated inputs; prints the
/// count (`--nocapture` shows it).
fn fuzz(
    target: &str,
    strategy: impl proptest::strategy::Strategy<Value = String>,
    check: impl Fn(&str),
) {
    let replayed = corpus(target);
    for input in &replayed {
        check(input);
    }
    let mut runner = runner();
    let result = runner.run(&strategy, |input| {
        check(&input);
        Ok(())
    });
    if let Err(e) = result {
        panic!("fuzz target `{target}` failed: {e}");
    }
    println!(
        "fuzz {target}: {} corpus inputs, {} generated inputs",
        replayed.len(),
        cases()
    );
}
