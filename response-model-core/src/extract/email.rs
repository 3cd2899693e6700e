//! Why an email address is not valid, in the words of Python's `email-validator`, which
//! Pydantic's `EmailStr` quotes in its 422 (`value is not a valid email address: <reason>`).
//!
//! Only the reason is taken from here: whether an address is valid is garde's `email` rule's
//! call. The checks run in `email-validator`'s order (Pydantic's length check, the `@`, the
//! part before it, then the part after it), so an input with several problems gets the
//! reason FastAPI gives for it; an address garde refuses for a reason not listed here keeps
//! garde's own.

/// The longest address Pydantic reads before asking `email-validator`.
const MAX_EMAIL_LENGTH: usize = 2048;

/// `email-validator`'s reason for refusing `email`, when it is one of the common ones.
///
/// ```text
/// ""            An email address must have an @-sign.
/// "a@b"         The part after the @-sign is not valid. It should have a period.
/// "a b@c.com"   The email address contains invalid characters before the @-sign: SPACE.
/// ```
pub(super) fn reason(email: &str) -> Option<String> {
    if email.chars().count() > MAX_EMAIL_LENGTH {
        return Some(format!(
            "Length must not exceed {MAX_EMAIL_LENGTH} characters"
        ));
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Some("An email address must have an @-sign.".to_owned());
    };
    if local.is_empty() {
        return Some("There must be something before the @-sign.".to_owned());
    }
    if domain.is_empty() {
        return Some("There must be something after the @-sign.".to_owned());
    }
    if let Some(why) = local_part(local) {
        return Some(why);
    }
    domain_part(domain)
}

/// RFC 5322's `atext` (plus the period that separates its atoms), and any non-ASCII
/// letter, which `email-validator` allows (SMTPUTF8).
fn local_char_ok(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "!#$%&'*+-/=?^_`{|}~.".contains(c)
        || (!c.is_ascii() && c.is_alphanumeric())
}

fn local_part(local: &str) -> Option<String> {
    let bad = bad_chars(local, local_char_ok);
    if !bad.is_empty() {
        return Some(format!(
            "The email address contains invalid characters before the @-sign: {bad}."
        ));
    }
    if local.starts_with('.') {
        return Some("An email address cannot start with a period.".to_owned());
    }
    if local.ends_with('.') {
        return Some(
            "An email address cannot have a period immediately before the @-sign.".to_owned(),
        );
    }
    if local.contains("..") {
        return Some("An email address cannot have two periods in a row.".to_owned());
    }
    None
}

fn domain_part(domain: &str) -> Option<String> {
    if domain.starts_with('[') {
        return Some("A bracketed IP address after the @-sign is not allowed here.".to_owned());
    }
    let bad = bad_chars(domain, |c| {
        c.is_ascii_alphanumeric() || c == '-' || c == '.' || (!c.is_ascii() && c.is_alphanumeric())
    });
    if !bad.is_empty() {
        return Some(format!(
            "The part after the @-sign contains invalid characters: {bad}."
        ));
    }
    if domain.contains("..") {
        return Some("An email address cannot have two periods in a row.".to_owned());
    }
    if domain.starts_with('.') {
        return Some(
            "An email address cannot have a period immediately after the @-sign.".to_owned(),
        );
    }
    if domain.ends_with('.') {
        return Some("An email address cannot end with a period.".to_owned());
    }
    if domain.starts_with('-') {
        return Some(
            "An email address cannot have a hyphen immediately after the @-sign.".to_owned(),
        );
    }
    if !domain.contains('.') {
        return Some("The part after the @-sign is not valid. It should have a period.".to_owned());
    }
    None
}

/// The characters of `part` that `ok` refuses, each once, in code point order, as
/// `email-validator` lists them: a visible one quoted (`'@'`), a space by its name.
fn bad_chars(part: &str, ok: impl Fn(char) -> bool) -> String {
    let mut bad: Vec<char> = part.chars().filter(|&c| !ok(c)).collect();
    bad.sort_unstable();
    bad.dedup();
    bad.iter()
        .map(|&c| match c {
            ' ' => "SPACE".to_owned(),
            '\t' => "CHARACTER TABULATION".to_owned(),
            '\n' => "LINE FEED (LF)".to_owned(),
            '\r' => "CARRIAGE RETURN (CR)".to_owned(),
            '\\' => "\"\\\"".to_owned(),
            c if c.is_control() => format!("U+{:04X}", u32::from(c)),
            c => format!("'{c}'"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::reason;

    /// What `email-validator` answers, as Pydantic's `EmailStr` quotes it.
    #[test]
    fn common_reasons_are_email_validators() {
        for (email, why) in [
            ("not_a_valid_email", "An email address must have an @-sign."),
            ("", "An email address must have an @-sign."),
            ("@", "There must be something before the @-sign."),
            ("a@", "There must be something after the @-sign."),
            ("@b.com", "There must be something before the @-sign."),
            (
                "a@b",
                "The part after the @-sign is not valid. It should have a period.",
            ),
            (
                "a b@c.com",
                "The email address contains invalid characters before the @-sign: SPACE.",
            ),
            (
                "a@@b.com",
                "The part after the @-sign contains invalid characters: '@'.",
            ),
            (
                "a@b..com",
                "An email address cannot have two periods in a row.",
            ),
            (".a@b.com", "An email address cannot start with a period."),
            (
                "a.@b.com",
                "An email address cannot have a period immediately before the @-sign.",
            ),
            (
                "a@-b.com",
                "An email address cannot have a hyphen immediately after the @-sign.",
            ),
            (
                "a@[1.2.3.4]",
                "A bracketed IP address after the @-sign is not allowed here.",
            ),
        ] {
            assert_eq!(reason(email).as_deref(), Some(why), "{email:?}");
        }
        assert_eq!(reason("ada@example.com"), None);
        assert_eq!(
            reason(&format!("{}@b.com", "x".repeat(2049))).as_deref(),
            Some("Length must not exceed 2048 characters")
        );
    }
}
