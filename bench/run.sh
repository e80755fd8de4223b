#!/usr/bin/env bash
# Benchmark mdlinks on a real corpus (GitHub issue 6).
#
#   bench/run.sh [OPTIONS] [CORPUS]
#
# Measures, side by side in one run: a comrak-parse-only baseline built from
# the same Cargo.lock (examples/parse_only.rs), `mdlinks check` (all cores and
# one thread), `mdlinks check --cross-file` (where the flag exists),
# `mdlinks fix` on a copy of the corpus that is already at its fixpoint,
# rumdl and markdownlint-cli2 on the same files, and mdlinks on one file of
# 1, 4 and 16 copies of the corpus, each copy with link targets of its own.
# Prints medians, ratios and PASS/FAIL against the targets of issue 6.
# Findings (exit 1) never abort the run.
#
# Wall time (median) comes from hyperfine; CPU time (user + system) and peak
# RSS from /usr/bin/time, median of several measurements taken round-robin
# across the commands, each of a few runs in a row. The peers are
# installed, where they can be, into a cache directory outside the
# repository; each one that cannot be installed is skipped, saying so.
#
# Not part of `cargo test`: it needs a release build, minutes and a corpus.

set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/run.sh [OPTIONS] [CORPUS]

CORPUS          directory of Markdown files (default: $MDLINKS_BENCH_CORPUS,
                else ../shared/corpus/knowledge beside the repository)

Options:
  --runs N            hyperfine runs per command (default 10; MDLINKS_BENCH_RUNS)
  --time-runs N       /usr/bin/time measurements per command for CPU and
                      memory, each of 5 runs in a row (default 7)
  --no-markdownlint   skip markdownlint-cli2 (it takes ~25 s a run)
  --no-linear         skip the 1x/4x/16x concatenation check
  --instructions      also count instructions with callgrind (valgrind):
                      exact, whatever the load of the machine; a few minutes
  --no-install        install nothing; use only what is already there
  -h, --help          this text

Environment:
  MDLINKS_BENCH_CACHE   where peers are installed
                        (default ${XDG_CACHE_HOME:-$HOME/.cache}/mdlinks-bench)
  MDLINKS_BENCH_LINEAR  the concatenation factors (default "1 4 16")
EOF
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${MDLINKS_BENCH_RUNS:-10}
time_runs=7
time_batch=5
markdownlint=1
linear=1
instructions=0
install=1
corpus=${MDLINKS_BENCH_CORPUS:-}
while (($#)); do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --time-runs) time_runs=$2; shift 2 ;;
        --no-markdownlint) markdownlint=0; shift ;;
        --no-linear) linear=0; shift ;;
        --instructions) instructions=1; shift ;;
        --no-install) install=0; shift ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "error: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) corpus=$1; shift ;;
    esac
done
corpus=${corpus:-$root/../shared/corpus/knowledge}
if [[ ! -d $corpus ]]; then
    echo "error: corpus directory not found: $corpus" >&2
    echo "       pass it as an argument or set MDLINKS_BENCH_CORPUS" >&2
    exit 2
fi
corpus=$(cd "$corpus" && pwd)
cache=${MDLINKS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mdlinks-bench}
factors=${MDLINKS_BENCH_LINEAR:-1 4 16}

