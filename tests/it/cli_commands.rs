//! The command line a ruff user expects: `check --fix`, `--exit-zero`,
//! `--select ALL`, `format`, `completions`, `clean`, `explain` suggestions,
//! `--output-file` and `--color`.

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
            .contains("1 more with `mdlinks fix --unsafe-fixes`."),
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
