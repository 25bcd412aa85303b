#!/usr/bin/env bash
# Installs what building and testing Fahras needs, and nothing more. Idempotent: a warm run
# only checks versions (a few seconds). Called by scripts/serve.sh and scripts/test.sh.
#
# What it installs (see README "What the commands install"):
#   - the wasm32 standard library: `rustup target add` first, else Debian's rustc-web + rust-web-src
#     with -Zbuild-std and wasm-ld-19 (selected by environment variables in .tools/wasm.env);
#   - trunk 0.22.1 and wasm-bindgen-cli (the exact version in Cargo.lock) into ~/.cargo/bin;
#   - Debian chromium, chromium-driver and fonts-dejavu-core (Arabic shaping);
#   - node dev-dependencies from package-lock.json (playwright-core, binaryen's wasm-opt 132, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.tools
mkdir -p "$TOOLS"

TRUNK_VERSION=0.22.1
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root to run: $*" >&2; exit 1; fi
}

APT_UPDATED=
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]} (a minute or two)"
  if [ -z "$APT_UPDATED" ]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- 1. the wasm32 standard library ------------------------------------------------------
wasm_std_present() {
  local sysroot
  sysroot=$(rustc --print sysroot 2>/dev/null) || return 1
  [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ]
}

if [ "${FAHRAS_FORCE_DEBIAN_WASM:-}" != 1 ] && wasm_std_present; then
  : > "$TOOLS/wasm.env"
elif [ "${FAHRAS_FORCE_DEBIAN_WASM:-}" != 1 ] && say "adding the wasm32 target with rustup (60 s at most)" \
     && timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 && wasm_std_present; then
  : > "$TOOLS/wasm.env"
else
  say "rustup could not provide wasm32-unknown-unknown: using Debian's rustc-web with -Zbuild-std"
  apt_install rustc-web cargo-web rust-web-src lld-19
  if ! rustup toolchain list | grep -q '^debweb'; then rustup toolchain link debweb /usr; fi
  # Environment variables only: a checked-in .cargo/config.toml would break normal rustup users.
  cat > "$TOOLS/wasm.env" <<'ENV'
export RUSTUP_TOOLCHAIN=debweb
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
ENV
fi

# --- 2. Debian packages for the browser tests --------------------------------------------
apt_install chromium chromium-driver fonts-dejavu-core
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm

# --- 3. node dev-dependencies (wasm-opt 132, playwright-core, minisearch, axe-core) --------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node dev-dependencies from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- 4. trunk and wasm-bindgen-cli -------------------------------------------------------
have_version() { command -v "$1" >/dev/null && "$1" --version 2>/dev/null | grep -q " $2\$\| $2 "; }

if ! have_version trunk "$TRUNK_VERSION"; then
  # trunk 0.22 needs rustc >= 1.96.1: use nightly when the stable toolchain is older.
  tc=""
  if rustup toolchain list | grep -q '^nightly'; then tc=+nightly; fi
  say "building trunk $TRUNK_VERSION with cargo $tc (about 10 minutes on 2 cores, once)"
  cargo $tc install --locked --quiet trunk --version "$TRUNK_VERSION"
fi

WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! have_version wasm-bindgen "$WBG_VERSION"; then
  say "building wasm-bindgen-cli $WBG_VERSION (about 5 minutes, once)"
  if ! cargo install --locked --quiet wasm-bindgen-cli --version "$WBG_VERSION" 2>"$TOOLS/wbg-install.log"; then
    # Its lock file may pin a crate version the registry mirror does not serve (seen:
    # webpki-roots 1.0.11): retry from the unpacked crate with that one dependency moved back.
    src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/wasm-bindgen-cli-"$WBG_VERSION" 2>/dev/null | head -1)
    [ -n "$src" ] || { cat "$TOOLS/wbg-install.log" >&2; exit 1; }
    say "retrying wasm-bindgen-cli from $src with webpki-roots pinned to 1.0.10"
    rm -rf "$TOOLS/wbg-src" && cp -r "$src" "$TOOLS/wbg-src"
    (cd "$TOOLS/wbg-src" && cargo update -q -p webpki-roots --precise 1.0.10 && cargo install --locked --quiet --path .)
  fi
fi
say "ready ($(trunk --version), $(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3))"
