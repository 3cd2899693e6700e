//! Parsing `?fields=` and `?exclude=` into the trees of checked names the filter applies,
//! with a suggestion for a misspelt name.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::error::{ErrorKind, SelectionError};
use crate::view::FieldInfo;

/// At most this many names across `fields` and `exclude`: bounds the work one request
/// can ask for.
pub(super) const MAX_NAMES: usize = 256;

/// Selected sub-fields of one field; `None` means the whole field.
type Node = BTreeMap<&'static str, Option<Tree>>;

/// The checked names of one parameter: each field maps to `None` (the whole field) or to
/// the tree of its selected sub-fields. The names are the field lists' `'static` ones, so
/// what a client sent is never kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Tree(pub(super) Node);

impl Tree {
    /// Adds a checked path. For `include`, naming a field whole wins over naming some of its
    /// sub-fields (the union); for `exclude`, dropping it whole wins likewise.
    fn insert(&mut self, path: &[&'static str]) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        let entry = self.0.entry(first).or_insert_with(|| Some(Tree::default()));
        if rest.is_empty() {
            *entry = None;
        } else if let Some(sub) = entry {
            sub.insert(rest);
        }
    }
}

// Which of the two query parameters a name came from: named in messages, and the `param`
// of the error body. A plain comment, not a doc comment: schemars would put a doc comment
// into the document as the description of `SelectionParam`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "SelectionParam")]
pub(super) enum Param {
    Fields,
    Exclude,
}

impl Param {
    pub(super) fn name(self) -> &'static str {
        match self {
            Param::Fields => "fields",
            Param::Exclude => "exclude",
        }
    }
}

/// The `fields` and `exclude` trees of a raw query string (`None`: that parameter was not
/// given), every name checked against `info`. The values of other parameters are not
/// decoded: a query string may carry anything else, and only what we read can be our error.
pub(super) fn parse_query(
    query: &str,
    info: &'static [FieldInfo],
) -> Result<(Option<Tree>, Option<Tree>), SelectionError> {
    let mut include: Option<Tree> = None;
    let mut exclude: Option<Tree> = None;
    let mut count = 0usize;
    // The checked path of one name, reused from name to name.
    let mut path = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(raw_key)?;
        let param = match &*key {
            "fields" => Param::Fields,
            "exclude" => Param::Exclude,
            _ => continue,
        };
        let value = decode(raw_value)?;
        let tree = match param {
            Param::Fields => include.get_or_insert_with(Tree::default),
            Param::Exclude => exclude.get_or_insert_with(Tree::default),
        };
        for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            count += 1;
            if count > MAX_NAMES {
                return Err(SelectionError::new(ErrorKind::TooMany));
            }
            check_path(param, name, info, &mut path)?;
            tree.insert(&path);
        }
    }
    for (param, tree) in [(Param::Fields, &include), (Param::Exclude, &exclude)] {
        if tree.as_ref().is_some_and(|t| t.0.is_empty()) {
            return Err(SelectionError::new(ErrorKind::Empty { param }));
        }
    }
    Ok((include, exclude))
}

/// The regular expression of the values of `fields`/`exclude` that [`parse_query`]
/// accepts against `info` (`None`: it accepts none), anchored, for the parameters' JSON
/// Schema `pattern`. It is read off the same field lists and the same rules as the parser,
/// so the document cannot admit a name the server refuses:
///
/// - names are split on `,`, each trimmed of [`char::is_whitespace`] characters, empty
///   ones skipped, and at least one must be left;
/// - a name is a dotted path of wire names, each a field of the level before (a field
///   whose model has sub-fields may be followed by `.` and one of them);
/// - a wire name the parser can never match (empty, holding `,` or `.`, or with
///   whitespace at an end) is left out.
///
/// It avoids `\s` and `\d`, whose meaning differs between ECMA-262 (JSON Schema's dialect;
/// OpenAPI 3.0's "Ecma-262 Edition 5.1") and Rust's `regex`: the whitespace class lists
/// `char::is_whitespace`'s code points as `\uXXXX` escapes, which both read alike. A model
/// that holds itself is unrolled to [`CYCLE_DEPTH`] levels, so its document admits fewer
/// names than the server (never more). The count limit ([`MAX_NAMES`] names in all) is
/// not in the pattern; the description says it.
pub(super) fn pattern(info: &'static [FieldInfo]) -> Option<String> {
    let names = names_pattern(info, &mut Vec::new())?;
    // Whitespace and commas around the names (empty items are skipped), at least one
    // comma between two names (`id name` is one name, unknown).
    let ws = WHITESPACE;
    let sep = format!("[{ws},]");
    Some(format!(
        "^{sep}*(?:{names})(?:[{ws}]*,{sep}*(?:{names}))*{sep}*$"
    ))
}

