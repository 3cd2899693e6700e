"""Differential judge of issue #19: the same requests sent to the FastAPI full-stack template's
backend and to its Rust port, each on its own database in the same state, and the answers
compared (status, the headers a client reads, the JSON body with ids, times and tokens
replaced by placeholders; for HTML only status, type and headers).

Run by `scripts/full_stack_judge.sh --diff`, which starts both servers; by hand:
    DIFF_TEMPLATE_URL=http://127.0.0.1:8001 DIFF_PORT_URL=http://127.0.0.1:8000 \
    SECRET_KEY=... FIRST_SUPERUSER=... FIRST_SUPERUSER_PASSWORD=... python full_stack_diff.py
with the template's venv (httpx, PyJWT). It goes beyond the template's own tests: hostile
tokens and Authorization headers, 422 bodies word for word (but a password's or token's
echoed `input` compared as `<secret>`: #19 wants it masked), trailing slashes, 404/405,
CORS, partial updates, and no password hash in any body. Cases where the template itself fails
(a 500 from an unhandled error) are listed apart: nobody should copy those. Then the two
OpenAPI documents are compared fact by fact (each operation's id, tags, summary, security,
parameters, body and statuses; each schema's types, formats, constraints, required fields;
"X or null" spelled one way): the template's facts the port's document lacks are listed, and
the port's extra facts counted (DIFF_OUT=DIR keeps both lists).
Exit status 1 if any case differs (or a body leaks a hash), else 0; the document comparison
is information.
"""

import base64
import json
import os
import re
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import jwt

TEMPLATE = os.environ["DIFF_TEMPLATE_URL"]
PORT = os.environ["DIFF_PORT_URL"]
SECRET = os.environ["SECRET_KEY"]
SU = os.environ["FIRST_SUPERUSER"]
SU_PASSWORD = os.environ["FIRST_SUPERUSER_PASSWORD"]
FRONTEND = os.environ.get("FRONTEND_HOST", "http://localhost:5173")
API = "/api/v1"
RUN = uuid.uuid4().hex[:8]
HEADERS = (
    "content-type",
    "www-authenticate",
    "location",
    "allow",
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-max-age",
    "access-control-expose-headers",
)
LIST_HEADERS = {"access-control-allow-methods", "access-control-allow-headers", "allow"}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
JWT = re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
LEAKS = ("hashed_password", "$argon2", "$2b$", "$2a$", "$2y$")


def email(name: str) -> str:
    return f"diff-{name}-{RUN}@example.com"


def b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def token(sub: str | None, **claims: Any) -> str:
    """An access token as the template makes it (HS256, SECRET_KEY), claims overridable."""
    payload: dict[str, Any] = {"exp": int(time.time()) + 3600, "sub": sub}
    payload.update(claims)
    payload = {k: v for k, v in payload.items() if v is not None}
    return jwt.encode(payload, SECRET, algorithm="HS256")


def normalize_text(text: str, base: str) -> str:
    text = text.replace(base, "<base>")
    text = JWT.sub("<jwt>", text)
    text = UUID.sub("<uuid>", text)
    return DATETIME.sub("<datetime>", text)


SECRET_FIELDS = {"password", "new_password", "current_password", "token", "client_secret", "hashed_password"}


def mask_secrets(body: Any) -> Any:
    """The `input` of a 422 entry that holds a password or token, as `<secret>` on both sides:
    the port masks them (#19: no password in an error body), the template echoes them. A
    null input stays null, so a mask shown where nothing was sent is still seen."""
    if not isinstance(body, dict) or not isinstance(body.get("detail"), list):
        return body
    for entry in body["detail"]:
        if not isinstance(entry, dict) or "input" not in entry:
            continue
        loc = entry.get("loc") or []
        value = entry["input"]
        secret_field = bool(loc) and loc[-1] in SECRET_FIELDS
        holds_secret = isinstance(value, dict) and bool(SECRET_FIELDS & set(value))
        masked = isinstance(value, str) and value != "" and set(value) == {"*"}
        if masked or holds_secret or (secret_field and value is not None):
            entry["input"] = "<secret>"
    return body


def normalize(value: Any, base: str) -> Any:
    if isinstance(value, dict):
        return {k: normalize(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v, base) for v in value]
    if isinstance(value, str):
        return normalize_text(value, base)
    return value


