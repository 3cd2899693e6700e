//! garde's error paths (Rust field names) read as the request's own locations (serde's wire
//! names), so a 422's `loc` names what the client sent (#18).
//!
//! garde names a field by its Rust identifier and walks into a `#[serde(flatten)]` field as
//! into any other; neither it nor serde tells the other its names at run time (garde's
//! maintainer declined to read serde's attributes, garde#127). What the request holds is
//! known, though: the value the client sent. A garde path is resolved against it, step by
//! step, as serde would have read it:
//!
//! - a field is the key serde's `rename_all` rules make of its Rust name (as is,
//!   `camelCase`, `PascalCase`, `kebab-case`, `SCREAMING_SNAKE_CASE`, ...; a
//!   `#[serde(rename = "userName")]` that is one of these is found the same way) that the object
//!   holds and under which the rest of the path resolves too;
//! - a field no key names, followed by more steps, is a flattened one: the rest of the
//!   path is resolved in the same object (serde reads a flattened field's fields from its
//!   parent);
//! - a list index is the same index, a map key the same key.
//!
//! What serde asked of the input bounds this: `T` is read from the input a second time
//! (only on failure) by a deserializer that notes each object serde read as a struct and
//! the wire names of that struct's fields (serde reads a struct with a flattened field as
//! a map, so it is noted only when it has none). In a noted object a field's name is one
//! of those, and no field is flattened; an object not noted (a map, a struct with a
//! flattened field, an object inside an untagged enum) allows both.
//!
//! Only a field renamed to a name no rule makes (`#[serde(rename = "mail")]` on `email`)
//! is not found by name; then the broken rule itself is asked: of the object's keys, the
//! one whose value alone could break it (a string shorter than the `min` of a failed
//! `length`, a number below the `min` of a failed `range`, ...) is the field. The value
//! garde checked came from that key, so the key is among those; when it is the only one,
//! it is the one. When no unique reading exists the location keeps garde's names, as
//! before.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use serde::Deserializer;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::error::Loc;

/// One step of garde's path, outermost first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// A struct field (its Rust name) or a map key.
    Key(String),
    /// A list index.
    Index(usize),
}

/// The rule that failed, as far as the input can be checked against it.
#[derive(Clone, Copy, Debug)]
pub(super) enum Broken {
    /// `length(min = n)`: shorter than `n`.
    TooShort(usize),
    /// `length(max = n)`: longer than `n`.
    TooLong(usize),
    /// `range(min = x)`: below `x`.
    Below(f64),
    /// `range(max = x)`: above `x`.
    Above(f64),
    /// A rule on text this module does not re-check (a pattern, an email, ...).
    Text,
    /// A rule of the user's own: anything present could break it.
    Any,
}

impl Broken {
    /// Whether `value` could be the one that broke this rule (never `false` for the value
    /// that did).
    fn could_break(self, value: &Value) -> bool {
        match (self, value) {
            (Broken::TooShort(n), Value::String(s)) => {
                // garde counts bytes, chars, graphemes or UTF-16 units (the rule's mode):
                // for ASCII all agree; otherwise the fewest of them is at most the chars.
                !s.is_ascii() || s.len() < n
            }
            (Broken::TooShort(n), Value::Array(a)) => a.len() < n,
            (Broken::TooShort(n), Value::Object(m)) => m.len() < n,
            // The most of the counts is the bytes.
            (Broken::TooLong(n), Value::String(s)) => s.len() > n,
            (Broken::TooLong(n), Value::Array(a)) => a.len() > n,
            (Broken::TooLong(n), Value::Object(m)) => m.len() > n,
            (Broken::Below(x), Value::Number(v)) => v.as_f64().is_some_and(|v| v < x),
            (Broken::Above(x), Value::Number(v)) => v.as_f64().is_some_and(|v| v > x),
            // A query's or a path's values are text: a number arrives as a string.
            (Broken::Below(x), Value::String(s)) => s.trim().parse::<f64>().is_ok_and(|v| v < x),
            (Broken::Above(x), Value::String(s)) => s.trim().parse::<f64>().is_ok_and(|v| v > x),
            (Broken::Text, Value::String(_)) => true,
            (Broken::Any, v) => !v.is_null(),
            _ => false,
        }
    }
}

