#!/usr/bin/env bash
# What filling the results cache costs: `check` of a corpus with an empty
# cache, against `check --no-cache` of it, with and without --cross-file.
# Runs are interleaved (A B A B ...) so that a machine's load weighs on
# both alike; medians of wall and CPU (user+system) time.
#   bench/cache-fill.sh [MDLINKS] [CORPUS] [ROUNDS]
set -euo pipefail
bin=${1:-target/release/mdlinks}
corpus=${2:-../shared/corpus/knowledge}
rounds=${3:-15}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME=$scratch/home
run() { # label, args...
    local label=$1; shift
    /usr/bin/time -f "$label %e %U %S" -a -o "$scratch/times" "$@" >/dev/null 2>&1 || true
}
for _ in $(seq "$rounds"); do
    for cross in "" "--cross-file"; do
        run "no-cache${cross}" "$bin" check --isolated $cross --no-cache "$corpus"
        rm -rf "$scratch/cache"
        run "fill${cross}" "$bin" check --isolated $cross --cache-dir "$scratch/cache" "$corpus"
        run "warm${cross}" "$bin" check --isolated $cross --cache-dir "$scratch/cache" "$corpus"
    done
done
python3 - "$scratch/times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 4 or parts[0].startswith("Command"):
        continue
    label, wall, user, sys_ = parts
    rows.setdefault(label, []).append((float(wall), float(user) + float(sys_)))
def med(label, i):
    return statistics.median(r[i] for r in rows[label])
print(f"{'run':<24}{'wall s':>8}{'cpu s':>8}{'wall ×':>8}{'cpu ×':>8}")
for cross in ["", "--cross-file"]:
    base = "no-cache" + cross
    for kind in ["no-cache", "fill", "warm"]:
        label = kind + cross
        print(f"{label:<24}{med(label,0):>8.3f}{med(label,1):>8.3f}"
              f"{med(label,0)/med(base,0):>8.2f}{med(label,1)/med(base,1):>8.2f}")
PY
