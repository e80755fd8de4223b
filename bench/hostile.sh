#!/usr/bin/env bash
# Time mdlinks on adversarial files (GitHub issue 26, items 10-12), each made
# at two sizes (1x and 4x), and print for `check` and `fix` the time per MB,
# how that grows from 1x to 4x (1.00: linear), the peak memory, and whether
# `fix` settled (exit 0 or 1; 2 would mean it gave up or could not read).
#
#   bench/hostile.sh [--size BYTES] [--runs N] [--timeout SECONDS] [MDLINKS]
#
# --size BYTES       the 1x size (default 262144: 256 KiB, so that 4x is
#                    the default maximum file size, 1 MiB)
# --runs N           runs of each command, of which the fastest counts
#                    (default 3: the machine may be shared)
# --timeout SECONDS  stop a command after this long (default 300), shown
#                    as `>300`, and run it once
# MDLINKS            the binary to time (default: a release build of this
#                    tree; an older one, without --max-file-size, works)
#
# The shapes: thousands of links left open on one item line; a line of `[`
# with a trailing blank; outlines forty levels deep of garbled link items
# (the generator of tests/hostile.rs), indented three spaces a level, and
# one (where the items run together as lazy lines); nested emphasis; emphasis and
# alternating `*_` with a trailing blank (whose fix is judged on a second
# tree of the text: the most memory per byte known); one long line; tiny
# items; nested brackets. Files are over the default maximum file size at
# 4x with a larger --size, so every command passes --max-file-size 1GiB
# (where the binary has it).
# Needs no corpus. Not part of `cargo test`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
size=262144
runs=3
limit=300
while [[ ${1:-} == --* ]]; do
    case $1 in
    --size) size=$2 ;;
    --runs) runs=$2 ;;
    --timeout) limit=$2 ;;
    *) echo "bench/hostile.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
source "$root/bench/lib.sh"
mdlinks_binary "$@"
# Every file linted afresh, as bench/run.sh does: no results cache.
export MDLINKS_NO_CACHE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/mdlinks-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT

# `repeat N TEXT`: TEXT N times, by doubling.
repeat() {
    local n=$1 unit=$2 out=""
    while ((n > 0)); do
        ((n & 1)) && out+=$unit
        unit+=$unit
        n=$((n >> 1))
    done
    printf '%s' "$out"
}

# `garbled BYTES STEP`: outlines forty levels deep, each level indented by
# STEP more, of one to eight tokens of link items each, from a xorshift
# generator with a fixed seed: with three spaces, the text tests/hostile.rs
# makes.
garbled() {
    local target=$1 step=$2 state=$((0x9E3779B97F4A7C15)) n=0 depth count k line
    local tokens=('[' ']' '](' ')' '- ' ' - ' ': ' '(2019)' '[r]: ' '[^1]' '`' '*'
        '[T](https://e.com/x' 'http://github.com/a' 'word' ' ' '\')
    next() { # xorshift64, with logical right shifts (bash shifts keep the sign)
        state=$((state ^ (state << 13)))
        state=$((state ^ ((state >> 7) & 0x01FFFFFFFFFFFFFF)))
        state=$((state ^ (state << 17)))
    }
    # Unsigned remainder of the 64-bit state.
    umod() {
        local m=$1
        if ((state >= 0)); then
            r=$((state % m))
        else
            # 2^64 = 2 * 2^63; (state + 2^64) mod m without overflow.
            local high=$(((state >> 1) & 0x7FFFFFFFFFFFFFFF)) low=$((state & 1))
            r=$((((high % m) * 2 + low) % m))
        fi
    }
    local r
    while ((n < target)); do
        for ((depth = 0; depth < 40; depth++)); do
            line=$(repeat "$depth" "$step")'- '
            next
            umod 8
            count=$((1 + r))
            for ((k = 0; k < count; k++)); do
                next
                umod ${#tokens[@]}
                line+=${tokens[r]}
            done
            printf '%s\n' "$line"
            n=$((n + ${#line} + 1))
        done
        printf '\n'
        n=$((n + 1))
    done
}

# `make SHAPE BYTES`: a file of SHAPE of about BYTES on standard output.
make() {
    local bytes=$1 k
    case $2 in
    open-links)
        k=$((bytes / 22))
        printf '# Links\n\n- [Item](https://a.org/) - D'
        for ((i = 0; i < k; i++)); do printf ' [t](https://e.com/%d' "$i"; done
        printf '\n'
        ;;
    brackets-blank)
        printf '# Brackets\n\n%s \n' "$(repeat "$bytes" '[')"
        ;;
    garbled-outlines) garbled "$bytes" '   ' ;;
    garbled-flat) garbled "$bytes" ' ' ;;
    nested-emphasis)
        k=$((bytes / 14))
        printf -- '- [a](u) - %sx%s\n' "$(repeat "$k" '*a **a ')" "$(repeat "$k" ' a** a*')"
        ;;
    emphasis-blank)
        printf -- '- [a](u) - %s\n' "$(repeat $((bytes / 4)) '*a* ')"
        ;;
    alternating-blank)
        printf -- '# T\n\n- [a](u) - %s \n' "$(repeat $((bytes / 2)) '*_')"
        ;;
    long-line)
        printf -- '- [Huge](https://example.org) - Words%s\n' "$(repeat $((bytes / 5)) ' word')"
        ;;
    tiny-items)
        repeat $((bytes / 2)) $'-\n'
        ;;
    nested-brackets)
        printf -- '- %sa%s(u)\n' "$(repeat $((bytes / 2)) '[')" "$(repeat $((bytes / 2)) ']')"
        ;;
    esac
}

