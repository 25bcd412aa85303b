#!/usr/bin/env bash
# Installs what building (and, for `test`, testing) Fahras needs, and nothing more.
#
#   scripts/setup.sh [serve|test] [--prime-app]
#
#   serve  what compiling the explorer app needs (scripts/vendor-app.sh runs it only when the
#          app the CLI carries is out of date): the wasm32 std, node dev-dependencies
#          (wasm-opt 132), trunk, wasm-bindgen-cli
#   test   (default) what the tests need: the wasm32 std, node dev-dependencies, wasm-bindgen-cli
#          (its test runner), Debian chromium, chromium-driver, fonts-dejavu-core and cargo-fuzz
#          (when a nightly toolchain exists); not trunk (the tests use the app the CLI carries)
#   --prime-app  also compile the release wasm app while the tools build (what trunk then runs
#          finds it fresh): the app's build does not wait for the tools, only trunk does.
#
# Idempotent: a warm run only checks versions (about a second; --prime-app then does nothing). Cold, the slow steps run at the
# same time (see README "What the commands install"), each with its own log; a step that fails
# stops the script with its name, the log's last lines and the log's path.
#
# Where things go (nothing in the source tree except the ignored .tools/):
#   - tools: `cargo install` into its usual root (~/.cargo/bin, or $CARGO_INSTALL_ROOT);
#   - their sources, build directories and logs: $FAHRAS_CACHE (default ~/.cache/fahras),
#     outside every Cargo workspace;
#   - .tools/wasm.env: the environment for wasm builds (empty on the rustup path).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MODE=test PRIME_APP=
for arg in "$@"; do
  case "$arg" in
    serve | test) MODE=$arg ;;
    --prime-app) PRIME_APP=1 ;;
    *) echo "setup: unknown argument '$arg' (usage: scripts/setup.sh [serve|test] [--prime-app])" >&2; exit 2 ;;
  esac
done

CACHE=${FAHRAS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fahras}
LOGS=$CACHE/logs
mkdir -p "$ROOT/.tools" "$LOGS"
INSTALL_BIN=${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin
. scripts/env.sh # PATH: node_modules/.bin and where cargo installs the tools

TRUNK_VERSION=0.22.1
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
T0=$SECONDS

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf '\033[1msetup: error:\033[0m %s\n' "$*" >&2; exit 1; }

