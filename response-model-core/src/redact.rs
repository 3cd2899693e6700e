//! Error messages without the values they quote, for logs: what a failed response model
//! logs by default. serde's and garde's own messages are rewritten to say what kind of
//! value was found instead of which; any other message (a custom `Deserialize`,
//! `Serialize` or garde rule, whose text this crate cannot know) is withheld.

use std::borrow::Cow;

/// What is logged instead of a message that may hold a value.
pub(crate) const WITHHELD: &str =
    "(the message is withheld: it may quote the value; set RESPONSE_MODEL_LOG_VALUES=1 to log it)";

/// A serde message with the values it quotes replaced by their kind:
/// `invalid type: string "hunter2", expected u32` -> `invalid type: a string, expected u32`.
pub(crate) fn serde_message(message: &str) -> Cow<'_, str> {
    // Messages that name fields or lengths, never values.
    if message.starts_with("missing field `")
        || message.starts_with("unknown field `")
        || message.starts_with("duplicate field `")
        || message.starts_with("invalid length ")
        || message == "key must be a string"
    {
        return Cow::Borrowed(message);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ")
        && let Some((_, expected)) = rest.split_once(", expected ")
    {
        return Cow::Owned(format!("unknown variant, expected {expected}"));
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return Cow::Owned(format!("{prefix}{}, expected {expected}", kind_of(found)));
        }
    }
    Cow::Borrowed(WITHHELD)
}

/// serde's `Unexpected` text without its value: `string "x"` -> `a string`.
fn kind_of(found: &str) -> &str {
    const KINDS: &[(&str, &str)] = &[
        ("string ", "a string"),
        ("integer ", "an integer"),
        ("floating point ", "a floating point number"),
        ("boolean ", "a boolean"),
        ("char ", "a character"),
        ("byte array", "a byte array"),
        ("unit variant", "a unit variant"),
        ("newtype variant", "a newtype variant"),
        ("tuple variant", "a tuple variant"),
        ("struct variant", "a struct variant"),
        ("other ", "another value"),
    ];
    for (prefix, kind) in KINDS {
        if found.starts_with(prefix) {
            return kind;
        }
    }
    // `null`, `map`, `sequence`, `unit`, `option`, `newtype struct`: no value in them.
    match found {
        "null" | "map" | "sequence" | "unit" | "unit value" | "option" | "Option value"
        | "newtype struct" => found,
        _ => "a value",
    }
}

/// garde's default messages (`length is lower than 3`, `lower than 0.01`, ...) hold the
/// rule's bounds, not the value; any other (a custom rule's) is withheld.
#[cfg(feature = "validate")]
pub(crate) fn constraint_message(message: &str) -> &str {
    const GARDE: &[&str] = &[
        "length is lower than ",
        "length is greater than ",
        "lower than ",
        "greater than ",
        "does not match pattern ",
        "does not contain ",
        "value does not begin with ",
        "does not end with ",
        "does not match ",
        "not a valid ",
        "not ascii",
        "not alphanumeric",
        "not set",
    ];
    if GARDE.iter().any(|p| message.starts_with(p)) {
        message
    } else {
        WITHHELD
    }
}

/// Whether failed response models log the values in their messages: only when
/// `RESPONSE_MODEL_LOG_VALUES=1` is set (read once), for development.
pub(crate) fn log_values() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("RESPONSE_MODEL_LOG_VALUES").is_ok_and(|v| v == "1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_keep_the_kind_and_drop_the_value() {
        for (message, redacted) in [
            (
                r#"invalid type: string "hunter2", expected u32"#,
                "invalid type: a string, expected u32",
            ),
            (
                "invalid value: integer `-7`, expected u32",
                "invalid value: an integer, expected u32",
            ),
            (
                "invalid type: floating point `3.5`, expected i64",
                "invalid type: a floating point number, expected i64",
            ),
            (
                "invalid type: null, expected a string",
                "invalid type: null, expected a string",
            ),
            (
                "unknown variant `s3cr3t`, expected `a` or `b`",
                "unknown variant, expected `a` or `b`",
            ),
            ("missing field `name`", "missing field `name`"),
            ("my custom error quoting s3cr3t", WITHHELD),
        ] {
            assert_eq!(serde_message(message), redacted, "{message}");
        }
    }

    #[cfg(feature = "validate")]
    #[test]
    fn garde_defaults_stay_custom_messages_go() {
        assert_eq!(
            constraint_message("length is lower than 3"),
            "length is lower than 3"
        );
        assert_eq!(constraint_message("the token s3cr3t is revoked"), WITHHELD);
    }
}
