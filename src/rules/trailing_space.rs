//! `trailing-space`: no line ends with spaces or tabs, except a hard break
//! of exactly two spaces (unless `allow-hard-breaks = false`).
//! The document with examples is rules/trailing-space.md.
//!
//! Where trailing whitespace is content it is left alone: the lines of code
//! blocks (fences included), HTML blocks and front matter, and lines that
//! end inside a code span or inline HTML. Hard breaks come from the AST, so
//! two spaces at the end of a paragraph (no break) are reported.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, Split, accepted_together};
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use comrak::nodes::NodeValue;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "trailing-space",
    summary: "No line ends with spaces or tabs (hard breaks of two spaces aside)",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/trailing-space.md"),
};

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TrailingSpace {
    /// Accept two trailing spaces that make a hard line break.
    pub allow_hard_breaks: bool,
}

impl Default for TrailingSpace {
    fn default() -> Self {
        TrailingSpace {
            allow_hard_breaks: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Plain,
    /// Ends in a hard break made of spaces.
    HardBreak,
    /// Its trailing whitespace is content: leave it alone.
    Content,
}

impl Rule for TrailingSpace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, _items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        let bytes = doc.text.as_bytes();
        let runs: Vec<(usize, Span)> = (1..=doc.lines.line_count())
            .filter_map(|line| {
                let span = doc.lines.line_span(doc.text, line);
                let mut start = span.end;
                while start > span.start && matches!(bytes[start - 1], b' ' | b'\t') {
                    start -= 1;
                }
                (start < span.end).then_some((line, Span::new(start, span.end)))
            })
            .collect();
        // Most files have no trailing blanks: only then is the AST asked
        // which lines they are content on.
        if runs.is_empty() {
            return;
        }
        let kinds = line_kinds(doc);
        let first = out.len();
        for (line, run) in runs {
            let kind = kinds[line - 1];
            if kind == LineKind::Content {
                continue;
            }
            if let Some(diagnostic) = self.check_run(doc, run, kind) {
                out.push(diagnostic);
            }
        }
        // Blanks can be structure: after a list item that starts empty
        // (`*` alone) a line of blanks keeps the item open where an empty
        // line closes it, and `--- ` is no front matter delimiter where
        // `---` is (both found by fuzzing: a link became code, or front
        // matter). Only a parse tells, so the file's fixes are tried
        // together, once; if the tree changes they all become hints.
        let found = &mut out[first..];
        let fixed: Vec<usize> = (0..found.len())
            .filter(|&i| found[i].fix.is_some())
            .collect();
        let accepted = accepted_together(found.len(), &fixed, Split::Never, |all| {
            let edits: Vec<Edit> = all
                .iter()
                .filter_map(|&i| found[i].fix.as_ref())
                .flat_map(|fix| fix.edits.iter().cloned())
                .collect();
            doc.keeps_the_tree(&edits)
        });
        for (diagnostic, accepted) in found.iter_mut().zip(accepted) {
            if !accepted {
                diagnostic.withhold_fix();
            }
        }
    }
}

impl TrailingSpace {
    fn check_run(&self, doc: &Document, run: Span, kind: LineKind) -> Option<Diagnostic> {
        let blanks = doc.slice(run);
        // A line of blanks between a lone `\r` and a `\n` (`a\r\t\n`):
        // deleting them would join the two line endings into one `\r\n`,
        // taking a blank line out of the document (found by fuzzing: the
        // indented line after it stopped being code and became a link).
        let bytes = doc.text.as_bytes();
        let joins_line_endings =
            run.start > 0 && bytes[run.start - 1] == b'\r' && bytes.get(run.end) == Some(&b'\n');
        // A hard break takes two spaces at least: one blank seen as a break
        // is a position misplaced (comrak reads a NUL as three bytes, and
        // fuzzing found the span of "keep two spaces" inverted).
        if kind == LineKind::Plain || blanks.len() < 2 {
            let diagnostic = Diagnostic::new(
                META.name,
                run,
                format!("line ends with {}", describe(blanks)),
            );
            return Some(if joins_line_endings {
                diagnostic
                    .with_help("remove the trailing whitespace (and make the line endings alike)")
            } else {
                diagnostic.with_fix(Fix::safe(
                    "remove the trailing whitespace",
                    vec![Edit::delete(run)],
                ))
            });
        }
        let only_spaces = !blanks.contains('\t');
        let after_backslash = doc.text[..run.start].ends_with('\\');
        if self.allow_hard_breaks {
            if blanks == "  " {
                return None;
            }
            let diagnostic = Diagnostic::new(
                META.name,
                run,
                format!("hard break is made of {}, not two spaces", describe(blanks)),
            );
            if !only_spaces {
                return Some(diagnostic.with_help("end the line with two spaces or a backslash"));
            }
            let two = Span::new(run.start + 2, run.end);
            return Some(
                diagnostic.with_fix(Fix::safe("keep two spaces", vec![Edit::delete(two)])),
            );
        }
        let diagnostic = Diagnostic::new(
            META.name,
            run,
            format!("hard break is made of {}", describe(blanks)),
        );
        // `\` after a backslash would escape it, not break the line.
        if !only_spaces || after_backslash {
            return Some(diagnostic.with_help("end the line with a backslash instead"));
        }
        Some(diagnostic.with_fix(Fix::safe(
            "end the line with a backslash",
            vec![Edit::replace(run, "\\")],
        )))
    }
}

