#!/usr/bin/env bash
# Disconnect storm: 1,000 clients open /export/large-csv or /events on the showcase
# (release) and leave at once, 3 storms in a row; then no producer of theirs and no task
# may be left; prints the RSS before, with and after each crowd
# (tests/integration/storm.rs; CLIENTS=n, ROUNDS=n to change the crowd and the storms).
#
#   HEAP=1 scripts/storm.sh   # under valgrind's massif (CLIENTS=100 by default): the live
#                             # heap before, at the peak of and after each storm
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 65536 2>/dev/null || true
if [ "${HEAP:-0}" = 1 ]; then
  CLIENTS=${CLIENTS:-100}
  BIN=$(cargo test --release -q --all-features --test integration --no-run --message-format=json 2>/dev/null \
    | sed -n 's/.*"executable":"\([^"]*integration[^"]*\)".*/\1/p' | tail -1)
  STORM_CLIENTS=$CLIENTS STORM_ROUNDS=${ROUNDS:-3} valgrind --tool=massif --time-unit=ms \
    --massif-out-file=/tmp/storm.massif "$BIN" storm:: --test-threads=1 --nocapture 2>&1 \
    | grep -E "^storm|test result|panicked"
  # The live heap (bytes) at each of massif's snapshots: low, a crowd's peak, low again.
  ms_print /tmp/storm.massif | awk '/^ +[0-9]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+$/ {print "  " $2 " ms: " $3 " B"}'
  exit 0
fi
STORM_CLIENTS=${CLIENTS:-1000} STORM_ROUNDS=${ROUNDS:-3} cargo test --release -q --all-features --test integration \
  storm:: -- --nocapture --test-threads=1 2>&1 | grep -E "^storm|test result|panicked|FAIL"
