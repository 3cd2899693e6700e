#!/usr/bin/env bash
# Every fuzz target (tests/integration/fuzz/) for CASES inputs each (default 1,000,000),
# in release; prints each target's counts and time. A failure prints the smallest input
# proptest found: add it to tests/integration/fuzz/corpus/<target>.txt with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-1000000}
cargo test --release -q --all-features --test integration --no-run
for target in range conditionals selection file_dir redirect sse content_disposition template_name; do
  start=$(date +%s.%N)
  FUZZ_CASES=$CASES cargo test --release -q --all-features --test integration \
    "fuzz::targets::$target" -- --exact --nocapture --test-threads=1 2>&1 \
    | grep -E "^fuzz|test result|panicked|failed" || true
  echo "  $target: $(awk "BEGIN {printf \"%.0f\", $(date +%s.%N) - $start}") s"
done
