//! `empty-link`: a link has a destination: not `[Title]()`, not `[Title](#)`.
//! The document with examples is rules/empty-link.md.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use comrak::nodes::NodeValue;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "empty-link",
    summary: "A link has a URL: not empty, not just `#`",
    fix: FixAvailability::None,
    enabled_by_default: true,
    document: include_str!("../../rules/empty-link.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmptyLink {}

impl Rule for EmptyLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, _items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        for &node in &doc.nodes().links {
            let NodeValue::Link(link) = &node.data().value else {
                continue;
            };
            let url = link.url.trim();
            if !url.is_empty() && url != "#" {
                continue;
            }
            let Some(span) = doc.checked_span(node) else {
                continue;
            };
            let shown = doc.slice(span);
            let message = if url.is_empty() {
                format!("link `{shown}` has an empty URL")
            } else {
                format!("link `{shown}` points nowhere: its URL is `#`")
            };
            out.push(
                Diagnostic::new(META.name, span, message)
                    .with_help("put the URL in the link, or remove the link"),
            );
        }
    }
}
