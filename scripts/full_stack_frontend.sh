#!/usr/bin/env bash
# The frontend half of the full-stack judge (issue #19): does the FastAPI full-stack
# template's own React frontend, unchanged, type-check against a TypeScript client generated
# from a server's OpenAPI document?
#
#   scripts/full_stack_frontend.sh TEMPLATE_DIR DOCUMENT [OUT_DIR]
#
# TEMPLATE_DIR is a checkout of fastapi/full-stack-fastapi-template (see full_stack_judge.sh
# for how to get one); DOCUMENT is a URL (e.g. http://127.0.0.1:8000/api/v1/openapi.json) or a
# file. In a temporary copy of the template's frontend/, the client in src/client is
# regenerated from DOCUMENT with the template's own openapi-ts.config.ts and its pinned
# @hey-api/openapi-ts (what its scripts/generate-client.sh does, with npm instead of bun),
# then `tsc -p tsconfig.build.json` is run and its errors counted, and the names that the
# regenerated types.gen.ts and sdk.gen.ts export (types, and the services' static methods)
# are compared with the committed files' (the fields of the object types are listed too, as
# information). OUT_DIR (default
# target/full-stack-judge/frontend) keeps the document, tsc's output, the name lists and a diff
# of each regenerated file against the committed one.
#
# The frontend's npm packages are installed once into a cache keyed by its package.json
# (FULL_STACK_JUDGE_CACHE, default ~/.cache/full-stack-judge): the template pins them with a
# bun.lock, which npm cannot read, so `npm install` resolves the ranges of package.json
# (install scripts off: neither openapi-ts nor tsc needs one).
# Exit status: 0 when tsc reports no error and the exported names are the same, 1 otherwise.
set -euo pipefail

die() {
    echo "full_stack_frontend.sh: $*" >&2
    exit 2
}

