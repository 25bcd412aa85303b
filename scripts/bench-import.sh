#!/usr/bin/env bash
# Import in the browser vs `fahras build` natively (issue 15), on REAL articles: the first 1,000
# and 10,000 lines of the ANT corpus (../shared/corpora/ant-multisource.jsonl.xz; see
# bench/known-item.mjs for its citation), decompressed into target/, never into git.
# Prints time and peak memory of both, and keystroke latency after the import against the
# explorer built from the same file. Figures, not tests. Knobs:
#   FAHRAS_IMPORT_SIZES="1000 10000"   articles per run
#   FAHRAS_BENCH_CORPUS=path           the corpus (.jsonl.xz or .jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1mbench-import:\033[0m %s\n' "$*" >&2; }
OUT=$PWD/target/bench-import
CORPUS=${FAHRAS_BENCH_CORPUS:-../shared/corpora/ant-multisource.jsonl.xz}
mkdir -p "$OUT"
say "the explorer of the seeds (scripts/build.sh) and the fahras binary"
FAHRAS_SKIP_SETUP=1 FAHRAS_DIST="$OUT/dist-seeds" scripts/build.sh > "$OUT/build-seeds.log" 2>&1 || { tail -20 "$OUT/build-seeds.log" >&2; exit 1; }
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/fahras
JSONL=$CORPUS
if [[ $CORPUS == *.xz ]]; then
  JSONL=$PWD/target/bench-known-item/$(basename "$CORPUS" .xz)
  mkdir -p "$(dirname "$JSONL")"
  [ -s "$JSONL" ] && [ "$JSONL" -nt "$CORPUS" ] || { say "decompressing $CORPUS"; xz -dc "$CORPUS" > "$JSONL.tmp" && mv "$JSONL.tmp" "$JSONL"; }
fi
native() { # <threads> <file> <out dir> <json>: wall seconds and peak RSS of `fahras build`
  local t
  t=$(FAHRAS_THREADS=$1 /usr/bin/time -f '%e %M' "$BIN" build "$2" -o "$3" 2>&1 >/dev/null | tail -1)
  printf '{"seconds": %s, "maxRssKB": %s}' ${t}
}
SIZES=()
for n in ${FAHRAS_IMPORT_SIZES:-1000 10000}; do
  f=$OUT/ant-$n.jsonl
  head -n "$n" "$JSONL" > "$f"
  say "$n articles: fahras build natively, one thread and every core"
  one=$(native 1 "$f" "$OUT/dist-$n-1t")
  all=$(native "$(nproc)" "$f" "$OUT/dist-$n")
  printf '{"one": %s, "all": %s}\n' "$one" "$all" > "$OUT/native-$n.json"
  SIZES+=(--size "$n=$f=$OUT/dist-$n=$OUT/native-$n.json")
done
say "import in headless Chromium"
node bench/import.mjs --app "$OUT/dist-seeds" "${SIZES[@]}" --json "$OUT/import-$(date +%Y%m%d-%H%M%S).json"
