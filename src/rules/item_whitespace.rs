//! `item-whitespace`: the text of a link item has ordinary single spaces:
//! no no-break or other Unicode spaces, no line or paragraph separators,
//! no runs of spaces, no space before `.`, `,`, `;`, `:`, and no stray
//! `.` after a link that is the whole item.
//! The document with examples is rules/item-whitespace.md.
//!
//! Only text comrak read as text is looked at (its Text nodes): code spans,
//! inline HTML, autolinks, URLs, images and reference labels are never
//! edited. The separator and the blanks before suffix groups belong to
//! `description-dash` and `suffix-format`; runs of spaces and tabs in the
//! title to `title-format`, and a line's trailing blanks to `trailing-space`.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, plain_text};
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use comrak::nodes::{AstNode, NodeValue};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub static META: RuleMeta = RuleMeta {
    name: "item-whitespace",
    summary: "Item text has single ordinary spaces, none before punctuation",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/item-whitespace.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemWhitespace {}

impl Rule for ItemWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        let list_items = &doc.nodes().items;
        // Whether a list's items end with a period, by where it starts.
        let mut period_lists = HashMap::new();
        // Where slips may be, found in one search of the whole text: most
        // items have none, and are not looked at (a search of each item
        // cost more than the rest of the rule).
        let suspects = suspects(doc.text.as_bytes());
        for item in items {
            let stray = stray_period(doc.text, item);
            let from = suspects.partition_point(|&at| at < item.link.span.start);
            let suspect = suspects
                .get(from)
                .is_some_and(|&at| at < item.paragraph.end);
            if stray.is_none() && !suspect {
                continue;
            }
            // The item's node: the list items are in document order.
            let at = list_items.partition_point(|&n| doc.span(n).start < item.item.start);
            let Some(&node) = list_items.get(at).filter(|&&n| doc.span(n) == item.item) else {
                continue;
            };
            let stray = stray.filter(|_| {
                let Some(list) = node.parent() else {
                    return false;
                };
                !*period_lists
                    .entry(doc.span(list).start)
                    .or_insert_with(|| ends_with_periods(doc, items, list, node))
            });
            if let Some(span) = stray {
                out.push(
                    Diagnostic::new(META.name, span, "stray `.` after the link")
                        .with_fix(Fix::safe("remove the period", vec![Edit::delete(span)])),
                );
            }
            let Some(paragraph) = node.first_child() else {
                continue;
            };
            let check = Check { doc, item, stray };
            for text in text_nodes(doc, item, paragraph) {
                check.text_node(text, out);
            }
        }
    }
}

/// Whether the items of `list` other than `item` end with a period, where
/// they stand on their own: a list of sentences, some of them links
/// (`[Automate backups](u).`), not of links. Items with a separated
/// description do not count, and neither way wins where none is left.
fn ends_with_periods<'a>(
    doc: &Document<'a>,
    items: &[LinkItem],
    list: &'a AstNode<'a>,
    item: &'a AstNode<'a>,
) -> bool {
    let (mut with, mut without) = (0, 0);
    for other in list.children().filter(|&other| !other.same_node(item)) {
        let span = doc.span(other);
        let at = items.partition_point(|i| i.item.start < span.start);
        if items
            .get(at)
            .is_some_and(|i| i.item == span && i.separator.is_some())
        {
            continue;
        }
        let Some(paragraph) = other.first_child() else {
            continue;
        };
        if plain_text(paragraph).trim_end().ends_with('.') {
            with += 1;
        } else {
            without += 1;
        }
    }
    with > without
}

/// Where `bytes` hold a blank other than a single space, or a space before
/// punctuation, in order: the places an item may have a slip.
fn suspects(bytes: &[u8]) -> Vec<usize> {
    static PAIRS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 5]> =
        std::sync::LazyLock::new(|| {
            [b"  ", b" .", b" ,", b" ;", b" :"].map(memchr::memmem::Finder::new)
        });
    let mut found: Vec<usize> = memchr::memchr_iter(b'\t', bytes).collect();
    for pair in PAIRS.iter() {
        found.extend(pair.find_iter(bytes));
    }
    // Unicode blanks: U+00A0 (C2 A0), U+1680 (E1 9A 80), U+2000 to U+200A,
    // U+2028, U+2029, U+202F (E2 80 …), U+205F (E2 81 9F), U+3000 (E3 80 80).
    found.extend(
        memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
            .chain(memchr::memchr_iter(0xE3, bytes))
            .filter(|&at| {
                matches!(
                    bytes[at..],
                    [0xC2, 0xA0, ..]
                        | [0xE1, 0x9A, 0x80, ..]
                        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
                        | [0xE2, 0x81, 0x9F, ..]
                        | [0xE3, 0x80, 0x80, ..]
                )
            }),
    );
    found.sort_unstable();
    found
}

