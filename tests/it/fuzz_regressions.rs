//! Every input the fuzz target (`fuzz/`) ever failed on, kept under
//! `tests/data/fuzz-regressions/` and checked for the same properties, so
//! that a regression shows up in `cargo test` without running the fuzzer.

use crate::support::fix_properties::{alone_and_padded, fix_properties};
use crate::support::repo_root;
use mdlinks::Linter;
use std::fs;

#[test]
fn every_former_fuzz_failure_now_holds() {
    let dir = repo_root().join("tests/data/fuzz-regressions");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no inputs in {}", dir.display());
    let linter = Linter::default();
    let mut failures = Vec::new();
    for path in &paths {
        // As the fuzz target reads its bytes, and checks them.
        let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
        for text in &alone_and_padded(&text) {
            // Fixes must settle on any text the CLI reads: it skips
            // files with a NUL byte as binary.
            let must_settle = !text.contains('\0');
            if let Err(broken) = fix_properties(&linter, text, must_settle) {
                failures.push(format!("{}: {broken}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
