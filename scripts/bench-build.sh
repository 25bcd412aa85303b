#!/usr/bin/env bash
# `fahras build` against Pagefind 1.6 on the same articles (issue 18): the seeds and the first
# 1000, 10000 and all 31523 articles of the ANT corpus (../shared/corpora), side by side in one
# run, wall time and peak memory under /usr/bin/time -v, and the output sizes — bench/build.mjs.
# Prints figures, asserts nothing; everything goes to target/bench-build/ (JSON of each run, and
# this output in bench-build-<stamp>.txt). Knobs:
#   FAHRAS_BENCH_BUILD_SIZES="seeds 1000 10000 31523"   sizes to run
#   FAHRAS_BENCH_BUILD_REPS=1    runs per tool and size (medians when more)
#   FAHRAS_BIN=path/to/fahras    use this binary instead of building target/release/fahras
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1mbench-build:\033[0m %s\n' "$*" >&2; }
[ -x /usr/bin/time ] || { say "/usr/bin/time is missing: apt-get install time"; exit 2; }
if [ -z "${FAHRAS_BIN:-}" ]; then
  say "fahras (release)"
  cargo build --release -q -p fahras-cli --bin fahras
fi
[ -e node_modules/pagefind/package.json ] || { say "node dev-dependencies (npm ci)"; npm ci --no-audit --no-fund --loglevel=error; }
mkdir -p target/bench-build
node bench/build.mjs | tee "target/bench-build/bench-build-$(date +%Y%m%d-%H%M%S).txt"
