//! A doc comment (`///`) read as text, once for every macro: `#[handler]` makes it the
//! operation's summary and description, `#[derive(ApiError)]` a response's description.

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

use crate::internals::symbol::DOC;

/// The doc comment of an item: its first paragraph (or leading `# Heading`) and the rest.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct DocComment {
    /// The first paragraph, lines joined by spaces (or a leading heading, without `#`).
    pub(crate) summary: Option<String>,
    /// The other paragraphs, Markdown kept, the common indentation removed.
    pub(crate) description: Option<String>,
}

impl DocComment {
    /// The doc comment of the item carrying `attrs`.
    pub(crate) fn from_attrs(attrs: &[Attribute]) -> Self {
        let (summary, description) = summary_and_description(&doc_lines(attrs));
        DocComment {
            summary,
            description,
        }
    }

    /// Summary and description as one text, a blank line between them; `""` when there is
    /// no doc comment.
    pub(crate) fn whole(&self) -> String {
        match (&self.summary, &self.description) {
            (Some(s), Some(d)) => format!("{s}\n\n{d}"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => String::new(),
        }
    }
}

/// The doc comment's text, one entry per line (`#[doc = "..."]` literals only; a computed
/// `#[doc = include_str!(..)]` cannot be read by a macro and is skipped).
fn doc_lines(attrs: &[Attribute]) -> Vec<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident(DOC) {
            continue;
        }
        if let Meta::NameValue(nv) = &attr.meta
            && let Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) = &nv.value
        {
            lines.extend(s.value().split('\n').map(str::to_owned));
        }
    }
    lines
}

/// Summary (the first paragraph, lines joined by spaces) and description (the other
/// paragraphs, Markdown kept, the common indentation removed) of a doc comment.
fn summary_and_description(lines: &[String]) -> (Option<String>, Option<String>) {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let unindented: Vec<&str> = lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                l.get(indent..).unwrap_or(l.as_str()).trim_end()
            }
        })
        .collect();
    let mut rest = unindented.iter().skip_while(|l| l.is_empty()).peekable();
    // A heading (`# Get a user`) is a block of its own: the summary, without its markers.
    let summary = match rest.next_if(|l| l.starts_with('#')) {
        Some(heading) => Some(heading.trim_start_matches('#').trim().to_owned()),
        None => {
            let mut lines = Vec::new();
            while let Some(line) = rest.next_if(|l| !l.is_empty()) {
                lines.push(line.trim());
            }
            (!lines.is_empty()).then(|| lines.join(" "))
        }
    };
    let remaining: Vec<&str> = rest.copied().collect();
    let start = remaining.iter().position(|l| !l.is_empty());
    let end = remaining.iter().rposition(|l| !l.is_empty());
    let description = match (start, end) {
        (Some(s), Some(e)) => Some(remaining[s..=e].join("\n")),
        _ => None,
    };
    (summary, description)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use super::{DocComment, summary_and_description};

    fn split(doc: &str) -> (Option<String>, Option<String>) {
        let lines: Vec<String> = doc.lines().map(str::to_owned).collect();
        summary_and_description(&lines)
    }

    #[test]
    fn first_paragraph_is_the_summary() {
        let (s, d) = split(" Get a user\n by id.\n\n Looks it up.\n\n ```\n let x = 1;\n ```\n");
        assert_eq!(s.as_deref(), Some("Get a user by id."));
        assert_eq!(d.as_deref(), Some("Looks it up.\n\n```\nlet x = 1;\n```"));
    }

    #[test]
    fn relative_indentation_is_kept() {
        let (s, d) = split("\n  Summary.\n\n  - a\n    - b\n");
        assert_eq!(s.as_deref(), Some("Summary."));
        assert_eq!(d.as_deref(), Some("- a\n  - b"));
    }

    #[test]
    fn no_doc_no_summary() {
        assert_eq!(split(""), (None, None));
        assert_eq!(split(" \n \n"), (None, None));
        assert_eq!(
            split(" Only a summary.\n"),
            (Some("Only a summary.".into()), None)
        );
    }

    #[test]
    fn whole_joins_summary_and_description() {
        let attrs: Vec<syn::Attribute> = vec![
            syn::parse_quote!(#[doc = " Gone."]),
            syn::parse_quote!(#[doc = ""]),
            syn::parse_quote!(#[doc = " For good."]),
        ];
        let doc = DocComment::from_attrs(&attrs);
        assert_eq!(doc.whole(), "Gone.\n\nFor good.");
        assert_eq!(DocComment::from_attrs(&[]).whole(), "");
    }

    #[test]
    fn a_heading_is_a_summary_without_its_markers() {
        let (s, d) = split(" # Get a user\n\n ## Errors\n 404 if missing.");
        assert_eq!(s.as_deref(), Some("Get a user"));
        assert_eq!(d.as_deref(), Some("## Errors\n404 if missing."));
        let (s, d) = split(" ## Get a user\n Looks it up.");
        assert_eq!(s.as_deref(), Some("Get a user"));
        assert_eq!(d.as_deref(), Some("Looks it up."));
    }
}
