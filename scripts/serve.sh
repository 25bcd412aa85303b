#!/usr/bin/env bash
# Builds the release explorer and serves dist/ on 127.0.0.1 (port $FAHRAS_PORT, default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec node scripts/static-server.mjs dist "${FAHRAS_PORT:-8080}"
