//! The default output: miette's graphical reports, one per finding, with the
//! source line, the span underlined and the fix (or hint) as `help:`.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::LineIndex;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::sync::Arc;

pub struct HumanReporter {
    handler: GraphicalReportHandler,
}

impl HumanReporter {
    pub fn new(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        HumanReporter {
            // miette would print byte columns; the source name carries
            // character columns instead, as every other format shows them.
            handler: GraphicalReportHandler::new_themed(theme)
                .with_context_lines(1)
                .without_primary_span_start(),
        }
    }

    /// Append the reports of one file's findings to `out`.
    pub fn render(&self, out: &mut String, report: &FileReport) {
        if report.diagnostics.is_empty() {
            return;
        }
        let text = Arc::<str>::from(report.text);
        let lines = LineIndex::new(report.text);
        let path = report.path.display();
        for diagnostic in report.diagnostics {
            let at = lines.line_col(report.text, diagnostic.span.start);
            let source =
                NamedSource::new(format!("{path}:{}:{}", at.line, at.column), text.clone());
            let shown = Shown {
                diagnostic,
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
    source: &'a NamedSource<Arc<str>>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
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
        let help = self.diagnostic.help_text()?;
        let unsafe_note = match &self.diagnostic.fix {
            Some(fix) if fix.applicability == crate::Applicability::Unsafe => {
                " (unsafe fix: --unsafe-fixes)"
            }
            _ => "",
        };
        Some(Box::new(format!("{help}{unsafe_note}")))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.diagnostic.span;
        let label = LabeledSpan::underline(span.start..span.end.max(span.start));
        Some(Box::new(std::iter::once(label)))
    }
}
