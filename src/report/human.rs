//! The default output: miette's graphical reports, one per finding, with the
//! source line, the span underlined and the fix (or hint) as `help:`.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::LineIndex;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

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
        let lines = LineIndex::new(report.text);
        let path = report.path.display();
        for diagnostic in report.diagnostics {
            let at = lines.line_col(report.text, diagnostic.span.start);
            let source = Excerpt {
                name: format!("{path}:{}:{}", at.line, at.column),
                text: report.text,
                lines: &lines,
            };
            let shown = Shown {
                diagnostic,
                source: &source,
            };
            // Writing into a String cannot fail.
            let _ = self.handler.render_report(out, &shown);
        }
    }
}

/// A file's text as miette reads it. miette's own `SourceCode` for text
/// scans from the first byte to the span for every finding, which makes a
/// report quadratic in the size of the file; this one lets miette scan only
/// from a few lines above the span, and counts the lines before those with
/// the line index. Both count `\n`, `\r\n` and a lone `\r` as one line
/// ending, so the lines, columns and excerpt are the same.
struct Excerpt<'t> {
    name: String,
    text: &'t str,
    lines: &'t LineIndex,
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let line = self.lines.line_of(span.offset().min(self.text.len()));
        // Two spare lines above the context, so miette's window of context
        // lines is full exactly where it would be had it read from the start.
        let first_line = line.saturating_sub(context_lines_before + 2).max(1);
        let skipped_lines = first_line - 1;
        let start = self.lines.line_span(self.text, first_line).start;
        let local = SourceSpan::new((span.offset() - start).into(), span.len());
        let inner = self.text.as_bytes()[start..].read_span(
            &local,
            context_lines_before,
            context_lines_after,
        )?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + start).into(), inner.span().len()),
            inner.line() + skipped_lines,
            inner.column(),
            inner.line_count() + skipped_lines,
        )))
    }
}

/// A diagnostic as miette wants it: with its file attached.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a Excerpt<'a>,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette shows of a span: the excerpt, where it is, its line and
    /// column, and the line count it reports.
    fn seen(contents: &dyn SpanContents<'_>) -> (Vec<u8>, usize, usize, usize, usize, usize) {
        (
            contents.data().to_vec(),
            contents.span().offset(),
            contents.span().len(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )
    }

    #[test]
    fn excerpts_read_as_miette_reads_the_whole_text() {
        let texts = [
            "",
            "one line",
            "a\nb\nc\nd\ne\nf\n",
            "a\r\nbb\r\n\r\nccc\r\nd",
            "x\ry\r\rz\n\r\nw",
            "é\nü [x](u)\n\n\n- [a](b) - c\n- d\n",
        ];
        for text in texts {
            let lines = LineIndex::new(text);
            let excerpt = Excerpt {
                name: String::new(),
                text,
                lines: &lines,
            };
            // Spans inside the text, as every diagnostic's is.
            for offset in 0..=text.len() {
                for len in 0..=3.min(text.len() - offset) {
                    for context in 0..=2 {
                        let span = SourceSpan::new(offset.into(), len);
                        let whole = text.read_span(&span, context, context);
                        let ours = excerpt.read_span(&span, context, context);
                        match (whole, ours) {
                            (Ok(whole), Ok(ours)) => assert_eq!(
                                seen(whole.as_ref()),
                                seen(ours.as_ref()),
                                "{text:?} at {offset}+{len}, context {context}"
                            ),
                            (Err(_), Err(_)) => {}
                            (whole, ours) => panic!(
                                "{text:?} at {offset}+{len}: {:?} vs {:?}",
                                whole.is_ok(),
                                ours.is_ok()
                            ),
                        }
                    }
                }
            }
        }
    }
}
