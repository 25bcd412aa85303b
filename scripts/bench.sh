#!/usr/bin/env bash
# Builds what the browser benchmarks need and prints every figure (they are figures, not tests):
#   1. search in Chromium: Fahras (wasm as the app builds it, and all at opt-level 3) vs MiniSearch on SYNTHETIC corpora of
#      1000 and 10000 articles, and variant recall on the seeds (issue 4) — bench/search.mjs;
#   2. keystroke → rendered results in the real app, seeds and 1000 SYNTHETIC articles
#      (issue 6) — bench/app.mjs, and where a keystroke's time goes — bench/app-profile.mjs.
# Everything goes to target/bench-web/ (JSON of each run included). Knobs:
#   FAHRAS_BENCH_REPS=15       timed passes over the query list per engine (search)
#   FAHRAS_BENCH_PER_KIND=3    queries of each kind typed into the app (0 = all of them)
#   FAHRAS_BENCH_NO_O3=1       skip the opt-level 3 wasm build
#   FAHRAS_SKIP_SETUP=1        do not run scripts/setup.sh first
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${FAHRAS_SKIP_SETUP:-}" = 1 ] || scripts/setup.sh
. scripts/env.sh
ROOT=$PWD
OUT=$ROOT/target/bench-web
mkdir -p "$OUT"
STAMP=$(date +%Y%m%d-%H%M%S)
say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

say "native tools (fahras-bench, fahras-bench-pack)"
cargo build --release -q -p fahras-bench -p fahras-bench-web --bins
BIN=$ROOT/target/release

say "SYNTHETIC corpora of 1000 and 10000 articles"
for n in 1000 10000; do
  rm -rf "$OUT/corpus-$n" && "$BIN/fahras-bench" gen "$n" "$OUT/corpus-$n" >/dev/null
done

say "bundles (fahras-bench-pack: the steps of bundle::compile_dir)"
pack() { "$BIN/fahras-bench-pack" "$@" 2>/dev/null; }
pack seeds "$OUT/seeds.bin" > "$OUT/pack-seeds.json"
# Search does not read entities, so the search bundles carry an empty entity table (it also
# keeps the 10k bundle quick to make).
pack "$OUT/corpus-1000" "$OUT/syn1k.bin" --no-entities > "$OUT/pack-1k.json"
pack "$OUT/corpus-10000" "$OUT/syn10k.bin" --no-entities > "$OUT/pack-10k.json"
# The app's own bundle for 1000 articles (with entities), for the per-keystroke core timing.
pack "$OUT/corpus-1000" "$OUT/syn1k-app.bin" > "$OUT/pack-1k-app.json"

wasm_pkg() { # <name> <target dir> <wasm-opt level>
  wasm-bindgen --target web --out-dir "$OUT/pkg-$1" "$2/wasm32-unknown-unknown/release/fahras_bench_web.wasm"
  wasm-opt "-O$3" "${WASM_FEATURES[@]}" "$OUT/pkg-$1/fahras_bench_web_bg.wasm" -o "$OUT/pkg-$1/fahras_bench_web_bg.wasm"
  say "pkg-$1: $(stat -c %s "$OUT/pkg-$1/fahras_bench_web_bg.wasm") bytes of wasm after wasm-opt -O$3"
}
(
  wasm_env
  say "fahras-bench-web for wasm32, [profile.release] as the app (core opt-level 2, the rest z; LTO)"
  cargo build --release -q --target wasm32-unknown-unknown -p fahras-bench-web --lib
  wasm_pkg z "$ROOT/target" z
  if [ "${FAHRAS_BENCH_NO_O3:-}" != 1 ]; then
    # A target dir of its own: the same crates at another opt-level would otherwise evict the
    # shared release artifacts the app build uses.
    say "fahras-bench-web for wasm32 with every crate at opt-level 3"
    CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_TARGET_DIR="$OUT/target-o3" \
      cargo build --release -q --target wasm32-unknown-unknown -p fahras-bench-web --lib \
      --config 'profile.release.package.fahras-core.opt-level=3'
    wasm_pkg o3 "$OUT/target-o3" 3
  fi
)

say "the app (release, as scripts/build.sh builds it) for the seeds and for 1000 SYNTHETIC articles"
FAHRAS_SKIP_SETUP=1 FAHRAS_CORPUS="$ROOT/seeds" FAHRAS_DIST="$OUT/dist-seeds" scripts/build.sh > "$OUT/build-seeds.log" 2>&1 \
  || { tail -30 "$OUT/build-seeds.log" >&2; exit 1; }
FAHRAS_SKIP_SETUP=1 FAHRAS_CORPUS="$OUT/corpus-1000" FAHRAS_DIST="$OUT/dist-1k" scripts/build.sh > "$OUT/build-1k.log" 2>&1 \
  || { tail -30 "$OUT/build-1k.log" >&2; exit 1; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%MZ); $STAMP"
echo
echo "== native (fahras-bench native, for reference: same generator and queries, no protected names)"
"$BIN/fahras-bench" native | sed -n '/^==/,$p'
echo
say "search in Chromium"
PKGS=(--pkg "app=$OUT/pkg-z")
[ "${FAHRAS_BENCH_NO_O3:-}" = 1 ] || PKGS+=(--pkg "o3=$OUT/pkg-o3")
node bench/search.mjs "${PKGS[@]}" \
  --corpus "1000 SYNTHETIC articles=$OUT/syn1k.bin" --corpus "10000 SYNTHETIC articles=$OUT/syn10k.bin" \
  --seeds "$OUT/seeds.bin" --reps "${FAHRAS_BENCH_REPS:-15}" --json "$OUT/search-$STAMP.json"
echo
echo "== machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%MZ)"
echo
say "keystrokes in the app"
PER_KIND=${FAHRAS_BENCH_PER_KIND:-3}
SEL=(--per-kind "$PER_KIND"); [ "$PER_KIND" = 0 ] && SEL=(--all)
node bench/app.mjs "${SEL[@]}" \
  --dist "5 seed articles=$OUT/dist-seeds" --dist "1000 SYNTHETIC articles=$OUT/dist-1k" \
  --core "5 seed articles=$OUT/seeds.bin" --core "1000 SYNTHETIC articles=$OUT/syn1k-app.bin" \
  --pkg "$OUT/pkg-z" --json "$OUT/app-$STAMP.json"
say "where a keystroke's time goes (CPU profile)"
echo "== CPU profile of keystrokes in the app (V8 sampling profiler; '(program)' = renderer work outside JS and wasm)"
node bench/app-profile.mjs --dist "5 seed articles=$OUT/dist-seeds" --dist "1000 SYNTHETIC articles=$OUT/dist-1k"
echo "== machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%MZ)"
