//! The container (the struct deriving `ResponseModel`) as the derive sees it: its fields
//! with their parsed attributes, each keeping a reference to the user's syntax so errors
//! point at it.

use syn::visit::Visit;
use syn::{Data, DeriveInput, Fields, GenericParam, Ident, Path, Type};

use super::attr::{self, FieldAttrs, SerdeField, ViewAttr};
use super::case::Rename;
use super::ctxt::Ctxt;
use super::types::Mentions;

pub(crate) struct Container<'a> {
    pub(crate) input: &'a DeriveInput,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) views: Vec<ViewAttr>,
    pub(crate) krate: Path,
    pub(crate) serde_rename_all: Option<Rename>,
    /// False when the input is not a struct with named fields (already reported): views
    /// are then neither checked nor generated, only stubbed.
    pub(crate) shape_ok: bool,
}

pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) ident: &'a Ident,
    pub(crate) secret: bool,
    /// `default = <expr>`: the value of an unset `Defaulted`/`Tristate` field.
    pub(crate) default_value: Option<syn::Expr>,
    pub(crate) serde: SerdeField,
}

impl Field<'_> {
    /// The field's Rust name without a raw prefix (`r#type` -> `type`).
    pub(crate) fn name(&self) -> String {
        let s = self.ident.to_string();
        s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
    }

    /// The field's key on the wire, given the rule of the struct it ends up in.
    pub(crate) fn wire_name(&self, rename_all: Option<&Rename>) -> String {
        match (&self.serde.rename, rename_all) {
            (Some(explicit), _) => explicit.clone(),
            (None, Some(rule)) => rule.rule.apply_to_field(&self.name()),
            (None, None) => self.name(),
        }
    }

    /// Whether the field is a key of its own on the wire (not skipped, not flattened).
    pub(crate) fn is_listed(&self) -> bool {
        !self.serde.skip_serializing && !self.serde.flatten
    }
}

impl<'a> Container<'a> {
    pub(crate) fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Self {
        let attrs = attr::Container::from_attrs(cx, &input.attrs);
        let krate = attrs.krate.clone().unwrap_or_else(attr::default_crate_path);
        let mut cont = Container {
            input,
            fields: Vec::new(),
            views: attrs.views,
            krate,
            serde_rename_all: attrs.serde_rename_all,
            shape_ok: false,
        };
        if let Some(named) = named_fields(cx, input) {
            cont.fields = named
                .named
                .iter()
                .filter_map(|f| {
                    let attrs = FieldAttrs::from_field(cx, f);
                    if let Some((key, _)) = &attrs.default_value
                        && super::types::settable(&f.ty).is_none()
                    {
                        cx.error_spanned_by(
                            key,
                            "`default = ...` is the value of a field while it is unset (Pydantic's `tax: float = 10.5`); make the field a `Defaulted<T>` (never null) or a `Tristate<T>` (may be null), or give a plain field serde's `#[serde(default)]`",
                        );
                    }
                    Some(Field {
                        original: f,
                        ident: f.ident.as_ref()?,
                        secret: attrs.secret,
                        default_value: attrs.default_value.map(|(_, e)| e),
                        serde: attrs.serde,
                    })
                })
                .collect();
            cont.shape_ok = true;
        }
        cont
    }

    /// The field `name` refers to (`type` finds `r#type`).
    pub(crate) fn field(&self, name: &Ident) -> Option<&Field<'a>> {
        let wanted = name.to_string();
        let wanted = wanted.strip_prefix("r#").unwrap_or(&wanted);
        self.fields.iter().find(|f| f.name() == wanted)
    }

    /// The fields a view may show: every one but the secret ones.
    pub(crate) fn public_fields(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(|f| !f.secret)
    }

    /// The fields `view` shows, by its `include`/`exclude` list (`include` wins if both are
    /// given). A name that matches no field selects nothing; `check` reports it.
    pub(crate) fn view_fields(&self, view: &ViewAttr) -> Vec<&Field<'a>> {
        let named = |list: &attr::FieldList, field: &Field| {
            list.fields.iter().any(|ident| {
                self.field(ident)
                    .is_some_and(|found| found.ident == field.ident)
            })
        };
        self.public_fields()
            .filter(|f| match (&view.include, &view.exclude) {
                (Some(inc), _) => named(inc, f),
                (None, Some(exc)) => !named(exc, f),
                (None, None) => true,
            })
            .collect()
    }

    /// Whether `ty` names one of the struct's generic parameters (then a `const` item can't
    /// refer to it).
    pub(crate) fn mentions_generics(&self, ty: &Type) -> bool {
        let mut mentions = Mentions::default();
        mentions.visit_type(ty);
        self.input.generics.params.iter().any(|p| match p {
            GenericParam::Type(t) => mentions.idents.contains(&t.ident.to_string()),
            GenericParam::Const(c) => mentions.idents.contains(&c.ident.to_string()),
            GenericParam::Lifetime(l) => mentions.lifetimes.contains(&l.lifetime.ident.to_string()),
        })
    }
}

/// The named fields of a struct; anything else is reported (`None`), each shape with
/// the fix that fits it.
fn named_fields<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Option<&'a syn::FieldsNamed> {
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => Some(named),
            Fields::Unnamed(fields) => {
                cx.error_spanned_by(
                    fields,
                    "#[derive(ResponseModel)] needs named fields: views pick fields by name; write `struct Name { field: Type, ... }`",
                );
                None
            }
            Fields::Unit => {
                cx.error_spanned_by(
                    &input.ident,
                    "#[derive(ResponseModel)] needs a struct with named fields; a unit struct has none to choose from",
                );
                None
            }
        },
        Data::Enum(data) => {
            cx.error_spanned_by(
                data.enum_token,
                "#[derive(ResponseModel)] supports structs only; derive it on the struct each variant holds",
            );
            None
        }
        Data::Union(data) => {
            cx.error_spanned_by(
                data.union_token,
                "#[derive(ResponseModel)] supports structs only, not unions",
            );
            None
        }
    }
}
