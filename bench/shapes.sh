#!/usr/bin/env bash
# Time mdlinks on files of one big block: an outline under one bullet, a
# long block quote, a long table, a footnote definition, many footnote
# definitions, a paragraph. Each holds
# thousands of fixes whose effect on the tree is checked by parsing again
# (broken-link's repairs, list-indent's lists), where judging each on the
# whole file made checking quadratic (see BENCHMARKS.md, "files of one big
# block"). And two files whose findings were each matched against every
# suppression comment, or counted their columns from the line's start:
# 20,000 disabled blocks, and one line of 200,000 suffix links; and 300
# levels of nested lists, each misplaced (list-indent).
# Needs no corpus; prints one line per file, seconds of wall time.
#
# usage: bench/shapes.sh [MDLINKS]   (default: a release build of this tree)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
mdlinks_binary "$@"
work=$(mktemp -d "${TMPDIR:-/tmp}/mdlinks-shapes.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Some of these files are over the default maximum file size (1 MiB).
echo 'max-file-size = "1GiB"' >"$work/mdlinks.toml"

# `lines N FORMAT`: N lines of FORMAT, %d the line's number.
lines() {
    local i
    for ((i = 0; i < $1; i++)); do
        printf -- "$2" "$i" "$i"
    done
}

{ echo '- Topic'; lines 5000 '  - [Item %d](https://a.org/%d\n'; } >"$work/outline-open-links.md"
{ echo '- Topic'; lines 2000 '\t- [Item %d](https://a.org/%d)\n\t\t- [Sub](https://b.org/) - Sub.\n'; } >"$work/outline-tab-lists.md"
for t in 0 1 2 3 4; do
    echo '- Topic'
    lines 1000 "  - [Item $t.%d](https://a.org/$t/%d\n"
done >"$work/five-bullets.md"
lines 3000 '> - [Item %d](https://a.org/%d\n' >"$work/quote.md"
{ printf '| Name | Note |\n|---|---|\n'; lines 3000 '| [Item %d](https://a.org/%d | x |\n'; } >"$work/table.md"
{ printf 'Text[^1]\n\n[^1]: Note\n'; lines 3000 '    - [Item %d](https://a.org/%d\n'; } >"$work/footnote.md"
{ printf 'Text'; lines 3000 '[^%d]'; printf '\n\n'; lines 3000 '[^%d]: [Item](https://a.org/%d - Note.\n'; } >"$work/footnotes.md"
{ echo 'Links:'; lines 3000 '[Item %d](https://a.org/%d\n'; } >"$work/paragraph.md"
# Not one block, but many findings and comments to match them against.
# Repairs only the whole document can judge (a line that may define a link).
lines 3000 '- [Item %d](https://a.org/%d - see [b]: c\n\n' >"$work/definition-lines.md"
lines 20000 '<!-- mdlinks-disable -->\n- [Item %d](http://github.com/%d)\n<!-- mdlinks-enable -->\n' >"$work/suppressions.md"
{ printf -- '- [Item](https://a.org/)'; lines 200000 ' [s](u)'; echo; } >"$work/long-line.md"
# 300 levels of nested lists, each indented by four spaces where two are due.
for ((depth = 0; depth < 300; depth++)); do
    printf '%*s- [Level %d](u)\n' $((depth * 4)) '' "$depth"
done >"$work/deep-outline.md"

TIMEFORMAT=%R
run() {
    local seconds status=0
    # Exit 1 is findings, expected here; 2 means mdlinks could not do the job.
    seconds=$({ time "$@" >/dev/null 2>"$work/stderr"; } 2>&1) || status=$?
    if ((status > 1)); then
        echo "bench/shapes.sh: '$*' failed (exit $status):" >&2
        cat "$work/stderr" >&2
        exit 2
    fi
    printf '%-28s %-28s %6s s\n' "$(basename "${@: -1}")" "${*:2:$#-2}" "$seconds"
}
echo "mdlinks: $mdlinks"
for file in "$work"/*.md; do
    run "$mdlinks" check "$file"
done
run "$mdlinks" check --output-format json "$work/outline-tab-lists.md"
cp "$work/outline-tab-lists.md" "$work/fixed.md"
run "$mdlinks" fix "$work/fixed.md"
