//! The text after an item's link: a stray year, groups placed before the
//! description, the separator, the description and the trailing suffix
//! groups, read between the links comrak located (see `item.rs`).

use super::brackets::{BracketScanner, in_code};
use super::metadata;
use super::suffix::Suffix;
use crate::link::{Link, Part};
use crate::span::Span;

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Tail<'a, 'd> {
    pub year_after_link: Option<Part<'a>>,
    pub leading: Vec<Suffix<'a, 'd>>,
    pub separator: Option<Part<'a>>,
    pub description: Option<Part<'a>>,
    pub suffixes: Vec<Suffix<'a, 'd>>,
    /// Tags, badges and notes (see `metadata.rs`), in source order.
    pub metadata: Vec<Span>,
}

/// The length of the separator `rest` starts with, if any: a dash (`-`,
/// `--`, `–`, `—`) or a colon with the blanks around it. A dash needs a
/// blank on at least one side (`[a](u)-like` has no separator), and is
/// never glued to what follows it: a blank, a line break or the end comes
/// next. `-40 degrees`, `-la`, `--verbose` and `---` are a minus, options
/// and a rule: read as separators, a fix put a space after their dash and
/// changed the text (issue 26). A colon needs a blank or the end after it.
/// Read by hand, as the regex `^(?:[ \t]+DASH(?:[ \t]+|(?mR:$))|DASH[ \t]+
/// |[ \t]*:(?:[ \t]+|$))` would match, at a tenth of its cost.
pub(super) fn separator_len(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let blanks = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    };
    // The dashes `at` can start with, longest first as the regex tries them.
    let dashes = |at: usize| {
        let rest = &rest[at..];
        [
            rest.starts_with("--").then_some(2),
            rest.starts_with('-').then_some(1),
            rest.starts_with('–').then_some('–'.len_utf8()),
            rest.starts_with('—').then_some('—'.len_utf8()),
        ]
        .into_iter()
        .flatten()
    };
    // What may follow a dash that separates.
    let ends_dash = |at: usize| matches!(bytes.get(at), None | Some(b' ' | b'\t' | b'\n' | b'\r'));
    let lead = blanks(0);
    if lead > 0 {
        if let Some(dash) = dashes(lead).find(|&dash| ends_dash(lead + dash)) {
            let end = lead + dash;
            return Some(end + blanks(end));
        }
    } else if let Some(end) = dashes(0).find_map(|dash| {
        let after = blanks(dash);
        (after > 0).then_some(dash + after)
    }) {
        return Some(end);
    }
    if bytes.get(lead) == Some(&b':') {
        let after = lead + 1;
        let trailing = blanks(after);
        if trailing > 0 || after == bytes.len() {
            return Some(after + trailing);
        }
    }
    None
}

/// The length of the `(2019)` (after blanks) that `rest` starts with.
pub(super) fn year_after_link_len(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let lead = bytes
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let year = bytes.get(lead..lead + 6)?;
    let is_year = year[0] == b'('
        && matches!(&year[1..3], b"19" | b"20")
        && year[3].is_ascii_digit()
        && year[4].is_ascii_digit()
        && year[5] == b')';
    is_year.then_some(lead + 6)
}

