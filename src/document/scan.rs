//! The one walk of a document's AST: prose sections, links, text not to
//! edit and the nodes rules look for; and the link items read from them.

use super::tree::{Tree, plain_text};
use crate::item::{LinkItem, Located};
use crate::link::Link;
use crate::span::Span;
use comrak::nodes::{AstNode, NodeValue};

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
    /// above it: those [`link_items`] reads.
    pub link_item_candidates: Vec<(&'a AstNode<'a>, Option<Span>)>,
}

/// Which headings make their items prose rather than link items.
pub struct ItemSettings<'s> {
    /// Heading texts (compared case-insensitively) whose items are prose.
    pub prose_sections: &'s [String],
}

/// What the one walk of the AST finds (see [`scan`]).
pub struct Scanned<'a> {
    /// Byte ranges of the sections whose items are prose, not link items.
    pub prose_sections: Vec<Span>,
    /// Every bracketed link outside prose sections, in document order,
    /// shared by the rules that look at all links.
    pub links: Vec<Link<'a>>,
    /// Code spans, inline HTML and links not to be read (autolinks, links
    /// of the wrong shape) outside prose sections: text a rule must not
    /// edit, sorted and disjoint.
    pub code: Vec<Span>,
    /// Nodes of the kinds rules look for, prose sections included.
    pub nodes: Nodes<'a>,
    /// Each heading with one above it in the outline, and that heading:
    /// the section a subsection is part of.
    pub section_parents: Vec<(Span, Span)>,
}

/// Read the document in one walk of its AST, from which [`link_items`]
/// reads the link items. Items and links under a prose heading (at any
/// depth of the heading outline) are left out. One walk for all of it, and
/// each link read once however many rules and items look at it: this is
/// most of what linting costs beyond parsing.
pub fn scan<'a>(doc: Tree<'_, 'a>, settings: &ItemSettings) -> Scanned<'a> {
    // The heading outline above the current node: (level, span, is_prose).
    let mut outline: Vec<(u8, Span, bool)> = Vec::new();
    let mut prose_sections = Vec::new();
    let mut section_parents = Vec::new();
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
                if let Some(&(_, parent, _)) = outline.last() {
                    section_parents.push((span, parent));
                }
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
    nodes.link_item_candidates = item_nodes;
    Scanned {
        prose_sections,
        links: inlines.links,
        code: inlines.code,
        nodes,
        section_parents,
    }
}

/// The link items of a document [`scan`] has read, in document order.
pub fn link_items<'a, 'd>(doc: Tree<'_, 'a>, scanned: &'d Scanned<'a>) -> Vec<LinkItem<'a, 'd>> {
    let candidates = &scanned.nodes.link_item_candidates;
    let mut items = Vec::with_capacity(candidates.len());
    // Where the last item's links and code began in the document's.
    let mut cursor = (0, 0);
    for &(node, section) in candidates {
        push_item(doc, scanned, node, section, &mut cursor, &mut items);
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
    fn note(&mut self, doc: Tree<'_, 'a>, node: &'a AstNode<'a>) {
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
    scanned: &'d Scanned<'a>,
    span: Span,
    cursor: &mut (usize, usize),
) -> (&'d [Link<'a>], &'d [Span]) {
    let (links_from, code_from) = cursor;
    step_to(&scanned.links, links_from, span.start, |l| l.span.start);
    step_to(&scanned.code, code_from, span.start, |c| c.start);
    let links = &scanned.links[*links_from..];
    let code = &scanned.code[*code_from..];
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
    doc: Tree<'_, 'a>,
    scanned: &'d Scanned<'a>,
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
    let (links, code) = within(scanned, paragraph_span, cursor);
    // The item's link is the paragraph's first, if it could be read.
    let first_span = doc.checked_span(first)?;
    let (link, rest) = links.split_first()?;
    if link.span != first_span {
        return None;
    }
    let parent = item
        .parent()
        .and_then(|list| list.parent())
        .filter(|holder| {
            matches!(
                holder.data().value,
                NodeValue::Item(_) | NodeValue::TaskItem(_)
            )
        })
        .map(|holder| doc.span(holder));
    // The paragraph starts where the item's content does; after a `>`
    // its lines have more than blanks before it.
    let line_start = doc
        .lines
        .line_span(doc.text, doc.lines.line_of(paragraph_span.start))
        .start;
    let before = &doc.text[line_start..paragraph_span.start];
    let content_column = (!before.contains('>')).then(|| {
        before
            .bytes()
            .fold(0, |w, b| if b == b'\t' { w + 4 - w % 4 } else { w + 1 })
    });
    let located = Located {
        item: doc.span(item),
        paragraph: paragraph_span,
        link,
        rest,
        code,
        section,
        parent,
        content_column,
    };
    items.push(LinkItem::read(doc.text, located));
    Some(())
}

/// A bracketed link (not an autolink) whose source slice has a link's shape.
fn parse_link_node<'a>(doc: Tree<'_, 'a>, node: &'a AstNode<'a>) -> Option<Link<'a>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_finds_what_a_search_finds_forwards_and_back() {
        let sorted = [1, 3, 3, 5, 7];
        let mut from = 0;
        for start in [0, 4, 4, 6, 2, 3, 10, 1, 8, 0] {
            step_to(&sorted, &mut from, start, |&x| x);
            assert_eq!(
                from,
                sorted.partition_point(|&x| x < start),
                "start {start}"
            );
        }
    }
}
