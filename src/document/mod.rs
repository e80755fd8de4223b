//! A parsed Markdown file, complete when constructed: the source text, its
//! line index and comrak's AST, kept together so every node can be turned
//! into an exact byte span; what the one walk of the AST finds (links, text
//! not to edit, the nodes rules look for, prose sections), from which its
//! link items are read; its suppression comments; and the judge that tells
//! whether edits keep its tree and its links. What is kept between
//! questions is private: callers ask (`doc.keeps_the_tree(&edits)`).

mod batch;
pub mod judge;
mod observe;
mod scan;
pub mod suppress;
pub mod tree;

use crate::conventions::{Conventions, FileConventions};
use crate::diagnostic::Edit;
use crate::item::LinkItem;
use crate::link::Link;
use crate::span::{LineIndex, Span};
use crate::url::{is_comparable, normalized};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};
use judge::{Judge, JudgeBudget};
use scan::{ItemSettings, Scanned};
use std::cell::OnceCell;
use std::sync::LazyLock;
use suppress::{Comment, Suppressions};

pub use batch::{Split, accepted_together, longest_accepted_start};
pub use judge::{edit_starts_block, same_tree, without};
pub use scan::Nodes;
pub use tree::{Tree, comrak_options, plain_text};

/// How a text is read into a [`Document`].
pub struct Reading<'r> {
    pub comrak: &'r Options<'static>,
    /// Headings (compared case-insensitively) whose items are prose, not
    /// link items.
    pub prose_sections: &'r [String],
    /// What judging edits on the whole document may cost, where the
    /// passes of a fix share it; `None`: the document's own.
    pub budget: Option<&'r JudgeBudget>,
    /// The conventions of the list the document is part of, where they
    /// are known; `None`: the document is a list of its own (standard
    /// input, one file, or the first pass over a list's files).
    pub list: Option<&'r Conventions>,
}

/// The comrak options of every parse, made once.
static COMRAK: LazyLock<Options<'static>> = LazyLock::new(comrak_options);

impl<'r> Reading<'r> {
    /// Reading with mdlinks' comrak options, `prose_sections` as given.
    pub fn new(prose_sections: &'r [String]) -> Self {
        Reading {
            comrak: &COMRAK,
            prose_sections,
            budget: None,
            list: None,
        }
    }
}

pub struct Document<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    pub root: &'a AstNode<'a>,
    scanned: Scanned<'a>,
    judge: Judge<'a>,
    /// What the document's suppression comments switch off, read when first
    /// asked for (see [`Document::suppressions`]).
    suppressions: OnceCell<Suppressions>,
    /// Each link item's URL as `duplicate-url` compares it (`None` where it
    /// compares none), where a run asked for them (see
    /// [`Document::url_keys`]): then the rule and `--cross-file`'s records
    /// normalise each URL once.
    url_keys: OnceCell<Vec<Option<String>>>,
    /// The conventions of the list the document is part of, if known.
    list: Option<Conventions>,
    /// The document's own conventions, learned from its items (see
    /// [`Document::learn_conventions`]).
    conventions: OnceCell<FileConventions>,
    /// The spans of the headings, for the section an offset is in.
    headings: OnceCell<Vec<Span>>,
}

impl<'a> Document<'a> {
    /// Parse `text` into `arena` and read it. The AST lives as long as the
    /// arena, so a caller linting many files drops each file's arena when
    /// done with it.
    pub fn parse(text: &'a str, arena: &'a Arena<'a>, reading: &Reading<'a>) -> Self {
        let root = tree::parse(arena, text, reading.comrak);
        let lines = LineIndex::new(text);
        let settings = ItemSettings {
            prose_sections: reading.prose_sections,
        };
        let scanned = scan::scan(
            Tree {
                text,
                lines: &lines,
                root,
            },
            &settings,
        );
        Document {
            text,
            lines,
            root,
            scanned,
            judge: Judge::new(text, reading.budget),
            suppressions: OnceCell::new(),
            url_keys: OnceCell::new(),
            list: reading.list.copied(),
            conventions: OnceCell::new(),
            headings: OnceCell::new(),
        }
    }

    /// The parsed text, as the parts of the document read it.
    pub fn tree(&self) -> Tree<'_, 'a> {
        Tree {
            text: self.text,
            lines: &self.lines,
            root: self.root,
        }
    }

    /// The line index, for a report once the document is done with.
    pub fn into_lines(self) -> LineIndex {
        self.lines
    }

    /// The link items, in document order. Read anew at each call: the
    /// linter reads them once and hands them to every rule.
    pub fn link_items(&self) -> Vec<LinkItem<'a, '_>> {
        scan::link_items(self.tree(), &self.scanned)
    }

    /// Every bracketed link of the document outside prose sections, in
    /// document order: autolinks and links whose position cannot be
    /// trusted left out.
    pub fn links(&self) -> &[Link<'a>] {
        &self.scanned.links
    }

    /// Code spans, inline HTML and links not to be read outside prose
    /// sections: text a rule must not edit, sorted and disjoint.
    pub fn code(&self) -> &[Span] {
        &self.scanned.code
    }

