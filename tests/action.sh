#!/usr/bin/env bash
# The GitHub Action (action.yml, action/run.sh) run as a runner would run it
# (tests/run-action.py), with the wheel of tests/build-wheel.sh installed by
# pip from that local directory and no index, and GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY and RUNNER_TEMP in a temporary directory:
#   findings on a bad file: annotations, exit 1, the outputs, a summary per rule;
#   a clean file: exit 0, `findings=0`, "No findings.";
#   `args` reach mdlinks; `online: true` with an mdlinks that has no
#   --online warns and checks offline instead of failing.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/tests/ci-lib.sh"
cache=$ci_cache
# PyPI's PyYAML, for tests/run-action.py to read action.yml: the virtual
# environment of tests/pre-commit.sh has it (pre-commit depends on it).
venv=$(tool_venv pre-commit pre-commit "pre-commit>=4,<5")
export CARGO_TARGET_DIR="$cache/target"

[[ -n ${MDLINKS_WHEELHOUSE:-} ]] || echo "-- building the wheel (tests/build-wheel.sh)"
# .ci/run builds it once for both tests and names it in MDLINKS_WHEELHOUSE.
wheelhouse=${MDLINKS_WHEELHOUSE:-$("$repo/tests/build-wheel.sh")}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheelhouse" PIP_DISABLE_PIP_VERSION_CHECK=1
export RUNNER_TEMP="$work/runner-temp" MDLINKS_CACHE_DIR="$work/mdlinks-cache"
mkdir -p "$RUNNER_TEMP" "$work/docs"
cd "$work"
printf '# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) – Terminal UI for databases\n' > docs/bad.md
printf '# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) - Terminal UI for databases.\n' > good.md

passed=0
fail() {
    echo "action test failed: $*" >&2
    exit 1
}
# action NAME=VALUE...: run the action into out.txt (stdout and stderr),
# with fresh output and summary files; its exit status.
action() {
    : > "$work/output" && : > "$work/summary"
    GITHUB_OUTPUT="$work/output" GITHUB_STEP_SUMMARY="$work/summary" \
        "$venv/bin/python" "$repo/tests/run-action.py" "$repo" "$@" > out.txt 2>&1
}
show() { cat out.txt; echo "-- GITHUB_OUTPUT"; cat "$work/output"; echo "-- GITHUB_STEP_SUMMARY"; cat "$work/summary"; }

echo "-- findings: annotations, exit 1, outputs and a summary per rule"
status=0
action paths="docs good.md" || status=$?
[[ $status -eq 1 ]] || { show; fail "exit $status on a bad file, expected 1"; }
grep -q '^::error file=docs/bad.md,line=3,col=46,.*title=mdlinks(description-dash)::' out.txt || { show; fail "no description-dash annotation"; }
grep -qx 'findings=2' "$work/output" || { show; fail "findings output is not 2"; }
grep -qx 'exit-code=1' "$work/output" || { show; fail "exit-code output is not 1"; }
grep -qF '| `description-dash` | 1 | 1 |' "$work/summary" || { show; fail "no description-dash row in the summary"; }
grep -qF '| `description-period` | 1 | 1 |' "$work/summary" || { show; fail "no description-period row in the summary"; }
grep -qF '| **Total** | **2** | **2** |' "$work/summary" || { show; fail "no total in the summary"; }
passed=$((passed + 1))

echo "-- a clean file: exit 0, no findings"
action paths=good.md || { show; fail "failed on a clean file"; }
grep -qx 'findings=0' "$work/output" || { show; fail "findings output is not 0"; }
grep -q 'No findings.' "$work/summary" || { show; fail "summary does not say no findings"; }
passed=$((passed + 1))

echo "-- args reach mdlinks check"
status=0
action paths=docs args="--select description-period --no-cache" || status=$?
[[ $status -eq 1 ]] || { show; fail "exit $status, expected 1"; }
grep -q 'description-dash' "$work/summary" out.txt && { show; fail "--select was not applied"; }
grep -qx 'findings=1' "$work/output" || { show; fail "findings output is not 1"; }
passed=$((passed + 1))

echo "-- online: true forwards --online (this mdlinks has it)"
status=0
action paths=docs online=true || status=$?
[[ $status -eq 1 ]] || { show; fail "exit $status with online: true, expected 1 (the findings)"; }
# The summary line of --online, whether or not the network is there.
grep -q '^online: ' out.txt || { show; fail "--online was not forwarded"; }
grep -q 'has no --online' out.txt && { show; fail "warned that mdlinks has no --online"; }
passed=$((passed + 1))

echo "-- a usage error: exit 2, said in the summary"
status=0
action paths=docs args=--no-such-flag || status=$?
[[ $status -eq 2 ]] || { show; fail "exit $status on a bad argument, expected 2"; }
grep -qx 'exit-code=2' "$work/output" || { show; fail "exit-code output is not 2"; }
grep -q 'stopped with an error' "$work/summary" || { show; fail "summary does not say mdlinks failed"; }
passed=$((passed + 1))

echo "action: $passed passed, 0 failed"
