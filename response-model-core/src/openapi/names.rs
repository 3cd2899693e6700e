//! Component names that do not depend on the order routes were added in.
//!
//! schemars names a component after its type (`UserOut`) and, when a second type of the
//! same name comes along, appends a number (`UserOut2`): which of two `UserOut` views gets
//! the number depends on which handler was documented first. Every derived view carries
//! its Rust path in a `$comment` ([`VIEW_COMMENT_PREFIX`]); two views that share a name are
//! both named by their module instead (`include_exclude.UserOut`,
//! `response_models.UserOut`), with as many trailing module segments as it takes to tell
//! them apart, whatever the order. A view named with `view(UserOut, name = "PublicUser")`
//! carries that name and is qualified only if it still clashes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// The start of the `$comment` of a derived view's schema: `rust: <module path>::<name>`.
pub(crate) const VIEW_COMMENT_PREFIX: &str = "rust: ";

/// Old name -> final name, for the components of one contract.
pub(crate) type Renames = BTreeMap<String, String>;

/// The Rust path of a component, from its marker; the marker is removed.
fn take_marker(schema: &mut Value) -> Option<String> {
    let obj = schema.as_object_mut()?;
    let path = obj
        .get("$comment")?
        .as_str()?
        .strip_prefix(VIEW_COMMENT_PREFIX)?
        .to_owned();
    obj.remove("$comment");
    Some(path)
}

/// Names every marked component of both contracts from its Rust path, qualifying those
/// whose names clash; returns each side's renames (applied to keys and `$ref`s here, and
/// to be applied to the inline schemas that still use the old names).
pub(crate) fn qualify(
    ser: &mut Map<String, Value>,
    de: &mut Map<String, Value>,
) -> (Renames, Renames) {
    let paths_of = |defs: &mut Map<String, Value>| -> BTreeMap<String, String> {
        defs.iter_mut()
            .filter_map(|(name, schema)| take_marker(schema).map(|p| (name.clone(), p)))
            .collect()
    };
    let (ser_paths, de_paths) = (paths_of(ser), paths_of(de));
    // Every Rust path, grouped by the name it asks for (its last segment).
    let mut by_name: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for path in ser_paths.values().chain(de_paths.values()) {
        by_name.entry(base_name(path)).or_default().insert(path);
    }
    // The components that are not views (a hand-written `ItemOut`): their names are
    // schemars' (`ItemOut`, or `ItemOut2` when a view of that name came first).
    let unmarked: BTreeSet<String> = ser
        .keys()
        .filter(|k| !ser_paths.contains_key(*k))
        .chain(de.keys().filter(|k| !de_paths.contains_key(*k)))
        .cloned()
        .collect();
    let taken_by_other = |name: &str| unmarked.iter().any(|k| numbered(k, name).is_some());
    let mut final_name: BTreeMap<&str, String> = BTreeMap::new();
    for (name, paths) in &by_name {
        // A view keeps its plain name only if nothing else asks for it: two views, or a
        // view and another type of that name, are each named by their module.
        if paths.len() == 1 && !taken_by_other(name) {
            final_name.extend(paths.iter().map(|p| (*p, (*name).to_owned())));
        } else {
            final_name.extend(qualified(paths));
        }
    }
    let renames = |paths: &BTreeMap<String, String>, defs: &Map<String, Value>| -> Renames {
        let mut out: Renames = paths
            .iter()
            .filter_map(|(old, path)| {
                let new = final_name.get(path.as_str())?;
                (new != old).then(|| (old.clone(), new.clone()))
            })
            .collect();
        // The other type of a view's name gets the plain name back, whatever the order
        // schemars met them in (`ItemOut2` -> `ItemOut` once the view is `users_db.ItemOut`).
        for name in by_name.keys() {
            let others: Vec<&String> = defs
                .keys()
                .filter(|k| !paths.contains_key(*k) && numbered(k, name).is_some_and(|n| n > 0))
                .collect();
            let plain_free = !defs.keys().any(|k| !paths.contains_key(k) && k == name);
            if let ([only], true) = (others.as_slice(), plain_free) {
                out.insert((*only).clone(), (*name).to_owned());
            }
        }
        out
    };
    let (ser_renames, de_renames) = (renames(&ser_paths, ser), renames(&de_paths, de));
    apply(ser, &ser_renames);
    apply(de, &de_renames);
    (ser_renames, de_renames)
}

/// `Some(0)` when `key` is `name`, `Some(n)` when it is schemars' `name` + `n` (its
/// second, third, ... type of that name), else `None`.
fn numbered(key: &str, name: &str) -> Option<u32> {
    let rest = key.strip_prefix(name)?;
    if rest.is_empty() {
        return Some(0);
    }
    if rest.bytes().all(|b| b.is_ascii_digit()) {
        rest.parse().ok()
    } else {
        None
    }
}

