//! The CPU baseline of `bench/run.sh`: parse every Markdown file under the
//! given paths with comrak, as mdlinks does, and do nothing else.
//!
//! It uses the same crate versions (the same Cargo.lock), the same comrak
//! options and the same file discovery as `mdlinks check`, but one thread,
//! and it drops each file's arena before reading the next, so its time and
//! memory are what parsing alone costs. It prints only the number of files.
//!
//! ```sh
//! cargo run --release --example parse_only -- ../shared/corpus/knowledge
//! ```

use comrak::Arena;
use mdlinks::document::comrak_options;
use mdlinks::files;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: parse_only PATH...");
        return ExitCode::from(2);
    }
    let options = comrak_options();
    let (found, errors) = files::discover(&paths, &[]);
    let mut failed = !errors.is_empty();
    for error in errors {
        eprintln!("error: {error}");
    }
    let mut parsed = 0usize;
    for file in found {
        // (Any size: a baseline, not a linter.)
        let source = match files::read(&file.path, files::FileSize(u64::MAX)) {
            Ok(source) => source,
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
                continue;
            }
        };
        // A fresh arena per file, dropped at the end of this iteration.
        let arena = Arena::new();
        let root = comrak::parse_document(&arena, &source.text, &options);
        // Touch the tree so the parse cannot be mistaken for dead code.
        parsed += usize::from(root.first_child().is_some() || source.text.is_empty());
    }
    println!("{parsed}");
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
