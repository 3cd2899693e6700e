#[derive(Serialize, ResponseModel)]
#[response_model(view(OrderOut, nest(items = ItemOut)), view(OrderMeta, include(total)))]
pub struct Order<T> {
    pub items: Vec<Option<Item>>,
    pub total: T,
}
