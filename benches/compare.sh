#!/usr/bin/env bash
# oapigen vs. progenitor 0.15.1 (`cargo progenitor`) side by side on corpus specs, as a Markdown
# table. For each spec and each tool:
#
#  - generation: whole-process wall time, median of G runs (default 3), of
#      oapigen crate SPEC -o DIR --name NAME                    (release build of this repository)
#      cargo progenitor -i SPEC -o DIR -n NAME -v 0.1.0          (installed from crates.io)
#    DIR is removed before every run, so both tools write every file every time.
#  - lines: lines of every .rs file the tool writes into src/. Neither count includes the runtime:
#    oapigen's is the package runtime/ beside src/, progenitor's the `progenitor-client`
#    dependency.
#  - cargo check: wall time of `cargo check --offline` of the generated crate alone (an oapigen
#    crate's runtime/ package checked beforehand, untimed, as progenitor's progenitor-client is a
#    prebuilt dependency). Each tool has
#    its own CARGO_TARGET_DIR (target/compare/target-<tool>), warmed up once by checking a small
#    crate of that tool, so dependencies are already built; if a spec's crate still needs a
#    dependency that is not built yet (progenitor adds chrono, uuid, regress... by spec), that
#    first check is not counted: the crate is checked again and only that second check is
#    reported. Every timed check starts without an incremental cache (target-<tool>/debug/
#    incremental is removed first), as the first check after generating a crate does; Cargo's
#    default incremental mode stays on. A check under 20 s is repeated C times and the median
#    kept; a longer one runs once. A failing check is reported with the time it took to fail and
#    its first error. Both crates use the dependency versions their tool asks for (oapigen's crates
#    get this repository's Cargo.lock; progenitor's get reqwest 0.13 and progenitor-client
#    0.15.1). progenitor's Cargo.toml gets an empty `[workspace]` table appended, so that Cargo
#    does not take it for a member of this repository's workspace (oapigen writes one itself).
#  - cargo build: then the wall time of `cargo build --offline` of the same crate (dependencies
#    prebuilt by the warm-up, as for the check; once, without incremental cache, after the check:
#    what a user's first build of the crate costs beyond its dependencies).
#  - ratios: oapigen / progenitor (below 1 means oapigen is faster or smaller).
#  - with --baseline REV, the same figures for oapigen as of commit REV (built from a worktree
#    in target/compare/baseline-src, its crates checked in their own target folder with REV's
#    Cargo.lock), in the same run: before and after side by side.
#
# Usage: benches/compare.sh [--all] [-g G] [-c C] [--no-check] [--baseline REV] [SPEC...]
#   default specs: every corpus spec that MANIFEST.tsv says progenitor 0.15.1 generates ("compiles"
#   or "generated, does not compile"), plus GitHub's and Slack's (large; progenitor fails on them)
#   --all       every spec of the corpus
#   -g G        generation runs per median (default 3)
#   -c C        check runs per median for crates that check in under 20 s (default 3)
#   --no-check  generation only
#   --baseline REV  also oapigen as of REV (a commit, tag or branch)
#   --no-progenitor  oapigen alone (with --baseline: before and after, without installing
#               progenitor); its columns say "not run"
# Environment: CORPUS (default ../shared/corpus beside the repository). Work files go to
# target/compare (crates/, logs/, target-oapigen/, target-progenitor/); progenitor is installed
# into target/tools/progenitor when missing.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-"$root/../shared/corpus"}
gen_runs=3
check_runs=3
check=1
all=0
baseline=""
progenitor=1
specs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --all) all=1 ;;
    -g) gen_runs=$2; shift ;;
    -c) check_runs=$2; shift ;;
    --no-check) check=0 ;;
    --baseline) baseline=$2; shift ;;
    --no-progenitor) progenitor=0 ;;
    -h|--help) sed -n '2,47p' "$0"; exit 0 ;;
    *) specs+=("$1") ;;
  esac
  shift
done
work="$root/target/compare"
mkdir -p "$work/crates" "$work/logs"

# --- tools ---------------------------------------------------------------------------------------
tools="$root/target/tools/progenitor"
export PATH="$tools/bin:$PATH"
if [ $progenitor -eq 1 ] && ! cargo progenitor --help > /dev/null 2>&1; then
  echo "Installing cargo-progenitor 0.15.1 into $tools (about 10 minutes on two cores)..." >&2
  cargo install cargo-progenitor --version 0.15.1 --locked --root "$tools" >&2 || exit 1
