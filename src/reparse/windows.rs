//! Which text to parse again to judge edits: windows of whole blocks
//! around them, each with the opening lines of the list items and tables
//! that hold it, or the whole document where no window can tell.

use crate::diagnostic::Edit;
use crate::document::{Document, comrak_options};
use crate::span::Span;
use comrak::nodes::{AstNode, NodeValue};
use std::borrow::Cow;

/// Whole lines parsed again on their own: `body`, after the opening lines
/// of the list items, tables and footnote definitions that hold it
/// (`opening`; empty at the top level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub opening: Vec<Span>,
    pub body: Span,
    /// The labels (`[^note]`, as written) of the footnote definitions in
    /// the window or around it. comrak drops a definition nothing refers
    /// to, so the window's text ends with a paragraph referring to each
    /// (see [`Window::footnotes_kept`]).
    pub footnotes: Vec<Span>,
}

impl Window {
    /// The window's text: its openings, its body, then its references to
    /// its footnote definitions.
    pub fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.opening.is_empty() && self.footnotes.is_empty() {
            return Cow::Borrowed(self.body.of(text));
        }
        let mut out: String = self.opening.iter().map(|span| span.of(text)).collect();
        out.push_str(self.body.of(text));
        if !self.footnotes.is_empty() {
            out.push_str("\n\n");
            for (i, label) in self.footnotes.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(label.of(text));
            }
            out.push('\n');
        }
        Cow::Owned(out)
    }

    /// Whether the references that end the window's text found their
    /// definitions, in `root`, the text parsed: then every definition of
    /// the window is in the tree. Not so where the references fell into
    /// a block left open (a fence or an HTML block running to the end),
    /// and then the window cannot judge.
    pub fn footnotes_kept<'a>(&self, root: &'a AstNode<'a>) -> bool {
        if self.footnotes.is_empty() {
            return true;
        }
        // comrak puts the definitions after every other block.
        let last = root
            .children()
            .filter(|c| !matches!(c.data().value, NodeValue::FootnoteDefinition(_)))
            .last();
        let Some(paragraph) = last.filter(|p| matches!(p.data().value, NodeValue::Paragraph))
        else {
            return false;
        };
        let mut references = 0;
        let only_references = paragraph.children().all(|c| match &c.data().value {
            NodeValue::FootnoteReference(_) => {
                references += 1;
                true
            }
            NodeValue::Text(text) => text.trim_matches(' ').is_empty(),
            _ => false,
        });
        only_references && references == self.footnotes.len()
    }

    /// Where the body starts in [`Window::text`].
    pub fn body_offset(&self) -> usize {
        self.opening.iter().map(|span| span.len()).sum()
    }

    /// Whether the window's text starts where the document does.
    pub fn starts_the_document(&self) -> bool {
        self.opening.first().unwrap_or(&self.body).start == 0
    }

    fn len(&self) -> usize {
        self.body_offset() + self.body.len()
    }
}

/// The blocks of a document that windows are made of, found once per
/// document (see [`Document::reparse_units`]).
#[derive(Debug, Default)]
pub struct Units {
    /// Each unit's whole lines, in document order, and the index in
    /// `openings` of the opening lines it is parsed after.
    spans: Vec<(usize, Span)>,
    /// Opening lines of the blocks that were split into units; the first,
    /// the top level's, is empty.
    openings: Vec<Opening>,
    /// The footnote definitions that are units, each as its unit's index
    /// and its label as written (`[^note]`), in order.
    footnotes: Vec<(usize, Span)>,
    /// Blocks no window can judge, sorted: footnote definitions inside
    /// other blocks.
    unjudged: Vec<Span>,
}

#[derive(Debug)]
struct Opening {
    /// The opening lines of each item or table around the units,
    /// outermost first.
    lines: Vec<Span>,
    /// How many blocks were split to reach these units.
    depth: usize,
    /// Whether the first unit comes right after the last opening lines,
    /// which every window holds (a block quote has none: before its first
    /// block comes whatever precedes the quote).
    follows_its_lines: bool,
    /// The index in `Units::spans` of the first unit under these openings.
    first_unit: usize,
    /// The labels of the footnote definitions split around these units.
    footnotes: Vec<Span>,
}

/// Items, quotes and tables longer than this (or than a quarter of the
/// document) are split into units: windows of a few such blocks were most
/// of the document, or long enough to make judging many fixes in them
/// quadratic.
const LONG_ITEM: usize = 4096;

