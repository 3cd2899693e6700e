"""The course's FastAPI app, for `benches/load.sh --fastapi`: the routes the load
benchmark measures, as the course writes them (response_model, ORJSONResponse,
HTMLResponse, Jinja2Templates, FileResponse, StreamingResponse).

    benches/.venv/bin/python -m uvicorn main:app --port 18002   # from benches/
"""

from pathlib import Path
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, ORJSONResponse, StreamingResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
app = FastAPI()
templates = Jinja2Templates(directory=str(EXAMPLES / "templates"))


# 6.1.1 response_model
class UserOut(BaseModel):
    id: int
    name: str
    email: str


class ItemOut(BaseModel):
    id: int
    name: str
    price: float


@app.get("/models/users/{user_id}", response_model=UserOut)
def get_user(user_id: int):
    return {
        "id": user_id,
        "name": "Alice",
        "email": "alice@x.com",
        "hashed_password": "$2b$12$abc...",
        "is_superuser": False,
    }


@app.get("/models/items", response_model=list[ItemOut])
def list_items():
    return [
        {"id": 1, "name": "Laptop", "price": 75000, "secret": "ignored"},
        {"id": 2, "name": "Phone", "price": 30000},
    ]


# 6.1.2 include / exclude, chosen by the client
class UserFull(BaseModel):
    id: int
    name: str
    email: str
    role: str


USERS = [
    {"id": 1, "name": "Alice", "email": "a@x.com", "role": "admin", "hashed_password": "secret"},
    {"id": 2, "name": "Bob", "email": "b@x.com", "role": "user", "hashed_password": "hunter2"},
]


@app.get("/fields/users")
def list_users(fields: Optional[str] = None):
    include = set(fields.split(",")) if fields else None
    items = [UserFull(**u).model_dump(include=include) for u in USERS]
    return {"items": items, "total": len(items)}


# 6.2.2 ORJSONResponse
@app.get("/big-data", response_class=ORJSONResponse)
def big_data():
    return ORJSONResponse({"items": list(range(10_000))})


@app.get("/users", response_class=ORJSONResponse)
def users():
    return ORJSONResponse([{"id": i, "name": f"User {i}"} for i in range(1000)])


# 6.2.3 HTMLResponse
@app.get("/health", response_class=HTMLResponse)
def health():
    return """
    <html>
      <body style="font-family:sans-serif;padding:40px;">
        <h1>✅ Service is healthy</h1>
        <p>Version: 1.0.0</p>
      </body>
    </html>
    """


@app.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request):
    return templates.TemplateResponse(
        request, "dashboard.html", {"user": "Alice", "items": [1, 2, 3]}
    )


# 6.2.5 FileResponse
@app.get("/avatar/{user_id}")
def avatar(user_id: str):
    path = EXAMPLES / "assets" / "avatars" / f"{user_id}.png"
    if not path.exists():
        path = EXAMPLES / "assets" / "avatars" / "default.png"
    return FileResponse(path, media_type="image/png")


# 6.2.7 StreamingResponse
def generate_csv():
    yield "id,name,score\n"
    for i in range(1, 1_000_001):
        yield f"{i},User{i},{i * 1.5}\n"


@app.get("/export/large-csv")
def export_large_csv():
    return StreamingResponse(
        generate_csv(),
        media_type="text/csv",
        headers={"Content-Disposition": "attachment; filename=data.csv"},
    )