/// `[Title](url).`: the `.` (and the blanks before it) when it is all the
/// text after the link, its year and its groups.
fn stray_period(source: &str, item: &LinkItem) -> Option<Span> {
    let description = item.description.filter(|d| d.text == ".")?;
    if item.separator.is_some() {
        return None;
    }
    let floor = item.link.span.end;
    let start = description.span.start
        - source[floor..description.span.start]
            .bytes()
            .rev()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count();
    Some(Span::new(start, description.span.end))
}

/// The name of a Unicode space or separator this rule replaces.
fn unicode_blank(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => "no-break space",
        '\u{1680}' => "ogham space mark",
        '\u{2000}' => "en quad",
        '\u{2001}' => "em quad",
        '\u{2002}' => "en space",
        '\u{2003}' => "em space",
        '\u{2004}' => "three-per-em space",
        '\u{2005}' => "four-per-em space",
        '\u{2006}' => "six-per-em space",
        '\u{2007}' => "figure space",
        '\u{2008}' => "punctuation space",
        '\u{2009}' => "thin space",
        '\u{200a}' => "hair space",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{202f}' => "narrow no-break space",
        '\u{205f}' => "medium mathematical space",
        '\u{3000}' => "ideographic space",
        _ => return None,
    })
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t' || unicode_blank(c).is_some()
}

/// The Text nodes of the item's first paragraph whose source is their
/// text: not those inside inline HTML elements (`<b>x  y</b>`), images, autolinks, links not to be trusted and
/// reference labels (editing them could part the link from its
/// definition), nor nodes whose position is off (their source differs
/// from their text by more than escapes and entities).
fn text_nodes<'a>(
    doc: &Document<'a>,
    item: &LinkItem,
    paragraph: &'a AstNode<'a>,
) -> Vec<&'a AstNode<'a>> {
    let editable_link = |node: &AstNode| {
        let Some(span) = doc.checked_span(node) else {
            return false;
        };
        let at = item
            .other_links
            .partition_point(|l| l.span.start < span.start);
        let link = std::iter::once(item.link)
            .chain(item.other_links.get(at))
            .find(|l| l.span == span);
        link.is_some_and(|l| !l.text_is_label(doc.text) && !item.overlaps_code(span))
    };
    let mut found = Vec::new();
    // How many inline HTML elements are open: their text is the HTML's.
    let mut open_html = 0usize;
    let mut pending: Vec<&AstNode> = paragraph.children().collect();
    pending.reverse();
    while let Some(node) = pending.pop() {
        match &node.data().value {
            NodeValue::HtmlInline(tag) => {
                if tag.starts_with("</") {
                    open_html = open_html.saturating_sub(1);
                } else if tag.starts_with('<')
                    && tag[1..].starts_with(|c: char| c.is_ascii_alphabetic())
                    && !tag.ends_with("/>")
                {
                    open_html += 1;
                }
                continue;
            }
            NodeValue::Text(literal) => {
                if open_html == 0
                    && let Some(span) = doc.checked_span(node)
                    && reads_as(span.of(doc.text), literal)
                    && item.paragraph.contains(span)
                {
                    found.push(node);
                }
                continue;
            }
            NodeValue::Link(_) if !editable_link(node) => continue,
            NodeValue::Emph | NodeValue::Strong | NodeValue::Strikethrough | NodeValue::Link(_) => {
            }
            _ => continue,
        }
        let at = pending.len();
        pending.extend(node.children());
        pending[at..].reverse();
    }
    found
}

/// Whether `source` is written `literal`, escapes and entities aside.
fn reads_as(source: &str, literal: &str) -> bool {
    let (mut s, mut l) = (source, literal);
    while let Some(c) = s.chars().next() {
        let bytes = s.as_bytes();
        if c == '\\' && bytes.len() > 1 && bytes[1].is_ascii_punctuation() {
            if l.as_bytes().first() == Some(&bytes[1]) {
                (s, l) = (&s[2..], &l[1..]);
                continue;
            }
        } else if c == '&'
            && let Some(end) = s.bytes().take(40).position(|b| b == b';')
            && !l.starts_with(&s[..=end])
        {
            let Some(decoded) = l.chars().next() else {
                return false;
            };
            (s, l) = (&s[end + 1..], &l[decoded.len_utf8()..]);
            continue;
        }
        if !l.starts_with(c) {
            return false;
        }
        (s, l) = (&s[c.len_utf8()..], &l[c.len_utf8()..]);
    }
    l.is_empty()
}

