//! Parsing of `#[response_model(...)]` and of the `#[serde(...)]` keys that decide wire names.
//!
//! Parsing records what was written, with the tokens to point at; whether it makes sense
//! (fields exist, options don't conflict) is `check.rs`'s business.

use proc_macro2::{Span, TokenTree};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Path, Token, Type};

use super::case::{RULE_NAMES, Rename, RenameRule};
use super::ctxt::Ctxt;
use super::symbol::*;

/// `include(a, b)` / `exclude(a, b)`.
pub(crate) struct FieldList {
    pub(crate) keyword: Ident,
    pub(crate) group_span: Span,
    pub(crate) fields: Vec<Ident>,
}

/// One `field = View` of `nest(...)`.
pub(crate) struct NestAttr {
    pub(crate) field: Ident,
    pub(crate) view: Type,
}

/// One `view(Name, options...)`.
pub(crate) struct ViewAttr {
    pub(crate) name: Ident,
    pub(crate) include: Option<FieldList>,
    pub(crate) exclude: Option<FieldList>,
    pub(crate) exclude_none: Option<Ident>,
    pub(crate) exclude_defaults: Option<Ident>,
    pub(crate) exclude_unset: Option<Ident>,
    pub(crate) nest: Vec<NestAttr>,
    pub(crate) derives: Vec<Path>,
    pub(crate) rename_all: Option<Rename>,
}

/// Everything written on the struct.
pub(crate) struct Container {
    pub(crate) views: Vec<ViewAttr>,
    pub(crate) krate: Option<Path>,
    pub(crate) serde_rename_all: Option<Rename>,
}

/// Everything written on one field.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) secret: bool,
    pub(crate) serde: SerdeField,
}

/// The `#[serde(...)]` keys of a field that matter here.
#[derive(Default)]
pub(crate) struct SerdeField {
    pub(crate) rename: Option<String>,
    pub(crate) flatten: bool,
    pub(crate) skip_serializing: bool,
    pub(crate) skip_serializing_if: bool,
    pub(crate) custom_serializer: bool,
    pub(crate) default: bool,
}

impl Container {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut container = Container {
            views: Vec::new(),
            krate: None,
            serde_rename_all: None,
        };
        let mut krate_token: Option<Ident> = None;
        for attr in attrs {
            if attr.path().is_ident(RESPONSE_MODEL) {
                let parsed = attr.parse_args_with(|input: ParseStream| {
                    while !input.is_empty() {
                        let key = input.call(Ident::parse_any)?;
                        if key == VIEW {
                            let content;
                            syn::parenthesized!(content in input);
                            if let Some(view) = parse_view(cx, &key, &content)? {
                                container.views.push(view);
                            }
                        } else if key == CRATE {
                            input.parse::<Token![=]>()?;
                            let path = if input.peek(LitStr) {
                                input.parse::<LitStr>()?.parse::<Path>()?
                            } else {
                                input.call(Path::parse_mod_style)?
                            };
                            if krate_token.is_some() {
                                cx.error_spanned_by(&key, "`crate` is given twice; keep one");
                            }
                            krate_token = Some(key);
                            container.krate = Some(path);
                        } else {
                            cx.error_spanned_by(
                                &key,
                                unknown(
                                    "option",
                                    &key,
                                    CONTAINER_OPTIONS,
                                    " (views are declared as `view(UserOut, exclude(field))`)",
                                ),
                            );
                            skip_option(input)?;
                        }
                        if !input.is_empty() {
                            input.parse::<Token![,]>()?;
                        }
                    }
                    Ok(())
                });
                if let Err(err) = parsed {
                    cx.syn_error(err);
                }
            } else if attr.path().is_ident(SERDE) {
                // Tolerant: serde reports its own mistakes.
                let _ = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident(RENAME_ALL) {
                        if let Some(lit) = serialize_name(&meta)?
                            && let Some(rule) = RenameRule::from_str(&lit.value())
                        {
                            container.serde_rename_all = Some(Rename { rule, lit });
                        }
                        Ok(())
                    } else {
                        skip_meta(&meta)
                    }
                });
            }
        }
        container
    }
}