/// How many blocks deep units are looked for: each window holds the opening
/// lines of the items around it, and a hundred thousand nested lists must
/// not make each window as long as the document (nor recurse that deep).
const MAX_DEPTH: usize = 8;

/// The windows to parse again for `edits`, merged where they meet; `None`
/// where the whole document is the better (or only) window: they would
/// cover more than half of it, an edit crosses a window's end, an edit
/// lies at the edge of a block split into units (where what surrounds the
/// block may change), touches a footnote definition inside another block,
/// could add or remove a footnote definition or reference, or lies where
/// it could open, close or move front matter.
pub fn windows(doc: &Document, edits: &[Edit]) -> Option<Vec<Window>> {
    if edits
        .iter()
        .any(|e| near_front_matter(doc, e) || near_a_footnote(doc, e))
    {
        return None;
    }
    let units = doc.reparse_units.get_or_init(|| Units::of(doc));
    if edits.iter().any(|e| units.touches_unjudged(e)) {
        return None;
    }
    let spans = &units.spans;
    let last = spans.len().checked_sub(1)?;
    // Unit ranges `first..=last` around each edit, with their openings,
    // merged in order.
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new();
    for edit in edits {
        let at = spans.partition_point(|(_, u)| u.end <= edit.span.start);
        let opening = spans[at.min(last)].0;
        let mut first = at.saturating_sub(1);
        if spans[first].0 != opening {
            // Before the first unit of an item or table split into units
            // come its opening lines, which every window of it holds;
            // before any other unit, a block of its own.
            let split = &units.openings[opening];
            if !split.follows_its_lines || split.first_unit != at {
                return None;
            }
            first = at;
        }
        let end = (at + 1).min(last);
        if spans[end].0 != opening {
            return None;
        }
        match ranges.last_mut() {
            Some(previous) if previous.2 == opening && first <= previous.1 + 1 => {
                previous.1 = previous.1.max(end);
            }
            _ => ranges.push((first, end, opening)),
        }
    }
    let windows: Vec<Window> = ranges
        .into_iter()
        .map(|(first, end, opening)| {
            let split = &units.openings[opening];
            let within = units.footnotes.partition_point(|&(unit, _)| unit < first);
            let footnotes = split
                .footnotes
                .iter()
                .copied()
                .chain(
                    units.footnotes[within..]
                        .iter()
                        .take_while(|&&(unit, _)| unit <= end)
                        .map(|&(_, label)| label),
                )
                .collect();
            // The first and last windows reach the document's ends: blank
            // lines and front matter before the first block, and what
            // follows the last.
            let start = if first == 0 && opening == 0 {
                0
            } else {
                spans[first].1.start
            };
            let end = if end == last {
                doc.text.len()
            } else {
                spans[end].1.end
            };
            Window {
                opening: split.lines.clone(),
                body: Span::new(start, end),
                footnotes,
            }
        })
        .collect();
    let covered: usize = windows.iter().map(Window::len).sum();
    let inside = |edit: &Edit| windows.iter().any(|w| w.body.contains(edit.span));
    (covered * 2 <= doc.text.len() && edits.iter().all(inside)).then_some(windows)
}

/// Whether `edit` could open, close or move the document's front matter,
/// which a window ending before the front matter's closing line cannot
/// tell (fuzzing found `---\t` made `---` by trailing-space, and a link
/// further down swallowed). Front matter opens with a delimiter line at
/// the very start and runs to the next line that starts with the
/// delimiter, anywhere further down. So: an edit of the first line, which
/// can make or unmake the opening line; and where the first line opens,
/// an edit inside the front matter, or of a line that starts with the
/// delimiter, before or after the edit.
pub fn near_front_matter(doc: &Document, edit: &Edit) -> bool {
    let text = doc.text;
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if edit.span.start < first_line_end {
        return true;
    }
    let Some(delimiter) = comrak_options().extension.front_matter_delimiter else {
        return false;
    };
    let opening = text.strip_prefix('\u{feff}').unwrap_or(text);
    let opens = opening
        .strip_prefix(delimiter.as_str())
        .is_some_and(|after| after.starts_with('\n') || after.starts_with("\r\n"));
    if !opens {
        return false;
    }
    if let Some(node) = doc.root.first_child()
        && matches!(node.data().value, NodeValue::FrontMatter(_))
        && edit.span.start < whole_lines(doc, node).end
    {
        return true;
    }
    // (comrak looks for a `---` line ending in CR LF anywhere before one
    // ending in LF: even past existing front matter, a new `---` line can
    // move its end.)
    let (before, after) = touched_lines(text, edit);
    let has_delimiter_line = |lines: &str| {
        lines
            .split('\n')
            .any(|line| line.starts_with(delimiter.as_str()))
    };
    has_delimiter_line(before) || has_delimiter_line(&after)
}

