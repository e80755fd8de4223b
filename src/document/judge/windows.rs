//! Which text to parse again to judge edits: windows of whole blocks
//! around them, each with the opening lines of the list items and tables
//! that hold it, or the whole document where no window can tell.

use crate::diagnostic::Edit;
use crate::document::tree::{Tree, comrak_options};
use crate::span::Span;
use comrak::nodes::{AstNode, NodeValue};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

/// Whole lines parsed again on their own: `body`, after the opening lines
/// of the list items, tables and footnote definitions that hold it
/// (`opening`; empty at the top level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub opening: Vec<Span>,
    pub body: Span,
    /// The labels (`[^note]`, as written) of what may be footnote
    /// definitions in the window's text. comrak drops a definition nothing
    /// refers to, and a window holds few of the references a document
    /// has, so the window's text ends with a paragraph referring to each:
    /// every definition in it is then in its tree, whether the document
    /// keeps it or not (see [`Window::footnotes_kept`]).
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

    /// Whether the references that end `text`, the window's text, are a
    /// paragraph of their own in `root`, its tree, as they must be to find
    /// their definitions. Not so where they fell into a block left open (a
    /// fence or an HTML block running to the end), and then the window
    /// cannot judge.
    pub fn footnotes_kept<'a>(&self, root: &'a AstNode<'a>, text: &str) -> bool {
        if self.footnotes.is_empty() {
            return true;
        }
        // With a lone `\r` in the window, comrak's line numbers are not
        // those of `str::lines`, and windows with footnotes misjudged
        // (reparse.rs's proptest found one): the whole document judges.
        if has_lone_return(text) {
            return false;
        }
        // comrak puts the definitions after every other block.
        let last = root
            .children()
            .filter(|c| !matches!(c.data().value, NodeValue::FootnoteDefinition(_)))
            .last();
        last.is_some_and(|paragraph| {
            matches!(paragraph.data().value, NodeValue::Paragraph)
                && paragraph.data().sourcepos.start.line == text.lines().count()
        })
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
/// document (kept by the `Judge`).
#[derive(Debug, Default)]
pub struct Units {
    /// Each unit's whole lines, in document order, and the index in
    /// `openings` of the opening lines it is parsed after.
    spans: Vec<(usize, Span)>,
    /// Opening lines of the blocks that were split into units; the first,
    /// the top level's, is empty.
    openings: Vec<Opening>,
    /// Blocks no window can judge, sorted: footnote definitions inside
    /// other blocks.
    unjudged: Vec<Span>,
    /// How many times each footnote label (ASCII lowercase) may be defined
    /// in the document (see [`footnote_labels`]).
    definitions: HashMap<String, usize>,
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
    /// Whether the first opening lines are a footnote definition's, split
    /// at the top level.
    in_definition: bool,
}

/// Items, quotes and tables longer than this (or than a quarter of the
/// document) are split into units: windows of a few such blocks were most
/// of the document, or long enough to make judging many fixes in them
/// quadratic. A judgement parses a window of three units, so their length
/// is what each fix costs: in an outline of items of 4 KB (forty levels of
/// garbled items), each of a thousand repairs parsed 24 KB.
const LONG_ITEM: usize = 1024;

/// How many blocks deep units are looked for: each window holds the opening
/// lines of the items around it, and a hundred thousand nested lists must
/// not make each window as long as the document (nor recurse that deep).
const MAX_DEPTH: usize = 8;