struct Check<'c, 'a, 'i, 'd> {
    doc: &'c Document<'a>,
    item: &'c LinkItem<'i, 'd>,
    /// The stray period found, whose blanks are its fix's.
    stray: Option<Span>,
}

impl Check<'_, '_, '_, '_> {
    fn text_node(&self, node: &AstNode, out: &mut Vec<Diagnostic>) {
        let span = self.doc.span(node);
        let slice = span.of(self.doc.text);
        let mut chars = slice.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_blank(c) {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek().filter(|&&(_, n)| is_blank(n)) {
                end = j + n.len_utf8();
                chars.next();
            }
            for run in self.clipped(Span::new(span.start + i, span.start + end)) {
                if let Some(diagnostic) = self.run(run, span) {
                    out.push(diagnostic);
                }
            }
        }
    }

    /// The parts of `run` outside the separator, the blanks before groups
    /// and the stray period's fix, which other findings own.
    fn clipped(&self, run: Span) -> Vec<Span> {
        let item = self.item;
        let owned = item
            .separator
            .map(|s| s.span)
            .into_iter()
            .chain(self.stray)
            .chain(item.leading.iter().chain(&item.suffixes).map(|g| g.gap));
        let mut parts = vec![run];
        for other in owned.filter(|o| !o.is_empty()) {
            parts = parts
                .into_iter()
                .flat_map(|p| {
                    if other.end <= p.start || p.end <= other.start {
                        return vec![p];
                    }
                    [Span::new(p.start, other.start), Span::new(other.end, p.end)]
                        .into_iter()
                        .filter(|s| s.start < s.end)
                        .collect()
                })
                .collect();
        }
        parts
    }
}

/// What may follow punctuation that ends a phrase, or stand before the
/// space taken away: `(see docs .)`, `"Quoted" ,`.
const CLOSERS: &[char] = &[')', ']', '"', '\'', '”', '’', '»'];

