//! `bare-url`: an item of a link section starts with `[Title](url)`, not
//! with a bare URL (`- https://…`) or an autolink (`- <https://…>`).
//! The document with examples is rules/bare-url.md.
//!
//! Link items are items that start with a bracketed link, so these never
//! reach `check_item`: the rule walks the list items itself, skipping the
//! prose sections as `link_items` does.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use comrak::nodes::NodeValue;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "bare-url",
    summary: "Items of link sections are `[Title](url)` links, not bare URLs",
    fix: FixAvailability::None,
    enabled_by_default: true,
    document: include_str!("../../rules/bare-url.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BareUrl {}

impl Rule for BareUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, _items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        for &node in &doc.nodes().items {
            let Some(paragraph) = node.first_child() else {
                continue;
            };
            let Some(first) = paragraph.first_child() else {
                continue;
            };
            let (NodeValue::Paragraph, NodeValue::Link(link)) =
                (&paragraph.data().value, &first.data().value)
            else {
                continue;
            };
            let Some(span) = doc.checked_span(first) else {
                continue;
            };
            let shown = doc.slice(span);
            // A bracketed link is a link item; an email address is no URL.
            if shown.starts_with('[') || link.url.starts_with("mailto:") {
                continue;
            }
            if doc.in_prose_section(span.start) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    META.name,
                    span,
                    format!("item is a bare URL `{shown}`, not a `[Title](url)` link"),
                )
                .with_help("give the link a title: `[Title](url)`"),
            );
        }
    }
}
