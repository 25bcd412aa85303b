#!/usr/bin/env bash
# Known-item search on REAL articles (issue 14): 2–3 rare words of one article typed as people
# type them (no hamza, ه for ة, a clitic added, a letter dropped, a haraka added, or exactly),
# Fahras against MiniSearch 7.2.0 (default and fuzzy) in one run: found@1, found@3,
# nothing-returned, and empty answers while a query word occurs. Figures, not tests.
# Articles: the ANT corpus (../shared/corpora/ant-multisource.jsonl.xz; see bench/known-item.mjs
# for its citation), decompressed into target/bench-known-item/, never into git. Knobs:
#   FAHRAS_KI_SIZES="2000 10000"   articles per run (the first n lines of the corpus)
#   FAHRAS_KI_QUERIES=600          queries per run (spread evenly over the six classes)
#   FAHRAS_KI_SEED=14              query generator seed
#   FAHRAS_KI_SPREAD=1             take the n articles evenly spaced through the corpus instead
#   FAHRAS_BENCH_CORPUS=path       the corpus (.jsonl.xz or .jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1mbench-known-item:\033[0m %s\n' "$*" >&2; }
OUT=$PWD/target/bench-known-item
CORPUS=${FAHRAS_BENCH_CORPUS:-../shared/corpora/ant-multisource.jsonl.xz}
mkdir -p "$OUT"
say "fahras-bench (release)"
cargo build --release -q -p fahras-bench
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/fahras-bench
[ -e node_modules/minisearch/package.json ] || { say "node dev-dependencies (npm ci)"; npm ci --no-audit --no-fund --loglevel=error; }
JSONL=$CORPUS
if [[ $CORPUS == *.xz ]]; then
  JSONL=$OUT/$(basename "$CORPUS" .xz)
  [ -s "$JSONL" ] && [ "$JSONL" -nt "$CORPUS" ] || { say "decompressing $CORPUS"; xz -dc "$CORPUS" > "$JSONL.tmp" && mv "$JSONL.tmp" "$JSONL"; }
fi
SPREAD=(); TAG=first
[ "${FAHRAS_KI_SPREAD:-}" = 1 ] && { SPREAD=(--spread); TAG=spread; }
STAMP=$(date +%Y%m%d-%H%M%S)
for n in ${FAHRAS_KI_SIZES:-2000 10000}; do
  DIR=$OUT/$TAG-$n
  say "$n articles ($TAG): queries and Fahras"
  "$BIN" known-item "$JSONL" "$n" "${FAHRAS_KI_QUERIES:-600}" "$DIR" --seed "${FAHRAS_KI_SEED:-14}" "${SPREAD[@]}" | tee "$DIR.fahras.txt" >&2
  say "$n articles ($TAG): MiniSearch and the table"
  node bench/known-item.mjs "$DIR"
  cp "$DIR/known-item.txt" "$OUT/known-item-$TAG-$n-$STAMP.txt"
  echo
done
