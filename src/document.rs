//! A parsed Markdown file: the source text, its line index and comrak's AST,
//! kept together so every node can be turned into an exact byte span.

use crate::diagnostic::Edit;
use crate::link::Link;
use crate::reparse::JudgeBudget;
use crate::span::{LineIndex, Span};
use crate::suppress::{self, Suppressions};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};
use regex::Regex;
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::sync::LazyLock;

/// The comrak options every parse uses: GitHub Flavored Markdown, plus front
/// matter so a YAML header is not read as a thematic break and a heading.
pub fn comrak_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.front_matter_delimiter = Some("---".to_owned());
    options
}

pub struct Document<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    pub root: &'a AstNode<'a>,
    /// Byte ranges of the sections whose items are prose, not link items
    /// (see `item::scan`); empty until `item::scan` sets them.
    pub prose_sections: Vec<Span>,
    /// Every bracketed link outside prose sections, in document order,
    /// shared by the rules that look at all links; empty until `item::scan`
    /// sets them.
    pub links: Vec<Link<'a>>,
    /// Code spans, inline HTML and links not to be read (autolinks, links
    /// of the wrong shape) outside prose sections: text a rule must not
    /// edit, sorted and disjoint. Empty until `item::scan` sets them.
    pub code: Vec<Span>,
    /// Nodes of the kinds rules look for, prose sections included, found
    /// on the one walk of the AST; empty until `item::scan` sets them.
    pub nodes: Nodes<'a>,
    /// Each link item's URL as `duplicate-url` compares it (`None` where it
    /// compares none), when a run keeps URL records for `--cross-file`:
    /// then the rule and the records normalise each URL once. Else empty.
    /// Set after the items are read, which borrow the document.
    pub url_keys: RefCell<Vec<Option<String>>>,
    /// The blocks `reparse` parses again around an edit (see
    /// `reparse::Units`), found on the first fix it checks: found for each
    /// fix, they made a file of many blocks and many fixes quadratic.
    pub reparse_units: OnceCell<crate::reparse::Units>,
    /// What the document's suppression comments switch off, read when first
    /// asked for (see [`Document::suppressions`]).
    suppressions: OnceCell<Suppressions>,
    /// What judging edits on the whole document may still cost (see
    /// `reparse::keeps_the_tree`): the document's own, or one that the
    /// passes of a fix share.
    pub judge_budget: Cow<'a, JudgeBudget>,
}

/// The nodes of some kinds, each list in document order: rules take them
/// from here instead of walking the whole AST again each.
#[derive(Default)]
pub struct Nodes<'a> {
    /// List items (`Item` and `TaskItem`).
    pub items: Vec<&'a AstNode<'a>>,
    /// Links, autolinks included.
    pub links: Vec<&'a AstNode<'a>>,
    /// Lists.
    pub lists: Vec<&'a AstNode<'a>>,
    /// HTML blocks and inline HTML.
    pub html: Vec<&'a AstNode<'a>>,
    /// Text nodes with a `[` in them.
    pub bracket_texts: Vec<&'a AstNode<'a>>,
    /// List items outside prose sections, each with the nearest heading
    /// above it: those `item::link_items` reads.
    pub link_item_candidates: Vec<(&'a AstNode<'a>, Option<Span>)>,
}

impl<'a> Document<'a> {
    /// Parse `text` into `arena`. The AST lives as long as the arena, so a
    /// caller linting many files drops each file's arena when done with it.
    /// `links`, `code`, `nodes` and `prose_sections` stay empty until `item::scan`
    /// reads the document (the linter does both).
    pub fn parse(text: &'a str, arena: &'a Arena<'a>, options: &Options) -> Self {
        let root = comrak::parse_document(arena, text, options);
        Document {
            text,
            lines: LineIndex::new(text),
            root,
            prose_sections: Vec::new(),
            links: Vec::new(),
            code: Vec::new(),
            nodes: Nodes::default(),
            url_keys: RefCell::default(),
            reparse_units: OnceCell::new(),
            suppressions: OnceCell::new(),
            judge_budget: Cow::Owned(JudgeBudget::for_text(text)),
        }
    }

    /// What the document's suppression comments switch off. Read once, when
    /// first asked for: the linter asks only where a rule found something,
    /// and a rule may ask before it decides what its fix covers. Needs the
    /// HTML nodes `item::scan` finds.
    pub fn suppressions(&self) -> &Suppressions {
        self.suppressions
            .get_or_init(|| Suppressions::new(&suppress::comments(self)))
    }

    /// The exact byte span of a node. comrak's columns are 1-based byte
    /// columns with an inclusive end; an empty node has its end before its
    /// start, which maps to an empty span.
    pub fn span(&self, node: &AstNode<'_>) -> Span {
        let pos = node.data().sourcepos;
        let start = self.lines.offset(pos.start.line, pos.start.column);
        let end = self.lines.offset(pos.end.line, pos.end.column + 1);
        Span::new(start, end.max(start))
    }

    /// The span of `node` if it lies on char boundaries of the text: a
    /// position is a locator, and a wrong one must never slice mid-character.
    pub fn checked_span(&self, node: &AstNode<'_>) -> Option<Span> {
        let span = self.span(node);
        (self.text.is_char_boundary(span.start) && self.text.is_char_boundary(span.end))
            .then_some(span)
    }

