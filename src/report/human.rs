//! The default output: miette's graphical reports, one per finding, with the
//! source line, the span underlined and the fix (or hint) as `help:`.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{Columns, LineIndex, Span, floor_char_boundary};
use crate::text::{needs_escape, visible};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::borrow::Cow;
use std::fmt;

mod direct;

/// An excerpt longer than this many bytes is cut down to a window around
/// the finding: miette prints whole lines, and panics past 65,535 columns.
const MAX_EXCERPT: usize = 2000;
/// Bytes kept before the finding in such a window.
const WINDOW_BEFORE: usize = 80;

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

/// The lines of one finding, the only part of the file miette is given.
/// miette finds a span's line by scanning its source from the start, so the
/// whole file for every finding would make a big file with many findings
/// quadratic (minutes for 20,000 items). Offsets stay those of the file.
struct Excerpt<'a> {
    name: String,
    /// The file's text, or a copy with control characters escaped.
    text: Cow<'a, str>,
    /// Where `text` starts in the file.
    offset: usize,
    /// The 0-based line of the file `text` starts on.
    line: usize,
    /// How many lines `text` spans.
    line_count: usize,
}

impl<'a> Excerpt<'a> {
    /// The lines of `span`, or, if they are too long, a window of at most
    /// [`MAX_EXCERPT`] bytes.
    fn around(file: &'a str, lines: &LineIndex, span: Span, name: String) -> Self {
        let first = lines.line_of(span.start);
        let last = lines.line_of(span.end).max(first);
        let mut start = lines.line_span(file, first).start;
        let mut end = lines.line_span(file, last).end.max(start);
        if end - start > MAX_EXCERPT {
            start = floor_char_boundary(file, span.start.saturating_sub(WINDOW_BEFORE).max(start));
            end = floor_char_boundary(file, (start + MAX_EXCERPT).min(end));
        }
        let line = lines.line_of(start);
        Excerpt {
            name,
            text: Cow::Borrowed(&file[start..end]),
            offset: start,
            line: line - 1,
            line_count: lines.line_of(end) - line + 1,
        }
    }

    fn span(&self) -> Span {
        Span::new(self.offset, self.offset + self.text.len())
    }

    /// The excerpt with control characters shown escaped (see
    /// `text::visible`), and `label` (within it) moved along with the text.
    fn escaped(self, label: Span) -> (Self, Span) {
        if !self.text.chars().any(needs_escape) {
            return (self, label);
        }
        let offset = self.offset;
        let moved = |at: usize| {
            let before = &self.text[..floor_char_boundary(&self.text, at - offset)];
            offset + visible(before).len()
        };
        let label = Span::new(moved(label.start), moved(label.end));
        let text = Cow::Owned(visible(&self.text).into_owned());
        (Excerpt { text, ..self }, label)
    }
}

impl SourceCode for Excerpt<'_> {
    /// The excerpt whatever is asked: it holds the lines of the one finding
    /// shown, which is all the report shows (no context lines), and
    /// handing it over as it is spares miette's scan of it, char by char.
    fn read_span<'b>(
        &'b self,
        _span: &SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::new(self.offset.into(), self.text.len()),
            self.line,
            0,
            self.line_count,
        )))
    }
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
