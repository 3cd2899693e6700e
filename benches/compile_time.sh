#!/usr/bin/env bash
# Compile time (issue #13): a generated crate of $MODELS models with 3 views each, written
# with #[derive(ResponseModel)] against the same view structs written by hand (serde +
# schemars derives and `From` impls), measured in one run. A third crate, for reference,
# writes by hand also what the derive adds beyond that (Clone, Debug, and the views'
# IntoResponse and ApiResponse impls; not their FieldList impls).
#
#   benches/compile_time.sh                  # 100 models, 3 rounds
#   MODELS=100 ROUNDS=5 benches/compile_time.sh
#
# Both crates sit in one temporary workspace with one target directory
# ($CARGO_TARGET_DIR/compile-time, shared by the two and separate from other builds) and
# have the same dependencies (`response-model`, which re-exports the derive, `serde`,
# `schemars`), built once before timing. Each round then times, alternating which crate
# goes first: a clean build of the crate (`cargo clean -p`, then `cargo build`, debug
# profile) and the incremental rebuild after touching one model's file. Medians compared.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODELS=${MODELS:-100}
ROUNDS=${ROUNDS:-3}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/compile-time
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

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

cd "$WORK"
export CARGO_TARGET_DIR=$TARGET
echo "== generated $MODELS models x 3 views in $WORK; building the shared dependencies once"
cargo build -q -p derive_models
cargo build -q -p hand_models
cargo build -q -p hand_plus_models

now() { date +%s.%N; }
timed() { # crate mode(clean|touch) -> seconds
    local krate=$1 mode=$2 start
    if [[ $mode == clean ]]; then
        cargo clean -q -p "$krate"
    else
        touch "$krate/src/m050.rs" 2>/dev/null || touch "$krate/src/m001.rs"
    fi
    start=$(now)
    cargo build -q -p "$krate"
    awk -v a="$start" -v b="$(now)" 'BEGIN {printf "%.3f\n", b - a}'
}

RES=$WORK/times
: >"$RES"
for r in $(seq 1 "$ROUNDS"); do
    if ((r % 2)); then order=(derive_models hand_models hand_plus_models); else order=(hand_plus_models hand_models derive_models); fi
    for mode in clean touch; do
        for krate in "${order[@]}"; do
            echo "$krate $mode $(timed "$krate" "$mode")" >>"$RES"
        done
    done
    echo "  round $r: $(awk -v r="$r" 'NR > (r - 1) * 6 {printf "%s %s %ss; ", $1, $2, $3}' "$RES")"
done

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
med() { awk -v k="$1" -v m="$2" '$1 == k && $2 == m {print $3}' "$RES" | median; }
echo
echo "== compile time of the crate alone (dependencies built), debug profile, medians of $ROUNDS"
for mode in clean touch; do
    d=$(med derive_models "$mode") h=$(med hand_models "$mode") p=$(med hand_plus_models "$mode")
    what="clean build"
    [[ $mode == touch ]] && what="rebuild after touching one model"
    awk -v what="$what" -v d="$d" -v h="$h" -v p="$p" -v mode="$mode" 'BEGIN {
        printf "  %-34s derive %6.2f s, hand-written %6.2f s, ratio %.3f%s\n", what, d, h, d / h,
            (mode == "clean" ? " (target <= 1.5)" : "")
        printf "  %-34s reference, hand-written with Clone, Debug, IntoResponse, ApiResponse too: %.2f s, derive / it %.3f\n", "", p, d / p }'
done
