//! Syntactic facts about types: the wrappers `nest` maps through, `Option` for
//! `exclude_none`, `Tristate` and `Defaulted` for `exclude_unset`, which generic parameters a type uses,
//! and (for `#[handler]`) where a type has an unnameable `impl Trait`.

use std::collections::BTreeSet;

use syn::visit::Visit;
use syn::{GenericArgument, PathArguments, Type};

/// A wrapper (`Vec`, `Option`, ...) a nested model may sit in; `nest` maps its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wrapper {
    Option,
    Vec,
    Box,
    /// `HashMap<K, V>` / `BTreeMap<K, V>`: the values are mapped, keys kept.
    Map,
}

/// A field type seen as wrappers around a leaf: `Option<Vec<Item>>` is
/// `[Option, Vec]` around `Item`.
pub(crate) struct Shape<'a> {
    pub(crate) wrappers: Vec<Wrapper>,
    pub(crate) leaf: &'a Type,
}

fn ungroup(ty: &Type) -> &Type {
    match ty {
        Type::Group(g) => ungroup(&g.elem),
        Type::Paren(p) => ungroup(&p.elem),
        other => other,
    }
}

/// The last path segment's name and its type arguments, for a plain path type.
fn last_segment(ty: &Type) -> Option<(String, Vec<&Type>)> {
    let Type::Path(path) = ungroup(ty) else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let seg = path.path.segments.last()?;
    let args = match &seg.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        PathArguments::None => Vec::new(),
        PathArguments::Parenthesized(_) => return None,
    };
    Some((seg.ident.to_string(), args))
}

fn wrapper_of(ty: &Type) -> Option<(Wrapper, &Type)> {
    let (name, args) = last_segment(ty)?;
    match (name.as_str(), args.as_slice()) {
        ("Option", [inner]) => Some((Wrapper::Option, inner)),
        ("Vec", [inner]) => Some((Wrapper::Vec, inner)),
        ("Box", [inner]) => Some((Wrapper::Box, inner)),
        ("HashMap" | "BTreeMap", [_key, value, ..]) => Some((Wrapper::Map, value)),
        _ => None,
    }
}

pub(crate) fn peel(ty: &Type) -> Shape<'_> {
    let mut wrappers = Vec::new();
    let mut leaf = ty;
    while let Some((w, inner)) = wrapper_of(leaf) {
        wrappers.push(w);
        leaf = inner;
    }
    Shape {
        wrappers,
        leaf: ungroup(leaf),
    }
}

/// `ty` with its leaf (see [`peel`]) replaced by `new_leaf`.
pub(crate) fn replace_leaf(ty: &Type, new_leaf: &Type) -> Type {
    let mut out = ty.clone();
    replace_leaf_mut(&mut out, new_leaf);
    out
}

fn replace_leaf_mut(ty: &mut Type, new_leaf: &Type) {
    let Some((wrapper, _)) = wrapper_of(ty) else {
        *ty = new_leaf.clone();
        return;
    };
    let slot = match ty {
        Type::Group(g) => return replace_leaf_mut(&mut g.elem, new_leaf),
        Type::Paren(p) => return replace_leaf_mut(&mut p.elem, new_leaf),
        Type::Path(path) => {
            path.path
                .segments
                .last_mut()
                .and_then(|seg| match &mut seg.arguments {
                    PathArguments::AngleBracketed(a) => a
                        .args
                        .iter_mut()
                        .filter_map(|arg| match arg {
                            GenericArgument::Type(t) => Some(t),
                            _ => None,
                        })
                        .nth(if wrapper == Wrapper::Map { 1 } else { 0 }),
                    _ => None,
                })
        }
        _ => None,
    };
    if let Some(inner) = slot {
        replace_leaf_mut(inner, new_leaf);
    }
}

/// `Some(T)` for `Option<T>`.
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    match wrapper_of(ty) {
        Some((Wrapper::Option, inner)) => Some(inner),
        _ => None,
    }
}

/// `Tristate<T>` (the unset/null/value type), recognised by its last path segment.
pub(crate) fn is_tristate(ty: &Type) -> bool {
    settable(ty) == Some(Settable::Tristate)
}

/// A field type that remembers whether it was set, which `exclude_unset` and
/// `default = ..` work with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Settable {
    /// `Tristate<T>`: unset, null or a value.
    Tristate,
    /// `Defaulted<T>`: unset or a value, never null.
    Defaulted,
}

/// Which [`Settable`] type `ty` is, recognised by its last path segment.
pub(crate) fn settable(ty: &Type) -> Option<Settable> {
    let (name, args) = last_segment(ty)?;
    match (name.as_str(), args.len()) {
        ("Tristate", 1) => Some(Settable::Tristate),
        ("Defaulted", 1) => Some(Settable::Defaulted),
        _ => None,
    }
}

