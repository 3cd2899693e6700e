//! The filter: a serializer adapter. It sits between a value's `Serialize` impl and the JSON
//! encoder and drops struct fields/map entries, so the declared field order is kept (a
//! `serde_json::Value` would sort keys) and parts the selection does not touch are written
//! straight through.
//!
//! What happens to each field of a level is decided once per level ([`Marks`], a bit per
//! position in the field list), and a struct's fields are found by position: serde's derive
//! writes (or skips, [`SerializeStruct::skip_field`]) them in declaration order, the order
//! of the field list, so the next field is tried first and checked by name; any other key
//! (a map's, a field the list does not have, another order) is looked up by name.

use std::cell::Cell;

use serde::Serialize;
use serde::ser::{
    SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant, Serializer,
};
use serde_json::Value;

use super::query::Tree;
use crate::model::ResponseValidationError;
use crate::view::FieldInfo;

/// Encodes `value` through the selection with the app's default encoder. Non-generic but
/// for the `Serialize` call: the filter is a serializer adapter, so field order is kept and
/// no intermediate `serde_json::Value` is built.
pub(super) fn encode_filtered<T: Serialize + ?Sized>(
    model: &'static str,
    value: &T,
    mode: Mode<'_>,
    seek: Option<(&Cell<bool>, &str)>,
) -> Result<Vec<u8>, ResponseValidationError> {
    let bytes = crate::encoder::encode(&Filtered(value, mode))
        .map_err(|e| ResponseValidationError::encode(model, e.to_string()))?;
    match seek {
        Some((reached, pointer)) if !reached.get() => Err(ResponseValidationError::select(
            model,
            format!(
                "the value has nothing at the JSON pointer `{pointer}`; pass the pointer of its item list, like \"/items\""
            ),
        )),
        _ => Ok(bytes),
    }
}

/// What a level decides for each position of its field list, when the list has at most
/// [`Marks::MAX`] fields: bit `i` of `keep` is set when field `i` is written, and bit `i`
/// of `descend` when it is written through the nested selection of its model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Marks {
    keep: u64,
    descend: u64,
}

impl Marks {
    /// The longest field list the marks cover; a longer one is decided name by name.
    const MAX: usize = 64;

    /// The decisions of the level `info` with these trees, or `None` for a list longer
    /// than [`Marks::MAX`]. Decided by name, as [`Level::by_name`] decides, so the marks of
    /// a field listed twice are those of its first entry.
    pub(super) fn of(
        info: &'static [FieldInfo],
        include: Option<&Tree>,
        exclude: Option<&Tree>,
    ) -> Option<Marks> {
        if info.len() > Self::MAX {
            return None;
        }
        let all = if info.len() == Self::MAX {
            u64::MAX
        } else {
            (1u64 << info.len()) - 1
        };
        if include.is_none() && exclude.is_none_or(|t| t.0.is_empty()) {
            return Some(Marks {
                keep: all,
                descend: 0,
            });
        }
        let mut marks = Marks {
            keep: 0,
            descend: 0,
        };
        for (i, field) in info.iter().enumerate() {
            match subtrees(field.name, include, exclude) {
                None => {}
                Some((None, None)) => marks.keep |= 1 << i,
                Some(_) => {
                    marks.keep |= 1 << i;
                    if first_named(info, field.name).is_some_and(|f| f.nested.is_some()) {
                        marks.descend |= 1 << i;
                    }
                }
            }
        }
        Some(marks)
    }
}

/// The parts of the `fields` and `exclude` trees below the field `name`, or `None` when
/// the field is dropped (not in `fields`, or excluded whole).
#[allow(clippy::type_complexity)] // reason: a pair of the two trees' parts, named at the call
fn subtrees<'a>(
    name: &str,
    include: Option<&'a Tree>,
    exclude: Option<&'a Tree>,
) -> Option<(Option<&'a Tree>, Option<&'a Tree>)> {
    let include = match include {
        None => None,
        Some(tree) => tree.0.get(name)?.as_ref(),
    };
    let exclude = match exclude.and_then(|t| t.0.get(name)) {
        Some(None) => return None,
        Some(Some(sub)) => Some(sub),
        None => None,
    };
    Some((include, exclude))
}

