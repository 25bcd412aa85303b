#!/usr/bin/env bash
# Builds the explorer of seeds/ (or $FAHRAS_CORPUS) into dist/ with `fahras build` and serves it
# on 127.0.0.1 (port $FAHRAS_PORT, default 8080). The wasm tools are installed only when the app
# the fahras command carries must be recompiled (scripts/build.sh → scripts/vendor-app.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null; then # the static server (scripts/static-server.mjs)
  echo "serve: installing Debian's nodejs for the static server"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq nodejs; else sudo apt-get install -y -qq nodejs; fi
fi
scripts/build.sh
exec node scripts/static-server.mjs dist "${FAHRAS_PORT:-8080}"
