#!/usr/bin/env bash
# A served app checked against the OpenAPI document it serves, by two tools from outside:
#   schemathesis (Python): generates requests from the document (examples, boundary values,
#     random and stateful sequences) and checks every answer: no 5xx, a documented status,
#     a documented Content-Type, documented headers, a body valid against the schema.
#   Prism's validation proxy (Node, `prism proxy --errors`): a few requests sent through
#     it; each answer that violates the document comes back as a 500 problem+json body
#     listing the violations, which this script prints.
# Exits 1 if either tool found a violation, 2 on a usage or setup error.
#
# Usage: scripts/contract_external.sh [options]
#   (no --url)          build and serve the showcase (`cargo run --example showcase`, PORT)
#   --url URL           check the app already served at URL (e.g. http://127.0.0.1:8000);
#                       Prism sends a GET to each GET operation that needs no parameter
#   --doc PATH          where the app serves its document (default /openapi.json)
#   -H, --header 'N: V' a header for every request of both tools (e.g. a bearer token);
#                       repeatable
#   --max-examples N    schemathesis's test cases per operation (default 25)
#   --seed N            schemathesis's random seed (default 20; fixed, so runs repeat)
#   --only TOOL         run only `schemathesis` or only `prism`
#   --checks LIST       schemathesis's checks (default: not_a_server_error,
#                       status_code_conformance, content_type_conformance,
#                       response_headers_conformance, response_schema_conformance); add
#                       positive_data_acceptance to have every schema-valid request accepted
#   -h, --help          this text
#
# The tools are installed on first use, only when missing, into target/contract-tools/
# (CONTRACT_TOOLS overrides): a Python venv with schemathesis, and @stoplight/prism-cli
# from npm. Needs python3 (>= 3.11), node (>= 18.20) with npm, curl, and cargo without --url.
# Each run's files (the document, the tools' logs and reports) are in target/contract-tools/run/.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
PRISM_VERSION=5.14.2

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

root=$(cd "$(dirname "$0")/.." && pwd)
tools=${CONTRACT_TOOLS:-$root/target/contract-tools}
url=
doc_path=/openapi.json
max_examples=25
seed=20
only=
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
headers=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --url) url=${2%/}; shift 2 ;;
        --doc) doc_path=$2; shift 2 ;;
        -H | --header) headers+=("$2"); shift 2 ;;
        --max-examples) max_examples=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --checks) checks=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
case $only in '' | schemathesis | prism) ;; *) echo "--only takes schemathesis or prism" >&2; exit 2 ;; esac
for tool in python3 curl; do
    command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done

say() { printf '\n== %s\n' "$*"; }
elapsed() { echo "$(($(date +%s) - $1)) s"; }

# --- Tools, installed only when missing -----------------------------------------------

st=$tools/venv/bin/schemathesis
prism=$tools/prism/node_modules/.bin/prism
if [[ $only != prism ]] && ! "$st" --version 2>/dev/null | grep -qx "schemathesis, version $SCHEMATHESIS_VERSION"; then
    say "installing schemathesis $SCHEMATHESIS_VERSION into $tools/venv"
    start=$(date +%s)
    python3 -m venv "$tools/venv"
    "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    echo "installed in $(elapsed "$start")"
fi
if [[ $only != schemathesis ]] && [[ $("$prism" --version 2>/dev/null) != "$PRISM_VERSION" ]]; then
    command -v npm >/dev/null || { echo "npm is missing (Node.js 18 or later)" >&2; exit 2; }
    say "installing @stoplight/prism-cli $PRISM_VERSION into $tools/prism"
    start=$(date +%s)
    npm install --prefix "$tools/prism" --no-audit --no-fund --silent "@stoplight/prism-cli@$PRISM_VERSION" >/dev/null
    echo "installed in $(elapsed "$start")"
fi

# --- The app ---------------------------------------------------------------------------

run=$tools/run
rm -rf "$run"
mkdir -p "$run"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
# Ctrl-C stops the run (and, through the EXIT trap, what it started; background jobs of
# a script ignore SIGINT, so they are killed here).
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

