//! Strings matching a JSON Schema `pattern`, from proptest's regex strategy.
//!
//! proptest generates strings a regex matches whole, and refuses anchors; a `pattern` is
//! searched for (ECMA-262), so a string the regex matches whole matches the pattern too,
//! and its anchors (`^...$`, the common form) can be dropped. Before proptest sees the
//! regex, it is rewritten: anchors and word boundaries become empty (a boundary the
//! generated string then misses is caught by the validator that checks every value),
//! repetitions without an upper bound get a small one, and every class keeps only the
//! printable characters it has (ECMA's `\d` and `\w` are ASCII; so are a header's).

use proptest::prelude::*;
use regex_syntax::ParserBuilder;
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode};
use regex_syntax::hir::{ClassUnicodeRange, Hir, HirKind, Repetition};

use super::schema::Charset;

/// How many more times than its minimum an unbounded repetition (`*`, `+`, `{2,}`) runs,
/// at most; also the cap on a bounded one's span.
const REPEAT_SPAN: u32 = 8;

/// The strings `pattern` matches, printable for `charset`; why not, when the regex is one
/// the generator cannot read.
pub(super) fn strategy(pattern: &str, charset: Charset) -> Result<BoxedStrategy<String>, String> {
    // ASCII classes first (ECMA's `\d`, `\w`, `\s`); a pattern that needs Unicode to
    // parse (`[^,]`, a literal `é`) is read with it.
    let hir = match ParserBuilder::new().unicode(false).build().parse(pattern) {
        Ok(hir) => hir,
        Err(_) => ParserBuilder::new()
            .build()
            .parse(pattern)
            .map_err(|e| first_line(&e.to_string()))?,
    };
    let hir = rewrite(&hir, charset);
    proptest::string::string_regex_parsed(&hir)
        .map(Strategy::boxed)
        .map_err(|e| first_line(&e.to_string()))
}

/// The line of a parser's error that says what is wrong.
fn first_line(s: &str) -> String {
    s.lines()
        .find(|l| l.starts_with("error:"))
        .or_else(|| s.lines().next())
        .unwrap_or(s)
        .to_owned()
}

/// The ranges of characters a generated string may have.
fn printable(charset: Charset) -> Vec<(char, char)> {
    let mut ranges = vec![(' ', '~')];
    if charset == Charset::Text {
        ranges.extend([('à', 'ÿ'), ('Ж', 'Ж'), ('λ', 'λ'), ('中', '中'), ('€', '€')]);
    }
    if charset == Charset::Header {
        ranges = vec![('!', '~')];
    }
    if charset == Charset::Cookie {
        ranges = vec![('!', '!'), ('#', '+'), ('-', ':'), ('<', '['), (']', '~')];
    }
    ranges
}

/// `hir` as proptest can generate from it (see the module's documentation).
fn rewrite(hir: &Hir, charset: Charset) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) => hir.clone(),
        // Anchors and boundaries: the generated string is matched whole.
        HirKind::Look(_) => Hir::empty(),
        HirKind::Class(Class::Unicode(class)) => {
            let mut keep = ClassUnicode::new(
                printable(charset)
                    .into_iter()
                    .map(|(a, b)| ClassUnicodeRange::new(a, b)),
            );
            keep.intersect(class);
            if keep.ranges().is_empty() {
                hir.clone()
            } else {
                Hir::class(Class::Unicode(keep))
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut keep = ClassBytes::new(printable(charset).into_iter().filter_map(|(a, b)| {
                let a = u8::try_from(u32::from(a)).ok()?;
                let b = u8::try_from(u32::from(b)).ok()?;
                Some(ClassBytesRange::new(a, b))
            }));
            keep.intersect(class);
            if keep.ranges().is_empty() {
                hir.clone()
            } else {
                Hir::class(Class::Bytes(keep))
            }
        }
        HirKind::Repetition(rep) => {
            let max = match rep.max {
                Some(max) => max.min(rep.min.saturating_add(REPEAT_SPAN)),
                None => rep.min.saturating_add(REPEAT_SPAN),
            };
            Hir::repetition(Repetition {
                min: rep.min,
                max: Some(max),
                greedy: rep.greedy,
                sub: Box::new(rewrite(&rep.sub, charset)),
            })
        }
        HirKind::Capture(cap) => Hir::capture(Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(rewrite(&cap.sub, charset)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| rewrite(h, charset)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| rewrite(h, charset)).collect())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    use super::*;

    fn samples(pattern: &str, charset: Charset) -> Vec<String> {
        let s = strategy(pattern, charset).unwrap();
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
        );
        (0..200)
            .map(|_| s.new_tree(&mut runner).unwrap().current())
            .collect()
    }

    #[test]
    fn anchored_patterns_give_strings_the_ecma_regex_matches() {
        for pattern in [
            r"^(id|name|email)(,(id|name|email))*$",
            r"^\d{3}-\d{4}$",
            r"^[A-Z][a-z]+\b",
            r"^[^,]+$",
            r"\w+@\w+\.com",
            r"^.{2,}$",
        ] {
            let schema = serde_json::json!({"type": "string", "pattern": pattern});
            for s in samples(pattern, Charset::Text) {
                assert!(
                    jsonschema::is_valid(&schema, &serde_json::json!(s)),
                    "{pattern}: {s:?}"
                );
                assert!(
                    s.chars().all(|c| !c.is_control()),
                    "{pattern}: {s:?} is not printable"
                );
            }
        }
    }

    #[test]
    fn header_patterns_stay_visible_ascii() {
        for s in samples(r"^.+$", Charset::Header) {
            assert!(s.bytes().all(|b| (b'!'..=b'~').contains(&b)), "{s:?}");
        }
    }

    #[test]
    fn lookarounds_and_backreferences_are_refused_with_a_reason() {
        for pattern in [r"^(?!admin).+$", r"(a)\1"] {
            let err = strategy(pattern, Charset::Text).err().unwrap();
            assert!(!err.is_empty(), "{pattern}");
        }
    }
}
