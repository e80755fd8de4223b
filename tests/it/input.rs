//! Where text comes from: standard input, and directory walking with
//! ignore files, `exclude` and extra extensions.

use crate::support::{Project, house_items};

const BAD: &str = "- [Gobang](https://github.com/TaKO8Ki/gobang) – TUI tool.\n";
const GOOD: &str = "- [Gobang](https://github.com/TaKO8Ki/gobang) - TUI tool.\n";

/// The files `check` reports, sorted.
fn reported(project: &Project, args: &[&str]) -> Vec<String> {
    let out = project.run(&[&["check", "--output-format", "concise"], args].concat());
    let mut files: Vec<String> = out
        .stdout
        .lines()
        .filter(|l| l.contains(": description-dash"))
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn check_reads_standard_input_under_the_given_name() {
    let p = Project::new();
    let out = p.run_with_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "notes/today.md",
            "--output-format",
            "concise",
        ],
        BAD,
    );
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout
            .starts_with("notes/today.md:1:46: description-dash [*] separator ` – ` is not ` - `")
    );
    let out = p.run_with_stdin(&["check", "-"], GOOD);
    assert_eq!(out.code, Some(0));
}

#[test]
fn stdin_filename_picks_the_configuration() {
    let p = Project::new().file("wiki/mdlinks.toml", "ignore = [\"description-dash\"]\n");
    let out = p.run_with_stdin(&["check", "-", "--stdin-filename", "wiki/page.md"], BAD);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
}

#[test]
fn fix_stdin_writes_the_fixed_text_to_stdout_only() {
    let p = Project::new();
    let text = "- [Coders 2019](https://course.fast.ai/) – Course\n";
    let out = p.run_with_stdin(&["fix", "-"], text);
    assert_eq!(
        out.stdout,
        "- [Coders 2019](https://course.fast.ai/) - Course.\n"
    );
    assert_eq!(out.code, Some(1), "the unsafe year fix remains");
    let stderr = out.stderr;
    assert!(
        stderr.contains("year `2019` is not in parentheses"),
        "{stderr}"
    );
    let out = p.run_with_stdin(&["fix", "-", "--unsafe-fixes"], text);
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.stdout,
        "- [Coders (2019)](https://course.fast.ai/) - Course.\n"
    );
    // Clean input comes back byte for byte.
    let out = p.run_with_stdin(&["fix", "-"], GOOD);
    assert_eq!(out.stdout, GOOD);
}

