//! Where text comes from: standard input, and directory walking with
//! ignore files, `exclude` and extra extensions.

use crate::support::{mdlinks_in, write};
use std::path::Path;

const BAD: &str = "- [Gobang](https://github.com/TaKO8Ki/gobang) – TUI tool.\n";
const GOOD: &str = "- [Gobang](https://github.com/TaKO8Ki/gobang) - TUI tool.\n";

/// The files `check` reports, sorted.
fn reported(dir: &Path, args: &[&str]) -> Vec<String> {
    let out = mdlinks_in(dir)
        .args(["check", "--output-format", "concise"])
        .args(args)
        .output()
        .unwrap();
    let mut files: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains(": description-dash"))
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn check_reads_standard_input_under_the_given_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = mdlinks_in(dir.path())
        .args([
            "check",
            "-",
            "--stdin-filename",
            "notes/today.md",
            "--output-format",
            "concise",
        ])
        .write_stdin(BAD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("notes/today.md:1:46: description-dash [*] separator ` – ` is not ` - `")
    );
    let out = mdlinks_in(dir.path())
        .args(["check", "-"])
        .write_stdin(GOOD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn stdin_filename_picks_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "wiki/mdlinks.toml",
        "ignore = [\"description-dash\"]\n",
    );
    let out = mdlinks_in(dir.path())
        .args(["check", "-", "--stdin-filename", "wiki/page.md"])
        .write_stdin(BAD)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn fix_stdin_writes_the_fixed_text_to_stdout_only() {
    let dir = tempfile::tempdir().unwrap();
    let text = "- [Coders 2019](https://course.fast.ai/) – Course\n";
    let out = mdlinks_in(dir.path())
        .args(["fix", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "- [Coders 2019](https://course.fast.ai/) - Course.\n"
    );
    assert_eq!(out.status.code(), Some(1), "the unsafe year fix remains");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("year `2019` is not in parentheses"),
        "{stderr}"
    );
    let out = mdlinks_in(dir.path())
        .args(["fix", "-", "--unsafe-fixes"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "- [Coders (2019)](https://course.fast.ai/) - Course.\n"
    );
    // Clean input comes back byte for byte.
    let out = mdlinks_in(dir.path())
        .args(["fix", "-"])
        .write_stdin(GOOD)
        .output()
        .unwrap();
    assert_eq!(out.stdout, GOOD.as_bytes());
}

#[test]
fn stdin_cannot_be_mixed_with_paths() {
    let dir = tempfile::tempdir().unwrap();
    let out = mdlinks_in(dir.path())
        .args(["check", "-", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be combined"));
}

#[test]
fn walking_honours_gitignore_ignore_and_exclude_outside_git() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.md", BAD);
    write(root, "build/b.md", BAD);
    write(root, "vendor/c.md", BAD);
    write(root, "drafts/d.md", BAD);
    write(root, ".hidden/e.md", BAD);
    write(root, "f.markdown", BAD);
    write(root, "g.mdx", BAD);
    write(root, ".gitignore", "build/\n");
    write(root, ".ignore", "vendor/\n");
    write(root, "mdlinks.toml", "exclude = [\"drafts/**\"]\n");
    assert_eq!(reported(root, &[]), ["a.md", "f.markdown"]);
    assert_eq!(
        reported(root, &["--extension", "mdx"]),
        ["a.md", "f.markdown", "g.mdx"]
    );
    // Named files are always checked.
    assert_eq!(
        reported(root, &["build/b.md", "drafts/d.md"]),
        ["build/b.md", "drafts/d.md"]
    );
}

#[cfg(unix)]
#[test]
fn symlinked_directories_are_not_followed_so_loops_cannot_trap_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "sub/a.md", BAD);
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    assert_eq!(reported(root, &[]), ["sub/a.md"]);
}

#[test]
fn output_is_in_path_order_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..60)
        .map(|i| format!("d{}/f{:02}.md", i % 7, i))
        .collect();
    for name in &names {
        write(dir.path(), name, BAD);
    }
    let mut expected = names.clone();
    expected.sort();
    for threads in ["1", "2", "8"] {
        let out = mdlinks_in(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--output-format", "concise"])
            .output()
            .unwrap();
        let files: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains(": description-dash"))
            .map(|l| l.split(':').next().unwrap().to_owned())
            .collect();
        assert_eq!(files, expected, "with {threads} threads");
    }
}

#[test]
fn cross_file_reports_a_url_linked_by_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "a.md",
        "# A\n\n- [Rust](https://www.rust-lang.org/) - Language.\n",
    );
    write(
        root,
        "b/c.md",
        "# C\n\n- [Other](https://example.com/) - Other.\n- [Rust again](http://rust-lang.org) - Language.\n",
    );
    let out = mdlinks_in(root)
        .args(["check", "--output-format", "concise"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = mdlinks_in(root)
        .args([
            "check",
            "--cross-file",
            "--output-format",
            "concise",
            "--ignore",
            "url-https",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("b/c.md:4:3: duplicate-url URL `http://rust-lang.org` is already linked in `a.md` on line 3"),
        "{stdout}"
    );
    // The configuration key does the same, and JSON stays one valid array.
    write(
        root,
        "mdlinks.toml",
        "cross-file = true\nignore = [\"url-https\"]\n",
    );
    let out = mdlinks_in(root)
        .args(["check", "--output-format", "json"])
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings.as_array().unwrap().len(), 1);
    assert_eq!(findings[0]["file"], "b/c.md");
}

/// As in ruff, `--stdin-filename` alone reads standard input: it fixed the
/// files of the current directory in place, and the editor piping its
/// buffer got a summary back.
#[test]
fn stdin_filename_alone_reads_standard_input_and_touches_no_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", BAD);
    write(dir.path(), "other.md", BAD);
    let out = mdlinks_in(dir.path())
        .args(["fix", "--stdin-filename", "a.md"])
        .write_stdin(BAD)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), GOOD);
    for name in ["a.md", "other.md"] {
        assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), BAD);
    }
    // With paths, it is a usage error, not a run over the paths.
    let out = mdlinks_in(dir.path())
        .args(["fix", "--stdin-filename", "a.md", "other.md"])
        .write_stdin(BAD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--stdin-filename"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("other.md")).unwrap(),
        BAD
    );
}

/// What `fix -` prints on standard output replaces an editor's buffer: on
/// input it cannot read, nothing, not the summary line.
#[test]
fn fix_stdin_that_cannot_be_read_prints_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for input in [&b"- [a](u)\n\xff\n"[..], b"- [a](u)\n\0\n"] {
        let out = mdlinks_in(dir.path())
            .args(["fix", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            out.stdout.is_empty(),
            "{:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("error: -:"));
    }
}

/// A file named on the command line is checked even if excluded, unless
/// `--force-exclude` (which the pre-commit hooks pass: pre-commit names
/// every file, so `exclude` never applied under it).
#[test]
fn force_exclude_applies_exclude_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.md", BAD);
    write(root, "drafts/d.md", BAD);
    write(root, "mdlinks.toml", "exclude = [\"drafts/**\"]\n");
    assert_eq!(
        reported(root, &["a.md", "drafts/d.md"]),
        ["a.md", "drafts/d.md"]
    );
    assert_eq!(
        reported(root, &["--force-exclude", "a.md", "drafts/d.md"]),
        ["a.md"]
    );
    let out = mdlinks_in(root)
        .args(["fix", "--force-exclude", "drafts/d.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(root.join("drafts/d.md")).unwrap(),
        BAD
    );
}
