#!/usr/bin/env bash
# Whole-process figures of oapigen, printed as Markdown tables:
#
#  1. Generation vs. parse, per spec (every specs/*.yaml, then the corpus specs MANIFEST.tsv calls
#     "large"): release-build wall time of `oapigen generate SPEC -o FILE` (median of N runs), its
#     peak resident memory (`/usr/bin/time -f %M`, largest of the N runs), the wall time of parsing
#     the same file alone (`parse_only`: serde_yaml → openapiv3::OpenAPI, the floor) and of
#     `oapigen::spec::parse` (the floor plus oapigen's control-character scan and deep-$ref
#     normalization), and the ratio generate / parse.
#  2. Build overhead of the root crate, in a scratch copy of the repository (target/figures/repo,
#     with its own target dir, so that ours is not wiped): a cold `cargo build --timings` (total wall
#     time; from Cargo's timing report the compile time of oapigen and the build script and the run
#     time of the build script), the build script run again directly (median of N), and a no-op
#     `cargo build -v` (median of N) with a check that it prints no `Compiling`/`Running` line.
#
# Usage: benches/figures.sh [-n N] [--no-build-overhead] [--no-cold] [SPEC...]
#   -n N                 runs per median (default 5)
#   --no-build-overhead  skip part 2
#   --no-cold            in part 2, reuse the scratch copy's target dir if it is there (the
#                        cold-build row then says "skipped")
#   SPEC...              specs for part 1 instead of the default list
# Environment: CORPUS (default ../shared/corpus beside the repository).
# Times are wall-clock and include process start-up and reading the file; on a contended machine
# run it twice and compare.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-"$root/../shared/corpus"}
runs=5
overhead=1
cold=1
specs=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift ;;
    --no-build-overhead) overhead=0 ;;
    --no-cold) cold=0 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) specs+=("$1") ;;
  esac
  shift
done
work="$root/target/figures"
mkdir -p "$work"