work=$(mktemp -d "${TMPDIR:-/tmp}/mdlinks-bench.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# Peers look for configuration files in the working directory: use an empty one.
cd "$work"

say() { printf '\n== %s\n' "$*" >&2; }
note() { printf '   %s\n' "$*" >&2; }

# --- installing what the run needs -------------------------------------------

apt_updated=0
apt_install() { # apt_install PACKAGE: 0 if installed now or before
    ((install)) || return 1
    command -v apt-get >/dev/null || return 1
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null && sudo -n true 2>/dev/null || return 1
        sudo=(sudo -n)
    fi
    if ((!apt_updated)); then
        "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 || true
        apt_updated=1
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq "$1" >/dev/null 2>&1
}

say "tools"
if ! command -v hyperfine >/dev/null; then
    apt_install hyperfine || note "hyperfine: could not install; wall times come from /usr/bin/time"
fi
have_hyperfine=0
command -v hyperfine >/dev/null && have_hyperfine=1
if [[ ! -x /usr/bin/time ]]; then
    apt_install time || note "/usr/bin/time: could not install; no CPU or memory figures"
fi
have_time=0
[[ -x /usr/bin/time ]] && have_time=1

rumdl=$cache/venv/bin/rumdl
if [[ ! -x $rumdl ]] && ((install)); then
    mkdir -p "$cache"
    if command -v python3 >/dev/null &&
        python3 -m venv "$cache/venv" >/dev/null 2>&1 &&
        "$cache/venv/bin/pip" install -q rumdl >/dev/null 2>&1; then
        :
    else
        rm -rf "$cache/venv"
    fi
fi
[[ -x $rumdl ]] || { note "rumdl: could not install (PyPI, into $cache/venv); skipped"; rumdl=; }

mdl=
if ((markdownlint)); then
    mdl=$cache/npm/node_modules/.bin/markdownlint-cli2
    if [[ ! -x $mdl ]] && ((install)) && command -v npm >/dev/null; then
        mkdir -p "$cache/npm"
        npm install --prefix "$cache/npm" --no-audit --no-fund --silent \
            markdownlint-cli2 >/dev/null 2>&1 || true
    fi
    [[ -x $mdl ]] || { note "markdownlint-cli2: could not install (npm, into $cache/npm); skipped"; mdl=; }
fi

say "build (release)"
(cd "$root" && cargo build --release --locked --quiet --bin mdlinks --example parse_only)
target=${CARGO_TARGET_DIR:-$root/target}
[[ $target = /* ]] || target=$root/$target
mdlinks=$target/release/mdlinks
parse=$target/release/examples/parse_only

# --- the machine and the inputs ------------------------------------------------

say "machine and inputs"
files=$(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' \) | wc -l)
bytes=$(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' \) -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
largest=$(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' \) -printf '%s %p\n' | sort -n | tail -1)
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
ram=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
cat <<EOF
date:        $(date -u '+%Y-%m-%d %H:%M UTC')
commit:      $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')
machine:     $(nproc) cores ($cpu_model), $ram RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)
rustc:       $(rustc --version)
comrak:      $(awk '/^name = "comrak"/ {getline; print $3}' "$root/Cargo.lock" | tr -d '"')
corpus:      $corpus ($files files, $bytes bytes; largest ${largest#* }, ${largest%% *} bytes)
hyperfine:   $( ((have_hyperfine)) && hyperfine --version || echo none)
rumdl:       $(if [[ -n $rumdl ]]; then "$rumdl" --version; else echo skipped; fi)
markdownlint-cli2: $(if [[ -n $mdl ]]; then { "$mdl" --help 2>/dev/null || true; } | head -1; else echo skipped; fi)
runs:        hyperfine --warmup 2 --runs $runs; /usr/bin/time $time_runs x $time_batch runs, round-robin (median)
EOF

cross_file=0
check_help=$("$mdlinks" check --help 2>&1 || true)
if [[ $check_help == *--cross-file* ]]; then
    cross_file=1
else
    note "mdlinks check has no --cross-file yet: that target is skipped"
fi

# Every mdlinks command below is measured cold, its results cache off (a build
# without the cache ignores the variable); the warm cache has rows of its own,
# beside rumdl's default run, which keeps a cache too.
export MDLINKS_NO_CACHE=1
warm_cache=0
if [[ $check_help == *--no-cache* ]]; then
    warm_cache=1
else
    note "mdlinks check has no results cache yet: no warm-cache rows"
fi

# A copy of the corpus with nothing left to fix.
say "a copy of the corpus at its fixpoint"
fixed=$work/fixed
cp -R "$corpus" "$fixed"
chmod -R u+w "$fixed"
fix_status=0
"$mdlinks" fix --unsafe-fixes "$fixed" >/dev/null 2>&1 || fix_status=$?
check_status=0
"$mdlinks" fix --check --unsafe-fixes "$fixed" >/dev/null 2>&1 || check_status=$?
note "mdlinks fix --unsafe-fixes exited $fix_status; fix --check then exited $check_status (0: nothing left to change)"

# --- what is measured --------------------------------------------------------

# name|command: the command runs in a shell, output discarded.
cases=(
    "parse baseline (1 thread)|$parse $corpus"
    "mdlinks check|$mdlinks check $corpus"
    "mdlinks check (1 thread)|RAYON_NUM_THREADS=1 $mdlinks check $corpus"
)
((cross_file)) && cases+=("mdlinks check --cross-file|$mdlinks check --cross-file $corpus")
cases+=(
    "mdlinks check (fixpoint copy)|$mdlinks check $fixed"
    "mdlinks fix (fixpoint copy)|$mdlinks fix $fixed"
)
# --no-cache: rumdl must lint every file on every run; --isolated: defaults.
[[ -n $rumdl ]] && cases+=("rumdl check|$rumdl check --no-cache --isolated $corpus")
# Warm caches, each filled by a run beforehand: what a second run costs.
if ((warm_cache)); then
    warm="env -u MDLINKS_NO_CACHE MDLINKS_CACHE_DIR=$work/mdlinks-cache $mdlinks check"
    $warm "$corpus" >/dev/null 2>&1 || true
    cases+=("mdlinks check (warm cache)|$warm $corpus")
    if ((cross_file)); then
        $warm --cross-file "$corpus" >/dev/null 2>&1 || true
        cases+=("mdlinks check --cross-file (warm cache)|$warm --cross-file $corpus")
    fi
fi
if [[ -n $rumdl ]]; then
    # rumdl keeps its cache in the directory it runs in.
    mkdir -p "$work/rumdl-cache"
    (cd "$work/rumdl-cache" && "$rumdl" check --isolated "$corpus" >/dev/null 2>&1 || true)
    cases+=("rumdl check (warm cache)|cd $work/rumdl-cache && $rumdl check --isolated $corpus")
fi
slow_cases=()
[[ -n $mdl ]] && slow_cases+=("markdownlint-cli2|$mdl '$corpus/**/*.md'")

if [[ -n $rumdl ]]; then
    note "rumdl: $("$rumdl" check --no-cache --isolated "$corpus" 2>&1 | grep -E '^(Issues: )?Found|No issues' | tail -1 || true)"
fi

# Exit 1 means findings; 2 means mdlinks could not do the job, and then its
# times mean nothing: such a command fails every target it is part of.
declare -A broken
for entry in "${cases[@]}"; do
    [[ ${entry%%|*} == mdlinks* ]] || continue
    status=0
    bash -c "${entry#*|}" >/dev/null 2>&1 || status=$?
    if ((status > 1)); then
        broken[${entry%%|*}]=$status
        note "${entry%%|*}: exited $status (an error, not findings)"
    fi
done

# wall, wall_sd, cpu_h: hyperfine (median, stddev, mean user+system);
# cpu, rss: /usr/bin/time medians (runs taken round-robin).
declare -A wall wall_sd cpu_h cpu rss

median() { # median of the numbers on stdin
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

hyperfine_cases() { # hyperfine_cases WARMUP RUNS CASE...: fill wall[], wall_sd[], cpu_h[]
    local warmup=$1 n=$2 args=() entry csv=$work/hyperfine.csv
    shift 2
    for entry in "$@"; do args+=(-n "${entry%%|*}" "${entry#*|}"); done
    hyperfine -i --style basic --warmup "$warmup" --runs "$n" --export-csv "$csv" "${args[@]}" >&2
    # command,mean,stddev,median,user,system,min,max
    while IFS=, read -r name _ sd med user system _; do
        wall[$name]=$med
        wall_sd[$name]=$sd
        cpu_h[$name]=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.4f", u + s }')
    done < <(tail -n +2 "$csv")
}

time_cases() { # time_cases RUNS BATCH CASE...: fill cpu[] and rss[] (and wall[] if unset)
    # Each measurement times BATCH runs in a row and divides by BATCH:
    # /usr/bin/time counts in 10 ms steps, 6 % of the parse baseline.
    local n=$1 batch=$2 entry name r out
    shift 2
    local dir=$work/time
    rm -rf "$dir" && mkdir -p "$dir"
    # Round-robin, so a burst of load elsewhere hits every command alike.
    for ((r = 0; r < n; r++)); do
        for entry in "$@"; do
            name=${entry%%|*}
            out=$dir/$(printf '%s' "$name" | tr -c 'a-zA-Z0-9' _)
            /usr/bin/time -f '%e %U %S %M' -a -o "$out" \
                bash -c "for ((i = 0; i < $batch; i++)); do ${entry#*|}; done" >/dev/null 2>&1 || true
        done
    done
    for entry in "$@"; do
        name=${entry%%|*}
        out=$dir/$(printf '%s' "$name" | tr -c 'a-zA-Z0-9' _)
        # Lines other than the four numbers are "Command exited with ..."
        grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$out" >"$out.clean" || true
        cpu[$name]=$(awk -v b="$batch" '{ print ($2 + $3) / b }' "$out.clean" | median)
        rss[$name]=$(awk '{ print $4 / 1024 }' "$out.clean" | median)
        [[ -n ${wall[$name]:-} ]] || wall[$name]=$(awk -v b="$batch" '{ print $1 / b }' "$out.clean" | median)
    done
}

say "wall time (hyperfine)"
if ((have_hyperfine)); then
    hyperfine_cases 2 "$runs" "${cases[@]}"
    ((${#slow_cases[@]})) && hyperfine_cases 0 2 "${slow_cases[@]}"
else
    note "no hyperfine: wall times are /usr/bin/time medians"
fi
say "CPU time and peak memory (/usr/bin/time, $time_runs x $time_batch runs, round-robin)"
if ((have_time)); then
    time_cases "$time_runs" "$time_batch" "${cases[@]}"
    ((${#slow_cases[@]})) && time_cases 1 1 "${slow_cases[@]}"
fi

# Memory should follow the largest file: the largest file alone, for scale.
largest_case="mdlinks check (largest file alone)|$mdlinks check ${largest#* }"
((have_time)) && time_cases "$time_runs" "$time_batch" "$largest_case"

# --- linearity: one file of 1, 4, 16 copies of the corpus --------------------

# distinct_copy N FILE: FILE with every link target made copy N's own, so
# that the copies of a linearity file do not duplicate each other. Plain
# copies would make every item of copies 2..k a duplicate-url finding of
# copy 1 (337,479 findings in 4 copies where one has 951): time would grow
# with the findings printed, not with the text. Marked, each copy has the
# findings of the corpus, rule by rule (4 copies: exactly 4x). The marker
# `cNN` is two digits wide, so all copies have the same size. In order:
#   1. every target (but `#…`) gets a prefix `cNN/`: relative links
#      (`../notes.md`), which duplicate-url compares too, become others;
#   2. http(s) targets get it as a subdomain instead, after a `www.` that
#      duplicate-url ignores: `https://www.cNN.example.org/`; subdomains
#      are the same site to the host lists of url-https and url-tracking;
#   3. but news.ycombinator.com stays, as hn-suffix knows only that host;
#   4. and an item's own HN link gets the marker as (the end of) a
#      fragment, which hn-suffix ignores there; HN suffix links stay as
#      they are, since hn-suffix wants them canonical and duplicate-url
#      compares only items' own links.
# Headings are left alone: duplicate-title compares titles within a
# section, which is a heading's place, not its text (and a heading
# `cNN Notes` would no longer be a prose section).
distinct_copy() {
    local m hn own
    m=c$(printf '%02d' "$1")
    hn='https?://(www\.)?news\.ycombinator\.com'
    own="^( *[-*+] +\[([^][]|\[[^]]*\])*\]\(<?$hn"
    sed -E \
        -e "s#\]\((<?)([^#)<>])#](\1$m/\2#g" \
        -e "s#\]\((<?)$m/(https?://)(www\.)?#](\1\2\3$m.#g" \
        -e "s#\]\((<?)(https?://)(www\.)?$m\.news\.ycombinator\.com([/?#>)]|\$)#](\1\2\3news.ycombinator.com\4#g" \
        -e "s#${own}[^)#> ]*\#[^)> ]*)#\1-$m#" \
        -e "s#${own}[^)#> ]*)([)> ])#\1\#$m\4#" \
        "$2"
}

linear_cases=()
if ((linear)); then
    say "linearity: one file of ${factors// /, } distinct copies of the corpus"
    mkdir -p "$work/linear"
    # These files are over the default maximum file size (1 MiB).
    echo 'max-file-size = "4GiB"' >"$work/linear/mdlinks.toml"
    corpus_file=$work/linear/corpus.md
    # A blank line between files, so no file's last line runs into the next.
    find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' \) -print0 | sort -z |
        xargs -0 awk 'FNR == 1 && NR > 1 { print "" } { print }' >"$corpus_file"
    for k in $factors; do
        file=$work/linear/corpus-${k}x.md
        # The 1x file is copy 1 too, so that a kx file is k times its size;
        # a blank line between copies, as between files.
        for ((i = 1; i <= k; i++)); do
            if ((i > 1)); then echo; fi
            distinct_copy "$i" "$corpus_file"
        done >"$file"
        # A cost that grows faster than the text must not hang the run.
        linear_cases+=("mdlinks check ${k}x corpus in one file|timeout 600 $mdlinks check $file")
    done
    ((have_hyperfine)) && hyperfine_cases 1 5 "${linear_cases[@]}"
    ((have_time)) && time_cases 3 1 "${linear_cases[@]}"
fi

# --- the report --------------------------------------------------------------

num() { [[ ${1:-} =~ ^[0-9.eE+-]+$ ]] && [[ $1 != nan ]]; }
fmt() { # fmt VALUE UNIT DECIMALS
    num "${1:-}" && printf "%.${3}f%s" "$1" "$2" || printf 'n/a'
}
ratio() { # ratio A B: A / B
    num "${1:-}" && num "${2:-}" && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }' || printf 'n/a'
}
le() { num "$1" && num "$2" && awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
verdict() { # verdict CONDITION-EXIT-STATUS [CASE-NAME...]
    local name
    for name in "${@:2}"; do
        if [[ -n ${broken[$name]:-} ]]; then
            echo "FAIL ($name exited ${broken[$name]})"
            return
        fi
    done
    if [[ $1 == skip ]]; then echo SKIP; elif [[ $1 == 0 ]]; then echo PASS; else echo FAIL; fi
}

# CPU time for ratios: the /usr/bin/time median, whose runs alternate
# between the commands, so load elsewhere falls on all of them alike (the
# hyperfine mean, whose runs of one command come in a block, moved by 8 %
# between fix and check on a busy machine); else hyperfine's mean.
cpu_of() { local v=${cpu[$1]:-}; [[ -n $v ]] || v=${cpu_h[$1]:-}; printf '%s' "$v"; }

base="parse baseline (1 thread)"
peer_rumdl="rumdl check"
peer_mdl="markdownlint-cli2"
say "results"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
echo
echo "| Command | Wall (median) | CPU user+sys (median) | CPU (hyperfine mean) | Peak RSS (median) | CPU / parse | Wall / parse | rumdl wall / this | markdownlint wall / this |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for entry in "${cases[@]}" "${slow_cases[@]}" "$largest_case" "${linear_cases[@]}"; do
    name=${entry%%|*}
    [[ -n ${wall[$name]:-}${cpu[$name]:-} ]] || continue
    w=${wall[$name]:-}
    sd=${wall_sd[$name]:-}
    printf '| %s | %s%s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$name" "$(fmt "$w" ' s' 3)" "$(num "$sd" && printf ' ± %.3f' "$sd")" \
        "$(fmt "${cpu[$name]:-}" ' s' 3)" "$(fmt "${cpu_h[$name]:-}" ' s' 3)" \
        "$(fmt "${rss[$name]:-}" ' MiB' 1)" \
        "$(ratio "$(cpu_of "$name")" "$(cpu_of "$base")")" "$(ratio "$w" "${wall[$base]:-}")" \
        "$(ratio "${wall[$peer_rumdl]:-}" "$w")" "$(ratio "${wall[$peer_mdl]:-}" "$w")"
done

echo
echo "| Target | Measured | Verdict |"
echo "|---|---|---|"
check="mdlinks check"
check1="mdlinks check (1 thread)"

r=$(ratio "$(cpu_of "$check1")" "$(cpu_of "$base")")
v=1; le "$r" 1.5 && v=0
echo "| check CPU (1 thread) <= 1.5x parse CPU | ${r}x | $(verdict $v "$check1") |"

if [[ -n $rumdl ]]; then
    r=$(ratio "${wall[$peer_rumdl]:-}" "${wall[$check]:-}")
    v=1; le 4 "$r" && v=0
    echo "| check wall ($(nproc) threads) >= 4x faster than rumdl | ${r}x faster | $(verdict $v "$check") |"
else
    echo "| check wall >= 4x faster than rumdl | rumdl not installed | SKIP |"
fi
if ((warm_cache)) && [[ -n $rumdl ]]; then
    r=$(ratio "${wall[rumdl check (warm cache)]:-}" "${wall[mdlinks check (warm cache)]:-}")
    echo "| (no target) check wall, caches warm, against rumdl's default run | ${r}x faster | - |"
fi

# Between two mdlinks commands the verdict is on CPU time: hyperfine runs one
# command's runs back to back, so on a shared machine a burst of load
# elsewhere moves one wall median by tens of percent; wall is shown too.
# (A --cross-file that lost parallelism would show in wall alone: judge
# that on a quiet machine.)
if ((cross_file)); then
    name="mdlinks check --cross-file"
    rw=$(ratio "${wall[$name]:-}" "${wall[$check]:-}")
    rc=$(ratio "$(cpu_of "$name")" "$(cpu_of "$check")")
    v=1; le "$rc" 1.2 && v=0
    echo "| check --cross-file <= 1.2x check (CPU; wall shown) | CPU ${rc}x, wall ${rw}x | $(verdict $v "$name" "$check") |"
else
    echo "| check --cross-file <= 1.2x check | no --cross-file flag yet | SKIP |"
fi

fixname="mdlinks fix (fixpoint copy)"
fixcheck="mdlinks check (fixpoint copy)"
rw=$(ratio "${wall[$fixname]:-}" "${wall[$fixcheck]:-}")
rc=$(ratio "$(cpu_of "$fixname")" "$(cpu_of "$fixcheck")")
# 5 % allowance for measurement noise on "no more than".
v=1; le "$rc" 1.05 && v=0
echo "| fix with nothing to fix <= check on the same files (CPU, 5 % noise allowance; wall shown) | CPU ${rc}x, wall ${rw}x | $(verdict $v "$fixname" "$fixcheck") |"

m=${rss[$check]:-}
v=1; le "$m" 64 && v=0
echo "| peak RSS of check on the whole corpus < 64 MiB | $(fmt "$m" ' MiB' 1) (largest file alone: $(fmt "${rss[${largest_case%%|*}]:-}" ' MiB' 1)) | $(verdict $v "$check") |"

if ((linear)); then
    base1="mdlinks check 1x corpus in one file"
    worst=0
    detail=
    for k in $factors; do
        [[ $k == 1 ]] && continue
        name="mdlinks check ${k}x corpus in one file"
        per=$(ratio "$(cpu_of "$name")" "$(awk -v b="$(cpu_of "$base1")" -v k="$k" 'BEGIN { print b * k }')")
        per_wall=$(ratio "${wall[$name]:-}" "$(awk -v b="${wall[$base1]:-0}" -v k="$k" 'BEGIN { print b * k }')")
        detail+="${k}x: CPU ${per}x, wall ${per_wall}x per byte; "
        le "$per" 1.1 && le 0.9 "$per" || worst=1
    done
    echo "| time proportional to size, within 10 % (CPU per byte vs 1x; wall shown) | ${detail%; } | $(verdict $worst) |"
else
    echo "| time proportional to size | --no-linear | SKIP |"
fi

# --- instructions (callgrind) ---------------------------------------------------

# CPU time on a shared machine moves by tens of percent between runs; the
# number of instructions executed does not move at all. It is a proxy (a
# cache miss costs more than an add), so the targets are judged on time
# above; these ratios say where the code stands whatever the load.
if ((instructions)); then
    if ! command -v valgrind >/dev/null; then
        apt_install valgrind || note "valgrind: could not install; no instruction counts"
    fi
    if command -v valgrind >/dev/null; then
        say "instructions (callgrind, one thread)"
        declare -A instr
        count() { # count NAME COMMAND...: instructions of COMMAND into instr[NAME]
            local name=$1 out=$work/callgrind.out
            shift
            RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out" "$@" \
                >/dev/null 2>"$work/callgrind.err" || true
            instr[$name]=$(awk '/^(summary|totals):/ { print $2; exit }' "$out")
        }
        count parse "$parse" "$corpus"
        count check "$mdlinks" check "$corpus"
        ((cross_file)) && count cross "$mdlinks" check --cross-file "$corpus"
        count fixcheck "$mdlinks" check "$fixed"
        count fix "$mdlinks" fix "$fixed"
        millions() { num "${1:-}" && awk -v n="$1" 'BEGIN { printf "%.0f M", n / 1e6 }' || printf 'n/a'; }
        echo
        echo "| Instructions (callgrind, 1 thread) | Count | Ratio |"
        echo "|---|---:|---|"
        echo "| parse baseline | $(millions "${instr[parse]:-}") | |"
        echo "| mdlinks check | $(millions "${instr[check]:-}") | $(ratio "${instr[check]:-}" "${instr[parse]:-}")x parse (target 1.5x) |"
        ((cross_file)) && echo "| mdlinks check --cross-file | $(millions "${instr[cross]:-}") | $(ratio "${instr[cross]:-}" "${instr[check]:-}")x check (target 1.2x) |"
        echo "| mdlinks check (fixpoint copy) | $(millions "${instr[fixcheck]:-}") | |"
        echo "| mdlinks fix (fixpoint copy) | $(millions "${instr[fix]:-}") | $(ratio "${instr[fix]:-}" "${instr[fixcheck]:-}")x check on the same files (target 1x) |"
    fi
fi
