//! Turning diagnostics into output. One module per format; reporters never
//! re-parse, they get the text and the diagnostics of each file.

use crate::diagnostic::Diagnostic;
use std::path::Path;

pub mod concise;
pub mod human;

/// The findings of one file, with the text they point into.
pub struct FileReport<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutputFormat {
    /// Source excerpts with the span underlined and the fix as `help:`
    Human,
    /// `path:line:col: rule message`, one line each
    Concise,
}

impl OutputFormat {
    /// The name used on the command line and in `mdlinks.toml`.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Concise => "concise",
        }
    }
}

/// The reporter for an output format.
pub enum Reporter {
    Human(Box<human::HumanReporter>),
    Concise,
}

impl Reporter {
    pub fn new(format: OutputFormat, color: bool) -> Self {
        match format {
            OutputFormat::Human => Reporter::Human(Box::new(human::HumanReporter::new(color))),
            OutputFormat::Concise => Reporter::Concise,
        }
    }

    /// Append one file's findings to `out`.
    pub fn render(&self, out: &mut String, report: &FileReport) {
        match self {
            Reporter::Human(reporter) => reporter.render(out, report),
            Reporter::Concise => concise::render(out, report),
        }
    }
}
