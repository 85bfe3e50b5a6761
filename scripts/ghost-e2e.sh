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

# --- a fresh Ghost on loopback, SQLite, its data under $GHOST_HOME/run ---------------------
RUN="$GHOST_HOME/run"
rm -rf "$RUN"
mkdir -p "$RUN/config/roundup"
cp -r "$GHOST_HOME/package/content" "$RUN/content"
GHOST_PID=""
cleanup() {
  if [ -n "$GHOST_PID" ]; then kill "$GHOST_PID" 2>/dev/null || true; wait "$GHOST_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

# ROUNDUP_E2E_BUILD=0 takes the release binary as it is.
if [ ! -x "$ROOT/target/release/roundup" ] || [ "${ROUNDUP_E2E_BUILD:-1}" = 1 ]; then
  say "cargo build --release (waits for the shared cargo lock)"
  flock "$LOCK" cargo build --release --quiet
fi
ROUNDUP="$ROOT/target/release/roundup"

say "starting Ghost on $GHOST_URL"
(
  cd "$GHOST_HOME/package"
  NODE_ENV=development \
  url="$GHOST_URL" server__host=127.0.0.1 server__port="$GHOST_PORT" \
  database__client=sqlite3 database__connection__filename="$RUN/ghost.db" \
  paths__contentPath="$RUN/content/" \
  security__staffDeviceVerification=false privacy__useUpdateCheck=false \
  mail__transport=stub logging__level=warn \
  exec node index.js >"$RUN/ghost.log" 2>&1
) &
GHOST_PID=$!
for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null "$GHOST_URL/ghost/api/admin/site/" 2>/dev/null; then break; fi
  if ! kill -0 "$GHOST_PID" 2>/dev/null; then tail -30 "$RUN/ghost.log"; echo "Ghost exited"; exit 1; fi
  sleep 1
done
curl -fsS -o /dev/null "$GHOST_URL/ghost/api/admin/site/" || { tail -30 "$RUN/ghost.log"; exit 1; }
say "Ghost is up ($(curl -fsS "$GHOST_URL/ghost/api/admin/site/" | jq -r .site.version))"

# --- the owner, a session, an integration: its Admin API key --------------------------------
EMAIL=editor@example.com
# Ghost refuses common or guessable passwords: a random one.
PASSWORD="Rx$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')9!"
JAR="$RUN/cookies"
api() { # METHOD PATH [JSON]: an Admin API call with the staff session
  curl -sS --fail-with-body -X "$1" "$GHOST_URL/ghost/api/admin/$2" -b "$JAR" -c "$JAR" \
    -H "Origin: $GHOST_URL" -H 'Content-Type: application/json' -H 'Accept-Version: v5.0' \
    ${3:+--data "$3"}
}
api POST authentication/setup/ \
  "{\"setup\":[{\"name\":\"Editor\",\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"blogTitle\":\"roundup e2e\"}]}" >/dev/null
api POST session/ "{\"username\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" >/dev/null
api POST 'integrations/?include=api_keys' '{"integrations":[{"name":"roundup e2e"}]}' >"$RUN/integration.json"
# Ghost's integrations answer gives the admin key's `secret` already as `id:secret` (what
# Ghost Admin shows as the "Admin API key"); older answers gave the two halves apart.
ADMIN_KEY=$(jq -r '.integrations[0].api_keys[] | select(.type=="admin") |
  if (.secret | contains(":")) then .secret else "\(.id):\(.secret)" end' "$RUN/integration.json")
case "$ADMIN_KEY" in
  *[!0-9a-f:]* | "" | :* | *:) echo "no admin key in the answer (see $RUN/integration.json)"; exit 1 ;;
esac
say "created an integration and its Admin API key"

# --- roundup: a real issue, pushed twice ----------------------------------------------------
export XDG_CONFIG_HOME="$RUN/config" ROUNDUP_DB="$RUN/roundup.db" ROUNDUP_GHOST_ADMIN_KEY="$ADMIN_KEY"
printf '[push.ghost]\nurl = "%s"\n' "$GHOST_URL" >"$RUN/config/roundup/config.toml"
"$ROUNDUP" issue load "$ROOT/tests/fixtures/sre-weekly-094.json" >/dev/null
"$ROUNDUP" push 94 --to ghost --dry-run >"$RUN/dry-run.txt"
if grep -q "$(echo "$ADMIN_KEY" | cut -d: -f2)" "$RUN/dry-run.txt"; then echo "dry run printed the secret"; exit 1; fi
"$ROUNDUP" push 94 --to ghost 2>"$RUN/push1.txt"
cat "$RUN/push1.txt"
POST_ID=$(sed -n 's/.*(id \([0-9a-f]*\)).*/\1/p' "$RUN/push1.txt")
say "first push: created post $POST_ID"

# An edit, as the editor would make it: a new intro, then the second push updates the post.
jq '.intro = "Pushed twice by scripts/ghost-e2e.sh."' "$ROOT/tests/fixtures/sre-weekly-094.json" >"$RUN/edited.json"
"$ROUNDUP" issue load "$RUN/edited.json" >/dev/null
"$ROUNDUP" push 94 --to ghost 2>"$RUN/push2.txt"
cat "$RUN/push2.txt"
grep -q "updated the draft of #94 in ghost (id $POST_ID)" "$RUN/push2.txt" || { echo "second push did not update $POST_ID"; exit 1; }
say "second push: updated post $POST_ID"

# --- read the draft back through the Admin API ----------------------------------------------
POST=$(api GET "posts/$POST_ID/?formats=html")
COUNT=$(api GET "posts/?filter=status:draft&limit=all" | jq '[.posts[] | select(.title=="SRE Weekly Issue #94")] | length')
STATUS=$(echo "$POST" | jq -r '.posts[0].status')
TITLE=$(echo "$POST" | jq -r '.posts[0].title')
HTML=$(echo "$POST" | jq -r '.posts[0].html')
echo "read back: status=$STATUS title=\"$TITLE\" html=${#HTML} chars, drafts with that title: $COUNT"
[ "$STATUS" = draft ] || { echo "not a draft"; exit 1; }
[ "$TITLE" = "SRE Weekly Issue #94" ] || { echo "wrong title"; exit 1; }
[ "$COUNT" = 1 ] || { echo "expected exactly one draft, found $COUNT"; exit 1; }
for want in "Pushed twice by scripts/ghost-e2e.sh." "High Reliability Health Care: Getting There from Here" "Mark R. Chassin"; do
  echo "$HTML" | grep -qF "$want" || { echo "the post lacks: $want"; exit 1; }
done
# Deleted in Ghost: the next push makes a new draft and says so.
api DELETE "posts/$POST_ID/" >/dev/null
"$ROUNDUP" push 94 --to ghost 2>"$RUN/push3.txt"
cat "$RUN/push3.txt"
grep -q "(id $POST_ID) was deleted there: created a new one" "$RUN/push3.txt" || { echo "no new draft after the delete"; exit 1; }
say "third push, after deleting the post in Ghost: a new draft"

say "PASS: Ghost $(curl -fsS "$GHOST_URL/ghost/api/admin/site/" | jq -r .site.version) holds one draft of #94 with the edited content"
