//! The real binary, end to end: exit codes, output, and files on disk.

use crate::support::{Project, mdlinks, repo_root};
use std::fs;

const CLEAN: &str = "# Links\n\n- [Streamlit](https://github.com/streamlit/streamlit) - Fast ML tools. ([Website](https://streamlit.io/))\n";
const FIXABLE: &str =
    "# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) – Cross-platform TUI database tool\n";
const FIXED: &str = "# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) - Cross-platform TUI database tool.\n";
const UNFIXABLE: &str =
    "# Links\n\n- [Knit](https://github.com/bufbuild/knit) - Capabilities for:\n";

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_clean_file_exits_0() {
    let p = Project::new().file("clean.md", CLEAN);
    let out = p.run(&["check", "clean.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert!(out.stdout.contains("All clean."));
}

#[test]
fn check_reports_rule_position_message_and_help_then_exits_1() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["check", "notes.md"]);
    assert_eq!(out.code, Some(1));
    let stdout = out.stdout;
    // Each finding starts with its position, the rule and its mark.
    assert!(
        stdout.starts_with("notes.md:3:46: description-dash [*] separator ` – ` is not ` - `\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\n  fix: use ` - `\n"), "{stdout}");
    assert!(
        stdout.contains("Found 2 findings in 1 file. 2 fixable with `mdlinks fix`."),
        "{stdout}"
    );
}

/// A list's fix is carried by its first misplaced item; the others are
/// fixable all the same, and are counted and marked so.
#[test]
fn findings_one_fix_repairs_together_are_all_counted_fixable() {
    let p = Project::new().file("nested.md", "- a\n    - b\n    - c\n    - d\n- e\n");
    let stdout = p
        .run(&["check", "--output-format", "concise", "nested.md"])
        .stdout;
    assert_eq!(stdout.matches("list-indent [*]").count(), 3, "{stdout}");
    assert!(
        stdout.contains("Found 3 findings in 1 file. 3 fixable with `mdlinks fix`."),
        "{stdout}"
    );
    let out = p.run(&["check", "--statistics", "nested.md"]);
    assert_eq!(
        statistics_row(&out.stdout, "list-indent"),
        [3, 3, 0, 0],
        "{}",
        out.stdout
    );
    let stdout = p.run(&["fix", "--check", "nested.md"]).stdout;
    assert!(stdout.contains("Would fix 3 findings in"), "{stdout}");
    assert!(stdout.contains("Would apply 1 fix in 1 file."), "{stdout}");
    // JSON: the carrier has the fix; the others say where it is.
    let out = p.run(&["check", "--output-format", "json", "nested.md"]);
    let findings: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 3);
    assert!(findings[0]["fix"].is_object());
    assert!(findings[0]["fixed_by"].is_null());
    for later in &findings[1..] {
        assert!(later["fix"].is_null());
        assert_eq!(later["fixed_by"]["start"], findings[0]["start"]);
        assert_eq!(later["fixed_by"]["applicability"], "safe");
    }
}

