#!/usr/bin/env bash
# The docs UIs of a running server driven by headless Chromium (scripts/docs_browser_check.mjs):
# Swagger UI's Authorize with the OAuth2 password flow, Try it out sending the token, the
# schemes in ReDoc and Scalar. Not part of CI (it needs Chromium); run by hand against the
# full-stack port, e.g.:
#
#   cargo run -p full-stack &
#   scripts/docs_browser_check.sh http://127.0.0.1:8000 /docs admin@example.com changethis \
#       /api/v1/users/me /api/v1/openapi.json
#
# Installs playwright-core (npm) into a temporary directory; Chromium is Debian's
# (`apt-get install chromium`), or the one named by $CHROMIUM.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [[ $# -lt 5 ]]; then
    sed -n '2,12p' "$0" >&2
    exit 2
fi
if [[ -z ${CHROMIUM:-} ]] && ! command -v chromium >/dev/null; then
    echo "Chromium is missing: apt-get install -y chromium (or set CHROMIUM)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/docs_browser_check.mjs" "$work/"
(cd "$work" && npm install --silent --no-audit --no-fund playwright-core@1 >/dev/null)
node "$work/docs_browser_check.mjs" "$@"