fn base_name(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// The shortest trailing module segments that tell `paths` apart, joined with `.`.
fn qualified<'a>(paths: &BTreeSet<&'a str>) -> Vec<(&'a str, String)> {
    let segments: Vec<Vec<&str>> = paths.iter().map(|p| p.split("::").collect()).collect();
    let longest = segments.iter().map(Vec::len).max().unwrap_or(1);
    for take in 2..=longest {
        let names: Vec<String> = segments
            .iter()
            .map(|s| s[s.len().saturating_sub(take)..].join("."))
            .collect();
        let unique: BTreeSet<&String> = names.iter().collect();
        if unique.len() == names.len() {
            return paths.iter().copied().zip(names).collect();
        }
    }
    // The same path twice cannot be in a set; whole paths are always distinct.
    paths.iter().map(|p| (*p, p.replace("::", "."))).collect()
}

/// Removes every view marker left in `v` (inline copies of a view's schema).
pub(crate) fn strip_markers(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map
                .get("$comment")
                .and_then(Value::as_str)
                .is_some_and(|c| c.starts_with(VIEW_COMMENT_PREFIX))
            {
                map.remove("$comment");
            }
            map.values_mut().for_each(strip_markers);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_markers),
        _ => {}
    }
}

/// Renames the keys of `defs` and every `$ref` in them.
fn apply(defs: &mut Map<String, Value>, renames: &Renames) {
    if renames.is_empty() {
        return;
    }
    let old = std::mem::take(defs);
    for (name, mut schema) in old {
        rename_refs(&mut schema, renames);
        let name = renames.get(&name).cloned().unwrap_or(name);
        defs.insert(name, schema);
    }
}

/// Points every `$ref` to a renamed component at its new name.
pub(crate) fn rename_refs(v: &mut Value, renames: &Renames) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(name) = r.strip_prefix(super::schema::COMPONENTS_REF)
                && let Some(new) = renames.get(name)
            {
                *r = format!("{}{new}", super::schema::COMPONENTS_REF);
            }
            map.values_mut().for_each(|c| rename_refs(c, renames));
        }
        Value::Array(items) => items.iter_mut().for_each(|c| rename_refs(c, renames)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn marked(path: &str) -> Value {
        json!({"type": "object", "$comment": format!("{VIEW_COMMENT_PREFIX}{path}")})
    }

    #[test]
    fn clashing_views_are_named_by_their_module_in_any_order() {
        for (first, second) in [
            ("a::models::UserOut", "a::fields::UserOut"),
            ("a::fields::UserOut", "a::models::UserOut"),
        ] {
            let mut ser = Map::new();
            ser.insert("UserOut".into(), marked(first));
            ser.insert("UserOut2".into(), marked(second));
            ser.insert(
                "Page".into(),
                json!({"items": {"$ref": "#/components/schemas/UserOut2"}}),
            );
            let mut de = Map::new();
            let (renames, _) = qualify(&mut ser, &mut de);
            let keys: BTreeSet<&String> = ser.keys().collect();
            assert_eq!(
                keys,
                BTreeSet::from([
                    &"Page".to_owned(),
                    &"fields.UserOut".to_owned(),
                    &"models.UserOut".to_owned()
                ])
            );
            let second_name = if second.contains("fields") {
                "fields.UserOut"
            } else {
                "models.UserOut"
            };
            assert_eq!(
                ser["Page"]["items"]["$ref"],
                format!("#/components/schemas/{second_name}")
            );
            assert_eq!(renames.len(), 2);
            assert!(ser.values().all(|s| s.get("$comment").is_none()));
        }
    }

    /// A view and a hand-written type of one name: the type keeps the name, the view is
    /// named by its module, in either order.
    #[test]
    fn a_view_named_like_another_type_is_named_by_its_module() {
        for (view_key, other_key) in [("ItemOut", "ItemOut2"), ("ItemOut2", "ItemOut")] {
            let mut ser = Map::new();
            ser.insert(view_key.into(), marked("app::users_db::ItemOut"));
            ser.insert(
                other_key.into(),
                json!({"type": "object", "title": "other"}),
            );
            ser.insert(
                "List".into(),
                json!({"a": {"$ref": format!("#/components/schemas/{view_key}")},
                       "b": {"$ref": format!("#/components/schemas/{other_key}")}}),
            );
            let mut de = Map::new();
            qualify(&mut ser, &mut de);
            let keys: BTreeSet<&str> = ser.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                BTreeSet::from(["ItemOut", "List", "users_db.ItemOut"])
            );
            assert_eq!(ser["ItemOut"]["title"], "other");
            assert_eq!(
                ser["List"]["a"]["$ref"],
                "#/components/schemas/users_db.ItemOut"
            );
            assert_eq!(ser["List"]["b"]["$ref"], "#/components/schemas/ItemOut");
        }
    }

    #[test]
    fn a_name_of_its_own_stays_and_deeper_modules_are_used_when_needed() {
        let mut ser = Map::new();
        ser.insert("UserOut".into(), marked("app::UserOut"));
        let mut de = Map::new();
        let (renames, _) = qualify(&mut ser, &mut de);
        assert!(renames.is_empty());
        assert!(ser["UserOut"].get("$comment").is_none());

        let paths: BTreeSet<&str> = ["x::v1::users::Out", "x::v2::users::Out"].into();
        let names: Vec<String> = qualified(&paths).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["v1.users.Out", "v2.users.Out"]);
    }
}
