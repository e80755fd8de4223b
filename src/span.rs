//! Byte spans into a source text, and the line index that turns comrak's
//! line/column positions into them (and back, for display).

use std::cell::Cell;
use std::ops::Range;

/// A half-open byte range `start..end` into the original source text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The part of `text` this span covers. Panics if the span is not on char
    /// boundaries, which would be a bug in whoever made the span.
    pub fn of(self, text: &str) -> &str {
        &text[self.range()]
    }

    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The part of this span inside `bounds` (empty at the nearer edge of
    /// `bounds` if they do not meet).
    pub fn clamp_to(self, bounds: Span) -> Span {
        let start = self.start.clamp(bounds.start, bounds.end);
        Span::new(start, self.end.clamp(start, bounds.end))
    }
}

/// A 1-based line and column, both counted the way the field says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    /// 1-based column in Unicode scalar values, as editors show it.
    pub column: usize,
}

/// Start offsets of every line, so that positions convert in O(log n).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        // `\r\n` ends a line at its `\n`; a lone `\r` is a line ending in
        // CommonMark too, and comrak counts it as one.
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset of a comrak position: 1-based line, 1-based byte column.
    /// Clamped to the text so a position past the end cannot panic.
    pub fn offset(&self, line: usize, byte_column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.len;
        };
        (start + byte_column.saturating_sub(1)).min(self.len)
    }

    /// Byte range of line `line` (1-based), without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_starts[line - 1];
        let mut end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.len)
            .min(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// Line and character column of a byte offset, for display.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = display_start(text, line, self.line_starts[line - 1]);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let column = text[start.min(offset)..offset].chars().count() + 1;
        LineCol { line, column }
    }
}

/// Line and character columns of offsets, for reports. A column counts
/// the characters from an offset asked before where that is nearer than
/// the line's start: findings come in order, so those of one long line
/// cost its length once, not once each (200,000 findings on a 1.4 MB line
/// took six seconds counting each from the line's start). The last two
/// offsets asked are kept: a report asks, for each of a paragraph's
/// repairs, where the fix carrying them all starts too, and counting
/// back and forth from there made 100,000 repairs on one line take
/// seconds.
pub struct Columns<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    /// The offsets asked last (at char boundaries) and their positions,
    /// the latest first.
    last: Cell<[Option<(usize, LineCol)>; 2]>,
}

impl<'t> Columns<'t> {
    pub fn new(text: &'t str, lines: &'t LineIndex) -> Self {
        Columns {
            text,
            lines,
            last: Cell::new([None; 2]),
        }
    }

    /// What `LineIndex::line_col` gives, in time proportional to the
    /// distance from the offset asked before on the same line.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let line = self.lines.line_of(offset);
        let start = display_start(self.text, line, self.lines.line_starts[line - 1]);
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let start = start.min(offset);
        let chars = |from: usize, to: usize| self.text[from..to].chars().count();
        let [latest, earlier] = self.last.get();
        // The nearest of the line's start and the offsets asked before.
        let nearest = [latest, earlier]
            .into_iter()
            .flatten()
            .filter(|(_, known)| known.line == line)
            .min_by_key(|(at, _)| at.abs_diff(offset))
            .filter(|(at, _)| at.abs_diff(offset) < offset - start);
        let column = match nearest {
            Some((at, known)) if at <= offset => known.column + chars(at, offset),
            Some((at, known)) => known.column - chars(offset, at),
            None => chars(start, offset) + 1,
        };
        let position = LineCol { line, column };
        if latest.is_none_or(|(at, _)| at != offset) {
            self.last.set([Some((offset, position)), latest]);
        }
        position
    }
}

/// Where columns of `line` count from: its start, but past a byte order
/// mark, which editors do not show or count.
fn display_start(text: &str, line: usize, start: usize) -> usize {
    if line == 1 && text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        start
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_lf_crlf_and_lone_cr() {
        let text = "ab\r\ncd\nef\rgh";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.offset(2, 1), 4);
        assert_eq!(index.offset(3, 2), 8);
        assert_eq!(index.offset(4, 1), 10);
        assert_eq!(index.line_span(text, 1).of(text), "ab");
        assert_eq!(index.line_span(text, 4).of(text), "gh");
    }

    #[test]
    fn columns_of_the_first_line_do_not_count_a_byte_order_mark() {
        let text = "\u{feff}ab\ncd";
        let index = LineIndex::new(text);
        let columns = Columns::new(text, &index);
        for offset in [3, 4, 6] {
            assert_eq!(index.line_col(text, offset), columns.line_col(offset));
        }
        assert_eq!(index.line_col(text, 3).column, 1);
        assert_eq!(index.line_col(text, 4).column, 2);
        assert_eq!(index.line_col(text, 6).column, 1);
    }

    #[test]
    fn columns_count_characters_for_display() {
        let text = "é [x](u)\n";
        let index = LineIndex::new(text);
        // `[` is byte 3 (é is two bytes) but the third character.
        assert_eq!(index.line_col(text, 3), LineCol { line: 1, column: 3 });
        assert_eq!(index.line_of(text.len()), 2);
    }

    #[test]
    fn columns_asked_in_any_order_match_the_line_index() {
        let text = "é [x](u) ß\nab\r\nçd [y](v)\n\nlast é";
        let index = LineIndex::new(text);
        let columns = Columns::new(text, &index);
        // Forwards, backwards, across lines, inside a character, past the end.
        let offsets = [0, 3, 9, 2, 1, 12, 11, 16, 14, 13, 25, 22, 40, 5, 5, 0];
        // And back and forth, as a fix's carrier and the findings it repairs.
        let alternating = [2, 9, 2, 10, 3, 11, 2, 12, 3];
        for offset in offsets.into_iter().chain(alternating) {
            assert_eq!(
                columns.line_col(offset),
                index.line_col(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let index = LineIndex::new("abc");
        assert_eq!(index.offset(9, 1), 3);
        assert_eq!(index.offset(1, 99), 3);
    }
}