impl Check<'_, '_, '_, '_> {
    /// The finding for one run of blanks (outside what others own) of the
    /// Text node at `node`.
    fn run(&self, run: Span, node: Span) -> Option<Diagnostic> {
        let text = self.doc.text;
        let blanks = run.of(text);
        // One ordinary space is a slip only before punctuation: most runs
        // are, and end here.
        if blanks == " "
            && !matches!(
                text.as_bytes().get(run.end),
                Some(b'.' | b',' | b';' | b':')
            )
        {
            return None;
        }
        // Indentation of a wrapped line, or blanks that start one: taken
        // away, they could make the line a list item or a heading.
        if starts_line(text, run.start) || deliberate_no_break(text, run) {
            return None;
        }
        let unicode = blanks.chars().find(|&c| unicode_blank(c).is_some());
        let title = self.item.link.text.span;
        let word_before = word_ending(text, run.start);
        let word_after = word_starting(text, run.end);
        let what = describe(blanks);
        // The words around it for a message: the node's text, where it has
        // some (not `x](url)` in a title), else the source (a code span).
        let inside_before = word_ending(
            Span::new(node.start, run.start).of(text),
            run.start - node.start,
        );
        let inside_after = word_starting(Span::new(run.end, node.end).of(text), 0);
        let shown_before = shown(
            if inside_before.is_empty() {
                word_before
            } else {
                inside_before
            },
            true,
        );
        let shown_after = shown(
            if inside_after.is_empty() {
                word_after
            } else {
                inside_after
            },
            false,
        );
        let remove = |message: String| {
            let diagnostic = Diagnostic::new(META.name, run, message);
            // Where a blank stood, `www.` or `a@b` would become a link.
            if unicode.is_some() && may_autolink(word_after) {
                return diagnostic.with_help("remove it");
            }
            diagnostic.with_fix(Fix::safe("remove it", vec![Edit::delete(run)]))
        };
        if title.contains(run) {
            // Spaces and tabs in titles are title-format's; punctuation in a
            // title is as it was published.
            unicode?;
            if run.start == title.start {
                // `[ ^1]` is a link, `[^1]` a footnote reference.
                let diagnostic = remove(format!("{what} at the start of the title"));
                return Some(if word_after.starts_with('^') {
                    withheld(diagnostic)
                } else {
                    diagnostic
                });
            }
            if run.end == title.end {
                // After a backslash the blank is what it escapes.
                let diagnostic = remove(format!("{what} at the end of the title"));
                return Some(if word_before.ends_with('\\') {
                    withheld(diagnostic)
                } else {
                    diagnostic
                });
            }
        } else if let Some(mark) = self.punctuation_after(run, word_before) {
            return Some(
                Diagnostic::new(
                    META.name,
                    run,
                    format!("{what} before `{mark}` after {}", shown_before),
                )
                .with_fix(Fix::safe(
                    format!(
                        "remove the {}",
                        if unicode.is_some() { "blank" } else { "space" }
                    ),
                    vec![Edit::delete(run)],
                )),
            );
        }
        // Next to blanks others own (the separator, the gap before a
        // group) or at the end of a line: nothing is to stand here. Spaces
        // and tabs there are trailing-space's and the others'.
        let bytes = text.as_bytes();
        let blank_after = bytes[run.end..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let line_end = run.end + blank_after >= self.item.paragraph.end
            || matches!(bytes[run.end + blank_after], b'\n' | b'\r');
        let next_to_blank = matches!(bytes[run.start - 1], b' ' | b'\t') || blank_after > 0;
        if line_end || next_to_blank {
            unicode?;
            return Some(remove(format!("{what} after {}", shown_before)));
        }
        if blanks == " " {
            return None;
        }
        // Two spaces after a sentence (`devices.  This repo …`) are a way
        // of typing some lists keep, not a slip; a Unicode blank there is.
        if unicode.is_none() && blanks == "  " && word_before.ends_with(['.', '!', '?']) {
            return None;
        }
        let diagnostic = Diagnostic::new(
            META.name,
            run,
            format!("{what} between {} and {}", shown_before, shown_after),
        );
        Some(if unicode.is_some() && may_autolink(word_after) {
            diagnostic.with_help("use one ordinary space")
        } else {
            diagnostic.with_fix(Fix::safe(
                "use one ordinary space",
                vec![Edit::replace(run, " ")],
            ))
        })
    }

    /// The punctuation right after `run` if the run is a slip before it:
    /// `word .`, `word ,`. Not `!` and `?`, which French typography and
    /// prose naming them (`the try! macro or ? operator`) put after a
    /// space, nor where what follows the mark makes the blank meaningful
    /// (`.NET`, `...`, `:star:`, `:)`, `;-)`), nor after
    /// something the mark would join (`16 : 9`, `&amp ;`, `:smile :`, an
    /// autolink or inline HTML), nor at a line's first word (`1 .` made
    /// `1.` starts a list).
    fn punctuation_after(&self, run: Span, word_before: &str) -> Option<char> {
        const MARKS: &[char] = &['.', ',', ';', ':'];
        let text = self.doc.text;
        let rest = &text[run.end..self.item.paragraph.end];
        let marks = &rest[..rest.len() - rest.trim_start_matches(MARKS).len()];
        let mark = marks.chars().next()?;
        if marks.len() > 1 {
            return None;
        }
        // After `:` and `;` a closer makes a smiley (`:)`, `;]`).
        let next = rest[1..].chars().next();
        let ends_phrase =
            |c: char| c.is_whitespace() || (CLOSERS.contains(&c) && ".,".contains(mark));
        if !next.is_none_or(ends_phrase) {
            return None;
        }
        // A sentence ends before a capital or nothing: `run . next` names
        // the mark.
        let word_next = rest[1..].trim_start().chars().next();
        if mark == '.' && word_next.is_some_and(char::is_lowercase) {
            return None;
        }
        let before = text[..run.start].chars().next_back()?;
        // After a code span the mark may join it; after an autolink or
        // inline HTML it could become part of it (`www.a.org;`).
        let ends_code = self
            .item
            .overlaps_code(Span::new(run.start - before.len_utf8(), run.start));
        let joinable = if ends_code {
            before == '`'
        } else {
            before.is_alphanumeric() || CLOSERS.contains(&before)
        };
        if !joinable {
            return None;
        }
        let joins = match mark {
            ';' => word_before.contains('&'),
            ':' => {
                word_before.contains(':')
                    || (before.is_ascii_digit()
                        && rest[1..]
                            .trim_start()
                            .starts_with(|c: char| c.is_ascii_digit()))
            }
            _ => false,
        };
        if joins || starts_line(text, run.start - word_before.len()) {
            return None;
        }
        Some(mark)
    }
}

/// Whether `run` is one no-break or thin space where typography puts
/// one: between digits (`10 000`, grouped so that the number does not
/// break across lines), before `:`, `;`, `!`, `?`, `»`, `%` and after `«`
/// (French typography). Made an ordinary space it would let the line
/// break there, which its writer chose to prevent.
fn deliberate_no_break(text: &str, run: Span) -> bool {
    let mut blanks = run.of(text).chars();
    let (Some(blank), None) = (blanks.next(), blanks.next()) else {
        return false;
    };
    if !matches!(blank, '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}') {
        return false;
    }
    let before = text[..run.start].chars().next_back();
    let after = text[run.end..].chars().next();
    let digits =
        before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit());
    digits || before == Some('«') || after.is_some_and(|c| ":;!?»%".contains(c))
}

