//! The parts of one link, read from its exact source slice: `[text](url "title")`
//! or a reference link `[text][label]` / `[text]`.
//!
//! comrak tells us where a link is; this module reads what is between the
//! brackets and parentheses, so that rules can edit the title or the URL as
//! written (escapes and all) rather than comrak's unescaped copy.

use crate::span::Span;
use crate::url;
use std::borrow::Cow;

/// A piece of source text and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    pub span: Span,
    pub text: &'a str,
}

impl<'a> Part<'a> {
    pub fn new(source: &'a str, span: Span) -> Self {
        Part {
            span,
            text: span.of(source),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination<'a> {
    /// `(url "title")`: the URL as written (inside `<…>` if so written) and
    /// the title attribute without its quotes.
    Inline {
        url: Part<'a>,
        title: Option<Part<'a>>,
    },
    /// `[label]`, `[]` or nothing: the URL lives in a definition elsewhere.
    Reference,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    /// The whole link, `[` to the closing `)` or `]`.
    pub span: Span,
    /// The link text between the brackets (what house style calls the title).
    pub text: Part<'a>,
    pub destination: Destination<'a>,
    /// The URL as comrak resolved it (unescaped, references followed):
    /// borrowed from the source where that is the URL as written, as it
    /// is for almost every link, so reading a link allocates nothing.
    pub href: Cow<'a, str>,
}

impl<'a> Link<'a> {
    /// Read a link from its source slice. `None` when the slice does not have
    /// the shape of a bracketed link, which means the position is not to be
    /// trusted (or the node is an autolink): callers then make no edits.
    pub fn parse(source: &'a str, span: Span, href: &str) -> Option<Self> {
        let slice = span.of(source);
        if !slice.starts_with('[') {
            return None;
        }
        let close = closing_bracket(slice)?;
        let text = Part::new(source, Span::new(span.start + 1, span.start + close));
        let after = &slice[close + 1..];
        let destination = if after.starts_with('(') && after.ends_with(')') && after.len() >= 2 {
            let inner = Span::new(span.start + close + 2, span.end - 1);
            if inner.of(source) == href {
                // The usual `(url)`: what comrak resolved is what is written,
                // so there is no title, escape or `<…>` to read around.
                Destination::Inline {
                    url: Part::new(source, inner),
                    title: None,
                }
            } else {
                parse_inline_destination(source, inner)?
            }
        } else if after.is_empty() || (after.starts_with('[') && after.ends_with(']')) {
            Destination::Reference
        } else {
            return None;
        };
        let href = match &destination {
            Destination::Inline { url, .. } if url.text == href => Cow::Borrowed(url.text),
            _ => Cow::Owned(href.to_owned()),
        };
        Some(Link {
            span,
            text,
            destination,
            href,
        })
    }

    /// Whether the text is also the reference label, as in `[text]` and
    /// `[text][]`: editing it beyond whitespace (which labels ignore) would
    /// leave the link without its definition (found by fuzzing).
    pub fn text_is_label(&self, source: &str) -> bool {
        self.destination == Destination::Reference
            && matches!(&source[self.text.span.end..self.span.end], "]" | "][]")
    }

    /// The URL as written, for inline links.
    pub fn url(&self) -> Option<Part<'a>> {
        match &self.destination {
            Destination::Inline { url, .. } => Some(*url),
            Destination::Reference => None,
        }
    }

    /// Whether the link points at Hacker News or is labelled as if it did.
    pub fn is_hacker_news(&self) -> bool {
        hn_label_number(self.text.text).is_some() || url::hacker_news::is_hn_url(&self.href)
    }

    /// The URL as written, where a rule may edit it byte for byte: an inline
    /// URL written exactly as it resolves (`href`) and with nothing an edit
    /// could make into an escape or a character reference
    /// ([`url::is_plain`]). Offsets into `href` are then offsets into the
    /// written URL. `None` otherwise: a rule that edits URLs judges `href`
    /// and reports what it finds there without a fix (issue 26: a query
    /// split as written, on `&amp;`, lost a video id).
    pub fn editable_url(&self) -> Option<Part<'a>> {
        self.url()
            .filter(|url| url.text == self.href && url::is_plain(url.text))
    }
}

