#!/usr/bin/env bash
# roundup side by side with the tools editors use today, on the same generated data:
#   - bookmark import, 10,000 links: roundup import vs buku --import
#   - inbox search over 100,000 titles: roundup search vs buku --sany vs fzf --filter
#   - start-up to a listed inbox at 100,000 links: roundup list vs buku --print
# Installs buku (PyPI), fzf and hyperfine (Debian) when missing. Prints the ratios and
# appends nothing anywhere: copy the table into docs/performance.md with the date.
#
#     bash benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need fzf || ! need hyperfine || ! need sqlite3; then
  apt-get update -qq && apt-get install -y -qq fzf hyperfine sqlite3 >/dev/null
fi
need buku || pip install -q buku

cargo build --release -q
cargo bench --bench import -q -- --write /dev/null >/dev/null 2>&1 || true
ROUNDUP="$PWD/target/release/roundup"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/xdg" XDG_CONFIG_HOME="$WORK/xdg-config"

echo "== generating data in $WORK"
cargo bench --bench import -q -- --write "$WORK/bookmarks.html" >/dev/null
python3 - "$WORK" <<'PY'
import random, sqlite3, sys, os
work = sys.argv[1]
random.seed(7)
words = ("kafka outage postmortem latency retries oncall chaos slo alerting incident resilience "
         "capacity failover dns database queue cache deploy rollback canary observability tracing "
         "metrics burnout runbook split brain lessons learned scaling").split()
with open(os.path.join(work, "links.txt"), "w") as urls, open(os.path.join(work, "titles.txt"), "w") as titles:
    os.makedirs(os.path.join(work, "buku-data", "buku"), exist_ok=True)
    db = sqlite3.connect(os.path.join(work, "buku-data", "buku", "bookmarks.db"))
    db.execute("CREATE TABLE bookmarks (id integer PRIMARY KEY, URL text NOT NULL UNIQUE, metadata text default '', tags text default ',', desc text default '', flags integer default 0)")
    rows = []
    for i in range(100_000):
        title = " ".join(random.choice(words) for _ in range(6)).capitalize()
        url = f"https://{random.choice(words)}.example.com/{i}/{random.choice(words)}"
        urls.write(f"{url} {title}\n")
        titles.write(title + "\n")
        rows.append((url, title))
    db.executemany("INSERT INTO bookmarks (URL, metadata) VALUES (?, ?)", rows)
    db.commit()
PY
"$ROUNDUP" --db "$WORK/big.db" import "$WORK/links.txt" >/dev/null

run() { # name, then hyperfine arguments; prints the mean in seconds
  local name=$1; shift
  hyperfine -N --style none --export-json "$WORK/$name.json" "$@" >/dev/null 2>&1 || hyperfine --style none --export-json "$WORK/$name.json" "$@" >/dev/null
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$WORK/$name.json"
}
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a*1e3:9.1f} ms  vs {b*1e3:9.1f} ms  -> roundup is {b/a:6.1f}x faster')" "$1" "$2"; }

echo "== bookmark import, 10,000 links"
r_import=$(run r_import --runs 5 --prepare "rm -f $WORK/imp.db $WORK/imp.db-wal $WORK/imp.db-shm" "$ROUNDUP --db $WORK/imp.db import $WORK/bookmarks.html")
b_import=$(run b_import --runs 1 --prepare "rm -rf $WORK/buku-imp" "env XDG_DATA_HOME=$WORK/buku-imp buku --nostdin --tacit --import $WORK/bookmarks.html")
echo "import:  roundup vs buku --import:  $(ratio "$r_import" "$b_import")"

echo "== search over 100,000 titles ('kafka failover')"
r_search=$(run r_search --runs 20 "$ROUNDUP --db $WORK/big.db search 'kafka failover' --json")
b_search=$(run b_search --runs 5 "env XDG_DATA_HOME=$WORK/buku-data buku --nostdin --np --nc --sany kafka failover")
f_search=$(run f_search --runs 20 "sh -c 'fzf --filter \"kafka failover\" < $WORK/titles.txt'")
echo "search:  roundup vs buku --sany:    $(ratio "$r_search" "$b_search")"
echo "search:  roundup vs fzf --filter:   $(ratio "$r_search" "$f_search")"

echo "== start-up to a listed inbox, 100,000 links"
r_list=$(run r_list --runs 10 "$ROUNDUP --db $WORK/big.db list")
b_list=$(run b_list --runs 3 "env XDG_DATA_HOME=$WORK/buku-data buku --nostdin --np --nc -p")
echo "list:    roundup vs buku --print:   $(ratio "$r_list" "$b_list")"
echo "(machine: $(nproc) cores, $(uname -sr); $(date -u +%F))"
