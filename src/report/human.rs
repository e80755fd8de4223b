//! The default output, one report per finding, as ruff prints them: a
//! header `path:line:col: rule [*] message` (`warning:` before the rule for
//! a warning), the source line with the span underlined (miette's graphical
//! excerpt), and what to do about it: `fix:`, `unsafe fix:`, or `by hand:`.

use super::file_report::{FileReport, fix_marker, one_line};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::span::{Columns, LineCol, Span};
use crate::text::visible;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use std::fmt::{self, Write};

mod direct;
mod excerpt;

use excerpt::Excerpt;

pub struct HumanReporter {
    handler: GraphicalReportHandler,
    color: bool,
    /// Whether excerpts miette would lay out plainly are written directly
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

    /// A reporter that has miette lay out every excerpt: the reference that
    /// the direct layout is tested against.
    pub fn miette_only(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        HumanReporter {
            // miette would print byte columns; the header carries
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
            color,
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
            self.header(out, &path, at, diagnostic);
            let source = Excerpt::around(report.text, &lines, diagnostic.span);
            let label = diagnostic.span.clamp_to(source.span());
            let (source, label) = source.escaped(label);
            let plain = direct::Plain {
                label,
                source: &source,
            };
            if self.direct && plain.fits() {
                direct::render(out, &plain);
            } else {
                self.miette_excerpt(out, label, &source);
            }
            footer(out, diagnostic);
            // A blank line between findings, as ruff leaves.
            out.push('\n');
        }
    }

    /// `path:line:col: rule [*] message`, coloured on a terminal.
    fn header(&self, out: &mut String, path: &str, at: LineCol, diagnostic: &Diagnostic) {
        let marker = fix_marker(diagnostic.fix_applicability());
        let message = one_line(&diagnostic.message);
        let message = visible(&message);
        let warning = diagnostic.severity == Severity::Warning;
        let (bold, rule_style, marker_style, reset) = if self.color {
            let rule_style = if warning { "\x1b[1;33m" } else { "\x1b[1;31m" };
            ("\x1b[1m", rule_style, "\x1b[36m", "\x1b[0m")
        } else {
            ("", "", "", "")
        };
        let warning = if warning { "warning: " } else { "" };
        // Writing into a String cannot fail.
        let _ = write!(
            out,
            "{bold}{path}:{}:{}:{reset} {warning}{rule_style}{}{reset}",
            at.line, at.column, diagnostic.rule
        );
        if !marker.is_empty() {
            let _ = write!(out, " {marker_style}{marker}{reset}");
        }
        out.push(' ');
        out.push_str(&message);
        out.push('\n');
    }

    /// The excerpt's box as miette lays it out: its report of a finding
    /// with no message, less the line that message would be on.
    fn miette_excerpt(&self, out: &mut String, label: Span, source: &Excerpt) {
        let shown = Shown { label, source };
        let mut report = String::new();
        // Writing into a String cannot fail.
        let _ = self.handler.render_report(&mut report, &shown);
        let start = report.find('\n').map_or(report.len(), |at| at + 1);
        out.push_str(&report[start..]);
    }
}

/// What to do about a finding, under its excerpt: the fix `mdlinks fix`
/// makes, the one only `--unsafe-fixes` makes, or advice to act on by hand
/// (worded as no fix is, since no fix will do it).
fn footer(out: &mut String, diagnostic: &Diagnostic) {
    let Some(help) = diagnostic.help_text() else {
        return;
    };
    let (label, note) = match diagnostic.fix_applicability() {
        Some(Applicability::Safe) => ("fix", ""),
        Some(Applicability::Unsafe) => ("unsafe fix", " (only with --unsafe-fixes)"),
        None => ("by hand", ""),
    };
    let help = visible(help);
    for piece in ["  ", label, ": ", &help, note, "\n"] {
        out.push_str(piece);
    }
}

/// An excerpt as miette wants it: a diagnostic with no message, no code
/// and no help, only the span to underline.
struct Shown<'a> {
    /// The diagnostic's span, cut to the excerpt.
    label: Span,
    source: &'a Excerpt<'a>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "excerpt at {:?}", self.label)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.label;
        let label = LabeledSpan::underline(span.start..span.end.max(span.start));
        Some(Box::new(std::iter::once(label)))
    }
}
