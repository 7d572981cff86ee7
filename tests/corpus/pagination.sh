#!/usr/bin/env bash
# Pagination over a corpus: `oapigen check` on every spec (*.yaml, *.yml, *.json) of each corpus
# folder given, then a Markdown table of its paginated operations per document, by scheme and by
# source (vendor extension or inferred from the shape; a corpus run has no configuration), from
# the `note[paginated]` lines. Every note goes to target/corpus/pagination-notes.txt, one per
# line, for a reader to check a sample against the documents. Usage:
#   tests/corpus/pagination.sh [CORPUS_DIR ...]
# CORPUS_DIR defaults to ../shared/corpus and ../shared/corpus-modern/files beside the repository.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=("$root/../shared/corpus" "$root/../shared/corpus-modern/files")
fi
cargo build --quiet --release -p oapigen --manifest-path "$root/Cargo.toml" || exit 1
bin="${CARGO_TARGET_DIR:-$root/target}/release/oapigen"
notes="$root/target/corpus/pagination-notes.txt"
mkdir -p "$(dirname "$notes")"
: > "$notes"

echo "| document | GET operations | paginated | cursor | next URL in body | Link header | page number | offset | from an extension | inferred |"
echo "|---|---|---|---|---|---|---|---|---|---|"
total=(0 0 0 0 0 0 0 0 0)
shopt -s nullglob
for dir in "${dirs[@]}"; do
  for spec in "$dir"/*.yaml "$dir"/*.yml "$dir"/*.json; do
    name=$(basename "$spec"); name=${name%.*}
    found=$("$bin" check "$spec" 2>&1 | grep '^note\[paginated\]' | sed "s|^|$name: |")
    [ -n "$found" ] && printf '%s\n' "$found" >> "$notes"
    count() { [ -z "$found" ] && echo 0 || printf '%s\n' "$found" | grep -c -- "$1"; }
    # GET operations: `get:` keys of path items, in YAML or JSON.
    gets=$(grep -oE '("get"[[:space:]]*:|^[[:space:]]+get:)' "$spec" | wc -l)
    row=($gets $(count 'is paginated') $(count '`, cursor in') $(count '`, next URL from `') \
      $(count 'next URL from the `Link` header') $(count '`, page number in') $(count '`, offset in') \
      $(count 'paginated (from `x-') $(count 'paginated (inferred'))
    [ "${row[1]}" -eq 0 ] && continue
    printf '| %s |' "$name"; printf ' %s |' "${row[@]}"; echo
    for i in "${!row[@]}"; do total[$i]=$(( total[$i] + row[$i] )); done
  done
done
printf '| **all** |'; printf ' %s |' "${total[@]}"; echo
