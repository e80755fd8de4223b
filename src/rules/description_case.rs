//! `description-case`: a description starts with a capital letter, unless it
//! starts with a name that is written in lowercase (`iOS`, `kubectl`, `jq`).
//! The document with examples is rules/description-case.md.
//!
//! A lowercase first word is a slip when it is English (`words`), or when
//! the same document writes it with capitals more often than not (`usage`:
//! `Go`, `Redis`); it is a name written in lowercase on purpose when it is
//! a known lowercase name, the item's own name, or written in lowercase as
//! a link title or code span elsewhere in the document (`[jq](…)`,
//! `` `npm` ``). The document is read once, and only where a description
//! starts in lowercase.

mod own_name;
mod usage;
mod words;

use crate::conventions::{Aspect, Start, Value};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use own_name::{OwnName, own_name};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use usage::{Usage, Usages, most_frequent, total};
use words::{capitalise, first_word, is_english, is_word_shaped, name_part};

pub static META: RuleMeta = RuleMeta {
    name: "description-case",
    summary: "A description starts with a capital letter",
    fix: FixAvailability::SafeAndUnsafe,
    enabled_by_default: true,
    document: include_str!("../../rules/description-case.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DescriptionCase {
    /// More lowercase names that may start a description.
    pub names: Vec<String>,
}

/// Tools and projects written in lowercase whose names are also English words.
const BUILTIN_NAMES: &[&str] = &[
    "age",
    "apt",
    "awk",
    "brew",
    "bun",
    "cargo",
    "cat",
    "chai",
    "curl",
    "deno",
    "docker",
    "gin",
    "git",
    "grep",
    "helm",
    "hyper",
    "jest",
    "mocha",
    "nix",
    "node",
    "npm",
    "pip",
    "sed",
    "sleep",
    "tar",
    "top",
    "tree-sitter",
    "use-package",
    "vim",
    "warp",
    "yarn",
    "zip",
];

/// A description whose first word is written in lowercase.
struct Candidate<'i, 'a, 'd> {
    item: &'i LinkItem<'a, 'd>,
    /// Where the word starts.
    start: usize,
    /// The word, in lowercase letters and hyphens.
    word: &'a str,
    /// The part of it that carries its case (see [`name_part`]).
    name: &'a str,
}

/// What a candidate's first letters should be.
enum Verdict {
    /// A name written in lowercase on purpose, or not an English word.
    Fine,
    /// The name with a capital: safe where the list spells it just so.
    Spell { spelling: String, safe: bool },
}

impl Rule for DescriptionCase {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        // Only where the list starts its descriptions with a capital: one
        // that writes them in lowercase, or is mixed, keeps them as written.
        let capital = |item: &LinkItem| {
            doc.conventions_at(item.section).get(Aspect::Start).wanted()
                == Some(Value::Start(Start::Capital))
        };
        let candidates: Vec<Candidate> = items
            .iter()
            .filter_map(candidate)
            .filter(|c| capital(c.item))
            .collect();
        if candidates.is_empty() {
            return;
        }
        // What the item alone tells first: the document is searched for
        // the words of the others only (one search, of every document with
        // a lowercase start, was most of this rule's time).
        let judged: Vec<(&Candidate, Option<Verdict>)> =
            candidates.iter().map(|c| (c, self.alone(c))).collect();
        let open = judged
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(c, _)| c.name);
        let usages = Usages::of(doc, items, open);
        for (candidate, verdict) in judged {
            let verdict = verdict.unwrap_or_else(|| self.with_usage(candidate, &usages));
            if let Verdict::Spell { spelling, safe } = verdict {
                let mut found = diagnostic(candidate, &spelling, safe);
                found.cite(
                    doc.conventions_at(candidate.item.section)
                        .get(Aspect::Start),
                    Aspect::Start,
                );
                out.push(found);
            }
        }
    }
}

/// The item's description if it starts with a word in lowercase.
fn candidate<'i, 'a, 'd>(item: &'i LinkItem<'a, 'd>) -> Option<Candidate<'i, 'a, 'd>> {
    // Text after the link without a separator is a sentence that starts
    // with a link (`[fzf](u) to fuzzy search`), not a description.
    let (Some(description), Some(_)) = (item.description, item.separator) else {
        return None;
    };
    // Most descriptions start with a capital, and need no further look.
    if !matches!(description.text.as_bytes().first(), Some(b'a'..=b'z')) {
        return None;
    }
    if item.description_is_one_link() {
        return None;
    }
    let word = first_word(description.text);
    // A capital, a digit, `_`, `.` or `/` makes a name: `iOS`, `x86`.
    if !is_word_shaped(word) || word.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some(Candidate {
        item,
        start: description.span.start,
        word,
        name: name_part(word),
    })
}

