#!/usr/bin/env bash
# The full feature matrix of a crate with a feature per tag: `oapigen crate SPEC --features-per-tag`,
# then `cargo clippy -- -D warnings` with no feature, with each feature alone, and with all of
# them (a feature TOML quotes, `"ünïcode" = []`, is passed unquoted). Prints one line per
# feature set (ok / FAILED and the seconds it took) and a summary; exits 1 when any set fails.
# (`cargo test` checks a sample: generator/tests/user_crates.rs.)
#
# Usage: tests/corpus/features.sh SPEC [FEATURE...]   (default: every feature of the crate)
# Work files: target/features/<spec stem>/ (the crate) and target/features/target (its builds).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
spec=${1:?usage: tests/corpus/features.sh SPEC [FEATURE...]}
shift
stem=$(basename "${spec%.*}")
work="$root/target/features"
crate="$work/$stem"
export CARGO_TARGET_DIR="$work/target"
cargo build -q --release -p oapigen --manifest-path "$root/Cargo.toml" || exit 1
rm -rf "$crate"
"$CARGO_TARGET_DIR/release/oapigen" crate "$spec" -o "$crate" --name api --features-per-tag 2>/dev/null || {
  echo "generation failed: run oapigen check $spec"; exit 1; }
cp "$root/Cargo.lock" "$crate/Cargo.lock"
if [ $# -gt 0 ]; then
  features=("$@")
else
  mapfile -t features < <(sed -n '/^\[features\]/,/^\[workspace\]/p' "$crate/Cargo.toml" | sed -n 's/^"\{0,1\}\([^#" ][^ "]*\)"\{0,1\} = \[.*\]$/\1/p' | grep -v '^middleware$')
fi
echo "$stem: ${#features[@]} features"
failed=0
check() {
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  if (cd "$crate" && cargo clippy --offline -q "$@" -- -D warnings >"$work/$stem.log" 2>&1); then
    result=ok
  else
    result=FAILED; failed=$((failed + 1))
    cp "$work/$stem.log" "$work/$stem-$label.log"
  fi
  end=$(date +%s.%N)
  printf '%-40s %-6s %6.1f s\n' "$label" "$result" "$(echo "$end - $start" | bc)"
}
check "(none)"
for feature in "${features[@]}"; do
  check "$feature" --features "$feature"
done
check "(all)" --all-features
echo "failed: $failed (logs in $work/$stem-<set>.log)"
[ "$failed" -eq 0 ]
