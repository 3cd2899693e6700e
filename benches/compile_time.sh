#!/usr/bin/env bash
# Compile time (issues #13, #21): a generated crate of $MODELS models with 3 views each,
# written with #[derive(ResponseModel)] against the same view structs written by hand
# (serde + schemars derives and `From` impls), measured in one run. A third crate, for
# reference, writes by hand also what the derive adds beyond that (Clone, Debug, and the
# views' IntoResponse and ApiResponse impls; not their FieldList impls). Each crate also
# has, behind its `handlers` feature (built only for the "edit one handler" rebuild, so the
# clean and touch figures compare the models alone, as before), a handler per model
# returning its view and an `ApiRouter` of them.
#
#   benches/compile_time.sh                  # 100 models, 3 rounds
#   MODELS=100 ROUNDS=5 benches/compile_time.sh
#   KEEP=1 benches/compile_time.sh           # keep the generated workspace (path printed)
#
# The crates sit in one temporary workspace with one target directory
# ($CARGO_TARGET_DIR/compile-time, shared by them and separate from other builds) and
# have the same dependencies (`response-model`, which re-exports the derive, `serde`,
# `schemars`), built once before timing; the derive crate is built a second time with the
# proc-macro optimised, in a target directory of its own. Each round then times, alternating
# which crate goes first: a clean build of the crate (`cargo clean -p`, then `cargo build`,
# debug profile), the incremental rebuild after touching one model's file, and the one
# after editing one handler's body. Medians compared. Last, rustc's pass timings of one
# clean build of each (RUSTC_BOOTSTRAP=1 -Z time-passes, in this script only).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODELS=${MODELS:-100}
ROUNDS=${ROUNDS:-3}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/compile-time
WORK=$(mktemp -d)
if [[ -n ${KEEP:-} ]]; then echo "== keeping $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

cat >"$WORK/Cargo.toml" <<EOF
[workspace]
members = ["derive_models", "hand_models", "hand_plus_models"]
resolver = "3"

[workspace.dependencies]
response-model = { path = "$ROOT", default-features = false }
serde = { version = "1", features = ["derive"] }
schemars = "1"
axum = "0.8"
EOF
cp "$ROOT/Cargo.lock" "$WORK/Cargo.lock" # the same dependency versions as the repository

for krate in derive_models hand_models hand_plus_models; do
    mkdir -p "$WORK/$krate/src"
    cat >"$WORK/$krate/Cargo.toml" <<EOF
[package]
name = "$krate"
version = "0.0.0"
edition = "2024"
publish = false

[features]
# the handler module (the "edit one handler" rebuild only; the other builds leave it out)
handlers = []

[dependencies]
response-model.workspace = true
serde.workspace = true
schemars.workspace = true
axum.workspace = true
EOF
    : >"$WORK/$krate/src/lib.rs"
done

for i in $(seq -f "%03g" 1 "$MODELS"); do
    echo "pub mod m$i;" >>"$WORK/derive_models/src/lib.rs"
    echo "pub mod m$i;" >>"$WORK/hand_models/src/lib.rs"
    echo "pub mod m$i;" >>"$WORK/hand_plus_models/src/lib.rs"
    M="M$i"
    cat >"$WORK/derive_models/src/m$i.rs" <<EOF
use response_model::ResponseModel;
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(
    view(${M}Out, exclude(is_active)),
    view(${M}Public, include(id, name)),
    view(${M}Summary, include(id, name, score, tags)),
)]
pub struct $M {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub score: f64,
    pub tags: Vec<String>,
    pub is_active: bool,
    #[response_model(secret)]
    pub hashed_password: String,
}
EOF
    cat >"$WORK/hand_models/src/m$i.rs" <<EOF
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Serialize, JsonSchema)]
pub struct $M {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub score: f64,
    pub tags: Vec<String>,
    pub is_active: bool,
    pub hashed_password: String,
}

#[derive(Serialize, JsonSchema)]
pub struct ${M}Out {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub score: f64,
    pub tags: Vec<String>,
}

impl From<$M> for ${M}Out {
    fn from(m: $M) -> Self {
        Self { id: m.id, name: m.name, email: m.email, score: m.score, tags: m.tags }
    }
}

