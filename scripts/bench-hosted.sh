#!/usr/bin/env bash
# The hosted explorer over a slow link against Pagefind 1.6 on the same REAL articles (issue 17's
# baseline): the first 10,000 and all 31,523 lines of the ANT corpus (../shared/corpora; citation:
# Chouigui, Ben Khiroun, Elayeb, "An Arabic Multi-source News Corpus: Experimenting on
# Single-document Extractive Summarization", Arabian Journal for Science and Engineering 46(8),
# 2021). Fahras: `fahras build` of one JSONL file, its index.html served over HTTP. Pagefind: the
# same articles as one HTML page each, indexed, searched from a minimal page through its JS API.
# Both opened in headless Chromium at 10 Mbit/s with 40 ms latency — bench/hosted.mjs. Prints
# figures, asserts nothing; everything goes to target/bench-hosted/ (inputs, builds, the output in
# bench-hosted-<stamp>.txt and its JSON). Knobs:
#   FAHRAS_HOSTED_SIZES="10000 31523"   articles per run (the first n lines of the corpus; more
#                                       than it holds: synthetic, see bench/synth.mjs, e.g. 100000)
#   FAHRAS_HOSTED_QUERIES=50            queries per run
#   FAHRAS_BIN=path/to/fahras           default target/release/fahras (built if missing)
#   FAHRAS_BENCH_CORPUS=path            the corpus (.jsonl.xz or .jsonl); default the JSONL that
#                                       scripts/bench-known-item.sh decompresses, else the .xz
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1mbench-hosted:\033[0m %s\n' "$*" >&2; }
OUT=$PWD/target/bench-hosted
mkdir -p "$OUT"

BIN=${FAHRAS_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/fahras}
if [ ! -x "$BIN" ]; then
  [ -z "${FAHRAS_BIN:-}" ] || { say "FAHRAS_BIN=$FAHRAS_BIN is not an executable"; exit 2; }
  say "fahras (release)"
  cargo build --release -q -p fahras-cli --bin fahras
fi
[ -e node_modules/pagefind/package.json ] || { say "node dev-dependencies (npm ci)"; npm ci --no-audit --no-fund --loglevel=error; }
PAGEFIND=node_modules/.bin/pagefind
[ -x "$PAGEFIND" ] || { say "$PAGEFIND is missing (npm ci installs pagefind)"; exit 2; }

CORPUS=${FAHRAS_BENCH_CORPUS:-}
if [ -z "$CORPUS" ]; then
  CORPUS=target/bench-known-item/ant-multisource.jsonl
  [ -s "$CORPUS" ] || CORPUS=../shared/corpora/ant-multisource.jsonl.xz
fi
[ -e "$CORPUS" ] || { say "the corpus $CORPUS is missing (set FAHRAS_BENCH_CORPUS to the ANT .jsonl or .jsonl.xz)"; exit 2; }
JSONL=$CORPUS
if [[ $CORPUS == *.xz ]]; then
  JSONL=$PWD/target/bench-known-item/$(basename "$CORPUS" .xz)
  mkdir -p "$(dirname "$JSONL")"
  [ -s "$JSONL" ] && [ "$JSONL" -nt "$CORPUS" ] || { say "decompressing $CORPUS"; xz -dc "$CORPUS" > "$JSONL.tmp" && mv "$JSONL.tmp" "$JSONL"; }
fi
LINES=$(wc -l < "$JSONL")

first() { # <n> <file>: the first n articles, rewritten only when the corpus is newer
  [ -s "$2" ] && [ "$2" -nt "$JSONL" ] || { head -n "$1" "$JSONL" > "$2.tmp" && mv "$2.tmp" "$2"; }
}
# The queries come from the titles of the first 10,000 articles, whatever the sizes.
TITLES=$OUT/ant-10000.jsonl
first 10000 "$TITLES"
SIZES=()
for n in ${FAHRAS_HOSTED_SIZES:-10000 31523}; do
  label=$n
  if [ "$n" -le "$LINES" ]; then
    f=$OUT/ant-$n.jsonl
    first "$n" "$f"
  else
    # More than the real corpus holds: the real articles, then copies with varied words,
    # labelled synthetic in every figure (bench/synth.mjs says how they are made).
    f=$OUT/synth-$n.jsonl
    label=$n-synthetic
    [ -s "$f" ] && [ "$f" -nt "$JSONL" ] && [ "$f" -nt bench/synth.mjs ] || node bench/synth.mjs "$JSONL" "$n" "$f"
  fi
  # Rebuilt when the articles or the binary are newer than the last build.
  if [ ! -e "$OUT/fahras-$n/index.html" ] || [ "$f" -nt "$OUT/fahras-$n/index.html" ] || [ "$BIN" -nt "$OUT/fahras-$n/index.html" ]; then
    say "$n articles: fahras build"
    # Peak memory and wall time of the build (GNU time: max RSS in KiB, seconds), read by hosted.mjs.
    rm -f "$OUT/fahras-$n.time"
    timer=()
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%M %e' -o "$OUT/fahras-$n.time")
    "${timer[@]}" "$BIN" build "$f" -o "$OUT/fahras-$n" > "$OUT/fahras-$n.log" 2>&1 || { tail -20 "$OUT/fahras-$n.log" >&2; exit 1; }
    [ ! -s "$OUT/fahras-$n.time" ] || say "$n articles: fahras build peak RSS $(tail -1 "$OUT/fahras-$n.time" | awk '{printf "%.2f GiB, %.0f s", $1/1048576, $2}')"
  fi
  if [ ! -e "$OUT/pagefind-$n/pagefind/pagefind.js" ] || [ "$f" -nt "$OUT/pagefind-$n/pagefind/pagefind.js" ]; then
    say "$n articles: one HTML page each, then pagefind"
    node bench/hosted.mjs pages "$f" "$OUT/pages-$n"
    rm -rf "$OUT/pagefind-$n"
    "$PAGEFIND" --site "$OUT/pages-$n" --output-path "$OUT/pagefind-$n/pagefind" > "$OUT/pagefind-$n.log" 2>&1 || { tail -20 "$OUT/pagefind-$n.log" >&2; exit 1; }
  fi
  SIZES+=(--size "$label=$OUT/fahras-$n=$OUT/pagefind-$n")
done

STAMP=$(date +%Y%m%d-%H%M%S)
say "headless Chromium at 10 Mbit/s, 40 ms: ${FAHRAS_HOSTED_SIZES:-10000 31523} articles"
node bench/hosted.mjs --titles "$TITLES" "${SIZES[@]}" --queries "${FAHRAS_HOSTED_QUERIES:-50}" \
  --json "$OUT/bench-hosted-$STAMP.json" | tee "$OUT/bench-hosted-$STAMP.txt"