class Side:
    """One server, the answers it gave in this case, and the case's variables."""

    def __init__(self, name: str, base: str) -> None:
        self.name = name
        self.base = base
        self.client = httpx.Client(base_url=base, follow_redirects=False, timeout=60)
        self.answers: list[tuple[str, dict[str, Any]]] = []
        self.vars: dict[str, Any] = {}
        self.leaks: list[str] = []
        self.cors_without_origin = 0

    def send(self, method: str, path: str, **kw: Any) -> httpx.Response:
        """One request; once more on a fresh connection if the server had closed the kept-alive
        one (uvicorn does after an unhandled error)."""
        try:
            return self.client.request(method, path, **kw)
        except (httpx.RemoteProtocolError, httpx.ReadError):
            self.client.close()
            self.client = httpx.Client(base_url=self.base, follow_redirects=False, timeout=60)
            return self.client.request(method, path, **kw)

    def req(self, method: str, path: str, *, label: str = "", **kw: Any) -> httpx.Response:
        r = self.send(method, path, **kw)
        text = r.text
        cross_origin = any(k.lower() == "origin" for k in (kw.get("headers") or {}))
        for leak in LEAKS:
            if leak in text:
                self.leaks.append(f"{method} {path}: the body holds {leak!r}")
        headers = {}
        for h in HEADERS:
            if h.startswith("access-control-") and not cross_origin:
                # Without an Origin header CORS says nothing: counted apart, not per step.
                if h in r.headers:
                    self.cors_without_origin += 1
                continue
            if h in r.headers:
                v = r.headers[h]
                if h == "location":
                    # Relative or absolute, the same target.
                    v = str(r.request.url.join(v))
                v = normalize_text(v, self.base)
                if h in LIST_HEADERS:
                    v = ", ".join(sorted(p.strip().lower() for p in v.split(",")))
                headers[h] = v
        kind = r.headers.get("content-type", "")
        if "json" in kind:
            try:
                body: Any = mask_secrets(normalize(r.json(), self.base))
            except ValueError:
                body = normalize_text(text, self.base)
        elif "html" in kind:
            body = f"<html, {len(text)} chars>"
            if r.headers.get("subject:") or r.headers.get("subject"):
                headers["subject"] = r.headers.get("subject:") or r.headers.get("subject")
        else:
            body = normalize_text(text, self.base)
        shown = label or f"{method} {normalize_text(path, self.base)}"
        self.answers.append((shown, {"status": r.status_code, "headers": headers, "body": body}))
        return r

    def login(self, user: str, password: str) -> dict[str, str]:
        r = self.send("POST", f"{API}/login/access-token", data={"username": user, "password": password})
        if r.status_code != 200:
            raise RuntimeError(f"{self.name}: login of {user} answered {r.status_code} {r.text[:200]}")
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    def su(self) -> dict[str, str]:
        if "su" not in self.vars:
            self.vars["su"] = self.login(SU, SU_PASSWORD)
        return self.vars["su"]

    def user(self, name: str, password: str = "password-123", **extra: Any) -> tuple[str, dict[str, str]]:
        """A user made by the superuser (POST /users/), its id and its token's headers."""
        body = {"email": email(name), "password": password, **extra}
        r = self.send("POST", f"{API}/users/", json=body, headers=self.su())
        if r.status_code != 200:
            raise RuntimeError(f"{self.name}: POST /users/ answered {r.status_code} {r.text[:200]}")
        return r.json()["id"], self.login(email(name), password)


CASES: list[tuple[str, str, Callable[[Side], None]]] = []


def case(name: str, known: str = "") -> Callable[[Callable[[Side], None]], Callable[[Side], None]]:
    def register(f: Callable[[Side], None]) -> Callable[[Side], None]:
        CASES.append((name, known, f))
        return f

    return register


# --- routing -------------------------------------------------------------------------------
@case("health check, unknown path, wrong method")
def _(s: Side) -> None:
    s.req("GET", f"{API}/utils/health-check/")
    s.req("GET", f"{API}/no-such-route")
    s.req("DELETE", f"{API}/utils/health-check/")
    s.req("PUT", f"{API}/users/me", headers=s.su(), json={})


@case("trailing slashes: missing, extra (FastAPI's redirect_slashes)")
def _(s: Side) -> None:
    s.req("GET", f"{API}/items", headers=s.su())
    s.req("GET", f"{API}/users/me/", headers=s.su())
    s.req("GET", f"{API}/utils/health-check")
    s.req("POST", f"{API}/users/signup/", json={"email": email("slash"), "password": "password-123"})