#[derive(Serialize, JsonSchema)]
pub struct ${M}Public {
    pub id: i64,
    pub name: String,
}

impl From<$M> for ${M}Public {
    fn from(m: $M) -> Self {
        Self { id: m.id, name: m.name }
    }
}

#[derive(Serialize, JsonSchema)]
pub struct ${M}Summary {
    pub id: i64,
    pub name: String,
    pub score: f64,
    pub tags: Vec<String>,
}

impl From<$M> for ${M}Summary {
    fn from(m: $M) -> Self {
        Self { id: m.id, name: m.name, score: m.score, tags: m.tags }
    }
}
EOF
    {
        sed 's/#\[derive(Serialize, JsonSchema)\]/#[derive(Clone, Debug, Serialize, JsonSchema)]/' "$WORK/hand_models/src/m$i.rs"
        for v in Out Public Summary; do
            cat <<EOF

impl axum::response::IntoResponse for ${M}$v {
    fn into_response(self) -> axum::response::Response {
        response_model::Model::<Self>(self).into_response()
    }
}

impl response_model::openapi::ApiResponse for ${M}$v {
    fn responses(cx: &mut response_model::openapi::DocContext) -> response_model::openapi::Responses {
        <response_model::Model<Self> as response_model::openapi::ApiResponse>::responses(cx)
    }
}
EOF
        done
    } >"$WORK/hand_plus_models/src/m$i.rs"
done

# Each crate also serves its views: a handler per model returning its `Out` view (the
# derive's and the hand-written-plus crate's views are handler return types as they are; the
# baseline's go through `Model<View>`, which has the same impls) and an `ApiRouter` of the
# 100 routes, so the "edit one handler" rebuild is what a user of each writes. They are a
# module behind the crate's `handlers` feature: the clean and touch builds leave them out.
handler() { # crate index model -> one handler
    local krate=$1 i=$2 M=$3 ret body
    body="crate::m$i::$M { id: 1$i, name: String::new(), email: String::new(), score: 0.0, tags: Vec::new(), is_active: true, hashed_password: String::new() }.into()"
    if [[ $krate == hand_models ]]; then
        ret="response_model::Model<crate::m$i::${M}Out>"
        body="response_model::Model($body)"
    else
        ret="crate::m$i::${M}Out"
    fi
    printf 'pub async fn get_m%s() -> %s {\n    %s\n}\n\n' "$i" "$ret" "$body"
}
for krate in derive_models hand_models hand_plus_models; do
    {
        for i in $(seq -f "%03g" 1 "$MODELS"); do handler "$krate" "$i" "M$i"; done
        echo 'pub fn api() -> response_model::routing::ApiRouter {'
        echo '    response_model::routing::ApiRouter::new()'
        for i in $(seq -f "%03g" 1 "$MODELS"); do echo "        .route(\"/m$i\", response_model::routing::get(get_m$i))"; done
        echo '}'
    } >"$WORK/$krate/src/handlers.rs"
    printf '#[cfg(feature = "handlers")]\npub mod handlers;\n' >>"$WORK/$krate/src/lib.rs"
done

cd "$WORK"
export CARGO_TARGET_DIR=$TARGET
echo "== generated $MODELS models x 3 views in $WORK; building the shared dependencies once"
for krate in derive_models hand_models hand_plus_models; do
    cargo build -q -p "$krate"
    cargo build -q -p "$krate" --features handlers
done
# The derive crate and the hand-written one once more with the proc-macros built optimised,
# as a user's workspace would ask in its Cargo.toml (`[profile.dev.package.response-model-derive]
# opt-level = 3`, and syn, quote and proc-macro2, which serde's and schemars' derives use
# too: the hand-written crate gains as well), in a target dir of their own.
OPT=()
for pkg in response-model-derive syn quote proc-macro2; do
    OPT+=(--config "profile.dev.package.\"$pkg\".opt-level=3")
done
OPT+=(--target-dir "$TARGET-opt")
for krate in derive_models hand_models; do
    cargo build -q "${OPT[@]}" -p "$krate"
    cargo build -q "${OPT[@]}" -p "$krate" --features handlers