[[ $# -ge 2 ]] || die "usage: scripts/full_stack_frontend.sh TEMPLATE_DIR DOCUMENT [OUT_DIR]"
TEMPLATE=$(cd "$1" && pwd) || die "no directory $1"
DOCUMENT=$2
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${3:-$REPO/target/full-stack-judge/frontend}
CACHE=${FULL_STACK_JUDGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/full-stack-judge}
[[ -f "$TEMPLATE/frontend/openapi-ts.config.ts" ]] ||
    die "$TEMPLATE/frontend/openapi-ts.config.ts not found: TEMPLATE_DIR must be a checkout of the full-stack template"
command -v npm >/dev/null || die "npm is needed"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fs-frontend.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$CACHE"

# The frontend's packages, once per package.json.
key=$(sha256sum "$TEMPLATE/frontend/package.json" | cut -c1-12)
modules=$CACHE/npm-$key
if [[ ! -f "$modules/.complete" ]]; then
    echo "== npm install for the template's frontend (cached in $modules)"
    rm -rf "$modules"
    mkdir -p "$modules"
    cp "$TEMPLATE/frontend/package.json" "$modules/"
    (cd "$modules" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
    touch "$modules/.complete"
fi

cp -r "$TEMPLATE/frontend" "$WORK/frontend"
FRONT=$WORK/frontend
rm -rf "$FRONT/node_modules"
ln -s "$modules/node_modules" "$FRONT/node_modules"
mkdir -p "$WORK/committed"
cp "$FRONT/src/client/types.gen.ts" "$FRONT/src/client/sdk.gen.ts" "$WORK/committed/"

echo "== the document: $DOCUMENT"
if [[ "$DOCUMENT" =~ ^https?:// ]]; then
    curl -fsS "$DOCUMENT" -o "$FRONT/openapi.json" || die "could not fetch $DOCUMENT"
else
    cp "$DOCUMENT" "$FRONT/openapi.json"
fi
cp "$FRONT/openapi.json" "$OUT/openapi.json"

echo "== openapi-ts (the template's openapi-ts.config.ts)"
if ! (cd "$FRONT" && NO_COLOR=1 FORCE_COLOR=0 ./node_modules/.bin/openapi-ts) >"$OUT/openapi-ts.log" 2>&1; then
    cat "$OUT/openapi-ts.log"
    echo "frontend: the client could not be generated from the document"
    exit 1
fi

echo "== tsc -p tsconfig.build.json"
tsc_rc=0
(cd "$FRONT" && ./node_modules/.bin/tsc -p tsconfig.build.json --pretty false) >"$OUT/tsc.log" 2>&1 || tsc_rc=$?
tsc_errors=$(grep -cE 'error TS[0-9]+' "$OUT/tsc.log" || true)
if [[ $tsc_errors -gt 0 ]]; then
    grep -E 'error TS[0-9]+' "$OUT/tsc.log" | head -n 40
    [[ $tsc_errors -gt 40 ]] && echo "... ($((tsc_errors - 40)) more in $OUT/tsc.log)"
elif [[ $tsc_rc -ne 0 ]]; then
    cat "$OUT/tsc.log"
    tsc_errors=1
fi

# What a generated file exports, read with the TypeScript compiler's own parser, in two
# lists. Names: each exported declaration, and the static methods of an exported class (the
# SDK's services), written `Service.method`: what the frontend imports and calls, so the
# verdict. Fields: the members of each exported object type, written `Type.field` with `?`
# when optional: shown too, for what they tell, but a field's optionality or an error status
# documented beyond the template's is not a missing name.
cat >"$WORK/names.cjs" <<'EOF'
const ts = require(process.argv[2]);
const fs = require("fs");
const [file, kind] = [process.argv[3], process.argv[4]];
const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
const names = new Set();
const fields = new Set();
const isExported = (st) => (ts.getModifiers ? ts.getModifiers(st) || [] : st.modifiers || [])
  .some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const members = (into, owner, list) => {
  for (const m of list) {
    if (m.name) into.add(`${owner}.${m.name.getText(src)}${m.questionToken ? "?" : ""}`);
  }
};
for (const st of src.statements) {
  if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
    for (const e of st.exportClause.elements) names.add(e.name.getText(src));
    continue;
  }
  if (!isExported(st)) continue;
  if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) names.add(d.name.getText(src));
  } else if (st.name) {
    const name = st.name.getText(src);
    names.add(name);
    if (ts.isClassDeclaration(st)) members(names, name, st.members);
    else if (ts.isInterfaceDeclaration(st)) members(fields, name, st.members);
    else if (ts.isTypeAliasDeclaration(st) && ts.isTypeLiteralNode(st.type)) members(fields, name, st.type.members);
  }
}
console.log([...(kind === "fields" ? fields : names)].sort().join("\n"));
EOF

# Prints the lines of $2 not in $3 (or "missing"/"added" lists), at most 40.
show() {
    local title=$1 file=$2 count
    count=$(grep -c . "$file" || true)
    [[ $count -gt 0 ]] || return 0
    echo "   $title:"
    head -n 40 "$file" | sed 's/^/     /'
    if [[ $count -gt 40 ]]; then
        echo "     ... ($((count - 40)) more in $file)"
    fi
}

names_differ=0
for file in types.gen.ts sdk.gen.ts; do
    base=${file%.gen.ts}
    for kind in names fields; do
        node "$WORK/names.cjs" "$FRONT/node_modules/typescript" "$WORK/committed/$file" "$kind" |
            LC_ALL=C sort >"$OUT/$base.committed.$kind"
        node "$WORK/names.cjs" "$FRONT/node_modules/typescript" "$FRONT/src/client/$file" "$kind" |
            LC_ALL=C sort >"$OUT/$base.regenerated.$kind"
        LC_ALL=C comm -23 "$OUT/$base.committed.$kind" "$OUT/$base.regenerated.$kind" >"$OUT/$base.$kind.missing"
        LC_ALL=C comm -13 "$OUT/$base.committed.$kind" "$OUT/$base.regenerated.$kind" >"$OUT/$base.$kind.added"
    done
    diff -u "$WORK/committed/$file" "$FRONT/src/client/$file" >"$OUT/$base.diff" || true
    n_missing=$(grep -c . "$OUT/$base.names.missing" || true)
    n_added=$(grep -c . "$OUT/$base.names.added" || true)
    f_missing=$(grep -c . "$OUT/$base.fields.missing" || true)
    f_added=$(grep -c . "$OUT/$base.fields.added" || true)
    echo "== $file: $(grep -c . "$OUT/$base.committed.names") names committed: $n_missing missing, $n_added added;" \
        "$(grep -c . "$OUT/$base.committed.fields") fields: $f_missing missing, $f_added added;" \
        "the text differs in $(grep -c '^[-+][^-+]' "$OUT/$base.diff" || true) lines ($OUT/$base.diff)"
    show "names missing (committed, not regenerated)" "$OUT/$base.names.missing"
    show "names added (regenerated, not committed)" "$OUT/$base.names.added"
    show "fields missing or changed (committed, not regenerated; ? = optional)" "$OUT/$base.fields.missing"
    show "fields added or changed (regenerated, not committed)" "$OUT/$base.fields.added"
    if [[ $n_missing -gt 0 || $n_added -gt 0 ]]; then
        names_differ=1
    fi
done

verdict="names equal"
[[ $names_differ -eq 0 ]] || verdict="names differ"
echo "frontend: tsc errors: $tsc_errors, $verdict"
[[ $tsc_errors -eq 0 && $names_differ -eq 0 ]]
