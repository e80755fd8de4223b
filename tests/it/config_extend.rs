//! `extend = "../mdlinks.toml"`: a configuration file inheriting another,
//! key by key, as ruff's `extend` does.

use crate::support::Project;

/// Three findings: a dash (description-dash), no period (description-period)
/// and a bare year (year-parens, unsafe fix).
const ITEMS: &str = "# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) – TUI database tool\n- [Coders 2019](https://course.fast.ai/)\n";

/// `check --output-format concise` → (exit code, sorted `file rule` pairs).
fn findings(project: &Project, args: &[&str]) -> (i32, Vec<String>) {
    crate::support::concise_findings(project, args)
}

#[test]
fn the_child_overrides_its_parent_key_by_key() {
    let p = Project::new()
        .file(
            "mdlinks.toml",
            "strict = true\nignore = [\"year-parens\"]\n[rules.description-dash]\nseverity = \"warning\"\n[rules.description-period]\nseverity = \"warning\"\n",
        )
        .file(
            "sub/mdlinks.toml",
            "extend = \"../mdlinks.toml\"\nstrict = false\n[rules.description-period]\nseverity = \"error\"\n",
        )
        .file("sub/a.md", ITEMS);
    // `ignore` inherited; `strict` replaced; each rule table merged: the
    // dash stays a warning, the period is an error again.
    let (code, found) = findings(&p, &["sub"]);
    assert_eq!(
        found,
        ["sub/a.md description-dash", "sub/a.md description-period"]
    );
    assert_eq!(code, 1);
    let config = p.run(&["config"]);
    assert!(config.stdout.contains("strict = true"), "{}", config.stdout);
    let sub = p
        .mdlinks()
        .arg("config")
        .current_dir(p.path().join("sub"))
        .output()
        .unwrap();
    let sub = String::from_utf8(sub.stdout).unwrap();
    assert!(sub.contains("strict = false"), "{sub}");
    // Where each value comes from.
    let line = |start: &str| {
        sub.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no `{start}` in {sub}"))
            .to_owned()
    };
    let (parent, child) = ("/mdlinks.toml", "/sub/mdlinks.toml");
    assert!(line("#   extending ").ends_with(parent), "{sub}");
    assert!(line("#   strict = ").ends_with(child), "{sub}");
    let dash = line("#   rules.description-dash.severity = ");
    assert!(dash.ends_with(parent) && !dash.ends_with(child), "{sub}");
    assert!(
        line("#   rules.description-period.severity = ").ends_with(child),
        "{sub}"
    );
}

#[test]
fn rule_selection_is_layered_as_in_ruff() {
    // The parent selects two rules; the child adds one with extend-select
    // and drops one with ignore; a grandchild's `select` starts afresh.
    let p = Project::new()
        .file("mdlinks.toml", "select = [\"description-dash\", \"description-period\"]\n")
        .file(
            "a/mdlinks.toml",
            "extend = \"../mdlinks.toml\"\nextend-select = [\"year-parens\"]\nignore = [\"description-dash\"]\n",
        )
        .file("a/x.md", ITEMS)
        .file("a/b/mdlinks.toml", "extend = \"../mdlinks.toml\"\nselect = [\"description-dash\"]\n")
        .file("a/b/y.md", ITEMS);
    assert_eq!(
        findings(&p, &[]).1,
        [
            "a/b/y.md description-dash",
            "a/x.md description-period",
            "a/x.md year-parens",
        ]
    );
}

