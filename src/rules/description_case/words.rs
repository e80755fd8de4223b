//! Words as `description-case` reads them: which are English, and which
//! part of a compound carries its case (`redis` in `redis-backed`).

/// `data/english-words.txt` (SCOWL size 50) and `data/software-words.txt`
/// (`runtime`, `async`, `serverless`): lowercase ASCII words, one a line,
/// sorted (a test checks), after a header of `#` lines. They are searched
/// as they are embedded, by bisecting the text, so no run pays to build a
/// table of 64,000 words (1.7 ms) for the few descriptions that start in
/// lowercase.
const WORD_LISTS: [&str; 2] = [
    include_str!("../data/english-words.txt"),
    include_str!("../data/software-words.txt"),
];

/// Whether `word` is a line of `list` (sorted lines after `#` lines).
fn listed(list: &str, word: &str) -> bool {
    let mut header = 0;
    while list[header..].starts_with('#') {
        header = list[header..]
            .find('\n')
            .map_or(list.len(), |i| header + i + 1);
    }
    // `lo..hi` is always a run of whole lines, each line's end its `\n`.
    let (mut lo, mut hi) = (header, list.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = list[lo..mid].rfind('\n').map_or(lo, |i| lo + i + 1);
        let end = list[start..hi].find('\n').map_or(hi, |i| start + i);
        match list[start..end].cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// The last parts of compounds that qualify a name rather than form a new
/// one: `redis-backed`, `kubectl-like`, `mpv-based`. The case of such a
/// compound is the case of what stands before them; other compounds
/// (`tokio-uring`, `wasm-pack`) are names as a whole.
const QUALIFIERS: &[&str] = &[
    "agnostic",
    "aware",
    "backed",
    "based",
    "centric",
    "compatible",
    "driven",
    "enabled",
    "esque",
    "first",
    "flavored",
    "flavoured",
    "focused",
    "free",
    "friendly",
    "inspired",
    "like",
    "native",
    "only",
    "oriented",
    "powered",
    "ready",
    "specific",
    "style",
    "supported",
];

/// Whether a lowercase word is English: every part of a compound is
/// (`command-line`, `step-by-step`), and a part of one letter is not
/// (`k-means`), unless it is the whole word `a` or `i`.
pub fn is_english(word: &str) -> bool {
    if word == "a" || word == "i" {
        return true;
    }
    word.split('-')
        .all(|part| part.len() > 1 && WORD_LISTS.iter().any(|list| listed(list, part)))
}

/// Whether `word` is made of ASCII letters, with single hyphens between
/// parts: a candidate for a word of prose (`Redis-backed`, `command-line`),
/// where a digit, `_`, `.` or `/` makes a name or a path (`x86`, `io_uring`,
/// `package.json`).
pub fn is_word_shaped(word: &str) -> bool {
    !word.is_empty()
        && word
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// The part of a word that carries its case: what stands before a
/// qualifier (`Redis` in `Redis-backed`), else the whole word.
pub fn name_part(word: &str) -> &str {
    match word.rsplit_once('-') {
        Some((name, last)) if QUALIFIERS.iter().any(|q| q.eq_ignore_ascii_case(last)) => {
            name_part(name)
        }
        _ => word,
    }
}

/// The first word of a text, without the punctuation that may follow it.
pub fn first_word(text: &str) -> &str {
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    text[..end].trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '\''])
}

/// The word a whitespace-separated token of prose stands for, if it is
/// one: `Redis` in `(Redis)`, `[Redis](…)`, `Redis,` and `Redis's`, but
/// nothing in `Node.js`, `` `npm` `` or `x86`.
pub fn word_of_token(token: &str) -> Option<&str> {
    let token = token.trim_start_matches(['(', '[', '{', '"', '\'', '*', '_', '“', '‘']);
    let end = token
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .unwrap_or(token.len());
    let (word, rest) = token.split_at(end);
    let word = word.trim_end_matches('-');
    let mut after = rest.chars();
    let closes = match after.next() {
        None => true,
        Some('\'' | '’' | ']') => true,
        Some('.' | ',' | ';' | ':' | '!' | '?' | ')' | '}' | '"' | '”' | '*' | '_') => !after
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '/'),
        Some(_) => false,
    };
    (closes && is_word_shaped(word)).then_some(word)
}

/// The word with its first letter in uppercase.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_lowercase_words() {
        for list in WORD_LISTS {
            let words: Vec<&str> = list.lines().filter(|l| !l.starts_with('#')).collect();
            assert!(words.windows(2).all(|pair| pair[0] < pair[1]));
            assert!(
                words
                    .iter()
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
            );
            assert!(list.ends_with('\n'));
            // Every word is found, and nothing between two words.
            for pair in words.windows(2) {
                assert!(listed(list, pair[0]) && listed(list, pair[1]));
                let between = format!("{}a", pair[0]);
                assert_eq!(listed(list, &between), between == pair[1]);
            }
            assert!(!listed(list, "") && !listed(list, "#") && !listed(list, "zzzzzz"));
        }
    }

    #[test]
    fn compounds_are_english_when_every_part_is() {
        assert!(is_english("command-line"));
        assert!(is_english("step-by-step"));
        assert!(is_english("plugin"));
        assert!(is_english("serverless"));
        assert!(!is_english("k-means"));
        assert!(!is_english("tokio-uring"));
        assert!(!is_english("inmemory"));
    }

    #[test]
    fn a_qualifier_gives_the_case_to_what_it_qualifies() {
        assert_eq!(name_part("redis-backed"), "redis");
        assert_eq!(name_part("Kubectl-like"), "Kubectl");
        assert_eq!(name_part("tokio-uring"), "tokio-uring");
        assert_eq!(name_part("like"), "like");
    }

    #[test]
    fn tokens_stand_for_words_only_when_nothing_sticks_to_them() {
        assert_eq!(word_of_token("(Redis),"), Some("Redis"));
        assert_eq!(word_of_token("[Redis](https://redis.io)"), Some("Redis"));
        assert_eq!(word_of_token("Redis's"), Some("Redis"));
        assert_eq!(word_of_token("Go."), Some("Go"));
        assert_eq!(word_of_token("Node.js"), None);
        assert_eq!(word_of_token("`npm`"), None);
        assert_eq!(word_of_token("x86"), None);
        assert_eq!(word_of_token("io_uring"), None);
        assert_eq!(word_of_token("(https://redis.io)"), None);
    }
}