/// The input the client sent, and the fields of each of its objects that serde read as a
/// struct without a flattened field (by location).
pub(super) struct Input<'a> {
    value: &'a Value,
    structs: HashMap<Vec<Loc>, &'static [&'static str]>,
}

impl<'a> Input<'a> {
    /// `value` as `T` reads it.
    pub(super) fn read<T: DeserializeOwned>(value: &'a Value) -> Self {
        let structs = RefCell::new(HashMap::new());
        // Only what serde asked matters here, not whether it succeeded: a value that is
        // refused halfway has told what it read before.
        let _ = T::deserialize(Recorder {
            value,
            at: Vec::new(),
            structs: &structs,
        });
        Input {
            value,
            structs: structs.into_inner(),
        }
    }

    /// `value` with nothing known of what reads it (every object may be a map or hold a
    /// flattened field).
    #[cfg(test)]
    fn bare(value: &'a Value) -> Self {
        Input {
            value,
            structs: HashMap::new(),
        }
    }
}

/// The wire location of garde's `path` in `input` (after the root, `"body"`, ...) found
/// by names alone, or `None` when the input holds none.
pub(super) fn by_name(input: &Input<'_>, path: &[Step]) -> Option<Vec<Loc>> {
    let (mut loc, mut fuel) = (Vec::new(), FUEL);
    walk(input, input.value, path, &mut loc, None, &mut fuel).then_some(loc)
}

/// The wire location of garde's `path` in `input` whose last field is found by the
/// `broken` rule: the only key of its object, not among the locations `claimed` by other
/// errors, whose value could have broken it; `None` when there is no such single key.
pub(super) fn by_rule(
    input: &Input<'_>,
    path: &[Step],
    broken: Broken,
    claimed: &HashSet<Vec<Loc>>,
) -> Option<Vec<Loc>> {
    let (mut loc, mut fuel) = (Vec::new(), FUEL);
    let guess = Some((broken, claimed));
    walk(input, input.value, path, &mut loc, guess, &mut fuel).then_some(loc)
}

/// What may find a field by its value: the broken rule, and the locations already taken.
type Guess<'a> = Option<(Broken, &'a HashSet<Vec<Loc>>)>;

/// The most steps one resolution takes: each field tries several names and may be a
/// flattened one, so a crafted input could make the search wide; past this many steps the
/// location keeps garde's names.
const FUEL: usize = 512;

/// Resolves `path` in `value` (at `loc` in `input`), pushing the wire steps onto `loc`;
/// `guess` allows the last field to be found by the broken rule when its name is not
/// found.
fn walk(
    input: &Input<'_>,
    value: &Value,
    path: &[Step],
    loc: &mut Vec<Loc>,
    guess: Guess<'_>,
    fuel: &mut usize,
) -> bool {
    let Some((step, rest)) = path.split_first() else {
        return true;
    };
    if *fuel == 0 {
        return false;
    }
    *fuel -= 1;
    let mark = loc.len();
    match (step, value) {
        (Step::Index(i), Value::Array(items)) => {
            if let Some(item) = items.get(*i) {
                loc.push(Loc::Index(*i));
                if walk(input, item, rest, loc, guess, fuel) {
                    return true;
                }
            }
        }
        // A map with integer keys, read from a JSON object.
        (Step::Index(i), Value::Object(m)) => {
            let key = i.to_string();
            if let Some(v) = m.get(&key) {
                loc.push(Loc::Key(key));
                if walk(input, v, rest, loc, guess, fuel) {
                    return true;
                }
            }
        }
        (Step::Key(name), Value::Object(m)) => {
            // The fields serde read here, when it read a struct without a flattened field.
            let fields = input.structs.get(&loc[..]).copied();
            let is_field = |key: &str| fields.is_none_or(|f| f.contains(&key));
            for wire in wire_names(name) {
                if let (true, Some(v)) = (is_field(&wire), m.get(&wire)) {
                    loc.push(Loc::Key(wire));
                    if walk(input, v, rest, loc, guess, fuel) {
                        return true;
                    }
                    loc.truncate(mark);
                }
            }
            // A flattened field: its fields are its parent's.
            if fields.is_none() && !rest.is_empty() && walk(input, value, rest, loc, guess, fuel) {
                return true;
            }
            loc.truncate(mark);
            // A field renamed to a name no rule makes: the only key left whose value
            // could have broken the rule.
            if let (true, Some((broken, claimed))) = (rest.is_empty(), guess) {
                let mut candidates = m.iter().filter(|(key, v)| {
                    is_field(key) && broken.could_break(v) && {
                        let mut at = loc.clone();
                        at.push(Loc::Key((*key).clone()));
                        !claimed.contains(&at)
                    }
                });
                if let (Some((key, _)), None) = (candidates.next(), candidates.next()) {
                    loc.push(Loc::Key(key.clone()));
                    return true;
                }
            }
        }
        _ => {}
    }
    loc.truncate(mark);
    false
}

