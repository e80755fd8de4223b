//! What an item carries besides its prose: tags and badges after the
//! description (`` `MIT` `Go` ``, `[![CI](…)](…)`, `**[Deprecated]**`,
//! `⭐`, `:star:`), and links or notes right after the title
//! (`[[crate](…)]`, `(3:09:00)`). The description ends before them: its
//! period goes there, and no fix writes after or inside them.

use super::brackets::in_code;
use crate::link::Link;
use crate::span::Span;
use crate::text::{is_emoji, is_pictograph};

/// The metadata token ending at `end` (blanks before `end` not skipped),
/// if any, starting after `floor`: a code span, a badge (a link whose text
/// is an image), a bracketed or bold tag, an emoji or emoji shortcode.
pub(super) fn ending_at(
    text: &str,
    floor: usize,
    end: usize,
    links: &[Link],
    code: &[Span],
) -> Option<Span> {
    if let Some(span) = code_span_ending_at(text, end, code) {
        return (span.start > floor).then_some(span);
    }
    if let Some(span) = badge_in_code(text, code, |c| c.end == end) {
        return (span.start > floor).then_some(span);
    }
    let index = links.partition_point(|l| l.span.end < end);
    if let Some(link) = links.get(index).filter(|l| l.span.end == end)
        && is_badge(link)
        && !in_code(code, link.span)
    {
        return (link.span.start > floor).then_some(link.span);
    }
    let before = &text[floor..end];
    let start = tag_start(before)
        .or_else(|| emoji_start(before))
        .map(|at| floor + at)?;
    // Text not to edit (inline HTML, an autolink) is no tag.
    (!code.iter().any(|c| c.start < end && start < c.end)).then(|| Span::new(start, end))
}

/// The metadata token starting at `start`, if any, ending before `limit`:
/// a badge, a link in brackets (`[[crate](…)]`), or a short parenthesised
/// note without links (`(3:09:00)`, `(WIP)`).
pub(super) fn starting_at(
    text: &str,
    start: usize,
    limit: usize,
    links: &[Link],
    code: &[Span],
) -> Option<Span> {
    let bytes = text.as_bytes();
    let link_at = |at: usize| {
        let index = links.partition_point(|l| l.span.start < at);
        links
            .get(index)
            .filter(|l| l.span.start == at && l.span.end <= limit && !in_code(code, l.span))
    };
    if let Some(link) = link_at(start).filter(|l| is_badge(l)) {
        return Some(link.span);
    }
    if let Some(span) = badge_in_code(text, code, |c| c.start == start && c.end <= limit) {
        return Some(span);
    }
    match bytes.get(start) {
        Some(b'[') => {
            let link = link_at(start + 1)?;
            (bytes.get(link.span.end) == Some(&b']') && link.span.end < limit)
                .then(|| Span::new(start, link.span.end + 1))
        }
        Some(b'(') => {
            let close = text[start..limit].find(')')? + start;
            let inner = &text[start + 1..close];
            let plain = !inner.contains(['(', '[', ']', '`', '<', '\n'])
                && !links
                    .iter()
                    .any(|l| l.span.start > start && l.span.start < close);
            let short = !inner.trim().is_empty() && inner.chars().count() <= 40;
            // A note, not the start of a sentence in parentheses: nothing
            // but blanks, a separator or the end may follow it.
            let rest = text[close + 1..limit].trim_start_matches([' ', '\t']);
            let alone =
                rest.is_empty() || rest.starts_with(['-', '–', '—', ':']) || rest.starts_with('(');
            (plain && short && alone).then(|| Span::new(start, close + 1))
        }
        _ => None,
    }
}

/// A link whose text is an image: a badge (`[![crates.io](…)](…)`).
fn is_badge(link: &Link) -> bool {
    link.text.text.trim_start().starts_with("![")
}

/// A badge among the spans not to edit: a link whose text is an image
/// (`[![CI](…)](…)`) is not read as a link (its text holds one), so it is
/// there.
fn badge_in_code(text: &str, code: &[Span], at: impl Fn(&Span) -> bool) -> Option<Span> {
    code.iter()
        .find(|c| at(c))
        .filter(|c| {
            let slice = &text[c.start..c.end];
            slice.starts_with("[![") && slice.ends_with([')', ']'])
        })
        .copied()
}

/// The code span (`` `MIT` ``) among `code` that ends at `end`.
fn code_span_ending_at(text: &str, end: usize, code: &[Span]) -> Option<Span> {
    let index = code.partition_point(|c| c.end < end);
    code.get(index)
        .filter(|c| c.end == end && text[c.start..c.end].starts_with('`'))
        .copied()
}

/// Where a tag that `before` ends with starts: `**[Deprecated]**`,
/// `*[WIP]*`, `[Archived]` (plain brackets: a link would be a link).
fn tag_start(before: &str) -> Option<usize> {
    let trimmed = before.trim_end_matches(['*', '_']);
    let emphasis = before.len() - trimmed.len();
    let inner_end = trimmed.strip_suffix(']')?;
    let open = inner_end.rfind('[')?;
    let inner = &inner_end[open + 1..];
    let plain = !inner.is_empty()
        && inner.chars().count() <= 30
        && !inner.contains(['[', ']', '(', ')', '`', '\n']);
    // The same emphasis before it as after.
    let start = open.checked_sub(emphasis)?;
    let balanced =
        before[start..open] == before[trimmed.len()..] && !before[..start].ends_with(['*', '_']);
    (plain && balanced).then_some(start)
}

/// Where a run of emoji (pictographs, with their joiners and selectors) or
/// an emoji shortcode (`:star:`) that `before` ends with starts.
fn emoji_start(before: &str) -> Option<usize> {
    if let Some(inner) = before.strip_suffix(':') {
        let open = inner.rfind(':')?;
        let name = &inner[open + 1..];
        let word = !name.is_empty()
            && name.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'+' | b'-')
            });
        // `a:b:` is text; a shortcode stands after a blank or at the start.
        let after_blank = inner[..open]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        return (word && after_blank).then_some(open);
    }
    let mut start = before.len();
    for (at, c) in before.char_indices().rev() {
        if !is_emoji(c) {
            break;
        }
        start = at;
    }
    let pictograph = before[start..].chars().any(is_pictograph);
    (start < before.len() && pictograph).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_at_the_end() {
        assert_eq!(tag_start("Done. **[Deprecated]**"), Some(6));
        assert_eq!(tag_start("x [WIP]"), Some(2));
        assert_eq!(tag_start("x *[WIP]*"), Some(2));
        assert_eq!(tag_start("x [a](b)"), None);
        assert_eq!(tag_start("no tag"), None);
        assert_eq!(tag_start("x **[unbalanced]*"), None);
    }

    #[test]
    fn emoji_at_the_end() {
        assert_eq!(emoji_start("Neat. ⭐"), Some(6));
        assert_eq!(emoji_start("Neat. 🌟🔥"), Some(6));
        assert_eq!(emoji_start("Neat :star:"), Some(5));
        assert_eq!(emoji_start("a:b:"), None);
        assert_eq!(emoji_start("plain text"), None);
        assert_eq!(emoji_start("Neat \u{fe0f}"), None);
    }
}
