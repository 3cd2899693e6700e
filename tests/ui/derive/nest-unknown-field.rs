use response_model::ResponseModel;
use serde::Serialize;

#[derive(Serialize, ResponseModel)]
#[response_model(view(ItemOut, exclude(cost)))]
struct Item {
    name: String,
    cost: u32,
}

#[derive(Serialize, ResponseModel)]
#[response_model(view(OrderOut, nest(itmes = ItemOut)))]
struct Order {
    items: Vec<Item>,
}

fn main() {}
