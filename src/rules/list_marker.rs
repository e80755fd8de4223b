//! `list-marker`: bullet list items all use one marker, `-` by default.
//! Ordered lists are not touched.
//! The document with examples is rules/list-marker.md.

use crate::conventions::{Aspect, Value};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use comrak::nodes::{ListType, NodeValue};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "list-marker",
    summary: "Bullet list items all use one marker (`-` by default)",
    fix: FixAvailability::SafeAndUnsafe,
    enabled_by_default: true,
    document: include_str!("../../rules/list-marker.md"),
};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Marker {
    #[default]
    #[serde(rename = "-")]
    Dash,
    #[serde(rename = "*")]
    Star,
    #[serde(rename = "+")]
    Plus,
}

impl Marker {
    fn byte(self) -> u8 {
        match self {
            Marker::Dash => b'-',
            Marker::Star => b'*',
            Marker::Plus => b'+',
        }
    }
}

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ListMarker {
    /// The marker every bullet item uses; absent, the one the list keeps
    /// to (`mdlinks check --show-settings` tells).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<Marker>,
}

/// `- - -`, `***`: three or more of one of `-*_`, spaces allowed between.
fn is_thematic_break(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !matches!(c, ' ' | '\t')).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|&c| c == marks[0])
}

impl Rule for ListMarker {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, _items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        for &node in &doc.nodes().lists {
            let NodeValue::List(list) = &node.data().value else {
                continue;
            };
            if list.list_type != ListType::Bullet {
                continue;
            }
            let verdict = doc
                .conventions_at(doc.section_at(doc.span(node).start))
                .get(Aspect::Marker);
            let want = match self.marker {
                Some(marker) => marker.byte(),
                None => match verdict.wanted() {
                    Some(Value::Marker(marker)) => marker,
                    // Mixed: not enforced.
                    _ => continue,
                },
            };
            if list.bullet_char == want {
                continue;
            }
            // Two bullet lists next to each other differ only by marker;
            // with one marker they merge into one list, which may render
            // looser (a blank line between them then spaces every item).
            let merges = [node.previous_sibling(), node.next_sibling()]
                .into_iter()
                .flatten()
                .any(|sibling| {
                    matches!(&sibling.data().value, NodeValue::List(l) if l.list_type == ListType::Bullet)
                });
            // All items of the list change together or none do: a list
            // with some items changed would split into several lists.
            let mut findings = Vec::new();
            let mut all_fixable = true;
            for item in node.children() {
                let Some(span) = doc.checked_span(item) else {
                    all_fixable = false;
                    continue;
                };
                let marker = Span::new(span.start, span.start + 1);
                // The position is a locator: edit only a marker where it
                // says. An empty item or one that would read as a rule
                // (`* - -` → `- - -`) is left to the author.
                let found = doc.text.as_bytes().get(span.start).copied();
                let line = doc.lines.line_span(doc.text, doc.lines.line_of(span.start));
                let rewritten = format!(
                    "{}{}",
                    want as char,
                    &doc.text[marker.end..line.end.max(marker.end)]
                );
                // Nested lists' markers on one line change in the same pass
                // (`* + -`, found by fuzzing): the line must not read as a
                // rule with all its markers changed either.
                let all_changed: String = doc.text[line.start..line.end.max(line.start)]
                    .trim_start_matches(['>', ' ', '\t'])
                    .chars()
                    .map(|c| {
                        if matches!(c, '*' | '+' | '-') {
                            want as char
                        } else {
                            c
                        }
                    })
                    .collect();
                all_fixable &= found == Some(list.bullet_char)
                    && item.first_child().is_some()
                    && !is_thematic_break(&rewritten)
                    && !is_thematic_break(&all_changed);
                findings.push(marker);
            }
            for marker in findings {
                let mut diagnostic = Diagnostic::new(
                    META.name,
                    marker,
                    format!(
                        "list item uses `{}` instead of `{}`",
                        list.bullet_char as char, want as char
                    ),
                );
                if self.marker.is_none() {
                    diagnostic.cite(verdict, Aspect::Marker);
                }
                if !all_fixable {
                    out.push(diagnostic.with_help(
                        "an item of this list cannot be changed safely: change them by hand",
                    ));
                    continue;
                }
                let title = format!("use `{}`", want as char);
                let edits = vec![Edit::replace(marker, (want as char).to_string())];
                out.push(diagnostic.with_fix(if merges {
                    Fix::unsafe_(title, edits)
                } else {
                    Fix::safe(title, edits)
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fix_with, lint_with};

    #[test]
    fn nested_markers_on_one_line_never_make_a_rule() {
        // Both lists changed in one pass would give `- - -`, a rule.
        let text = "* + -\n  + x\n";
        assert!(
            lint_with(ListMarker::default(), text)
                .iter()
                .all(|d| d.fix.is_none())
        );
    }

    #[test]
    fn the_marker_is_an_option() {
        let star = || ListMarker {
            marker: Some(Marker::Star),
        };
        assert_eq!(fix_with(star(), "- a\n  + b\n1. c\n"), "* a\n  * b\n1. c\n");
        let rule: ListMarker = toml::from_str("marker = \"+\"").unwrap();
        assert_eq!(rule.marker, Some(Marker::Plus));
    }

    #[test]
    fn items_that_would_change_shape_get_no_fix() {
        // `* - -` would become the thematic break `- - -`; `*` alone is empty.
        // Their lists keep every marker: changing only `* a` would split them.
        let found = lint_with(ListMarker::default(), "* - -\n* a\n*\n");
        let fixable: Vec<bool> = found.iter().map(|d| d.fix.is_some()).collect();
        assert_eq!(fixable, [false, false, false]);
        let found = lint_with(ListMarker::default(), "* a\n* b\n\ntext\n\n* c\n*\n");
        let fixable: Vec<bool> = found.iter().map(|d| d.fix.is_some()).collect();
        assert_eq!(fixable, [true, true, false, false]);
    }
}