@case("CORS: preflight from FRONTEND_HOST and from elsewhere, simple request")
def _(s: Side) -> None:
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    s.req("OPTIONS", f"{API}/items/", headers={"Origin": FRONTEND, **pre})
    s.req("OPTIONS", f"{API}/items/", headers={"Origin": "http://evil.example", **pre})
    s.req("GET", f"{API}/utils/health-check/", headers={"Origin": FRONTEND})
    s.req("GET", f"{API}/utils/health-check/", headers={"Origin": "http://evil.example"})


# --- login ---------------------------------------------------------------------------------
@case("login: right, wrong password, unknown user, inactive user")
def _(s: Side) -> None:
    uid, _ = s.user("login")
    s.req("POST", f"{API}/login/access-token", data={"username": email("login"), "password": "password-123"})
    s.req("POST", f"{API}/login/access-token", data={"username": email("login"), "password": "wrong-password"})
    s.req("POST", f"{API}/login/access-token", data={"username": email("nobody"), "password": "password-123"})
    s.req("PATCH", f"{API}/users/{uid}", headers=s.su(), json={"is_active": False})
    s.req("POST", f"{API}/login/access-token", data={"username": email("login"), "password": "password-123"})


@case("login: missing fields, JSON instead of a form, a 129-character password")
def _(s: Side) -> None:
    s.req("POST", f"{API}/login/access-token", data={})
    s.req("POST", f"{API}/login/access-token", data={"username": SU})
    s.req("POST", f"{API}/login/access-token", json={"username": SU, "password": SU_PASSWORD})
    s.req("POST", f"{API}/login/access-token", data={"username": SU, "password": "x" * 129})
    s.req("POST", f"{API}/login/access-token", data={"username": SU, "password": SU_PASSWORD, "grant_type": "password"})
    s.req("POST", f"{API}/login/access-token", data={"username": SU, "password": SU_PASSWORD, "grant_type": "other"})


@case("login/test-token: the user behind the token")
def _(s: Side) -> None:
    s.req("POST", f"{API}/login/test-token", headers=s.su())
    s.req("POST", f"{API}/login/test-token")


# --- hostile tokens and headers ------------------------------------------------------------
def su_id(s: Side) -> str:
    return s.send("GET", f"{API}/users/me", headers=s.su()).json()["id"]


@case("Authorization header: absent, empty, other scheme, no token, lower-case scheme")
def _(s: Side) -> None:
    good = s.su()["Authorization"].split(" ", 1)[1]
    for value in (None, "", "Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer x y", f"bearer {good}", f"Bearer  {good}", "Bearer not.a.jwt"):
        headers = {} if value is None else {"Authorization": value}
        s.req("GET", f"{API}/users/me", headers=headers, label=f"GET /users/me with Authorization: {value!r:.40}")


@case("tokens: another key, alg none, HS384, expired, no exp, not yet valid")
def _(s: Side) -> None:
    sub = su_id(s)
    future = int(time.time()) + 3600
    tokens = {
        "signed with another key": jwt.encode({"sub": sub, "exp": future}, "another-key-" + "x" * 32, algorithm="HS256"),
        "alg none": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64({'sub': sub, 'exp': future})}.",
        "HS384 with the right key": jwt.encode({"sub": sub, "exp": future}, SECRET, algorithm="HS384"),
        "expired": token(sub, exp=int(time.time()) - 120),
        "without exp": token(sub, exp=None),
        "nbf in the future": token(sub, nbf=int(time.time()) + 3600),
        "exp as a float": token(sub, exp=time.time() + 3600),
    }
    for what, t in tokens.items():
        s.req("GET", f"{API}/users/me", headers={"Authorization": f"Bearer {t}"}, label=f"GET /users/me, token {what}")


@case("tokens: sub of no user, of a deleted user, of an inactive user, without sub")
def _(s: Side) -> None:
    uid, headers = s.user("deleted")
    s.req("GET", f"{API}/users/me", headers={"Authorization": f"Bearer {token(str(uuid.uuid4()))}"}, label="sub: a random uuid")
    s.req("DELETE", f"{API}/users/{uid}", headers=s.su())
    s.req("GET", f"{API}/users/me", headers=headers, label="sub: a deleted user")
    uid2, headers2 = s.user("inactive")
    s.req("PATCH", f"{API}/users/{uid2}", headers=s.su(), json={"is_active": False})
    s.req("GET", f"{API}/users/me", headers=headers2, label="sub: an inactive user")
    s.req("GET", f"{API}/users/me", headers={"Authorization": f"Bearer {token(None)}"}, label="no sub")


