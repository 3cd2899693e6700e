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
    /// `name = "PublicUser"`: the view's component name in the OpenAPI document.
    pub(crate) schema_name: Option<LitStr>,
    /// `closed`: the view's schema admits no key but its own (`additionalProperties:
    /// false`); without it the schema is open, so an added field breaks no client.
    pub(crate) closed: Option<Ident>,
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
    /// `default = <expr>` on a `Defaulted`/`Tristate` field: its value when unset
    /// (Pydantic's `tax: float = 10.5`).
    pub(crate) default_value: Option<(Path, syn::Expr)>,
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
        // The first `crate` key, kept across attributes so a second one is reported.
        let mut krate_token: Option<Ident> = None;
        for attr in attrs {
            if attr.path().is_ident(RESPONSE_MODEL) {
                let parsed = attr.parse_args_with(|input: ParseStream| {
                    container.parse_options(cx, &mut krate_token, input)
                });
                if let Err(err) = parsed {
                    cx.syn_error(err);
                }
            } else if attr.path().is_ident(SERDE) {
                container.read_serde(attr);
            }
        }
        container
    }

    /// The comma-separated options of one `#[response_model(...)]` on the struct.
    fn parse_options(
        &mut self,
        cx: &Ctxt,
        krate_token: &mut Option<Ident>,
        input: ParseStream,
    ) -> syn::Result<()> {
        while !input.is_empty() {
            let key = input.call(Ident::parse_any)?;
            if key == VIEW {
                let content;
                syn::parenthesized!(content in input);
                if let Some(view) = parse_view(cx, &key, &content)? {
                    self.views.push(view);
                }
            } else if key == CRATE {
                let path = parse_crate_path(input)?;
                if krate_token.is_some() {
                    cx.error_spanned_by(&key, given_twice(CRATE));
                }
                *krate_token = Some(key);
                self.krate = Some(path);
            } else if VIEW_OPTIONS.iter().any(|o| key == o) {
                // `#[response_model(closed)]` on the struct: each view takes it.
                cx.error_spanned_by(
                    &key,
                    format!(
                        "`{key}` is an option of each view, not of the model; write it in the view: `view(UserOut, {key})`"
                    ),
                );
                skip_option(input)?;
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
    }

    /// `#[serde(rename_all = "...")]` on the struct, which views inherit.
    fn read_serde(&mut self, attr: &Attribute) {
        // Tolerant: serde reports its own mistakes.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(RENAME_ALL) {
                if let Some(lit) = serialize_name(&meta)?
                    && let Some(rule) = RenameRule::from_str(&lit.value())
                {
                    self.serde_rename_all = Some(Rename { rule, lit });
                }
                Ok(())
            } else {
                skip_meta(&meta)
            }
        });
    }
}

/// The `= path` (or `= "path"`) after a `crate` key: where the facade crate is when it is
/// re-exported. The derive and `#[handler]` share it, so both accept the same spellings.
pub(crate) fn parse_crate_path(input: ParseStream) -> syn::Result<Path> {
    input.parse::<Token![=]>()?;
    if input.peek(LitStr) {
        input.parse::<LitStr>()?.parse::<Path>()
    } else {
        input.call(Path::parse_mod_style)
    }
}

/// Where the facade crate is when no `crate = path` says otherwise.
pub(crate) fn default_crate_path() -> Path {
    syn::parse_quote!(::response_model)
}

/// The inside of one `view(Name, options...)`; `None` (reported) when it has no usable
/// name, since every later rule is about a named view.
fn parse_view(cx: &Ctxt, keyword: &Ident, input: ParseStream) -> syn::Result<Option<ViewAttr>> {
    let Some(name) = parse_view_name(cx, keyword, input)? else {
        return Ok(None);
    };
    let mut view = ViewAttr::named(name);
    // The options given so far, so a repeated one is reported with its first place.
    let mut seen: Vec<Ident> = Vec::new();
    while !input.is_empty() {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        let key = input.call(Ident::parse_any)?;
        if VIEW_OPTIONS.iter().any(|o| key == o) {
            report_repeated_option(cx, &seen, &key, &view.name);
            seen.push(key.clone());
        }
        view.parse_option(cx, key, input)?;
    }
    Ok(Some(view))
}

/// The view's name, which comes first. The usual slips (no name, a string, an option
/// first) are reported and the rest of the view skipped: `None`.
fn parse_view_name(cx: &Ctxt, keyword: &Ident, input: ParseStream) -> syn::Result<Option<Ident>> {
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
    Ok(Some(name))
}