#[test]
fn stdin_cannot_be_mixed_with_paths() {
    let out = Project::new().run(&["check", "-", "a.md"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("cannot be combined"));
}

#[test]
fn walking_honours_gitignore_ignore_and_exclude_outside_git() {
    let p = Project::new()
        .file("a.md", BAD)
        .file("build/b.md", BAD)
        .file("vendor/c.md", BAD)
        .file("drafts/d.md", BAD)
        .file(".hidden/e.md", BAD)
        .file("f.markdown", BAD)
        .file("g.mdx", BAD)
        .file(".gitignore", "build/\n")
        .file(".ignore", "vendor/\n")
        .file("mdlinks.toml", "exclude = [\"drafts/**\"]\n");
    assert_eq!(reported(&p, &[]), ["a.md", "f.markdown"]);
    assert_eq!(
        reported(&p, &["--extension", "mdx"]),
        ["a.md", "f.markdown", "g.mdx"]
    );
    // Named files are always checked.
    assert_eq!(
        reported(&p, &["build/b.md", "drafts/d.md"]),
        ["build/b.md", "drafts/d.md"]
    );
}

/// Installed packages, build output and fuzzing directories are other
/// people's Markdown: skipped in a walk (as ruff skips them), walked when
/// named.
#[test]
fn package_and_build_directories_are_skipped_unless_named() {
    let p = Project::new()
        .file("notes.md", BAD)
        .file("node_modules/pkg/README.md", BAD)
        .file("target/doc/a.md", BAD)
        .file("fuzz/corpus/seed.md", BAD)
        .file("docs/vendor/b.md", BAD)
        .file("docs/target-audience.md", BAD);
    assert_eq!(reported(&p, &[]), ["docs/target-audience.md", "notes.md"]);
    assert_eq!(
        reported(&p, &["node_modules"]),
        ["node_modules/pkg/README.md"]
    );
}

#[cfg(unix)]
#[test]
fn symlinked_directories_are_not_followed_so_loops_cannot_trap_the_walk() {
    let p = Project::new().file("sub/a.md", BAD);
    std::os::unix::fs::symlink(p.path(), p.path().join("sub/loop")).unwrap();
    assert_eq!(reported(&p, &[]), ["sub/a.md"]);
}

#[test]
fn output_is_in_path_order_whatever_the_threads() {
    let p = Project::new();
    let names: Vec<String> = (0..60)
        .map(|i| format!("d{}/f{:02}.md", i % 7, i))
        .collect();
    // Each file one slip among items in the house style (sixty files of
    // nothing but `–` would be a list with a convention of its own).
    for name in &names {
        p.write(name, format!("{}{BAD}", house_items(19)));
    }
    let mut expected = names.clone();
    expected.sort();
    for threads in ["1", "2", "8"] {
        let out = p
            .mdlinks()
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
    let p = Project::new()
        .file(
            "a.md",
            "# A\n\n- [Rust](https://www.rust-lang.org/) - Language.\n",
        )
        .file(
            "b/c.md",
            "# C\n\n- [Other](https://example.com/) - Other.\n- [Rust again](http://rust-lang.org) - Language.\n",
        );
    let out = p.run(&["check", "--output-format", "concise"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    let out = p.run(&[
        "check",
        "--cross-file",
        "--output-format",
        "concise",
        "--ignore",
        "url-https",
    ]);
    assert_eq!(out.code, Some(1));
    let stdout = out.stdout;
    assert!(
        stdout.starts_with("b/c.md:4:3: duplicate-url URL `http://rust-lang.org` is already linked in `a.md` on line 3"),
        "{stdout}"
    );
    // The configuration key does the same, and JSON stays one valid array.
    p.write(
        "mdlinks.toml",
        "cross-file = true\nignore = [\"url-https\"]\n",
    );
    let out = p.run(&["check", "--output-format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(findings.as_array().unwrap().len(), 1);
    assert_eq!(findings[0]["file"], "b/c.md");
}

/// As in ruff, `--stdin-filename` alone reads standard input: it fixed the
/// files of the current directory in place, and the editor piping its
/// buffer got a summary back.
#[test]
fn stdin_filename_alone_reads_standard_input_and_touches_no_file() {
    let p = Project::new().file("a.md", BAD).file("other.md", BAD);
    let out = p.run_with_stdin(&["fix", "--stdin-filename", "a.md"], BAD);
    assert_eq!(out.stdout, GOOD);
    for name in ["a.md", "other.md"] {
        assert_eq!(p.read(name), BAD);
    }
    // With paths, it is a usage error, not a run over the paths.
    let out = p.run_with_stdin(&["fix", "--stdin-filename", "a.md", "other.md"], BAD);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("--stdin-filename"));
    assert_eq!(p.read("other.md"), BAD);
}

/// What `fix -` prints on standard output replaces an editor's buffer: on
/// input it cannot read as text, that input as it came (nothing emptied
/// the buffer), and not the summary line.
#[test]
fn fix_stdin_that_cannot_be_read_comes_back_unchanged_on_stdout() {
    let p = Project::new();
    for input in [&b"- [a](u)\n\xff\n"[..], b"- [a](u)\n\0\n"] {
        let out = p
            .mdlinks()
            .args(["fix", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            out.stdout,
            input,
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
    let p = Project::new()
        .file("a.md", BAD)
        .file("drafts/d.md", BAD)
        .file("mdlinks.toml", "exclude = [\"drafts/**\"]\n");
    assert_eq!(
        reported(&p, &["a.md", "drafts/d.md"]),
        ["a.md", "drafts/d.md"]
    );
    assert_eq!(
        reported(&p, &["--force-exclude", "a.md", "drafts/d.md"]),
        ["a.md"]
    );
    let out = p.run(&["fix", "--force-exclude", "drafts/d.md"]);
    assert_eq!(out.code, Some(0));
    assert_eq!(p.read("drafts/d.md"), BAD);
}
