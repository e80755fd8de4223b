//! How a document writes the words some of its descriptions start with:
//! capitalised (`Go`, `Redis`), with other capitals (`iOS`), or in
//! lowercase; in its descriptions, in link titles, or alone in a code span.
//! The words are looked for in one pass over the text, and only where
//! they stand is anything read.

use super::words::{name_part, word_of_token};
use crate::document::Document;
use crate::item::LinkItem;
use crate::span::Span;
use aho_corasick::AhoCorasick;
use std::collections::HashMap;

/// How the document writes one word (compared case-insensitively).
#[derive(Debug, Default)]
pub struct Usage {
    /// Each spelling with a capital, and how often it stands inside a
    /// sentence of a description or as a whole link title.
    pub capitalised_inside: Vec<(String, usize)>,
    /// Each spelling with a capital, and how often it starts a sentence
    /// of a description: for a name, how the list starts a sentence with it.
    pub capitalised_first: Vec<(String, usize)>,
    /// Each spelling with a capital, and how often it stands in a link
    /// title of several words: title case says nothing of an English
    /// word, but a name keeps its own case there (`Simplifying sbt`).
    pub capitalised_in_titles: Vec<(String, usize)>,
    /// How often it is written in lowercase in a description.
    pub lowercase_in_prose: usize,
    /// How often it is written in lowercase in a link title of several words.
    pub lowercase_in_titles: usize,
    /// How often it is written in lowercase as a whole link title or alone
    /// in a code span, as a name is (`[jq](…)`, `` `npm` ``).
    pub lowercase_as_name: usize,
}

/// How often the spellings occur, in all.
pub fn total(spellings: &[(String, usize)]) -> usize {
    spellings.iter().map(|(_, count)| count).sum()
}

/// The most frequent spelling: on a tie, the first seen.
pub fn most_frequent(spellings: &[(String, usize)]) -> Option<&str> {
    let (spelling, _) = spellings.iter().rev().max_by_key(|(_, count)| *count)?;
    Some(spelling)
}

fn count(spellings: &mut Vec<(String, usize)>, spelling: &str) {
    match spellings.iter_mut().find(|(s, _)| s == spelling) {
        Some((_, count)) => *count += 1,
        None => spellings.push((spelling.to_owned(), 1)),
    }
}

/// Where a word was found.
#[derive(Clone, Copy)]
enum Place {
    /// In a description: starting a sentence or not.
    Description { starts_sentence: bool },
    /// In a link title of several words.
    Title,
    /// A whole link title, or alone in a code span.
    Name,
}

/// The usage of each word asked about, keyed by the word in lowercase.
pub struct Usages(HashMap<String, Usage>);

impl Usages {
    /// How `doc` writes each of `words` (lowercase, two letters or more),
    /// in `items`' descriptions, its link titles and its code spans.
    pub fn of<'w>(
        doc: &Document,
        items: &[LinkItem],
        words: impl Iterator<Item = &'w str>,
    ) -> Self {
        let mut usages = Usages(HashMap::new());
        for word in words.filter(|w| w.len() > 1) {
            usages.0.entry(word.to_owned()).or_default();
        }
        // Nothing to look for: the text is not searched at all.
        if usages.0.is_empty() {
            return usages;
        }
        let patterns: Vec<&String> = usages.0.keys().collect();
        let Ok(finder) = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
        else {
            return usages;
        };
        let descriptions: Vec<Span> = items
            .iter()
            .filter_map(|item| item.description.map(|d| d.span))
            .collect();
        let places = Places { doc, descriptions };
        let mut key = String::new();
        let mut last_token = None;
        for found in finder.find_overlapping_iter(doc.text) {
            let Some((token, place)) = places.token_at(found.start()) else {
                continue;
            };
            // Words found within one token (`redis`, `redis-backed`) are
            // one occurrence.
            if last_token == Some(token.start) {
                continue;
            }
            last_token = Some(token.start);
            if let Some(word) = word_of_token(token.of(doc.text)) {
                usages.record(word, place, &mut key);
            }
        }
        usages
    }

    pub fn get(&self, word: &str) -> Option<&Usage> {
        self.0.get(word)
    }

    /// A word, and what it qualifies if it is a compound (`Redis-backed`).
    fn record(&mut self, word: &str, place: Place, key: &mut String) {
        let lowercase = !word.bytes().any(|b| b.is_ascii_uppercase());
        let name = name_part(word);
        let spellings = std::iter::once(word).chain((name != word).then_some(name));
        for spelling in spellings {
            key.clear();
            key.push_str(spelling);
            key.make_ascii_lowercase();
            let Some(usage) = self.0.get_mut(key.as_str()) else {
                continue;
            };
            match (place, lowercase) {
                (Place::Description { .. }, true) => usage.lowercase_in_prose += 1,
                (Place::Title, true) => usage.lowercase_in_titles += 1,
                (Place::Name, true) => usage.lowercase_as_name += 1,
                (
                    Place::Description {
                        starts_sentence: true,
                    },
                    false,
                ) => count(&mut usage.capitalised_first, spelling),
                (Place::Description { .. } | Place::Name, false) => {
                    count(&mut usage.capitalised_inside, spelling)
                }
                (Place::Title, false) => count(&mut usage.capitalised_in_titles, spelling),
            }
        }
    }
}

