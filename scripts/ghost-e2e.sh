#!/usr/bin/env bash
# End-to-end check of `roundup push --to ghost` against a real Ghost 5 (not part of CI).
#
# Installs Ghost 5 from the npm registry into target/ghost-e2e (once; later runs reuse it),
# starts it with SQLite on 127.0.0.1, creates the owner and an integration (its Admin API key)
# through the Admin API, pushes a real issue twice with the release binary and reads the
# draft back through the Admin API.
#
#   bash scripts/ghost-e2e.sh              # install if needed, then run
#   bash scripts/ghost-e2e.sh --install    # only install
#
# Why the install is done by hand: Ghost 6 needs Node 22, so this takes Ghost 5 (Node 20).
# `npm install ghost@5` pulls its devDependencies' peers and fails; installing inside the
# unpacked package with the devDependencies removed works. sqlite3 has no prebuilt binary we
# can download here, so it is compiled against the system Node headers (npm_config_nodedir).
# The compile takes the shared cargo lock (/tmp/cargo.lock): it uses every core.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
GHOST_HOME=${GHOST_HOME:-$ROOT/target/ghost-e2e}
GHOST_PORT=${GHOST_PORT:-2368}
GHOST_URL="http://127.0.0.1:$GHOST_PORT"
LOCK=${CARGO_LOCK_FILE:-/tmp/cargo.lock}
START=$(date +%s)
say() { printf '[%4ss] %s\n' "$(($(date +%s) - START))" "$*"; }

install_ghost() {
  if [ -f "$GHOST_HOME/package/.installed" ]; then
    say "Ghost already installed in $GHOST_HOME/package"
    return
  fi
  mkdir -p "$GHOST_HOME"
  cd "$GHOST_HOME"
  if [ ! -f package/.downloaded ]; then
    rm -rf package ghost-*.tgz
    say "npm pack ghost@5"
    npm pack --silent ghost@5 >/dev/null
    tar xzf ghost-*.tgz
    cd package
    # devDependencies are not needed to run Ghost and their peer ranges do not resolve.
    node -e 'const fs=require("fs");const p=JSON.parse(fs.readFileSync("package.json"));delete p.devDependencies;fs.writeFileSync("package.json",JSON.stringify(p,null,2))'
    say "npm install ghost $(node -p 'require("./package.json").version') (download only)"
    npm install --omit=dev --legacy-peer-deps --ignore-scripts --no-audit --no-fund --loglevel=error
    touch .downloaded
  else
    cd package
  fi
  # The install scripts: sqlite3 finds no prebuilt binary it can download here and compiles
  # against the system Node headers; sharp takes its prebuilt binary from the npm registry.
  say "npm rebuild (compiles sqlite3; waits for the shared cargo lock)"
  flock "$LOCK" env npm_config_nodedir=/usr npm rebuild --loglevel=error
  node -e 'require("sqlite3")' # fails loudly if the native module did not build
  touch .installed
  say "installed"
  cd "$ROOT"
}

install_ghost
[ "${1:-}" = "--install" ] && exit 0