/// The first entry of `info` named `name`.
fn first_named(info: &'static [FieldInfo], name: &str) -> Option<&'static FieldInfo> {
    info.iter().find(|f| f.name == name)
}

/// Whether the listed wire name `listed` is `key`: the same `'static` text (a derived field
/// list and the derived `Serialize` may share it), else the same bytes, compared inline (a
/// wire name is short: a call to `memcmp` costs more than the loop).
#[inline]
fn same_name(listed: &'static str, key: &str) -> bool {
    let (a, b) = (listed.as_bytes(), key.as_bytes());
    a.len() == b.len()
        && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a.iter().zip(b).all(|(x, y)| x == y))
}

/// One level of the value: the model's field list there, and the parts of the `fields`
/// and `exclude` trees that reach it (`None`: nothing asked on that side), with their
/// decisions by position ([`Marks`]; `None`: decided by name).
#[derive(Clone, Copy, Debug)]
pub(super) struct Level<'a> {
    info: &'static [FieldInfo],
    include: Option<&'a Tree>,
    exclude: Option<&'a Tree>,
    marks: Option<Marks>,
}

impl<'a> Level<'a> {
    /// The level of `info` with these trees, decided now.
    pub(super) fn new(
        info: &'static [FieldInfo],
        include: Option<&'a Tree>,
        exclude: Option<&'a Tree>,
    ) -> Self {
        Self::with_marks(info, include, exclude, Marks::of(info, include, exclude))
    }

    /// The level of `info` with these trees and their decisions, made before by
    /// [`Marks::of`] with the same arguments.
    pub(super) fn with_marks(
        info: &'static [FieldInfo],
        include: Option<&'a Tree>,
        exclude: Option<&'a Tree>,
        marks: Option<Marks>,
    ) -> Self {
        Self {
            info,
            include,
            exclude,
            marks,
        }
    }

    /// What happens to the field `key` of an object at this level. `next` is the position
    /// in the field list expected next: tried first, and moved past the field found.
    #[inline]
    fn field(&self, key: &str, next: &mut usize) -> Decision<'a> {
        let Some(marks) = self.marks else {
            return self.by_name(key);
        };
        // The allowlist: a key the model does not list never comes out.
        match self.position(key, next) {
            Some(index) => self.marked(marks, index, key),
            None => Decision::Drop,
        }
    }

    /// The decision `marks` holds for the field at `index`, named `key`.
    #[inline(always)]
    fn marked(&self, marks: Marks, index: usize, key: &str) -> Decision<'a> {
        let bit = 1u64 << index;
        if marks.keep & bit == 0 {
            Decision::Drop
        } else if marks.descend & bit == 0 {
            Decision::Raw
        } else {
            self.by_name(key)
        }
    }

    /// The position of `key` in the field list, trying `*next` first; `next` is moved past
    /// the field found.
    #[inline]
    fn position(&self, key: &str, next: &mut usize) -> Option<usize> {
        let index = match self.info.get(*next) {
            Some(f) if same_name(f.name, key) => *next,
            _ => self.info.iter().position(|f| f.name == key)?,
        };
        *next = index + 1;
        Some(index)
    }

    /// [`Level::field`] decided from the names alone.
    #[inline(never)]
    fn by_name(&self, key: &str) -> Decision<'a> {
        // The allowlist: a key the model does not list never comes out.
        let Some(info) = first_named(self.info, key) else {
            return Decision::Drop;
        };
        let Some((include, exclude)) = subtrees(key, self.include, self.exclude) else {
            return Decision::Drop;
        };
        match (include.is_some() || exclude.is_some(), info.nested) {
            (true, Some(nested)) => Decision::Select(Level::new(nested(), include, exclude)),
            _ => Decision::Raw,
        }
    }
}

