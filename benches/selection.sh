#!/usr/bin/env bash
# What generating less saves users: the first `cargo check` of crates written by `oapigen crate`
# from one spec (default GitHub's), whole and selected, as a Markdown table.
#
# Rows: the whole crate; `--features-per-tag` with no feature, with TAG's feature, with all; the
# crate of `--tag TAG`; the crate of `--operation OPERATION`. For each: the lines of src/lib.rs,
# the first check of the generated code alone (its runtime/ package checked beforehand, untimed),
# median of C runs, and the first check with the runtime copy (runtime/src/lib.rs touched too:
# what a user's first check of a fresh crate costs beyond registry dependencies), median of C.
# Every timed check starts without incremental cache; dependencies are prebuilt by an untimed
# check first. Last, the runtime copy's check alone, with the features the one-operation crate
# turns on and with all of them (`--features oapigen-runtime/...`).
#
# Usage: benches/selection.sh [-c C] [--tag TAG] [--operation ID] [SPEC]
#   defaults: C=3, TAG=repos, ID=repos/get, SPEC=../shared/corpus/github.com__api.github.com_1.1.4.yaml
# Work files go to target/selection (crates/, target/).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
spec="$root/../shared/corpus/github.com__api.github.com_1.1.4.yaml"
runs=3
tag=repos
operation=repos/get
while [ $# -gt 0 ]; do
  case "$1" in
    -c) runs=$2; shift ;;
    --tag) tag=$2; shift ;;
    --operation) operation=$2; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) spec=$1 ;;
  esac
  shift
done
work="$root/target/selection"
mkdir -p "$work/crates"
echo "Building oapigen (release)..." >&2
cargo build --quiet --release -p oapigen --bin oapigen --manifest-path "$root/Cargo.toml" || exit 1
oapigen="${CARGO_TARGET_DIR:-$root/target}/release/oapigen"
export CARGO_TARGET_DIR="$work/target"

now_ns() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
seconds() { awk -v m="$1" 'BEGIN { printf "%.1f", m / 1000 }'; }

# crate NAME ARGS...: writes the crate NAME with `oapigen crate SPEC ARGS...`
crate() {
  local name=$1
  shift
  rm -rf "$work/crates/$name"
  "$oapigen" crate "$spec" -o "$work/crates/$name" --name "sel-$name" "$@" > /dev/null 2>&1 || { echo "oapigen crate $* failed" >&2; exit 1; }
  cp "$root/Cargo.lock" "$work/crates/$name/Cargo.lock"
}

# timed DIR WITH_RUNTIME ARGS...: median of `runs` first checks (milliseconds)
timed() {
  local dir=$1 with_runtime=$2 times=() start
  shift 2
  for ((i = 0; i < runs; i++)); do
    touch "$dir/src/lib.rs"
    [ "$with_runtime" = 1 ] && touch "$dir/runtime/src/lib.rs"
    rm -rf "$CARGO_TARGET_DIR/debug/incremental"
    start=$(now_ns)
    (cd "$dir" && cargo check --offline --quiet "$@") > /dev/null 2>&1 || { echo "cargo check $* failed in $dir" >&2; exit 1; }
    times+=($(( ($(now_ns) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | median
}

# row LABEL COMMAND NAME CHECK_ARGS...
row() {
  local label=$1 command=$2 name=$3 dir="$work/crates/$3"
  shift 3
  (cd "$dir" && cargo check --offline --quiet "$@") > /dev/null 2>&1 || { echo "cargo check $* failed in $dir" >&2; exit 1; }
  local alone with
  alone=$(timed "$dir" 0 "$@")
  with=$(timed "$dir" 1 "$@")
  printf '| %s | `%s` | %s | %s | %s |\n' "$label" "$command" "$(wc -l < "$dir/src/lib.rs")" "$(seconds "$alone")" "$(seconds "$with")"
}

crate whole
crate per-tag --features-per-tag
crate tag --tag "$tag"
crate operation --operation "$operation"

echo
echo "### $(basename "$spec"): first \`cargo check\`, median of $runs"
echo
echo "| crate | generated with | lines of src/lib.rs | generated code alone s | with its runtime copy s |"
echo "|---|---|---:|---:|---:|"
row "whole" "oapigen crate SPEC" whole
row "features per tag, none on" "--features-per-tag" per-tag
row "features per tag, \`$tag\` on" "--features-per-tag; --features $tag" per-tag --features "$tag"
row "features per tag, all on" "--features-per-tag; --all-features" per-tag --all-features
row "\`$tag\` selected" "--tag $tag" tag
row "one operation selected" "--operation $operation" operation

# The runtime copy alone: the one-operation crate's features, then all of them.
dir="$work/crates/operation"
package="sel-operation-runtime"
runtime_alone() {
  local times=() start
  for ((i = 0; i < runs; i++)); do
    touch "$dir/runtime/src/lib.rs"
    rm -rf "$CARGO_TARGET_DIR/debug/incremental"
    start=$(now_ns)
    (cd "$dir" && cargo check --offline --quiet -p "$package" "$@") > /dev/null 2>&1 || { echo "runtime check $* failed" >&2; exit 1; }
    times+=($(( ($(now_ns) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | median
}
defaults=$(sed -n 's/^default = \[\(.*\)\]$/\1/p' "$dir/runtime/Cargo.toml")
(cd "$dir" && cargo check --offline --quiet -p "$package" --features "event-stream form multipart oauth2") > /dev/null 2>&1
echo
echo "| the runtime copy alone | first \`cargo check\` s |"
echo "|---|---:|"
echo "| default features ($defaults) | $(seconds "$(runtime_alone)") |"
echo "| all features (+ event-stream, form, multipart, oauth2) | $(seconds "$(runtime_alone --features "event-stream form multipart oauth2")") |"
