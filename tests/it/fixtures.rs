//! The fixture harness: `tests/fixtures/<rule>/` holds `valid-*.md` files the
//! rule must not flag and `invalid-*.md` files it must, each with a snapshot
//! of its findings (`invalid-*.snap`, via insta) and, where the rule fixes
//! anything, the expected result of fixing (safe and unsafe fixes) beside it
//! as `invalid-*.fixed.md`. Run with `MDLINKS_BLESS=1` to write `.fixed.md`
//! files and `INSTA_UPDATE=always` to write snapshots; review both.

use crate::support::{fix_all_online, lint, lint_online, only, repo_root};
use mdlinks::Diagnostic;
use mdlinks::diagnostic::Severity;
use mdlinks::online::Responses;
use mdlinks::rules::REGISTRY;
use mdlinks::span::LineIndex;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture_dir(rule: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(rule)
}

/// What the fixtures' URLs answered, for rules that judge by the network:
/// `responses.txt` beside them (see `Responses::from_script`).
fn responses_in(dir: &Path) -> Option<Responses> {
    let script = fs::read_to_string(dir.join("responses.txt")).ok()?;
    Some(Responses::from_script(&script).expect("a valid responses.txt"))
}

fn cases(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name.starts_with(prefix) && name.ends_with(".md") && !name.ends_with(".fixed.md")
    });
    files.sort();
    files
}

/// One line per finding: position, message (marked if a warning), and the
/// fix if any.
fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let lines = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| {
            let start = lines.line_col(text, d.span.start);
            let end = lines.line_col(text, d.span.end);
            let action = match &d.fix {
                Some(fix) => format!("fix ({:?}): {}", fix.applicability, fix.title),
                None => format!("no fix: {}", d.help.as_deref().unwrap_or("")),
            };
            let warning = match d.severity {
                Severity::Warning => " (warning)",
                Severity::Error => "",
            };
            format!(
                "{}:{}-{}:{} {}{warning}\n    {action}\n",
                start.line, start.column, end.line, end.column, d.message
            )
        })
        .collect()
}

#[test]
fn valid_fixtures_have_no_findings() {
    for entry in REGISTRY {
        let name = entry.meta.name;
        let linter = only(name);
        let responses = responses_in(&fixture_dir(name));
        let lint =
            |linter: &mdlinks::Linter, text: &str| lint_online(linter, text, responses.as_ref());
        for path in cases(&fixture_dir(name), "valid-") {
            let text = fs::read_to_string(&path).unwrap();
            let found = lint(&linter, &text);
            assert!(
                found.is_empty(),
                "{}: expected no findings, got:\n{}",
                path.display(),
                render(&text, &found)
            );
        }
    }
}

#[test]
fn invalid_fixtures_match_their_snapshots_and_fixed_files() {
    let bless = std::env::var_os("MDLINKS_BLESS").is_some();
    for entry in REGISTRY {
        let name = entry.meta.name;
        let linter = only(name);
        let dir = fixture_dir(name);
        let responses = responses_in(&dir);
        let lint =
            |linter: &mdlinks::Linter, text: &str| lint_online(linter, text, responses.as_ref());
        let fix_all =
            |linter: &mdlinks::Linter, text: &str| fix_all_online(linter, text, responses.as_ref());
        for path in cases(&dir, "invalid-") {
            let case = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let text = fs::read_to_string(&path).unwrap();
            let found = lint(&linter, &text);
            assert!(!found.is_empty(), "{}: expected findings", path.display());

            insta::with_settings!({
                snapshot_path => dir.clone(),
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!("{name}: findings in {case}.md"),
            }, {
                insta::assert_snapshot!(case.clone(), render(&text, &found));
            });

            let fixed_path = dir.join(format!("{case}.fixed.md"));
            let has_fix = found.iter().any(|d| d.fix.is_some());
            if !has_fix {
                assert!(
                    !fixed_path.exists(),
                    "{}: nothing is fixable, so there must be no fixed file",
                    fixed_path.display()
                );
                continue;
            }
            let fixed = fix_all(&linter, &text);
            if bless {
                fs::write(&fixed_path, &fixed).unwrap();
            }
            let expected = fs::read_to_string(&fixed_path).unwrap_or_else(|_| {
                panic!(
                    "{} is missing (MDLINKS_BLESS=1 writes it)",
                    fixed_path.display()
                )
            });
            assert_eq!(fixed, expected, "{}", fixed_path.display());
            assert_eq!(
                fix_all(&linter, &fixed),
                fixed,
                "{}: fix is not idempotent",
                path.display()
            );
            assert!(
                lint(&linter, &fixed)
                    .iter()
                    .all(|d| d.fix_applicability().is_none()),
                "{}: fixable findings remain after fixing",
                fixed_path.display()
            );
        }
    }
}

/// Every registered rule has its source file, its document and fixtures;
/// every document and fixture directory belongs to a registered rule.
#[test]
fn every_rule_is_complete() {
    let root = repo_root();
    let names: Vec<&str> = REGISTRY.iter().map(|e| e.meta.name).collect();
    for name in &names {
        let source = root
            .join("src/rules")
            .join(format!("{}.rs", name.replace('-', "_")));
        assert!(source.is_file(), "{name}: missing {}", source.display());
        assert!(
            root.join("rules").join(format!("{name}.md")).is_file(),
            "{name}: missing rules/{name}.md"
        );
        let dir = fixture_dir(name);
        assert!(
            !cases(&dir, "valid-").is_empty(),
            "{name}: no valid-*.md fixture"
        );
        assert!(
            !cases(&dir, "invalid-").is_empty(),
            "{name}: no invalid-*.md fixture"
        );
    }
    for doc in fs::read_dir(root.join("rules")).unwrap() {
        let path = doc.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        assert!(
            names.contains(&stem.as_str()),
            "rules/{stem}.md documents no registered rule"
        );
    }
    for dir in fs::read_dir(root.join("tests/fixtures")).unwrap() {
        let path = dir.unwrap().path();
        if path.is_dir() {
            let stem = path.file_name().unwrap().to_str().unwrap().to_owned();
            assert!(
                names.contains(&stem.as_str()),
                "tests/fixtures/{stem} belongs to no rule"
            );
        }
    }
}

/// The project's own Markdown follows its own style.
#[test]
fn own_documents_are_clean() {
    let root = repo_root();
    let linter = mdlinks::Linter::default();
    let mut paths = vec![root.join("README.md")];
    paths.extend(
        fs::read_dir(root.join("rules"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    for path in paths {
        let text = fs::read_to_string(&path).unwrap();
        let found = lint(&linter, &text);
        assert!(
            found.is_empty(),
            "{}:\n{}",
            path.display(),
            render(&text, &found)
        );
    }
}