if [ ${#specs[@]} -eq 0 ]; then
  specs=("$root"/specs/*.yaml)
  if [ -f "$corpus/MANIFEST.tsv" ]; then
    while IFS=$'\t' read -r file class _; do
      [ "$class" = large ] && [ -f "$corpus/$file" ] && specs+=("$corpus/$file")
    done < <(tail -n +2 "$corpus/MANIFEST.tsv")
  fi
fi

echo "Building oapigen and the parse_only example (release)..." >&2
cargo build --quiet --release -p oapigen --bin oapigen --example parse_only \
  --manifest-path "$root/Cargo.toml" || exit 1
bin="${CARGO_TARGET_DIR:-$root/target}/release/oapigen"
parse_bin="${CARGO_TARGET_DIR:-$root/target}/release/examples/parse_only"

now_ns() { date +%s%N; }

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# run_once TAG CMD...: runs CMD once; appends its wall ms to $work/TAG.ms and its peak KiB to
# $work/TAG.kb; returns its exit status (stderr kept in $work/TAG.err)
run_once() {
  local tag=$1; shift
  local start end rc
  start=$(now_ns)
  /usr/bin/time -f %M -o "$work/time.out" "$@" > /dev/null 2> "$work/$tag.err"
  rc=$?
  end=$(now_ns)
  echo $(( (end - start) / 1000000 )) >> "$work/$tag.ms"
  tail -n 1 "$work/time.out" | grep -E '^[0-9]+$' >> "$work/$tag.kb"
  return $rc
}
# timed RUNS CMD...: runs CMD RUNS times; prints "median_ms peak_kb status" (status: ok or the exit
# code of a failing run).
timed() {
  local n=$1; shift
  local status=ok
  rm -f "$work/t.ms" "$work/t.kb"
  for ((i = 0; i < n; i++)); do
    run_once t "$@" || status="exit $?"
  done
  echo "$(median < "$work/t.ms") $(sort -n "$work/t.kb" | tail -n 1) $status"
}

echo
echo "### Generation vs. parse (release, whole process, median of $runs)"
echo
echo "| spec | KiB | generate ms | generate peak MiB | parse ms | parse peak MiB | spec::parse ms | generate / parse | lines |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for spec in "${specs[@]}"; do
  name=$(basename "$spec"); name=${name%.*}
  kib=$(( $(stat -c %s "$spec") / 1024 ))
  # The three commands take turns, so that a burst of load on a shared machine hits each alike.
  rm -f "$work"/{gen,parse,sparse}.{ms,kb}
  gen_status=ok
  for ((i = 0; i < runs; i++)); do
    run_once gen "$bin" generate "$spec" -o "$work/out.rs" || gen_status="exit $?"
    run_once parse "$parse_bin" "$spec"
    run_once sparse "$parse_bin" --oapigen "$spec"
  done
  gen_ms=$(median < "$work/gen.ms"); gen_kb=$(sort -n "$work/gen.kb" | tail -n 1)
  parse_ms=$(median < "$work/parse.ms"); parse_kb=$(sort -n "$work/parse.kb" | tail -n 1)
  sparse_ms=$(median < "$work/sparse.ms")
  if [ "$gen_status" != ok ]; then
    first=$(grep -m1 -i 'error' "$work/gen.err" | cut -c1-100 | sed 's/|/\\|/g')
    gen_ms="failed ($gen_status: $first)"
    lines="-"
  else
    lines=$(wc -l < "$work/out.rs")
  fi
  ratio=$(awk -v g="$gen_ms" -v p="$parse_ms" 'BEGIN { if (g + 0 > 0 && p + 0 > 0) printf "%.1f×", g / p; else print "-" }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$kib" "$gen_ms" \
    "$(( ${gen_kb:-0} / 1024 ))" "$parse_ms" "$(( ${parse_kb:-0} / 1024 ))" "$sparse_ms" "$ratio" "$lines"
done

[ $overhead -eq 1 ] || exit 0

echo
echo "### Build overhead of the root crate (debug profile, scratch copy with its own target dir)"
echo
scratch="$work/repo"
mkdir -p "$scratch"
# The working tree as it is (uncommitted changes included), without target/ and .git.
tar -C "$root" --exclude=./target --exclude=./.git -cf - . | tar -C "$scratch" -xf -
export CARGO_TARGET_DIR="$scratch/target"
echo "| step | seconds | notes |"
echo "|---|---:|---|"
if [ $cold -eq 1 ] || [ ! -d "$CARGO_TARGET_DIR/debug" ]; then
  rm -rf "$CARGO_TARGET_DIR"
  echo "Cold cargo build in $scratch (minutes on two cores)..." >&2
  start=$(now_ns)
  (cd "$scratch" && cargo build --timings > "$work/cold.log" 2>&1)
  rc=$?
  total_ms=$(( ($(now_ns) - start) / 1000000 ))
  units=$(ls -t "$CARGO_TARGET_DIR"/cargo-timings/cargo-timing-*.html 2> /dev/null | head -n 1)
  if [ $rc -ne 0 ]; then
    echo "| cold \`cargo build\` | failed | $(grep -m1 '^error' "$work/cold.log" | cut -c1-100) |"
  else
    compiled=$(grep -c 'Compiling' "$work/cold.log")
    echo "| cold \`cargo build\`, total | $(awk -v m="$total_ms" 'BEGIN { printf "%.1f", m / 1000 }') | $compiled crates compiled, all dependencies included |"
    if [ -n "$units" ]; then
      # Cargo's timing report holds `const UNIT_DATA = [...]`, one entry per unit with its duration.
      python3 - "$units" << 'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
def row(label, pick, note):
    total = sum(u["duration"] for u in units if pick(u))
    print(f"| {label} | {total:.2f} | {note} |")
row("  of which: compile oapigen (build dependency, opt-level 2)",
    lambda u: u["name"] == "oapigen", "the generator as the build script links it")
row("  of which: compile the build script",
    lambda u: u["name"] == "provider-clients" and "build-script" in u["target"] and "(run)" not in u["target"], "build.rs itself")
row("  of which: **run the build script**",
    lambda u: u["name"] == "provider-clients" and "(run)" in u["target"], "generates the 5 modules from specs/ (critical path)")
row("  of which: compile provider-clients (lib)",
    lambda u: u["name"] == "provider-clients" and "build-script" not in u["target"], "the generated clients")
EOF
    fi
  fi
else
  echo "| cold \`cargo build\` | skipped | --no-cold: reused $CARGO_TARGET_DIR |"
  (cd "$scratch" && cargo build --quiet) || exit 1
fi

# The build script run directly, as Cargo would run it (from the package root).
script=$(ls -t "$CARGO_TARGET_DIR"/debug/build/provider-clients-*/build-script-build 2> /dev/null | head -n 1)
if [ -n "$script" ]; then
  read -r bs_ms bs_kb bs_status < <(cd "$scratch" && timed "$runs" "$script")
  bs_kb=${bs_kb:-0}
  echo "| build script run directly (median of $runs) | $(awk -v m="$bs_ms" 'BEGIN { printf "%.3f", m / 1000 }') | $bs_status; peak $(( bs_kb / 1024 )) MiB; writes nothing when generated/ is up to date |"
fi

# No-op rebuild: nothing changed since the build above.
(cd "$scratch" && cargo build --quiet) > /dev/null 2>&1
noop_times=()
dirty=0
for ((i = 0; i < runs; i++)); do
  start=$(now_ns)
  (cd "$scratch" && cargo build -v > "$work/noop.log" 2>&1)
  noop_times+=($(( ($(now_ns) - start) / 1000000 )))
  if grep -qE '^ *(Compiling|Running)' "$work/noop.log"; then
    dirty=1
    cp "$work/noop.log" "$work/noop-dirty.log"
  fi
done
noop_ms=$(printf '%s\n' "${noop_times[@]}" | median)
if [ $dirty -eq 0 ]; then
  verdict="no \`Compiling\`/\`Running\` line in any run (\`cargo build -v\`)"
else
  verdict="**NOT a no-op**: see $work/noop-dirty.log: $(grep -m1 -E '^ *(Compiling|Running)' "$work/noop-dirty.log" | cut -c1-80)"
fi
echo "| no-op \`cargo build\` (median of $runs) | $(awk -v m="$noop_ms" 'BEGIN { printf "%.3f", m / 1000 }') | $verdict |"
