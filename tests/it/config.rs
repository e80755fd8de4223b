//! Configuration through the real binary: discovery, every key, every error
//! path with the message users see, and inline suppression comments.

use crate::support::{Project, repo_root};
use std::fs;

/// Three findings: a dash (description-dash), no period (description-period)
/// and a bare year (year-parens, unsafe fix).
const ITEMS: &str = "# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) – TUI database tool\n- [Coders 2019](https://course.fast.ai/)\n";

/// `check --output-format concise` → (exit code, sorted `file rule` pairs).
fn findings(project: &Project, args: &[&str]) -> (i32, Vec<String>) {
    crate::support::concise_findings(project, args)
}

fn stderr(project: &Project, args: &[&str]) -> (i32, String) {
    let out = project.run(args);
    (out.code.unwrap(), out.stderr)
}

#[test]
fn nearest_configuration_wins() {
    let p = Project::new()
        .file("mdlinks.toml", "ignore = [\"description-period\"]\n")
        .file("a.md", ITEMS)
        .file("sub/.mdlinks.toml", "select = [\"year-parens\"]\n")
        .file("sub/b.md", ITEMS)
        .file("sub/deeper/c.md", ITEMS)
        .file("other/d.md", ITEMS);
    let (code, found) = findings(&p, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            "a.md description-dash",
            "a.md year-parens",
            "other/d.md description-dash",
            "other/d.md year-parens",
            "sub/b.md year-parens",
            "sub/deeper/c.md year-parens",
        ]
    );
}

#[test]
fn isolated_and_explicit_config_skip_discovery() {
    let p = Project::new()
        .file("mdlinks.toml", "select = [\"year-parens\"]\n")
        .file("other.toml", "select = [\"description-dash\"]\n")
        .file("a.md", ITEMS);
    assert_eq!(findings(&p, &["--isolated"]).1.len(), 3);
    assert_eq!(
        findings(&p, &["--config", "other.toml"]).1,
        ["a.md description-dash"]
    );
}

#[test]
fn select_extend_select_and_ignore_from_file_and_command_line() {
    let p = Project::new().file("a.md", ITEMS).file(
        "mdlinks.toml",
        "select = [\"description-dash\"]\nextend-select = [\"year-parens\"]\n",
    );
    assert_eq!(
        findings(&p, &[]).1,
        ["a.md description-dash", "a.md year-parens"]
    );
    assert_eq!(
        findings(&p, &["--ignore", "year-parens"]).1,
        ["a.md description-dash"]
    );
    assert_eq!(
        findings(&p, &["--select", "description-period"]).1,
        ["a.md description-period"]
    );
    assert_eq!(
        findings(
            &p,
            &[
                "--select",
                "description-period",
                "--extend-select",
                "year-parens"
            ]
        )
        .1,
        ["a.md description-period", "a.md year-parens"]
    );
}

