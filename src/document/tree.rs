//! The parsed text: the source, its line index and comrak's AST, and the
//! exact byte span of any node. What every part of the document reads.

use crate::span::{LineIndex, Span};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};

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

/// Parse `text` into `arena` as every parse of mdlinks does.
pub fn parse<'a>(arena: &'a Arena<'a>, text: &str, options: &Options) -> &'a AstNode<'a> {
    comrak::parse_document(arena, text, options)
}

/// A view of a parsed text: borrowed from the document that owns them.
#[derive(Clone, Copy)]
pub struct Tree<'t, 'a> {
    pub text: &'a str,
    pub lines: &'t LineIndex,
    pub root: &'a AstNode<'a>,
}

impl<'a> Tree<'_, 'a> {
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
