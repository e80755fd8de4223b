//! `name-casing`: well-known names in titles, descriptions and suffix
//! labels are written the way their owners write them: `GitHub`, not
//! `Github`; `macOS`, not `MacOS`.
//! The document with examples is rules/name-casing.md.
//!
//! Only whole words count: a name inside a longer word, a path, a domain or
//! a package name (`eslint-plugin-x`, `github.com`, `src/ios`) is left
//! alone, as are code spans and URLs (also URLs written as text). Names
//! that are also ordinary words or that mean something else in lowercase
//! (`Go`, `Rust`, `Swift`, `React`) are not in the dictionary.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::link::{Link, Part};
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use crate::url::UrlParts;
use aho_corasick::{AhoCorasick, MatchKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

pub static META: RuleMeta = RuleMeta {
    name: "name-casing",
    summary: "Well-known names are spelt as their owners spell them: `GitHub`, `macOS`",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/name-casing.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameCasing {
    /// More names, each in its canonical spelling.
    pub names: Vec<String>,
    /// Built-in names not to check, in any spelling.
    pub ignore: Vec<String>,
    /// Lowercase spelling → canonical spelling, built once from the above.
    #[serde(skip)]
    dictionary: OnceLock<Dictionary>,
}

/// Every name, found case-insensitively in one pass over a text.
#[derive(Debug)]
struct Dictionary {
    finder: Finder,
    /// The canonical spelling of each name, by index.
    canonical: Vec<String>,
}

/// How names are found in a text: both ways find the same names.
#[derive(Debug)]
enum Finder {
    /// Names of ASCII letters, digits and dots (all built-in names), looked
    /// up only where a word starts: a fifth cheaper than the automaton on
    /// the corpus.
    WordStarts(WordStarts),
    /// Any other names (a user's `names` may hold anything).
    Automaton(AhoCorasick),
}

/// The built-in dictionary: names whose every other casing is a slip.
const NAMES: &[&str] = &[
    "ChatGPT",
    "Clojure",
    "ClojureScript",
    "CoffeeScript",
    "DuckDuckGo",
    "ESLint",
    "Erlang",
    "Firefox",
    "FreeBSD",
    "GitHub",
    "GitLab",
    "GraphQL",
    "Haskell",
    "IntelliJ",
    "JavaScript",
    "Jupyter",
    "Kotlin",
    "Kubernetes",
    "LinkedIn",
    "MariaDB",
    "MongoDB",
    "MySQL",
    "Neovim",
    "NetBSD",
    "Next.js",
    "Node.js",
    "NumPy",
    "OAuth",
    "OCaml",
    "OpenAI",
    "OpenBSD",
    "PayPal",
    "PostgreSQL",
    "PureScript",
    "PyTorch",
    "SQLite",
    "SciPy",
    "SwiftUI",
    "TensorFlow",
    "TypeScript",
    "Ubuntu",
    "Vue.js",
    "WebAssembly",
    "WebGL",
    "WebGPU",
    "WebRTC",
    "WebSocket",
    "WordPress",
    "Xcode",
    "YouTube",
    "iOS",
    "iPadOS",
    "macOS",
    "npm",
    "tvOS",
    "watchOS",
];

/// A word: letters and digits, with `.js` kept on (`Node.js`).
impl NameCasing {
    fn dictionary(&self) -> &Dictionary {
        self.dictionary.get_or_init(|| {
            let ignored = |name: &str| self.ignore.iter().any(|i| i.eq_ignore_ascii_case(name));
            let canonical: Vec<String> = NAMES
                .iter()
                .map(|&n| n.to_owned())
                .filter(|n| !ignored(n))
                .chain(self.names.iter().cloned())
                .collect();
            let finder = match WordStarts::new(&canonical) {
                Some(words) => Finder::WordStarts(words),
                // Leftmost-longest, so `Node.js` wins over a shorter name.
                None => Finder::Automaton(
                    AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .match_kind(MatchKind::LeftmostLongest)
                        .build(&canonical)
                        .expect("names build an automaton"),
                ),
            };
            Dictionary { finder, canonical }
        })
    }

    /// Check one part; with `links`, not within their `](url)`.
    fn check_part(&self, part: Part, links: &[Link], item: &LinkItem, out: &mut Vec<Diagnostic>) {
        let dictionary = self.dictionary();
        dictionary.find_each(part.text, |name, start, end| {
            let canonical = &dictionary.canonical[name];
            let word = &part.text[start..end];
            let span = Span::new(part.span.start + start, part.span.start + end);
            if word == canonical
                || !stands_alone(part.text, start, end)
                || in_written_url(part.text, start)
                || item.overlaps_code(span)
                || in_url_path(item, word)
                || in_url_path(item, part.text)
                || links
                    .iter()
                    .any(|l| l.text.span.end < span.end && span.start < l.span.end)
                || is_label(word, span, links)
            {
                return;
            }
            out.push(
                Diagnostic::new(META.name, span, format!("`{word}` is spelt `{canonical}`"))
                    .with_fix(Fix::safe(
                        format!("write `{canonical}`"),
                        vec![Edit::replace(span, canonical.as_str())],
                    )),
            );
        });
    }
}

impl Dictionary {
    /// Call `found(name, start, end)` for each name in `text`, leftmost
    /// first, the longest where several start at one place, none
    /// overlapping: what a leftmost-longest automaton finds. Whether a name
    /// found stands alone is for the caller to tell.
    fn find_each(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        match &self.finder {
            Finder::WordStarts(words) => words.find_each(text, found),
            Finder::Automaton(automaton) => {
                for m in automaton.find_iter(text) {
                    found(m.pattern().as_usize(), m.start(), m.end());
                }
            }
        }
    }
}

/// Names looked up where a word may start: at an ASCII letter or digit
/// after neither a letter, a digit nor a character that glues words
/// (`stands_alone` rejects any name found elsewhere). For names of ASCII
/// letters, digits and dots this finds what the automaton finds that
/// stands alone: no place inside such a name is a word start, so a name
/// found elsewhere cannot hide one that stands alone.
#[derive(Debug)]
struct WordStarts {
    /// By lowercased first byte: the names starting with it, longest first.
    by_first: Vec<Vec<usize>>,
    /// The first words of the names (up to a dot or the end; at most eight
    /// bytes of them), as [`first_word_bit`] hashes them: most words of a
    /// text are passed over on this one lookup.
    first_words: Box<[u64; FIRST_WORD_BITS / 64]>,
    /// Lowercased names.
    names: Vec<Vec<u8>>,
    /// Each name's first eight bytes (lowercased, as `| 0x20` leaves them)
    /// and the mask of those it has.
    prefixes: Vec<(u64, u64)>,
}

/// The size of [`WordStarts::first_words`]. With the built-in names, 2.9 %
/// of the corpus's word starts pass it, two thirds of them where a name is
/// written.
const FIRST_WORD_BITS: usize = 4096;

impl WordStarts {
    fn new(names: &[String]) -> Option<Self> {
        let fits = |name: &str| {
            let bytes = name.as_bytes();
            bytes.len() >= 2
                && bytes[0].is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'.')
        };
        if !names.iter().all(|n| fits(n)) {
            return None;
        }
        let names_lowercase: Vec<Vec<u8>> = names
            .iter()
            .map(|n| n.to_ascii_lowercase().into_bytes())
            .collect();
        let prefixes = names_lowercase
            .iter()
            .map(|name| {
                let head = name.len().min(8);
                let mask = u64::MAX >> (8 * (8 - head));
                (load_eight(name, 0) & mask, mask)
            })
            .collect();
        let mut words = WordStarts {
            by_first: vec![Vec::new(); 128],
            first_words: Box::new([0; FIRST_WORD_BITS / 64]),
            names: names_lowercase,
            prefixes,
        };
        for (index, name) in words.names.iter().enumerate() {
            words.by_first[usize::from(name[0])].push(index);
            let eight = load_eight(name, 0);
            let bit = first_word_bit(eight, ascii_alnum_mask(eight));
            words.first_words[bit / 64] |= 1 << (bit % 64);
        }
        for candidates in &mut words.by_first {
            // Longest first; equal lengths in the order given, as the
            // automaton prefers the earlier pattern.
            candidates.sort_by_key(|&i| std::cmp::Reverse(names[i].len()));
        }
        Some(words)
    }

    fn find_each(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        let bytes = text.as_bytes();
        // Eight bytes at a time: a word starts at a letter or digit after
        // none. Most bytes are passed over in a few word operations, where
        // a byte at a time cost as much as the automaton. Each chunk's mask
        // is made one chunk ahead, so that a word's length can be read from
        // the masks even where it runs into the next chunk.
        let mask_at = |at: usize| ascii_alnum_mask(load_eight(bytes, at));
        let mut alnum = mask_at(0);
        let mut after_alnum = 0;
        for chunk in (0..bytes.len()).step_by(8) {
            let next = if chunk + 8 < bytes.len() {
                mask_at(chunk + 8)
            } else {
                0
            };
            let mut starts = alnum & !((alnum << 8) | after_alnum);
            after_alnum = alnum >> 56;
            while starts != 0 {
                let shift = starts.trailing_zeros() & !7;
                let at = chunk + shift as usize / 8;
                starts &= starts - 1;
                // The letters and digits from `at` on, eight bytes of them.
                let word_mask = if shift == 0 {
                    alnum
                } else {
                    (alnum >> shift) | (next << (64 - shift))
                };
                // After a byte that is no ASCII letter or digit; a non-ASCII
                // one is for `stands_alone` to judge.
                let glued = at > 0 && GLUES[usize::from(bytes[at - 1])];
                if !glued && self.may_start_a_name(load_eight(bytes, at), word_mask) {
                    self.report_name_at(bytes, at, &mut found);
                }
            }
            alnum = next;
        }
    }

    /// Whether the word at the start of `eight` (`alnum` marking its letters
    /// and digits) is some name's first word, or shares its bit with one.
    ///
    /// A name standing alone at a word start is written with that word as
    /// its first word (a name's letters and digits are the text's, its dots
    /// the text's, and no letter or digit follows it), so a word that is no
    /// name's first word is passed over. Where the longest name written
    /// there has another first word, so has every shorter one, and none of
    /// them stands alone: passing over them changes nothing a caller keeps.
    fn may_start_a_name(&self, eight: u64, alnum: u64) -> bool {
        let bit = first_word_bit(eight, alnum);
        self.first_words[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Call `found` with the longest name written at `at`, if any. Out of
    /// line: few words get here, and the scan above keeps its registers.
    #[inline(never)]
    fn report_name_at(&self, bytes: &[u8], at: usize, found: &mut impl FnMut(usize, usize, usize)) {
        if let Some((name, end)) = self.name_at(bytes, at) {
            found(name, at, end);
        }
    }

    /// The longest name written at `at`, with where it ends.
    fn name_at(&self, bytes: &[u8], at: usize) -> Option<(usize, usize)> {
        let rest = &bytes[at..];
        // The next eight bytes, lowercased if letters, to compare with each
        // name's first eight at once; bytes that are no letter may come out
        // as a name's, so a match is then checked byte by byte.
        let eight = load_eight(bytes, at) | 0x2020_2020_2020_2020;
        let first = usize::from(bytes[at] | 0x20);
        self.by_first[first].iter().find_map(|&name| {
            let (prefix, mask) = self.prefixes[name];
            if eight & mask != prefix {
                return None;
            }
            let name_bytes = &self.names[name];
            let written = rest.get(..name_bytes.len())?;
            written
                .eq_ignore_ascii_case(name_bytes)
                .then_some((name, at + name_bytes.len()))
        })
    }
}

/// Eight bytes of `bytes` from `at` as a little-endian word, spaces past
/// the end (a space is no letter or digit and lowercases to itself).
fn load_eight(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut eight = [b' '; 8];
            let rest = &bytes[at..];
            eight[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(eight)
        }
    }
}

/// The bit of [`WordStarts::first_words`] for the word at the start of
/// `eight`: its letters and digits (marked in `alnum` as
/// [`ascii_alnum_mask`] marks them) up to the first other byte, lowercased,
/// at most eight of them, and how many.
fn first_word_bit(eight: u64, alnum: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let length = (!alnum & HIGH).trailing_zeros() / 8;
    let kept = u64::MAX.checked_shr(64 - 8 * length).unwrap_or(0);
    let word = (eight | 0x2020_2020_2020_2020) & kept;
    let hash = (word ^ u64::from(length)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (hash >> (64 - FIRST_WORD_BITS.trailing_zeros())) as usize
}

/// ASCII characters after which a word is glued to what comes before it
/// (besides letters and digits): those `stands_alone` looks for.
const GLUE_BEFORE: &[u8] = b"._/\\-@#:~=";

/// The high bit of each byte of `word` that is an ASCII letter or digit.
fn ascii_alnum_mask(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = word & !HIGH;
    // For bytes below 0x80 no sum carries into the next byte.
    let in_range = |x: u64, first: u8, last: u8| {
        let at_least_first = x + ONES * u64::from(0x80 - first);
        let past_last = x + ONES * u64::from(0x7f - last);
        at_least_first & !past_last & HIGH
    };
    // `| 0x20` makes `A`–`Z` into `a`–`z` and nothing else into them.
    let letters = in_range(low | (ONES * 0x20), b'a', b'z');
    let digits = in_range(low, b'0', b'9');
    (letters | digits) & !word & HIGH
}

/// Whether a byte is one of [`GLUE_BEFORE`], looked up.
const GLUES: [bool; 256] = {
    let mut glues = [false; 256];
    let mut i = 0;
    while i < GLUE_BEFORE.len() {
        glues[GLUE_BEFORE[i] as usize] = true;
        i += 1;
    }
    glues
};

/// Whether `text[start..end]` is a word of its own, not part of a path,
/// domain, package name or identifier (`src/ios`, `github.com`,
/// `eslint-plugin`, `@types/node`, `my_github`).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued_before = before.is_some_and(|c| {
        c.is_alphanumeric() || u8::try_from(c).is_ok_and(|b| GLUE_BEFORE.contains(&b))
    });
    let glued_after = after.is_some_and(|c| c.is_alphanumeric() || "_/\\-@=".contains(c))
        || (after == Some('.')
            && text[end + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric));
    !glued_before && !glued_after
}