fi
echo "Building oapigen (release)..." >&2
cargo build --quiet --release -p oapigen --bin oapigen --manifest-path "$root/Cargo.toml" || exit 1
oapigen="${CARGO_TARGET_DIR:-$root/target}/release/oapigen"
tools=(oapigen)
[ $progenitor -eq 1 ] && tools+=(progenitor)
if [ -n "$baseline" ]; then
  src="$work/baseline-src"
  rev=$(git -C "$root" rev-parse --short "$baseline") || exit 1
  echo "Building oapigen as of $rev (release, in $src)..." >&2
  # kept between runs when it is at REV already (a new checkout would make Cargo build it again)
  if [ "$(git -C "$src" rev-parse --short HEAD 2> /dev/null)" != "$rev" ]; then
    git -C "$root" worktree remove --force "$src" > /dev/null 2>&1
    rm -rf "$src"
    git -C "$root" worktree add --detach "$src" "$rev" > /dev/null 2>&1 || { echo "cannot check out $baseline" >&2; exit 1; }
  fi
  CARGO_TARGET_DIR="$work/baseline-bin" cargo build --quiet --release -p oapigen --bin oapigen --manifest-path "$src/Cargo.toml" || exit 1
  baseline_bin="$work/baseline-bin/release/oapigen"
  tools+=(baseline)
fi

