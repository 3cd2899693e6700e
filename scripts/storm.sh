#!/usr/bin/env bash
# Disconnect storm: 1,000 clients open /export/large-csv or /events on the showcase
# and leave at once, 3 storms in a row. In process (tests/integration/storm.rs, release):
# no producer of theirs and no task may be left. Against the showcase's release binary
# (scripts/storm_crowd.py): its resident set before, with and after each crowd must settle
# back within 1.5x. CLIENTS=n, ROUNDS=n change the crowd and the storms.
#
#   HEAP=1 scripts/storm.sh   # under valgrind's massif (CLIENTS=100 by default): the live
#                             # heap before, at the peak of and after each storm
set -euo pipefail
cd "$(dirname "$0")/.."
# What it runs, checked first: this script installs nothing.
NEEDED=(curl python3)
[ "${HEAP:-0}" = 1 ] && NEEDED=(valgrind ms_print)
MISSING=()
for tool in "${NEEDED[@]}"; do command -v "$tool" >/dev/null || MISSING+=("$tool"); done
if ((${#MISSING[@]})); then
  echo "storm: missing ${MISSING[*]}; install it first, e.g. on Debian/Ubuntu:" >&2
  # ms_print comes with valgrind.
  echo "  sudo apt-get install $(printf '%s\n' "${MISSING[@]}" | sed 's/^ms_print$/valgrind/' | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
ulimit -n 65536 2>/dev/null || true
if [ "${HEAP:-0}" = 1 ]; then
  CLIENTS=${CLIENTS:-100}
  BIN=$(cargo test --release -q --all-features --test integration --no-run --message-format=json 2>/dev/null \
    | sed -n 's/.*"executable":"\([^"]*integration[^"]*\)".*/\1/p' | tail -1)
  STORM_CLIENTS=$CLIENTS STORM_ROUNDS=${ROUNDS:-3} STORM_PAUSE=1 valgrind --tool=massif --time-unit=ms \
    --massif-out-file=/tmp/storm.massif "$BIN" storm:: --test-threads=1 --nocapture 2>&1 \
    | grep -E "^storm|test result|panicked"
  # The live heap (bytes) at each of massif's snapshots: low, a crowd's peak, low again.
  ms_print /tmp/storm.massif | awk '/^ +[0-9]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+$/ {print "  " $2 " ms: " $3 " B"}'
  exit 0
fi
# 1. In process (tests/integration/storm.rs): the producers and the runtime's tasks counted.
STORM_CLIENTS=${CLIENTS:-1000} STORM_ROUNDS=${ROUNDS:-3} cargo test --release -q --all-features --test integration \
  storm:: -- --nocapture --test-threads=1 2>&1 | grep -E "^storm|test result|panicked|FAIL"

# 2. The showcase in release, its own process and allocator (benches/showcase.rs: the
#    example's app on jemalloc): its resident set before, with and after each crowd
#    (scripts/storm_crowd.py).
cargo build --release -q -p response-model-benches --features showcase --bin showcase
PORT=${PORT:-8322}
RUST_LOG=warn PORT=$PORT "${CARGO_TARGET_DIR:-target}/release/showcase" >/tmp/storm-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "localhost:$PORT/ping" >/dev/null && break; sleep 0.1; done
python3 scripts/storm_crowd.py "$PORT" "$SERVER" "${CLIENTS:-1000}" "${ROUNDS:-3}" \
  && echo "storm: PASS"