@case("tokens: sub not a uuid", known="the template answers 500 (SQLAlchemy cannot read the id)")
def _(s: Side) -> None:
    s.req("GET", f"{API}/users/me", headers={"Authorization": f"Bearer {token('not-a-uuid')}"}, label="sub: not-a-uuid")


# --- users -----------------------------------------------------------------------------------
@case("signup: created, email taken, is_superuser ignored, 422s")
def _(s: Side) -> None:
    s.req("POST", f"{API}/users/signup", json={"email": email("signup"), "password": "password-123", "full_name": "Sign Up"})
    s.req("POST", f"{API}/users/signup", json={"email": email("signup"), "password": "password-123"})
    s.req("POST", f"{API}/users/signup", json={"email": email("signup-su"), "password": "password-123", "is_superuser": True})
    s.req("POST", f"{API}/users/signup", json={"email": "not-an-email", "password": "short"})
    s.req("POST", f"{API}/users/signup", json={"email": email("long"), "password": "x" * 129})
    s.req("POST", f"{API}/users/signup", json={"email": email("name"), "password": "password-123", "full_name": "x" * 256})
    s.req("POST", f"{API}/users/signup", json={})
    s.req("POST", f"{API}/users/signup", json={"email": 5, "password": None})
    s.req("POST", f"{API}/users/signup", content=b"{not json", headers={"Content-Type": "application/json"})
    s.req("POST", f"{API}/users/signup")


@case("users (superuser): create, taken, read, 404s, update, 409, delete, self-delete")
def _(s: Side) -> None:
    su = s.su()
    r = s.req("POST", f"{API}/users/", headers=su, json={"email": email("admin-made"), "password": "password-123", "full_name": "A", "is_superuser": False})
    uid = r.json()["id"]
    s.req("POST", f"{API}/users/", headers=su, json={"email": email("admin-made"), "password": "password-123"})
    s.req("GET", f"{API}/users/{uid}", headers=su)
    s.req("GET", f"{API}/users/{uuid.uuid4()}", headers=su)
    s.req("GET", f"{API}/users/not-a-uuid", headers=su)
    s.req("PATCH", f"{API}/users/{uuid.uuid4()}", headers=su, json={"full_name": "B"})
    s.req("PATCH", f"{API}/users/{uid}", headers=su, json={"full_name": "B"})
    s.req("PATCH", f"{API}/users/{uid}", headers=su, json={"email": SU})
    s.req("PATCH", f"{API}/users/{uid}", headers=su, json={"password": "short"})
    s.req("PATCH", f"{API}/users/{uid}", headers=su, json={"full_name": None})
    s.req("DELETE", f"{API}/users/{uuid.uuid4()}", headers=su)
    s.req("DELETE", f"{API}/users/{su_id(s)}", headers=su)
    s.req("DELETE", f"{API}/users/{uid}", headers=su)


@case("users: a normal user on superuser routes and on others' ids")
def _(s: Side) -> None:
    uid, headers = s.user("normal")
    s.req("GET", f"{API}/users/", headers=headers)
    s.req("POST", f"{API}/users/", headers=headers, json={"email": email("by-normal"), "password": "password-123"})
    s.req("GET", f"{API}/users/{uid}", headers=headers)
    s.req("GET", f"{API}/users/{su_id(s)}", headers=headers)
    s.req("GET", f"{API}/users/{uuid.uuid4()}", headers=headers)
    s.req("PATCH", f"{API}/users/{uid}", headers=headers, json={"is_superuser": True})
    s.req("DELETE", f"{API}/users/{uid}", headers=headers)
    s.req("POST", f"{API}/utils/test-email/", headers=headers, params={"email_to": email("normal")})
    s.req("POST", f"{API}/password-recovery-html-content/{email('normal')}", headers=headers)


@case("users/me: read, partial update, 409, null name, 422")
def _(s: Side) -> None:
    _, headers = s.user("me", full_name="Me")
    s.req("GET", f"{API}/users/me", headers=headers)
    s.req("PATCH", f"{API}/users/me", headers=headers, json={"full_name": "Me Again"})
    s.req("PATCH", f"{API}/users/me", headers=headers, json={"email": SU})
    s.req("PATCH", f"{API}/users/me", headers=headers, json={"full_name": None})
    s.req("PATCH", f"{API}/users/me", headers=headers, json={"email": "bad"})
    s.req("PATCH", f"{API}/users/me", headers=headers, json={"is_superuser": True})
    s.req("PATCH", f"{API}/users/me", headers=headers, json={})
    s.req("GET", f"{API}/users/me", headers=headers)


