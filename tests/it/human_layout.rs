//! The human report lays out most findings itself (`report/human/direct.rs`)
//! and leaves the rest to miette: the result must be miette's, byte for
//! byte. Every finding on the fixtures, and on the real files in `../shared`
//! where they are present, is rendered both ways.

use crate::support::{markdown_files, repo_root, shared_dir};
use mdlinks::Linter;
use mdlinks::report::FileReport;
use mdlinks::report::human::HumanReporter;
use std::fs;
use std::path::PathBuf;

/// Render each file's findings both ways; returns how many there were.
fn assert_laid_out_as_miette(files: &[PathBuf]) -> usize {
    let linter = Linter::default();
    let (direct, miette) = (HumanReporter::new(false), HumanReporter::miette_only(false));
    let mut findings = 0;
    for path in files {
        let Ok(text) = fs::read_to_string(path) else {
            continue; // not UTF-8: never reported on
        };
        let diagnostics = mdlinks::lint_text(&linter, &text);
        findings += diagnostics.len();
        let report = FileReport {
            path,
            text: &text,
            diagnostics: &diagnostics,
            lines: None,
        };
        let (mut ours, mut theirs) = (String::new(), String::new());
        direct.render(&mut ours, &report);
        miette.render(&mut theirs, &report);
        if ours != theirs {
            let at = ours
                .bytes()
                .zip(theirs.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(ours.len().min(theirs.len()));
            let from = theirs[..at].rfind("\n\n").unwrap_or(0);
            panic!(
                "{}: the report differs from miette's at byte {at}:\n--- ours\n{}\n--- miette\n{}",
                path.display(),
                &ours[from..(at + 200).min(ours.len())],
                &theirs[from..(at + 200).min(theirs.len())],
            );
        }
    }
    findings
}

#[test]
fn fixture_reports_are_miettes() {
    let mut files = Vec::new();
    markdown_files(&repo_root().join("tests/fixtures"), &mut files);
    assert!(assert_laid_out_as_miette(&files) > 100);
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
fn reports_on_the_shared_files_are_miettes() {
    let mut files = Vec::new();
    for what in ["examples", "corpus/awesome-nodejs", "corpus/knowledge"] {
        if let Some(dir) = shared_dir(what) {
            markdown_files(&dir, &mut files);
        }
    }
    let findings = assert_laid_out_as_miette(&files);
    eprintln!(
        "{} files, {findings} findings rendered both ways",
        files.len()
    );
}