/// The windows to parse again for `edits`, merged where they meet; `None`
/// where the whole document is the better (or only) window: they would
/// cover more than half of it, an edit crosses a window's end, an edit
/// lies at the edge of a block split into units (where what surrounds the
/// block may change), touches a footnote definition inside another block,
/// could add or remove a footnote definition or reference, lies where it
/// could open, close or move front matter, or a window holds a footnote
/// label that may be defined outside it too.
pub fn windows(doc: Tree, units: &OnceCell<Units>, edits: &[Edit]) -> Option<Vec<Window>> {
    let front_matter = FrontMatterReach::of(doc);
    if touched_lines(doc.text, edits)
        .any(|lines| front_matter.reached_by(&lines) || near_a_definition(&lines))
    {
        return None;
    }
    if edits.iter().any(|e| pairs_line_ends(doc.text, e)) {
        return None;
    }
    let units = units.get_or_init(|| Units::of(doc));
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
        // (The document's first unit may be a split block's first too.)
        if spans[first].0 != opening || (at == 0 && opening != 0) {
            // Before the first unit of an item or table split into units
            // come its opening lines, which every window of it holds;
            // before any other unit, a block of its own. Only where the
            // unit starts right where those lines end: what lies between
            // (a footnote definition comrak moved away or leaves in
            // place, found by reparse.rs's proptest) is in no window.
            let split = &units.openings[opening];
            let follows = split.lines.last().map(|lines| lines.end) == Some(spans[at].1.start);
            if !split.follows_its_lines || split.first_unit != at || !follows {
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
            let split = &units.openings[opening];
            let body = Span::new(start, end);
            // Inside a split block, a footnote definition other than the
            // one split is one comrak moved to the end or left in place
            // (a label defined twice), out of the window's reach: the
            // proptest below found such windows wrong.
            // So the window refers to every label in its body at the top
            // level, and inside a split block only to the definition split.
            let footnotes = if split.lines.is_empty() {
                footnote_labels(doc.text, [&body].into_iter())?
            } else {
                let own = usize::from(split.in_definition);
                let inside = split.lines.iter().skip(own).chain([&body]);
                if !footnote_labels(doc.text, inside)?.is_empty() {
                    return None;
                }
                footnote_labels(doc.text, split.lines.iter().take(own))?
            };
            if units.defined_elsewhere(doc.text, &footnotes) {
                return None;
            }
            let opening = split.lines.clone();
            Some(Window {
                opening,
                body,
                footnotes,
            })
        })
        .collect::<Option<_>>()?;
    let covered: usize = windows.iter().map(Window::len).sum();
    let inside = |edit: &Edit| windows.iter().any(|w| w.body.contains(edit.span));
    (covered * 2 <= doc.text.len() && edits.iter().all(inside)).then_some(windows)
}

/// Where edits could open, close or move the document's front matter,
/// which a window ending before the front matter's closing line cannot
/// tell (fuzzing found `---\t` made `---` by trailing-space, and a link
/// further down swallowed). Front matter opens with a delimiter line at
/// the very start and runs to the next line that starts with the
/// delimiter, anywhere further down. So: an edit of the first line, which
/// can make or unmake the opening line; and where the first line opens,
/// an edit inside the front matter, or of a line that starts with the
/// delimiter, before or after the edit. Read once for all the edits
/// judged together.
pub struct FrontMatterReach {
    /// Where the first line ends (its line break included).
    first_line_end: usize,
    /// The delimiter, where the first line opens front matter with it.
    delimiter: Option<String>,
    /// Where the front matter's lines end, if the document has some.
    end: usize,
}

impl FrontMatterReach {
    pub fn of(doc: Tree) -> Self {
        let text = doc.text;
        let first_line_end = memchr::memchr(b'\n', text.as_bytes()).map_or(text.len(), |i| i + 1);
        let delimiter = comrak_options()
            .extension
            .front_matter_delimiter
            .filter(|delimiter| {
                let opening = text.strip_prefix('\u{feff}').unwrap_or(text);
                opening
                    .strip_prefix(delimiter.as_str())
                    .is_some_and(|after| after.starts_with('\n') || after.starts_with("\r\n"))
            });
        let end = doc
            .root
            .first_child()
            .filter(|node| matches!(node.data().value, NodeValue::FrontMatter(_)))
            .map_or(0, |node| whole_lines(doc, node).end);
        FrontMatterReach {
            first_line_end,
            delimiter,
            end,
        }
    }

