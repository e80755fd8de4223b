//! Whole-corpus properties on the real files in `../shared` (skipped, with a
//! note, where they are absent): no panic, fixing twice equals fixing once,
//! a file without findings comes out byte-identical, and no link is lost
//! except an HN suffix repeating the item's own URL.

mod common;

use common::links_kept::links_kept;
use common::shared_dir;
use mdlinks::{FixOptions, Linter};
use std::fs;
use std::path::{Path, PathBuf};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn check_file(linter: &Linter, path: &Path) {
    let Ok(text) = fs::read_to_string(path) else {
        return; // not UTF-8: the CLI reports it; nothing to fix here.
    };
    let name = path.display();
    let findings = mdlinks::lint_text(linter, &text);
    let options = FixOptions { unsafe_fixes: true };
    let once = mdlinks::fix_text(linter, &text, options)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .text;
    let twice = mdlinks::fix_text(linter, &once, options).unwrap().text;
    assert_eq!(once, twice, "{name}: fix is not idempotent");
    if findings.is_empty() {
        assert_eq!(once, text, "{name}: a clean file changed");
    }
    if let Err(lost) = links_kept(&text, &once) {
        panic!("{name}: {lost}");
    }
}

#[test]
fn knowledge_corpus_fixes_safely() {
    let Some(dir) = shared_dir("corpus/knowledge") else {
        return;
    };
    let mut files = Vec::new();
    markdown_files(&dir, &mut files);
    assert!(
        files.len() > 1000,
        "expected the whole corpus, found {} files",
        files.len()
    );
    let linter = Linter::default();
    for path in &files {
        check_file(&linter, path);
    }
}

#[test]
fn awesome_list_fixes_safely() {
    let Some(path) = shared_dir("corpus/awesome-nodejs/readme.md") else {
        return;
    };
    check_file(&Linter::default(), &path);
}

/// The example page of the issue: fixing it (with unsafe fixes) changes
/// exactly the two items that break house style, and nothing else.
#[test]
fn machine_learning_example_is_fixed_and_nothing_else_changes() {
    let Some(path) = shared_dir("examples/machine-learning.md") else {
        return;
    };
    let text = fs::read_to_string(path).unwrap();
    let fixed = mdlinks::fix_text(&Linter::default(), &text, FixOptions { unsafe_fixes: true })
        .unwrap()
        .text;
    let changed: Vec<(&str, &str)> = text
        .lines()
        .zip(fixed.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(text.lines().count(), fixed.lines().count());
    assert_eq!(
        changed,
        [
            (
                "- [Practical Deep Learning for Coders 2019](https://www.fast.ai/2019/01/24/course-v3/) - ([HN](https://news.ycombinator.com/item?id=19000027)) ([GitHub](https://github.com/fastai/course-v3))",
                "- [Practical Deep Learning for Coders (2019)](https://www.fast.ai/2019/01/24/course-v3/) ([HN](https://news.ycombinator.com/item?id=19000027)) ([GitHub](https://github.com/fastai/course-v3))",
            ),
            (
                "- [A Gentle Introduction to Bayes’ Theorem for Machine Learning (2019)](https://news.ycombinator.com/item?id=21151032) ([HN](https://news.ycombinator.com/item?id=21151032))",
                "- [A Gentle Introduction to Bayes’ Theorem for Machine Learning (2019)](https://news.ycombinator.com/item?id=21151032)",
            ),
        ]
    );
}
