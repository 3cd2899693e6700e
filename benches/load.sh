#!/usr/bin/env bash
# Load benchmark (issue #13): the showcase against the hand-written axum baseline
# (benches/baseline.rs), same paths and same bytes, measured in one run.
#
#   benches/load.sh                 # showcase vs baseline
#   benches/load.sh --fastapi       # also FastAPI + uvicorn (the course's app, benches/main.py,
#                                   # run from benches/.venv, which you set up: see below)
#   DURATION=5 ROUNDS=3 CSV_PAIRS=9 benches/load.sh
#
# Both servers run pinned to CPU $SERVER_CPU (default 0) and the client (wrk, curl) to
# $CLIENT_CPU (default 1): on a 2-core machine client and server then do not compete for a
# core. Each endpoint is run ROUNDS times per server, alternating which server goes first,
# each run at most 10 s of wrk; medians are compared. The CSV and the 100 MB file are
# whole-download times with curl (a separate process), in alternating pairs; the CSV is
# measured a second time with nothing pinned (fresh servers, so their peak RSS is the CSV's).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

FASTAPI=0
for arg in "$@"; do
    case $arg in
    --fastapi) FASTAPI=1 ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
    esac
done

DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
CSV_PAIRS=${CSV_PAIRS:-9}
FILE_PAIRS=${FILE_PAIRS:-5}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
OURS_PORT=${OURS_PORT:-18000}
BASE_PORT=${BASE_PORT:-18001}
FASTAPI_PORT=${FASTAPI_PORT:-18002}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
if ((DURATION > 10)); then
    echo "DURATION is at most 10 s" >&2
    exit 2
fi

# What it runs, checked first: this script installs nothing.
MISSING=()
for tool in wrk curl taskset; do command -v "$tool" >/dev/null || MISSING+=("$tool"); done
if ((${#MISSING[@]})); then
    echo "load.sh: missing ${MISSING[*]}; install it first, e.g. on Debian/Ubuntu:" >&2
    echo "  sudo apt-get install $(sed 's/taskset/util-linux/' <<<"${MISSING[*]}")" >&2
    exit 1
fi
if [[ $FASTAPI == 1 ]] && ! benches/.venv/bin/python -c "import fastapi, uvicorn, orjson, jinja2" 2>/dev/null; then
    echo "load.sh --fastapi: FastAPI is not in benches/.venv; set it up first:" >&2
    echo "  python3 -m venv benches/.venv && benches/.venv/bin/pip install fastapi uvicorn orjson jinja2" >&2
    exit 1
fi

echo "== building in release"
# The showcase as the benchmarks run it (benches/showcase.rs: the example's app on jemalloc).
cargo build --release -q -p response-model-benches --features showcase --bin showcase --bin baseline
SHOWCASE=$CARGO_TARGET_DIR/release/showcase
BASELINE=$CARGO_TARGET_DIR/release/baseline

TMP=$(mktemp -d)
BIG=$ROOT/examples/assets/avatars/bench_100mb.png
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -f "$BIG"
    rm -rf "$TMP"
}
trap cleanup EXIT

# A 100 MB file where the showcase's `/avatar/{user_id}` (FileDir) and the baseline's
# ServeFile find it; removed on exit.
head -c $((100 * 1024 * 1024)) /dev/urandom >"$BIG"

wait_port() {
    for _ in $(seq 1 200); do
        curl -s -o /dev/null "http://127.0.0.1:$1/health" && return 0
        sleep 0.05
    done
    echo "server on port $1 did not start" >&2
    exit 1
}

# start NAME PORT PIN(0|1) CMD...: starts a server, sets ${NAME}_PID.
start() {
    local name=$1 port=$2 pin=$3
    shift 3
    if [[ $pin == 1 ]]; then
        PORT=$port RUST_LOG=warn taskset -c "$SERVER_CPU" "$@" >"$TMP/$name.log" 2>&1 &
    else
        PORT=$port RUST_LOG=warn "$@" >"$TMP/$name.log" 2>&1 &
    fi
    local pid=$!
    PIDS+=("$pid")
    printf -v "${name}_PID" %s "$pid"
    wait_port "$port"
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

peak_rss_mib() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

start ours "$OURS_PORT" 1 "$SHOWCASE"
curl -s "http://127.0.0.1:$OURS_PORT/openapi.json" >"$TMP/openapi.json"
RM_BASELINE_OPENAPI=$TMP/openapi.json start base "$BASE_PORT" 1 "$BASELINE"

SERVERS=(ours base)
declare -A PORT_OF=([ours]=$OURS_PORT [base]=$BASE_PORT [fastapi]=$FASTAPI_PORT)
if [[ $FASTAPI == 1 ]]; then
    echo "== FastAPI (benches/.venv)"
    (cd benches && PORT=$FASTAPI_PORT taskset -c "$SERVER_CPU" .venv/bin/python -m uvicorn main:app \
        --port "$FASTAPI_PORT" --log-level warning >"$TMP/fastapi.log" 2>&1) &
    PIDS+=("$!")
    wait_port "$FASTAPI_PORT"
    fastapi_PID=$(pgrep -f "uvicorn main:app --port $FASTAPI_PORT" | head -1)
    SERVERS+=(fastapi)
fi

# name|path (the same path on every server)|the baseline's path, when another
ENDPOINTS=(
    "view /models/users/{id}|/models/users/1"
    "  vs a flat route (diag.)|/models/users/1|/flat/models/users/1"
    "validated /models/items|/models/items"
    "  vs dicts by hand (diag.)|/models/items|/models/items-from-dicts"
    "fast JSON /big-data|/big-data"
    "fast JSON /users|/users"
    "?fields= /fields/users|/fields/users?fields=id,name"
    "  vs the same users built (diag.)|/fields/users?fields=id,name|/fields/users-from-full?fields=id,name"
    "HTML /health|/health"
    "template /dashboard|/dashboard"
    "/openapi.json|/openapi.json"
)

echo "== same bytes"
path_of() { # server entry -> path
    local rest=${2#*|}
    if [[ $1 == base && $rest == *"|"* ]]; then echo "${rest#*|}"; else echo "${rest%%|*}"; fi
}

for entry in "${ENDPOINTS[@]}" "csv|/export/large-csv" "file|/avatar/bench_100mb"; do
    path=$(path_of ours "$entry")
    for s in "${SERVERS[@]}"; do
        [[ $s == ours ]] && continue
        [[ $s == fastapi && $path == /openapi.json ]] && continue
        if ! cmp -s <(curl -s "http://127.0.0.1:$OURS_PORT$path") <(curl -s "http://127.0.0.1:${PORT_OF[$s]}$(path_of "$s" "$entry")"); then
            echo "  MISMATCH: $path differs between ours and $s" >&2
            [[ $s == base ]] && exit 1
        fi
    done
done
echo "  every measured path answers the same bytes on the showcase and the baseline"

to_us() { # 512.00us | 1.23ms | 1.01s -> microseconds
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); print v + 0 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); print v * 1000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000000 }
        else print v }'
}

