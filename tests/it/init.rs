//! `mdlinks init`: an mdlinks.toml with the conventions learned from a list
//! written out. With it, `check` finds what it finds without it, on small
//! lists made to the point, on every fixture directory and on the corpus.

use crate::support::{Project, mdlinks, repo_root, shared_dir};
use std::fs;
use std::path::Path;

/// A list keeping to `*`, a tab, `: ` and no period, with one slip of each
/// (twenty-five items, so that its conventions count).
fn starred_list() -> String {
    let mut text = String::from("# Tools\n\n");
    for i in 0..25 {
        let marker = if i == 3 { '-' } else { '*' };
        let separator = if i == 5 { " - " } else { ": " };
        let end = if i == 7 { "." } else { "" };
        text.push_str(&format!(
            "{marker} [Tool {i}](https://example.org/{i}){separator}Does thing {i}{end}\n"
        ));
        if i % 5 == 0 {
            text.push_str(&format!(
                "\t{marker} [Sub {i}](https://example.org/s{i}){separator}Part of it{end}\n"
            ));
        }
    }
    text
}

/// The findings of `check` on `paths` under `args`, each as file, rule,
/// place, severity, fix and message without the convention it cites
/// (which a setting does not).
fn findings(dir: &Path, args: &[&str]) -> Vec<String> {
    let out = mdlinks()
        .current_dir(dir)
        .args(["check", "--output-format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let evidence = regex::Regex::new(r" \((list|file|section) uses .*\)$").unwrap();
    let mut found: Vec<String> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {} {} {}",
                d["file"],
                d["rule"],
                d["start"]["offset"],
                d["severity"],
                d["fix"]["applicability"],
                evidence.replace(d["message"].as_str().unwrap(), "")
            )
        })
        .collect();
    found.sort();
    found
}

/// The schema checked in, as a validator.
fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(repo_root().join("mdlinks.schema.json")).unwrap())
            .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// `text` as TOML is valid against the schema.
