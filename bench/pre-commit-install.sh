#!/usr/bin/env bash
# The first install of the pre-commit hooks, side by side in one run:
#   mdlinks      (language: python) the wheel, from the local wheelhouse of
#                tests/build-wheel.sh, with pip and no index;
#   mdlinks-src  (language: rust) `cargo install` from source, cold: no
#                CARGO_TARGET_DIR, so cargo builds in the hook's clone as it
#                does on a user's machine (crates already downloaded to
#                ~/.cargo are reused).
# Each gets an empty PRE_COMMIT_HOME; prints the time of `pre-commit
# install-hooks` and the size of what the install left in that cache.
#
# usage: bench/pre-commit-install.sh
# pre-commit clones the repository at HEAD: commit what is to be measured.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/tests/ci-lib.sh"
cache=$ci_cache
venv=$(tool_venv pre-commit pre-commit "pre-commit>=4,<5")
wheelhouse=${MDLINKS_WHEELHOUSE:-$("$root/tests/build-wheel.sh")}
rev=$(git -C "$root" rev-parse HEAD)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init --quiet

echo "pre-commit $("$venv/bin/pre-commit" --version | cut -d' ' -f2), $(cargo --version), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rev $rev"
echo
echo "| Hook | First install | Left in pre-commit's cache |"
echo "|---|---:|---:|"
for hook in mdlinks mdlinks-src; do
    home="$work/home-$hook"
    printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: %s\n' "$root" "$rev" "$hook" > .pre-commit-config.yaml
    start=$(date +%s.%N)
    if [[ $hook = mdlinks ]]; then
        env PRE_COMMIT_HOME="$home" PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheelhouse" \
            "$venv/bin/pre-commit" install-hooks > "$work/$hook.log" 2>&1
    else
        env -u CARGO_TARGET_DIR PRE_COMMIT_HOME="$home" \
            "$venv/bin/pre-commit" install-hooks > "$work/$hook.log" 2>&1
    fi || { cat "$work/$hook.log"; exit 1; }
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    size=$(du -sh "$home" | cut -f1)
    echo "| \`$hook\` | $secs s | $size |"
done