/// A known option given a second time in one view: reported at both places (both are
/// parsed as usual, the first list winning).
fn report_repeated_option(cx: &Ctxt, seen: &[Ident], key: &Ident, view: &Ident) {
    if let Some(first) = seen.iter().find(|k| *k == key) {
        let mut err = syn::Error::new(
            key.span(),
            format!("`{key}` is given twice in view `{view}`; merge them into one"),
        );
        err.combine(syn::Error::new(first.span(), format!("first `{key}` here")));
        cx.syn_error(err);
    }
}

impl ViewAttr {
    fn named(name: Ident) -> Self {
        ViewAttr {
            name,
            include: None,
            exclude: None,
            exclude_none: None,
            exclude_defaults: None,
            exclude_unset: None,
            nest: Vec::new(),
            derives: Vec::new(),
            rename_all: None,
            schema_name: None,
            closed: None,
        }
    }

    /// One option after the view's name, `key` already read.
    fn parse_option(&mut self, cx: &Ctxt, key: Ident, input: ParseStream) -> syn::Result<()> {
        match key.to_string().as_str() {
            INCLUDE => {
                let list = parse_field_list(key, input)?;
                self.include.get_or_insert(list);
            }
            EXCLUDE => {
                let list = parse_field_list(key, input)?;
                self.exclude.get_or_insert(list);
            }
            EXCLUDE_NONE => self.exclude_none = parse_flag(cx, key, &self.name, input)?,
            EXCLUDE_DEFAULTS => self.exclude_defaults = parse_flag(cx, key, &self.name, input)?,
            EXCLUDE_UNSET => self.exclude_unset = parse_flag(cx, key, &self.name, input)?,
            CLOSED => self.closed = parse_flag(cx, key, &self.name, input)?,
            NEST => self.nest.extend(parse_nest(input)?),
            DERIVE => self.derives.extend(parse_derives(input)?),
            RENAME_ALL => {
                if let Some(rename) = parse_rename_all(cx, input)? {
                    self.rename_all = Some(rename);
                }
            }
            NAME => {
                if let Some(name) = parse_schema_name(cx, input)? {
                    self.schema_name = Some(name);
                }
            }
            _ => {
                cx.error_spanned_by(&key, unknown("view option", &key, VIEW_OPTIONS, ""));
                skip_option(input)?;
            }
        }
        Ok(())
    }
}

/// A view option that is a bare word (`exclude_none`, `closed`): `Some(key)`. A value
/// after it (`closed = true`, `closed(..)`) is reported at the value with the bare form,
/// skipped, and the option taken as written.
fn parse_flag(
    cx: &Ctxt,
    key: Ident,
    view: &Ident,
    input: ParseStream,
) -> syn::Result<Option<Ident>> {
    let mut value = proc_macro2::TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        value.extend([input.parse::<TokenTree>()?]);
    }
    if !value.is_empty() {
        cx.error_spanned_by(
            value,
            format!("`{key}` takes no value; write it alone: `view({view}, {key})`"),
        );
    }
    Ok(Some(key))
}

/// `(a, b)` after `include`/`exclude`. Names are any identifiers (keywords too, for
/// raw-named fields); whether they exist is checked later.
fn parse_field_list(keyword: Ident, input: ParseStream) -> syn::Result<FieldList> {
    let content;
    let paren = syn::parenthesized!(content in input);
    let fields = Punctuated::<Ident, Token![,]>::parse_terminated_with(&content, Ident::parse_any)?;
    Ok(FieldList {
        keyword,
        group_span: paren.span.join(),
        fields: fields.into_iter().collect(),
    })
}

/// `(field = View, ...)` after `nest`.
fn parse_nest(input: ParseStream) -> syn::Result<Punctuated<NestAttr, Token![,]>> {
    let content;
    syn::parenthesized!(content in input);
    Punctuated::parse_terminated_with(&content, parse_nest_pair)
}

/// One `field = View`; a bare field gets an error that shows the form.
fn parse_nest_pair(input: ParseStream) -> syn::Result<NestAttr> {
    let field = input.call(Ident::parse_any)?;
    if !input.peek(Token![=]) {
        return Err(syn::Error::new(
            field.span(),
            format!("`nest` maps a field to a view of its model; write `nest({field} = ItemOut)`"),
        ));
    }
    input.parse::<Token![=]>()?;
    Ok(NestAttr {
        field,
        view: input.parse()?,
    })
}

/// `(Trait, ...)` after `derive`.
fn parse_derives(input: ParseStream) -> syn::Result<Punctuated<Path, Token![,]>> {
    let content;
    syn::parenthesized!(content in input);
    Punctuated::parse_terminated(&content)
}

