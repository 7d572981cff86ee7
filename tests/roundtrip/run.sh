#!/usr/bin/env bash
# The round-trip conformance harness over corpus folders (README.md beside this file): for every
# component schema of every spec, random valid instances from json-schema-faker are decoded with
# the generated Rust type, encoded again, and checked (ajv, and equality up to the documented
# normalizations). Prints one Markdown table per folder. Usage:
#   tests/roundtrip/run.sh [CORPUS_DIR...] [--instances N] [--union-instances U] [--seed S]
#                          [--seeds S1,S2,...] [--only SUBSTRING]
# CORPUS_DIR defaults to ../shared/corpus and ../shared/corpus-modern/files beside the
# repository; N to 20, U (instances of a oneOf/anyOf schema) to N, S to 1; --seeds runs once per
# seed (the crates are built once), printing each run's tables. Needs Node.js (>= 18.20) and npm: the pinned packages of
# package-lock.json are installed with `npm ci` into target/roundtrip/node on the first run.
# Work files go to target/roundtrip (crates/, logs/, details/<spec>.md, report.json), the crates
# are built with one shared target dir, target/roundtrip/target.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dirs=()
args=()
seeds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --instances|--union-instances|--seed|--only) args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --seeds) IFS=, read -r -a seeds <<< "${2:?--seeds needs a value}"; shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) dirs+=("$1"); shift ;;
  esac
done
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=("$root/../shared/corpus" "$root/../shared/corpus-modern/files")
fi
for tool in node npm cargo; do
  if ! command -v "$tool" > /dev/null; then
    echo "the round-trip harness needs $tool on PATH (Node.js >= 18.20 and npm: https://nodejs.org/)" >&2
    exit 1
  fi
done
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet -p oapigen --manifest-path "$root/Cargo.toml" || exit 1
mkdir -p "$target/roundtrip"
# A copy: the run uses one generator throughout, whatever rebuilds target/debug meanwhile.
cp "$target/debug/oapigen" "$target/roundtrip/oapigen" || exit 1
home=$(node "$root/tests/roundtrip/install.mjs" "$target") || exit 1
run() {
  ROUNDTRIP_NODE_HOME="$home" node "$root/tests/roundtrip/run.mjs" corpus \
    --oapigen "$target/roundtrip/oapigen" --work "$target/roundtrip" --lock "$root/Cargo.lock" \
    "${args[@]}" "$@" "${dirs[@]}"
}
if [ ${#seeds[@]} -eq 0 ]; then
  run
  exit
fi
status=0
for seed in "${seeds[@]}"; do
  echo "# Seed $seed"
  echo
  run --seed "$seed" || status=$?
  echo
done
exit "$status"