/// Whether the word at `start` is inside a URL written as text, one that
/// is no link (comrak makes no autolink of `https://…github`): broken-link
/// may make it a link's destination in the same fix pass, and a URL is
/// spelt as its owner spells it.
fn in_written_url(text: &str, start: usize) -> bool {
    // Back to where a URL cannot go on, as broken-link reads URLs.
    let run = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || "()[]<>".contains(c))
        .map_or(0, |(at, c)| at + c.len_utf8());
    text[run..start].contains("://")
}

/// Whether `word`, written all small, labels one of `links`: its whole
/// text (`[github](…)`, `[npm][12]`), or the first word of a link to that
/// site (`[github source](https://github.com/…)`). Lists write labels so
/// on purpose.
fn is_label(word: &str, span: Span, links: &[Link]) -> bool {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    links.iter().any(|l| {
        l.text.span == span
            || (l.text.span.start == span.start
                && UrlParts::parse(&l.href).is_some_and(|url| {
                    url.host()
                        .split('.')
                        .any(|part| part.eq_ignore_ascii_case(word))
                }))
    })
}

/// Whether the title is one word written as in the URL's path: the name of
/// a package or repository (`[graphql](https://github.com/x/graphql)`),
/// which is spelt as its author spells it.
fn is_package_name(item: &LinkItem) -> bool {
    let title = item.link.text.text;
    // One word: a letter, then letters and digits, maybe ending in `.js`.
    let word = title
        .strip_suffix(".js")
        .or_else(|| title.strip_suffix(".JS"))
        .unwrap_or(title);
    let is_word = word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word.bytes().all(|b| b.is_ascii_alphanumeric());
    is_word && {
        let path = UrlParts::parse(&item.link.href).map_or("", |url| url.path());
        // Where the first byte is, then the rest: a substring searcher set
        // up per item cost more.
        let (path, title) = (path.as_bytes(), title.as_bytes());
        memchr::memchr_iter(title[0], path).any(|at| path[at..].starts_with(title))
    }
}

