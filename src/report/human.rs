//! The default output: miette's graphical reports, one per finding, with the
//! source line, the span underlined and the fix (or hint) as `help:`.

use super::file_report::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{Columns, Span};
use crate::text::visible;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use std::fmt;

mod direct;
mod excerpt;

use excerpt::Excerpt;

pub struct HumanReporter {
    handler: GraphicalReportHandler,
    /// Whether reports miette would lay out plainly are written directly
    /// (see `direct.rs`): without colour, unless turned off to compare.
    direct: bool,
}

impl HumanReporter {
    pub fn new(color: bool) -> Self {
        HumanReporter {
            direct: !color,
            ..Self::miette_only(color)
        }
    }

    /// A reporter that has miette lay out every report: the reference that
    /// the direct layout is tested against.
    pub fn miette_only(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        HumanReporter {
            // miette would print byte columns; the source name carries
            // character columns instead, as every other format shows them.
            handler: GraphicalReportHandler::new_themed(theme)
                // The lines around a finding are other items, not its
                // context: showing them tripled the output (and its cost).
                .with_context_lines(0)
                .without_primary_span_start()
                // A message is one line; a terminal wraps it where it is as
                // wide as the terminal (miette would wrap at 200 columns,
                // and textwrap costs more than the rest of a report).
                .with_wrap_lines(false),
            direct: false,
        }
    }

    /// Append the reports of one file's findings to `out`.
    pub fn render(&self, out: &mut String, report: &FileReport) {
        if report.diagnostics.is_empty() {
            return;
        }
        let lines = report.lines();
        let columns = Columns::new(report.text, &lines);
        // About what a finding takes (the corpus averages 520 bytes): grown
        // a doubling at a time, the output was copied over and over.
        out.reserve(report.diagnostics.len() * 512);
        // File names and text are shown with control characters escaped:
        // an escape sequence in them reached the terminal raw.
        let path = visible(&report.path.display().to_string()).into_owned();
        for diagnostic in report.diagnostics {
            let at = columns.line_col(diagnostic.span.start);
            let name = format!("{path}:{}:{}", at.line, at.column);
            let source = Excerpt::around(report.text, &lines, diagnostic.span, name);
            let label = diagnostic.span.clamp_to(source.span());
            let (source, label) = source.escaped(label);
            let message = visible(&diagnostic.message);
            let help = diagnostic.help_text().map(visible);
            if self.direct {
                let plain = direct::Plain {
                    rule: diagnostic.rule,
                    severity: diagnostic.severity,
                    message: &message,
                    help: help.as_deref(),
                    unsafe_note: unsafe_note(diagnostic),
                    label,
                    source: &source,
                };
                if plain.fits() {
                    direct::render(out, &plain);
                    continue;
                }
            }
            let shown = Shown {
                diagnostic,
                message: &message,
                help: help.as_deref(),
                label,
                source: &source,
            };
            // Writing into a String cannot fail.
            let _ = self.handler.render_report(out, &shown);
        }
    }
}

/// A diagnostic as miette wants it: with its file attached.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    /// Its message and help as shown (escaped).
    message: &'a str,
    help: Option<&'a str>,
    /// The diagnostic's span, cut to the excerpt.
    label: Span,
    source: &'a Excerpt<'a>,
}

/// What follows the help of a finding whose fix is unsafe.
fn unsafe_note(diagnostic: &Diagnostic) -> &'static str {
    match diagnostic.fix_applicability() {
        Some(crate::Applicability::Unsafe) => " (unsafe fix: --unsafe-fixes)",
        _ => "",
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.help?;
        let unsafe_note = unsafe_note(self.diagnostic);
        Some(Box::new(format!("{help}{unsafe_note}")))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.label;
        let label = LabeledSpan::underline(span.start..span.end.max(span.start));
        Some(Box::new(std::iter::once(label)))
    }
}
