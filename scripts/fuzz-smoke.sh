#!/usr/bin/env bash
# Fuzz smoke test: builds every cargo-fuzz target in fuzz/ and runs each one briefly (FUZZ_SECS,
# default 5 s) from its committed seeds (fuzz/seeds/<target>/), one at a time. Exits non-zero
# if any target crashes, panics, hangs or runs out of memory; the crashing input is kept in
# fuzz/artifacts/<target>/ and the command to replay it is printed.
#
# Needs a nightly toolchain (libFuzzer and AddressSanitizer); without one it says so and exits 0.
# Long runs: cargo +nightly fuzz run <target> fuzz/corpus/<target> fuzz/seeds/<target> -- \
#   -max_total_time=600 -rss_limit_mb=2048
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${FUZZ_SECS:-5}

# `rustup toolchain list` never installs anything (some rustup versions install a missing
# toolchain on `rustup run`).
if ! command -v rustup >/dev/null 2>&1 || ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz-smoke: skipped: no nightly Rust toolchain (cargo-fuzz needs one: rustup toolchain install nightly)"
  exit 0
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz (about 3 minutes, once)"
  cargo install cargo-fuzz --locked --quiet
fi

t0=$SECONDS
echo "fuzz-smoke: building the fuzz targets (release, AddressSanitizer)"
cargo +nightly fuzz build
echo "fuzz-smoke: built in $((SECONDS - t0)) s"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()
for target in $(cargo +nightly fuzz list); do
  mkdir -p "$work/$target" "fuzz/artifacts/$target"
  printf 'fuzz-smoke: %-14s ' "$target"
  t1=$SECONDS
  # A fresh corpus dir each time: the run starts from the committed seeds only, so its length
  # does not grow with past runs' corpora.
  if cargo +nightly fuzz run "$target" "$work/$target" "fuzz/seeds/$target" -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 \
      >"$work/$target.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
    echo "ok (${runs:-?} runs, $((SECONDS - t1)) s)"
  else
    echo "FAILED"
    grep -E "panicked|ERROR: libFuzzer|SUMMARY|Test unit written|Reproduce|cargo fuzz run" "$work/$target.log" | head -20 | sed 's/^/    /'
    failed+=("$target")
  fi
done

echo "fuzz-smoke: done in $((SECONDS - t0)) s"
if ((${#failed[@]})); then
  echo "fuzz-smoke: crashes in: ${failed[*]} (inputs in fuzz/artifacts/<target>/)"
  exit 1
fi