/// Whether `edit` could add or remove a footnote definition or reference,
/// which a window cannot tell: whether comrak keeps a definition depends
/// on references anywhere in the document, and whether `[^x]` is a
/// reference on definitions anywhere (the proptest below found a line of
/// a dropped definition moved out of it, to become a definition that the
/// first line of the document refers to). So: an edit of a line with
/// `[^` in it, before or after, unless that is a definition's label and
/// the edit lies past it, leaving it as it is.
pub fn near_a_footnote(doc: &Document, edit: &Edit) -> bool {
    let (before, after) = touched_lines(doc.text, edit);
    if !before.contains("[^") && !after.contains("[^") {
        return false;
    }
    let line_start = edit.span.start - edit_column(doc.text, edit);
    let label_end = |line: &str| {
        let start = line.find("[^")?;
        let end = start + line[start..].find("]:")? + 2;
        // Only a label, and nothing that could open another after it.
        (!line[end..].contains("[^")).then_some(end)
    };
    match (label_end(before), label_end(&after)) {
        (Some(end), Some(end_after)) => {
            end != end_after || before[..end] != after[..end] || edit.span.start < line_start + end
        }
        _ => true,
    }
}

/// The lines `edit` touches, before and after it is applied.
fn touched_lines<'t>(text: &'t str, edit: &Edit) -> (&'t str, String) {
    let line_start = edit.span.start - edit_column(text, edit);
    let line_end = text[edit.span.end..]
        .find('\n')
        .map_or(text.len(), |i| edit.span.end + i);
    let after = format!(
        "{}{}{}",
        &text[line_start..edit.span.start],
        edit.replacement,
        &text[edit.span.end..line_end]
    );
    (&text[line_start..line_end], after)
}

/// How far into its line `edit` starts, in bytes.
fn edit_column(text: &str, edit: &Edit) -> usize {
    edit.span.start - text[..edit.span.start].rfind('\n').map_or(0, |i| i + 1)
}

impl Units {
    /// Each top-level block as whole lines, except that a list gives its
    /// items, and that a long item (an outline under one bullet), block
    /// quote or table, where windows of it would be parses of much of the
    /// document, gives its parts: an item its blocks after its first
    /// paragraph, a block quote its blocks, a table its rows; in turn.
    fn of(doc: &Document) -> Units {
        let mut units = Units {
            spans: Vec::new(),
            openings: vec![Opening {
                lines: Vec::new(),
                depth: 0,
                follows_its_lines: false,
                first_unit: 0,
                footnotes: Vec::new(),
            }],
            footnotes: Vec::new(),
            unjudged: Vec::new(),
        };
        let long = (doc.text.len() / 4).min(LONG_ITEM);
        // comrak moves footnote definitions after every other block (and
        // drops those nothing refers to): back into the document's order.
        let mut blocks: Vec<&AstNode> = doc.root.children().collect();
        blocks.sort_by_key(|block| block.data().sourcepos.start.line);
        let mut reached = 0;
        for block in blocks {
            let lines = whole_lines(doc, block);
            if lines.start < reached {
                // A definition written inside another block.
                units.unjudged.push(lines);
                continue;
            }
            reached = lines.end;
            units.push_block(doc, block, 0, long);
        }
        units.unjudged.sort();
        units
    }

    /// Whether `edit` touches a block no window can judge.
    fn touches_unjudged(&self, edit: &Edit) -> bool {
        let after = self.unjudged.partition_point(|s| s.end < edit.span.start);
        self.unjudged
            .get(after)
            .is_some_and(|s| s.start <= edit.span.end)
    }

