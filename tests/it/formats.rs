//! Golden output of every format, with exact paths and positions, and the
//! SARIF log validated against the official SARIF 2.1.0 JSON schema.
//! `MDLINKS_BLESS=1 cargo test --test it formats::` rewrites the golden files.

use crate::support::{mdlinks_in, repo_root};
use std::fs;
use std::path::PathBuf;

const FORMATS: &[&str] = &["human", "concise", "json", "github", "sarif", "junit"];

fn golden_dir() -> PathBuf {
    repo_root().join("tests/golden")
}

/// `mdlinks check input.md --output-format <format>`, run in the golden
/// directory so the path in the output is exactly `input.md`.
fn check(format: &str) -> (i32, String) {
    let out = mdlinks_in(&golden_dir())
        .args(["check", "--isolated", "input.md", "--output-format", format])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // The version is the only part that changes without a change of output.
    let stdout = stdout.replace(env!("CARGO_PKG_VERSION"), "VERSION");
    (out.status.code().unwrap(), stdout)
}

#[test]
fn every_format_matches_its_golden_file() {
    let bless = std::env::var_os("MDLINKS_BLESS").is_some();
    for format in FORMATS {
        let (code, stdout) = check(format);
        assert_eq!(code, 1, "{format}: findings exit 1");
        let path = golden_dir().join(format!("expected.{format}"));
        if bless {
            fs::write(&path, &stdout).unwrap();
        }
        let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("{} is missing (MDLINKS_BLESS=1 writes it)", path.display())
        });
        assert_eq!(
            stdout,
            expected,
            "{format}: output differs from {}",
            path.display()
        );
    }
}

#[test]
fn json_is_an_array_of_findings_with_exact_positions() {
    let (_, stdout) = check("json");
    let findings: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &findings[0];
    assert_eq!(first["file"], "input.md");
    assert_eq!(first["rule"], "description-dash");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["start"]["line"], 3);
    assert_eq!(first["start"]["column"], 46);
    assert_eq!(first["end"]["column"], 49);
    let text = fs::read_to_string(golden_dir().join("input.md")).unwrap();
    let (start, end) = (
        first["start"]["offset"].as_u64().unwrap(),
        first["end"]["offset"].as_u64().unwrap(),
    );
    assert_eq!(&text[start as usize..end as usize], " – ");
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(first["fix"]["edits"][0]["replacement"], " - ");
}

/// The official SARIF 2.1.0 schema, as a validator.
pub(crate) fn sarif_validator() -> jsonschema::Validator {
    // The official schema's patterns for `language` have a stray `]` that
    // strict validators reject as a regex; mdlinks does not emit `language`.
    let text = fs::read_to_string(golden_dir().join("../data/sarif-schema-2.1.0.json"))
        .unwrap()
        .replace(
            r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
            r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
        );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let validator = sarif_validator();
    let (_, stdout) = check("sarif");
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(
        !validator.is_valid(&broken),
        "the validator must catch a bad level"
    );
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        mdlinks::rules::REGISTRY.len() + 1,
        "every rule, and io-error"
    );

    // A clean run is a valid log too, with no results.
    let out = mdlinks_in(&golden_dir())
        .args([
            "check",
            "--isolated",
            "--select",
            "title-format",
            "input.md",
            "--output-format",
            "sarif",
        ])
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(validator.is_valid(&log));
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
}

/// A file that cannot be read is in every machine format, as a finding of
/// `io-error` at its start: it was on standard error only, and a JUnit or
/// SARIF report of the run showed nothing wrong while the run failed.
#[test]
fn a_file_that_cannot_be_read_is_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    // Named: met in a directory walk, it would be skipped with a warning.
    fs::write(dir.path().join("bad.md"), b"- [a](u)\n\xff\n").unwrap();
    fs::write(
        dir.path().join("good.md"),
        "- [A](https://a.org/) - Fine.\n",
    )
    .unwrap();
    let run = |format: &str| {
        let out = mdlinks_in(dir.path())
            .args([
                "check",
                "--isolated",
                "--output-format",
                format,
                "bad.md",
                "good.md",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["rule"], "io-error");
    assert_eq!(json[0]["file"], "bad.md");
    assert!(
        json[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("not UTF-8")
    );
    assert_eq!(json[0]["start"]["line"], 1);

    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    assert!(sarif_validator().is_valid(&sarif));
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "io-error");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"][index]["id"],
        "io-error"
    );

    let junit = run("junit");
    assert!(
        junit.contains(r#"<testsuite name="bad.md" tests="1" failures="0" errors="1""#),
        "{junit}"
    );
    assert!(junit.contains(r#"<error message="not UTF-8"#), "{junit}");

    let github = run("github");
    assert!(
        github.starts_with("::error file=bad.md,line=1,col=1"),
        "{github}"
    );
    assert!(github.contains("mdlinks(io-error)"), "{github}");

    for format in ["human", "concise"] {
        let out = run(format);
        assert!(!out.contains("All clean."), "{format}: {out}");
        assert!(
            out.contains("1 file or path could not be read"),
            "{format}: {out}"
        );
    }
}

#[test]
fn statistics_count_per_rule() {
    let out = mdlinks_in(&golden_dir())
        .args(["check", "--isolated", "input.md", "--statistics"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        concat!(
            " count  rule                 [*] fix  [-] unsafe  by hand\n",
            "     1  description-dash           1           0        0\n",
            "     1  description-period         1           0        0\n",
            "     1  year-parens                1           0        0\n",
            "     3  total (1 file)             3           0        0\n",
        )
    );
}

/// The README shows the human output and `--statistics` of a `notes.md`
/// it gives (a block fenced ```` ```markdown notes.md ````): each
/// ```` ```console ```` block, `$ mdlinks …` and what follows, is what
/// that command prints.
#[test]
fn readme_examples_are_real_output() {
    let readme = fs::read_to_string(repo_root().join("README.md")).unwrap();
    let block = |fence: &str, from: usize| -> Option<(usize, String)> {
        let start = from + readme[from..].find(fence)? + fence.len();
        let end = start + readme[start..].find("```\n")?;
        Some((end, readme[start..end].to_owned()))
    };
    let (_, notes) = block("```markdown notes.md\n", 0).expect("README gives notes.md");
    let p = crate::support::Project::new().file("notes.md", &notes);
    let mut from = 0;
    let mut shown = 0;
    while let Some((end, example)) = block("```console\n", from) {
        from = end;
        let Some((command, expected)) = example.split_once('\n') else {
            continue;
        };
        let Some(args) = command.strip_prefix("$ mdlinks ") else {
            continue;
        };
        let args: Vec<&str> = args.split(' ').collect();
        assert_eq!(p.run(&args).stdout, expected, "README: {command}");
        shown += 1;
    }
    assert!(shown >= 2, "README has {shown} examples");
}