RESULTS=$TMP/results
run_wrk() { # server endpoint-index round
    local s=$1 i=$2 r=$3 entry=${ENDPOINTS[$2]} out
    out=$(taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
        "http://127.0.0.1:${PORT_OF[$s]}$(path_of "$s" "$entry")")
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(to_us "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(to_us "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
    [[ -n $errors ]] && echo "  $s ${entry%%|*}: $errors" >&2
    echo "$i $s $rps $p50 $p99 $r" >>"$RESULTS"
}

echo "== wrk: $ROUNDS rounds x ${DURATION} s per endpoint and server, -t1 -c$CONNECTIONS, server on CPU $SERVER_CPU, wrk on CPU $CLIENT_CPU"
for r in $(seq 1 "$ROUNDS"); do
    for i in "${!ENDPOINTS[@]}"; do
        if ((r % 2)); then order=("${SERVERS[@]}"); else order=(); for ((k = ${#SERVERS[@]} - 1; k >= 0; k--)); do order+=("${SERVERS[k]}"); done; fi
        for s in "${order[@]}"; do
            [[ $s == fastapi && ( ${ENDPOINTS[$i]} == *openapi.json* || ${ENDPOINTS[$i]} == *diag.* ) ]] && continue
            run_wrk "$s" "$i" "$r"
        done
    done
    echo "  round $r done"
done

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
col() { awk -v i="$1" -v s="$2" -v c="$3" '$1 == i && $2 == s {print $c}' "$RESULTS" | median; }
# ratios S/base of column C for endpoint I, one per round (the two runs of a round are
# adjacent in time): "median min max"
ratios() {
    awk -v i="$1" -v s="$2" -v c="$3" '$1 == i && $2 == s {a[$6] = $c} $1 == i && $2 == "base" {b[$6] = $c}
        END {for (r in a) if (r in b) print a[r] / b[r]}' "$RESULTS" | sort -g |
        awk '{x[NR] = $1} END {printf "%.3f %.2f %.2f", x[int((NR + 1) / 2)], x[1], x[NR]}'
}

echo
echo "== results: medians of $ROUNDS runs; ratio = median (min-max) of the per-round ratios ours/base"
echo "   (2 cores shared by client and server, pinned apart)"
printf '%-28s %10s %10s %17s %8s %8s %8s %8s %17s\n' endpoint "ours r/s" "base r/s" "req/s ratio" "ours p50" "base p50" "ours p99" "base p99" "p99 ratio"
for i in "${!ENDPOINTS[@]}"; do
    o=$(col "$i" ours 3) b=$(col "$i" base 3)
    op50=$(col "$i" ours 4) bp50=$(col "$i" base 4) op99=$(col "$i" ours 5) bp99=$(col "$i" base 5)
    read -r rm rlo rhi <<<"$(ratios "$i" ours 3)"
    read -r pm plo phi <<<"$(ratios "$i" ours 5)"
    awk -v n="${ENDPOINTS[$i]%%|*}" -v o="$o" -v b="$b" -v op50="$op50" -v bp50="$bp50" -v op99="$op99" -v bp99="$bp99" \
        -v rm="$rm" -v rlo="$rlo" -v rhi="$rhi" -v pm="$pm" -v plo="$plo" -v phi="$phi" \
        'BEGIN { printf "%-28s %10.0f %10.0f %5.3f (%.2f-%.2f) %6.0fus %6.0fus %6.0fus %6.0fus %5.3f (%.2f-%.2f)\n", n, o, b, rm, rlo, rhi, op50, bp50, op99, bp99, pm, plo, phi }'
done
echo "  targets: JSON endpoints req/s ratio >= 0.95 (fast JSON rows: ours is sonic-rs, the baseline serde_json, so ahead = ratio > 1); p99 x <= 1.10"
if [[ $FASTAPI == 1 ]]; then
    echo
    printf '%-28s %12s %12s %9s %9s\n' endpoint "fastapi r/s" "ours/fastapi" "fa p50" "fa p99"
    for i in "${!ENDPOINTS[@]}"; do
        [[ ${ENDPOINTS[$i]} == *openapi.json* || ${ENDPOINTS[$i]} == *diag.* ]] && continue
        o=$(col "$i" ours 3) f=$(col "$i" fastapi 3) fp50=$(col "$i" fastapi 4) fp99=$(col "$i" fastapi 5)
        awk -v n="${ENDPOINTS[$i]%%|*}" -v o="$o" -v f="$f" -v p50="$fp50" -v p99="$fp99" \
            'BEGIN { printf "%-28s %12.0f %12.1f %7.0fus %7.0fus\n", n, f, o / f, p50, p99 }'
    done
fi

# curl_time SERVER PATH [pin]: whole download time in seconds.
curl_time() {
    local url="http://127.0.0.1:${PORT_OF[$1]}$2"
    if [[ ${3:-1} == 1 ]]; then
        taskset -c "$CLIENT_CPU" curl -s -o /dev/null -w '%{time_total}\n' "$url"
    else
        curl -s -o /dev/null -w '%{time_total}\n' "$url"
    fi
}

# pairs NAME PATH N PIN: alternating paired downloads; prints median times and the
# median, min and max of the per-pair ratios.
pairs() {
    local name=$1 path=$2 n=$3 pin=$4 f=$TMP/pairs
    : >"$f"
    curl_time ours "$path" "$pin" >/dev/null
    curl_time base "$path" "$pin" >/dev/null
    for k in $(seq 1 "$n"); do
        if ((k % 2)); then
            o=$(curl_time ours "$path" "$pin") b=$(curl_time base "$path" "$pin")
        else
            b=$(curl_time base "$path" "$pin") o=$(curl_time ours "$path" "$pin")
        fi
        echo "$o $b" >>"$f"
    done
    local mo mb
    mo=$(awk '{print $1}' "$f" | median) mb=$(awk '{print $2}' "$f" | median)
    awk '{print $1 / $2}' "$f" | sort -g >"$f.r"
    awk -v name="$name" -v mo="$mo" -v mb="$mb" -v n="$n" '{r[NR] = $1} END {
        printf "%-44s ours %7.1f ms, baseline %7.1f ms (medians of %d); per-pair ratio median %.3f (%.2f-%.2f)\n",
            name, mo * 1000, mb * 1000, n, r[int((NR + 1) / 2)], r[1], r[NR] }' "$f.r"
}

echo
echo "== downloads with curl (whole download time), alternating pairs"
pairs "100 MB file /avatar/{id} (pinned)" /avatar/bench_100mb "$FILE_PAIRS" 1
pairs "/export/large-csv (pinned)" /export/large-csv "$CSV_PAIRS" 1
echo "  targets: file >= 0.9x the baseline's throughput (time ratio <= 1.11); CSV time ratio <= 1.10"

echo
echo "== peak RSS (VmHWM) after every run above"
for s in "${SERVERS[@]}"; do
    pid_var=${s}_PID
    echo "  $s: $(peak_rss_mib "${!pid_var}") MiB"
done

# The CSV again on fresh servers with nothing pinned (as a user runs it): each server
# may use both cores, and the blocking pool, tokio's workers and curl compete for them.
stop "$ours_PID"
stop "$base_PID"
start ours "$OURS_PORT" 0 "$SHOWCASE"
RM_BASELINE_OPENAPI=$TMP/openapi.json start base "$BASE_PORT" 0 "$BASELINE"
echo
echo "== /export/large-csv, nothing pinned (fresh servers)"
pairs "/export/large-csv (unpinned)" /export/large-csv "$CSV_PAIRS" 0
echo "  peak RSS of a fresh server after only CSV downloads: ours $(peak_rss_mib "$ours_PID") MiB, baseline $(peak_rss_mib "$base_PID") MiB (target <= 16 MiB)"
