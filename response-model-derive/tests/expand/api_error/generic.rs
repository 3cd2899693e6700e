/// A generic enum whose one variant sends its field (no `Display` needed).
enum Wrapped<T: Serialize> {
    #[api_error(status = 400, body)]
    Bad(T),
}
