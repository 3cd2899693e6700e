use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(ItemOut, exclude(cost)))]
struct Item {
    name: String,
    cost: u32,
}

#[derive(Serialize, ResponseModel)]
#[response_model(view(OrderOut, exclude(items), nest(items = ItemOut)))]
struct Order {
    id: u32,
    items: Vec<Item>,
}

fn main() {}
