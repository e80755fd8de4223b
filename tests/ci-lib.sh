# Sourced by the scripts that install Python tools for the tests and the
# benches (tests/pre-commit.sh, tests/action.sh, tests/build-wheel.sh,
# bench/pre-commit-install.sh): one cache directory for all of them, and
# one way to make a tool's virtual environment in it.

ci_cache="${XDG_CACHE_HOME:-$HOME/.cache}/mdlinks-ci"
mkdir -p "$ci_cache"

# tool_venv NAME EXECUTABLE REQUIREMENT: the virtual environment
# $ci_cache/NAME-venv, with REQUIREMENT installed from PyPI unless
# EXECUTABLE is there already; prints its path (progress on stderr).
tool_venv() {
    local venv="$ci_cache/$1-venv"
    if [[ ! -x "$venv/bin/$2" ]]; then
        python3 -m venv "$venv" >&2
        "$venv/bin/pip" install --quiet --disable-pip-version-check "$3" >&2
    fi
    echo "$venv"
}
