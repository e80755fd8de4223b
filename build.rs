//! Gives the binary a hash of the sources it was built from, so that the
//! results cache uses findings only in a build of the same sources: two
//! builds of one version may lint differently (a developer's, a patched
//! one), and their executables may have the same size and modification
//! time (Nix sets every file's to 1).

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn main() {
    // SipHash with fixed keys: the same sources give the same hash.
    let mut hasher = DefaultHasher::new();
    println!("cargo:rerun-if-changed=build.rs");
    for root in ["src", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={root}");
        hash_tree(Path::new(root), &mut hasher);
    }
    println!(
        "cargo:rustc-env=MDLINKS_SOURCE_HASH={:016x}",
        hasher.finish()
    );
    shared_corpus();
}

/// `cfg(shared_corpus)` where the real corpus the tests read is there
/// (`MDLINKS_SHARED`, else `../shared` beside the checkout): the tests that
/// need it are marked ignored without it, so `cargo test` says so, rather
/// than passing with nothing run. (Where it appears after a build, `cargo
/// clean -p mdlinks` or setting `MDLINKS_SHARED` picks it up.)
fn shared_corpus() {
    println!("cargo::rustc-check-cfg=cfg(shared_corpus)");
    println!("cargo:rerun-if-env-changed=MDLINKS_SHARED");
    let shared = std::env::var_os("MDLINKS_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new("..").join("shared"));
    if shared.join("corpus").is_dir() {
        println!("cargo:rustc-cfg=shared_corpus");
    }
}

/// Hash the names and contents of the files under `path`, in name order.
/// A path that is absent (Cargo.lock in some packagings) hashes as such.
fn hash_tree(path: &Path, hasher: &mut DefaultHasher) {
    path.hash(hasher);
    if path.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(path)
            .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for entry in entries {
            hash_tree(&entry, hasher);
        }
    } else {
        fs::read(path).ok().hash(hasher);
    }
}