/// What happens to one field or map entry.
enum Decision<'a> {
    /// Left out.
    Drop,
    /// Written as is, no adapter in between.
    Raw,
    /// Written in this mode.
    Mode(Mode<'a>),
    /// Written through this (nested) level, made for it.
    Select(Level<'a>),
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Mode<'a> {
    /// Written as is.
    Raw,
    /// Objects here (and in arrays here) keep the fields `Level` selects.
    Select(&'a Level<'a>),
    /// Walking object keys down a JSON pointer (`apply_at`): `segment` is the key sought
    /// here and `rest` what follows its `/` (both escaped, RFC 6901); what is found at the
    /// end is `Select`ed.
    Seek {
        segment: &'a str,
        rest: Option<&'a str>,
        level: &'a Level<'a>,
        reached: &'a Cell<bool>,
    },
}

impl<'a> Mode<'a> {
    /// Seeking `path`, a JSON pointer without its first `/` (one segment or more).
    pub(super) fn seek(path: &'a str, level: &'a Level<'a>, reached: &'a Cell<bool>) -> Self {
        let (segment, rest) = match path.split_once('/') {
            Some((segment, rest)) => (segment, Some(rest)),
            None => (path, None),
        };
        Mode::Seek {
            segment,
            rest,
            level,
            reached,
        }
    }

    /// What happens to the field `key` of an object in this mode; `next`: see
    /// [`Level::field`]. The common case, a struct's field found where the field list
    /// expects it, is decided here, inline; the rest in [`Mode::field_slow`].
    #[inline(always)]
    fn field(self, key: &str, next: &mut usize) -> Decision<'a> {
        if let Mode::Select(level) = self
            && let Some(marks) = level.marks
            && let Some(listed) = level.info.get(*next)
            && same_name(listed.name, key)
        {
            let index = *next;
            *next = index + 1;
            return level.marked(marks, index, key);
        }
        self.field_slow(key, next)
    }

    /// [`Mode::field`] but for its common case.
    #[inline(never)]
    fn field_slow(self, key: &str, next: &mut usize) -> Decision<'a> {
        match self {
            Mode::Raw => Decision::Raw,
            Mode::Select(level) => level.field(key, next),
            Mode::Seek {
                segment,
                rest,
                level,
                reached,
            } => {
                if !segment_is(segment, key) {
                    return Decision::Raw;
                }
                match rest {
                    None => {
                        reached.set(true);
                        Decision::Mode(Mode::Select(level))
                    }
                    Some(path) => Decision::Mode(Mode::seek(path, level, reached)),
                }
            }
        }
    }

    /// Elements of an array: a list of models is selected element-wise.
    fn element(self) -> Mode<'a> {
        match self {
            Mode::Select(level) => Mode::Select(level),
            Mode::Raw | Mode::Seek { .. } => Mode::Raw,
        }
    }
}

/// Whether the JSON pointer segment `segment` (escaped: `~1` is `/`, `~0` is `~`) is `key`.
fn segment_is(segment: &str, key: &str) -> bool {
    if !segment.as_bytes().contains(&b'~') {
        return segment == key;
    }
    let mut seg = segment.as_bytes();
    let mut key = key.as_bytes();
    while let Some((&c, rest)) = seg.split_first() {
        let (want, rest) = match (c, rest.split_first()) {
            (b'~', Some((b'1', after))) => (b'/', after),
            (b'~', Some((b'0', after))) => (b'~', after),
            _ => (c, rest),
        };
        match key.split_first() {
            Some((&k, after)) if k == want => key = after,
            _ => return false,
        }
        seg = rest;
    }
    key.is_empty()
}

/// A value written through the filter in a mode; in `Raw` mode no adapter is put in
/// between at all.
struct Filtered<'a, T: ?Sized>(&'a T, Mode<'a>);

