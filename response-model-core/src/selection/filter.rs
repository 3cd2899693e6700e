//! The filter: a serializer adapter. It sits between a value's `Serialize` impl and the JSON
//! encoder and drops struct fields/map entries, so the declared field order is kept (a
//! `serde_json::Value` would sort keys) and parts the selection does not touch are written
//! straight through.

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

/// One level of the value: the model's field list there, and the parts of the `fields`
/// and `exclude` trees that reach it (`None`: nothing asked on that side).
#[derive(Clone, Copy, Debug)]
pub(super) struct Level<'a> {
    pub(super) info: &'static [FieldInfo],
    pub(super) include: Option<&'a Tree>,
    pub(super) exclude: Option<&'a Tree>,
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Mode<'a> {
    /// Written as is.
    Raw,
    /// Objects here (and in arrays here) keep the fields `Level` selects.
    Select(Level<'a>),
    /// Walking object keys down `path` (`apply_at`); what is found there is `Select`ed.
    Seek {
        path: &'a [String],
        level: Level<'a>,
        reached: &'a Cell<bool>,
    },
}

impl<'a> Mode<'a> {
    /// What happens to the field `key` of an object in this mode; `None`: dropped.
    fn field(self, key: &str) -> Option<Mode<'a>> {
        match self {
            Mode::Raw => Some(Mode::Raw),
            Mode::Seek {
                path,
                level,
                reached,
            } => match path.split_first() {
                Some((first, rest)) if first == key => {
                    if rest.is_empty() {
                        reached.set(true);
                        Some(Mode::Select(level))
                    } else {
                        Some(Mode::Seek {
                            path: rest,
                            level,
                            reached,
                        })
                    }
                }
                _ => Some(Mode::Raw),
            },
            Mode::Select(level) => {
                // The allowlist: a key the model does not list never comes out.
                let info = level.info.iter().find(|f| f.name == key)?;
                let include = match level.include {
                    None => None,
                    Some(tree) => tree.0.get(key)?.as_ref(),
                };
                let exclude = match level.exclude.and_then(|t| t.0.get(key)) {
                    Some(None) => return None,
                    Some(Some(sub)) => Some(sub),
                    None => None,
                };
                match (include.is_some() || exclude.is_some(), info.nested) {
                    (true, Some(nested)) => Some(Mode::Select(Level {
                        info: nested(),
                        include,
                        exclude,
                    })),
                    _ => Some(Mode::Raw),
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
            next: None,
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(StructFields(
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
        Ok(StructFields(inner, self.mode))
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

/// The fields of a struct (or struct variant) being written.
struct StructFields<'a, I>(I, Mode<'a>);

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
                match self.1.field(key) {
                    Some(mode) => self.0.serialize_field(key, &Filtered(value, mode)),
                    None => self.0.skip_field(key),
                }
            }
            fn end(self) -> Result<I::Ok, I::Error> {
                self.0.end()
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
    /// The decision for the value after the key just seen; `None`: skip it.
    next: Option<Mode<'a>>,
}

impl<I: SerializeMap> SerializeMap for Entries<'_, I> {
    type Ok = I::Ok;
    type Error = I::Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), I::Error> {
        self.next = match self.mode {
            Mode::Raw => Some(Mode::Raw),
            mode => key_text(key).and_then(|k| mode.field(&k)),
        };
        match self.next {
            Some(_) => self.inner.serialize_key(key),
            None => Ok(()),
        }
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), I::Error> {
        match self.next.take() {
            Some(mode) => self.inner.serialize_value(&Filtered(value, mode)),
            None => Ok(()),
        }
    }

    fn end(self) -> Result<I::Ok, I::Error> {
        self.inner.end()
    }
}
