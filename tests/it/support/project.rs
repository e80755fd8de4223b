//! A project on disk for one test: write these files, run mdlinks in their
//! directory, read what it printed.
//!
//! ```ignore
//! let p = Project::new()
//!     .file("mdlinks.toml", "select = [\"year-parens\"]\n")
//!     .file("notes.md", "- [Coders 2019](https://course.fast.ai/)\n");
//! let out = p.run(&["check", "--output-format", "concise"]);
//! assert_eq!(out.code, Some(1), "{}", out.stderr);
//! assert!(out.stdout.starts_with("notes.md:1:"));
//! ```

use super::mdlinks_in;
use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Files in a temporary directory of their own, removed with the project.
pub struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    /// An empty directory.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The project with `contents` in `name`, a path relative to the
    /// project's directory (its directories are created).
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        self.write(name, contents);
        self
    }

    /// Write `contents` to `name` now, as [`Project::file`], and return its
    /// path: for a file a test changes between runs, or needs the path of.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        super::write(self.path(), name, contents)
    }

    /// The text of `name` as it is on disk now.
    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path().join(name)).unwrap()
    }

    /// The project's directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The mdlinks binary in the project's directory, as
    /// [`mdlinks_in`](super::mdlinks_in) (no colour, no results cache): for
    /// what [`Project::run`] does not cover, such as another environment or
    /// assert_cmd's `.assert()`.
    pub fn mdlinks(&self) -> Command {
        mdlinks_in(self.path())
    }

    /// Run mdlinks with `args` in the project's directory: paths in its
    /// output are relative to it, and `check` with no paths walks it.
    pub fn run(&self, args: &[&str]) -> Run {
        self.mdlinks().args(args).output().unwrap().into()
    }

    /// As [`Project::run`], with `input` on standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: impl Into<Vec<u8>>) -> Run {
        self.mdlinks()
            .args(args)
            .write_stdin(input)
            .output()
            .unwrap()
            .into()
    }
}

/// What one run of mdlinks did: its exit code (`None` if a signal ended
/// it) and its output, decoded as UTF-8 (an invalid byte shows as U+FFFD).
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}
