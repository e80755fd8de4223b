//! `title-format`: the link text is not empty, has no leading or trailing
//! whitespace and no runs of several spaces.
//! The document with examples is rules/title-format.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use crate::text::has_double_space;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "title-format",
    summary: "Link titles are not empty and have no stray whitespace",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/title-format.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleFormat {}

impl Rule for TitleFormat {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, _doc: &Document, out: &mut Vec<Diagnostic>) {
        let title = item.link.text;
        if title.text.trim().is_empty() {
            out.push(
                Diagnostic::new(META.name, item.link.span, "link title is empty")
                    .with_help("write a title between the brackets"),
            );
            return;
        }
        let edits = whitespace_edits(title.text, title.span.start, item);
        if edits.is_empty() {
            return;
        }
        out.push(
            Diagnostic::new(
                META.name,
                title.span,
                format!("link title `{}` has stray whitespace", title.text),
            )
            .with_fix(Fix::safe("trim and collapse the whitespace", edits)),
        );
    }
}

/// Deletions of leading and trailing blanks, and runs of blanks collapsed to
/// one space. Blanks next to a line break are left alone: they are the
/// indentation of a wrapped title, or a hard break. In a block quote a
/// wrapped line's indentation comes after the `>` markers.
fn whitespace_edits(text: &str, base: usize, item: &LinkItem) -> Vec<Edit> {
    let is_blank = |c: char| c == ' ' || c == '\t';
    // Most titles have single spaces inside and none around: a look with
    // memchr settles them without going through the title byte by byte.
    let bytes = text.as_bytes();
    if !text.starts_with(is_blank)
        && !text.ends_with(is_blank)
        && memchr::memchr(b'\t', bytes).is_none()
        && !has_double_space(bytes)
    {
        return Vec::new();
    }
    let mut edits = Vec::new();
    let lead = text.len() - text.trim_start_matches(is_blank).len();
    // `[ ^1]` is a link, `[^1]` a footnote reference: trimming would turn
    // one into the other (found by fuzzing).
    if lead > 0 && !text[lead..].starts_with('^') {
        edits.push(Edit::delete(Span::new(base, base + lead)));
    }
    let body_end = text.trim_end_matches(is_blank).len();
    let bytes = text.as_bytes();
    let mut i = lead;
    // Whether only block quote markers and blanks stand between the last
    // line break and `i`: blanks there are the line's indentation, which
    // decides what the line belongs to (collapsed after a `>`, it moved a
    // line out of its list item and lost a link, found by fuzzing).
    let mut at_line_start = false;
    while i < body_end {
        if !is_blank(bytes[i] as char) {
            at_line_start = match bytes[i] {
                b'\n' | b'\r' => true,
                b'>' => at_line_start,
                _ => false,
            };
            i += 1;
            continue;
        }
        let run_end = i + bytes[i..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let run = Span::new(base + i, base + run_end);
        let near_break = matches!(bytes.get(run_end), Some(b'\n' | b'\r')) || at_line_start;
        if (run.len() > 1 || bytes[i] == b'\t') && !near_break && !item.overlaps_code(run) {
            edits.push(Edit::replace(run, " "));
        }
        i = run_end;
    }
    // After a backslash the blank is what it escapes: without it, `[\ ]`
    // would become `[\]`, an escaped bracket and no link (found by fuzzing).
    let escaped = text[..body_end]
        .bytes()
        .rev()
        .take_while(|&b| b == b'\\')
        .count()
        % 2
        == 1;
    if body_end < text.len() && body_end >= lead && !escaped {
        edits.push(Edit::delete(Span::new(base + body_end, base + text.len())));
    }
    edits
}