@case("users/me/password: wrong, same, short, right; then the old password")
def _(s: Side) -> None:
    _, headers = s.user("password")
    s.req("PATCH", f"{API}/users/me/password", headers=headers, json={"current_password": "wrong-password", "new_password": "password-456"})
    s.req("PATCH", f"{API}/users/me/password", headers=headers, json={"current_password": "password-123", "new_password": "password-123"})
    s.req("PATCH", f"{API}/users/me/password", headers=headers, json={"current_password": "password-123", "new_password": "short"})
    s.req("PATCH", f"{API}/users/me/password", headers=headers, json={"current_password": "password-123", "new_password": "password-456"})
    s.req("POST", f"{API}/login/access-token", data={"username": email("password"), "password": "password-123"})
    s.req("POST", f"{API}/login/access-token", data={"username": email("password"), "password": "password-456"})


@case("users/me delete: a normal user, the superuser")
def _(s: Side) -> None:
    _, headers = s.user("delete-me")
    s.req("DELETE", f"{API}/users/me", headers=headers)
    s.req("GET", f"{API}/users/me", headers=headers)
    s.req("DELETE", f"{API}/users/me", headers=s.su())


@case("users list: pagination, 422 on a bad skip")
def _(s: Side) -> None:
    s.user("list-1")
    s.user("list-2")
    s.req("GET", f"{API}/users/", headers=s.su(), params={"skip": 0, "limit": 2})
    s.req("GET", f"{API}/users/", headers=s.su(), params={"skip": "abc"})
    s.req("GET", f"{API}/users/", headers=s.su(), params={"limit": "1.5"})


@case("private: create a user (development only)")
def _(s: Side) -> None:
    s.req("POST", f"{API}/private/users/", json={"email": email("private"), "password": "password-123", "full_name": "Private"})
    s.req("POST", f"{API}/private/users/", json={"email": email("private-2"), "password": "password-123"})


# --- items -----------------------------------------------------------------------------------
@case("items: create, read, partial update, null description, list, delete")
def _(s: Side) -> None:
    _, headers = s.user("items")
    r = s.req("POST", f"{API}/items/", headers=headers, json={"title": "First", "description": "One"})
    iid = r.json()["id"]
    s.req("GET", f"{API}/items/{iid}", headers=headers)
    s.req("PUT", f"{API}/items/{iid}", headers=headers, json={"title": "Renamed"})
    s.req("PUT", f"{API}/items/{iid}", headers=headers, json={"description": None})
    s.req("PUT", f"{API}/items/{iid}", headers=headers, json={})
    s.req("POST", f"{API}/items/", headers=headers, json={"title": "Second"})
    s.req("GET", f"{API}/items/", headers=headers)
    s.req("GET", f"{API}/items/", headers=headers, params={"skip": 1, "limit": 1})
    s.req("DELETE", f"{API}/items/{iid}", headers=headers)
    s.req("GET", f"{API}/items/{iid}", headers=headers)


@case("items: 422s (empty title, missing title, too long, bad uuid, bad JSON, no body)")
def _(s: Side) -> None:
    su = s.su()
    s.req("POST", f"{API}/items/", headers=su, json={"title": ""})
    s.req("POST", f"{API}/items/", headers=su, json={})
    s.req("POST", f"{API}/items/", headers=su, json={"title": "x" * 256, "description": "y" * 256})
    s.req("POST", f"{API}/items/", headers=su, json={"title": 5})
    s.req("POST", f"{API}/items/", headers=su, json=["title"])
    s.req("POST", f"{API}/items/", headers={**su, "Content-Type": "application/json"}, content=b'{"title": ')
    s.req("POST", f"{API}/items/", headers=su)
    s.req("POST", f"{API}/items/", headers={**su, "Content-Type": "text/plain"}, content=b'{"title": "x"}')
    s.req("GET", f"{API}/items/not-a-uuid", headers=su)
    s.req("PUT", f"{API}/items/{uuid.uuid4()}", headers=su, json={"title": ""})


@case("items: another user's item, a missing item, the superuser on both")
def _(s: Side) -> None:
    _, owner = s.user("owner")
    _, other = s.user("other")
    iid = s.req("POST", f"{API}/items/", headers=owner, json={"title": "Mine"}).json()["id"]
    missing = uuid.uuid4()
    for verb, body in (("GET", None), ("PUT", {"title": "Theirs"}), ("DELETE", None)):
        s.req(verb, f"{API}/items/{iid}", headers=other, json=body)
        s.req(verb, f"{API}/items/{missing}", headers=other, json=body)
    s.req("GET", f"{API}/items/{iid}", headers=s.su())
    s.req("PUT", f"{API}/items/{iid}", headers=s.su(), json={"description": "seen by the superuser"})
    s.req("GET", f"{API}/items/", headers=other)


