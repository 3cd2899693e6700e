use response_model::responses::FileResponse;

async fn report() -> FileResponse<String> {
    FileResponse::new("report.pdf").media::<String>()
}

fn main() {
    let _ = report();
}
