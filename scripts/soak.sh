#!/usr/bin/env bash
# Soak: the showcase in release under 256 connections for 60 s over a mix of its routes
# (scripts/soak.lua), while another client keeps opening /export/large-csv and cutting it
# off mid-body. Prints the answers by class, p50/p99 latency, and the server's RSS at
# 10 s and at 60 s (the 60 s figure must be within 10% of the 10 s one).
#
#   scripts/soak.sh            # DURATION=60 CONNECTIONS=256 PORT=8321 to change
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-256}
PORT=${PORT:-8321}
# What it runs, checked first: this script installs nothing.
MISSING=()
for tool in wrk curl; do command -v "$tool" >/dev/null || MISSING+=("$tool"); done
if ((${#MISSING[@]})); then
  echo "soak: missing ${MISSING[*]}; install it first, e.g. on Debian/Ubuntu:" >&2
  echo "  sudo apt-get install ${MISSING[*]}" >&2
  exit 1
fi
ulimit -n 65536 2>/dev/null || true

# The showcase as the benchmarks run it (benches/showcase.rs: the example's app on jemalloc).
cargo build --release -q -p response-model-benches --features showcase --bin showcase
BIN=${CARGO_TARGET_DIR:-target}/release/showcase
RUST_LOG=warn PORT=$PORT "$BIN" >/tmp/soak-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER $CUTTER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "localhost:$PORT/ping" >/dev/null && break; sleep 0.1; done

rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
threads() { awk '/Threads/ {print $2}' "/proc/$SERVER/status"; }

# A stream cut off mid-body, over and over: curl gives up after 0.2 s of a 1M-row CSV.
(
  while true; do
    curl -s --max-time 0.2 "localhost:$PORT/export/large-csv" >/dev/null || true
  done
) &
CUTTER=$!

wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s scripts/soak.lua \
  "http://127.0.0.1:$PORT" >/tmp/soak-wrk.log 2>&1 &
WRK=$!
sleep 10
RSS10=$(rss); THREADS10=$(threads)
# The resident set and the thread count every 5 s, printed at the end.
(for i in $(seq 1 $(((DURATION - 10) / 5 - 1))); do
  sleep 5; echo "  $((10 + i * 5)) s: RSS $(rss) KiB, $(threads) threads"
done) >/tmp/soak-rss.log 2>&1 &
wait $WRK
RSS60=$(rss); THREADS60=$(threads)
kill $CUTTER 2>/dev/null || true
wait $CUTTER 2>/dev/null || true

grep -E "Requests/sec|Latency|SOAK" /tmp/soak-wrk.log
echo "  10 s: RSS $RSS10 KiB, $THREADS10 threads"
cat /tmp/soak-rss.log
echo "  ${DURATION} s: RSS $RSS60 KiB, $THREADS60 threads"
echo "server: RSS at 10 s ${RSS10} KiB, at ${DURATION} s ${RSS60} KiB (ratio $(awk "BEGIN {printf \"%.3f\", $RSS60/$RSS10}"))"
echo "server: $(grep -c ERROR /tmp/soak-server.log || true) ERROR lines logged"
kill $SERVER
LINE=$(grep SOAK /tmp/soak-wrk.log)
WRONG=$(sed -E 's/.*wrong_status=([0-9]+).*/\1/' <<<"$LINE")
ERRS=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$LINE")
OK=1
[ "$WRONG" = 0 ] || { echo "FAIL: $WRONG answers with a wrong status"; OK=0; }
[ "$ERRS" = 0 ] || { echo "FAIL: $ERRS socket errors"; OK=0; }
awk "BEGIN {exit !($RSS60 <= $RSS10 * 1.10)}" || { echo "FAIL: RSS grew more than 10%"; OK=0; }
[ $OK = 1 ] && echo "soak: PASS"
