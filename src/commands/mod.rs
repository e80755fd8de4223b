//! What each subcommand does, given its parsed arguments. Everything here
//! returns an [`ExitStatus`]; `main` only maps it to the process exit code.

use crate::cli::{Cli, Command, OutputArgs};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::files::{self, FileError, Source};
use crate::linter::Linter;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;

mod check;
mod fix;
mod rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing to report.
    Clean,
    /// Findings, or changes needed.
    Findings,
    /// Bad usage, or a file could not be read or written.
    Error,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }
}

pub fn run(cli: Cli) -> ExitStatus {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Explain(args) => rules::explain(&args),
    }
}

/// The paths to lint: those given, or the current directory.
fn paths_or_cwd(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// Whether to colour: not when asked not to, not through a pipe.
fn use_color(args: &OutputArgs) -> bool {
    !args.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Run `work` on every file of `paths` in parallel and return its results
/// in path order, whatever the thread timing, after the discovery errors.
fn for_each_file<T, F>(paths: &[PathBuf], work: F) -> Vec<Result<T, FileError>>
where
    T: Send,
    F: Fn(Source) -> Result<T, FileError> + Sync,
{
    let (found, errors) = files::discover(&paths_or_cwd(paths));
    let results: Vec<Result<T, FileError>> = found
        .par_iter()
        .map(|path| files::read(path).and_then(&work))
        .collect();
    errors.into_iter().map(Err).chain(results).collect()
}

/// Counts for the closing summary line.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    findings: usize,
    safe_fixes: usize,
    unsafe_fixes: usize,
    files_with_findings: usize,
}

impl Tally {
    fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.findings += diagnostics.len();
        self.files_with_findings += usize::from(!diagnostics.is_empty());
        for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
            match fix.applicability {
                Applicability::Safe => self.safe_fixes += 1,
                Applicability::Unsafe => self.unsafe_fixes += 1,
            }
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn default_linter() -> Linter {
    Linter::default()
}
