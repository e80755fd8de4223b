#!/usr/bin/env bash
# `check --online` on 20,000 distinct URLs over 500 hosts of a local server
# with a fixed latency (bench/online_server.py; hosts are 127.0.x.y, all on
# loopback): wall time, requests per second, peak memory, and the most
# requests the server saw in flight at one host (mdlinks' `per-host`).
# Against lychee on the same server in the same run, where it is installed
# (LYCHEE=/path/to/lychee; `cargo install lychee --locked`).
#
#     bench/online.sh [URLS] [HOSTS] [LATENCY_MS]
#
# Not a test: the figures go to BENCHMARKS.md with the command.
set -euo pipefail
cd "$(dirname "$0")/.."
URLS=${1:-20000}
HOSTS=${2:-500}
LATENCY=${3:-50}
# Percent of the URLs on the first four hosts (the rest spread evenly):
# where the per-host limit binds.
SKEW=${SKEW:-10}
PORT=${PORT:-18181}
LYCHEE=${LYCHEE:-$(command -v lychee || true)}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --quiet
# 20 files of 1,000 items (one file would pass the 1 MiB max-file-size).
mkdir "$work/list"
python3 - "$URLS" "$HOSTS" "$PORT" "$work/list" "$SKEW" <<'PY'
import sys
urls, hosts, port = map(int, sys.argv[1:4])
skewed = urls * int(sys.argv[5]) // 100
files = [open(f"{sys.argv[4]}/{n:02}.md", "w") for n in range(max(1, urls // 1000))]
for f in files:
    f.write("# Links\n\n")
for i in range(urls):
    # A wiki's links are skewed: a few large sites (GitHub) hold many.
    h = i % 4 if i < skewed else i % hosts
    files[i % len(files)].write(
        f"- [Page {i}](http://127.0.{1 + h // 250}.{1 + h % 250}:{port}/page/{i}) - Page {i}.\n"
    )
PY
printf 'select = ["dead-link", "moved-link"]\n[online]\nconcurrency = 64\nper-host = 4\ntimeout = 30\n' > "$work/mdlinks.toml"

stats() { curl -s "http://127.0.0.1:$PORT/__stats"; }
start_server() {
    python3 bench/online_server.py "$PORT" "$LATENCY" & server=$!
    for _ in $(seq 50); do stats >/dev/null 2>&1 && return; sleep 0.1; done
    echo "the server did not start" >&2; exit 2
}
report() { # name, time -v output, seconds
    local rss wall
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.1f", $2/1024}' "$2")
    wall=$(awk -F': ' '/Elapsed \(wall/ {print $2}' "$2")
    echo "$1: wall $wall, peak RSS ${rss} MiB, server: $(stats)"
}

echo "$URLS URLs on $HOSTS hosts ($SKEW % on 4 of them), ${LATENCY} ms latency, $(nproc) cores"
start_server
/usr/bin/time -v target/release/mdlinks check --online --no-cache --quiet \
    --config "$work/mdlinks.toml" "$work/list" > "$work/mdlinks.out" 2> "$work/mdlinks.time" || true
grep -v "^\s" "$work/mdlinks.time" | head -3 || true
report "mdlinks (concurrency 64, per-host 4)" "$work/mdlinks.time"
grep -c 'dead-link\|moved-link' "$work/mdlinks.out" | sed 's/^/  findings: /' || true
kill $server; wait $server 2>/dev/null || true

if [ -n "$LYCHEE" ]; then
    version=$("$LYCHEE" --version | cut -d' ' -f2)
    # As mdlinks is set: 64 at once, 4 per host, no pause between requests
    # to a host; then lychee's defaults (128 at once, a host's requests
    # 50 ms apart at least).
    for flags in "--max-concurrency 64 --host-concurrency 4 --host-request-interval 0ms" ""; do
        start_server
        # shellcheck disable=SC2086
        /usr/bin/time -v "$LYCHEE" --no-progress $flags --timeout 30 --max-retries 0 \
            "$work"/list/*.md > "$work/lychee.out" 2> "$work/lychee.time" || true
        report "lychee $version (${flags:-defaults})" "$work/lychee.time"
        grep -iE '^.{0,4}(total|successful|errors)' "$work/lychee.out" | head -3 | sed 's/^/  /' || true
        kill $server; wait $server 2>/dev/null || true
    done
fi
