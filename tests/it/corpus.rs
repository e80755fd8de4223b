//! Whole-corpus properties on the real files in `../shared` (skipped, with a
//! note, where they are absent): no panic, fixing twice equals fixing once,
//! a file without findings comes out byte-identical, and no link is lost
//! except an HN suffix repeating the item's own URL. URLs are compared after
//! the changes fixes are meant to make (`url-https`, `url-tracking`), and a
//! new link must be one whose URL was written in the text already (a
//! `broken-link` repaired). Fixing nested lists keeps the list tree.

use crate::support::links_kept::links_kept;
use crate::support::{entry, markdown_files, mdlinks_in, repo_root, shared_dir};
use mdlinks::cross_file::{UrlRecord, cross_file_duplicates};
use mdlinks::document::{Document, Reading, same_tree};
use mdlinks::{FixOptions, Linter};
use std::fs;
use std::path::Path;

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
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
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
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
fn awesome_list_fixes_safely() {
    let Some(path) = shared_dir("corpus/awesome-nodejs/readme.md") else {
        return;
    };
    check_file(&Linter::default(), &path);
}

/// Fixing nested list indentation (the default two spaces, and tabs as the
/// awesome list uses) leaves every file's tree as it was, positions aside.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
fn list_indent_fixes_keep_every_list_tree() {
    let (Some(knowledge), Some(awesome)) = (
        shared_dir("corpus/knowledge"),
        shared_dir("corpus/awesome-nodejs/readme.md"),
    ) else {
        return;
    };
    let mut files = vec![awesome];
    markdown_files(&knowledge, &mut files);
    for options in ["indent = 2", "indent = 4", "indent = \"tab\""] {
        let table: toml::Table = toml::from_str(options).unwrap();
        let rule = (entry("list-indent").build)(table).unwrap();
        let linter = Linter::new(vec![rule], vec!["Notes".to_owned()]);
        for path in &files {
            let Ok(text) = fs::read_to_string(path) else {
                continue;
            };
            let fixed = mdlinks::fix_text(&linter, &text, FixOptions::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .text;
            if fixed == text {
                continue;
            }
            let (before, after) = (comrak::Arena::new(), comrak::Arena::new());
            let before = Document::parse(&text, &before, &Reading::new(&[]));
            let after = Document::parse(&fixed, &after, &Reading::new(&[]));
            assert!(
                same_tree(before.root, after.root),
                "{} ({options}): the list tree changed",
                path.display()
            );
        }
    }
}

/// Cross-file duplicates over the whole corpus: one record per link item,
/// one pass over them. Every finding points at an earlier file.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
fn cross_file_duplicates_on_the_whole_corpus() {
    let Some(dir) = shared_dir("corpus/knowledge") else {
        return;
    };
    let mut files = Vec::new();
    markdown_files(&dir, &mut files);
    let linter = Linter::default();
    let records: Vec<Vec<UrlRecord>> = files
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            let options = mdlinks::LintOptions {
                url_records: true,
                ..mdlinks::LintOptions::default()
            };
            linter.lint(&text, &options).url_records
        })
        .collect();
    let started = std::time::Instant::now();
    let duplicates = cross_file_duplicates(&records);
    eprintln!(
        "{} records, {} cross-file duplicates in {:?}",
        records.iter().map(Vec::len).sum::<usize>(),
        duplicates.len(),
        started.elapsed()
    );
    assert!(!duplicates.is_empty());
    for d in &duplicates {
        assert!(d.first_file < d.file);
        assert_eq!(
            records[d.file][d.record].key,
            records[d.first_file][d.first_record].key
        );
    }
}

/// The example page of the issue: fixing it (with unsafe fixes) changes
/// exactly the two items that break house style and one `http://` link to
/// GitHub Pages, and nothing else.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
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
                "- [Dive Into ML](http://hangtwenty.github.io/dive-into-machine-learning/)",
                "- [Dive Into ML](https://hangtwenty.github.io/dive-into-machine-learning/)",
            ),
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

/// The README's configuration for an awesome list leaves only real
/// departures from that list's own conventions: one item indented with a
/// space before its tab, and one description with a doubled space.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
fn awesome_list_with_its_documented_configuration() {
    let Some(path) = shared_dir("corpus/awesome-nodejs/readme.md") else {
        return;
    };
    let readme = fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme
        .find("# mdlinks.toml beside readme.md\n")
        .expect("awesome config in README");
    let config = &readme[start..start + readme[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mdlinks.toml"), config).unwrap();
    fs::copy(&path, dir.path().join("readme.md")).unwrap();
    let out = mdlinks_in(dir.path())
        .args(["check", "--output-format", "concise", "readme.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let findings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("readme.md:"))
        .collect();
    assert_eq!(
        findings,
        [
            "readme.md:362:54: item-whitespace [*] 2 spaces between `Intuitive` and `TypeScript`",
            "readme.md:585:1: list-indent [*] nested list item is not indented by a tab from its parent item (file uses a tab for 99 of 99 items)"
        ],
        "{stdout}"
    );
}