    /// Whether the edits of `lines` could open, close or move front matter.
    pub fn reached_by(&self, lines: &TouchedLines) -> bool {
        if lines.first_edit < self.first_line_end {
            return true;
        }
        let Some(delimiter) = &self.delimiter else {
            return false;
        };
        if lines.first_edit < self.end {
            return true;
        }
        // (comrak looks for a `---` line ending in CR LF anywhere before
        // one ending in LF: even past existing front matter, a new `---`
        // line can move its end.)
        let has_delimiter_line = |text: &str| {
            text.split('\n')
                .any(|line| line.starts_with(delimiter.as_str()))
        };
        has_delimiter_line(lines.before) || has_delimiter_line(&lines.after)
    }
}

/// Whether the edits of `lines` could add, remove or change a link
/// reference definition or a footnote definition or reference, which a
/// window cannot tell: whether comrak keeps a definition depends
/// on references anywhere in the document, and whether `[^x]` is a
/// reference on definitions anywhere (reparse.rs's proptest found a line of
/// a dropped definition moved out of it, to become a definition that the
/// first line of the document refers to). So: an edit of a line with
/// `[^` in it, before or after, unless that is a definition's label and
/// the edit lies past it, leaving it as it is.
pub fn near_a_definition(lines: &TouchedLines) -> bool {
    let (before, after) = (lines.before, lines.after.as_str());
    // Link reference definitions are read across the document alike: an
    // edit of a line that may hold one (`[label]:`) could change where a
    // reference anywhere points (fuzzing found a repair inside the first
    // of two definitions of one label move a reference to it).
    if may_define_a_link(before) || may_define_a_link(after) {
        return true;
    }
    if !before.contains("[^") && !after.contains("[^") {
        return false;
    }
    let label_end = |line: &str| {
        let open = line.find("[^")?;
        let end = open + line[open..].find("]:")? + 2;
        // Only a label, and nothing that could open another after it.
        (!line[end..].contains("[^")).then_some(end)
    };
    match (label_end(before), label_end(after)) {
        (Some(end), Some(end_after)) => {
            end != end_after
                || before[..end] != after[..end]
                || lines.first_edit < lines.start + end
        }
        _ => true,
    }
}

/// Whether `lines` may hold a link reference definition: a `[` that opens
/// no footnote label, with `]:` somewhere after it. In one pass: a line of
/// a million `[` was read to its end from each of them.
fn may_define_a_link(lines: &str) -> bool {
    let Some(colon) = memchr::memmem::rfind(lines.as_bytes(), b"]:") else {
        return false;
    };
    let bytes = lines.as_bytes();
    memchr::memchr_iter(b'[', &bytes[..colon]).any(|at| bytes.get(at + 1) != Some(&b'^'))
}

/// The lines some edits touch, before and after the edits are applied.
#[derive(Debug)]
pub struct TouchedLines<'t> {
    /// Where the first line starts.
    start: usize,
    /// Where the first edit starts.
    first_edit: usize,
    /// The lines, without the line break that ends the last.
    pub(super) before: &'t str,
    pub(super) after: String,
}

/// The lines `edits` (sorted) touch, before and after they are applied,
/// edits on one line together: checked one edit at a time, each of
/// thousands of repairs on one line read the whole line (3,000 took 16 s).
/// Lines are `\n`-ended here, as front matter and definitions are looked
/// for.
pub fn touched_lines<'t>(
    text: &'t str,
    edits: &'t [Edit],
) -> impl Iterator<Item = TouchedLines<'t>> + 't {
    let line_end = |from: usize| {
        memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i)
    };
    let mut rest = edits.iter().peekable();
    // Where the last group's lines end: none starts before it.
    let mut reached = 0;
    std::iter::from_fn(move || {
        let first = rest.next()?;
        let from = reached.min(first.span.start);
        let start = memchr::memrchr(b'\n', &text.as_bytes()[from..first.span.start])
            .map_or(from, |i| from + i + 1);
        let mut end = line_end(first.span.end);
        let mut after = String::new();
        after.push_str(&text[start..first.span.start]);
        after.push_str(&first.replacement);
        let mut cursor = first.span.end;
        // Edits starting on these lines (at their final line break too).
        while let Some(edit) = rest.next_if(|e| e.span.start <= end) {
            after.push_str(&text[cursor..edit.span.start]);
            after.push_str(&edit.replacement);
            cursor = edit.span.end;
            if edit.span.end > end {
                end = line_end(edit.span.end);
            }
        }
        after.push_str(&text[cursor..end]);
        reached = end;
        Some(TouchedLines {
            start,
            first_edit: first.span.start,
            before: &text[start..end],
            after,
        })
    })
}

