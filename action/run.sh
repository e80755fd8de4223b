#!/usr/bin/env bash
# The step of action.yml. Inputs come as INPUT_PATHS, INPUT_VERSION,
# INPUT_ARGS and INPUT_ONLINE; writes `findings` and `exit-code` to
# $GITHUB_OUTPUT and a Markdown table of the findings per rule to
# $GITHUB_STEP_SUMMARY; exits with mdlinks' exit code.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
python=$(command -v python3 || command -v python)

# The wheel, in a virtual environment of its own (runners' system Pythons
# refuse `pip install`; PEP 668).
venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mdlinks-action-venv"
if [[ ${INPUT_VERSION:-latest} = latest ]]; then spec=mdlinks; else spec="mdlinks==$INPUT_VERSION"; fi
"$python" -m venv "$venv"
bin="$venv/bin"
[[ -d $venv/Scripts ]] && bin="$venv/Scripts"
echo "::group::pip install $spec"
"$bin/python" -m pip install --disable-pip-version-check "$spec"
echo "::endgroup::"
mdlinks="$bin/mdlinks"
"$mdlinks" --version

# Inputs are split on whitespace, with no glob expansion. (An empty array
# is written ${args[@]+"${args[@]}"}: macOS's bash 3.2 calls "${args[@]}"
# unbound under set -u.)
set -f
# shellcheck disable=SC2206
paths=(${INPUT_PATHS:-.})
# shellcheck disable=SC2206
args=(${INPUT_ARGS:-})
set +f
if [[ ${INPUT_ONLINE:-false} = true ]]; then
    help=$("$mdlinks" check --help)
    if [[ $help == *--online* ]]; then
        args+=(--online)
    else
        echo "::warning title=mdlinks::mdlinks $("$mdlinks" --version | cut -d' ' -f2) has no --online; checking offline"
    fi
fi

# The annotations: workflow commands on standard output.
status=0
"$mdlinks" check --output-format github ${args[@]+"${args[@]}"} -- "${paths[@]}" || status=$?

# The summary: the count per rule, from a second run that the results
# cache answers without linting again.
stats=$(mktemp)
"$mdlinks" check --statistics --output-format json ${args[@]+"${args[@]}"} -- "${paths[@]}" > "$stats" 2>/dev/null || true
findings=$("$python" "$here/summary.py" "$stats" "$status" "${paths[*]}")
rm -f "$stats"
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    echo "findings=$findings" >> "$GITHUB_OUTPUT"
    echo "exit-code=$status" >> "$GITHUB_OUTPUT"
fi
exit "$status"
