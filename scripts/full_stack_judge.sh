#!/usr/bin/env bash
# The judge of issue #19: FastAPI's full-stack template's own HTTP tests, run unmodified over
# a real socket against a server on PostgreSQL, plus its frontend type-checked against a client
# generated from that server's document.
#
#   scripts/full_stack_judge.sh [OPTIONS] TEMPLATE_DIR [-- PYTEST_ARGS...]
#
#   --server port       judge the Rust port, package `full-stack` (the default), built here
#                       with `cargo build -p full-stack` (--release by default, --debug to
#                       build the dev profile) unless --bin names a binary already built;
#   --server template   judge the template's own FastAPI backend instead (alembic migrations
#                       and its prestart first, then uvicorn): proves the harness;
#   --alembic-first     (port) run the template's Alembic migrations and its initial data
#                       before starting the port, as when the port replaces the Python
#                       backend on the template's existing database;
#   --smtp-sink         receive the server's emails in an SMTP sink (aiosmtpd, pip-installed
#                       into the venv) instead of a closed port, and list them (recipient and
#                       subject): the flows that send mail (new account, password recovery)
#                       are then seen to send it;
#   --diff              (port) also start the template's backend beside the port, on its own
#                       database in the same cluster, and send both the same requests
#                       (scripts/full_stack_diff.py: hostile tokens and headers, 422 bodies,
#                       trailing slashes, CORS, partial updates, ... beyond the template's
#                       tests), comparing status, headers and normalized bodies; and the two
#                       OpenAPI documents, fact by fact (operations, parameters, statuses,
#                       schemas: what the template's says and the port's does not);
#   --no-frontend       skip the frontend check (scripts/full_stack_frontend.sh);
#   --out DIR           where logs, junit.xml and the frontend results are kept
#                       (default target/full-stack-judge/SERVER);
#   --keep              keep the temporary copy of the template (its path is printed);
#   --load SECONDS      before the tests, a load figure: 20 items made by the first superuser,
#                       then `wrk -t1 -c16` on GET /api/v1/items/ with its token for SECONDS
#                       (wrk is installed from Debian's packages if missing);
#   --workers N         (template) uvicorn workers: 1 by default, as `fastapi run` has it; the
#                       template's Dockerfile runs `fastapi run --workers 4`.
#
# TEMPLATE_DIR is a checkout of fastapi/full-stack-fastapi-template (snapshot 68adb40d). This
# repository never holds its files; export one from a mirror of it, e.g.
#   mkdir /tmp/template && git -C /work/.mirror/fastapi+full-stack-fastapi-template/repo archive HEAD | tar -x -C /tmp/template
#
# What it does, all in temporary places that are removed on exit (trap):
# - copies the template's backend/ and patches the copy for Python 3.13 (the template wants
#   3.14): its `except A, B:` lines get parentheses, and `items: list[Item]` in models.py, a
#   forward reference, is quoted; nothing else of its code or tests is changed (an empty
#   app/frontend directory is made, where its Dockerfile puts the built frontend);
# - makes a venv (cached in FULL_STACK_JUDGE_CACHE, default ~/.cache/full-stack-judge) with
#   Python 3.13 from pyenv (`pyenv install 3.13` if missing; or PYTHON=...) and the template's
#   dependencies from backend/pyproject.toml plus pytest, installed with pip;
# - starts a private PostgreSQL cluster (scripts/pg.sh) and the server on a free loopback port
#   with the template's settings (FASTAPI_ENV=development so the private route is mounted,
#   one SECRET_KEY and FIRST_SUPERUSER for server and tests, SMTP_* pointing at a closed port:
#   the template's tests run with no mail server);
# - compares the server's tables with what the template's Alembic migrations make (columns,
#   types, nullability, primary/unique keys, foreign keys), in a second database;
# - runs backend/tests/api/routes/*.py (the tests that go over HTTP) with one addition to the
#   copy: tests/api/routes/conftest.py, whose `client` fixture is an httpx.Client on the
#   server's URL instead of FastAPI's in-process TestClient (following redirects as TestClient
#   does) and records the last exchanges of each test to show when one fails. The `db`
#   fixture still writes users and items with SQLModel into the same database. The other
#   tests (tests/crud, tests/scripts) call the template's Python directly: counted as excluded;
# - runs scripts/full_stack_frontend.sh on the server's /api/v1/openapi.json.
# It prints the failing tests with the reason and the last request/response, and a summary.
# Exit status 0 when every test passed, the schema is the same, the frontend check passed and
# (with --diff) every case was answered alike.
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}
die() {
    echo "full_stack_judge.sh: $*" >&2
    exit 2
}

