//! Brackets and parentheses of an item's text, read outside code spans and
//! escapes: whether text put next to other text could pair with it.

use crate::span::Span;

/// Whether every `[` and `(` of `span` is closed within it, outside `code`
/// spans and backslash escapes. Text put after an unclosed one can join it
/// into a new link: fuzzing found `- [a](u) ([L](l)) -[](` turned into a
/// link to ` ([L](l))` when the group was moved to the end.
pub fn brackets_balanced(source: &str, span: Span, code: &[Span]) -> bool {
    let mut scanner = BracketScanner::new(source, span.start, code);
    scanner.advance_to(span.end);
    !scanner.mismatched && scanner.open.is_empty()
}

/// Brackets and parentheses read left to right, outside code spans (and
/// other text not to edit) and backslash escapes, in one pass however many
/// places are asked about.
pub(super) struct BracketScanner<'s> {
    bytes: &'s [u8],
    /// Sorted by start; `code[next_code..]` are not yet passed.
    code: Vec<Span>,
    next_code: usize,
    at: usize,
    /// Unclosed `[` and `(`, each with whether it follows a `]`.
    pub(super) open: Vec<(u8, bool)>,
    /// Whether a `]` or `)` closed nothing or the other kind.
    pub(super) mismatched: bool,
}

impl<'s> BracketScanner<'s> {
    pub(super) fn new(source: &'s str, start: usize, code: &[Span]) -> Self {
        let mut code = code.to_vec();
        code.sort_unstable();
        BracketScanner {
            bytes: source.as_bytes(),
            code,
            next_code: 0,
            at: start,
            open: Vec::new(),
            mismatched: false,
        }
    }

    pub(super) fn advance_to(&mut self, end: usize) {
        while self.at < end {
            let i = self.at;
            while self.code.get(self.next_code).is_some_and(|c| c.end <= i) {
                self.next_code += 1;
            }
            let next_code = self.code.get(self.next_code);
            if let Some(code) = next_code.filter(|c| c.start <= i) {
                self.at = code.end;
                continue;
            }
            // Most bytes are none of these: passed over by table lookups
            // up to the next code span.
            let stop = next_code.map_or(end, |c| c.start.min(end));
            let Some(offset) = self.bytes[i..stop]
                .iter()
                .position(|&b| BRACKET_BYTES[usize::from(b)])
            else {
                self.at = stop;
                continue;
            };
            let i = i + offset;
            let after_bracket = i > 0 && self.bytes[i - 1] == b']';
            match self.bytes[i] {
                b'\\' => self.at = i + 1,
                b'[' | b'(' => {
                    self.open.push((self.bytes[i], after_bracket));
                    self.at = i;
                }
                _ => {
                    let opener = if self.bytes[i] == b']' { b'[' } else { b'(' };
                    if self.open.last().is_some_and(|&(b, _)| b == opener) {
                        self.open.pop();
                    } else {
                        self.mismatched = true;
                    }
                    self.at = i;
                }
            }
            self.at += 1;
        }
    }

    /// Whether the text so far ends inside a link in the making: with a `[`
    /// unclosed, or a `(` unclosed right after a `]`. Fuzzing found
    /// `[]((([)]()`, where the `)` that rewrapped the group closed `[](`.
    pub(super) fn leaves_link_open(&self) -> bool {
        self.open
            .iter()
            .any(|&(byte, after_bracket)| byte == b'[' || after_bracket)
    }
}

/// The bytes [`BracketScanner`] stops at.
static BRACKET_BYTES: [bool; 256] = {
    let mut stops = [false; 256];
    stops[b'\\' as usize] = true;
    stops[b'[' as usize] = true;
    stops[b']' as usize] = true;
    stops[b'(' as usize] = true;
    stops[b')' as usize] = true;
    stops
};

/// Whether `span` lies within one of `code` (sorted and disjoint).
pub fn in_code(code: &[Span], span: Span) -> bool {
    let at = code.partition_point(|c| c.end <= span.start);
    code.get(at).is_some_and(|c| c.contains(span))
}
