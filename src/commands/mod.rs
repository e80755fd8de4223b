//! What each subcommand does, given its parsed arguments. Everything here
//! returns an [`ExitStatus`]; `main` only maps it to the process exit code.

use crate::cli::{Cli, Command, ConfigArgs, InputArgs, OutputArgs};
use crate::config::{ConfigError, Overrides, Resolver, Settings};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::files::{self, FileError, Source};
use crate::report::{OutputFormat, Reporter};
use miette::{GraphicalReportHandler, GraphicalTheme};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod check;
mod config;
mod fix;
mod rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing to report.
    Clean,
    /// Findings, or changes needed.
    Findings,
    /// Bad usage or configuration, or a file could not be read or written.
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
        Command::Config(args) => config::run(&args),
    }
}

/// The command line's overrides of the configuration.
fn overrides(args: &ConfigArgs, output: Option<&OutputArgs>, unsafe_fixes: bool) -> Overrides {
    Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        unsafe_fixes,
        strict: args.strict,
        output_format: output.and_then(|o| o.output_format),
        max_file_size: args.max_file_size,
    }
}

fn resolver(args: &ConfigArgs, overrides: Overrides) -> Result<Resolver, ConfigError> {
    Resolver::new(args.config.as_deref(), args.isolated, overrides)
}

/// Whether to colour: not when asked not to, not through a pipe.
fn use_color(args: &OutputArgs) -> bool {
    !args.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Print a configuration or usage error as miette shows it, on stderr.
fn report_config_error(err: &ConfigError) -> ExitStatus {
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    match GraphicalReportHandler::new_themed(theme).render_report(&mut out, err) {
        Ok(()) => eprint!("{out}"),
        Err(_) => eprintln!("error: {err}"),
    }
    ExitStatus::Error
}

/// Where a text to lint comes from.
enum Input {
    File(PathBuf),
    /// Standard input, with the name it goes by.
    Stdin(PathBuf),
}

/// The files of one run, each with the settings it is linted with.
struct Plan {
    files: Vec<(Input, Arc<Settings>)>,
    errors: Vec<FileError>,
    /// How findings are shown, the same for every file of the run.
    reporter: Arc<Reporter>,
    /// `cross-file = true` in the current directory's configuration.
    cross_file: bool,
    /// Where `check` keeps its results cache by default: beside the current
    /// directory's configuration file, else in the current directory (as
    /// ruff keeps its cache at the project's root).
    cache_dir: PathBuf,
}

impl Plan {
    /// Find the files under `paths`, resolve each one's settings, and drop
    /// the walked ones their configuration excludes. `-` is standard input.
    fn new(
        paths: &[PathBuf],
        input: &InputArgs,
        mut resolver: Resolver,
        output: &OutputArgs,
    ) -> Result<Self, ConfigError> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        let stdin_named = input.stdin_filename.is_some();
        if paths.iter().any(|p| p.as_os_str() == "-") || (stdin_named && paths.is_empty()) {
            if paths.len() > 1 {
                return Err(ConfigError::Usage(
                    "`-` (standard input) cannot be combined with other paths".into(),
                ));
            }
            // Configuration is looked up as if the text lived at its name.
            let name = input
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            let lookup = input.stdin_filename.as_deref().unwrap_or(Path::new("-"));
            files.push((Input::Stdin(name), resolver.settings_for(lookup)?));
        } else if stdin_named {
            // Without this, the paths were linted (or fixed in place) and
            // standard input ignored: an editor piping its buffer got a
            // summary back, and the files on disk were rewritten.
            return Err(ConfigError::Usage(
                "`--stdin-filename` names standard input: give `-` or no path".into(),
            ));
        } else {
            let paths = if paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                paths.to_vec()
            };
            let (found, discovery_errors) = files::discover(&paths, &input.extensions);
            if found.is_empty() && discovery_errors.is_empty() {
                eprintln!("warning: no Markdown files found under the given paths");
            }
            errors = discovery_errors;
            for file in found {
                let settings = resolver.settings_for_file(&file.path)?;
                let named = file.explicit && !input.force_exclude;
                if named || !settings.is_excluded(&file.path) {
                    files.push((Input::File(file.path), settings));
                }
            }
        }
        // The output format and cross-file mode are one per run: the command
        // line's, or those configured for the current directory.
        let here = resolver.settings_for(Path::new("."))?;
        let format = output
            .output_format
            .or(here.output_format)
            .unwrap_or(OutputFormat::Human);
        Ok(Plan {
            files,
            errors,
            reporter: Arc::new(Reporter::new(format, use_color(output))),
            cross_file: here.cross_file,
            cache_dir: here
                .config_path
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or(Path::new(""))
                .join(crate::cache::DEFAULT_DIR),
        })
    }

    /// Whether the run reads standard input (and so, for `fix`, writes the
    /// fixed text to standard output, and nothing else).
    fn reads_stdin(&self) -> bool {
        self.files
            .iter()
            .any(|(input, _)| matches!(input, Input::Stdin(_)))
    }

    /// Run `work` on every file in parallel; results come back in path
    /// order, whatever the thread timing, after the discovery errors.
    fn run<T, F>(&mut self, work: F) -> Vec<Result<T, FileError>>
    where
        T: Send,
        F: Fn(Source, &Settings) -> Result<T, FileError> + Sync,
    {
        let results: Vec<Result<T, FileError>> = self
            .files
            .par_iter()
            .map(|(input, settings)| {
                let source = match input {
                    Input::File(path) => files::read(path, settings.max_file_size),
                    Input::Stdin(name) => files::read_stdin(name, settings.max_file_size),
                };
                source.and_then(|source| work(source, settings))
            })
            .collect();
        std::mem::take(&mut self.errors)
            .into_iter()
            .map(Err)
            .chain(results)
            .collect()
    }
}

