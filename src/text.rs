//! Small looks at text that several rules make on every item.

/// Whether `bytes` has two spaces in a row. Looked at without stopping
/// early, so that the loop runs on whole vectors: for titles of a few
/// dozen bytes, a substring searcher set up per call cost several times
/// more.
pub fn has_double_space(bytes: &[u8]) -> bool {
    let pairs = bytes.iter().zip(bytes.get(1..).unwrap_or_default());
    let found = pairs.fold(0u8, |found, (&byte, &next)| {
        found | (u8::from(byte == b' ') & u8::from(next == b' '))
    });
    found != 0
}

/// Whether every byte of `bytes` is printable ASCII (a space included),
/// looked at as [`has_double_space`] does.
pub fn is_printable_ascii(bytes: &[u8]) -> bool {
    let unprintable = bytes.iter().fold(0u8, |found, &byte| {
        found | u8::from(!(b' '..0x7f).contains(&byte))
    });
    unprintable == 0
}

/// `text` with the characters that would drive a terminal shown escaped:
/// C0 controls other than tab and line feed as control pictures (`␛`),
/// DEL as `␡`, C1 controls and the bidirectional overrides (which reorder
/// what a reader sees) as `\u{202e}`. For file names and file text put in
/// output for humans: a file named with an escape sequence, or a title
/// holding one, reached the terminal raw.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            _ if !needs_escape(c) => out.push(c),
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            _ => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether [`visible`] escapes `c`.
pub fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Pictographs: emoji, and the symbol and arrow blocks lists use as
/// markers (`⭐`, `⚠`, `⌛`, `→`).
pub fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2190..=0x21FF | 0x2300..=0x23FF)
}

/// A pictograph, or a joiner, variation selector or keycap that builds
/// one: decoration, not words (`Done. 😸`, `👨‍💻`, `1️⃣`).
pub fn is_emoji(c: char) -> bool {
    is_pictograph(c) || matches!(c as u32, 0xFE0F | 0x200D | 0x20E3)
}

/// Characters that end a sentence (description-period's default
/// terminators).
pub const SENTENCE_END: &[char] = &['.', '?', '!', '…'];

/// What may follow the end of a sentence: `(see docs.)`, `"Quoted."`,
/// `*Emphasis.*`.
pub const CLOSERS: &[char] = &[')', ']', '"', '\'', '”', '’', '»', '*', '_'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(visible("plain\ttab é"), "plain\ttab é");
        assert!(matches!(visible("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[31mred"), "a\u{241b}[31mred");
        assert_eq!(
            visible("cr\r bell\u{7} del\u{7f}"),
            "cr\u{240d} bell\u{2407} del\u{2421}"
        );
        assert_eq!(
            visible("csi\u{9b}2J rtl\u{202e}x"),
            "csi\\u{9b}2J rtl\\u{202e}x"
        );
    }

    #[test]
    fn double_spaces_are_found_anywhere() {
        assert!(!has_double_space(b""));
        assert!(!has_double_space(b" "));
        assert!(!has_double_space(b" a b c "));
        assert!(has_double_space(b"  "));
        assert!(has_double_space(b"a  b"));
        assert!(has_double_space(
            b"a b c d e f g h i j k l m n o p q r s t u v w x y z  "
        ));
        assert!(!has_double_space(b"a\t b"));
    }

    #[test]
    fn printable_ascii_is_space_to_tilde() {
        assert!(is_printable_ascii(b""));
        assert!(is_printable_ascii(b" Rust ~ {Book}"));
        assert!(!is_printable_ascii(b"Rust\tBook"));
        assert!(!is_printable_ascii(b"Rust\x7fBook"));
        assert!(!is_printable_ascii("Café".as_bytes()));
    }
}