fn parse_view(cx: &Ctxt, keyword: &Ident, input: ParseStream) -> syn::Result<Option<ViewAttr>> {
    if input.is_empty() {
        cx.error_spanned_by(keyword, "this view has no name; write `view(UserOut, ...)`");
        return Ok(None);
    }
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        cx.error_spanned_by(
            &lit,
            format!(
                "a view's name is a type name, not a string; write `view({}, ...)`",
                lit.value()
            ),
        );
        skip_rest(input)?;
        return Ok(None);
    }
    let name = input.call(Ident::parse_any)?;
    if VIEW_OPTIONS.iter().any(|o| name == o) {
        cx.error_spanned_by(
            &name,
            format!("a view's name comes first; write `view(UserOut, {name}...)`"),
        );
        skip_rest(input)?;
        return Ok(None);
    }
    let mut view = ViewAttr {
        name,
        include: None,
        exclude: None,
        exclude_none: None,
        exclude_defaults: None,
        exclude_unset: None,
        nest: Vec::new(),
        derives: Vec::new(),
        rename_all: None,
    };
    let mut seen: Vec<Ident> = Vec::new();
    while !input.is_empty() {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        let key = input.call(Ident::parse_any)?;
        let known = VIEW_OPTIONS.iter().any(|o| key == o);
        if known {
            if let Some(first) = seen.iter().find(|k| **k == key) {
                let mut err = syn::Error::new(
                    key.span(),
                    format!(
                        "`{key}` is given twice in view `{}`; merge them into one",
                        view.name
                    ),
                );
                err.combine(syn::Error::new(first.span(), format!("first `{key}` here")));
                cx.syn_error(err);
            }
            seen.push(key.clone());
        }
        match key.to_string().as_str() {
            INCLUDE | EXCLUDE => {
                let content;
                let paren = syn::parenthesized!(content in input);
                let fields = Punctuated::<Ident, Token![,]>::parse_terminated_with(
                    &content,
                    Ident::parse_any,
                )?;
                let list = FieldList {
                    keyword: key.clone(),
                    group_span: paren.span.join(),
                    fields: fields.into_iter().collect(),
                };
                if key == INCLUDE {
                    view.include.get_or_insert(list);
                } else {
                    view.exclude.get_or_insert(list);
                }
            }
            EXCLUDE_NONE => view.exclude_none = Some(key),
            EXCLUDE_DEFAULTS => view.exclude_defaults = Some(key),
            EXCLUDE_UNSET => view.exclude_unset = Some(key),
            NEST => {
                let content;
                syn::parenthesized!(content in input);
                let pairs = Punctuated::<NestAttr, Token![,]>::parse_terminated_with(
                    &content,
                    |input: ParseStream| {
                        let field = input.call(Ident::parse_any)?;
                        if !input.peek(Token![=]) {
                            return Err(syn::Error::new(
                                field.span(),
                                format!(
                                    "`nest` maps a field to a view of its model; write `nest({field} = ItemOut)`"
                                ),
                            ));
                        }
                        input.parse::<Token![=]>()?;
                        Ok(NestAttr {
                            field,
                            view: input.parse()?,
                        })
                    },
                )?;
                view.nest.extend(pairs);
            }
            DERIVE => {
                let content;
                syn::parenthesized!(content in input);
                let paths = Punctuated::<Path, Token![,]>::parse_terminated(&content)?;
                view.derives.extend(paths);
            }
            RENAME_ALL => {
                input.parse::<Token![=]>()?;
                let lit: LitStr = input.parse()?;
                match RenameRule::from_str(&lit.value()) {
                    Some(rule) => view.rename_all = Some(Rename { rule, lit }),
                    None => cx.error_spanned_by(
                        &lit,
                        format!(
                            "unknown `rename_all` rule {:?}; expected one of {}",
                            lit.value(),
                            one_of(RULE_NAMES)
                        ),
                    ),
                }
            }
            _ => {
                cx.error_spanned_by(&key, unknown("view option", &key, VIEW_OPTIONS, ""));
                skip_option(input)?;
            }
        }
    }
    Ok(Some(view))
}

impl FieldAttrs {
    pub(crate) fn from_field(cx: &Ctxt, field: &syn::Field) -> Self {
        let mut out = FieldAttrs::default();
        let mut secret_token: Option<Path> = None;
        for attr in &field.attrs {
            if attr.path().is_ident(RESPONSE_MODEL) {
                let parsed = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident(SECRET) {
                        if secret_token.is_some() {
                            cx.error_spanned_by(&meta.path, "`secret` is given twice; keep one");
                        }
                        secret_token = Some(meta.path.clone());
                        out.secret = true;
                        Ok(())
                    } else {
                        let key = meta.path.get_ident().cloned().unwrap_or_else(|| {
                            Ident::new("option", proc_macro2::Span::call_site())
                        });
                        cx.error_spanned_by(
                            &meta.path,
                            unknown(
                                "field option",
                                &key,
                                FIELD_OPTIONS,
                                " (views choose their fields with `include`/`exclude` on the struct)",
                            ),
                        );
                        skip_meta(&meta)
                    }
                });
                if let Err(err) = parsed {
                    cx.syn_error(err);
                }
            } else if attr.path().is_ident(SERDE) {
                // Tolerant: serde reports its own mistakes.
                let _ = attr.parse_nested_meta(|meta| {
                    let s = &mut out.serde;
                    if meta.path.is_ident("rename") {
                        if let Some(lit) = serialize_name(&meta)? {
                            s.rename = Some(lit.value());
                        }
                        return Ok(());
                    }
                    if meta.path.is_ident("flatten") {
                        s.flatten = true;
                    } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_serializing") {
                        s.skip_serializing = true;
                    } else if meta.path.is_ident("skip_serializing_if") {
                        s.skip_serializing_if = true;
                    } else if meta.path.is_ident("serialize_with") || meta.path.is_ident("with") {
                        s.custom_serializer = true;
                    } else if meta.path.is_ident("default") {
                        s.default = true;
                    }
                    skip_meta(&meta)
                });
            }
        }
        out
    }
}

/// `key = "x"` or `key(serialize = "x", ...)`: the serialize-side literal.
fn serialize_name(meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    let mut found = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            found = Some(inner.value()?.parse()?);
            Ok(())
        } else {
            skip_meta(&inner)
        }
    })?;
    Ok(found)
}

/// Consumes whatever value a nested meta item has (`= expr` or `(...)`).
fn skip_meta(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}

/// Skips an unknown option's tokens, up to the next top-level comma.
fn skip_option(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

fn skip_rest(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

fn unknown(what: &str, key: &Ident, valid: &[&str], tail: &str) -> String {
    let key = key.to_string();
    let expected = one_of(valid);
    match did_you_mean(&key, valid.iter().copied()) {
        Some(close) => {
            format!("unknown {what} `{key}`; did you mean `{close}`? Expected {expected}{tail}")
        }
        None => format!("unknown {what} `{key}`; expected {expected}{tail}"),
    }
}

/// The candidate closest to `word`, if it is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: a transposed pair (`emial`) counts as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}