showcase=false
if [[ -z $url ]]; then
    showcase=true
    say "building the showcase"
    command -v cargo >/dev/null || { echo "cargo is missing (or pass --url)" >&2; exit 2; }
    bin=$(cd "$root" && cargo build -p response-model-examples --example showcase \
        --message-format=json-render-diagnostics |
        python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "showcase" and m.get("executable"):
        print(m["executable"])')
    [[ -n $bin ]] || { echo "cargo built no showcase binary" >&2; exit 2; }
    port=$(free_port)
    url=http://127.0.0.1:$port
    PORT=$port RUST_LOG=${RUST_LOG:-warn} "$bin" >"$run/app.log" 2>&1 &
    pids+=($!)
    echo "serving it at $url (log: $run/app.log)"
fi

# Waits until the document answers (30 s), then keeps a copy.
deadline=$(($(date +%s) + 30))
until curl -sf -o "$run/openapi.json" "$url$doc_path"; do
    if [[ $showcase == true ]] && ! kill -0 "${pids[0]}" 2>/dev/null; then
        echo "the showcase exited:" >&2
        cat "$run/app.log" >&2
        exit 2
    fi
    if (($(date +%s) > deadline)); then
        echo "$url$doc_path did not answer within 30 s" >&2
        exit 2
    fi
    sleep 0.5
done
echo "document: $url$doc_path ($(wc -c <"$run/openapi.json") bytes)"

# The showcase's `/db/users/me` needs the `session` cookie of a signed-in user: one is made
# here, and its cookie goes with every request of both tools (as --header would).
if [[ $showcase == true ]]; then
    curl -sf -o /dev/null -X POST "$url/db/users" -H 'Content-Type: application/json' \
        -d '{"name":"Signed in","email":"signed-in@example.com","password":"contract-pass"}' ||
        { echo "could not create a user in the showcase (POST /db/users)" >&2; exit 2; }
    cookie=$(curl -sf -o /dev/null -D - -X POST "$url/db/login" -H 'Content-Type: application/json' \
        -d '{"email":"signed-in@example.com","password":"contract-pass"}' |
        grep -io '^set-cookie: *session=[^;]*' | sed 's/^[^:]*: *//') ||
        { echo "could not sign in to the showcase (POST /db/users, /db/login)" >&2; exit 2; }
    headers+=("Cookie: $cookie")
fi

failed=()

# --- schemathesis ----------------------------------------------------------------------

if [[ $only != prism ]]; then
    say "schemathesis $SCHEMATHESIS_VERSION: $url$doc_path, $max_examples examples per operation, seed $seed"
    start=$(date +%s)
    # What schemathesis is given, written from the served document:
    # - The document, with each stream written as 3.2 writes it. A 3.1 document has no
    #   field for the schema of one SSE event or JSON Lines item, so this library writes
    #   the body as `{"type": "string"}` and the item schema under the `x-itemSchema`
    #   extension; a 3.2 document has only `itemSchema`. Schemathesis reads the
    #   `itemSchema` of an SSE stream in any version but not the extension; without it,
    #   it takes `schema` as the schema of each event ("Event #0: {..} is not of type
    #   string"), and beside it, as the schema of the whole stream read as an array of
    #   events ("[..] is not of type string"). So `x-itemSchema` becomes `itemSchema` and
    #   the `string` placeholder goes: each SSE event is then checked against its schema.
    #   (JSON Lines items are checked by neither tool: schemathesis 4.32 validates no
    #   `application/jsonl` body, Prism only `schema`. `response_model::testing` does.)
    # - A config file allowing, per operation, the 5xx statuses other than 500 that the
    #   operation documents (a 503 "under maintenance" answer is the operation's job, and
    #   `not_a_server_error` fails every 5xx). A 500 is still a failure, documented or not.
    python3 - "$run" <<'EOF'
import json, sys
run = sys.argv[1]
doc = json.load(open(f"{run}/openapi.json"))

def rename(node):
    if isinstance(node, dict):
        if "x-itemSchema" in node and "itemSchema" not in node:
            node["itemSchema"] = node.pop("x-itemSchema")
            if node.get("schema") == {"type": "string"}:
                del node["schema"]
        for value in node.values():
            rename(value)
    elif isinstance(node, list):
        for value in node:
            rename(value)

rename(doc)
json.dump(doc, open(f"{run}/openapi.schemathesis.json", "w"), indent=1)
toml = []
for path, item in doc.get("paths", {}).items():
    for method, op in item.items():
        if not isinstance(op, dict) or "responses" not in op:
            continue
        allowed = sorted(s for s in op["responses"] if s[:1] == "5" and s != "500")
        if allowed:
            statuses = ", ".join(json.dumps(s) for s in ["2xx", "3xx", "4xx", *allowed])
            toml += ["[[operations]]", f"include-path = {json.dumps(path)}",
                     f"include-method = {json.dumps(method.upper())}",
                     f"checks.not_a_server_error.expected-statuses = [{statuses}]", ""]
open(f"{run}/schemathesis.toml", "w").write("\n".join(toml))
EOF
    st_args=()
    for header in "${headers[@]}"; do st_args+=(--header "$header"); done
    # --request-timeout: a stream is read to its end, and an endless one (SSE) until
    # `max-stream-events` (20) events came; 30 s bounds one that sends nothing.
    # --generation-database none: with the fixed seed, a run repeats the previous one
    # rather than replaying what an earlier run stored.
    st_rc=0
    (cd "$run" && "$st" --config-file "$run/schemathesis.toml" run "$run/openapi.schemathesis.json" \
        --url "$url" \
        --checks "$checks" \
        --seed "$seed" --max-examples "$max_examples" --generation-database none \
        --request-timeout 30 --no-color \
        --report junit,ndjson --report-dir "$run/schemathesis-report" \
        "${st_args[@]}") || st_rc=$?
    echo "schemathesis: exit $st_rc in $(elapsed "$start") (reports: $run/schemathesis-report/)"
    if ((st_rc == 130)); then exit 130; fi # interrupted
    if ((st_rc != 0)); then failed+=(schemathesis); fi
fi

# --- Prism's validation proxy ----------------------------------------------------------

if [[ $only != schemathesis ]]; then
    prism_port=$(free_port)
    proxy=http://127.0.0.1:$prism_port
    say "Prism $PRISM_VERSION: proxy $proxy -> $url, --errors"
    start=$(date +%s)
    "$prism" proxy "$run/openapi.json" "$url" --errors --host 127.0.0.1 --port "$prism_port" \
        >"$run/prism.log" 2>&1 &
    pids+=($!)
    deadline=$(($(date +%s) + 60))
    until grep -q "Prism is listening" "$run/prism.log"; do
        if ! kill -0 "${pids[-1]}" 2>/dev/null || (($(date +%s) > deadline)); then
            echo "Prism did not start:" >&2
            cat "$run/prism.log" >&2
            exit 2
        fi
        sleep 0.5
    done

    curl_headers=()
    for header in "${headers[@]}"; do curl_headers+=(-H "$header"); done
    violations=0
    refused=0
    sent=0
    # send METHOD PATH [curl arguments]: one request through the proxy; prints the status
    # and what Prism said of it. Prism answers a response that violates the document with
    # a 500 `application/problem+json` of type `.../prism/errors#VIOLATIONS`, and a request
    # that does not match the document (so nothing reached the app) with another type; it
    # logs violations of lesser severity (an undocumented 4xx) as `Violation:` warnings.
    # Prism checks a stream's body against `schema` only (it knows neither `itemSchema`
    # nor `x-itemSchema`), so SSE events and JSON Lines items are checked by schemathesis.
    send() {
        local method=$1 path=$2 lines status
        shift 2
        lines=$(wc -l <"$run/prism.log")
        sent=$((sent + 1))
        status=$(curl -s -m 60 -o "$run/body" -D "$run/head" -w '%{http_code}' -X "$method" \
            "${curl_headers[@]}" "$@" "$proxy$path") || status="curl exit $?"
        sleep 0.3 # Prism's log line of this request
        printf '%-6s %-40s %s\n' "$method" "$path" "$status"
        python3 - "$run/body" "$run/head" <(tail -n +"$((lines + 1))" "$run/prism.log") <<'EOF' || {
import json, re, sys
body, head, log = (open(p, errors="replace").read() for p in sys.argv[1:])
code = 0
if re.search(r"(?im)^content-type:\s*application/problem\+json", head):
    try:
        problem = json.loads(body)
    except ValueError:
        problem = {}
    kind = str(problem.get("type", "")).rpartition("#")[2]
    if "stoplight.io/prism/errors" in str(problem.get("type", "")):
        code = 3 if kind == "VIOLATIONS" else 4
        label = "violation" if code == 3 else f"refused by Prism ({kind}: the request does not match the document)"
        print(f"       {label}: {problem.get('title')}")
        for v in problem.get("validation", []):
            where = ".".join(map(str, v.get("location", [])))
            print(f"         - [{v.get('severity')}] {where}: {v.get('message')}")
for line in log.splitlines():
    if "Violation:" in line:
        text = line.split("Violation:", 1)[1].strip()
        print(f"       logged violation: {text}")
        if text.startswith("response") and code == 0:
            code = 3
sys.exit(code)
EOF
            case $? in
                3) violations=$((violations + 1)) ;;
                *) refused=$((refused + 1)) ;;
            esac
        }
    }

    if [[ $showcase == true ]]; then
        # The showcase: an operation of each kind with parameters or a body, then its
        # parameterless GETs (below).
        email="contract-$$@example.com"
        send GET /models/items/1
        send GET /models/users/1
        send GET /fields/users/1
        send GET '/fields/users?fields=name'
        send POST /models/items -H 'Content-Type: application/json' -d '{"id":3,"name":"Pen","price":1.5}'
        send POST /db/users -H 'Content-Type: application/json' \
            -d "{\"name\":\"Contract\",\"email\":\"$email\",\"password\":\"contract-pass\"}"
        id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("id", 0))' "$run/body" 2>/dev/null || echo 0)
        send POST /db/login -H 'Content-Type: application/json' \
            -d "{\"email\":\"$email\",\"password\":\"contract-pass\"}"
        send GET "/db/users/$id"
        send GET "/db/users/$id/card" -H 'Accept: application/xml'
        send PATCH "/db/users/$id" -H 'Content-Type: application/json' -d '{"name":"Renamed"}'
        send GET /db/users/999999
    fi
    # Every GET operation that needs no parameter (no path template, no required query or
    # header parameter), and none that needs credentials unless --header gave some. Left
    # out: operations whose answer is a redirect, because Prism's proxy follows the
    # upstream's redirects (node-fetch's default) and checks the target's answer against
    # the redirecting operation; schemathesis checks those.
    while IFS=$'\t' read -r path note; do
        if [[ -n $note ]]; then
            printf '%-6s %-40s skipped: %s\n' GET "$path" "$note"
        else
            send GET "$path"
        fi
    done < <(python3 - "$run/openapi.json" "${#headers[@]}" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
have_credentials = sys.argv[2] != "0"
for path, item in doc.get("paths", {}).items():
    op = item.get("get")
    if not isinstance(op, dict) or "{" in path:
        continue
    params = item.get("parameters", []) + op.get("parameters", [])
    if any(p.get("required") for p in params if isinstance(p, dict) and "$ref" not in p):
        continue
    statuses = list(op.get("responses", {}))
    security = op.get("security", doc.get("security", []))
    note = ""
    if not any(s.startswith("2") for s in statuses) and any(s.startswith("3") for s in statuses):
        note = "a redirect (Prism follows it)"
    elif security and {} not in security and not have_credentials:
        note = "needs credentials (pass --header)"
    print(f"{path}\t{note}")
EOF
    )
    echo "Prism: $sent requests, $violations with a response violation, $refused refused by Prism, in $(elapsed "$start") (log: $run/prism.log)"
    if ((violations + refused > 0)); then failed+=(prism); fi
fi

say "result"
if ((${#failed[@]} > 0)); then
    echo "violations found by: ${failed[*]}"
    exit 1
fi
echo "no violation found"