/// Where the finding carrying a list's fix is suppressed, `fix` leaves the
/// list as it is, and the other findings say why instead of being counted
/// fixable.
#[test]
fn findings_whose_shared_fix_is_suppressed_are_not_counted_fixable() {
    let text = "- a\n    - b <!-- mdlinks-disable-line -->\n    - c\n    - d\n- e\n";
    let p = Project::new().file("nested.md", text);
    let stdout = p.run(&["check", "nested.md"]).stdout;
    assert!(
        stdout.contains("Found 2 findings in 1 file. 2 to fix by hand.\n"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("list-indent [").count(), 0, "{stdout}");
    assert_eq!(
        stdout
            .matches(
                "by hand: the list's items move together, by the fix of the finding on line 2, \
                 which is suppressed"
            )
            .count(),
        2,
        "{stdout}"
    );
    let out = p.run(&["fix", "nested.md"]);
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    assert_eq!(p.read("nested.md"), text);
}

/// Where the finding whose fix would also move the lists nested in its
/// list is suppressed, those lists are fixed on their own, relative to
/// their parent where it stands.
#[test]
fn lists_inside_a_suppressed_list_fix_are_fixed_on_their_own() {
    let text = "- a\n    - b <!-- mdlinks-disable-line list-indent -->\n        - c\n        - d\n";
    let p = Project::new().file("nested.md", text);
    let out = p.run(&["fix", "nested.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(
        p.read("nested.md"),
        "- a\n    - b <!-- mdlinks-disable-line list-indent -->\n      - c\n      - d\n"
    );
}

#[test]
fn human_reports_show_the_finding_s_own_line_whatever_the_line_endings() {
    let p = Project::new();
    for (name, ending) in [("lf.md", "\n"), ("crlf.md", "\r\n"), ("cr.md", "\r")] {
        let text = [
            "- [A](https://a.org/) - One.",
            "- [B](https://b.org/) - two.",
        ]
        .join(ending);
        p.write(name, text);
        let stdout = p.run(&["check", name]).stdout;
        // Only the line of the finding, numbered as every other format
        // numbers it; not its neighbours (miette once numbered lone-CR
        // files wrongly).
        assert!(
            stdout.contains(" 2 │ - [B](https://b.org/) - two."),
            "{name}: {stdout}"
        );
        assert!(!stdout.contains("- [A]"), "{name}: {stdout}");
    }
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["check", "--output-format", "concise"]);
    assert_eq!(out.code, Some(1));
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "notes.md:3:46: description-dash [*] separator ` – ` is not ` - `"
    );
    assert_eq!(
        lines[1],
        "notes.md:3:80: description-period [*] description does not end with a period"
    );
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let out = mdlinks()
        .args(["check", "no/such/file.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("no/such/file.md: no such file or directory"));
}

#[test]
fn non_utf8_file_is_an_error_and_other_files_are_still_checked() {
    let p = Project::new()
        .file("latin1.md", b"- [Caf\xe9](https://x.org) - Menu\n")
        .file("notes.md", FIXABLE);
    let out = p.run(&["check", "latin1.md", "notes.md"]);
    assert_eq!(out.code, Some(2));
    let stderr = &out.stderr;
    assert!(
        stderr.contains("error: latin1.md: not UTF-8 text (invalid byte at offset 6)"),
        "{stderr}"
    );
    assert!(out.stdout.contains("description-dash"));
}

/// UTF-16 text has a NUL byte in each ASCII letter: it was called binary.
#[test]
fn utf16_file_is_named_as_such() {
    let utf16: Vec<u8> = "\u{feff}- [A](https://a.org)\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let out = Project::new()
        .file("wide.md", utf16)
        .run(&["check", "wide.md"]);
    assert_eq!(out.code, Some(2));
    let stderr = out.stderr;
    assert!(stderr.contains("wide.md: UTF-16 text"), "{stderr}");
}

/// As ruff, a run that finds no file says so (still exit 0).
#[test]
fn a_directory_without_markdown_gets_a_warning() {
    let out = Project::new()
        .file("notes.txt", "text\n")
        .run(&["check", "."]);
    assert_eq!(out.code, Some(0));
    assert!(out.stderr.contains("warning: no Markdown files found"));
}

#[test]
fn fix_rewrites_in_place_and_reports_what_it_did() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["fix", "notes.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(p.read("notes.md"), FIXED);
    assert!(out.stdout.contains("Applied 2 fixes in 1 file."));
    // Nothing left: a second run changes nothing.
    let out = p.run(&["fix", "notes.md"]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("Applied 0 fixes in 0 files."));
}

#[test]
fn fix_exits_1_when_findings_remain() {
    let p = Project::new().file("notes.md", UNFIXABLE);
    let out = p.run(&["fix", "notes.md"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stdout.contains("looks cut off"));
    assert!(out.stdout.contains("1 finding remaining."));
    assert_eq!(p.read("notes.md"), UNFIXABLE);
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let text = "- [Practical Deep Learning for Coders 2019](https://course.fast.ai/)\n";
    let p = Project::new().file("notes.md", text);
    let out = p.run(&["fix", "notes.md"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout
            .contains("(1 fixable with `mdlinks fix --unsafe-fixes`)")
    );
    assert_eq!(p.read("notes.md"), text);
    let out = p.run(&["fix", "--unsafe-fixes", "notes.md"]);
    assert_eq!(out.code, Some(0));
    assert_eq!(
        p.read("notes.md"),
        "- [Practical Deep Learning for Coders (2019)](https://course.fast.ai/)\n"
    );
}

#[test]
fn fix_diff_prints_a_unified_diff_and_writes_nothing() {
    let p = Project::new().file("notes.md", FIXABLE);
    let out = p.run(&["fix", "--diff", "notes.md"]);
    assert_eq!(out.code, Some(1));
    let stdout = out.stdout;
    assert!(stdout.contains("--- "), "{stdout}");
    assert!(stdout.contains("@@ -1,3 +1,3 @@"), "{stdout}");
    assert!(stdout.contains(&format!("-{}", FIXABLE.lines().nth(2).unwrap())));
    assert!(stdout.contains(&format!("+{}", FIXED.lines().nth(2).unwrap())));
    assert_eq!(p.read("notes.md"), FIXABLE);

    p.write("clean.md", CLEAN);
    let out = p.run(&["fix", "--diff", "clean.md"]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn fix_check_lists_files_that_would_change() {
    let p = Project::new()
        .file("notes.md", FIXABLE)
        .file("clean.md", CLEAN);
    let out = p.run(&["fix", "--check", "."]);
    assert_eq!(out.code, Some(1));
    let stdout = out.stdout;
    assert!(stdout.contains("Would fix 2 findings in"), "{stdout}");
    assert!(stdout.contains("notes.md"), "{stdout}");
    assert!(!stdout.contains("clean.md"), "{stdout}");
    assert_eq!(p.read("notes.md"), FIXABLE);
}

/// A diff or a list of files is text: with a machine format configured it
/// was spliced into a JSON array or a SARIF log, which then did not parse.
/// Asked for on the command line, such a format is a usage error.
#[test]
fn fix_diff_and_check_print_text_whatever_the_output_format() {
    let p = Project::new()
        .file("notes.md", FIXABLE)
        .file("mdlinks.toml", "output-format = \"json\"\n");
    for flag in ["--diff", "--check"] {
        let out = p.run(&["fix", flag, "notes.md"]);
        assert_eq!(out.code, Some(1), "{flag}");
        let stdout = out.stdout;
        assert!(!stdout.starts_with('['), "{flag}: {stdout}");
        assert!(stdout.contains("notes.md"), "{flag}: {stdout}");
        for format in ["json", "sarif", "junit", "github"] {
            let out = p.run(&["fix", flag, "--output-format", format, "notes.md"]);
            assert_eq!(out.code, Some(2), "{flag} {format}");
            assert!(out.stdout.is_empty(), "{flag} {format}");
        }
    }
    assert_eq!(p.read("notes.md"), FIXABLE);
}

#[test]
fn fix_keeps_line_endings_bom_and_missing_final_newline() {
    let text = "\u{feff}# Links\r\n\r\n- [A](https://a.org) – Desc.\r\n- [B](https://b.org) - Desc";
    let p = Project::new().file("notes.md", text);
    p.mdlinks().args(["fix", "notes.md"]).assert().code(0);
    assert_eq!(
        p.read("notes.md"),
        "\u{feff}# Links\r\n\r\n- [A](https://a.org) - Desc.\r\n- [B](https://b.org) - Desc."
    );
}

#[test]
fn fix_leaves_clean_files_untouched() {
    let p = Project::new();
    let file = p.write("clean.md", CLEAN);
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(old)
        .unwrap();
    p.mdlinks().args(["fix", "clean.md"]).assert().code(0);
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), old);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_symlinks() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let p = Project::new();
    let target = p.write("target.md", FIXABLE);
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let link = p.path().join("link.md");
    symlink(&target, &link).unwrap();
    p.mdlinks().args(["fix", "link.md"]).assert().code(0);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), FIXED);
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn directories_are_walked_for_markdown_honouring_ignore_files() {
    let p = Project::new()
        .file("sub/a.md", FIXABLE)
        .file("sub/b.markdown", FIXABLE)
        .file("sub/c.txt", FIXABLE)
        .file("sub/skipped/d.md", FIXABLE)
        .file(".ignore", "skipped/\n");
    let stdout = p.run(&["check", "--output-format", "concise"]).stdout;
    let files: std::collections::BTreeSet<&str> = stdout
        .lines()
        .filter_map(|l| l.split(':').next())
        .filter(|f| f.contains('/'))
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["sub/a.md", "sub/b.markdown"]
    );
}

#[test]
fn rules_lists_every_rule() {
    let out = mdlinks().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = stdout_of(&out);
    for entry in mdlinks::rules::REGISTRY {
        assert!(stdout.contains(entry.meta.name), "{stdout}");
    }
    let out = mdlinks()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        mdlinks::rules::REGISTRY.len()
    );
    assert_eq!(json[0]["name"], "title-format");
}

#[test]
fn explain_prints_the_rule_document() {
    let out = mdlinks().args(["explain", "year-parens"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout_of(&out),
        fs::read_to_string(repo_root().join("rules/year-parens.md")).unwrap()
    );
    let out = mdlinks().args(["explain", "year-paren"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("no rule named `year-paren`"));
}

#[test]
fn bad_usage_exits_2() {
    mdlinks().args(["check", "--no-such-flag"]).assert().code(2);
    mdlinks()
        .args(["fix", "--diff", "--check"])
        .assert()
        .code(2);
}

#[test]
fn a_reader_closing_the_pipe_early_ends_the_run_quietly_with_the_findings_code() {
    use std::io::Read;
    use std::process::{Command as Process, Stdio};
    let (text, _) = crate::support::list_with_slips(15_000, 12);
    let p = Project::new().file("many.md", text);
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("mdlinks"))
        .args(["check", "--output-format", "concise", "many.md"])
        .current_dir(p.path())
        .env("MDLINKS_NO_CACHE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's reading end is dropped here, as `head` would close it.
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.is_empty(), "{stderr}");
    // The findings' exit code, not 0: a CI step `mdlinks check | head`
    // with `pipefail` passed despite them.
    assert_eq!(status.code(), Some(1));
}

/// `--statistics`'s row for `rule`: findings, fixable safely, unsafely,
/// by hand.
fn statistics_row(table: &str, rule: &str) -> Vec<usize> {
    let row = table
        .lines()
        .find(|line| line.split_whitespace().nth(1) == Some(rule))
        .unwrap_or_else(|| panic!("no row for {rule}:\n{table}"));
    row.split_whitespace()
        .filter_map(|cell| cell.parse().ok())
        .collect()
}

/// A file with findings of every kind: fixable safely (its own fix, and a
/// list's fix carried by another finding), unsafely, by hand, and by hand
/// because the fix that would repair it is suppressed.
const MIXED: &str = "# Links

- [Alpha](https://alpha.example.com/) - A fast tool
- [Practical Deep Learning for Coders 2019](https://course.fast.ai/)
- https://gamma.example.com/
- [Delta](https://delta.example.com/) - Ends with a colon:
- [Nest](https://n.example.com/) - Parent.
    - [B](https://b.example.com/) - Child b.
    - [C](https://c.example.com/) - Child c.
- [Omega](https://omega.example.com/) – Last one
- [Nest2](https://n2.example.com/) - Parent.
    - [D](https://d.example.com/) - Child d. <!-- mdlinks-disable-line -->
    - [E](https://e.example.com/) - Child e.
";

/// Findings marked `[*]`, `[-]` and neither among the lines of `report`
/// that start a finding (`notes.md:line:col: rule …`).
fn marked(report: &str) -> [usize; 3] {
    let mut counts = [0; 3];
    for line in report.lines().filter(|l| l.starts_with("notes.md:")) {
        let after_rule = line.split(' ').nth(2).unwrap_or("");
        let at = match after_rule {
            "[*]" => 0,
            "[-]" => 1,
            _ => 2,
        };
        counts[at] += 1;
    }
    counts
}

/// The number just before `phrase` in `line`, or 0 where it is not there.
fn count_before(line: &str, phrase: &str) -> usize {
    line.find(phrase).map_or(0, |at| {
        let number = line[..at].rsplit(' ').next().unwrap();
        number.parse().unwrap()
    })
}

/// The summary line, `--statistics` and the markers of the findings (human
/// and concise) count the same findings as fixable safely, unsafely, and by
/// hand, a fix that is suppressed included; after `fix`, the findings left
/// are counted in its summary as they are marked.
#[test]
fn summary_statistics_and_markers_agree_on_what_is_fixable() {
    let p = Project::new().file("notes.md", MIXED);
    let expected = [5, 1, 3];

    let human = p.run(&["check", "notes.md"]).stdout;
    assert_eq!(marked(&human), expected, "{human}");
    let concise = p.run(&["check", "--output-format", "concise", "notes.md"]);
    assert_eq!(marked(&concise.stdout), expected, "{}", concise.stdout);

    let summary = human.lines().last().unwrap();
    assert!(
        summary.starts_with("Found 9 findings in 1 file."),
        "{summary}"
    );
    let counted = [
        count_before(summary, " fixable with `mdlinks fix`."),
        count_before(summary, " more with `mdlinks fix --unsafe-fixes`."),
        count_before(summary, " to fix by hand."),
    ];
    assert_eq!(counted, expected, "{summary}");
    assert_eq!(concise.stdout.lines().last(), Some(summary));

    let statistics = p.run(&["check", "--statistics", "notes.md"]).stdout;
    let total = statistics.lines().last().unwrap();
    let cells: Vec<usize> = total
        .split_whitespace()
        .filter_map(|cell| cell.parse().ok())
        .collect();
    assert_eq!(cells, [9, 5, 1, 3], "{statistics}");
    let per_rule: usize = statistics
        .lines()
        .skip(1)
        .filter(|line| !line.contains("total"))
        .map(|line| statistics_row(&statistics, line.split_whitespace().nth(1).unwrap())[1])
        .sum();
    assert_eq!(per_rule, 5, "{statistics}");

    let json = p.run(&[
        "check",
        "--statistics",
        "--output-format",
        "json",
        "notes.md",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let sum = |key: &str| -> u64 {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r[key].as_u64().unwrap())
            .sum()
    };
    assert_eq!([sum("safe_fixable"), sum("unsafe_fixable")], [5, 1]);
    assert_eq!(sum("fixable"), 6);

    // `fix` leaves the unsafe one and those to do by hand, and says so.
    let fixed = p.run(&["fix", "notes.md"]);
    assert_eq!(marked(&fixed.stdout), [0, 1, 3], "{}", fixed.stdout);
    assert!(
        fixed.stdout.contains(
            "4 findings remaining (1 fixable with `mdlinks fix --unsafe-fixes`, 3 by hand)."
        ),
        "{}",
        fixed.stdout
    );
}

/// A warning says so in every format for people, `concise` too.
#[test]
fn concise_output_marks_warnings_as_the_human_report_does() {
    let p = Project::new()
        .file(
            "mdlinks.toml",
            "[rules.description-period]\nseverity = \"warning\"\n",
        )
        .file(
            "notes.md",
            "# Links\n\n- [Alpha](https://alpha.example.com/) - A fast tool\n",
        );
    let concise = p.run(&["check", "--output-format", "concise"]);
    assert_eq!(concise.code, Some(0), "{}", concise.stdout);
    assert!(
        concise
            .stdout
            .contains("notes.md:3:51: warning: description-period [*] "),
        "{}",
        concise.stdout
    );
    let human = p.run(&["check"]);
    assert!(
        human
            .stdout
            .contains("notes.md:3:51: warning: description-period [*] "),
        "{}",
        human.stdout
    );
}