impl<T: Serialize + ?Sized> Serialize for Filtered<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            Mode::Raw => self.0.serialize(serializer),
            mode => self.0.serialize(FilterSer {
                inner: serializer,
                mode,
            }),
        }
    }
}

/// The adapter: forwards every call to `inner`, and wraps what is nested (fields,
/// elements, entries) so the mode follows the value down.
struct FilterSer<'a, S> {
    inner: S,
    mode: Mode<'a>,
}

/// A map key as text (JSON object keys are strings; numbers and chars are written as text).
fn key_text<K: Serialize + ?Sized>(key: &K) -> Option<String> {
    match serde_json::to_value(key).ok()? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $method(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.inner.$method($($arg),*)
        })*
    };
}

impl<'a, S: Serializer> Serializer for FilterSer<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Elements<'a, S::SerializeSeq>;
    type SerializeTuple = Elements<'a, S::SerializeTuple>;
    type SerializeTupleStruct = Elements<'a, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Elements<'a, S::SerializeTupleVariant>;
    type SerializeMap = Entries<'a, S::SerializeMap>;
    type SerializeStruct = StructFields<'a, S::SerializeStruct>;
    type SerializeStructVariant = StructFields<'a, S::SerializeStructVariant>;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(&Filtered(value, self.mode))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_struct(name, &Filtered(value, self.mode))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_variant(name, index, variant, &Filtered(value, self.mode))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Ok(Elements(
            self.inner.serialize_seq(len)?,
            self.mode.element(),
        ))
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        Ok(Elements(
            self.inner.serialize_tuple(len)?,
            self.mode.element(),
        ))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        let inner = self.inner.serialize_tuple_struct(name, len)?;
        Ok(Elements(inner, self.mode.element()))
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        let inner = self
            .inner
            .serialize_tuple_variant(name, index, variant, len)?;
        Ok(Elements(inner, self.mode.element()))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        // Entries may be dropped: announce no length.
        Ok(Entries {
            inner: self.inner.serialize_map(None)?,
            mode: self.mode,
            decision: Decision::Drop,
            next: 0,
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(StructFields::new(
            self.inner.serialize_struct(name, len)?,
            self.mode,
        ))
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        let inner = self
            .inner
            .serialize_struct_variant(name, index, variant, len)?;
        Ok(StructFields::new(inner, self.mode))
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The elements of a sequence or tuple, each written in the mode [`Mode::element`] gives.
struct Elements<'a, I>(I, Mode<'a>);

macro_rules! elements {
    ($($trait:ident::$method:ident),*) => {
        $(impl<I: $trait> $trait for Elements<'_, I> {
            type Ok = I::Ok;
            type Error = I::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), I::Error> {
                self.0.$method(&Filtered(value, self.1))
            }
            fn end(self) -> Result<I::Ok, I::Error> {
                self.0.end()
            }
        })*
    };
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The fields of a struct (or struct variant) being written, and the position in the
/// level's field list of the one expected next (see [`Level::field`]).
struct StructFields<'a, I> {
    inner: I,
    mode: Mode<'a>,
    next: usize,
}

impl<'a, I> StructFields<'a, I> {
    fn new(inner: I, mode: Mode<'a>) -> Self {
        Self {
            inner,
            mode,
            next: 0,
        }
    }
}

macro_rules! struct_fields {
    ($($trait:ident),*) => {
        $(impl<I: $trait> $trait for StructFields<'_, I> {
            type Ok = I::Ok;
            type Error = I::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), I::Error> {
                match self.mode.field(key, &mut self.next) {
                    Decision::Drop => self.inner.skip_field(key),
                    Decision::Raw => self.inner.serialize_field(key, value),
                    Decision::Mode(mode) => self.inner.serialize_field(key, &Filtered(value, mode)),
                    Decision::Select(level) => self
                        .inner
                        .serialize_field(key, &Filtered(value, Mode::Select(&level))),
                }
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), I::Error> {
                // A field `skip_serializing_if` leaves out: its position is passed (and
                // nothing else: a pointer does not reach a skipped field).
                if let Mode::Select(level) = self.mode {
                    let _ = level.position(key, &mut self.next);
                }
                self.inner.skip_field(key)
            }
            fn end(self) -> Result<I::Ok, I::Error> {
                self.inner.end()
            }
        })*
    };
}