/// How many levels of a model that holds itself (through any number of others) the
/// pattern spells out; the selected response's schema relaxes as many.
const CYCLE_DEPTH: usize = 4;

/// `char::is_whitespace` (Unicode's `White_Space`, what `str::trim` removes), as the inside
/// of a class both regex dialects read the same way (`tests/integration/openapi/accepted.rs`
/// compares it with every code point of the BMP).
const WHITESPACE: &str =
    "\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

/// The alternation of the dotted names `list` admits; `stack` holds the field lists on the
/// way down (by address), to stop a cycle.
fn names_pattern(list: &'static [FieldInfo], stack: &mut Vec<*const FieldInfo>) -> Option<String> {
    stack.push(list.as_ptr());
    let alternatives: Vec<String> = list
        .iter()
        .filter(|f| selectable(f.name))
        .map(|f| {
            let name = escape(f.name);
            let nested = f
                .nested
                .map(|sub| sub())
                .filter(|sub| stack.len() < CYCLE_DEPTH || !stack.contains(&sub.as_ptr()));
            match nested.and_then(|sub| names_pattern(sub, stack)) {
                Some(sub) => format!("{name}(?:\\.(?:{sub}))?"),
                None => name,
            }
        })
        .collect();
    stack.pop();
    (!alternatives.is_empty()).then(|| alternatives.join("|"))
}

/// Whether [`check_path`] can match the wire name `name` with some segment of a value.
fn selectable(name: &str) -> bool {
    !name.is_empty() && !name.contains([',', '.']) && name.trim() == name
}

/// `name` as a literal of both dialects: ECMA-262's syntax characters (and `/`) escaped,
/// nothing else (its Unicode mode refuses an escaped letter or `-`).
fn escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if "^$\\.*+?()[]{}|/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `application/x-www-form-urlencoded` decoding of one query component: `+` is a space.
/// Borrowed when there is nothing to decode (the common `fields=id,name`).
fn decode(raw: &str) -> Result<Cow<'_, str>, SelectionError> {
    if !raw.bytes().any(|b| b == b'%' || b == b'+') {
        return Ok(Cow::Borrowed(raw));
    }
    let malformed = |_| SelectionError::new(ErrorKind::Malformed);
    if raw.contains('+') {
        let spaced = raw.replace('+', " ");
        let decoded = percent_encoding::percent_decode_str(&spaced)
            .decode_utf8()
            .map_err(malformed)?;
        Ok(Cow::Owned(decoded.into_owned()))
    } else {
        percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_err(malformed)
    }
}

/// Resolves a dotted name against the field lists into `path` (cleared first), the
/// `'static` names.
fn check_path(
    param: Param,
    name: &str,
    info: &'static [FieldInfo],
    path: &mut Vec<&'static str>,
) -> Result<(), SelectionError> {
    let mut level = Some(info);
    path.clear();
    for (depth, segment) in name.split('.').enumerate() {
        let Some(fields) = level else {
            return Err(SelectionError::new(ErrorKind::NotNested {
                param,
                field: name.to_owned(),
                parent: path.join("."),
            }));
        };
        let Some(found) = fields.iter().find(|f| f.name == segment) else {
            let allowed: Vec<&'static str> = fields.iter().map(|f| f.name).collect();
            let suggestion = if segment.is_empty() {
                None
            } else {
                did_you_mean(segment, &allowed)
            };
            return Err(SelectionError::new(ErrorKind::Unknown {
                param,
                field: name.to_owned(),
                parent: (depth > 0).then(|| path.join(".")),
                suggestion,
                allowed,
            }));
        };
        path.push(found.name);
        level = found.nested.map(|f| f());
    }
    Ok(())
}

/// The closest allowed name within a small edit distance ([`edit_distance`]), if any: at
/// most one edit per three characters (one for short names), so that a suggestion is a
/// likely typo rather than any short name. On a tie the first allowed name wins.
fn did_you_mean(name: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let limit = (name.chars().count() / 3).max(1);
    allowed
        .iter()
        .map(|a| (edit_distance(name, a), *a))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// Optimal string alignment distance (restricted Damerau-Levenshtein), in chars:
/// insertions, deletions, substitutions and adjacent transpositions each count one, so
/// `emial` -> `email` is one edit where Levenshtein counts two (a swapped pair is the
/// commonest typo in a field name). "Restricted": no substring is edited twice, so
/// `ca` -> `abc` is 3 (swap, then insert between the swapped pair), not
/// Damerau-Levenshtein's 2.
fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("emial", "email"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("name", "name"), 0);
        assert_eq!(edit_distance("", "id"), 2);
        assert_eq!(edit_distance("nam", "name"), 1);
    }

    #[test]
    fn suggestion_needs_a_close_name() {
        assert_eq!(did_you_mean("emial", &["id", "email"]), Some("email"));
        assert_eq!(did_you_mean("zzzzzz", &["id", "email"]), None);
    }
}
