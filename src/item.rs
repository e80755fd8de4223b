//! Link items: list items whose first paragraph begins with a link, parsed
//! once into the parts house style talks about.
//!
//! ```text
//! - [Title (2019)](url) ([Old](o)) - Description. ([HN](h)) ([Code](c))
//!   └──── link ────────┘└ leading ┘└┬┘└─ description ┘└──── suffixes ────┘
//!                                separator
//! ```
//!
//! Where each part is comes from comrak: the item, its first paragraph and
//! every link in it. Only the text between those located links is read, in
//! `tail.rs`.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, Nodes, plain_text};
use crate::link::{Link, Part};
use crate::span::Span;
pub use brackets::brackets_balanced;
pub(crate) use brackets::in_code;
use comrak::nodes::{AstNode, NodeValue};
use std::borrow::Cow;
pub use suffix::Suffix;
use tail::{parse_tail, trim_end};

/// Borrowed from the document it was read from (`'d`): its links and text
/// not to edit are the document's, not copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkItem<'a, 'd> {
    /// The whole list item, nested content included.
    pub item: Span,
    /// The item's first paragraph: everything the parts below come from.
    pub paragraph: Span,
    pub link: &'d Link<'a>,
    /// A parenthesised year right after the link: `[Title](url) (2019)`.
    pub year_after_link: Option<Part<'a>>,
    /// Suffix groups standing between the link and the description.
    pub leading: Vec<Suffix<'a, 'd>>,
    pub separator: Option<Part<'a>>,
    pub description: Option<Part<'a>>,
    /// The trailing suffix groups, in source order.
    pub suffixes: Vec<Suffix<'a, 'd>>,
    /// Every link of the paragraph after the item's own, suffixes included.
    pub other_links: Cow<'d, [Link<'a>]>,
    /// Code spans, inline HTML and autolinks (bare URLs and addresses) of
    /// the paragraph: text a rule must not edit. Sorted and disjoint.
    pub code: &'d [Span],
    /// The nearest heading above the item, if any.
    pub section: Option<Span>,
    /// The list item this item is nested in, if any.
    pub parent: Option<Span>,
}

impl LinkItem<'_, '_> {
    /// Whether `span` overlaps a code span, inline HTML or an autolink of
    /// the paragraph. `code` is sorted and disjoint, so a binary search finds
    /// the one span that can (an item may have thousands).
    pub fn overlaps_code(&self, span: Span) -> bool {
        let before_end = self.code.partition_point(|c| c.start < span.end);
        before_end > 0 && self.code[before_end - 1].end > span.start
    }

    /// Groups that stand before a separated description. Without a separator
    /// what follows the groups is stray text (`description-dash` reports
    /// it), and the groups are where they belong.
    pub fn misplaced_groups(&self) -> &[Suffix<'_, '_>] {
        if self.separator.is_some() {
            &self.leading
        } else {
            &[]
        }
    }

    /// Whether groups standing before the description can be moved behind
    /// it: there is a separated one (text glued to a group, `([HN](h))af`,
    /// is a slip, not a description), and none of its brackets or
    /// backticks would pair with a group put next to it.
    pub fn description_takes_groups(&self, source: &str) -> bool {
        self.separator.is_some()
            && self.description.is_some_and(|description| {
                self.brackets_balanced(source, description.span)
                    && !self.has_literal_backtick(source, description.span)
            })
    }

    /// Whether `group` can be moved next to another text: it holds no
    /// backtick that would pair with one there.
    pub fn group_can_move(&self, group: &Suffix, source: &str) -> bool {
        !self.has_literal_backtick(source, group.span)
    }

    /// Edits moving one group from before the description to its end. Only
    /// where the description takes groups and the group can move.
    pub fn move_group_to_end(&self, group: &Suffix, source: &str) -> Option<Vec<Edit>> {
        let description = self.description?;
        Some(vec![
            Edit::delete(Span::new(group.gap.start, group.span.end)),
            Edit::insert(description.span.end, format!(" {}", group.span.of(source))),
        ])
    }

    /// Edits moving every group that can move from before the description
    /// to its end, in their order: in one fix, since moved one at a time
    /// each was put right after the description, and they came out
    /// reversed, one fix pass each. Only where the description takes
    /// groups; `None` if none can move.
    pub fn move_groups_to_end(&self, source: &str) -> Option<Vec<Edit>> {
        let description = self.description?;
        let groups = self
            .misplaced_groups()
            .iter()
            .filter(|g| self.group_can_move(g, source));
        let mut edits: Vec<Edit> = groups
            .clone()
            .map(|g| Edit::delete(Span::new(g.gap.start, g.span.end)))
            .collect();
        if edits.is_empty() {
            return None;
        }
        let moved: String = groups.map(|g| format!(" {}", g.span.of(source))).collect();
        edits.push(Edit::insert(description.span.end, moved));
        Some(edits)
    }

