//! Helpers shared by the integration tests.

pub mod fix_properties;
pub mod links_kept;
mod project;

pub use project::Project;

use assert_cmd::Command;
use mdlinks::online::Responses;
use mdlinks::rules::{REGISTRY, RuleEntry};
use mdlinks::{Diagnostic, FixOptions, LintOptions, Linter};
use std::fs;
use std::path::{Path, PathBuf};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The mdlinks binary of this build, with colour off (`NO_COLOR`, and no
/// `FORCE_COLOR` from the environment that runs the tests) and no
/// results cache (`cache` tests it): each run lints afresh, and
/// leaves nothing behind in its directory.
pub fn mdlinks() -> Command {
    let mut cmd = Command::cargo_bin("mdlinks").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env("MDLINKS_NO_CACHE", "1");
    cmd
}

/// As [`mdlinks`], with the results cache kept in `cache_dir` and its key
/// in [`key_home`]`(cache_dir)`.
pub fn mdlinks_cached(cache_dir: &Path) -> Command {
    let mut cmd = mdlinks();
    cmd.env_remove("MDLINKS_NO_CACHE")
        .env("MDLINKS_CACHE_DIR", cache_dir)
        .env("XDG_CACHE_HOME", key_home(cache_dir));
    cmd
}

/// Where a test keeps the key of the results cache in `cache_dir` (as
/// `XDG_CACHE_HOME`): beside it, not in the user's own cache directory.
pub fn key_home(cache_dir: &Path) -> PathBuf {
    let mut name = cache_dir.file_name().unwrap_or_default().to_owned();
    name.push(".key-home");
    cache_dir.with_file_name(name)
}

/// The mdlinks binary run in `dir`: paths in its output are relative to it,
/// and `check` with no paths walks it.
pub fn mdlinks_in(dir: &Path) -> Command {
    let mut cmd = mdlinks();
    cmd.current_dir(dir);
    cmd
}

/// Write `contents` to `dir/name`, creating the directories in `name`.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, contents).unwrap();
    path
}

pub fn entry(name: &str) -> &'static RuleEntry {
    REGISTRY
        .iter()
        .find(|e| e.meta.name == name)
        .unwrap_or_else(|| panic!("no rule `{name}`"))
}

/// A linter running only `name`, with default options.
pub fn only(name: &str) -> Linter {
    let rule = (entry(name).build_default)();
    Linter::new(vec![rule], vec!["Notes".to_owned()])
}

pub fn lint(linter: &Linter, text: &str) -> Vec<Diagnostic> {
    mdlinks::lint_text(linter, text)
}

/// As [`lint`], the text's URLs having answered as `responses` records
/// (`--online`'s rules judge by it; with `None`, as [`lint`]).
pub fn lint_online(linter: &Linter, text: &str, responses: Option<&Responses>) -> Vec<Diagnostic> {
    let options = LintOptions {
        responses,
        ..LintOptions::default()
    };
    linter.lint(text, &options).diagnostics
}

/// Fix with safe and unsafe fixes, the text's URLs having answered as
/// `responses` records; panics if fixes do not settle.
pub fn fix_all_online(linter: &Linter, text: &str, responses: Option<&Responses>) -> String {
    let options = LintOptions {
        responses,
        ..LintOptions::default()
    };
    mdlinks::fix::fix_text(text, FixOptions { unsafe_fixes: true }, |t| {
        linter.lint(t, &options).diagnostics
    })
    .expect("fixes settle")
    .text
}

/// `n` distinct link items in the house style (` - `, a capital, a period).
pub fn house_items(n: usize) -> String {
    (0..n).map(house_item).collect()
}

fn house_item(i: usize) -> String {
    format!("- [Item {i:05}](https://example.org/{i}) - Description {i}.\n")
}

/// `n` link items of a list that keeps to the house style, one in `every`
/// of them slipping (an en dash, a small letter, no period), and the same
/// list fixed. (A list whose every item slipped alike would be following a
/// convention of its own, which mdlinks keeps.)
pub fn list_with_slips(n: usize, every: usize) -> (String, String) {
    let dirty = (0..n)
        .map(|i| {
            if i % every == 0 {
                format!("- [Item {i:05}](https://example.org/{i}) – description {i}\n")
            } else {
                house_item(i)
            }
        })
        .collect();
    (dirty, house_items(n))
}

/// `../shared` beside the checkout, or `MDLINKS_SHARED`; `None` (and a note on
/// stderr) where it is absent, as on a user's machine.
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("MDLINKS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    let path = dir.join(what);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is absent (set MDLINKS_SHARED to the shared folder to run this test)",
            path.display()
        );
        None
    }
}

/// The names in `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every `.md` file below `dir`, in sorted order, appended to `out`.
pub fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
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

/// `check --output-format concise` of `project` with `args`: the exit code
/// and each finding as `file rule`, sorted (a warning's `warning:` left
/// out).
pub fn concise_findings(project: &Project, args: &[&str]) -> (i32, Vec<String>) {
    let out = project.run(&[&["check", "--output-format", "concise"], args].concat());
    let mut pairs: Vec<String> = out
        .stdout
        .lines()
        .filter(|l| l.contains(".md:"))
        .map(|l| {
            let file = l.split(':').next().unwrap();
            let rule = l
                .split_whitespace()
                .skip(1)
                .find(|word| *word != "warning:")
                .unwrap();
            format!("{file} {rule}")
        })
        .collect();
    pairs.sort();
    (out.code.unwrap(), pairs)
}
