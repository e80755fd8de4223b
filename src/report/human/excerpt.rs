//! The lines of one finding, as a human report shows them.

use crate::span::{LineIndex, Span, floor_char_boundary};
use crate::text::{needs_escape, visible};
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::borrow::Cow;

/// An excerpt longer than this many bytes is cut down to a window around
/// the finding: miette prints whole lines, and panics past 65,535 columns.
const MAX_EXCERPT: usize = 2000;
/// Bytes kept before the finding in such a window.
const WINDOW_BEFORE: usize = 80;

/// The lines of one finding, the only part of the file miette is given.
/// miette finds a span's line by scanning its source from the start, so the
/// whole file for every finding would make a big file with many findings
/// quadratic (minutes for 20,000 items). Offsets stay those of the file.
pub(super) struct Excerpt<'a> {
    /// The file's text, or a copy with control characters escaped.
    pub text: Cow<'a, str>,
    /// Where `text` starts in the file.
    pub offset: usize,
    /// The 0-based line of the file `text` starts on.
    pub line: usize,
    /// How many lines `text` spans.
    pub line_count: usize,
}

impl<'a> Excerpt<'a> {
    /// The lines of `span`, or, if they are too long, a window of at most
    /// [`MAX_EXCERPT`] bytes.
    pub fn around(file: &'a str, lines: &LineIndex, span: Span) -> Self {
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
            text: Cow::Borrowed(&file[start..end]),
            offset: start,
            line: line - 1,
            line_count: lines.line_of(end) - line + 1,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.offset, self.offset + self.text.len())
    }

    /// The excerpt with control characters shown escaped (see
    /// `text::visible`), and `label` (within it) moved along with the text.
    pub fn escaped(self, label: Span) -> (Self, Span) {
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
        // Unnamed: the report's header names the file and the position.
        Ok(Box::new(MietteSpanContents::new(
            self.text.as_bytes(),
            SourceSpan::new(self.offset.into(), self.text.len()),
            self.line,
            0,
            self.line_count,
        )))
    }
}