@case("items list: negative limit", known="the template answers 500 (PostgreSQL refuses LIMIT -1)")
def _(s: Side) -> None:
    s.req("GET", f"{API}/items/", headers=s.su(), params={"limit": -1})


@case("mass assignment: fields a model does not have are ignored (owner_id, is_active, hashed_password, id)")
def _(s: Side) -> None:
    _, owner = s.user("mass-owner")
    victim_id, _ = s.user("mass-victim")
    s.req("POST", f"{API}/users/signup", json={"email": email("mass-signup"), "password": "password-123", "is_active": False, "id": victim_id, "hashed_password": "x"})
    s.req("POST", f"{API}/login/access-token", data={"username": email("mass-signup"), "password": "password-123"})
    r = s.req("POST", f"{API}/items/", headers=owner, json={"title": "Owned", "owner_id": victim_id, "id": victim_id})
    iid = r.json().get("id")
    s.req("PUT", f"{API}/items/{iid}", headers=owner, json={"owner_id": victim_id})
    s.req("PATCH", f"{API}/users/me", headers=owner, json={"hashed_password": "x", "is_superuser": True, "is_active": False})
    s.req("GET", f"{API}/users/me", headers=owner)


@case("emails: upper-case domain on signup, another case at login")
def _(s: Side) -> None:
    mixed = f"Diff-Case-{RUN}@Example.COM"
    s.req("POST", f"{API}/users/signup", json={"email": mixed, "password": "password-123"})
    s.req("POST", f"{API}/login/access-token", data={"username": mixed, "password": "password-123"})
    s.req("POST", f"{API}/login/access-token", data={"username": mixed.lower(), "password": "password-123"})
    s.req("POST", f"{API}/login/access-token", data={"username": f"Diff-Case-{RUN}@example.com", "password": "password-123"})
    s.req("POST", f"{API}/users/signup", json={"email": f" diff-space-{RUN}@example.com ", "password": "password-123"})


@case("HEAD on a GET route, OPTIONS without a preflight, an extra slash on an id")
def _(s: Side) -> None:
    s.req("HEAD", f"{API}/utils/health-check/")
    s.req("HEAD", f"{API}/users/me", headers=s.su())
    s.req("OPTIONS", f"{API}/items/", headers=s.su())
    s.req("GET", f"{API}/users/{su_id(s)}/", headers=s.su())


@case("a deleted user's items go with them; an old token after a password change")
def _(s: Side) -> None:
    uid, headers = s.user("cascade")
    iid = s.req("POST", f"{API}/items/", headers=headers, json={"title": "Doomed"}).json()["id"]
    s.req("PATCH", f"{API}/users/me/password", headers=headers, json={"current_password": "password-123", "new_password": "password-456"})
    s.req("GET", f"{API}/users/me", headers=headers, label="GET /users/me with the token from before the change")
    s.req("DELETE", f"{API}/users/{uid}", headers=s.su())
    s.req("GET", f"{API}/items/{iid}", headers=s.su())


@case("pagination past the end, unicode names")
def _(s: Side) -> None:
    _, headers = s.user("page", full_name="Zoë Åsa 日本")
    s.req("GET", f"{API}/users/me", headers=headers)
    s.req("POST", f"{API}/items/", headers=headers, json={"title": "ünïcödé ✓", "description": "😀"})
    s.req("GET", f"{API}/items/", headers=headers, params={"skip": 5, "limit": 10})
    s.req("GET", f"{API}/items/", headers=headers, params={"skip": 0, "limit": 0})


# --- password recovery -----------------------------------------------------------------------
@case("password recovery: a user, no user; the HTML content of no user")
def _(s: Side) -> None:
    s.user("recover")
    s.req("POST", f"{API}/password-recovery/{email('recover')}")
    s.req("POST", f"{API}/password-recovery/{email('nobody')}")
    s.req("POST", f"{API}/password-recovery-html-content/{email('nobody')}", headers=s.su())


@case(
    "password recovery: the HTML content of a user",
    known="the template's header name `subject:` is refused by uvicorn (RuntimeError: Invalid HTTP header name): no answer",
)
def _(s: Side) -> None:
    s.user("recover-html")
    s.req("POST", f"{API}/password-recovery-html-content/{email('recover-html')}", headers=s.su())


