#!/usr/bin/env bash
# Runs every test, in order: formatting, lints, native tests, wasm tests in headless Chromium,
# a fuzz smoke run, the release builds (seeds and a hostile corpus), and end-to-end tests on the
# built dist/ in headless Chromium.
# The last line is the end-to-end runner's "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
# What testing needs; trunk only if the app the CLI carries must be rebuilt (scripts/build.sh).
scripts/setup.sh test
. scripts/env.sh

t0=$SECONDS
step() { printf '\n\033[1m== %s\033[0m (%ss)\n' "$1" "$((SECONDS - t0))"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy -D warnings (whole workspace, native)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "native tests (cargo test --workspace)"
cargo test --workspace --quiet

step "wasm-bindgen-test in headless Chromium"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/webdriver.json" <<'JSON'
{"goog:chromeOptions": {"binary": "/usr/bin/chromium",
  "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"]}}
JSON
(
  wasm_env
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  export CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON="$tmp/webdriver.json"
  export TMPDIR="$tmp" WASM_BINDGEN_TEST_TIMEOUT=120
  # No --quiet: cargo would pass it on to wasm-bindgen-test-runner, which rejects it.
  cargo test -p fahras-app --target wasm32-unknown-unknown
)

step "fuzz smoke: every cargo-fuzz target briefly from its committed seeds"
scripts/fuzz-smoke.sh

step "the explorer of the seeds (scripts/build.sh: the app re-vendored only if its source changed, then fahras build)"
scripts/build.sh

step "fahras build of a hostile corpus (markup, bidi controls, a 1 MB line, a 10,000-char word)"
node e2e/hostile/make-corpus.mjs target/hostile-corpus
FAHRAS_SKIP_SETUP=1 FAHRAS_CORPUS=target/hostile-corpus FAHRAS_DIST=target/hostile-dist scripts/build.sh

step "end-to-end tests in headless Chromium"
cargo build --release --quiet --bin fahras   # the e2e tests read expected values from the CLI
node e2e/run.mjs "${FAHRAS_E2E_FILTER:-}"
