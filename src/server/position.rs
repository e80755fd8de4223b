//! Byte offsets into a document and the protocol's positions: a 0-based
//! line and a column in UTF-16 code units (the protocol's default, and the
//! encoding the server announces). A line ends at `\n`, `\r\n` or a lone
//! `\r`, as the protocol says.

use lsp_types::{Position, Range};

/// Where each line of one text starts, to convert both ways.
pub struct PositionMap<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> PositionMap<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                line_starts.push(i + 1);
            }
        }
        PositionMap { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to a
    /// char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let character = self.text[start..offset].encode_utf16().count();
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of `position`. As the protocol asks, a line past the
    /// end means the end of the text, and a column past the end of its line
    /// the end of the line (before its line ending); a column inside a
    /// surrogate pair means the character's start.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = self.text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (at, ch) in content.char_indices() {
            units += ch.len_utf16();
            if units > position.character as usize {
                return start + at;
            }
        }
        start + content.len()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        // 🦀 is two UTF-16 units and four bytes; 日本 one unit and three bytes each.
        let text = "a\n🦀日本x\n";
        let map = PositionMap::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(map.position(x), Position::new(1, 4));
        assert_eq!(map.offset(Position::new(1, 4)), x);
        assert_eq!(map.offset(Position::new(1, 2)), text.find('日').unwrap());
    }

    #[test]
    fn offsets_and_positions_round_trip() {
        let text = "- [a](b) – 中文 🎉\r\nnext\rlast";
        let map = PositionMap::new(text);
        for (offset, _) in text.char_indices() {
            if matches!(text.as_bytes()[offset], b'\n') {
                continue; // inside `\r\n`: no position of its own
            }
            assert_eq!(map.offset(map.position(offset)), offset, "offset {offset}");
        }
        assert_eq!(map.position(text.len()), Position::new(2, 4));
        assert_eq!(
            map.position(text.find("next").unwrap()),
            Position::new(1, 0)
        );
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "ab\ncd";
        let map = PositionMap::new(text);
        assert_eq!(map.offset(Position::new(0, 99)), 2);
        assert_eq!(map.offset(Position::new(9, 0)), text.len());
        // Inside the surrogate pair of 🦀: the character's start.
        assert_eq!(PositionMap::new("🦀").offset(Position::new(0, 1)), 0);
        assert_eq!(map.position(99), Position::new(1, 2));
    }
}