@case("reset password: the template's token (float exp), reused, bad, another key, 422")
def _(s: Side) -> None:
    s.user("reset")
    now = time.time()
    good = jwt.encode({"exp": now + 3600, "nbf": now, "sub": email("reset")}, SECRET, algorithm="HS256")
    s.req("POST", f"{API}/reset-password/", json={"token": good, "new_password": "password-456"})
    s.req("POST", f"{API}/login/access-token", data={"username": email("reset"), "password": "password-456"})
    s.req("POST", f"{API}/reset-password/", json={"token": good, "new_password": "password-789"})
    s.req("POST", f"{API}/reset-password/", json={"token": "invalid", "new_password": "password-456"})
    other = jwt.encode({"exp": now + 3600, "nbf": now, "sub": email("reset")}, "another-key-" + "x" * 32, algorithm="HS256")
    s.req("POST", f"{API}/reset-password/", json={"token": other, "new_password": "password-456"})
    expired = jwt.encode({"exp": now - 60, "nbf": now - 120, "sub": email("reset")}, SECRET, algorithm="HS256")
    s.req("POST", f"{API}/reset-password/", json={"token": expired, "new_password": "password-456"})
    nobody = jwt.encode({"exp": now + 3600, "nbf": now, "sub": email("nobody")}, SECRET, algorithm="HS256")
    s.req("POST", f"{API}/reset-password/", json={"token": nobody, "new_password": "password-456"})
    s.req("POST", f"{API}/reset-password/", json={"token": good, "new_password": "short"})
    s.req("POST", f"{API}/reset-password/", json={"new_password": "password-456"})


# --- utils -------------------------------------------------------------------------------------
@case("utils: test email (201), bad address, missing address")
def _(s: Side) -> None:
    s.req("POST", f"{API}/utils/test-email/", headers=s.su(), params={"email_to": email("test-email")})
    s.req("POST", f"{API}/utils/test-email/", headers=s.su(), params={"email_to": "not-an-email"})
    s.req("POST", f"{API}/utils/test-email/", headers=s.su())


def schema_facts(schema: dict[str, Any], path: str, out: set[str], seen: int = 0) -> None:
    """The facts of a JSON schema a client relies on, one string each: types, formats,
    constraints, refs, required properties (descriptions and titles left out)."""
    if seen > 6 or not isinstance(schema, dict):
        return
    # One spelling of "X or null" (Pydantic's anyOf [X, null], or a type list), so that only
    # what a client sees differs.
    branches = schema.get("anyOf") or schema.get("oneOf")
    if isinstance(branches, list) and len(branches) == 2 and {"type": "null"} in branches:
        other = next(b for b in branches if b != {"type": "null"})
        rest = {k: v for k, v in schema.items() if k not in ("anyOf", "oneOf")}
        schema = {**other, **rest, "nullable": True}
    kinds = schema.get("type")
    if isinstance(kinds, list) and "null" in kinds:
        kinds = [k for k in kinds if k != "null"]
        schema = {**schema, "type": kinds[0] if len(kinds) == 1 else kinds, "nullable": True}
    if schema.get("nullable"):
        out.add(f"{path} nullable")
    for key in ("type", "format", "$ref", "minLength", "maxLength", "minimum", "maximum", "pattern", "enum", "const", "default"):
        if key in schema:
            value = schema[key]
            if key == "$ref":
                value = value.rsplit("/", 1)[-1]
            out.add(f"{path} {key}={json.dumps(value, sort_keys=True)}")
    for key in ("anyOf", "oneOf", "allOf"):
        for i, sub in enumerate(schema.get(key, [])):
            schema_facts(sub, f"{path}.{key}[{i}]", out, seen + 1)
    if "items" in schema:
        schema_facts(schema["items"], f"{path}[]", out, seen + 1)
    for name, sub in schema.get("properties", {}).items():
        schema_facts(sub, f"{path}.{name}", out, seen + 1)
    for name in schema.get("required", []):
        out.add(f"{path}.{name} required")
    if isinstance(schema.get("additionalProperties"), dict):
        schema_facts(schema["additionalProperties"], f"{path}{{}}", out, seen + 1)