impl DescriptionCase {
    /// The verdict on a candidate that its item alone gives: a known name,
    /// or the item's own; `None` where the document must tell.
    fn alone(&self, candidate: &Candidate) -> Option<Verdict> {
        let Candidate { word, name, .. } = *candidate;
        let head = word.split('-').next().unwrap_or(word);
        let known = |w: &str| BUILTIN_NAMES.contains(&w) || self.names.iter().any(|n| n == w);
        if known(word) || known(name) || known(head) {
            return Some(Verdict::Fine);
        }
        match own_name(candidate.item, word, name) {
            OwnName::Is => Some(Verdict::Fine),
            OwnName::SpeltAs(title) => Some(spelt_as(name, title.to_owned())),
            OwnName::Not => None,
        }
    }

    /// The verdict on a candidate its item leaves open, from how the
    /// document uses the word.
    fn with_usage(&self, candidate: &Candidate, usages: &Usages) -> Verdict {
        let Candidate { word, name, .. } = *candidate;
        let Some(usage) = usages.get(name) else {
            return capitalised_if(is_english(word), name);
        };
        if is_english(word) {
            english_word(word, name, usage)
        } else {
            other_word(name, usage)
        }
    }
}

/// An English word stands in lowercase inside sentences all the time; a
/// name does not. Where the list writes this one with a capital inside
/// sentences often enough, it uses it as a name (`Go`, `Pandas`), and
/// spells it as it does: where clearly more often than not.
fn english_word(word: &str, name: &str, usage: &Usage) -> Verdict {
    let inside = total(&usage.capitalised_inside);
    // This description is one of the lowercase ones.
    let lowercase = usage.lowercase_in_prose.saturating_sub(1);
    if inside >= 2 && inside * 4 >= lowercase {
        if inside <= 2 * (lowercase + usage.lowercase_as_name) {
            // Written both ways (`pandas` and `Pandas`): a name its project
            // may write in lowercase.
            return Verdict::Fine;
        }
        return match most_frequent(&usage.capitalised_inside) {
            Some(spelling) => spelt_as(name, spelling.to_owned()),
            None => Verdict::Fine,
        };
    }
    if usage.lowercase_as_name > inside {
        return Verdict::Fine;
    }
    // A compound of words the list writes again and again, never with a
    // capital, is a name (`home-manager`, `tree-sitter`); `command-line`
    // starts a sentence somewhere with one.
    let capitalised =
        inside + total(&usage.capitalised_first) + total(&usage.capitalised_in_titles);
    if word == name
        && word.contains('-')
        && capitalised == 0
        && lowercase + usage.lowercase_in_titles >= 3
    {
        return Verdict::Fine;
    }
    capitalised_if(true, name)
}

/// A word that is not English is a name, spelt as the list spells it where
/// it does so twice or more and at least twice as often as in lowercase.
fn other_word(name: &str, usage: &Usage) -> Verdict {
    let mut spellings = usage.capitalised_inside.clone();
    for (spelling, count) in usage
        .capitalised_first
        .iter()
        .chain(&usage.capitalised_in_titles)
    {
        match spellings.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += count,
            None => spellings.push((spelling.clone(), *count)),
        }
    }
    let capitalised = total(&spellings);
    // This description is one of the lowercase ones.
    let lowercase = usage.lowercase_in_prose.saturating_sub(1)
        + usage.lowercase_in_titles
        + usage.lowercase_as_name;
    if capitalised < 2 || capitalised <= 2 * lowercase {
        return Verdict::Fine;
    }
    match most_frequent(&spellings) {
        Some(spelling) => spelt_as(name, spelling.to_owned()),
        None => Verdict::Fine,
    }
}

/// `name` capitalised, where `english` says the word is a slip.
fn capitalised_if(english: bool, name: &str) -> Verdict {
    if english {
        Verdict::Spell {
            spelling: capitalise(name),
            safe: true,
        }
    } else {
        Verdict::Fine
    }
}

/// `name` spelt as the list spells it: safe where that only capitalises it
/// (`Go`); a spelling with other capitals (`iOS`, `REST`) is the list's
/// guess at the name, not a certainty.
fn spelt_as(name: &str, spelling: String) -> Verdict {
    let safe = spelling == capitalise(name);
    Verdict::Spell { spelling, safe }
}

fn diagnostic(candidate: &Candidate, spelling: &str, safe: bool) -> Diagnostic {
    let Candidate {
        start, word, name, ..
    } = *candidate;
    let span = Span::new(start, start + word.len());
    let message = format!("description starts with lowercase `{word}`");
    let written = format!("{spelling}{}", &word[name.len()..]);
    let fix = if safe {
        // Only the first letter changes.
        Fix::safe(
            format!("capitalise `{written}`"),
            vec![Edit::replace(Span::new(start, start + 1), &spelling[..1])],
        )
    } else {
        // Unsafe: the spelling is the list's, and may not be the name's.
        Fix::unsafe_(
            format!("write `{written}`, as the list does elsewhere"),
            vec![Edit::replace(
                Span::new(start, start + name.len()),
                spelling,
            )],
        )
    };
    Diagnostic::new(META.name, span, message).with_fix(fix)
}