REPO=$(cd "$(dirname "$0")/.." && pwd)
SERVER=port
BIN=${FULL_STACK_BIN:-}
PROFILE=release
FRONTEND=1
KEEP=0
LOAD=0
ALEMBIC_FIRST=0
SMTP_SINK=0
DIFF=0
WORKERS=1
OUT=""
TEMPLATE=""
PYTEST_ARGS=()
while [[ $# -gt 0 ]]; do
    case $1 in
    --server)
        [[ $# -ge 2 ]] || usage
        SERVER=$2
        shift 2
        ;;
    --bin)
        [[ $# -ge 2 ]] || usage
        BIN=$2
        shift 2
        ;;
    --release) PROFILE=release && shift ;;
    --debug) PROFILE=dev && shift ;;
    --no-frontend) FRONTEND=0 && shift ;;
    --keep) KEEP=1 && shift ;;
    --alembic-first) ALEMBIC_FIRST=1 && shift ;;
    --smtp-sink) SMTP_SINK=1 && shift ;;
    --diff) DIFF=1 && shift ;;
    --workers)
        [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--workers takes a number"
        WORKERS=$2
        shift 2
        ;;
    --load)
        [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--load takes a number of seconds"
        LOAD=$2
        shift 2
        ;;
    --out)
        [[ $# -ge 2 ]] || usage
        OUT=$2
        shift 2
        ;;
    -h | --help) usage ;;
    --)
        shift
        PYTEST_ARGS=("$@")
        break
        ;;
    -*) die "unknown option $1 (see --help)" ;;
    *)
        [[ -z "$TEMPLATE" ]] || die "one template directory only"
        TEMPLATE=$1
        shift
        ;;
    esac
done
[[ "$SERVER" == port || "$SERVER" == template ]] || die "--server is port or template"
[[ $DIFF -eq 0 || "$SERVER" == port ]] || die "--diff compares the port with the template: --server port"
if [[ -z "$TEMPLATE" ]]; then
    cat >&2 <<'EOF'