def document_facts(doc: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict) or method.startswith("x-"):
                continue
            where = f"{method.upper()} {path}"
            out.add(f"{where} operationId={op.get('operationId')}")
            out.add(f"{where} tags={op.get('tags')}")
            out.add(f"{where} summary={op.get('summary')!r}")
            out.add(f"{where} security={json.dumps(op.get('security'), sort_keys=True)}")
            for param in op.get("parameters", []):
                p = f"{where} {param.get('in')} parameter {param.get('name')}"
                out.add(f"{p}{' required' if param.get('required') else ''}")
                schema_facts(param.get("schema", {}), p, out)
            body = op.get("requestBody")
            if body:
                out.add(f"{where} body{' required' if body.get('required') else ''}")
                for kind, media in body.get("content", {}).items():
                    schema_facts(media.get("schema", {}), f"{where} body {kind}", out)
            for status, response in op.get("responses", {}).items():
                out.add(f"{where} response {status}")
                for kind, media in response.get("content", {}).items():
                    schema_facts(media.get("schema", {}), f"{where} response {status} {kind}", out)
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        out.add(f"schema {name}")
        schema_facts(schema, f"schema {name}", out)
    for name, scheme in doc.get("components", {}).get("securitySchemes", {}).items():
        out.add(f"security scheme {name}: {json.dumps(scheme, sort_keys=True)}")
    return out


def compare_documents() -> int:
    """Prints the facts of the template's document the port's lacks and the other way round."""
    docs = []
    for base in (TEMPLATE, PORT):
        r = httpx.get(f"{base}{API}/openapi.json", timeout=60)
        docs.append(r.json() if r.status_code == 200 else {})
    template_facts, port_facts = document_facts(docs[0]), document_facts(docs[1])
    missing = sorted(template_facts - port_facts)
    extra = sorted(port_facts - template_facts)
    print(f"document: {len(template_facts)} facts in the template's, {len(missing)} missing or different in the port's, {len(extra)} only in the port's")
    out_dir = os.environ.get("DIFF_OUT")
    if out_dir:
        for name, facts in (("template", template_facts), ("port", port_facts)):
            with open(os.path.join(out_dir, f"document-facts.{name}"), "w") as f:
                f.write("\n".join(sorted(facts)) + "\n")
    for line in missing:
        print(f"   template only: {line}")
    for line in extra[:40]:
        print(f"   port only:     {line}")
    if len(extra) > 40:
        where = f" (comm -13 over {out_dir}/document-facts.*)" if out_dir else ""
        print(f"   ... {len(extra) - 40} more only in the port's{where}")
    return len(missing)


def short(answer: dict[str, Any]) -> str:
    text = json.dumps(answer, ensure_ascii=False)
    return text if len(text) <= 700 else text[:700] + "..."


def main() -> int:
    template, port = Side("template", TEMPLATE), Side("port", PORT)
    same = differ = known_count = 0
    for name, known, run in CASES:
        errors = []
        for side in (template, port):
            side.answers = []
            try:
                run(side)
            except Exception as err:  # a step the case needs failed: the case differs
                errors.append(f"{side.name}: {type(err).__name__}: {err}")
        pairs = list(zip(template.answers, port.answers))
        diffs = []
        for i, ((label, a), (_, b)) in enumerate(pairs, 1):
            if a != b:
                diffs.append(f"   step {i}, {label}:\n     template: {short(a)}\n     port:     {short(b)}")
        if len(template.answers) != len(port.answers):
            diffs.append(f"   steps: template {len(template.answers)}, port {len(port.answers)}")
        diffs += [f"   {e}" for e in errors]
        if known:
            known_count += 1
            print(f"KNOWN  {name}: {known}")
            for d in diffs:
                print(d)
        elif diffs:
            differ += 1
            print(f"DIFFER {name}")
            for d in diffs:
                print(d)
        else:
            same += 1
            print(f"same   {name} ({len(pairs)} requests)")
    if port.cors_without_origin != template.cors_without_origin:
        differ += 1
        print(
            f"DIFFER CORS headers on requests without an Origin: the template sent them "
            f"{template.cors_without_origin} times, the port {port.cors_without_origin} times"
        )
    leaks = template.leaks + port.leaks
    for side in (template, port):
        for leak in side.leaks:
            print(f"LEAK   {side.name}: {leak}")
    document_missing = compare_documents()
    total = same + differ
    print(
        f"diff: {same} of {total} cases answered the same, {differ} differ, {known_count} known "
        f"template failures apart, {len(port.leaks)} leaks from the port; document: "
        f"{document_missing} of the template's facts missing or different"
    )
    return 1 if differ or leaks else 0


if __name__ == "__main__":
    sys.exit(main())
