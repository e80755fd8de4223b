//! What a document's items do on each aspect a list may have a convention
//! about (`crate::conventions`): one more pass over the link items and the
//! list items the scan found, no second parse.

use super::scan::Scanned;
use super::tree::Tree;
use crate::conventions::{End, Indent, Separator, Start, Value};
use crate::item::LinkItem;
use crate::span::Span;
use crate::text::{CLOSERS, SENTENCE_END, is_emoji};
use comrak::nodes::{AstNode, ListType, NodeValue};

/// Every observation of the document, each with the heading above it.
pub(super) fn observe(
    doc: Tree<'_, '_>,
    scanned: &Scanned,
    items: &[LinkItem],
) -> Vec<(Option<Span>, Value)> {
    let mut seen = Vec::with_capacity(items.len() * 3);
    for &(node, section) in &scanned.nodes.link_item_candidates {
        if let Some(marker) = bullet(node) {
            seen.push((section, Value::Marker(marker)));
            if let Some(step) = nesting_step(doc, node) {
                seen.push((section, Value::Indent(step)));
            }
        }
    }
    for item in items {
        let Some(description) = item.description else {
            continue;
        };
        // Whether descriptions are separated, and by what: which separator
        // is told by the items that have one.
        match item.separator {
            Some(separator) => {
                seen.push((item.section, Value::Separated(true)));
                if let Some(kind) = Separator::read(separator.text) {
                    seen.push((item.section, Value::Separator(kind)));
                }
            }
            None if item.leading.is_empty() => seen.push((item.section, Value::Separated(false))),
            None => {}
        }
        // Text after the link without a separator is a sentence that starts
        // with the link, not a description: how it starts and ends says
        // nothing of descriptions.
        if item.separator.is_none() {
            continue;
        }
        if let Some(start) = start_of(description.text) {
            seen.push((item.section, Value::Start(start)));
        }
        if !item.open_ended && !item.description_is_one_link() {
            seen.push((item.section, Value::End(end_of(description.text))));
        }
    }
    seen
}

/// The bullet of a list item of a bullet list.
fn bullet(node: &AstNode) -> Option<u8> {
    match &node.data().value {
        NodeValue::Item(list) if list.list_type == ListType::Bullet => Some(list.bullet_char),
        _ => None,
    }
}

/// How far a nested item's marker is indented from its parent's, where
/// both start their lines, with blanks only before them, and the parent is
/// a bullet item (`- `, whose content starts two columns in).
fn nesting_step(doc: Tree, node: &AstNode) -> Option<Indent> {
    let parent = node.parent()?.parent()?;
    let NodeValue::Item(parent_list) = &parent.data().value else {
        return None;
    };
    if parent_list.list_type != ListType::Bullet || parent_list.padding != 2 {
        return None;
    }
    let own = leading_blanks(doc, node)?;
    let above = leading_blanks(doc, parent)?;
    let extra = own.strip_prefix(above)?;
    if extra == "\t" {
        return Some(Indent::Tab);
    }
    let spaces = u8::try_from(extra.len()).ok()?;
    (extra.bytes().all(|b| b == b' ') && (1..=8).contains(&spaces))
        .then_some(Indent::Spaces(spaces))
}

/// The blanks before a list item's marker on its line, if only blanks are.
fn leading_blanks<'a>(doc: Tree<'_, 'a>, node: &AstNode) -> Option<&'a str> {
    let span = doc.checked_span(node)?;
    let line = doc.lines.line_span(doc.text, doc.lines.line_of(span.start));
    let before = &doc.text[line.start..span.start];
    before
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
        .then_some(before)
}

/// How a description starts, where it starts with a letter (after
/// emphasis, quotes and emoji).
fn start_of(text: &str) -> Option<Start> {
    let first = text
        .trim_start_matches(|c: char| {
            matches!(c, '*' | '_' | '"' | '\'' | '“' | '‘') || is_emoji(c)
        })
        .trim_start()
        .chars()
        .next()?;
    if first.is_uppercase() {
        Some(Start::Capital)
    } else if first.is_lowercase() {
        Some(Start::Lowercase)
    } else {
        None
    }
}

/// How a description ends.
fn end_of(text: &str) -> End {
    let core = text.trim_end_matches(CLOSERS).trim_end();
    if core.ends_with(SENTENCE_END) {
        End::Period
    } else {
        End::Bare
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_and_ends() {
        assert_eq!(start_of("A tool."), Some(Start::Capital));
        assert_eq!(start_of("**fast** tool"), Some(Start::Lowercase));
        assert_eq!(start_of("🚀 Fast"), Some(Start::Capital));
        assert_eq!(start_of("`jq` for JSON"), None);
        assert_eq!(end_of("A tool."), End::Period);
        assert_eq!(end_of("A tool (beta.)"), End::Period);
        assert_eq!(end_of("A tool"), End::Bare);
    }
}
