//! The command line a ruff user expects: `check --fix`, `--exit-zero`,
//! `--select ALL`, `format`, `completions`, `clean`, `explain` suggestions,
//! `--output-file`, `--color`, `--show-fixes`, `-q` and `-s`, and errors that
//! start `error:`.

use crate::support::Project;

const FIXABLE: &str =
    "# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) – Cross-platform TUI database tool\n";
const FIXED: &str = "# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) - Cross-platform TUI database tool.\n";
const UNFIXABLE: &str =
    "# Links\n\n- [Knit](https://github.com/bufbuild/knit) - Capabilities for:\n";
/// A bare trailing year: only an unsafe fix moves it.
const UNSAFE: &str = "- [Practical Deep Learning for Coders 2019](https://course.fast.ai/)\n";
const UNSAFE_FIXED: &str =
    "- [Practical Deep Learning for Coders (2019)](https://course.fast.ai/)\n";

#[test]
fn check_fix_fixes_in_place_as_fix_does() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["check", "--fix", "notes.md"]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("Applied 2 fixes in 1 file."),
        "{}",
        out.stdout
    );
    assert_eq!(p.read("notes.md"), FIXED);
}

#[test]
fn check_fix_applies_unsafe_fixes_only_with_unsafe_fixes() {
    let p = Project::new().file("notes.md", UNSAFE);
    let out = p.run(&["check", "--fix", "notes.md"]);
    assert_eq!(out.code, Some(1));
    assert_eq!(p.read("notes.md"), UNSAFE);
    let out = p.run(&["check", "--fix", "--unsafe-fixes", "notes.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(p.read("notes.md"), UNSAFE_FIXED);
}

#[test]
fn check_fix_reads_standard_input_as_fix_does() {
    let p = Project::new();
    let out = p.run_with_stdin(&["check", "--fix", "-"], FIXABLE);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, FIXED);
}

#[test]
fn check_fix_exits_1_when_findings_remain_and_0_with_exit_zero() {
    let p = Project::new().file("notes.md", UNFIXABLE);
    assert_eq!(p.run(&["check", "--fix", "notes.md"]).code, Some(1));
    let out = p.run(&["check", "--fix", "--exit-zero", "notes.md"]);
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.contains("1 finding remaining."),
        "{}",
        out.stdout
    );
}

#[test]
fn check_fix_does_not_take_statistics() {
    let p = Project::new().file("notes.md", FIXABLE);
    assert_eq!(p.run(&["check", "--fix", "--statistics"]).code, Some(2));
    assert_eq!(p.read("notes.md"), FIXABLE);
}

#[test]
fn check_unsafe_fixes_without_fix_counts_unsafe_fixes_as_available() {
    let p = Project::new().file("notes.md", UNSAFE);
    let out = p.run(&["check", "notes.md"]);
    assert!(
        out.stdout
            .contains("Found 1 finding in 1 file. 1 fixable with `mdlinks fix --unsafe-fixes`."),
        "{}",
        out.stdout
    );
    let out = p.run(&["check", "--unsafe-fixes", "notes.md"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains(
            "Found 1 finding in 1 file. 1 fixable with `mdlinks check --fix --unsafe-fixes`."
        ),
        "{}",
        out.stdout
    );
    assert_eq!(p.read("notes.md"), UNSAFE);
}

#[test]
fn exit_zero_keeps_findings_from_failing_the_check() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["check", "--exit-zero", "notes.md"]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("description-dash"), "{}", out.stdout);
}