/// Split the text between the item's link (ending at `start`) and the end of
/// its paragraph into separator, description and suffix groups. `links`
/// are the paragraph's after the item's own; those within `code` (inside a
/// link of the wrong shape) are no group's.
pub(super) fn parse_tail<'a, 'd>(
    text: &'a str,
    start: usize,
    end: usize,
    links: &'d [Link<'a>],
    code: &[Span],
) -> Tail<'a, 'd> {
    let mut tail = Tail::default();
    let bytes = text.as_bytes();
    // Looked up by binary search: a scan of all links for each group made a
    // line of 20,000 groups take 40 s. The links are in document order and
    // disjoint (a link holding a link is not read), so sorted by start and
    // by end alike.
    let link_ending_at = |at: usize| link_at(links, code, at, |l| l.span.end);
    let link_starting_at = |at: usize| link_at(links, code, at, |l| l.span.start);

    // Trailing groups and metadata, from the end backwards.
    let mut pos = end;
    while pos > start {
        let before_tag = tail
            .metadata
            .last()
            .is_some_and(|t| bytes[t.start] == b'`' && trim_end(text, start, t.start) == pos);
        if let Some(token) = trailing_metadata(text, start, pos, before_tag, links, code) {
            tail.metadata.push(token);
            pos = trim_end(text, start, token.start);
            continue;
        }
        // The link ends right before a closing run of at most two `)`/`]`.
        let Some((link, closing)) = (0..=2).find_map(|k| {
            let at = pos.checked_sub(k).filter(|&at| at > start)?;
            let run_ok = bytes[at..pos].iter().all(|&b| b == b')' || b == b']');
            run_ok
                .then(|| link_ending_at(at))
                .flatten()
                .map(|l| (l, Span::new(at, pos)))
        }) else {
            break;
        };
        if link.span.start <= start {
            break;
        }
        let mut open_at = link.span.start;
        while open_at > start
            && link.span.start - open_at < 2
            && matches!(bytes[open_at - 1], b'(' | b'[')
        {
            open_at -= 1;
        }
        let opening = Span::new(open_at, link.span.start);
        let gap_start = trim_end(text, start, open_at);
        let accepted = if opening.of(text).contains('(') {
            true
        } else if !opening.is_empty() || !closing.is_empty() {
            false
        } else {
            // A bare link is a suffix only where a suffix could begin: right
            // after the item's link, or after a sentence or another group.
            gap_start == start
                || (gap_start < open_at
                    && matches!(bytes[gap_start - 1], b'.' | b'!' | b'?' | b')'))
        };
        if !accepted {
            break;
        }
        tail.suffixes.push(Suffix {
            span: Span::new(open_at, closing.end),
            link,
            opening: Part::new(text, opening),
            closing: Part::new(text, closing),
            gap: Span::new(gap_start, open_at),
        });
        pos = gap_start;
    }
    tail.suffixes.reverse();
    // After an unclosed `[`, or `(` after a `]`, a group may belong to the
    // link in the making, and a fix that adds a `)` would close it: only the
    // groups after the last such place are suffixes.
    let mut after_open_link = None;
    if !tail.suffixes.is_empty() {
        let mut scanner = BracketScanner::new(text, start, code);
        for (index, group) in tail.suffixes.iter().enumerate() {
            scanner.advance_to(group.span.start);
            if scanner.leaves_link_open() {
                after_open_link = Some(index);
            }
        }
    }
    if let Some(last) = after_open_link {
        tail.suffixes.drain(..=last);
        tail.metadata.clear();
        pos = tail.suffixes.first().map_or(end, |group| group.gap.start);
    }
    let rest_end = pos;

    // Forwards: a stray year, groups placed too early, the separator.
    let mut p = start;
    if let Some(len) = year_after_link_len(&text[p..rest_end]) {
        let open = p + len - 6;
        tail.year_after_link = Some(Part::new(text, Span::new(open, p + len)));
        p += len;
    }
    let mut leading_metadata = Vec::new();
    loop {
        let q = skip_blank(text, p, rest_end);
        if let Some(token) = metadata::starting_at(text, q, rest_end, links, code) {
            leading_metadata.push(token);
            p = token.end;
            continue;
        }
        let Some(link) = (q < rest_end && bytes[q] == b'(')
            .then(|| link_starting_at(q + 1))
            .flatten()
        else {
            break;
        };
        if link.span.end >= rest_end || bytes[link.span.end] != b')' {
            break;
        }
        tail.leading.push(Suffix {
            span: Span::new(q, link.span.end + 1),
            link,
            opening: Part::new(text, Span::new(q, q + 1)),
            closing: Part::new(text, Span::new(link.span.end, link.span.end + 1)),
            gap: Span::new(p, q),
        });
        p = link.span.end + 1;
    }
    let separator = separator_len(&text[p..rest_end])
        .filter(|&len| !code.iter().any(|c| c.start < p + len && p < c.end));
    if let Some(len) = separator {
        tail.separator = Some(Part::new(text, Span::new(p, p + len)));
        p += len;
    } else {
        // No separator: the description starts after the whitespace.
        p = skip_blank(text, p, rest_end);
    }
    let description_end = trim_end(text, p, rest_end);
    if p < description_end {
        tail.description = Some(Part::new(text, Span::new(p, description_end)));
    }
    tail.metadata.reverse();
    leading_metadata.append(&mut tail.metadata);
    tail.metadata = leading_metadata;
    tail
}

/// The metadata token that ends at `end`, with a dash before it
/// (`MCUs - [![crates.io](…)](…)`), if any. A code span or a plain tag
/// (`` `MIT` ``, `[Archived]`) counts only where it follows a finished
/// sentence, a group or other metadata, comes before a code-span tag
/// (`` `MIT` `Go` ``), or holds no letter or digit (`` `⚠` ``):
/// `Install with `npm i x`` ends with a code span that is part of the
/// sentence.
fn trailing_metadata(
    text: &str,
    start: usize,
    end: usize,
    before_tag: bool,
    links: &[Link],
    code: &[Span],
) -> Option<Span> {
    let token = metadata::ending_at(text, start, end, links, code)?;
    let before = trim_end(text, start, token.start);
    let bytes = text.as_bytes();
    // Code spans and plain tags may be words of the sentence; badges, bold
    // tags and emoji are not.
    let may_be_prose =
        matches!(bytes[token.start], b'`' | b'[') && !bytes[token.start..].starts_with(b"[!");
    let after_sentence = before == start
        || matches!(bytes[before - 1], b'.' | b'!' | b'?' | b')')
        || metadata::ending_at(text, start, before, links, code).is_some();
    let symbol = !text[token.start..token.end]
        .chars()
        .any(char::is_alphanumeric);
    let code_run = before_tag && bytes[token.start] == b'`';
    if may_be_prose && !after_sentence && !code_run && !symbol {
        return None;
    }
    // A dash between the description and a badge or tag goes with it.
    let dashed = text[start..before]
        .strip_suffix(['-', '–', '—'])
        .filter(|rest| rest.ends_with([' ', '\t']))
        .map(|rest| start + rest.len());
    Some(match dashed {
        Some(dash) if dash > start => Span::new(dash, token.end),
        _ => token,
    })
}

/// The first of `links` whose `key` is `at`, unless it lies within `code`;
/// `links` are sorted by `key`.
fn link_at<'l, 'a>(
    links: &'l [Link<'a>],
    code: &[Span],
    at: usize,
    key: impl Fn(&Link) -> usize,
) -> Option<&'l Link<'a>> {
    let index = links.partition_point(|l| key(l) < at);
    links
        .get(index)
        .filter(|l| key(l) == at && !in_code(code, l.span))
}

/// `end` moved back over spaces, tabs and line endings, but not before
/// `floor`. Not over a form feed: comrak keeps it as text (in a bare URL,
/// even), so a period put before one lengthened the URL (found by fuzzing).
pub(super) fn trim_end(text: &str, floor: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    while end > floor && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    end
}

/// `from` moved forward over spaces and tabs, but not past `limit`.
fn skip_blank(text: &str, mut from: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    while from < limit && matches!(bytes[from], b' ' | b'\t') {
        from += 1;
    }
    from
}