/// The number of an HN label (`" 2"` in `HN 2`, `""` in `HN`), if the
/// text is one: `HN`, `hn`, `Hacker News`, `HackerNews`, in any ASCII case,
/// optionally numbered. Read by hand: every suffix of every item asks.
pub fn hn_label_number(text: &str) -> Option<&str> {
    let (name, number) = match text.rfind(' ') {
        Some(space)
            if space + 1 < text.len() && text[space + 1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            text.split_at(space)
        }
        _ => (text, ""),
    };
    ["hn", "hackernews", "hacker news"]
        .iter()
        .any(|known| name.eq_ignore_ascii_case(known))
        .then_some(number)
}

/// Index of the `]` that closes the `[` at index 0, skipping escapes and
/// code spans (brackets inside `` `…` `` do not count).
fn closing_bracket(slice: &str) -> Option<usize> {
    let bytes = slice.as_bytes();
    // Most link texts have no escape and no code span: then only brackets
    // count, and memchr finds them several bytes at a time.
    if memchr::memchr2(b'\\', b'`', bytes).is_none() {
        let mut depth = 0usize;
        for i in memchr::memchr2_iter(b'[', b']', bytes) {
            if bytes[i] == b'[' {
                depth += 1;
                continue;
            }
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
            if matches!(bytes.get(i + 1), Some(b'(' | b'[')) {
                return None;
            }
        }
        return None;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                if let Some(end) = matching_backticks(bytes, i + run, run) {
                    i = end;
                    continue;
                }
                i += run;
                continue;
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
                // `](` or `][` inside the text is a link shape within the
                // link: brackets comrak paired in a way a fix near them may
                // undo, losing a link (found by fuzzing). Not to be edited.
                if matches!(bytes.get(i + 1), Some(b'(' | b'[')) {
                    return None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index just past a run of exactly `run` backticks at or after `from`.
fn matching_backticks(bytes: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let len = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if len == run {
                return Some(i + len);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// The bytes that end or nest in a bare destination: escapes, parentheses
/// and whitespace.
static URL_STOP: [bool; 256] = {
    let mut stop = [false; 256];
    let mut b = 0;
    while b < 256 {
        stop[b] = matches!(b as u8, b'\\' | b'(' | b')') || (b as u8).is_ascii_whitespace();
        b += 1;
    }
    stop
};

/// `url`, `<url>`, optionally followed by a quoted or parenthesised title.
fn parse_inline_destination(source: &str, inner: Span) -> Option<Destination<'_>> {
    let slice = inner.of(source);
    let bytes = slice.as_bytes();
    let mut i = skip_whitespace(bytes, 0);
    let url = if bytes.get(i) == Some(&b'<') {
        let close = slice[i..].find('>')? + i;
        let url = Span::new(inner.start + i + 1, inner.start + close);
        i = close + 1;
        url
    } else {
        let begin = i;
        let mut depth = 0usize;
        while i < bytes.len() {
            // Skip the bytes that are only URL: most of them.
            if !URL_STOP[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            match bytes[i] {
                b'\\' => i += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b if b.is_ascii_whitespace() => break,
                _ => {}
            }
            i += 1;
        }
        let end = i.min(bytes.len());
        Span::new(inner.start + begin, inner.start + end)
    };
    let title_start = skip_whitespace(bytes, i);
    let title = match bytes.get(title_start) {
        None => None,
        Some(b'"' | b'\'' | b'(') => {
            let mut end = slice.len();
            while end > title_start && bytes[end - 1].is_ascii_whitespace() {
                end -= 1;
            }
            if end < title_start + 2 {
                return None;
            }
            Some(Part::new(
                source,
                Span::new(inner.start + title_start + 1, inner.start + end - 1),
            ))
        }
        Some(_) => return None,
    };
    Some(Destination::Inline {
        url: Part::new(source, url),
        title,
    })
}

fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Option<Link<'_>> {
        Link::parse(source, Span::new(0, source.len()), "")
    }

    #[test]
    fn inline_link_parts() {
        let link = parse(r#"[Go [v2] `a]b`](https://go.dev/x_(y) "Home")"#).unwrap();
        assert_eq!(link.text.text, "Go [v2] `a]b`");
        let Destination::Inline { url, title } = link.destination else {
            panic!("inline")
        };
        assert_eq!(url.text, "https://go.dev/x_(y)");
        assert_eq!(title.unwrap().text, "Home");
    }

    #[test]
    fn angle_destination_and_escapes() {
        let link = parse(r"[a\]b](<https://x.org/a b>)").unwrap();
        assert_eq!(link.text.text, r"a\]b");
        assert_eq!(link.url().unwrap().text, "https://x.org/a b");
    }

    #[test]
    fn reference_links_have_no_inline_url() {
        assert_eq!(parse("[a][b]").unwrap().destination, Destination::Reference);
        assert_eq!(parse("[a]").unwrap().destination, Destination::Reference);
        assert!(parse("[a][b]").unwrap().url().is_none());
    }

    #[test]
    fn shortcut_and_collapsed_references_use_their_text_as_label() {
        for (source, expected) in [
            ("[a]", true),
            ("[a][]", true),
            ("[a][b]", false),
            ("[a](u)", false),
        ] {
            assert_eq!(
                parse(source).unwrap().text_is_label(source),
                expected,
                "{source}"
            );
        }
    }

    #[test]
    fn a_destination_written_as_resolved_is_read_the_same_way() {
        for (source, href) in [
            ("[a](https://x.org/p?q=1#f)", "https://x.org/p?q=1#f"),
            ("[a](https://go.dev/x_(y))", "https://go.dev/x_(y)"),
            (r"[a](a\b)", r"a\b"),
            ("[a]()", ""),
        ] {
            let span = Span::new(0, source.len());
            let fast = Link::parse(source, span, href).unwrap();
            assert!(matches!(fast.href, Cow::Borrowed(_)), "{source}");
            // With a resolved URL unlike the written one, the destination
            // is read byte by byte: it must come out the same.
            let slow = Link::parse(source, span, "\u{0}").unwrap();
            assert_eq!(fast.destination, slow.destination, "{source}");
        }
    }

    #[test]
    fn only_urls_written_as_they_resolve_are_editable() {
        for (source, href, editable) in [
            (
                "[a](https://x.org/?a=1&b=2)",
                "https://x.org/?a=1&b=2",
                true,
            ),
            ("[a](<https://x.org/(y)>)", "https://x.org/(y)", true),
            (
                "[a](https://x.org/?a=1&amp;b=2)",
                "https://x.org/?a=1&b=2",
                false,
            ),
            (
                "[a](https://x.org/?a=1&#38;b=2)",
                "https://x.org/?a=1&b=2",
                false,
            ),
            (
                r"[a](https://x.org/?a=1\&b=2)",
                "https://x.org/?a=1&b=2",
                false,
            ),
            ("[a](<https://x.org/a b>)", "https://x.org/a b", false),
            ("[a][b]", "https://x.org/", false),
        ] {
            let link = Link::parse(source, Span::new(0, source.len()), href).unwrap();
            assert_eq!(link.editable_url().is_some(), editable, "{source}");
        }
    }

    #[test]
    fn labels_are_hn_in_any_case_optionally_numbered() {
        for (label, number) in [
            ("HN", Some("")),
            ("hn", Some("")),
            ("Hacker News", Some("")),
            ("HackerNews 2", Some(" 2")),
            ("HN 12", Some(" 12")),
            ("HN ", None),
            ("HN 2 3", None),
            ("HNN", None),
            ("Lobsters", None),
        ] {
            assert_eq!(hn_label_number(label), number, "{label}");
        }
    }

    #[test]
    fn wrong_shapes_are_rejected() {
        assert!(parse("https://example.com").is_none());
        assert!(parse("[a](b").is_none());
        assert!(parse("[a] x").is_none());
        assert!(parse("[[](]()").is_none());
        assert!(parse("[a [b](u) c](v)").is_none());
    }
}
