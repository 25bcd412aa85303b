#!/usr/bin/env bash
# Builds the release explorer into dist/. FAHRAS_CORPUS=<dir> compiles another corpus folder in.
set -euo pipefail
cd "$(dirname "$0")/.."
# Setup installs only what building needs, and compiles the app while trunk and wasm-bindgen build.
[ "${FAHRAS_SKIP_SETUP:-}" = 1 ] || scripts/setup.sh serve --prime-app
. scripts/env.sh
wasm_env
echo "build: compiling the explorer (release) with corpus ${FAHRAS_CORPUS:-seeds/}"
trunk build --release --offline --dist "${FAHRAS_DIST:-dist}"
# Strict-CSP index.html, offline service worker, embed loader and examples (see the script).
node scripts/postbuild.mjs "${FAHRAS_DIST:-dist}"
node scripts/report-size.mjs "${FAHRAS_DIST:-dist}"
# dist/fahras.html: everything in one file for file:// (its size is the last line printed).
node scripts/single-file.mjs "${FAHRAS_DIST:-dist}"
