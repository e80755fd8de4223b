//! What every format is given: one file's findings with the text they
//! point into, and how positions are shown.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::span::{Columns, LineCol, LineIndex, Span};
use std::borrow::Cow;
use std::path::Path;

/// The findings of one file, with the text they point into.
pub struct FileReport<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// The line index of `text`, where the caller has it from linting;
    /// else it is built when needed.
    pub lines: Option<&'a LineIndex>,
}

impl FileReport<'_> {
    /// The line index of the text.
    pub fn lines(&self) -> Cow<'_, LineIndex> {
        match self.lines {
            Some(lines) => Cow::Borrowed(lines),
            None => Cow::Owned(LineIndex::new(self.text)),
        }
    }
}

/// The rule name under which machine formats report a file that could not
/// be read or written.
pub const IO_ERROR: &str = "io-error";

/// What `mdlinks explain io-error` prints: the pseudo-rule has no rule's
/// document under `rules/`, whose examples must each trigger a rule.
pub const IO_ERROR_DOCUMENT: &str = include_str!("io-error.md");

/// Start and end (exclusive) of a span as lines and character columns.
pub(super) fn positions(columns: &Columns, span: Span) -> (LineCol, LineCol) {
    (columns.line_col(span.start), columns.line_col(span.end))
}

/// The mark after the rule name of a finding, in the human and concise
/// formats: `[*]` where `mdlinks fix` repairs it, `[-]` where only
/// `mdlinks fix --unsafe-fixes` does, nothing where it is left to the
/// user. The summary line and `--statistics` count by the same
/// [`Diagnostic::fix_applicability`], so the three agree.
pub fn fix_marker(applicability: Option<Applicability>) -> &'static str {
    match applicability {
        Some(Applicability::Safe) => "[*]",
        Some(Applicability::Unsafe) => "[-]",
        None => "",
    }
}

/// A message on one line: a title quoted across a line break made one
/// finding two lines, which an editor or grep reads as two.
pub(super) fn one_line(message: &str) -> Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        message
            .replace("\r\n", "\\n")
            .replace(['\n', '\r'], "\\n")
            .into()
    } else {
        message.into()
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn a_message_stays_on_one_line() {
        assert_eq!(one_line("title `a\nb`"), "title `a\\nb`");
        assert_eq!(one_line("title `a\r\nb\rc`"), "title `a\\nb\\nc`");
        assert_eq!(one_line("plain"), "plain");
    }
}
