#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml, run by the real pre-commit (from PyPI,
# in a throwaway virtual environment) against a temporary git repository.
#
# The python hooks (`mdlinks`, `mdlinks-fix`) install the mdlinks wheel that
# tests/build-wheel.sh builds, with pip from that local directory and no
# index, as pre-commit does for a user (`pip install .` of the root
# pyproject.toml, which depends on the wheel). `cargo` and `rustc` are
# replaced on PATH by stubs that fail, so a hook that compiled would fail:
#   mdlinks      fails on a bad file, naming the finding; passes a clean one;
#   mdlinks-fix  corrects the bad file and fails the commit (it changed a
#                file, as formatters do), then passes once nothing is left;
#                the configuration's exclude applies to the files it is given.
# The compiling hooks (`mdlinks-src`, `mdlinks-fix-src`, `language: rust`)
# get the second and third. The first install of each kind is timed
# (`pre-commit try-repo` makes a fresh store each time, so its first call
# installs the hook); README.md records the figures.
#
# pre-commit, maturin and the cargo build directory are cached under
# ${XDG_CACHE_HOME:-~/.cache}/mdlinks-ci so repeated runs stay quick.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/tests/ci-lib.sh"
cache=$ci_cache

venv=$(tool_venv pre-commit pre-commit "pre-commit>=4,<5")
pre_commit="$venv/bin/pre-commit"
# The wheel's release build and the -src hooks' `cargo install` share one
# target directory, so the rust hooks reuse what the wheel's build compiled
# (try-repo builds in a fresh store each time).
export CARGO_TARGET_DIR="$cache/target"
export PRE_COMMIT_COLOR=never

[[ -n ${MDLINKS_WHEELHOUSE:-} ]] || echo "-- building the wheel (tests/build-wheel.sh)"
# .ci/run builds it once for both tests and names it in MDLINKS_WHEELHOUSE.
wheelhouse=${MDLINKS_WHEELHOUSE:-$("$repo/tests/build-wheel.sh")}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pip, as pre-commit runs it for the python hooks: the local wheelhouse only.
offline_pip=(PIP_NO_INDEX=1 "PIP_FIND_LINKS=$wheelhouse" PIP_DISABLE_PIP_VERSION_CHECK=1)
# Stubs that fail for every compiler a source build would call.
stubs="$work/no-compilers"
mkdir -p "$stubs"
for tool in cargo rustc rustup maturin; do
    printf '#!/bin/sh\necho "%s called: the python hook compiled" >&2\nexit 97\n' "$tool" > "$stubs/$tool"
    chmod +x "$stubs/$tool"
done

bad_item='- [Gobang](https://github.com/TaKO8Ki/gobang) – Terminal UI for databases'
fixed_item='- [Gobang](https://github.com/TaKO8Ki/gobang) - Terminal UI for databases.'
printf '# Links\n\n%s\n' "$fixed_item" > "$work/fixed.md"

# A new git repository in $work/NAME, with bad.md and good.md staged.
new_repo() {
    mkdir "$work/$1"
    cd "$work/$1"
    git init --quiet
    git config user.email "ci@example.com"
    git config user.name "CI"
    printf '# Links\n\n%s\n' "$bad_item" > bad.md
    cp "$work/fixed.md" good.md
    git add bad.md good.md
}

passed=0
fail() {
    echo "pre-commit test failed: $*" >&2
    exit 1
}

# try HOOK FILE...: run one hook with try-repo into out.txt; its exit status.
# The python hooks run with the offline pip and without compilers.
try() {
    local hook=$1
    shift
    case $hook in
        *-src) "$pre_commit" try-repo "$repo" "$hook" --files "$@" > out.txt 2>&1 ;;
        *) env "${offline_pip[@]}" PATH="$stubs:$PATH" \
            "$pre_commit" try-repo "$repo" "$hook" --files "$@" > out.txt 2>&1 ;;
    esac
}
seconds() { # seconds since $1 (from `date +%s.%N`), one decimal
    awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

declare -A first_install
for kind in python rust; do
    if [[ $kind = python ]]; then check=mdlinks fix=mdlinks-fix; else check=mdlinks-src fix=mdlinks-fix-src; fi
    new_repo "$kind"

    if [[ $kind = python ]]; then
        echo "-- $check passes a clean file (first install, timed)"
        start=$(date +%s.%N)
        try "$check" good.md || { cat out.txt; fail "$check failed on a clean file"; }
        first_install[$kind]=$(seconds "$start")
        passed=$((passed + 1))
    fi

    # (Each try-repo of a -src hook compiles mdlinks again, in a new
    # store: the rust hooks get the two checks that tell them apart.)
    echo "-- $check fails on a bad file and names the finding"
    start=$(date +%s.%N)
    if try "$check" bad.md good.md; then
        cat out.txt; fail "$check passed a bad file"
    fi
    grep -q "description-dash" out.txt || { cat out.txt; fail "$check: no description-dash finding"; }
    grep -q "bad.md:3:46" out.txt || { cat out.txt; fail "$check: finding not located at bad.md:3:46"; }
    cmp -s bad.md "$work/fixed.md" && fail "$check changed the file"
    [[ -v first_install[$kind] ]] || first_install[$kind]=$(seconds "$start")
    passed=$((passed + 1))

    echo "-- $fix corrects the file and fails the commit"
    if try "$fix" bad.md good.md; then
        cat out.txt; fail "$fix passed although it changed a file"
    fi
    grep -q "files were modified by this hook" out.txt || { cat out.txt; fail "pre-commit did not see $fix's change"; }
    cmp -s bad.md "$work/fixed.md" || { diff bad.md "$work/fixed.md"; fail "$fix did not fix bad.md as expected"; }
    cmp -s good.md "$work/fixed.md" || fail "$fix changed good.md"
    passed=$((passed + 1))

    [[ $kind = python ]] || continue

    echo "-- $fix passes once nothing is left"
    try "$fix" bad.md good.md || { cat out.txt; fail "$fix failed on fixed files"; }
    passed=$((passed + 1))

    echo "-- the configuration's exclude applies to the files pre-commit names"
    mkdir -p drafts
    printf '# Links\n\n%s\n' "$bad_item" > drafts/wip.md
    cp drafts/wip.md "$work/wip.md"
    printf 'exclude = ["drafts/**"]\n' > mdlinks.toml
    git add drafts/wip.md mdlinks.toml
    try "$fix" drafts/wip.md || { cat out.txt; fail "$fix did not skip an excluded file"; }
    cmp -s drafts/wip.md "$work/wip.md" || fail "an excluded file was fixed"
    passed=$((passed + 1))
done

echo "first install (try-repo's first call, install and run): python hook from the local wheel ${first_install[python]} s; rust hook ${first_install[rust]} s (cargo install, reusing the wheel's build in $CARGO_TARGET_DIR)"
# A pip install of one wheel takes seconds; minutes would mean it compiled
# (the stubs would have failed it first).
awk -v s="${first_install[python]}" 'BEGIN { exit !(s < 120) }' ||
    fail "the python hook took ${first_install[python]} s to install"
echo "pre-commit hooks: $passed passed, 0 failed"