    pub fn slice(&self, span: Span) -> &'a str {
        span.of(self.text)
    }

    /// Every bracketed link of the document outside prose sections, in
    /// document order (see `item::scan`): autolinks and links whose
    /// position cannot be trusted left out.
    pub fn links(&self) -> &[Link<'a>] {
        &self.links
    }

    /// Whether `offset` lies in a prose section.
    pub fn in_prose_section(&self, offset: usize) -> bool {
        self.prose_sections
            .iter()
            .any(|s| s.start <= offset && offset < s.end)
    }

    /// Headings in document order, with their level and plain text.
    pub fn headings(&self) -> impl Iterator<Item = Heading> + '_ {
        self.root.descendants().filter_map(|node| {
            let level = match &node.data().value {
                NodeValue::Heading(h) => h.level,
                _ => return None,
            };
            Some(Heading {
                level,
                text: plain_text(node),
                span: self.span(node),
            })
        })
    }
}

/// Whether `edit` would make its line start a block it did not start: a
/// space put after a lone `-` turns `-]` (the second line of a wrapped
/// title) into `- (2019)]`, a list item, and the title's link is gone
/// (found by fuzzing). Only a replacement starting with a blank, after what
/// could be a list marker or a heading's `#`s with nothing but blanks, `>`
/// and other list markers before it on its line, can do that.
pub fn edit_starts_block(source: &str, edit: &Edit) -> bool {
    static MARKER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:[-+*]|\d{1,9}[.)]|#{1,6})$").expect("marker regex"));
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,9}$").expect("number regex"));
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[ \t]|>|(?:[-+*]|\d{1,9}[.)])[ \t])*$").expect("lead regex")
    });
    // A blank after a marker, or a `.` or `)` after a number ending its
    // line or followed by a blank: `22` (the last line of a wrapped
    // description) given its period is `22.`, an ordered list item
    // (found by fuzzing).
    let ends_number = edit.replacement.starts_with(['.', ')'])
        && edit.replacement[1..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
        && source[edit.span.end..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    if !edit.replacement.starts_with([' ', '\t']) && !ends_number {
        return false;
    }
    // Read back from the edit only over what a line's block markers are
    // made of, never the whole line: a line may hold thousands of edits.
    let at = edit.span.start;
    let bytes = source.as_bytes();
    let is_marker_byte = |b: &u8| b"0123456789.)-+*# \t>".contains(b);
    let from = at
        - bytes[..at]
            .iter()
            .rev()
            .take_while(|b| is_marker_byte(b))
            .count();
    if from > 0 && !matches!(bytes[from - 1], b'\n' | b'\r') {
        return false;
    }
    let line_start = &source[from..at];
    let marker_start = line_start
        .trim_end_matches(|c: char| !matches!(c, ' ' | '\t' | '>'))
        .len();
    let (lead, marker) = line_start.split_at(marker_start);
    let marker_pattern = if ends_number { &NUMBER } else { &MARKER };
    marker_pattern.is_match(marker) && LEAD.is_match(lead)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub span: Span,
}

/// The rendered text of a node's inline content (code spans included), for
/// matching headings and titles by name, never for computing positions.
pub fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for descendant in node.descendants() {
        match &descendant.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

pub use crate::reparse::{destinations_around, keeps_the_tree, same_tree};

#[cfg(test)]
mod tests {
    use super::*;

    fn first_link_slice(text: &str) -> String {
        let arena = Arena::new();
        let doc = Document::parse(text, &arena, &comrak_options());
        let link = doc
            .root
            .descendants()
            .find(|n| matches!(n.data().value, NodeValue::Link(_)))
            .expect("a link");
        doc.slice(doc.span(link)).to_owned()
    }

    #[test]
    fn spans_are_exact_with_bom_crlf_tabs_and_non_ascii() {
        assert_eq!(first_link_slice("\u{feff}- [a](u) - b\n"), "[a](u)");
        assert_eq!(first_link_slice("- x\r\n- [é](ü)\r\n"), "[é](ü)");
        assert_eq!(first_link_slice("- a\n\t- [b](v) c\n"), "[b](v)");
        assert_eq!(first_link_slice("> - [q](r)\n"), "[q](r)");
        assert_eq!(first_link_slice("- [a\n  b](u) c\n"), "[a\n  b](u)");
    }

    #[test]
    fn an_edit_after_a_lone_marker_starts_a_block() {
        let text = "- [a\n-]()\n  1.x\n";
        let at = |offset, replacement| edit_starts_block(text, &Edit::insert(offset, replacement));
        assert!(at(6, " (2019)")); // after the `-` of `-]()`
        assert!(at(14, " y")); // after `  1.`
        assert!(!at(6, "(2019)"));
        assert!(!at(5, " (2019)")); // at the line's start: nothing before it
        assert!(!at(3, " b")); // after `- [`
        let nested = "> - 1) -](u)\n-x -\n";
        let at =
            |offset, replacement| edit_starts_block(nested, &Edit::insert(offset, replacement));
        assert!(at(8, " (2019)")); // `> - 1) -` would open a third list
        assert!(!at(17, " y")); // `-x -`: the last `-` follows text
        // A period after a number alone on its line makes it a marker.
        let wrapped = "- [a](u) - Since
  22
  x 22
  22x
";
        let at =
            |offset, replacement| edit_starts_block(wrapped, &Edit::insert(offset, replacement));
        assert!(at(21, ".")); // `  22.`
        assert!(at(21, ")"));
        assert!(!at(21, ".5")); // `22.5` is text
        assert!(!at(28, ".")); // `x 22.` follows text
        assert!(!at(32, ".")); // `22.x`: not at the number's end
    }

    #[test]
    fn headings_carry_level_and_text() {
        let text = "# Top\n\n## `Notes` here\n";
        let arena = Arena::new();
        let doc = Document::parse(text, &arena, &comrak_options());
        let headings: Vec<_> = doc.headings().map(|h| (h.level, h.text)).collect();
        assert_eq!(headings, [(1, "Top".into()), (2, "Notes here".into())]);
    }
}