#[test]
fn exit_zero_still_exits_2_on_errors() {
    let p = Project::new();
    let out = p.run(&["check", "--exit-zero", "missing.md"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
}

/// `github-readme` is off by default: ALL switches it on.
const NO_README: &str =
    "- [Gobang](https://github.com/TaKO8Ki/gobang) - Cross-platform TUI database tool.\n";

fn rules_run(p: &Project, args: &[&str]) -> Vec<String> {
    let mut all = vec!["config"];
    all.extend(args);
    let out = p.run(&all);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let config: toml::Table = out
        .stdout
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .parse()
        .unwrap();
    config["select"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn select_takes_spaces_around_names() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&[
        "check",
        "--output-format",
        "concise",
        "--select",
        "description-period , description-dash",
        "--ignore",
        " description-period",
        "notes.md",
    ]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stdout.contains("description-dash"), "{}", out.stdout);
    assert!(!out.stdout.contains("description-period"), "{}", out.stdout);
}

#[test]
fn select_all_runs_every_rule_even_those_off_by_default() {
    let p = Project::new().file("notes.md", NO_README);
    assert_eq!(p.run(&["check", "notes.md"]).code, Some(0));
    let out = p.run(&[
        "check",
        "--select",
        "ALL",
        "--output-format",
        "concise",
        "notes.md",
    ]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stdout.contains("github-readme"), "{}", out.stdout);
    let every = rules_run(&p, &["--select", "ALL"]);
    assert!(every.contains(&"github-readme".to_owned()), "{every:?}");
    assert_eq!(every, rules_run(&p, &["--extend-select", "ALL"]));
    let some = rules_run(
        &p,
        &["--select", "ALL", "--ignore", "github-readme, url-https"],
    );
    assert_eq!(some.len(), every.len() - 2, "{some:?}");
    assert!(rules_run(&p, &["--ignore", "ALL"]).is_empty());
}

#[test]
fn select_all_in_the_configuration_file() {
    let p = Project::new()
        .file(
            "mdlinks.toml",
            "select = [\"ALL\"]\nignore = [\"url-https\"]\n",
        )
        .file("notes.md", NO_README);
    let out = p.run(&["check", "--output-format", "concise", "notes.md"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stdout.contains("github-readme"), "{}", out.stdout);
    let rules = rules_run(&p, &[]);
    assert!(rules.contains(&"github-readme".to_owned()));
    assert!(!rules.contains(&"url-https".to_owned()));
}

#[test]
fn a_misspelt_name_in_a_spaced_list_is_still_an_error() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["check", "--select", "description-dash, yaer-parens"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("year-parens"), "{}", out.stderr);
}

#[test]
fn format_applies_safe_fixes_and_exits_0_with_findings_left() {
    let p = Project::new()
        .file("a.md", FIXABLE)
        .file("b.md", UNFIXABLE)
        .file("c.md", UNSAFE);
    let out = p.run(&["format"]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert_eq!(p.read("a.md"), FIXED);
    assert_eq!(p.read("b.md"), UNFIXABLE);
    assert_eq!(p.read("c.md"), UNSAFE, "no unsafe fixes");
}

#[test]
fn fmt_is_format() {
    let p = Project::new().file("a.md", FIXABLE);
    assert_eq!(p.run(&["fmt", "a.md"]).code, Some(0));
    assert_eq!(p.read("a.md"), FIXED);
}

#[test]
fn format_reads_standard_input_and_writes_standard_output() {
    let p = Project::new();
    let out = p.run_with_stdin(&["format", "-"], FIXABLE);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, FIXED);
    let out = p.run_with_stdin(&["fmt", "-"], UNFIXABLE);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, UNFIXABLE);
}

#[test]
fn format_exits_2_when_a_file_cannot_be_read() {
    let p = Project::new();
    assert_eq!(p.run(&["format", "missing.md"]).code, Some(2));
    let out = p.run_with_stdin(&["format", "-"], vec![0xff, 0xfe, 0x00, 0x80]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
}

#[test]
fn format_check_and_diff_exit_1_when_something_would_change() {
    let p = Project::new().file("a.md", FIXABLE);
    assert_eq!(p.run(&["format", "--check"]).code, Some(1));
    let out = p.run(&["format", "--diff"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stdout.contains("+- [Gobang]"), "{}", out.stdout);
    assert_eq!(p.read("a.md"), FIXABLE);
    let p = Project::new().file("b.md", UNFIXABLE);
    assert_eq!(p.run(&["format", "--check"]).code, Some(0));
}

#[test]
fn completions_print_a_script_for_each_shell() {
    let p = Project::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = p.run(&["completions", shell]);
        assert_eq!(out.code, Some(0), "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("mdlinks"), "{shell}");
        assert!(out.stdout.contains("unsafe-fixes"), "{shell}");
    }
    assert_eq!(p.run(&["completions", "tcsh"]).code, Some(2));
}

/// `check` with the results cache on, its key kept in the project.
fn check_cached(p: &Project, args: &[&str]) {
    let out = p
        .mdlinks()
        .env_remove("MDLINKS_NO_CACHE")
        .env("XDG_CACHE_HOME", p.path().join("key-home"))
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn clean_removes_the_cache_check_made_and_says_so() {
    let p = Project::new().file("docs/mdlinks.toml", "").file(
        "docs/a.md",
        "- [Gobang](https://github.com/TaKO8Ki/gobang) - Cross-platform TUI database tool.\n",
    );
    check_cached(&p, &["docs"]);
    assert!(p.path().join(".mdlinks_cache/CACHEDIR.TAG").is_file());
    let out = p.run(&["clean"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("Removed the results cache .mdlinks_cache ("),
        "{}",
        out.stdout
    );
    assert!(!p.path().join(".mdlinks_cache").exists());
    assert!(p.path().join("docs/a.md").exists());
    let out = p.run(&["clean"]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("nothing to remove"), "{}", out.stdout);
}

#[test]
fn clean_finds_the_cache_beside_the_configuration_or_where_told() {
    let p = Project::new()
        .file("mdlinks.toml", "")
        .file("sub/a.md", "# Notes\n");
    let sub = p.path().join("sub");
    let out = p
        .mdlinks()
        .current_dir(&sub)
        .env_remove("MDLINKS_NO_CACHE")
        .env("XDG_CACHE_HOME", p.path().join("key-home"))
        .args(["check", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(p.path().join(".mdlinks_cache").is_dir());
    let out = p.mdlinks().current_dir(&sub).arg("clean").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!p.path().join(".mdlinks_cache").exists());

    check_cached(&p, &["--cache-dir", "elsewhere", "sub"]);
    let out = p
        .mdlinks()
        .env("MDLINKS_CACHE_DIR", "elsewhere")
        .arg("clean")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!p.path().join("elsewhere").exists());
}

#[test]
fn clean_removes_nothing_but_a_tagged_cache() {
    let p = Project::new().file("precious/notes.md", "# Mine\n");
    let out = p.run(&["clean", "--cache-dir", "precious"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("not a results cache"), "{}", out.stderr);
    assert_eq!(p.read("precious/notes.md"), "# Mine\n");
}

#[cfg(unix)]
#[test]
fn clean_follows_no_symlink_out_of_the_cache() {
    let p = Project::new()
        .file("outside/keep.md", "# Keep\n")
        .file("a.md", "# Notes\n");
    check_cached(&p, &["a.md"]);
    let cache = p.path().join(".mdlinks_cache");
    std::os::unix::fs::symlink(p.path().join("outside"), cache.join("link")).unwrap();
    let out = p.run(&["clean"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    // The link is none of mdlinks's: left, with the directory holding it,
    // and nothing followed through it.
    assert!(
        out.stdout.contains("left 1 file mdlinks did not make"),
        "{}",
        out.stdout
    );
    assert!(std::fs::symlink_metadata(cache.join("link")).is_ok_and(|m| m.is_symlink()));
    assert_eq!(p.read("outside/keep.md"), "# Keep\n");

    // A cache directory that is itself a link is left alone.
    std::fs::remove_dir_all(&cache).unwrap();
    check_cached(&p, &["--cache-dir", "real-cache", "a.md"]);
    std::os::unix::fs::symlink(p.path().join("real-cache"), &cache).unwrap();
    let out = p.run(&["clean"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("symbolic link"), "{}", out.stderr);
    assert!(p.path().join("real-cache/CACHEDIR.TAG").is_file());
}

#[test]
fn explain_suggests_the_closest_rule_as_select_does() {
    let p = Project::new();
    let out = p.run(&["explain", "yaer-parens"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("no rule named `yaer-parens`; did you mean `year-parens`?"),
        "{}",
        out.stderr
    );
    let select = p.run(&["check", "--select", "yaer-parens"]);
    assert!(
        select.stderr.contains("did you mean `year-parens`?"),
        "{}",
        select.stderr
    );
    // Typed in capitals; `all` for `ALL`.
    let loud = p.run(&["explain", "YEAR-PARENS"]);
    assert!(
        loud.stderr.contains("did you mean `year-parens`?"),
        "{}",
        loud.stderr
    );
    let all = p.run(&["check", "--select", "all"]);
    assert_eq!(all.code, Some(2));
    assert!(
        all.stderr.contains("did you mean `ALL` (every rule)?"),
        "{}",
        all.stderr
    );
    // Nothing close: the list of rules.
    let out = p.run(&["explain", "zzz"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("the rules are: "), "{}", out.stderr);
    assert!(out.stderr.contains("year-parens"), "{}", out.stderr);
}

#[test]
fn explain_io_error_prints_its_document() {
    let out = Project::new().run(&["explain", "io-error"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.starts_with("# io-error\n"), "{}", out.stdout);
    assert!(out.stdout.contains("exits 2"), "{}", out.stdout);
}

#[test]
fn output_file_takes_the_report_instead_of_standard_output() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&[
        "check",
        "-o",
        "report.json",
        "--output-format",
        "json",
        "notes.md",
    ]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let report: serde_json::Value = serde_json::from_str(&p.read("report.json")).unwrap();
    assert_eq!(report.as_array().unwrap().len(), 2);
    // Replaced whole on the next run; human reports are not coloured there.
    let out = p.run(&["check", "--output-file", "report.json", "notes.md"]);
    assert_eq!(out.code, Some(1));
    let text = p.read("report.json");
    assert!(text.contains("Found 2 findings"), "{text}");
    assert!(!text.contains('\x1b'), "{text}");
    let forced = p
        .mdlinks()
        .env("FORCE_COLOR", "1")
        .args(["check", "-o", "report.txt", "notes.md"])
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(1));
    assert!(!p.read("report.txt").contains('\x1b'));
}

#[test]
fn output_file_that_cannot_be_written_is_an_error_and_leaves_nothing_behind() {
    let p = Project::new().file("notes.md", FIXABLE);
    std::fs::create_dir(p.path().join("report")).unwrap();
    let out = p.run(&["check", "-o", "report", "notes.md"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("report"), "{}", out.stderr);
    let out = p.run(&["check", "-o", "missing/dir/report.txt", "notes.md"]);
    assert_eq!(out.code, Some(2));
    let left: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn output_file_with_fix_takes_fix_s_report() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["check", "--fix", "-o", "report.txt", "notes.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(p.read("report.txt").contains("Applied 2 fixes"));
    assert_eq!(p.read("notes.md"), FIXED);
}

fn coloured(p: &Project, env: &[(&str, &str)], args: &[&str]) -> bool {
    let mut cmd = p.mdlinks();
    cmd.env_remove("NO_COLOR").env_remove("FORCE_COLOR");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd
        .arg("check")
        .args(args)
        .arg("notes.md")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8_lossy(&out.stdout).contains('\x1b')
}

#[test]
fn color_follows_the_flag_then_force_color_then_no_color() {
    let p = Project::new().file("notes.md", FIXABLE);
    // Through a pipe, auto is plain.
    assert!(!coloured(&p, &[], &[]));
    assert!(!coloured(&p, &[], &["--color", "auto"]));
    assert!(coloured(&p, &[], &["--color", "always"]));
    assert!(coloured(&p, &[("NO_COLOR", "1")], &["--color", "always"]));
    assert!(coloured(&p, &[("FORCE_COLOR", "1")], &[]));
    assert!(!coloured(&p, &[("FORCE_COLOR", "")], &[]));
    assert!(!coloured(
        &p,
        &[("FORCE_COLOR", "1")],
        &["--color", "never"]
    ));
    assert!(!coloured(&p, &[("FORCE_COLOR", "1")], &["--no-color"]));
    let p2 = Project::new();
    assert_eq!(
        p2.run(&["check", "--no-color", "--color", "always"]).code,
        Some(2)
    );
}

#[test]
fn check_diff_shows_the_fixes_and_writes_nothing() {
    let p = Project::new().file("notes.md", UNSAFE);
    let out = p.run(&["check", "--diff", "--unsafe-fixes", "notes.md"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!("+{UNSAFE_FIXED}")),
        "{}",
        out.stdout
    );
    assert_eq!(p.read("notes.md"), UNSAFE);
    assert_eq!(
        p.run(&["check", "--diff", "--fix", "notes.md"]).code,
        Some(2)
    );
}

#[test]
fn clean_with_a_broken_configuration_is_an_error_and_removes_nothing() {
    let p = Project::new()
        .file("mdlinks.toml", "selct = []\n")
        .file(".mdlinks_cache/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is a cache made by mdlinks.\n");
    let out = p.run(&["clean"]);
    assert_eq!(out.code, Some(2), "{}", out.stdout);
    assert!(p.path().join(".mdlinks_cache/CACHEDIR.TAG").exists());
    // --cache-dir needs no configuration.
    let out = p.run(&["clean", "--cache-dir", ".mdlinks_cache"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(!p.path().join(".mdlinks_cache").exists());
}

#[test]
fn check_show_fixes_lists_the_fixes_fix_would_apply() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["check", "--show-fixes", "notes.md"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains(
            "\nFixes `mdlinks fix` would apply:\n  notes.md:3:46: description-dash [*] use ` - `\n  notes.md:3:80: description-period [*] add a period\nFound 2 findings"
        ),
        "{}",
        out.stdout
    );
    // An unsafe fix is listed only where it would be applied.
    let p = Project::new().file("notes.md", UNSAFE);
    let out = p.run(&["check", "--show-fixes", "notes.md"]);
    assert!(
        out.stdout
            .contains("No fixes for `mdlinks fix` to apply.\n"),
        "{}",
        out.stdout
    );
    let out = p.run(&["check", "--show-fixes", "--unsafe-fixes", "notes.md"]);
    assert!(
        out.stdout.contains(
            "Fixes `mdlinks fix --unsafe-fixes` would apply:\n  notes.md:1:39: year-parens [-] "
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn fix_show_fixes_lists_the_fixes_applied_by_file_and_rule() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["fix", "--show-fixes", "notes.md"]);
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.stdout,
        "Applied 2 fixes:\n- notes.md:\n    1 × description-dash\n    1 × description-period\nApplied 2 fixes in 1 file.\n"
    );
    assert_eq!(p.read("notes.md"), FIXED);
    // `check --fix` takes it too; standard input has it on standard error.
    let out = p.run_with_stdin(&["check", "--fix", "--show-fixes", "-"], FIXABLE);
    assert_eq!(out.stdout, FIXED);
    assert!(
        out.stderr
            .starts_with("Applied 2 fixes:\n- -:\n    1 × description-dash\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn quiet_prints_the_findings_only() {
    let p = Project::new().file("notes.md", UNFIXABLE);
    for args in [&["check", "-q"][..], &["check", "--quiet"], &["fix", "-q"]] {
        let out = p.run(&[args, &["notes.md"]].concat());
        assert_eq!(out.code, Some(1), "{args:?}");
        assert!(
            out.stdout.starts_with("notes.md:3:"),
            "{args:?}: {}",
            out.stdout
        );
        assert!(!out.stdout.contains("Found"), "{args:?}: {}", out.stdout);
        assert!(
            !out.stdout.contains("remaining"),
            "{args:?}: {}",
            out.stdout
        );
    }
    let p = Project::new().file("clean.md", FIXED);
    let out = p.run(&["check", "-q", "clean.md"]);
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""));
}

#[test]
fn silent_prints_nothing_and_exits_as_usual() {
    let p = Project::new()
        .file("notes.md", UNFIXABLE)
        .file("fixable.md", FIXABLE);
    for args in [&["check", "-s"][..], &["check", "--silent"], &["fix", "-s"]] {
        let out = p.run(&[args, &["notes.md"]].concat());
        assert_eq!(out.code, Some(1), "{args:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(out.stderr, "", "{args:?}");
    }
    // Fixed silently, exit 0; errors still reach standard error.
    let out = p.run(&["fix", "-s", "fixable.md"]);
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""));
    assert_eq!(p.read("fixable.md"), FIXED);
    let out = p.run(&["check", "-s", "missing.md"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with("error: missing.md"),
        "{}",
        out.stderr
    );
    // `fix -` still writes the fixed text: it is the data, not a report.
    let out = p.run_with_stdin(&["fix", "-s", "-"], FIXABLE);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (Some(0), FIXED, "")
    );
    // Quiet and silent together are a usage error.
    assert_eq!(p.run(&["check", "-q", "-s", "notes.md"]).code, Some(2));
}

/// Every error starts `error: ` and names the cause; none starts with an
/// internal code (`mdlinks::usage` did), and a hint listing the rules keeps
/// each name whole on one line.
#[test]
fn errors_start_with_error_and_no_internal_code() {
    let p = Project::new().file("notes.md", FIXABLE);
    let bad_toml = Project::new()
        .file("notes.md", FIXABLE)
        .file("mdlinks.toml", "select = [\n");
    let unknown_rule = Project::new()
        .file("notes.md", FIXABLE)
        .file("mdlinks.toml", "select = [\"nosuch\"]\n");
    let cases = [
        (
            &p,
            &["check", "--select", "nosuch", "notes.md"][..],
            "unknown rule `nosuch` in --select",
        ),
        (
            &p,
            &["check", "missing.md"],
            "missing.md: no such file or directory",
        ),
        (
            &p,
            &["check", "--config", "none.toml", "notes.md"],
            "cannot read configuration none.toml",
        ),
        (
            &p,
            &["check", "-", "notes.md"],
            "`-` (standard input) cannot be combined",
        ),
        (
            &p,
            &["fix", "--diff", "--output-format", "json", "notes.md"],
            "`--diff` prints text",
        ),
        (
            &p,
            &["explain", "nosuch-rule"],
            "no rule named `nosuch-rule`",
        ),
        (
            &bad_toml,
            &["check", "notes.md"],
            "invalid configuration in ",
        ),
        (
            &unknown_rule,
            &["check", "notes.md"],
            "invalid configuration in ",
        ),
        (&unknown_rule, &["config"], "invalid configuration in "),
    ];
    for (project, args, cause) in cases {
        let out = project.run(args);
        assert_eq!(out.code, Some(2), "{args:?}");
        assert!(
            out.stderr.starts_with(&format!("error: {cause}"))
                || out.stderr.starts_with("error: ") && out.stderr.contains(cause),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("mdlinks::"),
            "{args:?}: {}",
            out.stderr
        );
    }
    // The rules a hint lists are on one line, whole.
    let out = p.run(&["check", "--select", "nosuch", "notes.md"]);
    let hint = out
        .stderr
        .lines()
        .find(|line| line.contains("the rules are:"))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(hint.contains("description-period, year-parens"), "{hint}");
    assert!(hint.trim_end().ends_with("trailing-space"), "{hint}");
    let out = p.run(&["explain", "zzz"]);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .trim_end()
            .ends_with("list-indent, trailing-space")
    );
}

/// `format` applies safe fixes only; what it leaves to unsafe fixes is
/// named with the command that applies them, not a flag `format` rejects.
#[test]
fn format_names_the_command_for_unsafe_fixes() {
    let sample =
        std::fs::read_to_string(crate::support::repo_root().join("examples/notes.md")).unwrap();
    let p = Project::new().file("notes.md", &sample);
    let out = p.run(&["format", "notes.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("2 findings remaining (2 fixable with `mdlinks fix --unsafe-fixes`)."),
        "{}",
        out.stdout
    );
}