shapes=(open-links brackets-blank garbled-outlines garbled-flat nested-emphasis emphasis-blank
    alternating-blank long-line tiny-items nested-brackets)

size_limit=()
if "$mdlinks" check --help | grep -q -- --max-file-size; then
    size_limit=(--max-file-size 1GiB)
fi

# `measure COMMAND FILE`: "seconds peak-KB exit" of the fastest of `runs`
# runs, each on a fresh copy of FILE (`fix` changes it); seconds `>LIMIT`
# where it was stopped.
measure() {
    local best="" best_kb=0 status seconds kb i
    for ((i = 0; i < runs; i++)); do
        cp "$2" "$work/run.md"
        status=0
        /usr/bin/time -f '%e %M' -o "$work/time" timeout "$limit" "$mdlinks" "$1" \
            "${size_limit[@]}" --output-format concise "$work/run.md" \
            >/dev/null 2>"$work/stderr" || status=$?
        read -r seconds kb < <(tail -1 "$work/time")
        if ((status == 124)); then
            printf '>%s %s %s\n' "$limit" "$kb" "$status"
            return
        fi
        if [[ -z $best ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$seconds
        fi
        ((kb > best_kb)) && best_kb=$kb
        ((status > 1)) && break
    done
    printf '%s %s %s\n' "$best" "$best_kb" "$status"
}

echo "mdlinks: $mdlinks"
echo "1x: $size bytes; fastest of $runs runs; s/MB: seconds per 1,000,000 bytes; growth: s/MB at 4x over s/MB at 1x"
printf '%-21s %8s | %7s %6s %7s %6s | %7s %6s %7s %6s %s\n' shape bytes \
    'check s' 's/MB' growth 'MB RSS' 'fix s' 's/MB' growth 'MB RSS' settled
for shape in "${shapes[@]}"; do
    declare -A per_mb=()
    for factor in 1 4; do
        file=$work/$shape-${factor}x.md
        make $((size * factor)) "$shape" >"$file"
        bytes=$(stat -c %s "$file")
        read -r check_s check_kb check_exit < <(measure check "$file")
        read -r fix_s fix_kb fix_exit < <(measure fix "$file")
        per_byte() { # ">300" stays a bound
            awk -v s="$1" -v b="$bytes" 'BEGIN { p = (s ~ /^>/) ? ">" : ""; sub(/^>/, "", s); printf "%s%.2f", p, s * 1e6 / b }'
        }
        check_mb=$(per_byte "$check_s")
        fix_mb=$(per_byte "$fix_s")
        per_mb[check$factor]=$check_mb
        per_mb[fix$factor]=$fix_mb
        growth() {
            ((factor == 1)) && { echo '-'; return; }
            awk -v a="${per_mb[${1}1]}" -v b="${per_mb[${1}4]}" \
                'BEGIN { if (a ~ /^>/ || b ~ /^>/ || a == 0) print "n/a"; else printf "%.2f", b / a }'
        }
        settled=yes
        if ((fix_exit == 124)); then
            settled="stopped"
        elif ((fix_exit > 1)); then
            settled="NO (exit $fix_exit: $(head -c 100 "$work/stderr"))"
        fi
        if ((check_exit == 124)); then
            settled="$settled (check stopped)"
        elif ((check_exit > 1)); then
            settled="$settled (check: exit $check_exit)"
        fi
        printf '%-21s %8s | %7s %6s %7s %6d | %7s %6s %7s %6d %s\n' "$shape ${factor}x" "$bytes" \
            "$check_s" "$check_mb" "$(growth check)" $((check_kb / 1024)) \
            "$fix_s" "$fix_mb" "$(growth fix)" $((fix_kb / 1024)) "$settled"
    done
    unset per_mb
done
