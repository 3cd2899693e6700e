//! `impl JsonSchema` for a view as data: a `const` table of its keys (wire name, the
//! field type's schema function, when the key is required, the doc comment's title and
//! description) read by one non-generic function of the runtime, instead of a schemars
//! derive per view. The derive knows all of it at expansion time; schemars' derive would
//! emit a body per view recomputing it, which each crate then type-checks and compiles.
//!
//! The schema is the one schemars' derive gives the same struct, key for key, schemars'
//! validation keys `length`, `range` (literal bounds) and the formats (`email`, `url`,
//! `ip`, `ipv4`, `ipv6`) included. Views whose fields carry anything else schemars
//! interprets (another `#[schemars]` key, a `#[garde]` or `#[validate]` attribute, serde
//! keys other than `rename = ".."`/`alias`, `default = ..`, a doc comment that is not a
//! string literal) or that are generic keep the schemars derive: [`generate`] answers
//! `None` for them.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Lit};

use crate::internals::ast::Container;
use crate::internals::plan::{FieldPlan, Omit, ViewPlan};
use crate::internals::symbol::{DOC, SCHEMARS, SERDE};

/// The `JsonSchema` impl of a view as a table, or `None` when the view keeps schemars'
/// derive.
pub(super) fn generate(cont: &Container, plan: &ViewPlan) -> Option<TokenStream> {
    if !cont.input.generics.params.is_empty() || cont.input.generics.where_clause.is_some() {
        return None;
    }
    let krate = &cont.krate;
    let rows = plan
        .fields
        .iter()
        .map(|f| row(cont, plan, f))
        .collect::<Option<Vec<_>>>()?;
    let name = &plan.attr.name;
    let component = plan
        .attr
        .schema_name
        .as_ref()
        .map_or_else(|| name.to_string(), syn::LitStr::value);
    let closed = plan.closed;
    let p = quote!(#krate::__private);
    Some(quote! {
        #[automatically_derived]
        impl #p::JsonSchema for #name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#component)
            }
            fn schema_id() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(::core::concat!(::core::module_path!(), "::", #component))
            }
            fn json_schema(__generator: &mut #p::schemars::SchemaGenerator) -> #p::schemars::Schema {
                const __OBJECT: #p::ObjectSchema = #p::ObjectSchema {
                    fields: &[#(#rows),*],
                    closed: #closed,
                    comment: ::core::concat!("rust: ", ::core::module_path!(), "::", #component),
                };
                #p::object_schema(__generator, &__OBJECT)
            }
        }
    })
}

/// One field's row, or `None` when the field needs schemars' derive.
fn row(cont: &Container, plan: &ViewPlan, f: &FieldPlan) -> Option<TokenStream> {
    let field = f.field;
    if field.default_value.is_some() || !field.is_listed() {
        return None;
    }
    let mut doc_lines = Vec::new();
    let mut checks = Checks::default();
    for attr in &field.original.attrs {
        if attr.path().is_ident(DOC) {
            doc_lines.push(doc_line(attr)?);
        } else if attr.path().is_ident(SERDE) {
            if !plain_serde(attr) {
                return None;
            }
        } else if attr.path().is_ident(SCHEMARS) {
            checks.read(attr)?;
        } else if crate::internals::symbol::COPIED_FIELD_ATTRS
            .iter()
            .any(|c| attr.path().is_ident(c))
        {
            return None;
        }
    }
    let (title, description) = title_and_description(&doc_lines.join("\n"));
    let krate = &cont.krate;
    let p = quote!(#krate::__private);
    let ty = &f.ty;
    let (schema_ty, presence) = match &f.omit {
        Omit::Never if f.is_always_sent_option() => (quote!(#ty), quote!(#p::Presence::Required)),
        Omit::Never => (quote!(#ty), quote!(#p::Presence::Plain)),
        Omit::WhenNoneWithSchemaOf(inner) => (quote!(#inner), quote!(#p::Presence::Optional)),
        Omit::WhenUnset(_) | Omit::WhenDefault => (quote!(#ty), quote!(#p::Presence::Optional)),
        // A custom serializer: not a plain field.
        Omit::WhenNone => return None,
    };
    let wire = field.wire_name(plan.rename);
    let checks = checks.tokens(&p);
    Some(quote_spanned! {ty.span()=>
        #p::SchemaField::of::<#schema_ty>(#wire, #presence, #title, #description, &[#(#checks),*])
    })
}

/// A `#[doc = "..."]` line as schemars reads it (one leading space dropped).
fn doc_line(attr: &Attribute) -> Option<String> {
    let nv = attr.meta.require_name_value().ok()?;
    match &nv.value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => {
            let v = s.value();
            Some(v.strip_prefix(' ').map(str::to_owned).unwrap_or(v))
        }
        _ => None,
    }
}

/// schemars' reading of a doc comment: a first line starting with `#` is the title
/// (without the `#`s), the rest the description; otherwise all of it is the description.
fn title_and_description(doc: &str) -> (String, String) {
    let doc = doc.trim_ascii();
    match doc.strip_prefix('#') {
        Some(_) => {
            let (first, rest) = doc.split_once('\n').unwrap_or((doc, ""));
            (
                first.trim_start_matches('#').trim_ascii().to_owned(),
                rest.trim_ascii().to_owned(),
            )
        }
        None => (String::new(), doc.to_owned()),
    }
}

/// Whether a field's `#[serde(...)]` holds only keys that change nothing schemars would
/// read beyond the wire name (`rename = ".."`, `alias`).
fn plain_serde(attr: &Attribute) -> bool {
    attr.parse_nested_meta(|meta| {
        let plain = (meta.path.is_ident("rename") && meta.input.peek(syn::Token![=]))
            || meta.path.is_ident("alias");
        if !plain {
            return Err(meta.error("not plain"));
        }
        meta.value()?.parse::<syn::LitStr>()?;
        Ok(())
    })
    .is_ok()
}

/// A bound of `length`/`range`: an integer or float literal, maybe negative.
#[derive(Clone)]
enum Bound {
    Int(i64),
    Float(f64),
}

/// The schemars validation keys of one field that the table writes itself.
#[derive(Default)]
struct Checks {
    length: Option<(Option<Bound>, Option<Bound>)>,
    range: Option<(Option<Bound>, Option<Bound>)>,
    format: Option<&'static str>,
}

impl Checks {
    /// Reads one `#[schemars(...)]`; `None` for a key the table does not write (or one
    /// given twice, which schemars' derive reports).
    fn read(&mut self, attr: &Attribute) -> Option<()> {
        attr.parse_nested_meta(|meta| {
            let unsupported = || meta.error("not in the table");
            let format = [
                ("email", "email"),
                ("url", "uri"),
                ("ip", "ip"),
                ("ipv4", "ipv4"),
                ("ipv6", "ipv6"),
            ]
            .into_iter()
            .find(|(attr, _)| meta.path.is_ident(attr));
            if let Some((_, format)) = format {
                if self.format.is_some()
                    || !meta.input.is_empty() && !meta.input.peek(syn::Token![,])
                {
                    return Err(unsupported());
                }
                self.format = Some(format);
                return Ok(());
            }
            let slot = if meta.path.is_ident("length") {
                &mut self.length
            } else if meta.path.is_ident("range") {
                &mut self.range
            } else {
                return Err(unsupported());
            };
            if slot.is_some() {
                return Err(unsupported());
            }
            let (mut min, mut max, mut equal) = (None, None, None);
            meta.parse_nested_meta(|inner| {
                let which = if inner.path.is_ident("min") {
                    &mut min
                } else if inner.path.is_ident("max") {
                    &mut max
                } else if inner.path.is_ident("equal") {
                    &mut equal
                } else {
                    return Err(inner.error("not in the table"));
                };
                let expr: Expr = inner.value()?.parse()?;
                *which = Some(bound(&expr).ok_or_else(|| inner.error("not a literal"))?);
                Ok(())
            })?;
            *slot = Some((min.or_else(|| equal.clone()), max.or(equal)));
            Ok(())
        })
        .ok()
    }

    /// The `Check`s, in schemars' order: `length` (as a string's, then an array's),
    /// `range`, the format.
    fn tokens(&self, p: &TokenStream) -> Vec<TokenStream> {
        let check = |ty: &str, key: &str, value: TokenStream| quote!(#p::Check { ty: #ty, key: #key, value: #value });
        let number = |b: &Bound| match b {
            Bound::Int(v) => quote!(#p::CheckValue::Int(#v)),
            Bound::Float(v) => quote!(#p::CheckValue::Float(#v)),
        };
        let mut out = Vec::new();
        let mut bounds = |pair: &Option<(Option<Bound>, Option<Bound>)>, ty: &str, suffix: &str| {
            if let Some((min, max)) = pair {
                if let Some(min) = min {
                    out.push(check(ty, &format!("min{suffix}"), number(min)));
                }
                if let Some(max) = max {
                    out.push(check(ty, &format!("max{suffix}"), number(max)));
                }
            }
        };
        bounds(&self.length, "string", "Length");
        bounds(&self.length, "array", "Items");
        bounds(&self.range, "number", "imum");
        if let Some(format) = self.format {
            out.push(check("", "format", quote!(#p::CheckValue::Str(#format))));
        }
        out
    }
}

/// A literal bound (`255`, `-1`, `0.5`), as schemars' derive would insert it.
fn bound(expr: &Expr) -> Option<Bound> {
    let (negative, lit) = match expr {
        Expr::Lit(ExprLit { lit, .. }) => (false, lit),
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => match &**expr {
            Expr::Lit(ExprLit { lit, .. }) => (true, lit),
            _ => return None,
        },
        _ => return None,
    };
    match lit {
        Lit::Int(i) => {
            let v: i64 = i.base10_parse().ok()?;
            Some(Bound::Int(if negative { v.checked_neg()? } else { v }))
        }
        // A suffixed float (`0.1f32`) is inserted as that type's value: left to schemars.
        Lit::Float(f) if f.suffix().is_empty() => {
            let v: f64 = f.base10_parse().ok()?;
            Some(Bound::Float(if negative { -v } else { v }))
        }
        _ => None,
    }
}
