//! Whether a year at the end of a title is a date of publication (`Best TV
//! Shows 2022`) or part of a name (`React Conf 2019`, `Rust 2021`, `Suez
//! Crisis 1956`, `State of JS 2021`), judged as a curator would: from the
//! words before the year (data/year-names.txt), the shape of those words,
//! and where the link points (`by_link.rs`). The document,
//! rules/year-parens.md, explains the judgement.

use super::by_link::{self, Evidence};
use std::sync::LazyLock;

/// How a year at the end of a title reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A date of publication: `(2019)` is house style.
    Date,
    /// Part of a name (`React Conf 2019`) or of the sentence (`Looking
    /// Back on 2017`).
    Name,
    /// Perhaps a name, perhaps a date: the place or event a talk was given
    /// at (`… - Prague 2016`), or a year other than the one the link was
    /// published in (`Thread on Donbass, 2014` in a tweet of 2022).
    Uncertain,
}

/// How the year stands after the words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// After a blank only: `Title 2019`.
    Bare,
    /// After a comma, dash, colon or in brackets, which mark a date as
    /// often as not: only the words and the link speak for a name.
    Marked,
}

/// A word as data/year-names.txt and the `names` option write it.
#[derive(Debug, Clone, Copy)]
enum Pattern<'a> {
    /// Any case.
    Word(&'a str),
    /// `*Con`: a longer word ending so, as written.
    Suffix(&'a str),
    /// `re:*`: a longer word starting so, in any case.
    Prefix(&'a str),
}

impl<'a> Pattern<'a> {
    fn parse(line: &'a str) -> Pattern<'a> {
        if let Some(suffix) = line.strip_prefix('*') {
            Pattern::Suffix(suffix)
        } else if let Some(prefix) = line.strip_suffix('*') {
            Pattern::Prefix(prefix)
        } else {
            Pattern::Word(line)
        }
    }

    fn matches(self, word: &str) -> bool {
        match self {
            Pattern::Word(w) => same_letters(word, w),
            Pattern::Suffix(s) => word.len() > s.len() && word.ends_with(s),
            Pattern::Prefix(p) => {
                word.len() > p.len() && word.get(..p.len()).is_some_and(|w| same_letters(w, p))
            }
        }
    }
}

/// Equal but for case, without allocating.
fn same_letters(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The words of data/year-names.txt, by section.
struct Names {
    sentence: Vec<Pattern<'static>>,
    event: Vec<Pattern<'static>>,
    edition: Vec<Pattern<'static>>,
    /// Lowercase.
    phrase: Vec<&'static str>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut names = Names {
        sentence: Vec::new(),
        event: Vec::new(),
        edition: Vec::new(),
        phrase: Vec::new(),
    };
    let mut section = "";
    for line in include_str!("../data/year-names.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let pattern = Pattern::parse(line);
        match section {
            "sentence" => names.sentence.push(pattern),
            "event" => names.event.push(pattern),
            "edition" => names.edition.push(pattern),
            _ => names.phrase.push(line),
        }
    }
    names
});

/// How many words before the year an event word may stand:
/// `Nobel Prize in Physiology or Medicine 2021`.
const EVENT_REACH: usize = 5;

/// How `year`, which ends a title after the text `head` (its separator,
/// if any, left out), reads for a link to `href`. `extra` are the user's
/// own event words.
pub fn judge(head: &str, year: &str, setting: Setting, href: &str, extra: &[String]) -> Reading {
    let words: Vec<&str> = head.split_whitespace().collect();
    let Some(before) = words.last().map(|w| w.trim_start_matches(['(', '['])) else {
        return Reading::Name;
    };
    // `Research Efforts in 2018`, `Version 2 2019`, `WHERE year = 2022`:
    // the year is part of the sentence, or follows no word.
    if setting == Setting::Bare
        && (NAMES.sentence.iter().any(|p| p.matches(before))
            || before.bytes().any(|b| b.is_ascii_digit())
            || !before.chars().any(char::is_alphabetic))
    {
        return Reading::Name;
    }
    // The phrase the year ends: the words after the last separator.
    let phrase_start = words
        .iter()
        .rposition(|w| ends_segment(w))
        .map_or(0, |i| i + 1);
    let phrase = &words[phrase_start..];
    let Some(last) = phrase.last().map(|w| bare_word(w)) else {
        return Reading::Date;
    };
    let is_event = |word: &str| {
        let extra = extra.iter().map(|p| Pattern::parse(p));
        NAMES
            .event
            .iter()
            .copied()
            .chain(extra)
            .any(|p| p.matches(word))
    };
    if NAMES.edition.iter().any(|p| p.matches(last))
        || (setting == Setting::Bare && is_acronym(last, &words))
        || phrase
            .iter()
            .rev()
            .take(EVENT_REACH)
            .any(|w| is_event(bare_word(w)))
    {
        return Reading::Name;
    }
    let lower = head.to_lowercase();
    if NAMES.phrase.iter().any(|p| contains_phrase(&lower, p)) || after_at(phrase) {
        return Reading::Name;
    }
    match by_link::reading(href, year, last) {
        Some(Evidence::Name) => Reading::Name,
        Some(Evidence::Date) => Reading::Date,
        Some(Evidence::AnotherYear) => Reading::Uncertain,
        None if setting == Setting::Bare && phrase_start > 0 && is_proper_phrase(phrase) => {
            Reading::Uncertain
        }
        None => Reading::Date,
    }
}

/// A word that closes a part of the title: `-`, `|`, or a word ending in
/// `:`, `,`, `.` or a closing quote (`Lobsters: Linux Sucks 2020`).
fn ends_segment(word: &str) -> bool {
    matches!(word, "-" | "–" | "—" | "|" | "·" | "/")
        || word.ends_with([':', ',', ';', '.', '"', '”', '»', '\''])
}

/// A word without the punctuation around it: `"EMNLP` → `EMNLP`.
fn bare_word(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '+')
}

/// `EMNLP`, `TIFF`, `I/O`, `EU`: two or more letters, all capitals, in a
/// title that is not written in capitals throughout.
fn is_acronym(word: &str, words: &[&str]) -> bool {
    let letters = || word.chars().filter(char::is_ascii_alphabetic);
    let shouting = words.len() > 1
        && words
            .iter()
            .all(|w| !w.chars().any(|c| c.is_ascii_lowercase()));
    letters().count() >= 2 && letters().all(|c| c.is_ascii_uppercase()) && !shouting
}

/// Whether `phrase` (lowercase) stands in `text` (lowercase) as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// `… at NeurIPS 2019`, `… @ the AMLD 2019`: a name of one to three words
/// after `at`, the first capitalised, names where it happened.
fn after_at(phrase: &[&str]) -> bool {
    let Some(at) = phrase.iter().rposition(|w| matches!(*w, "at" | "@")) else {
        return false;
    };
    let name = &phrase[at + 1..];
    let name = match name.first() {
        Some(&"the") => &name[1..],
        _ => name,
    };
    (1..=3).contains(&name.len()) && name[0].starts_with(|c: char| c.is_uppercase())
}

/// One to three words of letters, each with a capital: a place or an
/// event, as in `Bitcoin: "Failing to Scale" - Prague 2016`, `Do iOS 2018`.
fn is_proper_phrase(phrase: &[&str]) -> bool {
    (1..=3).contains(&phrase.len())
        && phrase
            .iter()
            .all(|w| w.chars().any(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}