done

now() { date +%s.%N; }
timed() { # crate mode(clean|touch) -> seconds
    local krate=$1 mode=$2 start args=()
    if [[ $krate == *_opt ]]; then krate=${krate%_opt}_models args=("${OPT[@]}"); fi
    if [[ $mode == clean ]]; then
        cargo clean -q "${args[@]}" -p "$krate"
    elif [[ $mode == handler ]]; then
        # the crate with its handler module up to date, then a new value in one handler's
        # body (a different one each time)
        args+=(--features handlers)
        cargo build -q "${args[@]}" -p "$krate"
        sed -i -E "/get_m050\(\)/,/^}/ s/id: [0-9]+, name/id: $RANDOM, name/" "$krate/src/handlers.rs"
    else
        touch "$krate/src/m050.rs" 2>/dev/null || touch "$krate/src/m001.rs"
    fi
    start=$(now)
    cargo build -q "${args[@]}" -p "$krate"
    awk -v a="$start" -v b="$(now)" 'BEGIN {printf "%.3f\n", b - a}'
}

RES=$WORK/times
: >"$RES"
for r in $(seq 1 "$ROUNDS"); do
    if ((r % 2)); then order=(derive_models hand_models hand_plus_models derive_opt hand_opt); else order=(hand_opt derive_opt hand_plus_models hand_models derive_models); fi
    for mode in clean touch handler; do
        for krate in "${order[@]}"; do
            echo "$krate $mode $(timed "$krate" "$mode")" >>"$RES"
        done
    done
    echo "  round $r: $(awk -v r="$r" 'NR > (r - 1) * 15 {printf "%s %s %ss; ", $1, $2, $3}' "$RES")"
done

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
med() { awk -v k="$1" -v m="$2" '$1 == k && $2 == m {print $3}' "$RES" | median; }
echo
echo "== compile time of the crate alone (dependencies built), debug profile, medians of $ROUNDS"
for mode in clean touch handler; do
    d=$(med derive_models "$mode") h=$(med hand_models "$mode") p=$(med hand_plus_models "$mode") o=$(med derive_opt "$mode") q=$(med hand_opt "$mode")
    what="clean build"
    [[ $mode == touch ]] && what="rebuild after touching one model"
    [[ $mode == handler ]] && what="rebuild after editing one handler"
    awk -v what="$what" -v d="$d" -v h="$h" -v p="$p" -v o="$o" -v q="$q" -v mode="$mode" 'BEGIN {
        printf "  %-34s derive %6.2f s, hand-written %6.2f s, ratio %.3f%s\n", what, d, h, d / h,
            (mode == "handler" ? "" : " (target <= 1.2)")
        printf "  %-34s reference, hand-written with Clone, Debug, IntoResponse, ApiResponse too: %.2f s, derive / it %.3f\n", "", p, d / p
        printf "  %-34s proc-macros built optimised (opt-level 3): derive %.2f s, hand-written %.2f s, ratio %.3f; %.3f and %.3f of their debug-built times\n", "", o, q, o / q, o / d, q / h }'
done

# Where the time goes: rustc's own pass timings (-Z time-passes, on the stable compiler with
# RUSTC_BOOTSTRAP=1, here only), one clean build of each crate. `macro_expand_crate` holds
# the derives' own run time (the proc-macros, built in the debug profile as a user's are).
echo
echo "== rustc passes, one clean build each (s): macro expansion (the derives' run time), type checking, borrow checking, codegen, total"
for krate in derive_models hand_models hand_plus_models; do
    cargo clean -q -p "$krate"
    RUSTC_BOOTSTRAP=1 cargo rustc -q -p "$krate" -- -Z time-passes 2>&1 | awk -v k="$krate" '
        $1 == "time:" { t[$NF] = $2 }
        END { printf "  %-17s expand %5.2f, typeck %5.2f, borrowck %5.2f, codegen %5.2f, total %5.2f\n", k,
            t["macro_expand_crate"], t["type_check_crate"], t["MIR_borrow_checking"], t["codegen_crate"] + t["LLVM_passes"], t["total"] }'
done