/// Whether `word` is the last segment of the path of the item's URL, as
/// written: `[oauth Go library](https://github.com/cli/oauth)` names the
/// repository as its author spells it (`OAuth` would not be its name). A
/// word of a longer segment is not (slugs are lowercase whatever they say:
/// `…/the-less-trodden-path-with-sqlite`), nor an owner (`neovim` in
/// `github.com/neovim/go-client`, a word of prose in `Go client for
/// neovim`). Asked only where a finding would be made.
fn in_url_path(item: &LinkItem, word: &str) -> bool {
    let path = UrlParts::parse(&item.link.href).map_or("", |url| url.path());
    let last = path.split('/').rfind(|segment| !segment.is_empty());
    last.is_some_and(|segment| segment.strip_suffix(".git").unwrap_or(segment) == word)
}

impl Rule for NameCasing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, _doc: &Document, out: &mut Vec<Diagnostic>) {
        if !is_package_name(item) {
            self.check_part(item.link.text, &[], item, out);
        }
        if let Some(description) = item.description {
            // The `](url)` of links inside the description is no prose.
            self.check_part(description, &item.other_links, item, out);
        }
        for group in item.leading.iter().chain(&item.suffixes) {
            self.check_part(group.link.text, std::slice::from_ref(group.link), item, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stand_alone_or_not_at_all() {
        let alone = |text: &str, word: &str| {
            let start = text.find(word).unwrap();
            stands_alone(text, start, start + word.len())
        };
        assert!(alone("A Github client.", "Github"));
        assert!(alone("(Github)", "Github"));
        assert!(alone("Github's API", "Github"));
        assert!(alone("ends with Github.", "Github"));
        assert!(!alone("see github.com", "github"));
        assert!(!alone("eslint-plugin-react", "eslint"));
        assert!(!alone("src/ios/App", "ios"));
        assert!(!alone("@typescript/vfs", "typescript"));
        assert!(!alone("my_github_tool", "github"));
    }

    #[test]
    fn names_inside_urls_written_as_text_are_left_alone() {
        let in_url = |text: &str, word: &str| in_written_url(text, text.find(word).unwrap());
        assert!(in_url("](https://\u{fffd}github", "github"));
        assert!(in_url("see http://x.org/\u{2014}github", "github"));
        assert!(!in_url("https://x.org/ and github", "github"));
        assert!(!in_url("(https://x.org/)github", "github"));
        assert!(!in_url("https://x.org/\u{3000}github", "github"));
        assert!(!in_url("A github client", "github"));
    }

    #[test]
    fn the_dictionary_takes_extra_names_and_ignores() {
        let rule = NameCasing {
            names: vec!["SvelteKit".into()],
            ignore: vec!["npm".into()],
            ..NameCasing::default()
        };
        let canonical = |text: &str| {
            let dictionary = rule.dictionary();
            let mut first = None;
            dictionary.find_each(text, |name, _, _| {
                first.get_or_insert(dictionary.canonical[name].clone());
            });
            first
        };
        assert_eq!(canonical("sveltekit").as_deref(), Some("SvelteKit"));
        assert_eq!(canonical("GITHUB").as_deref(), Some("GitHub"));
        assert_eq!(canonical("npm"), None);
        assert_eq!(canonical("node.JS").as_deref(), Some("Node.js"));
    }

    /// The names found that stand alone, as (canonical, start, end).
    fn standing(dictionary: &Dictionary, text: &str) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        dictionary.find_each(text, |name, start, end| {
            if stands_alone(text, start, end) {
                out.push((dictionary.canonical[name].clone(), start, end));
            }
        });
        out
    }

    #[test]
    fn word_starts_find_what_the_automaton_finds() {
        let names: Vec<String> = ["GitHub", "Git", "Node.js", "Node", "iOS", "npm", "X.Org"]
            .map(String::from)
            .to_vec();
        let words = Dictionary {
            finder: Finder::WordStarts(WordStarts::new(&names).unwrap()),
            canonical: names.clone(),
        };
        let automaton = Dictionary {
            finder: Finder::Automaton(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&names)
                    .unwrap(),
            ),
            canonical: names.clone(),
        };
        let pieces = [
            "github", "GIT", "node.js", "NODE", ".", " ", "-", "x", "é", "/", "js", "ios", "org",
            "Npm", "9", "“", "_",
        ];
        let texts = crate::test_strings::concatenations(&pieces, 4);
        for text in &texts {
            assert_eq!(
                standing(&words, text),
                standing(&automaton, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn names_of_other_characters_use_the_automaton() {
        assert!(WordStarts::new(&["C++".to_string()]).is_none());
        assert!(WordStarts::new(&["R".to_string()]).is_none());
        assert!(WordStarts::new(&["Zürich".to_string()]).is_none());
        let rule = NameCasing {
            names: vec!["C++".into()],
            ..NameCasing::default()
        };
        assert!(matches!(rule.dictionary().finder, Finder::Automaton(_)));
        assert_eq!(standing(rule.dictionary(), "c++ and Github").len(), 2);
    }
}