# --- steps run in the background, each with a log ------------------------------------------
declare -A JOB_NAME=() JOB_START=() # by pid: the steps running in the background
start_job() { # NAME COMMAND...: runs COMMAND in the background, output to $LOGS/NAME.log
  local name=$1; shift
  say "$name: started (log: $LOGS/$name.log)"
  ( set -euo pipefail; "$@" ) >"$LOGS/$name.log" 2>&1 &
  JOB_NAME[$!]=$name JOB_START[$!]=$SECONDS
}
end_job() { # PID: collects a finished step; prints its time, or its failure and log
  local pid=$1 name=${JOB_NAME[$1]} rc=0
  wait "$pid" || rc=$?
  unset "JOB_NAME[$pid]"
  if ((rc == 0)); then say "$name: done in $((SECONDS - JOB_START[$pid])) s"; return 0; fi
  printf '\033[1msetup: %s FAILED\033[0m (exit %s); last lines of %s:\n' "$name" "$rc" "$LOGS/$name.log" >&2
  tail -n 25 "$LOGS/$name.log" | sed 's/^/    /' >&2
  return 1
}
wait_jobs() { # waits for every step, reporting each as it ends; exits if any failed
  local failed=() pid
  while ((${#JOB_NAME[@]})); do
    for pid in "${!JOB_NAME[@]}"; do
      kill -0 "$pid" 2>/dev/null && continue
      local name=${JOB_NAME[$pid]}
      end_job "$pid" || failed+=("$name")
    done
    ((${#JOB_NAME[@]} == 0)) || sleep 1
  done
  ((${#failed[@]} == 0)) || die "${failed[*]} failed (full logs: $LOGS/)"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root to run: $*" >&2; return 1; fi
}
missing_debs() { local p; for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || printf '%s ' "$p"; done; }
apt_install() { # PACKAGES...: installs those that are missing (one apt run at a time)
  local missing
  missing=$(missing_debs "$@")
  [ -n "$missing" ] || return 0
  echo "installing Debian packages: $missing"
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive flock /var/lib/apt/fahras-setup.lock \
    sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing"
}

# Build tools are not shipped code: their release profiles (fat LTO, one codegen unit) are
# overridden, which more than halves their cold build (README, Figures).
TOOL_PROFILE=(CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=0
  CARGO_PROFILE_RELEASE_INCREMENTAL=false CARGO_PROFILE_RELEASE_STRIP=true)
cargo_install() { # TOOLCHAIN_ARG NAME ARGS...: cargo install, built in the cache, never here
  local tc=$1 name=$2; shift 2
  mkdir -p "$CACHE/build"
  # shellcheck disable=SC2086 # $tc is empty or +nightly
  (cd "$CACHE" && env "${TOOL_PROFILE[@]}" ${TOOL_OPT:+CARGO_PROFILE_RELEASE_OPT_LEVEL=$TOOL_OPT} \
    cargo $tc install --target-dir "$CACHE/build/$name" "$@") || return 1
  rm -rf "$CACHE/build/$name"
}
have_version() { # BIN VERSION
  local out
  out=$(command -v "$1" >/dev/null && "$1" --version 2>/dev/null) || return 1
  [[ " $out " == *" $2 "* ]]
}

# --- 1. the wasm32 standard library (first: the app's build needs it) -----------------------
wasm_std_present() {
  local sysroot
  sysroot=$(rustc --print sysroot 2>/dev/null) || return 1
  [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ]
}
if [ "${FAHRAS_FORCE_DEBIAN_WASM:-}" != 1 ] && wasm_std_present; then
  : >"$ROOT/.tools/wasm.env"
elif [ "${FAHRAS_FORCE_DEBIAN_WASM:-}" != 1 ] && say "adding the wasm32 target with rustup (60 s at most)" \
  && timeout 60 rustup target add wasm32-unknown-unknown >"$LOGS/rustup-target.log" 2>&1 && wasm_std_present; then
  : >"$ROOT/.tools/wasm.env"
else
  say "rustup could not provide wasm32-unknown-unknown: using Debian's rustc-web with -Zbuild-std"
  apt_install rustc-web cargo-web rust-web-src lld-19 >"$LOGS/apt-rustc-web.log" 2>&1 ||
    { tail -n 25 "$LOGS/apt-rustc-web.log" >&2; die "installing Debian's rustc-web failed (log: $LOGS/apt-rustc-web.log)"; }
  rustup toolchain list | grep -q '^debweb' || rustup toolchain link debweb /usr
  # Environment variables only: a checked-in .cargo/config.toml would break normal rustup users.
  cat >"$ROOT/.tools/wasm.env" <<'ENV'
export RUSTUP_TOOLCHAIN=debweb
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
ENV
fi

# --- 3. Debian packages for the browser tests (test only) -----------------------------------
if [ "$MODE" = test ]; then
  debs=(chromium chromium-driver fonts-dejavu-core)
  [ -n "$(missing_debs "${debs[@]}")" ] && start_job debian-packages apt_install "${debs[@]}"
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  start_job debian-node apt_install nodejs npm
  wait_jobs # npm ci below needs node
fi

# --- 4. node dev-dependencies (wasm-opt 132, playwright-core, minisearch, axe-core) ---------
npm_ci() { cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  start_job npm-ci npm_ci
fi

# --- 5. trunk ---------------------------------------------------------------------------------
install_trunk() {
  # trunk 0.22 needs rustc >= 1.96.1: use nightly when the default toolchain is older.
  local tc=
  if ! rustc --version | awk '{split($2, v, "."); exit !(v[1] > 1 || v[2] > 96 || (v[2] == 96 && v[3] + 0 >= 1))}'; then
    rustup toolchain list | grep -q '^nightly' ||
      { echo "trunk $TRUNK_VERSION needs rustc >= 1.96.1 and there is no nightly toolchain: rustup toolchain install nightly"; return 1; }
    tc=+nightly
  fi
  # Unoptimised: trunk is the longest cold step (about 600 crates) and its own work is small
  # (it runs cargo, wasm-bindgen and wasm-opt, and minifies a few KB of HTML/CSS/JS).
  TOOL_OPT=0 cargo_install "$tc" trunk --locked trunk --version "$TRUNK_VERSION"
}
[ "$MODE" = test ] || have_version trunk "$TRUNK_VERSION" || start_job "trunk-$TRUNK_VERSION" install_trunk

# --- 6. wasm-bindgen-cli (exactly the wasm-bindgen in Cargo.lock) ---------------------------
install_wasm_bindgen() {
  cargo_install "" wasm-bindgen --locked wasm-bindgen-cli --version "$WBG_VERSION" && return 0
  # Its lock file may pin a crate version the registry does not serve (seen: webpki-roots
  # 1.0.11): rebuild from the unpacked crate, in the cache (a copy inside this project would be
  # taken for a member of its workspace), with each such crate moved to the newest version the
  # registry has that still fits.
  local src dir missing newest
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/wasm-bindgen-cli-"$WBG_VERSION" 2>/dev/null | head -1)
  [ -n "$src" ] || { echo "wasm-bindgen-cli $WBG_VERSION: source not found in the cargo registry"; return 1; }
  dir=$CACHE/src/wasm-bindgen-cli-$WBG_VERSION
  rm -rf "$dir" && mkdir -p "$CACHE/src" && cp -r "$src" "$dir"
  printf '\n[workspace]\n' >>"$dir/Cargo.toml" # its own workspace, wherever the cache is
  for _ in 1 2 3 4; do
    (cd "$dir" && cargo metadata --locked --format-version 1 >/dev/null 2>"$dir/resolve.log") && break
    # "failed to select a version for the requirement `webpki-roots = "^1.0.10"` (locked to
    # 1.0.11) / candidate versions found which didn't match: 1.0.10, 1.0.9, ..."
    missing=$(sed -n 's/.*requirement `\([A-Za-z0-9_-]*\) = .*(locked to .*/\1/p' "$dir/resolve.log" | head -1)
    newest=$(sed -n 's/^candidate versions found which didn.t match: \([^,]*\).*/\1/p' "$dir/resolve.log" | head -1)
    [ -n "$missing" ] && [ -n "$newest" ] || { cat "$dir/resolve.log"; return 1; }
    echo "wasm-bindgen-cli: $missing is not on the registry at its locked version: using $newest"
    (cd "$dir" && cargo update -q -p "$missing" --precise "$newest")
  done
  cargo_install "" wasm-bindgen --locked --path "$dir"
}
have_version wasm-bindgen "$WBG_VERSION" && have_version wasm-bindgen-test-runner "$WBG_VERSION" ||
  start_job "wasm-bindgen-cli-$WBG_VERSION" install_wasm_bindgen

# --- 7. cargo-fuzz for the fuzz smoke test (test only, with nightly) --------------------------
if [ "$MODE" = test ] && ! command -v cargo-fuzz >/dev/null && rustup toolchain list | grep -q '^nightly'; then
  start_job cargo-fuzz cargo_install "" cargo-fuzz --locked cargo-fuzz
fi

# --- 8. the release app, while the tools build (only with --prime-app, only if one builds) ----
prime_app() {
  wasm_env
  cd "$ROOT" && cargo build --release --target wasm32-unknown-unknown --bin fahras-app
}
[ -z "$PRIME_APP" ] || ((${#JOB_NAME[@]} == 0)) || start_job app-release-build prime_app

((${#JOB_NAME[@]} == 0)) || say "waiting for: ${JOB_NAME[*]} (cold: several minutes; logs in $LOGS/)"
wait_jobs

# --- every tool answers with the version asked for ------------------------------------------
[ "$MODE" = test ] || have_version trunk "$TRUNK_VERSION" || die "trunk $TRUNK_VERSION is not on PATH after installing it (is $INSTALL_BIN on PATH?)"
have_version wasm-bindgen "$WBG_VERSION" || die "wasm-bindgen $WBG_VERSION is not on PATH after installing it"
[ -x node_modules/.bin/wasm-opt ] || die "node_modules/.bin/wasm-opt missing after npm ci"
if [ "$MODE" = test ]; then
  [ -z "$(missing_debs chromium chromium-driver fonts-dejavu-core)" ] || die "Debian's chromium packages are not installed"
fi
tools="$(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3)"
[ "$MODE" = test ] || tools="$(trunk --version), $tools"
say "ready in $((SECONDS - T0)) s ($tools)"
