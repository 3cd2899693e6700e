//! Every keyword of the attribute grammar, spelled once.

pub(crate) const RESPONSE_MODEL: &str = "response_model";
pub(crate) const SERDE: &str = "serde";
pub(crate) const SCHEMARS: &str = "schemars";
pub(crate) const DOC: &str = "doc";
pub(crate) const CFG: &str = "cfg";
pub(crate) const DEPRECATED: &str = "deprecated";

// Container level.
pub(crate) const VIEW: &str = "view";
pub(crate) const CRATE: &str = "crate";
pub(crate) const CONTAINER_OPTIONS: &[&str] = &[VIEW, CRATE];

// View level.
pub(crate) const INCLUDE: &str = "include";
pub(crate) const EXCLUDE: &str = "exclude";
pub(crate) const EXCLUDE_NONE: &str = "exclude_none";
pub(crate) const EXCLUDE_DEFAULTS: &str = "exclude_defaults";
pub(crate) const EXCLUDE_UNSET: &str = "exclude_unset";
pub(crate) const NEST: &str = "nest";
pub(crate) const DERIVE: &str = "derive";
pub(crate) const RENAME_ALL: &str = "rename_all";
pub(crate) const NAME: &str = "name";
pub(crate) const CLOSED: &str = "closed";
pub(crate) const VIEW_OPTIONS: &[&str] = &[
    INCLUDE,
    EXCLUDE,
    EXCLUDE_NONE,
    EXCLUDE_DEFAULTS,
    EXCLUDE_UNSET,
    NEST,
    DERIVE,
    RENAME_ALL,
    NAME,
    CLOSED,
];

// Field level.
pub(crate) const SECRET: &str = "secret";
pub(crate) const FIELD_OPTIONS: &[&str] = &[SECRET, DEFAULT];

// `#[handler(...)]`: `crate` is its one option; these two are refused with a pointer to
// the doc comment.
pub(crate) const SUMMARY: &str = "summary";
pub(crate) const DESCRIPTION: &str = "description";

// `#[derive(ApiError)]`: `#[api_error(...)]`, `crate` on the enum, the others on a variant.
pub(crate) const API_ERROR: &str = "api_error";
pub(crate) const STATUS: &str = "status";
pub(crate) const BODY: &str = "body";
pub(crate) const DETAIL: &str = "detail";
pub(crate) const TRANSPARENT: &str = "transparent";
pub(crate) const API_ERROR_ENUM_OPTIONS: &[&str] = &[CRATE];
pub(crate) const API_ERROR_VARIANT_OPTIONS: &[&str] = &[STATUS, BODY, DETAIL, TRANSPARENT];

// The `#[serde(...)]` keys read to know wire names and what serde already skips
// (`rename_all` is spelled as the view option above).
pub(crate) const RENAME: &str = "rename";
pub(crate) const SERIALIZE: &str = "serialize";
pub(crate) const FLATTEN: &str = "flatten";
pub(crate) const SKIP: &str = "skip";
pub(crate) const SKIP_SERIALIZING: &str = "skip_serializing";
pub(crate) const SKIP_SERIALIZING_IF: &str = "skip_serializing_if";
pub(crate) const SERIALIZE_WITH: &str = "serialize_with";
pub(crate) const WITH: &str = "with";
pub(crate) const DEFAULT: &str = "default";

/// Field attributes carried onto view fields: docs and the attributes that shape the wire
/// or the schema (`validate`/`garde` constraints appear in the schema through schemars).
pub(crate) const COPIED_FIELD_ATTRS: &[&str] = &[DOC, SERDE, SCHEMARS, "garde", "validate"];

/// A list for error messages: "`a`, `b` or `c`".
pub(crate) fn one_of(words: &[&str]) -> String {
    join(words, "or")
}

/// A list for error messages: "`a`, `b` and `c`".
pub(crate) fn all_of(words: &[&str]) -> String {
    join(words, "and")
}

/// "`word` is given twice; keep one", for an option that takes no list.
pub(crate) fn given_twice(word: &str) -> String {
    format!("`{word}` is given twice; keep one")
}

fn join(words: &[&str], last_sep: &str) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {last_sep} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
