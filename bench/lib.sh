# Shared by the bench scripts: `source "$(dirname "$0")/lib.sh"`.

# The mdlinks binary to time: the path given ($1), else a release build of
# this tree (built now). Sets `mdlinks`; exits 2 if there is none.
mdlinks_binary() {
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    if [[ $# -ge 1 ]]; then
        mdlinks=$1
    else
        (cd "$root" && cargo build --release --locked --quiet --bin mdlinks)
        mdlinks=${CARGO_TARGET_DIR:-$root/target}/release/mdlinks
    fi
    if [[ ! -x $mdlinks ]]; then
        echo "$(basename "$0"): no mdlinks binary at '$mdlinks' (give a path to one, or none to build this tree)" >&2
        exit 2
    fi
}
