//! What may follow a title's year and leave it the title's end: emoji,
//! pictographs and symbols (`(2018) 🌟`, `⭐`, `★`, `🔥`), with the
//! variation selectors, joiners, skin tones and keycaps that build them.

/// `text` without the blanks and decorations at its end.
pub fn trim_end(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_whitespace() || is_decoration(c))
}

/// An emoji, pictograph or symbol, or a character that only modifies one.
/// Ranges of the Unicode charts; letters, digits and punctuation are in
/// none of them.
fn is_decoration(c: char) -> bool {
    matches!(c,
        '\u{00a9}' | '\u{00ae}'           // © ®
        | '\u{200b}'..='\u{200d}'         // zero-width space, non-joiner, joiner
        | '\u{203c}' | '\u{2049}'         // ‼ ⁉
        | '\u{20e3}'                      // combining keycap
        | '\u{2122}' | '\u{2139}'         // ™ ℹ
        | '\u{2190}'..='\u{21ff}'         // arrows
        | '\u{2300}'..='\u{23ff}'         // technical: ⌚ ⏰ ⏩
        | '\u{24c2}'                      // Ⓜ
        | '\u{25a0}'..='\u{27bf}'         // shapes, symbols, dingbats: ▶ ★ ☀ ✅ ❤
        | '\u{2900}'..='\u{297f}'         // arrows: ⤴
        | '\u{2b00}'..='\u{2bff}'         // arrows and stars: ⬆ ⭐
        | '\u{3030}' | '\u{303d}' | '\u{3297}' | '\u{3299}'
        | '\u{fe00}'..='\u{fe0f}'         // variation selectors
        | '\u{1f000}'..='\u{1faff}'       // emoji, skin tones, flags
        | '\u{e0020}'..='\u{e007f}'       // tags (subdivision flags)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decorations_are_trimmed_and_words_are_not() {
        for (text, trimmed) in [
            ("Karabiner God Mode (2018) 🌟", "Karabiner God Mode (2018)"),
            ("Title (2019) ⭐️", "Title (2019)"),
            ("Title (2019) ★★★", "Title (2019)"),
            ("Title (2019) 👩‍💻🔥", "Title (2019)"),
            ("Title (2019) 👍🏽", "Title (2019)"),
            ("Title (2021)\u{fe0f}", "Title (2021)"),
            ("Title (2019) - MIT", "Title (2019) - MIT"),
            ("Title (2019).", "Title (2019)."),
            ("Café 2019", "Café 2019"),
            ("Год 2019", "Год 2019"),
        ] {
            assert_eq!(trim_end(text), trimmed, "{text:?}");
        }
    }
}