/// What each line is, from the AST: lines inside blocks whose whitespace
/// is content, lines ending in a hard break, and the rest.
fn line_kinds(doc: &Document) -> Vec<LineKind> {
    let mut kinds = vec![LineKind::Plain; doc.lines.line_count()];
    let mut mark = |from: usize, to: usize, kind: LineKind| {
        for line in from..=to.min(kinds.len()) {
            if line >= 1 && kinds[line - 1] != LineKind::Content {
                kinds[line - 1] = kind;
            }
        }
    };
    for node in doc.root.descendants() {
        let span = doc.span(node);
        let first = doc.lines.line_of(span.start);
        match &node.data().value {
            NodeValue::CodeBlock(_) | NodeValue::HtmlBlock(_) | NodeValue::FrontMatter(_) => {
                mark(
                    first,
                    doc.lines.line_of(span.end.saturating_sub(1)),
                    LineKind::Content,
                );
            }
            // Every line a code span or inline HTML runs across.
            NodeValue::Code(_) | NodeValue::HtmlInline(_) => {
                let last = doc.lines.line_of(span.end.saturating_sub(1));
                if last > first {
                    mark(first, last - 1, LineKind::Content);
                }
            }
            // A position is a locator, never to slice mid-character by
            // (fuzzing found a hard break placed inside a `�`).
            NodeValue::LineBreak
                if doc
                    .checked_span(node)
                    .is_some_and(|span| doc.slice(span).starts_with([' ', '\t'])) =>
            {
                mark(first, first, LineKind::HardBreak);
            }
            _ => {}
        }
    }
    kinds
}

/// `2 spaces`, `a tab`, `3 spaces and tabs`.
fn describe(blanks: &str) -> String {
    let tabs = blanks.matches('\t').count();
    let spaces = blanks.len() - tabs;
    match (spaces, tabs) {
        (1, 0) => "a space".to_owned(),
        (n, 0) => format!("{n} spaces"),
        (0, 1) => "a tab".to_owned(),
        (0, n) => format!("{n} tabs"),
        _ => "spaces and tabs".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fix_with, lint_with};

    #[test]
    fn blanks_between_a_lone_cr_and_a_lf_are_reported_not_deleted() {
        let text = "a\r\t\n\tb\n";
        let found = lint_with(TrailingSpace::default(), text);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
        assert_eq!(fix_with(TrailingSpace::default(), text), text);
        // After a `\r\n` the blank line is an ordinary one.
        assert_eq!(
            fix_with(TrailingSpace::default(), "a\r\n\t\n\tb\n"),
            "a\r\n\n\tb\n"
        );
    }

    #[test]
    fn a_blank_line_holding_a_list_item_open_keeps_its_blanks() {
        // `*` opens an empty item; a line of blanks keeps it open for the
        // indented line, an empty line would close it (and make code).
        for text in ["*\n\t\n\t 5[a](u)\n", "*\n  \n\t 5[a](u)\n"] {
            let found = lint_with(TrailingSpace::default(), text);
            assert_eq!(found.len(), 1, "{text:?}");
            assert!(found[0].fix.is_none(), "{text:?}");
        }
        // `--- ` closes no front matter; `---` would.
        let text = "---\n\nA <a@b.org>\n--- \nc\n";
        assert!(lint_with(TrailingSpace::default(), text)[0].fix.is_none());
        // Elsewhere a line of blanks is emptied.
        assert_eq!(
            fix_with(TrailingSpace::default(), "- a\n  \n- b\n"),
            "- a\n\n- b\n"
        );
    }

    #[test]
    fn hard_breaks_become_backslashes_when_not_allowed() {
        let strict = || TrailingSpace {
            allow_hard_breaks: false,
        };
        let text = "One  \ntwo   \nthree\\  \nfour\n";
        assert_eq!(fix_with(strict(), text), "One\\\ntwo\\\nthree\\  \nfour\n");
        // After a backslash, `\` would escape it rather than break the line.
        assert_eq!(lint_with(strict(), "three\\\\  \nfour\n").len(), 1);
        assert!(lint_with(TrailingSpace::default(), "One  \ntwo\n").is_empty());
    }
}