full_stack_judge.sh: give a checkout of fastapi/full-stack-fastapi-template as the argument.
This repository does not hold one. Export it from a mirror (the session's `fetch` makes one):
    mkdir /tmp/template
    git -C /work/.mirror/fastapi+full-stack-fastapi-template/repo archive HEAD | tar -x -C /tmp/template
    scripts/full_stack_judge.sh /tmp/template
(or `git clone` the template where GitHub is reachable). --help tells the rest.
EOF
    exit 2
fi
TEMPLATE=$(cd "$TEMPLATE" && pwd) || die "no directory $TEMPLATE"
[[ -d "$TEMPLATE/backend/tests/api/routes" && -f "$TEMPLATE/backend/pyproject.toml" ]] ||
    die "$TEMPLATE does not look like the full-stack template (no backend/tests/api/routes)"
OUT=${OUT:-$REPO/target/full-stack-judge/$SERVER}
CACHE=${FULL_STACK_JUDGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/full-stack-judge}
mkdir -p "$OUT" "$CACHE"
OUT=$(cd "$OUT" && pwd)
STARTED=$SECONDS

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fs-judge.XXXXXX")
SERVER_PID=""
SINK_PID=""
TEMPLATE_PID=""
PG_SH_DIR=""
stop_process() {
    local pid=$1
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
}
cleanup() {
    stop_process "$TEMPLATE_PID"
    if [[ -n "$SINK_PID" ]]; then
        kill -TERM "$SINK_PID" 2>/dev/null || true
    fi
    stop_process "$SERVER_PID"
    if [[ -n "$PG_SH_DIR" ]]; then
        "$REPO/scripts/pg.sh" stop "$PG_SH_DIR" || true
    fi
    if [[ $KEEP -eq 1 ]]; then
        echo "kept the temporary copy: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { echo "== $*"; }

# --- the template's backend, patched for Python 3.13 -------------------------------------
step "copying $TEMPLATE/backend"
cp -r "$TEMPLATE/backend" "$WORK/backend"
BACKEND=$WORK/backend
rm -rf "$BACKEND/.venv"
# PEP 758 (3.14): `except A, B:` without parentheses.
grep -rlE --include='*.py' '^\s*except [A-Za-z_][A-Za-z0-9_.]*(, *[A-Za-z_][A-Za-z0-9_.]*)+ *:' "$BACKEND" |
    while read -r file; do
        sed -i -E 's/^(\s*)except ([A-Za-z_][A-Za-z0-9_.]*(, *[A-Za-z_][A-Za-z0-9_.]*)+) *:/\1except (\2):/' "$file"
        echo "   patched for 3.13: except (A, B) in ${file#"$WORK"/}"
    done
# PEP 649 (3.14): annotations are evaluated lazily; User.items names Item, defined later.
if grep -qE '^\s*items: list\[Item\]' "$BACKEND/app/models.py"; then
    sed -i -E 's/^(\s*items: )list\[Item\]/\1list["Item"]/' "$BACKEND/app/models.py"
    echo "   patched for 3.13: items: list[\"Item\"] in backend/app/models.py"
fi

# Where the template's Dockerfile puts the built frontend (app.frontend serves it): absent, an
# unknown path is a 500 (StaticFiles refuses a missing directory).
mkdir -p "$BACKEND/app/frontend"

# --- Python 3.13 and the venv ------------------------------------------------------------
find_python() {
    if [[ -n "${PYTHON:-}" ]]; then
        echo "$PYTHON"
        return
    fi
    if command -v pyenv >/dev/null; then
        local root best=""
        root=$(pyenv root)
        best=$(find "$root/versions" -maxdepth 1 -name '3.13*' 2>/dev/null | sort -V | tail -n 1)
        if [[ -z "$best" ]]; then
            echo "   no Python 3.13 in pyenv: pyenv install 3.13" >&2
            pyenv install -s 3.13 >&2 || true
            best=$(find "$root/versions" -maxdepth 1 -name '3.13*' 2>/dev/null | sort -V | tail -n 1)
        fi
        if [[ -n "$best" && -x "$best/bin/python3" ]]; then
            echo "$best/bin/python3"
            return
        fi
    fi
    command -v python3.13 || true
}
PY=$(find_python)
[[ -n "$PY" ]] || die "Python 3.13 is needed: pyenv install 3.13, or PYTHON=/path/to/python3.13"
pyver=$("$PY" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
key=$( (echo "$pyver" && cat "$BACKEND/pyproject.toml") | sha256sum | cut -c1-12)
VENV=$CACHE/venv-$key
if [[ ! -f "$VENV/.complete" ]]; then
    step "venv with Python $pyver and the template's dependencies (cached in $VENV)"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" - "$BACKEND/pyproject.toml" >"$WORK/requirements.txt" <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    project = tomllib.load(f)
deps = list(project["project"]["dependencies"])
deps += [d for d in project.get("dependency-groups", {}).get("dev", []) if d.startswith("pytest")] or ["pytest"]
print("\n".join(deps))
EOF
    "$VENV/bin/pip" install -q -r "$WORK/requirements.txt"
    touch "$VENV/.complete"
else
    step "venv: $VENV (Python $pyver)"
fi
export PATH="$VENV/bin:$PATH"
export PYTHONPATH=$BACKEND
PYTHONDONTWRITEBYTECODE=1 python -c 'import app.models' 2>/dev/null ||
    die "the patched template does not import with Python $pyver (run with --keep and try: cd WORK/backend && python -c 'import app.models')"

# --- the port's binary -------------------------------------------------------------------
if [[ "$SERVER" == port && -z "$BIN" ]]; then
    step "cargo build -p full-stack --profile $PROFILE (log: $OUT/build.log)"
    build_started=$SECONDS
    BIN=$(cd "$REPO" && cargo build -p full-stack --profile "$PROFILE" --message-format=json-render-diagnostics 2>"$OUT/build.log" |
        python -c '
import json, sys
exe = ""
for line in sys.stdin:
    msg = json.loads(line)
    if msg.get("reason") == "compiler-artifact" and msg.get("executable") and msg["target"]["kind"] == ["bin"]:
        exe = msg["executable"]
print(exe)')
    if [[ -z "$BIN" || ! -x "$BIN" ]]; then
        tail -n 30 "$OUT/build.log"
        die "cargo built no binary for full-stack (log: $OUT/build.log)"
    fi
    echo "   built in $((SECONDS - build_started)) s"
fi
if [[ "$SERVER" == port ]]; then
    [[ -x "$BIN" ]] || die "no executable at $BIN"
    echo "   binary: $BIN"
fi

# --- PostgreSQL and the settings ---------------------------------------------------------
step "PostgreSQL"
eval "$("$REPO/scripts/pg.sh" start)"
free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
# The template's settings (its .env and config.py), for the server and the tests alike.
export PORT DATABASE_URL
export PROJECT_NAME="Full Stack FastAPI Project"
export SECRET_KEY
SECRET_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export FIRST_SUPERUSER=admin@example.com
export FIRST_SUPERUSER_PASSWORD
FIRST_SUPERUSER_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
export FASTAPI_ENV=development ENVIRONMENT=local
export FRONTEND_HOST=http://localhost:5173
export SMTP_HOST=127.0.0.1 SMTP_PORT
SMTP_PORT=$(free_port)
export SMTP_TLS=False EMAILS_FROM_EMAIL=info@example.com
export JUDGE_BASE_URL=$BASE
if [[ $SMTP_SINK -eq 1 ]]; then
    python -c 'import aiosmtpd' 2>/dev/null || pip install -q aiosmtpd
    rm -rf "$OUT/maildir"
    python -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$OUT/maildir" \
        >"$OUT/smtp-sink.log" 2>&1 &
    SINK_PID=$!
    echo "   SMTP sink on 127.0.0.1:$SMTP_PORT (mail kept in $OUT/maildir)"
fi

# --- the server --------------------------------------------------------------------------
if [[ "$SERVER" == template || $ALEMBIC_FIRST -eq 1 ]]; then
    step "the template's prestart: backend_pre_start, alembic upgrade head, initial_data"
    (cd "$BACKEND" && python app/backend_pre_start.py && alembic upgrade head && python app/initial_data.py) \
        >"$OUT/prestart.log" 2>&1 || {
        tail -n 30 "$OUT/prestart.log"
        die "the template's prestart failed"
    }
fi
if [[ "$SERVER" == template ]]; then
    step "uvicorn app.main:app on $BASE ($WORKERS worker(s))"
    (cd "$BACKEND" && exec python -m uvicorn app.main:app --host 127.0.0.1 --port "$PORT" --workers "$WORKERS") \
        >"$OUT/server.log" 2>&1 &
    SERVER_PID=$!
else
    step "$(basename "$BIN") on $BASE"
    (cd "$WORK" && RUST_LOG=${RUST_LOG:-info} exec "$BIN") >"$OUT/server.log" 2>&1 &
    SERVER_PID=$!
fi
# Waits until the server of PID answers its health check at BASE; else shows LOG and stops.
wait_ready() {
    local pid=$1 base=$2 log=$3
    for _ in $(seq 1 600); do
        if ! kill -0 "$pid" 2>/dev/null; then
            break
        fi
        if curl -fsS -o /dev/null "$base/api/v1/utils/health-check/" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    tail -n 40 "$log"
    die "the server did not answer GET /api/v1/utils/health-check/ at $base (log: $log)"
}
wait_ready "$SERVER_PID" "$BASE" "$OUT/server.log"
echo "   ready after $((SECONDS - STARTED)) s"

# --- the schema, against the template's migrations ---------------------------------------
step "schema: the server's tables against the template's Alembic migrations"
REF_URL=${DATABASE_URL%/*}/alembic_ref
python - "$DATABASE_URL" <<'EOF'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute("DROP DATABASE IF EXISTS alembic_ref")
    conn.execute("CREATE DATABASE alembic_ref")
EOF
(cd "$BACKEND" && DATABASE_URL=$REF_URL alembic upgrade head) >"$OUT/alembic.log" 2>&1 || {
    tail -n 30 "$OUT/alembic.log"
    die "alembic upgrade head failed on the reference database"
}
cat >"$WORK/schema.py" <<'EOF'
"""Prints what differs between two databases' public tables; exit 1 if anything that a
program written against the template's schema relies on differs."""
import sys
import psycopg

SKIP = ("alembic_version", "_sqlx_migrations")
DELETE = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}


def snapshot(url):
    facts, notes = set(), set()
    with psycopg.connect(url) as conn:
        for table, column, kind, length, nullable in conn.execute(
            """SELECT table_name, column_name, data_type, character_maximum_length, is_nullable
               FROM information_schema.columns WHERE table_schema = 'public'"""
        ):
            if table in SKIP:
                continue
            kind = f"{kind}({length})" if length else kind
            facts.add(f'column "{table}".{column}: {kind}{"" if nullable == "YES" else " not null"}')
        for table, unique, primary, columns in conn.execute(
            """SELECT t.relname, i.indisunique, i.indisprimary,
                      array_agg(a.attname::text ORDER BY a.attname)
               FROM pg_index i
               JOIN pg_class t ON t.oid = i.indrelid
               JOIN pg_namespace n ON n.oid = t.relnamespace
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
               WHERE n.nspname = 'public'
               GROUP BY i.indexrelid, t.relname, i.indisunique, i.indisprimary"""
        ):
            if table in SKIP:
                continue
            what = "primary key" if primary else "unique" if unique else "index"
            line = f'{what} "{table}"({", ".join(columns)})'
            (facts if primary or unique else notes).add(line)
        for table, column, ref, ref_column, on_delete in conn.execute(
            """SELECT tc.relname, a.attname, rc.relname, ra.attname, c.confdeltype
               FROM pg_constraint c
               JOIN pg_class tc ON tc.oid = c.conrelid
               JOIN pg_class rc ON rc.oid = c.confrelid
               JOIN pg_namespace n ON n.oid = tc.relnamespace
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
               JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
               WHERE c.contype = 'f' AND n.nspname = 'public'"""
        ):
            facts.add(f'foreign key "{table}".{column} -> "{ref}".{ref_column} on delete {DELETE.get(on_delete, on_delete)}')
    return facts, notes


server, server_notes = snapshot(sys.argv[1])
ref, ref_notes = snapshot(sys.argv[2])
missing, extra = sorted(ref - server), sorted(server - ref)
for line in missing:
    print(f"   missing: {line}")
for line in extra:
    print(f"   extra:   {line}")
for line in sorted(ref_notes - server_notes):
    print(f"   note: the template also has {line}")
for line in sorted(server_notes - ref_notes):
    print(f"   note: the server also has {line}")
print(f"   {len(ref)} facts in the template's schema: {len(missing)} missing, {len(extra)} extra")
sys.exit(1 if missing or extra else 0)
EOF
schema_ok=1
python "$WORK/schema.py" "$DATABASE_URL" "$REF_URL" || schema_ok=0

# --- the differential judge (--diff) ----------------------------------------------------
diff_summary=""
diff_ok=1
if [[ $DIFF -eq 1 ]]; then
    step "diff: the template's backend beside the port, on its own database"
    T_DATABASE_URL=${DATABASE_URL%/*}/app_template
    python - "$DATABASE_URL" <<'EOF'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute("DROP DATABASE IF EXISTS app_template")
    conn.execute("CREATE DATABASE app_template")
EOF
    (cd "$BACKEND" && export DATABASE_URL=$T_DATABASE_URL && python app/backend_pre_start.py &&
        alembic upgrade head && python app/initial_data.py) >"$OUT/diff-prestart.log" 2>&1 || {
        tail -n 30 "$OUT/diff-prestart.log"
        die "the template's prestart failed"
    }
    T_PORT=$(free_port)
    (cd "$BACKEND" && DATABASE_URL=$T_DATABASE_URL exec python -m uvicorn app.main:app --host 127.0.0.1 \
        --port "$T_PORT") >"$OUT/diff-template.log" 2>&1 &
    TEMPLATE_PID=$!
    wait_ready "$TEMPLATE_PID" "http://127.0.0.1:$T_PORT" "$OUT/diff-template.log"
    DIFF_TEMPLATE_URL=http://127.0.0.1:$T_PORT DIFF_PORT_URL=$BASE DIFF_OUT=$OUT python "$REPO/scripts/full_stack_diff.py" \
        >"$OUT/diff.txt" 2>&1 || diff_ok=0
    cat "$OUT/diff.txt"
    diff_summary=$(grep '^diff: ' "$OUT/diff.txt" | tail -n 1)
    diff_summary=${diff_summary:-"diff: failed (see $OUT/diff.txt)"}
    stop_process "$TEMPLATE_PID"
    TEMPLATE_PID=""
fi

# --- a load figure (--load) ------------------------------------------------------------
load_summary=""
if [[ $LOAD -gt 0 ]]; then
    step "load: GET /api/v1/items/ for $LOAD s"
    if ! command -v wrk >/dev/null; then
        [[ $EUID -eq 0 ]] || die "--load needs wrk (Debian's package wrk)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 ||
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
    fi
    token=$(curl -fsS -X POST --data-urlencode "username=$FIRST_SUPERUSER" \
        --data-urlencode "password=$FIRST_SUPERUSER_PASSWORD" "$BASE/api/v1/login/access-token" |
        python -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') ||
        die "--load: the first superuser could not log in"
    for i in $(seq 1 20); do
        curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"title\": \"load item $i\", \"description\": \"made by the judge's load step\"}" \
            "$BASE/api/v1/items/" || die "--load: POST /api/v1/items/ failed"
    done
    wrk -t1 -c16 -d"${LOAD}s" --latency -H "Authorization: Bearer $token" "$BASE/api/v1/items/" >"$OUT/wrk.txt" 2>&1
    rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$OUT/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk.txt")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk.txt")
    load_summary="load: GET /api/v1/items/ (20 items) ${rps:-?} req/s, p50 ${p50:-?}, p99 ${p99:-?}, non-2xx ${non2xx:-0} (wrk -t1 -c16 -d${LOAD}s; $OUT/wrk.txt)"
    echo "   $load_summary"
fi

# --- the template's HTTP tests -----------------------------------------------------------
cat >"$BACKEND/tests/api/routes/conftest.py" <<'EOF'
# Written by scripts/full_stack_judge.sh into a temporary copy of the template: the tests of
# this directory talk to a server over a real socket (JUDGE_BASE_URL) instead of FastAPI's
# in-process TestClient; nothing else changes. The last exchanges of each test are kept as
# junit properties, to show what the server answered when a test fails.
import os
from collections.abc import Generator

import httpx
import pytest

_exchanges: list[str] = []


def _record(response: httpx.Response) -> None:
    response.read()
    request = response.request
    sent = request.content[:300].decode("utf-8", "replace") if request.content else ""
    _exchanges.append(
        f"{request.method} {request.url.raw_path.decode()}"
        + (f" {sent}" if sent else "")
        + f" -> {response.status_code} {response.text[:400]}"
    )


@pytest.fixture(scope="module")
def client() -> Generator[httpx.Client]:
    with httpx.Client(
        base_url=os.environ["JUDGE_BASE_URL"],
        follow_redirects=True,
        timeout=60,
        event_hooks={"response": [_record]},
    ) as c:
        yield c


@pytest.fixture(autouse=True)
def _judge_exchanges(request: pytest.FixtureRequest) -> Generator[None]:
    _exchanges.clear()
    yield
    for exchange in _exchanges[-3:]:
        request.node.user_properties.append(("exchange", exchange))
EOF
step "the template's tests: collecting"
(cd "$BACKEND" && python -m pytest -p no:cacheprovider --collect-only -q tests) >"$WORK/collect.txt" 2>&1 || true
total=$(grep -cE '^tests/.*::' "$WORK/collect.txt" || true)
routes=$(grep -cE '^tests/api/routes/.*::' "$WORK/collect.txt" || true)
excluded=$((total - routes))
excluded_dirs=$(grep -E '^tests/.*::' "$WORK/collect.txt" | grep -vE '^tests/api/routes/' | sed -E 's#^(tests/[^/]+)/.*#\1#' | sort -u | paste -sd, - | sed 's/,/, /g')
echo "   $total tests in tests/, $routes over HTTP in tests/api/routes, $excluded excluded (${excluded_dirs:-none}: they call the template's Python, not a server)"

step "the template's tests: pytest tests/api/routes against $BASE"
# The mail already in the sink (sent during --diff or --load) is not the tests'.
if [[ $SMTP_SINK -eq 1 ]]; then
    find "$OUT/maildir/new" "$OUT/maildir/cur" -type f -printf '%f\n' 2>/dev/null | sort >"$WORK/mail-before" || true
fi
test_started=$SECONDS
pytest_rc=0
(cd "$BACKEND" && python -m pytest -p no:cacheprovider -q -o junit_family=xunit1 \
    --junitxml="$OUT/junit.xml" tests/api/routes ${PYTEST_ARGS[@]+"${PYTEST_ARGS[@]}"}) >"$OUT/pytest.log" 2>&1 || pytest_rc=$?
test_seconds=$((SECONDS - test_started))
tail -n 1 "$OUT/pytest.log"
if [[ ! -f "$OUT/junit.xml" ]]; then
    tail -n 40 "$OUT/pytest.log"
    die "pytest wrote no report (exit $pytest_rc)"
fi
read -r passed failed skipped < <(python - "$OUT/junit.xml" "$OUT/failures.txt" <<'EOF'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
passed = failed = skipped = 0
lines = []
for case in root.iter("testcase"):
    problem = case.find("failure")
    if problem is None:
        problem = case.find("error")
    if case.find("skipped") is not None:
        skipped += 1
    elif problem is not None:
        failed += 1
        name = f'{case.get("file") or case.get("classname")}::{case.get("name")}'
        message = (problem.get("message") or problem.text or "").strip().splitlines()
        lines.append(f"FAILED {name}: {' '.join(message[:2])[:300]}")
        for prop in case.iter("property"):
            if prop.get("name") == "exchange":
                lines.append(f"    {prop.get('value')}")
    else:
        passed += 1
with open(sys.argv[2], "w") as out:
    out.write("\n".join(lines) + ("\n" if lines else ""))
print(passed, failed, skipped)
EOF
)
if [[ $failed -gt 0 ]]; then
    step "failing tests (reason, then the last requests and answers)"
    cat "$OUT/failures.txt"
fi
echo "   server log: $OUT/server.log; pytest: $OUT/pytest.log"

mail_summary=""
if [[ $SMTP_SINK -eq 1 ]]; then
    step "emails received by the SMTP sink"
    mail_summary=$(python - "$OUT/maildir" "$WORK/mail-before" <<'EOF'
import mailbox, sys
from email.header import decode_header, make_header
with open(sys.argv[2]) as f:
    before = {line.strip().split(":", 1)[0] for line in f if line.strip()}
try:
    box = mailbox.Maildir(sys.argv[1], create=False)
    messages = [msg for key, msg in box.items() if key not in before]
except Exception:
    messages = []
for msg in messages:
    subject = " ".join(str(make_header(decode_header(msg.get("Subject", "")))).split())
    print(f"   to {msg.get('To')}: {subject}")
extra = f" ({len(before)} more before them, from --diff or --load)" if before else ""
print(f"mail: {len(messages)} received by the SMTP sink during the tests{extra}")
EOF
)
    echo "$mail_summary" | sed '$d'
    mail_summary=$(echo "$mail_summary" | tail -n 1)
fi

# --- the frontend ------------------------------------------------------------------------
frontend_summary="skipped"
frontend_ok=1
if [[ $FRONTEND -eq 1 ]]; then
    step "frontend: scripts/full_stack_frontend.sh"
    "$REPO/scripts/full_stack_frontend.sh" "$TEMPLATE" "$BASE/api/v1/openapi.json" "$OUT/frontend" |
        tee "$WORK/frontend.txt" || frontend_ok=0
    frontend_summary=$(grep '^frontend: ' "$WORK/frontend.txt" | tail -n 1 | sed 's/^frontend: //')
    frontend_summary=${frontend_summary:-failed}
fi

schema_summary="same as the template's migrations"
[[ $schema_ok -eq 1 ]] || schema_summary="differs from the template's migrations"
echo
echo "judge ($SERVER): $passed passed, $failed failed, $skipped skipped, $excluded excluded; tests took ${test_seconds} s"
echo "judge ($SERVER): schema $schema_summary; frontend: $frontend_summary; $((SECONDS - STARTED)) s in all"
[[ -z "$load_summary" ]] || echo "judge ($SERVER): $load_summary"
[[ -z "$mail_summary" ]] || echo "judge ($SERVER): $mail_summary"
[[ -z "$diff_summary" ]] || echo "judge ($SERVER): $diff_summary"
[[ $failed -eq 0 && $passed -gt 0 && $schema_ok -eq 1 && $frontend_ok -eq 1 && $diff_ok -eq 1 ]]
