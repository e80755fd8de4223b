#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml, run by the real pre-commit (from PyPI,
# in a throwaway virtual environment) against a temporary git repository:
#   mdlinks      fails on a bad file, naming the finding; passes a clean one;
#   mdlinks-fix  corrects the bad file and fails the commit (it changed a
#                file, as formatters do), then passes once nothing is left.
# pre-commit and the cargo build directory are cached under
# ${XDG_CACHE_HOME:-~/.cache}/mdlinks-ci so repeated runs stay quick.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/mdlinks-ci"
mkdir -p "$cache"

venv="$cache/pre-commit-venv"
if [[ ! -x "$venv/bin/pre-commit" ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "pre-commit>=4,<5"
fi
pre_commit="$venv/bin/pre-commit"
# try-repo builds the hook in a fresh store each time; a shared target
# directory lets cargo reuse every dependency it compiled before.
export CARGO_TARGET_DIR="$cache/target"
export PRE_COMMIT_COLOR=never

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init --quiet
git config user.email "ci@example.com"
git config user.name "CI"

cat > bad.md <<'MD'
# Links

- [Gobang](https://github.com/TaKO8Ki/gobang) – Terminal UI for databases
MD
cat > fixed.md <<'MD'
# Links

- [Gobang](https://github.com/TaKO8Ki/gobang) - Terminal UI for databases.
MD
cp fixed.md good.md
git add bad.md good.md

fail() {
    echo "pre-commit test failed: $*" >&2
    exit 1
}

echo "-- mdlinks passes a clean file"
"$pre_commit" try-repo "$repo" mdlinks --files good.md > out.txt 2>&1 || { cat out.txt; fail "check hook failed on a clean file"; }

echo "-- mdlinks fails on a bad file and names the finding"
if "$pre_commit" try-repo "$repo" mdlinks --files bad.md good.md > out.txt 2>&1; then
    cat out.txt; fail "check hook passed a bad file"
fi
grep -q "description-dash" out.txt || { cat out.txt; fail "no description-dash finding"; }
grep -q "bad.md:3:46" out.txt || { cat out.txt; fail "finding not located at bad.md:3:46"; }
cmp -s bad.md fixed.md && fail "check hook changed the file"

echo "-- mdlinks-fix corrects the file and fails the commit"
if "$pre_commit" try-repo "$repo" mdlinks-fix --files bad.md good.md > out.txt 2>&1; then
    cat out.txt; fail "fix hook passed although it changed a file"
fi
grep -q "files were modified by this hook" out.txt || { cat out.txt; fail "pre-commit did not see the change"; }
cmp -s bad.md fixed.md || { diff bad.md fixed.md; fail "bad.md was not fixed as expected"; }
cmp -s good.md fixed.md || fail "good.md changed"

echo "-- mdlinks-fix passes once nothing is left"
"$pre_commit" try-repo "$repo" mdlinks-fix --files bad.md good.md > out.txt 2>&1 || { cat out.txt; fail "fix hook failed on fixed files"; }

echo "-- the configuration's exclude applies to the files pre-commit names"
mkdir -p drafts
cp bad.md drafts/wip.md
printf 'exclude = ["drafts/**"]\n' > mdlinks.toml
git add drafts/wip.md mdlinks.toml
"$pre_commit" try-repo "$repo" mdlinks-fix --files drafts/wip.md > out.txt 2>&1 || { cat out.txt; fail "fix hook did not skip an excluded file"; }
cmp -s drafts/wip.md bad.md || fail "an excluded file was fixed"

echo "pre-commit hooks: 5 passed, 0 failed"