#[test]
fn severity_warning_passes_unless_strict_and_off_disables() {
    let p = Project::new().file("a.md", ITEMS).file(
        "mdlinks.toml",
        "[rules.description-dash]\nseverity = \"warning\"\n[rules.description-period]\nseverity = \"warning\"\n[rules.year-parens]\nseverity = \"off\"\n",
    );
    let (code, found) = findings(&p, &[]);
    assert_eq!(found, ["a.md description-dash", "a.md description-period"]);
    assert_eq!(code, 0, "warnings alone pass");
    assert_eq!(findings(&p, &["--strict"]).0, 1);
    p.write(
        "mdlinks.toml",
        "strict = true\n[rules.description-dash]\nseverity = \"warning\"\n",
    );
    assert_eq!(findings(&p, &[]).0, 1);
    // The human report marks warnings as such.
    let out = p.run(&["check", "a.md", "--select", "description-dash"]);
    assert!(
        out.stdout
            .contains("a.md:3:46: warning: description-dash [*] separator"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_severity_enables_a_rule_that_is_off_by_default() {
    let p = Project::new().file("a.md", ITEMS).file(
        "mdlinks.toml",
        "select = [\"title-format\"]\n[rules.year-parens]\nseverity = \"error\"\n",
    );
    assert_eq!(findings(&p, &[]).1, ["a.md year-parens"]);
}

#[test]
fn rule_options() {
    let p = Project::new().file(
        "a.md",
        "- [A](https://a.org) - Ends with a colon:\n- [B (Dec 2019)](https://b.org)\n- [C](https://c.org) - flask extension.\n",
    );
    let (_, found) = findings(&p, &[]);
    assert_eq!(found, ["a.md description-case", "a.md description-period"]);
    p.write(
        "mdlinks.toml",
        "[rules.description-period]\nterminators = [\".\", \":\"]\n[rules.year-parens]\nallow-months = false\n[rules.description-case]\nnames = [\"flask\"]\n",
    );
    let (_, found) = findings(&p, &[]);
    assert_eq!(found, ["a.md year-parens"], "colon accepted, month refused");
}

/// A rule may report a finding it is unsure of as a warning: year-parens
/// does so for a year that may be a name's, on request, and the configured
/// severity lowers but never raises it.
#[test]
fn uncertain_years_are_warnings_on_request_and_names_are_configurable() {
    let p = Project::new().file(
        "a.md",
        "- [Failing to Scale - Prague 2016](https://www.youtube.com/watch?v=x)\n- [Rust Gathering 2019](https://example.com/gathering)\n",
    );
    assert_eq!(findings(&p, &[]), (1, vec!["a.md year-parens".to_owned()]));
    p.write(
        "mdlinks.toml",
        "[rules.year-parens]\nwarn-uncertain = true\nnames = [\"Gathering\"]\nseverity = \"error\"\n",
    );
    let out = p.run(&["check", "--output-format", "json"]);
    assert_eq!(out.code, Some(0), "a warning alone passes: {}", out.stdout);
    let found: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["fix"], serde_json::Value::Null);
    assert_eq!(findings(&p, &["--strict"]).0, 1);
}

#[test]
fn prose_sections_are_configurable() {
    let p = Project::new().file(
        "a.md",
        "## Quotes\n\n- [A](https://a.org) Tool for quoting\n- [C](https://c.org) - Fine.\n\n## Notes\n\n- [B](https://b.org) Tool for quoting\n- [D](https://d.org) - Fine.\n",
    );
    assert_eq!(findings(&p, &[]).1, ["a.md description-dash"]);
    p.write("mdlinks.toml", "prose-sections = [\"Quotes\"]\n");
    assert_eq!(findings(&p, &[]).1, ["a.md description-dash"]);
    p.write("mdlinks.toml", "prose-sections = [\"Quotes\", \"Notes\"]\n");
    assert!(findings(&p, &[]).1.is_empty());
}

#[test]
fn exclude_skips_walked_files_but_not_named_ones() {
    let p = Project::new()
        .file(
            "mdlinks.toml",
            "exclude = [\"drafts/**\", \"CHANGELOG.md\"]\n",
        )
        .file("a.md", ITEMS)
        .file("drafts/b.md", ITEMS)
        .file("sub/CHANGELOG.md", ITEMS);
    let (_, found) = findings(&p, &["--select", "description-dash"]);
    assert_eq!(found, ["a.md description-dash"]);
    let (_, found) = findings(&p, &["--select", "description-dash", "drafts/b.md"]);
    assert_eq!(found, ["drafts/b.md description-dash"]);
}

#[test]
fn per_file_ignores() {
    let p = Project::new()
        .file(
            "mdlinks.toml",
            "[per-file-ignores]\n\"README.md\" = [\"description-period\", \"year-parens\"]\n\"talks/*.md\" = [\"year-parens\"]\n",
        )
        .file("README.md", ITEMS)
        .file("talks/a.md", ITEMS);
    let (_, found) = findings(&p, &[]);
    assert_eq!(
        found,
        [
            "README.md description-dash",
            "talks/a.md description-dash",
            "talks/a.md description-period"
        ]
    );
}

/// `--config pfi.toml`: the globs are relative to the current directory,
/// where the file is (its parent was "", and no glob with a `/` matched).
#[test]
fn globs_of_a_config_file_named_without_a_directory() {
    let p = Project::new()
        .file(
            "pfi.toml",
            "exclude = [\"drafts/*.md\"]\n[per-file-ignores]\n\"talks/*.md\" = [\"year-parens\", \"description-dash\"]\n",
        )
        .file("talks/a.md", ITEMS)
        .file("drafts/b.md", ITEMS);
    let expected = ["talks/a.md description-period"];
    assert_eq!(findings(&p, &["--config", "pfi.toml"]).1, expected);
    assert_eq!(findings(&p, &["--config", "./pfi.toml"]).1, expected);
}

#[test]
fn fix_unsafe_and_output_format_from_the_file() {
    let p = Project::new().file("a.md", ITEMS).file(
        "mdlinks.toml",
        "output-format = \"concise\"\n[fix]\nunsafe = true\n",
    );
    let out = p.run(&["check"]);
    assert!(out.stdout.starts_with("a.md:3:46: description-dash"));
    p.mdlinks().args(["fix"]).assert().code(0);
    assert!(p.read("a.md").contains("[Coders (2019)]"));
}

#[test]
fn config_command_prints_the_effective_configuration() {
    let p = Project::new().file(
        "mdlinks.toml",
        "ignore = [\"year-parens\"]\n[rules.description-period]\nterminators = [\".\"]\nseverity = \"warning\"\n",
    );
    let out = p.run(&["config"]);
    assert_eq!(out.code, Some(0));
    let text = out.stdout;
    assert!(text.starts_with("# Configuration from "), "{text}");
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    let select = parsed["select"].as_array().unwrap();
    assert!(!select.iter().any(|v| v.as_str() == Some("year-parens")));
    assert!(select.iter().any(|v| v.as_str() == Some("title-format")));
    let period = &parsed["rules"]["description-period"];
    assert_eq!(period["severity"].as_str(), Some("warning"));
    assert_eq!(period["terminators"].as_array().unwrap().len(), 1);
    let out = p.run(&["config", "--isolated"]);
    assert!(out.stdout.starts_with("# No mdlinks.toml found"));
}

/// `max-file-size`: bytes or a size with a unit, from the file or the
/// command line, shown by `mdlinks config` (1 MiB by default).
#[test]
fn max_file_size_from_the_file_and_the_command_line() {
    let p = Project::new();
    let shown = |args: &[&str]| {
        let out = p.run(args);
        let parsed: toml::Table = toml::from_str(&out.stdout).unwrap();
        parsed["max-file-size"].as_str().unwrap().to_owned()
    };
    assert_eq!(shown(&["config"]), "1 MiB");
    p.write("mdlinks.toml", "max-file-size = 2048\n");
    assert_eq!(shown(&["config"]), "2 KiB");
    assert_eq!(shown(&["config", "--max-file-size", "3MB"]), "3 MB");
    assert_eq!(shown(&["config", "--max-file-size", "1500"]), "1500 bytes");
    p.write("mdlinks.toml", "max-file-size = \"4 mib\"\n");
    assert_eq!(shown(&["config"]), "4 MiB");
    p.write("mdlinks.toml", "max-file-size = \"lots\"\n");
    let (code, err) = stderr(&p, &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("mdlinks.toml:1:17"), "{err}");
    assert!(err.contains("invalid size `lots`"), "{err}");
    let (code, err) = stderr(&p, &["check", "--isolated", "--max-file-size", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("it must be more than nothing"), "{err}");
}

#[test]
fn unknown_key_points_at_it() {
    let p = Project::new()
        .file("mdlinks.toml", "selct = [\"year-parens\"]\n")
        .file("a.md", ITEMS);
    let (code, err) = stderr(&p, &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("mdlinks.toml"), "{err}");
    assert!(err.contains("unknown field `selct`"), "{err}");
    assert!(err.contains("1 │ selct = [\"year-parens\"]"), "{err}");
}

#[test]
fn misspelt_rule_suggests_the_closest() {
    let p = Project::new().file("mdlinks.toml", "\nignore = [\"year-paren\"]\n");
    let (code, err) = stderr(&p, &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `year-paren`"), "{err}");
    assert!(err.contains("did you mean `year-parens`?"), "{err}");
    assert!(err.contains("2 │ ignore = [\"year-paren\"]"), "{err}");

    p.write("mdlinks.toml", "[rules.descripton-period]\n");
    let (code, err) = stderr(&p, &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `description-period`?"), "{err}");

    let (code, err) = stderr(&p, &["check", "--isolated", "--select", "title-formt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown rule `title-formt` in --select"),
        "{err}"
    );
    assert!(err.contains("did you mean `title-format`?"), "{err}");
}

#[test]
fn bad_values_point_at_the_value() {
    let p = Project::new();
    let cases = [
        (
            "[rules.year-parens]\nseverity = \"fatal\"\n",
            "invalid severity `\"fatal\"`",
            "use \"error\", \"warning\" or \"off\"",
        ),
        (
            "[rules.year-parens]\nallow-ranges = \"yes\"\n",
            "rule `year-parens`: invalid type: string \"yes\", expected a boolean",
            "allow-ranges = \"yes\"",
        ),
        (
            "[rules.description-period]\nterminator = [\".\"]\n",
            "unknown field `terminator`, expected `terminators`",
            "terminator = [\".\"]",
        ),
        ("exclude = [\"a/[b\"]\n", "invalid glob", "exclude"),
        (
            "strict = 1\n",
            "invalid type: integer `1`, expected a boolean",
            "strict = 1",
        ),
        (
            "output-format = \"xml\"\n",
            "unknown variant `xml`",
            "output-format",
        ),
    ];
    for (config, message, shown) in cases {
        p.write("mdlinks.toml", config);
        let (code, err) = stderr(&p, &["check"]);
        assert_eq!(code, 2, "{config}");
        assert!(err.contains(message), "{config}: {err}");
        assert!(err.contains(shown), "{config}: {err}");
    }
}

#[test]
fn a_missing_config_file_is_an_error() {
    let (code, err) = stderr(&Project::new(), &["check", "--config", "nope.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read configuration nope.toml"), "{err}");
}

#[test]
fn suppression_comments_switch_findings_off_for_check_and_fix() {
    let text = "\
# Links

<!-- mdlinks-disable-next-line year-parens -->
- [Windows 2000](https://a.org) – OS
- [Office 2016](https://b.org) – Suite <!-- mdlinks-disable-line -->
<!-- mdlinks-disable description-dash -->
- [C](https://c.org) – Dash kept
<!-- mdlinks-enable -->
- [D](https://d.org) – Dash fixed
";
    let p = Project::new().file("a.md", text);
    let (_, found) = findings(&p, &[]);
    assert_eq!(
        found,
        [
            "a.md description-dash",
            "a.md description-dash",
            "a.md description-period",
            "a.md description-period",
            "a.md description-period",
        ]
    );
    p.mdlinks().args(["fix", "--unsafe-fixes"]).assert().code(0);
    let fixed = p.read("a.md");
    assert_eq!(
        fixed,
        "\
# Links

<!-- mdlinks-disable-next-line year-parens -->
- [Windows 2000](https://a.org) - OS.
- [Office 2016](https://b.org) – Suite <!-- mdlinks-disable-line -->
<!-- mdlinks-disable description-dash -->
- [C](https://c.org) – Dash kept.
<!-- mdlinks-enable -->
- [D](https://d.org) - Dash fixed.
"
    );
    p.write(
        "b.md",
        "<!-- mdlinks-disable-file -->\n\n- [E 2019](https://e.org) – x\n",
    );
    p.mdlinks().args(["check", "b.md"]).assert().code(0);
    p.mdlinks()
        .args(["fix", "--unsafe-fixes", "b.md"])
        .assert()
        .code(0);
    assert!(p.read("b.md").contains("[E 2019](https://e.org) – x"));
}

/// The `duplicate-url` findings of `check --cross-file`, as concise lines.
fn cross_file_findings(project: &Project, args: &[&str]) -> Vec<String> {
    let out = project.run(
        &[
            &["check", "--cross-file", "--output-format", "concise"],
            args,
        ]
        .concat(),
    );
    out.stdout
        .lines()
        .filter(|l| l.contains(": duplicate-url "))
        .map(|l| l.to_owned())
        .collect()
}

#[test]
fn suppression_comments_switch_cross_file_duplicates_off_on_their_lines() {
    let p = Project::new()
        .file(
            "a.md",
            "\
# A

- [Rust](https://www.rust-lang.org/) - Language.
- [Helix](https://helix-editor.com/) - Editor.
- [Zed](https://zed.dev/) - Editor.
<!-- mdlinks-disable-next-line duplicate-url -->
- [Kakoune](https://kakoune.org/) - Editor.
",
        )
        .file(
            "b.md",
            "\
# B

<!-- mdlinks-disable-next-line duplicate-url -->
- [Rust](https://rust-lang.org) - Language.
- [Helix](https://helix-editor.com/) - Editor. <!-- mdlinks-disable-line -->
<!-- mdlinks-disable duplicate-url -->
- [Zed](https://zed.dev/) - Editor.
<!-- mdlinks-enable -->
- [Kakoune](https://kakoune.org/) - Editor.
",
        )
        .file(
            "c.md",
            "<!-- mdlinks-disable-file duplicate-url -->\n\n- [Rust](https://rust-lang.org) - Language.\n",
        );
    // The suppressed Kakoune of a.md is still the first one: a comment
    // silences findings on its own line, it does not hide the link.
    assert_eq!(
        cross_file_findings(&p, &["--select", "duplicate-url"]),
        [
            "b.md:9:3: duplicate-url URL `https://kakoune.org/` is already linked in `a.md` on line 7"
        ]
    );
}

#[test]
fn ignoring_duplicate_url_switches_cross_file_duplicates_off() {
    let p = Project::new()
        .file(
            "mdlinks.toml",
            "[per-file-ignores]\n\"archive/*.md\" = [\"duplicate-url\"]\n",
        )
        .file("a.md", "- [Rust](https://www.rust-lang.org/) - Language.\n")
        .file(
            "archive/old.md",
            "- [Rust](https://rust-lang.org) - Language.\n- [Helix](https://helix-editor.com/) - Editor.\n",
        )
        .file("b.md", "- [Helix](https://helix-editor.com) - Editor.\n");
    // Nothing is reported in the ignored file, but its links still come
    // first, as a suppression comment's do.
    assert_eq!(
        cross_file_findings(&p, &[]),
        [
            "b.md:1:3: duplicate-url URL `https://helix-editor.com` is already linked in `archive/old.md` on line 2"
        ]
    );
    assert_eq!(
        cross_file_findings(&p, &["--ignore", "duplicate-url"]),
        Vec::<String>::new()
    );
    p.mdlinks()
        .args(["check", "--cross-file", "--ignore", "duplicate-url"])
        .assert()
        .code(0);
}

/// Every ```toml block of the README and of the rule documents is a valid
/// configuration (a rule document's block configures its own rule).
#[test]
fn documented_configurations_are_valid() {
    let root = repo_root();
    let mut documents = vec![root.join("README.md")];
    documents.extend(
        fs::read_dir(root.join("rules"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    // A block may extend `../mdlinks.toml`: there is one.
    let p = Project::new().file("mdlinks.toml", "");
    let mut checked = 0;
    for document in documents {
        let text = fs::read_to_string(&document).unwrap();
        for block in text.split("```toml\n").skip(1) {
            let block = &block[..block.find("```").unwrap()];
            p.write("sub/mdlinks.toml", block);
            let out = p
                .mdlinks()
                .current_dir(p.path().join("sub"))
                .arg("config")
                .output()
                .unwrap();
            let (code, err) = (
                out.status.code().unwrap(),
                String::from_utf8_lossy(&out.stderr),
            );
            assert_eq!(
                code,
                0,
                "{}: invalid block:\n{block}\n{err}",
                document.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} blocks found");
}

/// `mdlinks.toml` is read before `.mdlinks.toml`; with both in one
/// directory, the other was ignored without a word.
#[test]
fn a_second_configuration_file_in_one_directory_is_named_as_ignored() {
    let p = Project::new()
        .file("a.md", "- [A](https://a.org) – Fine.\n")
        .file("mdlinks.toml", "")
        .file(
            ".mdlinks.toml",
            "[rules]\nignore = [\"description-dash\"]\n",
        );
    let out = p.run(&["check", "a.md"]);
    let stderr = &out.stderr;
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(
        stderr.contains(".mdlinks.toml is ignored: ")
            && stderr.contains("mdlinks.toml is read instead"),
        "{stderr}"
    );
    assert_eq!(out.code, Some(1), "mdlinks.toml's settings apply");
}