/// A deserializer of a JSON value that notes, for each object serde reads as a struct,
/// where it is and the struct's fields (serde_json's own reading otherwise).
struct Recorder<'de> {
    value: &'de Value,
    at: Vec<Loc>,
    structs: &'de RefCell<HashMap<Vec<Loc>, &'static [&'static str]>>,
}

impl<'de> Recorder<'de> {
    fn at(&self, value: &'de Value, step: Loc) -> Self {
        let mut at = self.at.clone();
        at.push(step);
        Recorder {
            value,
            at,
            structs: self.structs,
        }
    }

    fn visit_object<V: Visitor<'de>>(
        self,
        entries: &'de Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        visitor.visit_map(Entries {
            parent: self,
            entries: entries.iter(),
            next: None,
        })
    }
}

macro_rules! forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
                self.value.$method(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Recorder<'de> {
    type Error = serde_json::Error;

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Array(items) => visitor.visit_seq(Items {
                parent: self,
                items: items.iter().enumerate(),
            }),
            other => other.deserialize_seq(visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Object(entries) => self.visit_object(entries, visitor),
            other => other.deserialize_map(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Object(entries) => {
                self.structs.borrow_mut().insert(self.at.clone(), fields);
                self.visit_object(entries, visitor)
            }
            other => other.deserialize_struct(name, fields, visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value.deserialize_enum(name, variants, visitor)
    }
}

/// An object's entries, each value read by a [`Recorder`] at its key.
struct Entries<'de> {
    parent: Recorder<'de>,
    entries: serde_json::map::Iter<'de>,
    next: Option<(&'de String, &'de Value)>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.next = Some((key, value));
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, Self::Error> {
        match self.next.take() {
            Some((key, value)) => seed.deserialize(self.parent.at(value, Loc::Key(key.clone()))),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }
}

/// A list's items, each read by a [`Recorder`] at its index.
struct Items<'de> {
    parent: Recorder<'de>,
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = serde_json::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Self::Error> {
        match self.items.next() {
            Some((i, item)) => seed
                .deserialize(self.parent.at(item, Loc::Index(i)))
                .map(Some),
            None => Ok(None),
        }
    }
}

/// The names serde can give a field named `rust`: itself, and what each of serde's
/// `rename_all` rules makes of it (serde_derive's `RenameRule::apply_to_field`), without
/// repeats. A raw identifier (`r#type`) is named without its `r#`, as serde names it.
fn wire_names(rust: &str) -> Vec<String> {
    let field = rust.strip_prefix("r#").unwrap_or(rust);
    let pascal: String = field
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect();
    let camel = match pascal.chars().next() {
        Some(first) => first.to_ascii_lowercase().to_string() + &pascal[first.len_utf8()..],
        None => String::new(),
    };
    let mut names = vec![
        field.to_owned(),
        camel,
        pascal,
        field.replace('_', "-"),
        field.to_ascii_uppercase(),
        field.to_ascii_uppercase().replace('_', "-"),
    ];
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| !n.is_empty() && seen.insert(n.clone()));
    names
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use serde_json::json;

    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.to_owned())
    }

    fn at(input: &Value, path: &[Step]) -> Option<Value> {
        by_name(&Input::bare(input), path).map(|l| serde_json::to_value(l).unwrap())
    }

    #[test]
    fn names_serde_can_give() {
        assert_eq!(
            wire_names("user_name"),
            [
                "user_name",
                "userName",
                "UserName",
                "user-name",
                "USER_NAME",
                "USER-NAME"
            ]
        );
        assert_eq!(wire_names("r#type"), ["type", "Type", "TYPE"]);
    }

    #[test]
    fn renamed_flattened_and_nested_paths_resolve() {
        let body =
            json!({"email": "x", "userName": "a", "items": [{"SKU": ""}], "tags": {"k": ""}});
        assert_eq!(
            at(&body, &[key("base"), key("email")]),
            Some(json!(["email"]))
        );
        assert_eq!(at(&body, &[key("user_name")]), Some(json!(["userName"])));
        assert_eq!(
            at(&body, &[key("items"), Step::Index(0), key("sku")]),
            Some(json!(["items", 0, "SKU"]))
        );
        assert_eq!(
            at(&body, &[key("tags"), key("k")]),
            Some(json!(["tags", "k"]))
        );
        // A flattened field with nothing after it is not skipped.
        assert_eq!(at(&json!({"a": 1, "b": 2}), &[key("base")]), None);
    }

    #[test]
    fn an_arbitrary_rename_is_found_only_when_one_value_could_break_the_rule() {
        let mail = || Some(vec![Loc::from("mail")]);
        let email = [key("email")];
        let short = Broken::TooShort(3);
        let none = HashSet::new();
        let body = json!({"mail": "ab", "name": "abcdef"});
        assert_eq!(by_rule(&Input::bare(&body), &email, short, &none), mail());
        let both_short = json!({"mail": "ab", "name": "a"});
        assert_eq!(
            by_rule(&Input::bare(&both_short), &email, short, &none),
            None
        );
        // ... unless the other is another error's, found by its name,
        let claimed = HashSet::from([vec![Loc::from("name")]]);
        assert_eq!(
            by_rule(&Input::bare(&both_short), &email, short, &claimed),
            mail()
        );
        // ... or no field of the struct serde read (a key it ignored).
        #[derive(serde::Deserialize)]
        #[allow(dead_code, reason = "read by serde only")]
        struct Login {
            #[serde(rename = "mail")]
            email: String,
        }
        let read = Input::read::<Login>(&both_short);
        assert_eq!(by_rule(&read, &email, short, &none), mail());
    }

    #[test]
    fn a_struct_serde_read_has_no_flattened_field() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code, reason = "read by serde only")]
        struct Outer {
            email: String,
            #[serde(default)]
            backup: Option<Contact>,
            contacts: Vec<Contact>,
        }
        #[derive(serde::Deserialize)]
        #[allow(dead_code, reason = "read by serde only")]
        struct Contact {
            email: String,
        }
        let body = json!({"email": "a@b.c", "contacts": [{"email": ""}]});
        let backup_email = [key("backup"), key("email")];
        // Read bare, `backup.email` could be a flattened field's...
        assert_eq!(
            by_name(&Input::bare(&body), &backup_email),
            Some(vec![Loc::from("email")])
        );
        // ... but serde read `Outer` as a struct: it has none, and `backup` was not sent.
        let read = Input::read::<Outer>(&body);
        assert_eq!(by_name(&read, &backup_email), None);
        assert_eq!(
            by_name(&read, &[key("contacts"), Step::Index(0), key("email")]),
            Some(vec![
                Loc::from("contacts"),
                Loc::from(0),
                Loc::from("email")
            ])
        );
    }
}
