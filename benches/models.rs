//! The models both benches measure, with their hand-written twins: a flat model with a
//! secret (`UserInDB` -> `UserOut`, `UserPublic`; `UserDto`), and a nested one
//! (`Order` -> `OrderOut`, nesting `LineOut` in a `Vec` and in an optional `Box`;
//! `OrderDto`). Included by `micro.rs` and `alloc_counts.rs` with `#[path]`.

use response_model::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

/// A full model with a secret and an excluded field.
#[derive(Clone, Serialize, JsonSchema, ResponseModel)]
#[response_model(
    view(UserOut, exclude(is_superuser)),
    view(UserPublic, include(id, name))
)]
pub struct UserInDB {
    pub id: i64,
    pub name: String,
    pub email: String,
    #[response_model(secret)]
    pub hashed_password: String,
    pub is_superuser: bool,
}

/// `UserOut`'s fields, hand-written.
#[derive(Clone, Serialize)]
pub struct UserDto {
    pub id: i64,
    pub name: String,
    pub email: String,
}

impl From<UserInDB> for UserDto {
    fn from(u: UserInDB) -> Self {
        Self {
            id: u.id,
            name: u.name,
            email: u.email,
        }
    }
}

/// A line of an order; `LineOut` drops its cost.
#[derive(Clone, Serialize, JsonSchema, ResponseModel)]
#[response_model(view(LineOut, exclude(cost)))]
pub struct Line {
    pub sku: String,
    pub quantity: u32,
    pub price: f64,
    pub cost: f64,
}

/// An order with nested lines and an optional gift line.
#[derive(Clone, Serialize, JsonSchema, ResponseModel)]
#[response_model(view(OrderOut, exclude(internal_note), nest(lines = LineOut, gift = LineOut)))]
pub struct Order {
    pub id: i64,
    pub customer: String,
    pub lines: Vec<Line>,
    pub gift: Option<Box<Line>>,
    pub internal_note: String,
}

#[derive(Clone, Serialize)]
pub struct LineDto {
    pub sku: String,
    pub quantity: u32,
    pub price: f64,
}

#[derive(Clone, Serialize)]
pub struct OrderDto {
    pub id: i64,
    pub customer: String,
    pub lines: Vec<LineDto>,
    pub gift: Option<Box<LineDto>>,
}

fn line_dto(l: Line) -> LineDto {
    LineDto {
        sku: l.sku,
        quantity: l.quantity,
        price: l.price,
    }
}

impl From<Order> for OrderDto {
    fn from(o: Order) -> Self {
        Self {
            id: o.id,
            customer: o.customer,
            lines: o.lines.into_iter().map(line_dto).collect(),
            gift: o.gift.map(|g| Box::new(line_dto(*g))),
        }
    }
}
