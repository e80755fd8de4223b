//! Turning diagnostics into output. One module per format; reporters never
//! re-parse, they get the text and the diagnostics of each file.
//!
//! Files are rendered on worker threads, each into a fragment; `assemble`
//! frames the fragments, in path order, into the run's output.

use crate::diagnostic::Diagnostic;
use crate::files::FileError;
use crate::span::Span;

pub mod concise;
mod file_report;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

pub use file_report::{FileReport, IO_ERROR, IO_ERROR_DOCUMENT, fix_marker};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutputFormat {
    /// `path:line:col: rule [*] message`, then the source line with the
    /// span underlined and the fix (or what to do by hand)
    Human,
    /// `path:line:col: rule [*] message`, one line each
    Concise,
    /// A JSON array of findings with positions, offsets and fixes
    Json,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// SARIF 2.1.0, for code-scanning tools
    Sarif,
    /// JUnit XML, for CI systems that show test reports
    Junit,
}

impl OutputFormat {
    /// The name used on the command line and in `mdlinks.toml`.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Concise => "concise",
            OutputFormat::Json => "json",
            OutputFormat::Github => "github",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Junit => "junit",
        }
    }
}

/// The reporter for an output format.
pub enum Reporter {
    Human(Box<human::HumanReporter>),
    Concise,
    Json,
    Github,
    Sarif,
    Junit,
}

impl Reporter {
    pub fn new(format: OutputFormat, color: bool) -> Self {
        match format {
            OutputFormat::Human => Reporter::Human(Box::new(human::HumanReporter::new(color))),
            OutputFormat::Concise => Reporter::Concise,
            OutputFormat::Json => Reporter::Json,
            OutputFormat::Github => Reporter::Github,
            OutputFormat::Sarif => Reporter::Sarif,
            OutputFormat::Junit => Reporter::Junit,
        }
    }

    /// Append one file's fragment to `out` (often nothing for a clean file).
    pub fn render(&self, out: &mut String, report: &FileReport) {
        match self {
            Reporter::Human(reporter) => reporter.render(out, report),
            Reporter::Concise => concise::render(out, report),
            Reporter::Json => json::render(out, report),
            Reporter::Github => github::render(out, report),
            Reporter::Sarif => sarif::render(out, report),
            Reporter::Junit => junit::render(out, report),
        }
    }

    /// Append a fragment for a file that could not be read or written: in
    /// a machine format, a finding of the pseudo-rule `io-error` at its
    /// start, so that a CI report shows the file failed (it was on standard
    /// error only: a JUnit report was green while the job failed). Human
    /// formats have it on standard error already.
    pub fn render_file_error(&self, out: &mut String, error: &FileError) {
        let Some(path) = error.path().filter(|_| !self.is_for_humans()) else {
            return;
        };
        let text = error.to_string();
        let prefix = format!("{}: ", path.display());
        let message = text.strip_prefix(&prefix).unwrap_or(&text);
        let diagnostic = Diagnostic::new(IO_ERROR, Span::new(0, 0), message);
        self.render(
            out,
            &FileReport {
                path,
                text: "",
                diagnostics: &[diagnostic],
                lines: None,
            },
        );
    }

    /// Add a second fragment for the same file (cross-file findings).
    pub fn extend_fragment(&self, fragment: &mut String, extra: &str) {
        if extra.is_empty() {
            return;
        }
        if !fragment.is_empty() {
            match self {
                Reporter::Json => fragment.push_str(",\n"),
                Reporter::Sarif => fragment.push(','),
                _ => {}
            }
        }
        fragment.push_str(extra);
    }

    /// The run's whole output from the files' fragments, in order.
    pub fn assemble(&self, fragments: &[String]) -> String {
        let parts = fragments.iter().filter(|f| !f.is_empty());
        match self {
            Reporter::Human(_) | Reporter::Concise | Reporter::Github => parts.cloned().collect(),
            Reporter::Json => json::assemble(parts),
            Reporter::Sarif => sarif::assemble(parts),
            Reporter::Junit => junit::assemble(parts),
        }
    }

    /// Whether a human summary line ("Found 3 findings") may follow on
    /// stdout; machine formats keep stdout to their own document.
    pub fn is_for_humans(&self) -> bool {
        matches!(self, Reporter::Human(_) | Reporter::Concise)
    }
}