    /// Whether every `[` and `(` of `span` is closed within it, outside code
    /// spans and backslash escapes (see [`brackets_balanced`]).
    pub fn brackets_balanced(&self, source: &str, span: Span) -> bool {
        brackets_balanced(source, span, self.code)
    }

    /// Whether `span` holds a backtick outside code spans: moved next to
    /// another, it would open a code span and swallow what lies between
    /// (fuzzing found a group with one moved behind a description with one).
    fn has_literal_backtick(&self, source: &str, span: Span) -> bool {
        span.of(source)
            .match_indices('`')
            .any(|(i, _)| !self.overlaps_code(Span::new(span.start + i, span.start + i + 1)))
    }

    /// The findings for `groups` (a rule's own, of those before the
    /// description; `what` names them: "suffix", "HN link"). The first that can
    /// be moved carries the fix that moves them all, in their order: moved by a
    /// fix each, every one would land right after the description, and they
    /// came out reversed, one fix pass each. The others carry their own move,
    /// which the first one's overlaps: it stands in only where that one is not
    /// applied.
    pub fn report_misplaced<'g>(
        &self,
        rule: &'static str,
        what: &str,
        groups: impl Iterator<Item = &'g Suffix<'g, 'g>>,
        source: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut groups = groups.peekable();
        if groups.peek().is_none() {
            return;
        }
        // The description is looked at once: an item may have thousands of
        // groups before it.
        let takes_groups = self.description_takes_groups(source);
        let mut all = takes_groups
            .then(|| self.move_groups_to_end(source))
            .flatten();
        for group in groups {
            let diagnostic = Diagnostic::new(
                rule,
                group.span,
                format!(
                    "{what} `{}` stands before the description",
                    group.span.of(source)
                ),
            );
            let edits = if takes_groups && self.group_can_move(group, source) {
                all.take().or_else(|| self.move_group_to_end(group, source))
            } else {
                None
            };
            out.push(match edits {
                Some(edits) => {
                    diagnostic.with_fix(Fix::safe("move it after the description", edits))
                }
                None => diagnostic,
            });
        }
    }

    /// Whether the description is nothing but one link (`[T](u) - [HN](h)`):
    /// a misplaced suffix rather than a sentence.
    pub fn description_is_one_link(&self) -> bool {
        self.description
            .is_some_and(|d| self.other_links.iter().any(|l| l.span == d.span))
    }
}

/// Which headings make their items prose rather than link items.
pub struct ItemSettings<'s> {
    /// Heading texts (compared case-insensitively) whose items are prose.
    pub prose_sections: &'s [String],
}

