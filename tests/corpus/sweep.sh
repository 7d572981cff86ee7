#!/usr/bin/env bash
# Sweep: generation only (`oapigen check`, nothing compiled) over every document of one or more
# folders, searched recursively (an APIs-guru checkout works), several at a time, each under a
# time and a memory limit. Prints a Markdown table: how many documents generate, and the failures
# by kind (the first error's code, `timeout`, `memory`, `crash`) with an example of each; then
# the warnings by code over all documents. Files that are not documents (no `openapi` or
# `swagger` key: the fragments of split documents) are not counted. Usage:
#   tests/corpus/sweep.sh [DIR...] [--jobs N] [--timeout SECONDS] [--memory MIB]
# DIR defaults to ../shared/corpus and ../shared/corpus-modern/files beside the repository;
# --jobs to the number of cores, --timeout to 60, --memory to 2048. Work files go to
# $CARGO_TARGET_DIR/sweep (target/sweep; one log per document, replaced on each run).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dirs=()
jobs=$(nproc 2>/dev/null || echo 2)
limit_seconds=60
limit_mib=2048
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --jobs|--timeout|--memory)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "$1 takes a positive number" >&2; exit 2; }
      case "$1" in
        --jobs) jobs=$2 ;;
        --timeout) limit_seconds=$2 ;;
        --memory) limit_mib=$2 ;;
      esac
      shift ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) dirs+=("$1") ;;
  esac
  shift
done
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=("$root/../shared/corpus" "$root/../shared/corpus-modern/files")
fi
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || { echo "no such folder: $dir" >&2; exit 2; }
done
work="${CARGO_TARGET_DIR:-$root/target}/sweep"
rm -rf "$work"
mkdir -p "$work/logs"
cargo build --quiet --release -p oapigen --manifest-path "$root/Cargo.toml" || exit 1
bin="${CARGO_TARGET_DIR:-$root/target}/release/oapigen"

# Documents only: a key `openapi` or `swagger` with a version at the top of a YAML file, or with a
# text or number value in a JSON one (a schema named `openapi` is a fragment's).
find "${dirs[@]}" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sort |
  while read -r file; do
    if grep -qE $'^(\xef\xbb\xbf)?["\']?(openapi|swagger)["\']?[[:space:]]*:[[:space:]]*[^[:space:]{[#]|"(openapi|swagger)"[[:space:]]*:[[:space:]]*["0-9]' "$file"; then
      echo "$file"
    fi
  done > "$work/documents"
total=$(wc -l < "$work/documents")

# One document: `oapigen check` under the limits; writes `<n>.log` and `<n>.result` (the kind).
check_one() {
  local n=$1 file=$2
  local log="$work/logs/$n.log"
  ( ulimit -v $((limit_mib * 1024)); exec timeout "$limit_seconds" "$bin" check "$file" ) > "$log" 2>&1
  local rc=$?
  local kind
  case $rc in
    0) kind=ok ;;
    124) kind=timeout ;;
    1) kind=$(grep -m1 -oE '^error\[[a-z0-9-]+\]' "$log" | sed 's/error\[\(.*\)\]/\1/')
       [ -n "$kind" ] || kind=error ;;
    *) if grep -qiE 'memory allocation|out of memory|cannot allocate' "$log"; then kind=memory; else kind="crash (exit $rc)"; fi ;;
  esac
  printf '%s\t%s\n' "$kind" "$file" > "$work/logs/$n.result"
}
export -f check_one
export work bin limit_seconds limit_mib
start=$(date +%s)
nl -ba -w1 -s$'\t' "$work/documents" | tr '\t' '\n' | xargs -r -d '\n' -n 2 -P "$jobs" bash -c 'check_one "$0" "$1"'
seconds=$(( $(date +%s) - start ))

cat "$work"/logs/*.result > "$work/results" 2>/dev/null || : > "$work/results"
generated=$(grep -c '^ok	' "$work/results")
echo "Documents: $total in ${dirs[*]##*/} · generate: $generated · refused: $((total - generated)) · $seconds s with $jobs jobs (limits: ${limit_seconds} s, ${limit_mib} MiB each)"
echo
echo "| failure | documents | example |"
echo "|---|---|---|"
[ "$generated" -eq "$total" ] && echo "| (none) | 0 | |"
grep -v '^ok	' "$work/results" | cut -f1 | sort | uniq -c | sort -rn |
  while read -r count kind; do
    example=$(grep -m1 "^$kind	" "$work/results" | cut -f2)
    echo "| $kind | $count | ${example#"$root/"} |"
  done
echo
echo "| warning | count | documents |"
echo "|---|---|---|"
grep -hoE '^warning\[[a-z0-9-]+\]' "$work"/logs/*.log 2>/dev/null | sort | uniq -c | sort -rn |
  while read -r count code; do
    code=${code#warning[}; code=${code%]}
    documents=$(grep -l "^warning\[$code\]" "$work"/logs/*.log | wc -l)
    echo "| $code | $count | $documents |"
  done