/// `= "rule"` after `rename_all`; an unknown rule is reported (`None`) and parsing goes on.
/// `= "PublicUser"` after `name`: an OpenAPI component name (`^[a-zA-Z0-9._-]+$`, the
/// specification's rule for component keys).
fn parse_schema_name(cx: &Ctxt, input: ParseStream) -> syn::Result<Option<LitStr>> {
    input.parse::<Token![=]>()?;
    let lit: LitStr = input.parse()?;
    let value = lit.value();
    let valid = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if valid {
        Ok(Some(lit))
    } else {
        cx.error_spanned_by(
            &lit,
            format!(
                "`name` {value:?} cannot name an OpenAPI component: use ASCII letters, digits, `.`, `-` and `_`, such as `name = \"PublicUser\"`"
            ),
        );
        Ok(None)
    }
}

fn parse_rename_all(cx: &Ctxt, input: ParseStream) -> syn::Result<Option<Rename>> {
    input.parse::<Token![=]>()?;
    let lit: LitStr = input.parse()?;
    match RenameRule::from_str(&lit.value()) {
        Some(rule) => Ok(Some(Rename { rule, lit })),
        None => {
            cx.error_spanned_by(
                &lit,
                format!(
                    "unknown `rename_all` rule {:?}; expected one of {}",
                    lit.value(),
                    one_of(RULE_NAMES)
                ),
            );
            Ok(None)
        }
    }
}

impl FieldAttrs {
    pub(crate) fn from_field(cx: &Ctxt, field: &syn::Field) -> Self {
        let mut out = FieldAttrs::default();
        // The first `secret`, kept across attributes so a second one is reported.
        let mut secret_token: Option<Path> = None;
        for attr in &field.attrs {
            if attr.path().is_ident(RESPONSE_MODEL) {
                let parsed =
                    attr.parse_nested_meta(|meta| out.parse_option(cx, &mut secret_token, &meta));
                if let Err(err) = parsed {
                    cx.syn_error(err);
                }
            } else if attr.path().is_ident(SERDE) {
                out.serde.read(attr);
            }
        }
        out
    }

    /// One option of a field's `#[response_model(...)]`.
    fn parse_option(
        &mut self,
        cx: &Ctxt,
        secret_token: &mut Option<Path>,
        meta: &ParseNestedMeta,
    ) -> syn::Result<()> {
        if meta.path.is_ident(SECRET) {
            if secret_token.is_some() {
                cx.error_spanned_by(&meta.path, given_twice(SECRET));
            }
            *secret_token = Some(meta.path.clone());
            self.secret = true;
            Ok(())
        } else if meta.path.is_ident(DEFAULT) {
            let expr: syn::Expr = meta.value()?.parse()?;
            if self.default_value.is_some() {
                cx.error_spanned_by(&meta.path, given_twice(DEFAULT));
            }
            self.default_value = Some((meta.path.clone(), expr));
            Ok(())
        } else {
            let key = meta
                .path
                .get_ident()
                .cloned()
                .unwrap_or_else(|| Ident::new("option", Span::call_site()));
            cx.error_spanned_by(
                &meta.path,
                unknown(
                    "field option",
                    &key,
                    FIELD_OPTIONS,
                    " (views choose their fields with `include`/`exclude` on the struct)",
                ),
            );
            skip_meta(meta)
        }
    }
}

impl SerdeField {
    /// The keys of one `#[serde(...)]` on a field that change its wire name or presence.
    fn read(&mut self, attr: &Attribute) {
        // Tolerant: serde reports its own mistakes.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(RENAME) {
                if let Some(lit) = serialize_name(&meta)? {
                    self.rename = Some(lit.value());
                }
                return Ok(());
            }
            if meta.path.is_ident(FLATTEN) {
                self.flatten = true;
            } else if meta.path.is_ident(SKIP) || meta.path.is_ident(SKIP_SERIALIZING) {
                self.skip_serializing = true;
            } else if meta.path.is_ident(SKIP_SERIALIZING_IF) {
                self.skip_serializing_if = true;
            } else if meta.path.is_ident(SERIALIZE_WITH) || meta.path.is_ident(WITH) {
                self.custom_serializer = true;
            } else if meta.path.is_ident(DEFAULT) {
                self.default = true;
            }
            skip_meta(&meta)
        });
    }
}

/// `key = "x"` or `key(serialize = "x", ...)`: the serialize-side literal.
fn serialize_name(meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    let mut found = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident(SERIALIZE) {
            found = Some(inner.value()?.parse()?);
            Ok(())
        } else {
            skip_meta(&inner)
        }
    })?;
    Ok(found)
}

/// Consumes whatever value a nested meta item has (`= expr` or `(...)`).
pub(crate) fn skip_meta(meta: &ParseNestedMeta) -> syn::Result<()> {
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

/// Skips everything left in a group (a view whose name is unusable).
fn skip_rest(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// "unknown {what} `key`; expected ...", with a "did you mean" for a likely typo.
pub(crate) fn unknown(what: &str, key: &Ident, valid: &[&str], tail: &str) -> String {
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