/// Read the document in one walk of its AST: sets `doc.prose_sections`,
/// `doc.links`, `doc.code` and `doc.nodes`, from which [`link_items`]
/// reads the link items. Items and links under a prose heading (at any
/// depth of the heading outline) are left out. One walk for all of it, and
/// each link read once however many rules and items look at it: this is
/// most of what linting costs beyond parsing.
pub fn scan<'a>(doc: &mut Document<'a>, settings: &ItemSettings) {
    // The heading outline above the current node: (level, span, is_prose).
    let mut outline: Vec<(u8, Span, bool)> = Vec::new();
    let mut prose_sections = Vec::new();
    let mut in_prose = false;
    // Sized for link lists (the corpus has a link every 104 bytes): grown
    // one doubling at a time from empty, they copied 150-byte links around.
    let expected = doc.text.len() / 128;
    let mut item_nodes = Vec::with_capacity(expected);
    let mut inlines = Inlines {
        links: Vec::with_capacity(expected),
        code: Vec::new(),
    };
    let mut nodes = Nodes {
        items: Vec::with_capacity(expected),
        links: Vec::with_capacity(expected),
        ..Nodes::default()
    };
    preorder(doc.root, |node| {
        let value = &node.data().value;
        match value {
            NodeValue::Item(_) | NodeValue::TaskItem(_) => nodes.items.push(node),
            NodeValue::Link(_) => nodes.links.push(node),
            NodeValue::List(_) => nodes.lists.push(node),
            NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_) => nodes.html.push(node),
            // Most text nodes are a few words: core's search costs less than
            // a call to the `memchr` crate's, which is for long haystacks.
            NodeValue::Text(text) if text.as_bytes().contains(&b'[') => {
                nodes.bracket_texts.push(node);
            }
            _ => {}
        }
        match value {
            NodeValue::Heading(heading) => {
                let span = doc.span(node);
                // A prose section runs from its heading to the next heading
                // of the same or a higher level.
                outline.retain(|&(level, begin, prose)| {
                    let still_open = level < heading.level;
                    if !still_open && prose {
                        prose_sections.push(Span::new(begin.start, span.start));
                    }
                    still_open
                });
                outline.push((heading.level, span, is_prose_heading(node, settings)));
                in_prose = outline.iter().any(|&(_, _, prose)| prose);
            }
            _ if in_prose => {}
            NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                let section = outline.last().map(|&(_, span, _)| span);
                item_nodes.push((node, section));
            }
            NodeValue::Link(_) | NodeValue::Code(_) | NodeValue::HtmlInline(_) => {
                inlines.note(doc, node);
            }
            _ => {}
        }
    });
    prose_sections.extend(
        outline
            .iter()
            .filter(|&&(_, _, prose)| prose)
            .map(|&(_, begin, _)| Span::new(begin.start, doc.text.len())),
    );
    prose_sections.sort();
    doc.prose_sections = prose_sections;
    doc.links = inlines.links;
    doc.code = inlines.code;
    nodes.link_item_candidates = item_nodes;
    doc.nodes = nodes;
}

/// The link items of a document [`scan`] has read, in document order.
pub fn link_items<'a, 'd>(doc: &'d Document<'a>) -> Vec<LinkItem<'a, 'd>> {
    let candidates = &doc.nodes.link_item_candidates;
    let mut items = Vec::with_capacity(candidates.len());
    // Where the last item's links and code began in the document's.
    let mut cursor = (0, 0);
    for &(node, section) in candidates {
        push_item(doc, node, section, &mut cursor, &mut items);
    }
    items
}

/// Call `visit` on `root` and every node below it, in document order: by
/// the tree's links, each node once (`descendants()` steps through each
/// twice, entering and leaving, and filters out the leaving).
fn preorder<'a>(root: &'a AstNode<'a>, mut visit: impl FnMut(&'a AstNode<'a>)) {
    let mut node = root;
    loop {
        visit(node);
        if let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        loop {
            if node.same_node(root) {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// The inline nodes link items are made from, in document order.
#[derive(Default)]
struct Inlines<'a> {
    /// Every bracketed link whose position can be trusted.
    links: Vec<Link<'a>>,
    /// Code spans, inline HTML and links not to be read (autolinks, links
    /// of the wrong shape): text a rule must not edit. Sorted and disjoint:
    /// what lies inside one is not noted again.
    code: Vec<Span>,
}

impl<'a> Inlines<'a> {
    fn note(&mut self, doc: &Document<'a>, node: &'a AstNode<'a>) {
        let Some(span) = doc.checked_span(node) else {
            return;
        };
        let in_code = self.code.last().is_some_and(|last| last.contains(span));
        match &node.data().value {
            NodeValue::Link(_) => match parse_link_node(doc, node) {
                Some(link) => self.links.push(link),
                // An autolink, or a link not to be trusted: editing its text
                // would change where it points (fuzzing found the dash of
                // `[a](u) -@b.com` turned into a separator, losing `-@b.com`).
                None if !in_code => self.code.push(span),
                None => {}
            },
            _ if !in_code => self.code.push(span),
            _ => {}
        }
    }
}

/// The links and the text not to edit of `doc` that start within `span`.
/// `cursor` is where the last call's began: items come in document order,
/// so the next ones are found by stepping on from there, not by a search
/// of all the file's links for each item.
fn within<'a, 'd>(
    doc: &'d Document<'a>,
    span: Span,
    cursor: &mut (usize, usize),
) -> (&'d [Link<'a>], &'d [Span]) {
    let (links_from, code_from) = cursor;
    step_to(&doc.links, links_from, span.start, |l| l.span.start);
    step_to(&doc.code, code_from, span.start, |c| c.start);
    let links = &doc.links[*links_from..];
    let code = &doc.code[*code_from..];
    let links_to = links
        .iter()
        .position(|l| l.span.start >= span.end)
        .unwrap_or(links.len());
    let code_to = code
        .iter()
        .position(|c| c.start >= span.end)
        .unwrap_or(code.len());
    (&links[..links_to], &code[..code_to])
}

/// Move `from` to the first of `sorted` whose `key` is at least `start`,
/// stepping on from where it is if everything before it is before `start`
/// (as for items in document order), else by binary search.
fn step_to<T>(sorted: &[T], from: &mut usize, start: usize, key: impl Fn(&T) -> usize) {
    if *from > 0 && key(&sorted[*from - 1]) >= start {
        *from = sorted.partition_point(|x| key(x) < start);
        return;
    }
    while sorted.get(*from).is_some_and(|x| key(x) < start) {
        *from += 1;
    }
}

fn is_prose_heading<'a>(node: &'a AstNode<'a>, settings: &ItemSettings) -> bool {
    if settings.prose_sections.is_empty() {
        return false;
    }
    let text = plain_text(node);
    let text = text.trim();
    settings
        .prose_sections
        .iter()
        .any(|name| name.eq_ignore_ascii_case(text))
}