impl Units {
    /// Each top-level block as whole lines, except that a list gives its
    /// items, and that a long item (an outline under one bullet), block
    /// quote or table, where windows of it would be parses of much of the
    /// document, gives its parts: an item its blocks after its first
    /// paragraph, a block quote its blocks, a table its rows; in turn.
    fn of(doc: Tree) -> Units {
        let mut units = Units {
            spans: Vec::new(),
            openings: vec![Opening {
                lines: Vec::new(),
                depth: 0,
                follows_its_lines: false,
                first_unit: 0,
                in_definition: false,
            }],
            unjudged: Vec::new(),
            definitions: HashMap::new(),
        };
        for label in may_define_footnotes(doc.text, Span::new(0, doc.text.len())) {
            *units
                .definitions
                .entry(label_key(doc.text, label))
                .or_default() += 1;
        }
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

    /// Whether a label of `footnotes` (a window's, as written) is defined
    /// outside the window too, or may be. Which of two definitions of a
    /// label comrak takes, and where it leaves the other, depends on both:
    /// re-indenting a list took a second definition into an item in the
    /// document, where the window, holding one, moved it to the end before
    /// and after (found by reparse.rs's proptest).
    fn defined_elsewhere(&self, text: &str, footnotes: &[Span]) -> bool {
        let mut in_window: HashMap<String, usize> = HashMap::new();
        for &label in footnotes {
            *in_window.entry(label_key(text, label)).or_default() += 1;
        }
        // comrak folds labels by Unicode case rules: two non-ASCII labels
        // may be one.
        in_window.iter().any(|(key, &count)| {
            !key.is_ascii() || self.definitions.get(key).copied().unwrap_or(0) > count
        })
    }

    /// Whether `edit` touches a block no window can judge.
    fn touches_unjudged(&self, edit: &Edit) -> bool {
        let after = self.unjudged.partition_point(|s| s.end < edit.span.start);
        self.unjudged
            .get(after)
            .is_some_and(|s| s.start <= edit.span.end)
    }

    /// The units of a block under the openings `opening`.
    fn push_block<'a>(&mut self, doc: Tree, block: &'a AstNode<'a>, opening: usize, long: usize) {
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
    fn push_item<'a>(&mut self, doc: Tree, item: &'a AstNode<'a>, opening: usize, long: usize) {
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
        let inner = self.open(opening, Some(opening_lines(doc, lines, first)));
        for block in first.following_siblings().skip(1) {
            self.push_block(doc, block, inner, long);
        }
    }

    /// The units of a footnote definition at the top level: itself, or
    /// where it is long, its blocks after its first paragraph, as an
    /// item's. (Each window holding any of it refers to it: see `Window`.)
    fn push_footnote<'a>(&mut self, doc: Tree, definition: &'a AstNode<'a>, long: usize) {
        let lines = whole_lines(doc, definition);
        let first = definition.first_child().filter(|first| {
            matches!(first.data().value, NodeValue::Paragraph) && first.next_sibling().is_some()
        });
        if let Some(first) = first.filter(|_| lines.len() > long) {
            let inner = self.open(0, Some(opening_lines(doc, lines, first)));
            self.openings[inner].in_definition = true;
            for block in first.following_siblings().skip(1) {
                self.push_block(doc, block, inner, long);
            }
            if self.spans.len() > self.openings[inner].first_unit {
                return;
            }
            // Nothing but definitions inside it (left to the whole
            // document): a unit of its own rather than none.
            self.openings.pop();
        }
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
            in_definition: outer.in_definition,
        });
        self.openings.len() - 1
    }
}

