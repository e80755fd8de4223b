//! `description-case`: a description starts with a capital letter, unless it
//! starts with a name that is written in lowercase (`iOS`, `kubectl`, `jq`).
//! The document with examples is rules/description-case.md.
//!
//! Only an ordinary English word is a slip: the first word must be in the
//! bundled word list and must not be a known lowercase name (built in, or
//! the `names` option), nor appear in the item's own title or URL path,
//! where a tool's name usually stands (`[caddy-git](…) - git clones …`).

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    name: "description-case",
    summary: "A description starts with a capital letter",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/description-case.md"),
};

#[derive(Debug, Default, Deserialize, Serialize)]
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

/// The words of `data/english-words.txt`, sorted, for binary search: few
/// descriptions start in lowercase, and a hash set of 40,000 words cost more
/// to build (38 M instructions, once per run) than all their lookups.
static ENGLISH_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = include_str!("data/english-words.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect();
    // Sorted already: this only checks that it is.
    words.sort_unstable();
    words
});

fn is_english_word(word: &str) -> bool {
    ENGLISH_WORDS.binary_search(&word).is_ok()
}

impl Rule for DescriptionCase {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, _doc: &Document, out: &mut Vec<Diagnostic>) {
        // Text after the link without a separator is a sentence that starts
        // with a link (`[fzf](u) to fuzzy search`), not a description.
        let (Some(description), Some(_)) = (item.description, item.separator) else {
            return;
        };
        // An ordinary word starts with a lowercase letter: most descriptions
        // start with a capital, and need no further look.
        if !matches!(description.text.as_bytes().first(), Some(b'a'..=b'z')) {
            return;
        }
        if item.description_is_one_link() {
            return;
        }
        let word = first_word(description.text);
        if !self.is_ordinary_word(word) || names_the_item(word, item) {
            return;
        }
        let span = Span::new(description.span.start, description.span.start + word.len());
        let capitalised = capitalise(word);
        out.push(
            Diagnostic::new(
                META.name,
                span,
                format!("description starts with lowercase `{word}`"),
            )
            .with_fix(Fix::safe(
                format!("capitalise `{capitalised}`"),
                vec![Edit::replace(
                    Span::new(span.start, span.start + 1),
                    &capitalised[..1],
                )],
            )),
        );
    }
}

impl DescriptionCase {
    fn is_ordinary_word(&self, word: &str) -> bool {
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            return false;
        }
        if word == "a" || word == "i" {
            return true;
        }
        // `command-line` is two words; `embedded-nal` and `k-means` are names.
        let mut parts = word.split('-');
        let head = parts.next().unwrap_or(word);
        head.len() > 1
            && is_english_word(head)
            && parts.all(|part| part.len() > 1 && is_english_word(part))
            && !BUILTIN_NAMES.contains(&head)
            && !BUILTIN_NAMES.contains(&word)
            && !self.names.iter().any(|name| name == word || name == head)
    }
}

/// The first word, without the punctuation that may follow it.
fn first_word(text: &str) -> &str {
    let end = text.find(|c: char| c.is_whitespace()).unwrap_or(text.len());
    text[..end].trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '\''])
}

/// Whether the word is part of the item's title or URL path, as a tool name
/// would be. Single letters (`a`) are not looked for.
fn names_the_item(word: &str, item: &LinkItem) -> bool {
    if word.len() == 1 {
        return false;
    }
    let head = word.split('-').next().unwrap_or(word);
    let path = url_path(&item.link.href).to_ascii_lowercase();
    [word, head]
        .iter()
        .any(|w| item.link.text.text.contains(w) || path.contains(w))
}

/// The URL without its scheme and host: `github.com` says nothing of a name.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/').map_or("", |slash| &rest[slash..])
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