/// Push the link item `item` is, if it is one. (Pushed here, not returned:
/// a 272-byte item returned was copied twice on its way into the vector.)
fn push_item<'a, 'd>(
    doc: &'d Document<'a>,
    item: &'a AstNode<'a>,
    section: Option<Span>,
    cursor: &mut (usize, usize),
    items: &mut Vec<LinkItem<'a, 'd>>,
) -> Option<()> {
    let paragraph = item.first_child()?;
    if !matches!(paragraph.data().value, NodeValue::Paragraph) {
        return None;
    }
    let first = paragraph.first_child()?;
    if !matches!(first.data().value, NodeValue::Link(_)) {
        return None;
    }
    let paragraph_span = doc.checked_span(paragraph)?;
    let (links, code) = within(doc, paragraph_span, cursor);
    // The item's link is the paragraph's first, if it could be read.
    let first_span = doc.checked_span(first)?;
    let (link, rest) = links.split_first()?;
    if link.span != first_span {
        return None;
    }
    // Links inside text not to edit (within a link of the wrong shape) are
    // neither suffixes nor descriptions; copied without them only where
    // there are any.
    let other_links = if rest.iter().any(|other| in_code(code, other.span)) {
        Cow::Owned(
            rest.iter()
                .filter(|other| !in_code(code, other.span))
                .cloned()
                .collect(),
        )
    } else {
        Cow::Borrowed(rest)
    };

    // A trailing HTML comment (`<!-- mdlinks-disable-line -->`) is not part
    // of the description: a period goes before it, not after.
    let mut tail_end = trim_end(doc.text, link.span.end, paragraph_span.end);
    while let Some(comment) = code.iter().find(|c| {
        c.end == tail_end && c.start > link.span.end && doc.slice(**c).starts_with("<!--")
    }) {
        tail_end = trim_end(doc.text, link.span.end, comment.start);
    }
    let tail = parse_tail(doc.text, link.span.end, tail_end, rest, code);
    items.push(LinkItem {
        item: doc.span(item),
        paragraph: paragraph_span,
        link,
        year_after_link: tail.year_after_link,
        leading: tail.leading,
        separator: tail.separator,
        description: tail.description,
        suffixes: tail.suffixes,
        other_links,
        code,
        section,
        parent: item
            .parent()
            .and_then(|list| list.parent())
            .filter(|holder| {
                matches!(
                    holder.data().value,
                    NodeValue::Item(_) | NodeValue::TaskItem(_)
                )
            })
            .map(|holder| doc.span(holder)),
    });
    Some(())
}

/// A bracketed link (not an autolink) whose source slice has a link's shape.
fn parse_link_node<'a>(doc: &Document<'a>, node: &'a AstNode<'a>) -> Option<Link<'a>> {
    let data = node.data();
    let NodeValue::Link(link) = &data.value else {
        return None;
    };
    if contains_link(node) {
        return None;
    }
    let span = doc.checked_span(node)?;
    Link::parse(doc.text, span, &link.url)
}

/// CommonMark forbids a link inside a link, yet comrak makes one out of some
/// bracket tangles (`[a [b](u)\n[2019]](u)`, found by fuzzing). Editing the
/// outer title would change which brackets pair up, and so lose a link:
/// such a link is no item's link and no suffix.
fn contains_link<'a>(node: &'a AstNode<'a>) -> bool {
    node.descendants()
        .skip(1)
        .any(|n| matches!(n.data().value, NodeValue::Link(_)))
}

mod brackets;
mod suffix;
mod tail;
#[cfg(test)]
mod tests;