/// The parts of a document where words are read, each sorted.
struct Places<'d, 'a> {
    doc: &'d Document<'a>,
    descriptions: Vec<Span>,
}

impl Places<'_, '_> {
    /// The whitespace-separated token around `at`, and where it stands;
    /// `None` outside descriptions, link titles and code spans, and in
    /// URLs and code spans that hold more than one word.
    fn token_at(&self, at: usize) -> Option<(Span, Place)> {
        let text = self.doc.text;
        let code = self.doc.code();
        if let Some(span) = containing(code, at, |s| *s) {
            let slice = span.of(text);
            let inner = slice.trim_matches('`').trim();
            if !slice.starts_with('`') || word_of_token(inner) != Some(inner) {
                return None;
            }
            let start = span.start + slice.find(inner)?;
            return Some((Span::new(start, start + inner.len()), Place::Name));
        }
        if let Some(link) = containing(self.doc.links(), at, |l| l.span) {
            let title = link.text;
            if !(title.span.start <= at && at < title.span.end) {
                return None;
            }
            if word_of_token(title.text) == Some(title.text) {
                return Some((title.span, Place::Name));
            }
            return Some((token(text, title.span, at), Place::Title));
        }
        let description = *containing(&self.descriptions, at, |s| *s)?;
        let token = token(text, description, at);
        let before = text[description.start..token.start].trim_end();
        let starts_sentence = match before.rsplit(char::is_whitespace).next() {
            None | Some("") => true,
            Some(previous) => ends_sentence(previous),
        };
        Some((token, Place::Description { starts_sentence }))
    }
}

/// The element of `sorted` (by start, disjoint) whose span holds `at`.
fn containing<T>(sorted: &[T], at: usize, span: impl Fn(&T) -> Span) -> Option<&T> {
    let after = sorted.partition_point(|x| span(x).start <= at);
    let candidate = sorted.get(after.checked_sub(1)?)?;
    (at < span(candidate).end).then_some(candidate)
}

/// The whitespace-separated token of `region` around `at`.
fn token(text: &str, region: Span, at: usize) -> Span {
    let start = text[region.start..at]
        .rfind(char::is_whitespace)
        .map_or(region.start, |i| region.start + i + 1);
    let end = text[at..region.end]
        .find(char::is_whitespace)
        .map_or(region.end, |i| at + i);
    Span::new(start, end)
}

/// Whether the next token starts a sentence: after `.`, `!`, `?` or `:`
/// (`:yen:` emoji codes too), and after a dash standing alone.
fn ends_sentence(token: &str) -> bool {
    let token = token.trim_end_matches([')', '"', '\'', '*', '_', '”', '’']);
    token.ends_with(['.', '!', '?', ':']) || matches!(token, "-" | "–" | "—")
}