struct_fields!(SerializeStruct, SerializeStructVariant);

/// The entries of a map: a key is a field name (JSON object keys are strings), so the
/// mode decides on it and its value follows.
struct Entries<'a, I> {
    inner: I,
    mode: Mode<'a>,
    /// The decision for the value after the key just seen.
    decision: Decision<'a>,
    /// The position in the level's field list expected next (see [`Level::field`]).
    next: usize,
}

impl<I: SerializeMap> SerializeMap for Entries<'_, I> {
    type Ok = I::Ok;
    type Error = I::Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), I::Error> {
        self.decision = match self.mode {
            Mode::Raw => Decision::Raw,
            mode => match key_text(key) {
                Some(k) => mode.field(&k, &mut self.next),
                None => Decision::Drop,
            },
        };
        match self.decision {
            Decision::Drop => Ok(()),
            _ => self.inner.serialize_key(key),
        }
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), I::Error> {
        match std::mem::replace(&mut self.decision, Decision::Drop) {
            Decision::Drop => Ok(()),
            Decision::Raw => self.inner.serialize_value(value),
            Decision::Mode(mode) => self.inner.serialize_value(&Filtered(value, mode)),
            Decision::Select(level) => self
                .inner
                .serialize_value(&Filtered(value, Mode::Select(&level))),
        }
    }

    fn end(self) -> Result<I::Ok, I::Error> {
        self.inner.end()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // reason: tests

    use serde::Serialize;
    use serde_json::json;

    use crate::selection::Selection;
    use crate::view::{FieldInfo, FieldList};

    /// `a`, `b`, `c`, `d`, listed in this order.
    struct Abcd;
    impl FieldList for Abcd {
        const NAMES: &'static [&'static str] = &["a", "b", "c", "d"];
        fn fields() -> &'static [FieldInfo] {
            const F: &[FieldInfo] = &[
                FieldInfo::leaf("a"),
                FieldInfo::leaf("b"),
                FieldInfo::leaf("c"),
                FieldInfo::leaf("d"),
            ];
            F
        }
    }

    fn bytes<T: Serialize>(query: &str, value: T) -> String {
        let sel = Selection::<Abcd>::from_query(query).unwrap();
        String::from_utf8(sel.apply(value).into_bytes().unwrap()).unwrap()
    }

    /// Fields left out by `skip_serializing_if` keep the positions of the ones after them.
    #[test]
    fn skipped_fields_keep_the_positions() {
        #[derive(Serialize)]
        struct S {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<i32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            b: Option<i32>,
            c: i32,
            d: i32,
        }
        let s = |a, b| S { a, b, c: 3, d: 4 };
        assert_eq!(bytes("fields=b,d", s(None, Some(2))), r#"{"b":2,"d":4}"#);
        assert_eq!(bytes("fields=a,c", s(None, None)), r#"{"c":3}"#);
        assert_eq!(bytes("exclude=c", s(Some(1), None)), r#"{"a":1,"d":4}"#);
        assert_eq!(bytes("fields=d", s(Some(1), Some(2))), r#"{"d":4}"#);
    }

    /// A struct written in another order than the list, with keys the list does not have
    /// between them: found by name, in the struct's order, the unlisted ones dropped.
    #[test]
    fn fields_in_another_order_are_found_by_name() {
        #[derive(Serialize)]
        struct S {
            d: i32,
            secret: i32,
            b: i32,
            a: i32,
            c: i32,
        }
        let s = S {
            d: 4,
            secret: 0,
            b: 2,
            a: 1,
            c: 3,
        };
        assert_eq!(bytes("fields=a,d", &s), r#"{"d":4,"a":1}"#);
        assert_eq!(bytes("exclude=b", &s), r#"{"d":4,"a":1,"c":3}"#);
        assert_eq!(
            String::from_utf8(Selection::<Abcd>::all().apply(&s).into_bytes().unwrap()).unwrap(),
            r#"{"d":4,"b":2,"a":1,"c":3}"#
        );
    }

    /// A key repeated (two fields renamed alike): every copy is decided by its name.
    #[test]
    fn a_repeated_key_is_decided_by_name() {
        #[derive(Serialize)]
        struct S {
            a: i32,
            #[serde(rename = "a")]
            again: i32,
            b: i32,
        }
        let s = S {
            a: 1,
            again: 2,
            b: 3,
        };
        assert_eq!(bytes("fields=a", &s), r#"{"a":1,"a":2}"#);
        assert_eq!(bytes("fields=b", &s), r#"{"b":3}"#);
    }

    /// Maps are decided by name, in the map's order.
    #[test]
    fn map_entries_are_decided_by_name() {
        let m = json!({"d": 4, "x": 0, "a": 1, "b": 2});
        let out: serde_json::Value = serde_json::from_str(&bytes("fields=a,d,c", &m)).unwrap();
        assert_eq!(out, json!({"a": 1, "d": 4}));
    }

    /// A skipped field is not what a pointer reaches.
    #[test]
    fn a_pointer_does_not_reach_a_skipped_field() {
        #[derive(Serialize)]
        struct Page {
            #[serde(skip_serializing_if = "Vec::is_empty")]
            items: Vec<i32>,
            total: usize,
        }
        let sel = Selection::<Abcd>::all();
        let page = Page {
            items: Vec::new(),
            total: 0,
        };
        assert!(sel.apply_at("/items", &page).into_bytes().is_err());
    }

    /// Escaped pointer segments (RFC 6901) and deeper pointers.
    #[test]
    fn pointers_are_unescaped_and_walked() {
        let sel = Selection::<Abcd>::from_query("fields=a").unwrap();
        let v = json!({"a/b": [{"a": 1, "b": 2}], "~x": {"in": {"a": 1, "c": 3}}, "~01": {"a": 5, "d": 6}});
        let at = |p: &str| sel.apply_at(p, &v).into_value().map_err(|e| e.to_string());
        assert_eq!(at("/a~1b").unwrap()["a/b"], json!([{"a": 1}]));
        assert_eq!(at("/~0x/in").unwrap()["~x"], json!({"in": {"a": 1}}));
        assert_eq!(at("/~001").unwrap()["~01"], json!({"a": 5}));
        assert!(at("/a/b").is_err());
        assert!(at("/~x").is_ok());
        assert!(at("/~1x").is_err());
        assert!(at("/~0x/in/").is_err());
        assert!(at("items").is_err());
    }

    /// Seventy fields: more than one word of marks, decided by name.
    struct Wide;
    impl FieldList for Wide {
        const NAMES: &'static [&'static str] = &[
            "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "f13",
            "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23", "f24", "f25",
            "f26", "f27", "f28", "f29", "f30", "f31", "f32", "f33", "f34", "f35", "f36", "f37",
            "f38", "f39", "f40", "f41", "f42", "f43", "f44", "f45", "f46", "f47", "f48", "f49",
            "f50", "f51", "f52", "f53", "f54", "f55", "f56", "f57", "f58", "f59", "f60", "f61",
            "f62", "f63", "f64", "f65", "f66", "f67", "f68", "f69",
        ];
        fn fields() -> &'static [FieldInfo] {
            const F: &[FieldInfo] = &[
                FieldInfo::leaf("f0"),
                FieldInfo::leaf("f1"),
                FieldInfo::leaf("f2"),
                FieldInfo::leaf("f3"),
                FieldInfo::leaf("f4"),
                FieldInfo::leaf("f5"),
                FieldInfo::leaf("f6"),
                FieldInfo::leaf("f7"),
                FieldInfo::leaf("f8"),
                FieldInfo::leaf("f9"),
                FieldInfo::leaf("f10"),
                FieldInfo::leaf("f11"),
                FieldInfo::leaf("f12"),
                FieldInfo::leaf("f13"),
                FieldInfo::leaf("f14"),
                FieldInfo::leaf("f15"),
                FieldInfo::leaf("f16"),
                FieldInfo::leaf("f17"),
                FieldInfo::leaf("f18"),
                FieldInfo::leaf("f19"),
                FieldInfo::leaf("f20"),
                FieldInfo::leaf("f21"),
                FieldInfo::leaf("f22"),
                FieldInfo::leaf("f23"),
                FieldInfo::leaf("f24"),
                FieldInfo::leaf("f25"),
                FieldInfo::leaf("f26"),
                FieldInfo::leaf("f27"),
                FieldInfo::leaf("f28"),
                FieldInfo::leaf("f29"),
                FieldInfo::leaf("f30"),
                FieldInfo::leaf("f31"),
                FieldInfo::leaf("f32"),
                FieldInfo::leaf("f33"),
                FieldInfo::leaf("f34"),
                FieldInfo::leaf("f35"),
                FieldInfo::leaf("f36"),
                FieldInfo::leaf("f37"),
                FieldInfo::leaf("f38"),
                FieldInfo::leaf("f39"),
                FieldInfo::leaf("f40"),
                FieldInfo::leaf("f41"),
                FieldInfo::leaf("f42"),
                FieldInfo::leaf("f43"),
                FieldInfo::leaf("f44"),
                FieldInfo::leaf("f45"),
                FieldInfo::leaf("f46"),
                FieldInfo::leaf("f47"),
                FieldInfo::leaf("f48"),
                FieldInfo::leaf("f49"),
                FieldInfo::leaf("f50"),
                FieldInfo::leaf("f51"),
                FieldInfo::leaf("f52"),
                FieldInfo::leaf("f53"),
                FieldInfo::leaf("f54"),
                FieldInfo::leaf("f55"),
                FieldInfo::leaf("f56"),
                FieldInfo::leaf("f57"),
                FieldInfo::leaf("f58"),
                FieldInfo::leaf("f59"),
                FieldInfo::leaf("f60"),
                FieldInfo::leaf("f61"),
                FieldInfo::leaf("f62"),
                FieldInfo::leaf("f63"),
                FieldInfo::leaf("f64"),
                FieldInfo::leaf("f65"),
                FieldInfo::leaf("f66"),
                FieldInfo::leaf("f67"),
                FieldInfo::leaf("f68"),
                FieldInfo::leaf("f69"),
            ];
            F
        }
    }

    /// The first 64 of them: one word of marks, every bit used.
    struct Wide64;
    impl FieldList for Wide64 {
        const NAMES: &'static [&'static str] = Wide::NAMES.split_at(64).0;
        fn fields() -> &'static [FieldInfo] {
            Wide::fields().split_at(64).0
        }
    }

    #[test]
    fn long_field_lists_are_selected_by_name() {
        let row: serde_json::Map<String, serde_json::Value> =
            (0..72).map(|i| (format!("f{i}"), json!(i))).collect();
        let row = serde_json::Value::Object(row);
        let keys = |v: serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        let wide = Selection::<Wide>::from_query("fields=f0,f63,f64,f69").unwrap();
        assert_eq!(
            keys(wide.apply(&row).into_value().unwrap()),
            ["f0", "f63", "f64", "f69"]
        );
        let wide = Selection::<Wide>::from_query("exclude=f1").unwrap();
        assert_eq!(keys(wide.apply(&row).into_value().unwrap()).len(), 69);
        let wide64 = Selection::<Wide64>::from_query("fields=f0,f63").unwrap();
        assert_eq!(
            keys(wide64.apply(&row).into_value().unwrap()),
            ["f0", "f63"]
        );
        let all64 = Selection::<Wide64>::all();
        assert_eq!(keys(all64.apply(&row).into_value().unwrap()).len(), 64);
    }
}