/// The opening lines of a block split after its first paragraph `first`
/// (whose block covers `lines`): up to the next block, blank lines
/// included. Without them a window read the next block as following the
/// paragraph directly: taking two spaces off a table after a blank line
/// left it in the item there, while it left the item in the document
/// (found by reparse.rs's proptest).
fn opening_lines(doc: Tree, lines: Span, first: &AstNode) -> Span {
    let next = first
        .next_sibling()
        .map_or(lines.end, |next| whole_lines(doc, next).start);
    Span::new(lines.start, next)
}

/// The labels (`[^note]`, as written) of what may be footnote definitions
/// in the text of `spans`: every `[^…]:`, wherever on its line (a label
/// that is none costs a reference left as text). `None` where a label is
/// one a reference could not be written with (a space, a bracket or a
/// backslash in it): no window then.
fn footnote_labels<'s>(text: &str, spans: impl Iterator<Item = &'s Span>) -> Option<Vec<Span>> {
    let mut labels = Vec::new();
    for span in spans {
        for label in may_define_footnotes(text, *span) {
            if label_name(text, label)
                .contains(|c: char| c.is_whitespace() || c == '[' || c == '\\')
            {
                return None;
            }
            labels.push(label);
        }
    }
    Some(labels)
}

/// Every `[^…]` followed by `:` on its line in the text of `span`.
fn may_define_footnotes(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let part = span.of(text);
    part.match_indices("[^").filter_map(move |(at, _)| {
        let line = part[at + 2..].split('\n').next().unwrap_or_default();
        let close = line.find(']')?;
        if close == 0 || !line[close + 1..].starts_with(':') {
            return None;
        }
        let start = span.start + at;
        Some(Span::new(start, start + 2 + close + 1))
    })
}

/// The name in a label found by [`may_define_footnotes`]: `Note` in
/// `[^Note]`.
fn label_name(text: &str, label: Span) -> &str {
    let written = label.of(text);
    &written[2..written.len() - 1]
}

/// A label's name as comrak matches it where it is ASCII: `note`.
fn label_key(text: &str, label: Span) -> String {
    label_name(text, label).to_ascii_lowercase()
}

/// Whether a line of `text` ends with a lone `\r`.
fn has_lone_return(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}

/// Whether `edit` joins a lone `\r` and a `\n` into one line end, or
/// parts a `\r\n` into two, at either of its ends: a line of blanks
/// between them deleted takes a blank line out of the document, which a
/// window, cut at line ends, does not see (reparse.rs's proptest found
/// windows keep trees the whole document did not).
fn pairs_line_ends(text: &str, edit: &Edit) -> bool {
    let bytes = text.as_bytes();
    let (start, end) = (edit.span.start, edit.span.end);
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    let replacement = edit.replacement.as_bytes();
    let pair = |a: Option<u8>, b: Option<u8>| a == Some(b'\r') && b == Some(b'\n');
    // The pairs across each end, before and after the edit.
    let was = (
        pair(before, bytes.get(start).copied()),
        pair(end.checked_sub(1).map(|i| bytes[i]), after),
    );
    let now = match (replacement.first(), replacement.last()) {
        (Some(&first), Some(&last)) => (pair(before, Some(first)), pair(Some(last), after)),
        _ => (pair(before, after), pair(before, after)),
    };
    was != now
}

/// From the start of the node's first line to the start of the line after
/// its last (the end of the text if there is none).
fn whole_lines(doc: Tree, node: &AstNode) -> Span {
    let pos = node.data().sourcepos;
    let start = doc.lines.offset(pos.start.line, 1);
    let end = doc.lines.offset(pos.end.line.max(pos.start.line) + 1, 1);
    Span::new(start, end.max(start))
}