/// A leaf that certainly holds no model: primitives, strings, tuples, arrays, references.
pub(crate) fn holds_no_model(leaf: &Type) -> bool {
    const PRIMITIVES: &[&str] = &[
        "bool", "char", "str", "String", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16",
        "u32", "u64", "u128", "usize", "f32", "f64",
    ];
    match ungroup(leaf) {
        Type::Path(_) => last_segment(leaf)
            .is_some_and(|(name, args)| args.is_empty() && PRIMITIVES.contains(&name.as_str())),
        Type::Tuple(_) | Type::Array(_) | Type::Slice(_) | Type::Reference(_) | Type::Ptr(_) => {
            true
        }
        _ => false,
    }
}

/// A type that is certainly `Clone` and `Debug`: std's primitives and `String`, and std's
/// containers, tuples, arrays and shared references of such types. A view's `Clone`/`Debug`
/// impls bound only the other field types (the compiler then has fewer predicates to prove).
/// Recognised by the path's last segment, as [`settable`] is: a user type named `String`
/// that is neither is reported by the compiler at the field.
pub(crate) fn is_std_clone_debug(ty: &Type) -> bool {
    const LEAVES: &[&str] = &[
        "bool", "char", "String", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32",
        "u64", "u128", "usize", "f32", "f64",
    ];
    const CONTAINERS: &[&str] = &[
        "Option", "Vec", "Box", "VecDeque", "BTreeMap", "BTreeSet", "HashMap", "HashSet", "Rc",
        "Arc",
    ];
    match ungroup(ty) {
        Type::Path(p) => {
            let std_path = p.path.segments.len() == 1
                || p.path
                    .segments
                    .first()
                    .is_some_and(|s| s.ident == "std" || s.ident == "alloc" || s.ident == "core");
            let types_only = p.path.segments.last().is_some_and(|s| match &s.arguments {
                PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .all(|arg| matches!(arg, GenericArgument::Type(_))),
                PathArguments::None => true,
                PathArguments::Parenthesized(_) => false,
            });
            std_path
                && types_only
                && last_segment(ty).is_some_and(|(name, args)| {
                    (args.is_empty() && LEAVES.contains(&name.as_str()))
                        || (!args.is_empty()
                            && CONTAINERS.contains(&name.as_str())
                            && args.iter().all(|a| is_std_clone_debug(a)))
                })
        }
        Type::Tuple(t) => t.elems.len() <= 12 && t.elems.iter().all(is_std_clone_debug),
        Type::Array(a) => is_std_clone_debug(&a.elem),
        Type::Reference(r) => r.mutability.is_none() && is_std_str_or(&r.elem),
        _ => false,
    }
}

/// `str` or a type [`is_std_clone_debug`] accepts (behind a shared reference).
fn is_std_str_or(ty: &Type) -> bool {
    matches!(ungroup(ty), Type::Path(p) if p.qself.is_none() && p.path.is_ident("str"))
        || is_std_clone_debug(ty)
}

/// The identifiers and lifetimes a type mentions (to find which generic parameters a
/// view still uses).
#[derive(Default)]
pub(crate) struct Mentions {
    pub(crate) idents: BTreeSet<String>,
    pub(crate) lifetimes: BTreeSet<String>,
}

impl<'ast> Visit<'ast> for Mentions {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if let Some(first) = path.segments.first() {
            self.idents.insert(first.ident.to_string());
        }
        syn::visit::visit_path(self, path);
    }
    fn visit_lifetime(&mut self, lt: &'ast syn::Lifetime) {
        self.lifetimes.insert(lt.ident.to_string());
    }
    fn visit_expr_path(&mut self, e: &'ast syn::ExprPath) {
        // const generic arguments (`[u8; N]`)
        self.visit_path(&e.path);
    }
}

/// Finds the first `impl Trait` in a type.
struct ImplTraitFinder<'a> {
    found: Option<&'a syn::TypeImplTrait>,
}

impl<'a> Visit<'a> for ImplTraitFinder<'a> {
    fn visit_type_impl_trait(&mut self, node: &'a syn::TypeImplTrait) {
        if self.found.is_none() {
            self.found = Some(node);
        }
    }
}

/// The first `impl Trait` in `ty`, which generated code cannot name.
pub(crate) fn find_impl_trait(ty: &Type) -> Option<&syn::TypeImplTrait> {
    let mut finder = ImplTraitFinder { found: None };
    finder.visit_type(ty);
    finder.found
}
