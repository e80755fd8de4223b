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

#[cfg(test)]
mod tests {
    use super::*;

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