    /// Nodes of the kinds rules look for, prose sections included.
    pub fn nodes(&self) -> &Nodes<'a> {
        &self.scanned.nodes
    }

    /// The byte ranges of the sections whose items are prose.
    pub fn prose_sections(&self) -> &[Span] {
        &self.scanned.prose_sections
    }

    /// Whether `offset` lies in a prose section.
    pub fn in_prose_section(&self, offset: usize) -> bool {
        self.scanned
            .prose_sections
            .iter()
            .any(|s| s.start <= offset && offset < s.end)
    }

    /// The document's suppression comments, in order.
    pub fn suppression_comments(&self) -> Vec<Comment<'a>> {
        suppress::comments(self.tree(), &self.scanned.nodes.html)
    }

    /// What the document's suppression comments switch off. Read once, when
    /// first asked for: the linter asks only where a rule found something,
    /// and a rule may ask before it decides what its fix covers.
    pub fn suppressions(&self) -> &Suppressions {
        self.suppressions
            .get_or_init(|| Suppressions::new(&self.suppression_comments()))
    }

    /// Each of `items`' URL as `duplicate-url` compares it (`None` where it
    /// compares none), normalised on the first call and kept: a run that
    /// needs them for `--cross-file` asks before the rules run, and the
    /// rule then uses them (see [`Document::known_url_keys`]).
    pub fn url_keys(&self, items: &[LinkItem]) -> &[Option<String>] {
        self.url_keys.get_or_init(|| {
            let mut buf = String::new();
            items
                .iter()
                .map(|item| {
                    let href = &item.link.href;
                    is_comparable(href).then(|| normalized(href, &mut buf).to_owned())
                })
                .collect()
        })
    }

    /// The URL keys, if someone has asked for them (see
    /// [`Document::url_keys`]); a rule that needs them only to save work
    /// does not make them.
    pub fn known_url_keys(&self) -> Option<&[Option<String>]> {
        self.url_keys.get().map(Vec::as_slice)
    }

    /// The document's conventions, learned from `items` (its link items)
    /// and its list items on the first call, and kept: the linter asks
    /// before the rules run, and they ask [`Document::conventions_at`].
    pub fn learn_conventions(&self, items: &[LinkItem]) -> &FileConventions {
        self.conventions.get_or_init(|| {
            let seen = observe::observe(self.tree(), &self.scanned, items);
            FileConventions::learn(&seen, &self.scanned.section_parents, self.list.as_ref())
        })
    }

    /// The conventions that hold under the heading `section` (an item's
    /// `section`, or [`Document::section_at`]); the list's (or the house
    /// style) where the document's were not learned.
    pub fn conventions_at(&self, section: Option<Span>) -> &Conventions {
        static HOUSE: std::sync::LazyLock<Conventions> =
            std::sync::LazyLock::new(Conventions::default);
        match (self.conventions.get(), &self.list) {
            (Some(learned), _) => learned.at(section),
            (None, Some(list)) => list,
            (None, None) => &HOUSE,
        }
    }

    /// The heading above `offset`, if any: the section it is in.
    pub fn section_at(&self, offset: usize) -> Option<Span> {
        let headings = self.headings.get_or_init(|| {
            self.root
                .descendants()
                .filter(|n| matches!(n.data().value, NodeValue::Heading(_)))
                .map(|n| self.span(n))
                .collect()
        });
        let before = headings.partition_point(|h| h.start <= offset);
        before.checked_sub(1).map(|i| headings[i])
    }

    /// Whether the text with `edits` (sorted, disjoint) applied parses to
    /// the same tree as the document (see `judge`).
    pub fn keeps_the_tree(&self, edits: &[Edit]) -> bool {
        self.judge.keeps_the_tree(self.tree(), edits)
    }

    /// The link and image destinations around `edits`, before and after
    /// they are applied, each sorted (see `judge`); `None` where only the
    /// whole document can tell and its budget is spent.
    pub fn destinations_around(&self, edits: &[Edit]) -> Option<(Vec<String>, Vec<String>)> {
        self.judge.destinations_around(self.tree(), edits)
    }

    /// The exact byte span of a node (see [`Tree::span`]).
    pub fn span(&self, node: &AstNode<'_>) -> Span {
        self.tree().span(node)
    }

    /// The span of `node` if it lies on char boundaries of the text.
    pub fn checked_span(&self, node: &AstNode<'_>) -> Option<Span> {
        self.tree().checked_span(node)
    }

    pub fn slice(&self, span: Span) -> &'a str {
        span.of(self.text)
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_link_slice(text: &str) -> String {
        let arena = Arena::new();
        let doc = Document::parse(text, &arena, &Reading::new(&[]));
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
    fn headings_carry_level_and_text() {
        let text = "# Top\n\n## `Notes` here\n";
        let arena = Arena::new();
        let doc = Document::parse(text, &arena, &Reading::new(&[]));
        let headings: Vec<_> = doc.headings().map(|h| (h.level, h.text)).collect();
        assert_eq!(headings, [(1, "Top".into()), (2, "Notes here".into())]);
    }
}
