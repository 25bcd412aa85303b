# Sourced by the build and test scripts (never by users' shells): the environment for wasm builds.
# .tools/wasm.env is written by scripts/setup.sh: empty on the rustup path, or the Debian
# rustc-web + -Zbuild-std variables on the fallback path.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# cargo install puts the tools in $CARGO_INSTALL_ROOT/bin when that is set, else ~/.cargo/bin.
export PATH="$ROOT/node_modules/.bin:${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
wasm_env() {
  # shellcheck disable=SC1091
  [ -f "$ROOT/.tools/wasm.env" ] && . "$ROOT/.tools/wasm.env"
  return 0
}
