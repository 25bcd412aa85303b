#!/usr/bin/env bash
# Builds the explorer app (release wasm, no corpus inside) and vendors it into
# crates/fahras-cli/app, which the `fahras` binary carries (`fahras build` writes it out).
# Does nothing when the vendored app matches the app's source (crates/fahras-cli/app/SOURCE);
# `--force` rebuilds anyway. Needs the wasm toolchain, which it sets up when it must build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != --force ] && cargo run --release -q -p fahras-cli --example vendor_app -- --check; then
  exit 0
fi
[ "${FAHRAS_SKIP_SETUP:-}" = 1 ] || scripts/setup.sh serve --prime-app
. scripts/env.sh
wasm_env
app=target/app
rm -rf "$app"
echo "vendor-app: compiling the explorer app (release)"
trunk build --release --offline --dist "$app"
# Strict-CSP index.html, service worker template, embed loader, examples; the single-file page.
node scripts/postbuild.mjs "$app"
node scripts/single-file.mjs "$app"
# The importer (crates/fahras-import): loaded by the page only when a reader imports articles.
# `fahras build` packs it with the entity model into fahras-import-<hash>.js. No wasm-opt: its
# size (about 1.2 MB gzip) only matters on import, and its speed is the core's own.
echo "vendor-app: compiling the importer (release)"
cargo build --release -q -p fahras-import --target wasm32-unknown-unknown
mkdir -p "$app/import"
wasm-bindgen --target no-modules --no-typescript --out-dir "$app/import" \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/fahras_import.wasm"
cp web/import-worker.js "$app/import/"
cargo run --release -q -p fahras-cli --example vendor_app -- "$app"
echo "vendor-app: commit crates/fahras-cli/app with the source change that needed it"
