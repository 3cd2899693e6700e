//! The derive's views: exact JSON for every option, field lists, conversions.

use std::collections::{BTreeMap, HashMap};

use response_model::prelude::*;
use response_model::view::FieldList;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(
    view(UserOut, exclude(is_superuser, bio)),
    view(UserPublic, include(id, name)),
    view(UserProfile, exclude_none)
)]
struct UserInDB {
    /// The user's id.
    id: i64,
    name: String,
    email: String,
    #[response_model(secret)]
    hashed_password: String,
    is_superuser: bool,
    bio: Option<String>,
}

fn alice() -> UserInDB {
    UserInDB {
        id: 1,
        name: "Alice".into(),
        email: "alice@x.com".into(),
        hashed_password: "$2b$12$abc...".into(),
        is_superuser: false,
        bio: None,
    }
}

#[test]
fn course_user_out_is_exactly_id_name_email() {
    let out = UserOut::from(alice());
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        r#"{"id":1,"name":"Alice","email":"alice@x.com"}"#
    );
}

#[test]
fn include_keeps_declaration_order() {
    let v = serde_json::to_value(UserPublic::from(alice())).unwrap();
    assert_eq!(v, json!({"id": 1, "name": "Alice"}));
}

#[test]
fn exclude_none_drops_none_keeps_some() {
    let v = serde_json::to_value(UserProfile::from(alice())).unwrap();
    assert_eq!(
        v,
        json!({"id":1,"name":"Alice","email":"alice@x.com","is_superuser":false})
    );
    let mut u = alice();
    u.bio = Some("hi".into());
    let v = serde_json::to_value(UserProfile::from(u)).unwrap();
    assert_eq!(v["bio"], "hi");
}

#[test]
fn field_lists_never_name_secrets() {
    assert_eq!(
        UserInDB::NAMES,
        ["id", "name", "email", "is_superuser", "bio"]
    );
    assert_eq!(UserOut::NAMES, ["id", "name", "email"]);
    assert_eq!(UserPublic::NAMES, ["id", "name"]);
}

#[derive(Serialize, ResponseModel)]
#[response_model(view(ItemOut, exclude(cost)))]
struct Item {
    name: String,
    cost: u32,
}

#[derive(Serialize, ResponseModel)]
#[response_model(view(OrderOut, nest(items = ItemOut, by_sku = ItemOut, gift = ItemOut, boxed = ItemOut)))]
struct Order {
    id: u32,
    items: Vec<Item>,
    by_sku: BTreeMap<String, Item>,
    gift: Option<Vec<Item>>,
    boxed: Box<Item>,
    extra: HashMap<String, u8>,
}

#[test]
fn nested_views_map_through_containers() {
    let item = |n: &str| Item {
        name: n.into(),
        cost: 9,
    };
    let order = Order {
        id: 7,
        items: vec![item("a"), item("b")],
        by_sku: BTreeMap::from([("k".to_string(), item("c"))]),
        gift: Some(vec![item("d")]),
        boxed: Box::new(item("e")),
        extra: HashMap::new(),
    };
    let v = serde_json::to_value(OrderOut::from(order)).unwrap();
    assert_eq!(
        v,
        json!({"id":7,"items":[{"name":"a"},{"name":"b"}],"by_sku":{"k":{"name":"c"}},
               "gift":[{"name":"d"}],"boxed":{"name":"e"},"extra":{}})
    );
    let items = OrderOut::fields()
        .iter()
        .find(|f| f.name == "items")
        .unwrap();
    assert_eq!((items.nested.unwrap())()[0].name, "name");
}

#[derive(Serialize, ResponseModel)]
#[response_model(view(PageOut, exclude(cursor)), view(PageMeta, include(total)))]
struct Page<'a, T> {
    items: Vec<T>,
    total: u64,
    cursor: &'a str,
}

#[test]
fn generic_models_and_lifetimes() {
    let page = Page {
        items: vec![1, 2],
        total: 2,
        cursor: "c",
    };
    let v = serde_json::to_value(PageOut::from(page)).unwrap();
    assert_eq!(v, json!({"items":[1,2],"total":2}));
    let meta: PageMeta<'_, String> = Page {
        items: vec![],
        total: 0,
        cursor: "x",
    }
    .into();
    assert_eq!(serde_json::to_value(meta).unwrap(), json!({"total":0}));
}

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(LeafOut, exclude(hidden)))]
struct Leaf {
    v: u8,
    hidden: u8,
}

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(MidOut, nest(leaves = LeafOut)))]
struct Mid {
    leaves: Option<Vec<Leaf>>,
}

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(TopOut, nest(mids = MidOut)))]
struct Top {
    mids: HashMap<String, Vec<Mid>>,
}

#[test]
fn nesting_composes_three_levels_deep() {
    let top = Top {
        mids: HashMap::from([(
            "m".to_string(),
            vec![Mid {
                leaves: Some(vec![Leaf { v: 1, hidden: 9 }]),
            }],
        )]),
    };
    let v = serde_json::to_value(TopOut::from(top)).unwrap();
    assert_eq!(v, json!({"mids": {"m": [{"leaves": [{"v": 1}]}]}}));
    // Field lists follow the nesting too.
    let mids = TopOut::fields()[0].nested.unwrap()();
    let leaves = mids[0].nested.unwrap()();
    assert_eq!(leaves.iter().map(|f| f.name).collect::<Vec<_>>(), ["v"]);
}

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(NodeOut, exclude(secret_note), nest(children = NodeOut)))]
struct Node {
    name: String,
    secret_note: String,
    children: Vec<Node>,
}

#[test]
fn recursive_models_nest_into_themselves() {
    let tree = Node {
        name: "root".into(),
        secret_note: "x".into(),
        children: vec![Node {
            name: "kid".into(),
            secret_note: "y".into(),
            children: vec![],
        }],
    };
    let v = serde_json::to_value(NodeOut::from(tree)).unwrap();
    assert_eq!(
        v,
        json!({"name": "root", "children": [{"name": "kid", "children": []}]})
    );
    let children = NodeOut::fields()[1].nested.unwrap()();
    assert_eq!(children[1].name, "children");
    let schema = schemars::schema_for!(NodeOut).to_value();
    assert!(!schema.to_string().contains("secret_note"));
}