pub fn assert_valid(text: &str, what: &str) {
    let value: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
    let json = serde_json::to_value(value).unwrap();
    let errors: Vec<String> = validator()
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{what} is invalid: {errors:#?}\n{text}");
}

#[test]
fn writes_the_learned_conventions_as_settings_with_what_was_observed() {
    let p = Project::new().file("tools.md", starred_list());
    let before = findings(p.path(), &[]);
    assert!(!before.is_empty());
    let out = p.run(&["init"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("mdlinks.toml"), "{}", out.stderr);
    let written = p.read("mdlinks.toml");
    for (setting, observed) in [
        ("marker = \"*\"", "`*`, learned from 29 of 30 items"),
        ("indent = \"tab\"", "a tab, learned from 5 of 5 items"),
        ("separator = \": \"", "`: `, learned from 28 of 30 items"),
    ] {
        let at = written
            .find(setting)
            .unwrap_or_else(|| panic!("no {setting}:\n{written}"));
        assert!(
            written[..at].contains(observed),
            "no `{observed}` above {setting}:\n{written}"
        );
    }
    // No period: not enforced as learned, so not written as `end = "none"`,
    // which would report the one period.
    assert!(written.contains("\n# end = \"none\"\n"), "{written}");
    assert_valid(&written, "the configuration init writes");
    assert_eq!(findings(p.path(), &[]), before, "{written}");
}

#[test]
fn a_mixed_or_undecided_aspect_is_commented_out() {
    // Half the items end with a period; no item is nested.
    let mut text = String::new();
    for i in 0..30 {
        let end = if i % 2 == 0 { "." } else { "" };
        text.push_str(&format!(
            "- [Tool {i}](https://example.org/{i}) - Does thing {i}{end}\n"
        ));
    }
    let p = Project::new().file("a.md", &text);
    let before = findings(p.path(), &[]);
    let out = p.run(&["init", "--stdout"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = out.stdout;
    assert!(
        text.contains("not enforced: mixed (a period for 15 of 30 items, 50%)"),
        "{text}"
    );
    assert!(text.contains("\n# end = \"period\"\n"), "{text}");
    assert!(text.contains("\n# indent = 2\n"), "{text}");
    assert!(text.contains("\nmarker = \"-\"\n"), "{text}");
    assert!(
        !p.path().join("mdlinks.toml").exists(),
        "--stdout writes nothing"
    );
    p.write("mdlinks.toml", &text);
    assert_eq!(findings(p.path(), &[]), before);
}

#[test]
fn a_setting_that_would_overrule_a_file_of_its_own_is_left_out() {
    // Three files with `-`; one with `*` throughout: with `marker = "-"`
    // its items would all be findings.
    let mut p = Project::new();
    for name in ["a", "b", "c"] {
        let text: String = (0..40)
            .map(|i| format!("- [{name}{i}](https://{name}.org/{i}) - A thing.\n"))
            .collect();
        p = p.file(&format!("{name}.md"), text);
    }
    let starred: String = (0..12)
        .map(|i| format!("* [S{i}](https://s.org/{i}) - A thing.\n"))
        .collect();
    p = p.file("s.md", starred);
    let before = findings(p.path(), &[]);
    let out = p.run(&["init"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let written = p.read("mdlinks.toml");
    assert!(written.contains("\n# marker = \"-\"\n"), "{written}");
    assert!(
        written.contains("with 12 list-marker findings instead of 0"),
        "{written}"
    );
    assert_eq!(findings(p.path(), &[]), before, "{written}");
}

#[test]
fn refuses_to_overwrite_without_force() {
    let p = Project::new()
        .file("a.md", starred_list())
        .file("mdlinks.toml", "ignore = [\"year-parens\"]\n");
    let out = p.run(&["init"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("mdlinks.toml already exists"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(p.read("mdlinks.toml"), "ignore = [\"year-parens\"]\n");
    // `.mdlinks.toml` counts too, and is the file `--force` replaces.
    fs::remove_file(p.path().join("mdlinks.toml")).unwrap();
    p.write(".mdlinks.toml", "strict = true\n");
    assert_eq!(p.run(&["init"]).code, Some(2));
    let out = p.run(&["init", "--force"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(p.read(".mdlinks.toml").contains("marker = \"*\""));
    assert!(!p.path().join("mdlinks.toml").exists());
    // What the replaced file set and the new one does not is said.
    assert!(
        out.stderr
            .contains(".mdlinks.toml had settings the new file does not: strict"),
        "{}",
        out.stderr
    );
    // A file is no list.
    let out = p.run(&["init", "a.md"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("a.md: not a directory"),
        "{}",
        out.stderr
    );
    // Another directory, named.
    let out = p.run(&["init", "missing"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("missing: no such directory"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_list_under_a_configuration_extends_it() {
    // The parent ignores a rule and sets the marker: the new file inherits
    // both, writes no marker of its own, and finds the same.
    let p = Project::new()
        .file(
            "mdlinks.toml",
            "ignore = [\"description-period\"]\nexclude = [\"list/skip.md\"]\n[rules.list-marker]\nmarker = \"*\"\n",
        )
        .file("list/tools.md", starred_list())
        .file("list/skip.md", "- [x](https://x.org) - bad:\n")
        .file("list/other/mdlinks.toml", "select = [\"list-marker\"]\n")
        .file("list/other/o.md", "+ [x](https://x.org) - Other list.\n");
    let before = findings(p.path(), &["list"]);
    let out = p.run(&["init", "list"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let written = p.read("list/mdlinks.toml");
    assert!(
        written.contains("\nextend = \"../mdlinks.toml\"\n"),
        "{written}"
    );
    assert!(
        written.contains("(set by the configuration extended)\n# marker = \"*\""),
        "{written}"
    );
    assert!(written.contains("description-period is off"), "{written}");
    assert!(
        written.contains("Not in this list: 1 file below, governed by an mdlinks.toml"),
        "{written}"
    );
    assert!(written.contains("(1 file, 30 list items)"), "{written}");
    assert_valid(&written, "the configuration init writes");
    assert_eq!(findings(p.path(), &["list"]), before, "{written}");
}

/// Init on a copy of `dir` (its Markdown files, walked): the written
/// configuration is valid and changes no finding.
fn init_keeps_findings(dir: &Path) {
    let p = Project::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            p.write(
                path.file_name().unwrap().to_str().unwrap(),
                fs::read(&path).unwrap(),
            );
        }
    }
    let before = findings(p.path(), &[]);
    let out = p.run(&["init"]);
    assert_eq!(out.code, Some(0), "{}: {}", dir.display(), out.stderr);
    let written = p.read("mdlinks.toml");
    assert_valid(&written, &format!("init for {}", dir.display()));
    assert_eq!(
        findings(p.path(), &[]),
        before,
        "{}:\n{written}",
        dir.display()
    );
}

#[test]
fn every_fixture_directory_keeps_its_findings() {
    let fixtures = repo_root().join("tests/fixtures");
    let mut dirs = 0;
    for entry in fs::read_dir(&fixtures).unwrap() {
        let dir = entry.unwrap().path();
        if dir.is_dir() {
            init_keeps_findings(&dir);
            dirs += 1;
        }
    }
    assert!(dirs > 10, "fixture directories: {dirs}");
}

/// The corpus is not written to: init prints its configuration, which
/// `--config` then applies to the same files.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
fn every_corpus_list_keeps_its_findings() {
    let Some(corpus) = shared_dir("corpus") else {
        return;
    };
    let mut lists = vec![corpus.join("knowledge"), corpus.join("awesome-nodejs")];
    for entry in fs::read_dir(corpus.join("lists")).unwrap() {
        lists.push(entry.unwrap().path());
    }
    let temp = tempfile::tempdir().unwrap();
    for list in lists {
        let out = mdlinks()
            .current_dir(&list)
            .args(["init", "--stdout"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let written = String::from_utf8(out.stdout).unwrap();
        assert_valid(&written, &format!("init for {}", list.display()));
        let config = temp.path().join("mdlinks.toml");
        fs::write(&config, &written).unwrap();
        let with = findings(&list, &["--config", config.to_str().unwrap()]);
        assert_eq!(with, findings(&list, &[]), "{}:\n{written}", list.display());
        eprintln!("{}: {} findings alike", list.display(), with.len());
    }
}