/// The diagnostic with its fix taken back to a hint.
fn withheld(mut diagnostic: Diagnostic) -> Diagnostic {
    diagnostic.withhold_fix();
    diagnostic
}

/// Whether only blanks and block quote markers stand between the start of
/// `at`'s line and `at`.
fn starts_line(text: &str, at: usize) -> bool {
    let before = text[..at]
        .bytes()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t' | b'>'));
    before.is_none_or(|b| b == b'\n' || b == b'\r')
}

/// The word right before `at` (back to a blank or a line break).
fn word_ending(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    &text[start..at]
}

/// The word right after `at` (up to a blank or a line break).
fn word_starting(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())]
}

/// At most a few characters of `word`, its end or its start, quoted for a
/// message (in double backticks if it holds one).
fn shown(word: &str, end: bool) -> String {
    const MOST: usize = 16;
    let count = word.chars().count();
    let word = if count <= MOST {
        word.to_owned()
    } else if end {
        let tail: String = word.chars().skip(count - MOST).collect();
        format!("…{tail}")
    } else {
        let head: String = word.chars().take(MOST).collect();
        format!("{head}…")
    };
    if word.contains('`') {
        format!("`` {word} ``")
    } else {
        format!("`{word}`")
    }
}

/// Whether GitHub would make a link of what `word` starts with once a
/// blank stands before it: `www.`, a scheme or an address.
fn may_autolink(word: &str) -> bool {
    let end = word
        .find(|c: char| !(c.is_alphanumeric() || "._-+:@/".contains(c)))
        .unwrap_or(word.len());
    let word = &word[..end];
    word.get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("www."))
        || word.contains([':', '@'])
}

/// `a space`, `3 spaces`, `a tab`, `a no-break space (U+00A0)`.
fn describe(blanks: &str) -> String {
    if let Some((c, name)) = blanks.chars().find_map(|c| Some((c, unicode_blank(c)?))) {
        return format!("{name} (U+{:04X})", u32::from(c));
    }
    let tabs = blanks.matches('\t').count();
    let spaces = blanks.len() - tabs;
    match (spaces, tabs) {
        (1, 0) => "space".to_owned(),
        (n, 0) => format!("{n} spaces"),
        (0, 1) => "tab".to_owned(),
        (0, n) => format!("{n} tabs"),
        _ => "spaces and tabs".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fix_with, lint_with};

    fn fix(text: &str) -> String {
        fix_with(ItemWhitespace::default(), text)
    }

    #[test]
    fn blanks_that_would_change_the_markdown_are_reported_without_a_fix() {
        for text in [
            // `[^1]` would be a footnote reference.
            "- [\u{a0}^1](https://a.org) - Note.\n",
            // An ordinary space before `www.` or an address makes a link.
            "- [B](https://b.org) - See\u{a0}www.example.org today.\n",
            "- [H](https://h.org) - Mail me\u{a0}a@b.org now.\n",
            // After a backslash the blank is escaped.
            "- [J\\\u{a0}](https://j.org) - Escaped.\n",
        ] {
            let found = lint_with(ItemWhitespace::default(), text);
            assert_eq!(found.len(), 1, "{text:?}");
            assert!(found[0].fix.is_none(), "{text:?}");
        }
    }

    #[test]
    fn indentation_and_line_starts_are_left_alone() {
        for text in [
            "- [C](https://c.org) - Wrapped line\n  \u{a0}continues here.\n",
            // `1.` at a line's start would start a list.
            "- [F](https://f.org) - Wrapped\n  1 . starts a list.\n",
        ] {
            assert_eq!(fix(text), text, "{text:?}");
        }
    }

    #[test]
    fn blanks_in_block_quotes_and_at_line_ends_are_fixed() {
        assert_eq!(
            fix("> - [G](https://g.org) - Quoted  text here .\n"),
            "> - [G](https://g.org) - Quoted text here.\n"
        );
        assert_eq!(
            fix("- [I](https://i.org) - Ends with\u{a0}\n"),
            "- [I](https://i.org) - Ends with\n"
        );
    }

    #[test]
    fn escapes_and_entities_read_as_their_text() {
        assert!(reads_as("a \\* b", "a * b"));
        assert!(reads_as("&amp; x", "& x"));
        assert!(!reads_as("a b", "a  b"));
    }
}