    /// The units of a block under the openings `opening`.
    fn push_block<'a>(
        &mut self,
        doc: &Document,
        block: &'a AstNode<'a>,
        opening: usize,
        long: usize,
    ) {
        let lines = whole_lines(doc, block);
        let split = lines.len() > long && self.openings[opening].depth < MAX_DEPTH;
        match block.data().value {
            NodeValue::List(_) => {
                for item in block.children() {
                    self.push_item(doc, item, opening, long);
                }
            }
            NodeValue::FootnoteDefinition(_) if opening == 0 => {
                self.push_footnote(doc, block, long);
            }
            NodeValue::FootnoteDefinition(_) => self.unjudged.push(lines),
            // Rows, each parsed after the header and delimiter rows.
            NodeValue::Table(_) if split && block.children().nth(1).is_some() => {
                let first_row = block.children().nth(1).expect("a body row");
                let head = Span::new(lines.start, whole_lines(doc, first_row).start);
                let inner = self.open(opening, Some(head));
                for row in first_row.following_siblings() {
                    self.spans.push((inner, whole_lines(doc, row)));
                }
            }
            // A quote's blocks, each line with its `>`, are a quote again.
            NodeValue::BlockQuote if split => {
                let inner = self.open(opening, None);
                for child in block.children() {
                    self.push_block(doc, child, inner, long);
                }
            }
            _ => self.spans.push((opening, lines)),
        }
    }

    /// The units of a list item under the openings `opening`.
    fn push_item<'a>(
        &mut self,
        doc: &Document,
        item: &'a AstNode<'a>,
        opening: usize,
        long: usize,
    ) {
        let lines = whole_lines(doc, item);
        // Split only an item that opens with a paragraph and holds more:
        // parsed after that paragraph, its other blocks are again its own.
        let first = item.first_child().filter(|first| {
            matches!(first.data().value, NodeValue::Paragraph) && first.next_sibling().is_some()
        });
        let split = lines.len() > long && self.openings[opening].depth < MAX_DEPTH;
        let Some(first) = first.filter(|_| split) else {
            self.spans.push((opening, lines));
            return;
        };
        let inner = self.open(
            opening,
            Some(Span::new(lines.start, whole_lines(doc, first).end)),
        );
        for block in first.following_siblings().skip(1) {
            self.push_block(doc, block, inner, long);
        }
    }

    /// The units of a footnote definition at the top level: itself, or
    /// where it is long, its blocks after its first paragraph, as an
    /// item's. Each window holding it refers to it (see `Window`); one
    /// whose label cannot be read is left to the whole document.
    fn push_footnote<'a>(&mut self, doc: &Document, definition: &'a AstNode<'a>, long: usize) {
        let lines = whole_lines(doc, definition);
        let Some(label) = footnote_label(doc, definition) else {
            self.unjudged.push(lines);
            return;
        };
        let first = definition.first_child().filter(|first| {
            matches!(first.data().value, NodeValue::Paragraph) && first.next_sibling().is_some()
        });
        if let Some(first) = first.filter(|_| lines.len() > long) {
            let inner = self.open(0, Some(Span::new(lines.start, whole_lines(doc, first).end)));
            self.openings[inner].footnotes.push(label);
            for block in first.following_siblings().skip(1) {
                self.push_block(doc, block, inner, long);
            }
            if self.spans.len() > self.openings[inner].first_unit {
                return;
            }
            // Nothing but definitions inside it (left to the whole
            // document): split into no unit, its lines would fall to the
            // windows around it, which do not refer to it (the proptest
            // below found such a definition dropped from a window).
            self.openings.pop();
        }
        self.footnotes.push((self.spans.len(), label));
        self.spans.push((0, lines));
    }

    /// Openings for the parts of a block under `opening`, with the block's
    /// own opening lines, if any: the units pushed next are its parts.
    fn open(&mut self, opening: usize, lines: Option<Span>) -> usize {
        let outer = &self.openings[opening];
        let mut chain = outer.lines.clone();
        chain.extend(lines);
        self.openings.push(Opening {
            lines: chain,
            depth: outer.depth + 1,
            follows_its_lines: lines.is_some(),
            first_unit: self.spans.len(),
            footnotes: outer.footnotes.clone(),
        });
        self.openings.len() - 1
    }
}

/// The label a footnote definition is written with, `[^note]`.
fn footnote_label(doc: &Document, definition: &AstNode) -> Option<Span> {
    let start = doc.checked_span(definition)?.start;
    let rest = doc.text.get(start..)?;
    if !rest.starts_with("[^") {
        return None;
    }
    let end = start + rest.find(']')? + 1;
    Some(Span::new(start, end))
}

/// From the start of the node's first line to the start of the line after
/// its last (the end of the text if there is none).
fn whole_lines(doc: &Document, node: &AstNode) -> Span {
    let pos = node.data().sourcepos;
    let start = doc.lines.offset(pos.start.line, 1);
    let end = doc.lines.offset(pos.end.line.max(pos.start.line) + 1, 1);
    Span::new(start, end.max(start))
}
