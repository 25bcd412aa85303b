#!/usr/bin/env bash
# Builds the explorer of $FAHRAS_CORPUS (default seeds/) into $FAHRAS_DIST (default dist/) the
# way a user does: `fahras build`, with the app the fahras binary carries. The app itself is
# rebuilt and re-vendored first only when its source changed (scripts/vendor-app.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/vendor-app.sh
echo "build: fahras build ${FAHRAS_CORPUS:-seeds} -o ${FAHRAS_DIST:-dist}"
cargo build --release -q -p fahras-cli --bin fahras
"${CARGO_TARGET_DIR:-target}/release/fahras" build "${FAHRAS_CORPUS:-seeds}" -o "${FAHRAS_DIST:-dist}"
