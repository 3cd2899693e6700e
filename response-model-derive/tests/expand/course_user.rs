#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(UserOut, exclude(is_superuser)), view(UserProfile, exclude_none))]
pub struct UserInDB {
    /// The user's id.
    pub id: i64,
    pub name: String,
    #[response_model(secret)]
    pub hashed_password: String,
    pub is_superuser: bool,
    pub bio: Option<String>,
}
