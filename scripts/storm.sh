#!/usr/bin/env bash
# Disconnect storm: 1,000 clients open /export/large-csv or /events on the showcase
# (release) and leave at once; then no producer of theirs and no task may be left; prints
# the heap still held and the RSS after each storm (tests/integration/storm.rs; CLIENTS=n,
# ROUNDS=n to change the crowd and the storms).
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 65536 2>/dev/null || true
STORM_CLIENTS=${CLIENTS:-1000} STORM_ROUNDS=${ROUNDS:-3} cargo test --release -q --all-features --test integration \
  storm:: -- --nocapture --test-threads=1 2>&1 | grep -E "storm:|test result|panicked|FAIL"
