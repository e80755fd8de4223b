#!/usr/bin/env bash
# Builds the mdlinks wheel (wheel/pyproject.toml, with maturin from PyPI in a
# cached virtual environment) into a local wheelhouse, and prints the
# wheelhouse's path: a directory that `pip install --no-index --find-links
# DIR mdlinks` installs from with no index. Beside the wheel it keeps the
# setuptools wheel that pip needs to build the root package
# (pyproject.toml) offline, as pre-commit's `pip install .` does.
#
# The build is cargo's release build in the shared target directory of
# tests/pre-commit.sh (${XDG_CACHE_HOME:-~/.cache}/mdlinks-ci/target), so
# the `-src` hooks' `cargo install` and the next run reuse it. Progress goes
# to standard error; standard output is only the path.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/tests/ci-lib.sh"
cache=$ci_cache

venv=$(tool_venv maturin maturin "maturin>=1.9,<2")
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"

wheelhouse="$cache/wheelhouse"
mkdir -p "$wheelhouse"
rm -f "$wheelhouse"/mdlinks-*.whl
(cd "$repo/wheel" && "$venv/bin/maturin" build --release --locked --out "$wheelhouse") >&2
if ! compgen -G "$wheelhouse/setuptools-*.whl" >/dev/null; then
    "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps \
        -d "$wheelhouse" "setuptools>=77" >&2
fi
echo "$wheelhouse"
