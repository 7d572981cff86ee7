#!/usr/bin/env bash
# Corpus run: `oapigen crate` on every spec (*.yaml, *.yml, *.json) of the corpus, then `cargo check` of each crate with one
# shared target dir, printing a Markdown table (spec, generated, check, generation ms, lines, first
# error). Usage:
#   tests/corpus/run.sh [CORPUS_DIR] [--no-check] [--clippy | --doc]
# --clippy checks with `cargo clippy -- -D warnings` instead (what the README promises of generated
# code; slower); --doc with `cargo doc --no-deps` under RUSTDOCFLAGS="-D warnings" (the spec's
# descriptions as rustdoc reads them). CORPUS_DIR defaults to ../shared/corpus beside the
# repository. Work files go to target/corpus.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$root/../shared/corpus"
check=1
check_command=check
lint_args=()
for arg in "$@"; do
  case "$arg" in
    --no-check) check=0 ;;
    --clippy) check_command=clippy; lint_args=(-- -D warnings) ;;
    --doc) check_command=doc; lint_args=(--no-deps); export RUSTDOCFLAGS="-D warnings" ;;
    *) corpus="$arg" ;;
  esac
done
work="$root/target/corpus"
mkdir -p "$work/crates" "$work/logs"
cargo build --quiet --release -p oapigen --manifest-path "$root/Cargo.toml" || exit 1
bin="${CARGO_TARGET_DIR:-$root/target}/release/oapigen"
export CARGO_TARGET_DIR="$work/target"

shopt -s nullglob
specs=("$corpus"/*.yaml "$corpus"/*.yml "$corpus"/*.json)
shopt -u nullglob
if [ ${#specs[@]} -eq 0 ]; then
  echo "no *.yaml or *.json spec in $corpus: pass the corpus folder as an argument" >&2
  exit 2
fi

echo "| spec | generated | cargo $check_command${lint_args[*]:+ ${lint_args[*]}} | generation ms | lines | first error |"
echo "|---|---|---|---|---|---|"
for spec in "${specs[@]}"; do
  name=$(basename "$spec"); name=${name%.*}
  crate="$work/crates/$name"
  rm -rf "$crate"
  start=$(date +%s%N)
  "$bin" crate "$spec" -o "$crate" --name "corpus-$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-' | tr 'A-Z' 'a-z')" \
    > "$work/logs/$name.generate" 2>&1
  generate_rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ $generate_rc -ne 0 ]; then
    first=$(grep -m1 '^error' "$work/logs/$name.generate" | cut -c1-160 | sed 's/|/\\|/g')
    echo "| $name | no | - | $ms | - | ${first:-exit $generate_rc} |"
    continue
  fi
  lines=$(wc -l < "$crate/src/lib.rs")
  # The same dependency versions as this repository, so that one shared build serves every crate.
  cp "$root/Cargo.lock" "$crate/Cargo.lock"
  if [ $check -eq 0 ]; then
    echo "| $name | yes | not run | $ms | $lines | |"
    continue
  fi
  if (cd "$crate" && { cargo "$check_command" --quiet --offline "${lint_args[@]}" || cargo "$check_command" --quiet "${lint_args[@]}"; } > "$work/logs/$name.check" 2>&1); then
    echo "| $name | yes | ok | $ms | $lines | |"
  else
    first=$(grep -m1 '^error' "$work/logs/$name.check" | cut -c1-160 | sed 's/|/\\|/g')
    echo "| $name | yes | FAILED | $ms | $lines | $first |"
  fi
done