/// Counts for the closing summary line and `--statistics`.
#[derive(Debug, Default, Clone)]
struct Tally {
    /// Per rule: (findings, fixable ones with a fix of any applicability).
    per_rule: std::collections::BTreeMap<&'static str, (usize, usize)>,
    findings: usize,
    /// Findings a fix repairs (their own or another's), by applicability.
    safe_fixable: usize,
    unsafe_fixable: usize,
    files_with_findings: usize,
    /// Findings that fail the run: errors, and warnings under `strict`.
    failing: usize,
}

impl Tally {
    fn add(&mut self, diagnostics: &[Diagnostic], strict: bool) {
        self.findings += diagnostics.len();
        self.files_with_findings += usize::from(!diagnostics.is_empty());
        self.failing += diagnostics
            .iter()
            .filter(|d| strict || d.severity == Severity::Error)
            .count();
        for d in diagnostics {
            // A finding another finding's fix repairs counts as fixable.
            let applicability = d.fix_applicability();
            let counts = self.per_rule.entry(d.rule).or_default();
            counts.0 += 1;
            counts.1 += usize::from(applicability.is_some());
            match applicability {
                Some(Applicability::Safe) => self.safe_fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }

    fn merge(&mut self, other: Tally) {
        for (rule, (count, fixable)) in other.per_rule {
            let counts = self.per_rule.entry(rule).or_default();
            counts.0 += count;
            counts.1 += fixable;
        }
        self.findings += other.findings;
        self.safe_fixable += other.safe_fixable;
        self.unsafe_fixable += other.unsafe_fixable;
        self.files_with_findings += other.files_with_findings;
        self.failing += other.failing;
    }
}

impl Tally {
    /// `--statistics`: findings per rule, most first; JSON for machine formats.
    fn statistics(&self, reporter: &Reporter) -> String {
        let mut rows: Vec<_> = self.per_rule.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        if !reporter.is_for_humans() {
            let rows: Vec<serde_json::Value> = rows
                .iter()
                .map(|(rule, (count, fixable))| {
                    serde_json::json!({ "rule": rule, "count": count, "fixable": fixable })
                })
                .collect();
            return serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n";
        }
        let width = rows.iter().map(|(rule, _)| rule.len()).max().unwrap_or(0);
        let mut out = String::new();
        for (rule, (count, fixable)) in rows {
            out.push_str(&format!("{count:>6}  {rule:width$}  {fixable} fixable\n"));
        }
        out.push_str(&format!(
            "{:>6}  {:width$}  in {}\n",
            self.findings,
            "total",
            plural(self.files_with_findings, "file", "files")
        ));
        out
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
