//! Every example of the CommonMark spec (0.31.2, vendored as JSON under
//! `tests/data/`, CC-BY-SA 4.0, see NOTICE), fixed with safe and unsafe
//! fixes. A fix may change a link item's first paragraph (the text rules
//! look at) and nothing else. Precisely:
//!
//! 1. fixing settles, and a second fix changes nothing;
//! 2. the source outside link-item paragraphs is byte-identical: with each
//!    such paragraph replaced by one placeholder, before and after are equal;
//! 3. the HTML comrak renders is identical once the inline content of every
//!    link-item paragraph is replaced by the same placeholder in the tree:
//!    lists, nesting, tight or loose, every other block are unchanged;
//! 4. inside those paragraphs, every link and image keeps its destination
//!    (`support/links_kept.rs`: only a rule's own URL normalisation may
//!    change or deduplicate one).
//!
//! Hardly any spec example is a link list, so each is also fixed with a
//! small list of fixable items after it and before it: the example must
//! come through untouched whatever its blocks do to the list around it.

use crate::support::links_kept::links_kept;
use crate::support::repo_root;
use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};
use mdlinks::document::{Document, Reading, comrak_options};
use mdlinks::span::Span;
use mdlinks::{FixOptions, Linter};
use std::fs;

#[derive(serde::Deserialize)]
struct Example {
    example: u32,
    section: String,
    markdown: String,
}

fn examples() -> Vec<Example> {
    let path = repo_root().join("tests/data/commonmark-spec-0.31.2.json");
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

const PLACEHOLDER: &str = "\u{1}link item\u{1}";

/// The first paragraphs of the text's link items, in order.
fn item_paragraphs(text: &str) -> Vec<Span> {
    let arena = Arena::new();
    let prose = ["Notes".to_owned()];
    let doc = Document::parse(text, &arena, &Reading::new(&prose));
    doc.link_items().iter().map(|item| item.paragraph).collect()
}

/// The text with each link-item paragraph replaced by the placeholder.
fn source_outside_items(text: &str) -> String {
    let mut out = String::new();
    let mut cursor = 0;
    for span in item_paragraphs(text) {
        out.push_str(&text[cursor..span.start]);
        out.push_str(PLACEHOLDER);
        cursor = span.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// comrak's HTML of the text, with the inline content of each link-item
/// paragraph replaced by the placeholder in the tree before rendering.
fn html_outside_items(text: &str) -> String {
    let paragraphs = item_paragraphs(text);
    let arena = Arena::new();
    let doc = Document::parse(text, &arena, &Reading::new(&[]));
    let masked: Vec<&AstNode> = doc
        .root
        .descendants()
        .filter(|n| matches!(n.data().value, NodeValue::Paragraph))
        .filter(|n| paragraphs.contains(&doc.span(n)))
        .collect();
    assert_eq!(masked.len(), paragraphs.len(), "{text:?}");
    for paragraph in masked {
        while let Some(child) = paragraph.first_child() {
            child.detach();
        }
        let placeholder = arena.alloc(NodeValue::Text(PLACEHOLDER.into()).into());
        paragraph.append(placeholder);
    }
    let mut html = String::new();
    comrak::format_html(doc.root, &comrak_options(), &mut html).unwrap();
    html
}

/// Link items with a slip for each rule to fix.
const ITEMS: &str = "- [Title 2019](https://a.org) \u{2013} lower case\n- [B](https://b.org) ([HN](https://news.ycombinator.com/item?id=1&p=2)) - Desc.\n- [ C ](https://c.org)([Code](https://github.com/c))\n";

/// What went wrong fixing `before`, if anything; and whether it changed.
fn check(linter: &Linter, name: &str, before: &str) -> (Vec<String>, bool) {
    let options = FixOptions { unsafe_fixes: true };
    let after = match mdlinks::fix_text(linter, before, options) {
        Ok(outcome) => outcome.text,
        Err(err) => return (vec![format!("{name}: {err}")], false),
    };
    if after == before {
        return (Vec::new(), false);
    }
    let mut failures = Vec::new();
    let again = mdlinks::fix_text(linter, &after, options).map(|o| o.text);
    if again.as_ref() != Ok(&after) {
        failures.push(format!("{name}: a second fix gives {again:?}"));
    }
    if source_outside_items(before) != source_outside_items(&after) {
        failures.push(format!(
            "{name}: text outside link items changed:\n{before:?}\n{after:?}"
        ));
    }
    let (html_before, html_after) = (html_outside_items(before), html_outside_items(&after));
    if html_before != html_after {
        failures.push(format!(
            "{name}: HTML outside link items changed:\n{html_before}\n{html_after}"
        ));
    }
    if let Err(lost) = links_kept(before, &after) {
        failures.push(format!("{name}: {lost}"));
    }
    (failures, true)
}

/// Rules whose fixes work on the whole file rather than link items: list
/// markers and indentation, trailing spaces, URLs of every link, repaired
/// link syntax. They are checked by `fixing_spec_examples_keeps_the_html`.
const DOCUMENT_RULES: &[&str] = &[
    "list-indent",
    "list-marker",
    "trailing-space",
    "url-https",
    "url-tracking",
    "broken-link",
];

fn linter_of(keep: impl Fn(&str) -> bool) -> Linter {
    let rules = mdlinks::rules::REGISTRY
        .iter()
        .filter(|e| e.meta.enabled_by_default && keep(e.meta.name))
        .map(|e| (e.build_default)())
        .collect();
    Linter::new(rules, vec!["Notes".to_owned()])
}

/// The layout rules change whitespace only: the HTML comrak renders from
/// every spec example is the same after their safe fixes.
#[test]
fn fixing_spec_examples_keeps_the_html() {
    let linter = linter_of(|name| ["list-indent", "list-marker", "trailing-space"].contains(&name));
    let mut failures = Vec::new();
    for example in &examples() {
        let before = &example.markdown;
        let after = mdlinks::fix_text(&linter, before, FixOptions::default())
            .map(|o| o.text)
            .unwrap_or_else(|e| panic!("example {}: {e}", example.example));
        let html = |text: &str| comrak::markdown_to_html(text, &comrak_options());
        if html(before) != html(&after) {
            failures.push(format!(
                "example {}: {before:?} -> {after:?}",
                example.example
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixing_spec_examples_changes_only_link_items() {
    let linter = linter_of(|name| !DOCUMENT_RULES.contains(&name));
    let examples = examples();
    assert_eq!(examples.len(), 652);
    let mut changed = [0; 3];
    let mut failures = Vec::new();
    for example in &examples {
        let markdown = &example.markdown;
        let name = format!("example {} ({})", example.example, example.section);
        let variants = [
            (name.clone(), markdown.clone()),
            (
                format!("{name}, items after"),
                format!("{markdown}\n{ITEMS}"),
            ),
            (
                format!("{name}, items before"),
                format!("{ITEMS}\n{markdown}"),
            ),
        ];
        for (i, (name, text)) in variants.iter().enumerate() {
            let (mut broken, was_changed) = check(&linter, name, text);
            failures.append(&mut broken);
            changed[i] += usize::from(was_changed);
        }
    }
    eprintln!(
        "{} spec examples changed by fix: {} alone, {} with items after, {} with items before",
        examples.len(),
        changed[0],
        changed[1],
        changed[2]
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Most examples leave the list around them a list, which fix changes.
    assert!(changed[1] > 500 && changed[2] > 500, "{changed:?}");
}