# --- specs ---------------------------------------------------------------------------------------
if [ ${#specs[@]} -eq 0 ]; then
  if [ $all -eq 1 ]; then
    specs=("$corpus"/*.yaml)
  else
    # column 10 of MANIFEST.tsv: progenitor 0.15.1's outcome
    while IFS=$'\t' read -r file _ _ _ _ _ _ _ _ outcome _; do
      case "$outcome" in
        compiles|'generated, does not compile') [ -f "$corpus/$file" ] && specs+=("$corpus/$file") ;;
      esac
    done < <(tail -n +2 "$corpus/MANIFEST.tsv")
    for pick in slack.com__1.7.0.yaml github.com__api.github.com_1.1.4.yaml; do
      [ -f "$corpus/$pick" ] && specs+=("$corpus/$pick")
    done
  fi
fi

now_ns() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
crate_name() { echo "$1" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '-' | tr -s '-' | sed 's/^-*//; s/-*$//; s/^/c-/'; }
# first line worth showing of a log: an error or a panic message, else its first line
first_error() {
  local line
  line=$(grep -m1 -E '^error|panicked|^gen fail' "$1")
  [ -n "$line" ] || line=$(grep -m1 -E '^Error' "$1")
  # a panic's message is on the line after "thread 'main' panicked at file:line:"
  if [[ "$line" == *panicked* ]]; then
    line="panic: $(grep -A1 -m1 panicked "$1" | tail -n 1)"
  fi
  [ -n "$line" ] || line=$(grep -m1 . "$1")
  echo "$line" | cut -c1-110 | sed 's/|/\\|/g; s/`/'"'"'/g'
}

# generate TOOL SPEC DIR NAME: runs the tool once, returns its exit status
generate() {
  local tool=$1 spec=$2 dir=$3 name=$4
  rm -rf "$dir"
  if [ "$tool" = oapigen ]; then
    "$oapigen" crate "$spec" -o "$dir" --name "$name"
  elif [ "$tool" = baseline ]; then
    "$baseline_bin" crate "$spec" -o "$dir" --name "$name"
  else
    cargo progenitor -i "$spec" -o "$dir" -n "$name" -v 0.1.0
  fi
}

# prepare TOOL DIR: makes the crate checkable on its own
prepare() {
  local tool=$1 dir=$2
  if [ "$tool" = oapigen ]; then
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
  elif [ "$tool" = baseline ]; then
    cp "$work/baseline-src/Cargo.lock" "$dir/Cargo.lock"
  else
    grep -q '^\[workspace\]' "$dir/Cargo.toml" || printf '\n[workspace]\n' >> "$dir/Cargo.toml"
    [ -f "$work/progenitor.Cargo.lock" ] && cp "$work/progenitor.Cargo.lock" "$dir/Cargo.lock"
  fi
  # resolves and downloads what the lock file lacks, outside the timed check
  (cd "$dir" && cargo fetch --quiet) > /dev/null 2>&1
}

# warm_runtime TOOL DIR COMMAND: an oapigen crate's copy of the runtime is a package of its own
# (runtime/), which its first check or build compiles too; it is built beforehand, untimed, like
# the registry dependencies, so that every timed figure is the generated code's alone (the
# runtime's own cost is measured apart: RESULTS.md).
warm_runtime() {
  local tool=$1 dir=$2 command=$3 package
  [ -f "$dir/runtime/Cargo.toml" ] || return 0
  package=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$dir/runtime/Cargo.toml" | head -n 1)
  (cd "$dir" && CARGO_TARGET_DIR="$work/target-$tool" cargo "$command" --offline --quiet -p "$package") > /dev/null 2>&1
}

# The crate's first check, as after generating it: without the incremental cache of an earlier
# check (which, for unchanged code, would make a re-check several times faster). Dependencies are
# never incremental, so this removes only the generated crates' caches.
fresh() { touch "$1/src/lib.rs"; rm -rf "$CARGO_TARGET_DIR/debug/incremental"; }

# check TOOL DIR LOG: prints "seconds status" for a check of the crate alone
check() {
  local tool=$1 dir=$2 log=$3 start ms
  warm_runtime "$tool" "$dir" check
  export CARGO_TARGET_DIR="$work/target-$tool"
  fresh "$dir"
  start=$(now_ns)
  (cd "$dir" && cargo check --offline) > "$log" 2>&1
  local rc=$?
  ms=$(( ($(now_ns) - start) / 1000000 ))
  # A dependency built in this run (any Compiling/Checking line but the crate's own, which names
  # its path): the time is not the crate's alone; check again with dependencies built.
  if grep -E '^ *(Compiling|Checking) ' "$log" | grep -qv ' (/'; then
    cp "$log" "$log.deps"
    fresh "$dir"
    start=$(now_ns)
    (cd "$dir" && cargo check --offline) > "$log" 2>&1
    rc=$?
    ms=$(( ($(now_ns) - start) / 1000000 ))
  fi
  # Quick checks are noisy on a shared machine: repeat them (touching src/lib.rs each time) and
  # keep the median; a check over 20 s, or a failing one, is run once.
  local times=("$ms")
  if [ $rc -eq 0 ] && [ "$ms" -lt 20000 ]; then
    for ((i = 1; i < check_runs; i++)); do
      fresh "$dir"
      start=$(now_ns)
      (cd "$dir" && cargo check --offline) > /dev/null 2>&1
      times+=($(( ($(now_ns) - start) / 1000000 )))
    done
    ms=$(printf '%s\n' "${times[@]}" | median)
  fi
  unset CARGO_TARGET_DIR
  echo "$(awk -v m="$ms" 'BEGIN { printf "%.1f", m / 1000 }') $([ $rc -eq 0 ] && echo ok || echo FAILED)"
}

# build TOOL DIR LOG: prints the seconds of the crate's first `cargo build` (after its check)
build() {
  local tool=$1 dir=$2 log=$3 start
  warm_runtime "$tool" "$dir" build
  export CARGO_TARGET_DIR="$work/target-$tool"
  fresh "$dir"
  start=$(now_ns)
  (cd "$dir" && cargo build --offline) > "$log" 2>&1
  local rc=$?
  local ms=$(( ($(now_ns) - start) / 1000000 ))
  unset CARGO_TARGET_DIR
  if [ $rc -eq 0 ]; then awk -v m="$ms" 'BEGIN { printf "%.1f", m / 1000 }'; else echo "FAILED"; fi
}

# the check ratio; against a progenitor check that failed, marked as such
check_ratio() {
  local ours=$1 theirs=$2
  [[ "$ours" =~ ^[0-9.]+$ ]] || { echo -; return; }
  if [[ "$theirs" =~ ^[0-9.]+$ ]]; then ratio "$ours" "$theirs"
  elif [[ "$theirs" =~ ^FAILED\ after\ ([0-9.]+)$ ]]; then echo "$(ratio "$ours" "${BASH_REMATCH[1]}") (vs. its failure)"
  else echo -; fi
}
lines_of() { cat "$1"/src/*.rs 2> /dev/null | wc -l; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }

# --- warm-up: dependencies of each tool's crates, built once ----------------------------------------
if [ $check -eq 1 ]; then
  warm="$corpus/d7networks.com__1.0.2.yaml"
  for tool in "${tools[@]}"; do
    dir="$work/crates/warmup-$tool"
    echo "Warm-up: building $tool's crate dependencies..." >&2
    generate "$tool" "$warm" "$dir" warmup > "$work/logs/warmup-$tool.generate" 2>&1 || { echo "warm-up generation failed for $tool" >&2; exit 1; }
    if [ "$tool" = progenitor ]; then
      printf '\n[workspace]\n' >> "$dir/Cargo.toml"
      (cd "$dir" && cargo generate-lockfile --quiet) && cp "$dir/Cargo.lock" "$work/progenitor.Cargo.lock"
    fi
    prepare "$tool" "$dir"
    (cd "$dir" && CARGO_TARGET_DIR="$work/target-$tool" cargo check --quiet && CARGO_TARGET_DIR="$work/target-$tool" cargo build --quiet) > "$work/logs/warmup-$tool.check" 2>&1 \
      || { echo "warm-up check failed for $tool: see $work/logs/warmup-$tool.check" >&2; exit 1; }
  done
fi

# --- the table -----------------------------------------------------------------------------------
echo
echo "### oapigen vs. progenitor 0.15.1 (generation: median of $gen_runs whole-process runs; check: \`cargo check\` of the generated crate alone, dependencies prebuilt, median of $check_runs under 20 s)"
echo
base_head=""
base_rule=""
if [ -n "$baseline" ]; then
  base_head=" oapigen@$rev gen ms | oapigen@$rev lines | oapigen@$rev check s | oapigen@$rev build s |"
  base_rule="---:|---:|---:|---:|"
fi
echo "| spec | KiB | oapigen gen ms | progenitor gen ms | gen ratio | oapigen lines | progenitor lines | lines ratio | oapigen check s | progenitor check s | check ratio | oapigen build s | progenitor build s | build ratio |$base_head notes |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|$base_rule---|"
for spec in "${specs[@]}"; do
  base=$(basename "$spec"); base=${base%.*}
  name=$(crate_name "$base")
  kib=$(( $(stat -c %s "$spec") / 1024 ))
  declare -A gen_ms=() lines=() check_s=() build_s=() ok=()
  if [ $progenitor -eq 0 ]; then
    gen_ms[progenitor]="not run"; lines[progenitor]="-"; check_s[progenitor]="-"; build_s[progenitor]="-"
  fi
  notes=""
  for tool in "${tools[@]}"; do
    dir="$work/crates/$tool/$base"
    log="$work/logs/$base.$tool"
    times=()
    ok[$tool]=1
    for ((i = 0; i < gen_runs; i++)); do
      start=$(now_ns)
      generate "$tool" "$spec" "$dir" "$name" > "$log.generate" 2>&1
      rc=$?
      times+=($(( ($(now_ns) - start) / 1000000 )))
      if [ $rc -ne 0 ]; then
        ok[$tool]=0
        break
      fi
    done
    if [ "${ok[$tool]}" = 0 ]; then
      gen_ms[$tool]="failed"
      lines[$tool]="-"
      check_s[$tool]="-"
      build_s[$tool]="-"
      notes+="$tool failed (${times[-1]} ms): $(first_error "$log.generate"). "
      continue
    fi
    gen_ms[$tool]=$(printf '%s\n' "${times[@]}" | median)
    lines[$tool]=$(lines_of "$dir")
    build_s[$tool]="-"
    if [ $check -eq 0 ]; then
      check_s[$tool]="not run"
      continue
    fi
    prepare "$tool" "$dir"
    read -r seconds status < <(check "$tool" "$dir" "$log.check")
    if [ "$status" = ok ]; then
      check_s[$tool]=$seconds
      build_s[$tool]=$(build "$tool" "$dir" "$log.build")
    else
      check_s[$tool]="FAILED after $seconds"
      notes+="$tool's crate does not compile: $(first_error "$log.check"). "
    fi
  done
  base_cells=""
  if [ -n "$baseline" ]; then
    base_cells=" ${gen_ms[baseline]} | ${lines[baseline]} | ${check_s[baseline]} | ${build_s[baseline]} |"
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%s %s |\n' "$base" "$kib" \
    "${gen_ms[oapigen]}" "${gen_ms[progenitor]}" "$(ratio "${gen_ms[oapigen]}" "${gen_ms[progenitor]}")" \
    "${lines[oapigen]}" "${lines[progenitor]}" "$(ratio "${lines[oapigen]}" "${lines[progenitor]}")" \
    "${check_s[oapigen]}" "${check_s[progenitor]}" \
    "$(check_ratio "${check_s[oapigen]}" "${check_s[progenitor]}")" \
    "${build_s[oapigen]}" "${build_s[progenitor]}" "$(ratio "${build_s[oapigen]}" "${build_s[progenitor]}")" \
    "$base_cells" "$notes"
  unset gen_ms lines check_s build_s ok
done