#[test]
fn a_chain_of_three_files_resolves_each_extend_relative_to_its_own_file() {
    // `extend` is relative to the file naming it, not to the working
    // directory: run from elsewhere, with `--config` too.
    let p = Project::new()
        .file("base/root.toml", "select = [\"year-parens\"]\n")
        .file(
            "base/mid/mid.toml",
            "extend = \"../root.toml\"\nextend-select = [\"description-dash\"]\n",
        )
        .file(
            "project/mdlinks.toml",
            "extend = \"../base/mid/mid.toml\"\n",
        )
        .file("project/a.md", ITEMS);
    assert_eq!(
        findings(&p, &["project"]).1,
        ["project/a.md description-dash", "project/a.md year-parens"]
    );
    let out = p
        .mdlinks()
        .current_dir(p.path().join("base"))
        .args(["check", "--output-format", "concise", "--config"])
        .arg(p.path().join("project/mdlinks.toml"))
        .arg(p.path().join("project/a.md"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().filter(|l| l.contains("a.md:")).count(),
        2,
        "{stdout}"
    );
}

#[test]
fn a_cycle_is_an_error_naming_the_files() {
    let p = Project::new()
        .file("mdlinks.toml", "extend = \"sub/other.toml\"\n")
        .file("sub/other.toml", "extend = \"../mdlinks.toml\"\n")
        .file("a.md", ITEMS);
    let out = p.run(&["check"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("`extend` makes a cycle"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("mdlinks.toml"), "{}", out.stderr);
    assert!(out.stderr.contains("other.toml"), "{}", out.stderr);
    // A file extending itself too.
    p.write("mdlinks.toml", "extend = \"./mdlinks.toml\"\n");
    let out = p.run(&["check"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("`extend` makes a cycle"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_parent_is_an_error_naming_both_files() {
    let p = Project::new()
        .file("sub/mdlinks.toml", "extend = \"../missing.toml\"\n")
        .file("sub/a.md", ITEMS);
    let out = p.run(&["check", "sub"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("missing.toml"), "{}", out.stderr);
    assert!(
        out.stderr.contains("which `extend` names"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("sub/mdlinks.toml"), "{}", out.stderr);
}

#[test]
fn a_mistake_in_a_parent_is_reported_in_the_parent() {
    let p = Project::new()
        .file("mdlinks.toml", "[rules.list-marker]\nmarker = \"x\"\n")
        .file("sub/mdlinks.toml", "extend = \"../mdlinks.toml\"\n")
        .file("sub/a.md", ITEMS);
    let out = p.run(&["check", "sub"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("marker = \"x\""), "{}", out.stderr);
    assert!(!out.stderr.contains("sub/mdlinks.toml"), "{}", out.stderr);
}

#[test]
fn exclude_and_per_file_ignores_stay_relative_to_the_file_that_set_them() {
    // The parent's globs name `sub/…` from the root; the child, in `sub/`,
    // inherits them as they were meant: `sub/skip.md`, `sub/docs/*.md`.
    let p = Project::new()
        .file(
            "mdlinks.toml",
            "exclude = [\"sub/skip.md\"]\n[per-file-ignores]\n\"sub/docs/*.md\" = [\"year-parens\"]\n",
        )
        .file("sub/mdlinks.toml", "extend = \"../mdlinks.toml\"\n")
        .file("sub/skip.md", ITEMS)
        .file("sub/keep.md", ITEMS)
        .file("sub/docs/d.md", ITEMS);
    let (_, found) = findings(&p, &["--select", "year-parens"]);
    assert_eq!(found, ["sub/keep.md year-parens"]);
    // A child's own glob is relative to the child, and its `exclude`
    // replaces the parent's whole (arrays are replaced).
    p.write(
        "sub/mdlinks.toml",
        "extend = \"../mdlinks.toml\"\nexclude = [\"keep.md\"]\n[per-file-ignores]\n\"docs/*.md\" = []\n\"keep.md\" = [\"description-dash\"]\n",
    );
    let (_, found) = findings(&p, &["--select", "year-parens"]);
    // skip.md is no longer excluded; keep.md is; the parent's ignore for
    // docs/ still holds (another glob text, merged beside the child's).
    assert_eq!(found, ["sub/skip.md year-parens"]);
}

#[test]
fn show_settings_names_the_file_an_option_comes_from() {
    let p = Project::new()
        .file("mdlinks.toml", "[rules.list-marker]\nmarker = \"*\"\n")
        .file("sub/mdlinks.toml", "extend = \"../mdlinks.toml\"\n")
        .file("sub/a.md", ITEMS);
    let out = p.run(&["check", "--show-settings", "sub"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let marker = out
        .stdout
        .lines()
        .find(|l| l.contains("bullet marker"))
        .unwrap();
    assert!(
        marker.contains("\"*\" (configured: [rules.list-marker] marker in ")
            && marker.ends_with("/mdlinks.toml)")
            && !marker.contains("sub/mdlinks.toml"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(", extending "), "{}", out.stdout);
}
