//! `name-casing`: well-known names in titles, descriptions and suffix
//! labels are written the way their owners write them: `GitHub`, not
//! `Github`; `macOS`, not `MacOS`.
//! The document with examples is rules/name-casing.md.
//!
//! Only whole words count: a name inside a longer word, a path, a domain or
//! a package name (`eslint-plugin-x`, `github.com`, `src/ios`) is left
//! alone, as are code spans and URLs. Names that are also ordinary words or
//! that mean something else in lowercase (`Go`, `Rust`, `Swift`, `React`)
//! are not in the dictionary.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::link::Part;
use crate::rules::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use crate::url::UrlParts;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

pub static META: RuleMeta = RuleMeta {
    name: "name-casing",
    summary: "Well-known names are spelt as their owners spell them: `GitHub`, `macOS`",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/name-casing.md"),
};

#[derive(Debug, Default, Deserialize, Serialize)]
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
    automaton: AhoCorasick,
    /// The canonical spelling of each pattern of the automaton.
    canonical: Vec<String>,
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
            // Leftmost-longest, so `Node.js` wins over a shorter name.
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&canonical)
                .expect("names build an automaton");
            Dictionary {
                automaton,
                canonical,
            }
        })
    }

    fn check_part(&self, part: Part, skip: &[Span], item: &LinkItem, out: &mut Vec<Diagnostic>) {
        let dictionary = self.dictionary();
        for found in dictionary.automaton.find_iter(part.text) {
            let canonical = &dictionary.canonical[found.pattern().as_usize()];
            let word = &part.text[found.range()];
            let span = Span::new(
                part.span.start + found.start(),
                part.span.start + found.end(),
            );
            if word == canonical
                || !stands_alone(part.text, found.start(), found.end())
                || item.overlaps_code(span)
                || skip
                    .iter()
                    .any(|s| s.start < span.end && span.start < s.end)
            {
                continue;
            }
            out.push(
                Diagnostic::new(META.name, span, format!("`{word}` is spelt `{canonical}`"))
                    .with_fix(Fix::safe(
                        format!("write `{canonical}`"),
                        vec![Edit::replace(span, canonical.as_str())],
                    )),
            );
        }
    }
}

/// Whether `text[start..end]` is a word of its own, not part of a path,
/// domain, package name or identifier (`src/ios`, `github.com`,
/// `eslint-plugin`, `@types/node`, `my_github`).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued_before = before.is_some_and(|c| c.is_alphanumeric() || "._/\\-@#:~=".contains(c));
    let glued_after = after.is_some_and(|c| c.is_alphanumeric() || "_/\\-@=".contains(c))
        || (after == Some('.')
            && text[end + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric));
    !glued_before && !glued_after
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
        path.contains(title)
    }
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
            let destinations: Vec<Span> = item
                .other_links
                .iter()
                .map(|l| Span::new(l.text.span.end, l.span.end))
                .collect();
            self.check_part(description, &destinations, item, out);
        }
        for group in item.leading.iter().chain(&item.suffixes) {
            self.check_part(group.link.text, &[], item, out);
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
    fn the_dictionary_takes_extra_names_and_ignores() {
        let rule = NameCasing {
            names: vec!["SvelteKit".into()],
            ignore: vec!["npm".into()],
            ..NameCasing::default()
        };
        let canonical = |text: &str| {
            let dictionary = rule.dictionary();
            let found = dictionary.automaton.find(text)?;
            Some(dictionary.canonical[found.pattern().as_usize()].clone())
        };
        assert_eq!(canonical("sveltekit").as_deref(), Some("SvelteKit"));
        assert_eq!(canonical("GITHUB").as_deref(), Some("GitHub"));
        assert_eq!(canonical("npm"), None);
        assert_eq!(canonical("node.JS").as_deref(), Some("Node.js"));
    }
}
