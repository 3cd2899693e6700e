#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(UserOut), view(UserExact, include(id, name), closed))]
pub struct User {
    pub id: i64,
    pub name: String,
    pub email: String,
}
