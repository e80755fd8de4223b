//! Whether edits leave a document's tree as it is, for the fixes whose
//! effect on the structure only a parse can tell (trailing-space's blanks,
//! list-indent's re-indented lists).
//!
//! Parsing the whole document again cost a file's parse for each check:
//! list-indent checks each nested list on its own, so a file of 3,000 lists
//! to re-indent took 23 s for 335 KB, and a big file with trailing blanks
//! held two trees at once. The edits are judged instead on the blocks
//! around them: a window of whole top-level blocks (or items of a
//! top-level list), from the one before the edit to the one after, parsed
//! before and after the edit. A long list item (an outline under one
//! bullet), block quote or table gives its own parts as units, each
//! parsed after the opening lines of the blocks that hold it (`windows`).

mod windows;

use super::tree::{Tree, comrak_options};
use crate::diagnostic::Edit;
use crate::span::Span;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};
use regex::Regex;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::sync::LazyLock;
use windows::{Units, Window, windows};

/// What judging a document's edits keeps between judgements: the blocks
/// parsed again around an edit, found on the first one judged (found for
/// each, they made a file of many blocks and many fixes quadratic), and
/// what judging on the whole document may still cost.
pub struct Judge<'a> {
    units: OnceCell<Units>,
    budget: Cow<'a, JudgeBudget>,
}

impl<'a> Judge<'a> {
    /// A judge for `text`, with a budget of its own or one the passes of a
    /// fix share.
    pub fn new(text: &str, budget: Option<&'a JudgeBudget>) -> Self {
        Judge {
            units: OnceCell::new(),
            budget: match budget {
                Some(budget) => Cow::Borrowed(budget),
                None => Cow::Owned(JudgeBudget::for_text(text)),
            },
        }
    }

    /// Whether the text with `edits` (sorted, disjoint) applied parses to
    /// the same tree as the document.
    pub fn keeps_the_tree(&self, doc: Tree, edits: &[Edit]) -> bool {
        let windowed = windows(doc, &self.units, edits).and_then(|windows| {
            // `None` as soon as one window cannot tell; else whether all agree.
            windows.iter().try_fold(true, |all, window| {
                Some(all && window_keeps_its_tree(doc.text, window, edits)?)
            })
        });
        windowed.unwrap_or_else(|| self.may_judge_whole(doc) && whole_keeps_its_tree(doc, edits))
    }

    /// Whether the document may be judged whole once more (counted if so):
    /// parsed again with the edits, and where it has no final line break,
    /// without them too (see [`parse_as_ended`]).
    fn may_judge_whole(&self, doc: Tree) -> bool {
        let parses = if doc.text.ends_with('\n') { 1 } else { 2 };
        self.budget.take(parses * doc.text.len())
    }

    /// The link and image destinations of the text around `edits`, before and
    /// after they are applied, each sorted, an image's marked with a leading
    /// `!`: of the windows [`keeps_the_tree`]
    /// judges by, or of the whole document. For fixes meant to change links,
    /// to tell which links they change. `None` where only the whole document
    /// can tell and its budget of such judgements is spent.
    pub fn destinations_around(
        &self,
        doc: Tree,
        edits: &[Edit],
    ) -> Option<(Vec<String>, Vec<String>)> {
        let windowed = windows(doc, &self.units, edits)
            .and_then(|windows| windowed_destinations(doc.text, &windows, edits));
        let (mut before, mut after) = match windowed {
            Some(found) => found,
            None if self.may_judge_whole(doc) => {
                let (mut before, mut after) = (Vec::new(), Vec::new());
                let fixed = crate::fix::apply_edits(doc.text, edits);
                let (arena_before, arena_after) = (Arena::new(), Arena::new());
                if doc.text.ends_with('\n') {
                    destinations(doc.root, &mut before);
                } else {
                    destinations(parse_as_ended(&arena_before, doc.text), &mut before);
                }
                destinations(parse_as_ended(&arena_after, &fixed), &mut after);
                (before, after)
            }
            None => return None,
        };
        before.sort();
        after.sort();
        Some((before, after))
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

/// How many bytes of whole-document parses the judgements of a text may
/// cost: a megabyte, or four times the text where it is larger.
/// Past that, edits only the whole document can judge are taken as wrong
/// (their fixes withheld, never applied unjudged): each such judgement
/// parses the document again, and hundreds of them (fixes on lines that
/// may define a link or a footnote, or in a file with lone `\r` line
/// ends) made checking a file quadratic.
///
/// `fix` spends one budget over all its passes: spent afresh on each, it
/// bought each pass a few of the fixes only the whole document can judge,
/// a garbled outline's took a hundred passes, and `fix` gave up.
#[derive(Debug, Clone)]
pub struct JudgeBudget {
    spent: Cell<usize>,
    limit: usize,
}

const WHOLE_BUDGET_BYTES: usize = 1 << 20;
const WHOLE_BUDGET_TIMES: usize = 4;

impl JudgeBudget {
    /// The budget for judging `text`, and the texts fixing it gives.
    pub fn for_text(text: &str) -> Self {
        JudgeBudget {
            spent: Cell::new(0),
            limit: WHOLE_BUDGET_BYTES.max(WHOLE_BUDGET_TIMES * text.len()),
        }
    }

    /// Whether `bytes` more may be parsed (counted if so).
    fn take(&self, bytes: usize) -> bool {
        let spent = self.spent.get() + bytes.max(1);
        if spent > self.limit {
            return false;
        }
        self.spent.set(spent);
        true
    }
}

/// The document parsed again whole, with `edits` applied.
fn whole_keeps_its_tree(doc: Tree, edits: &[Edit]) -> bool {
    let fixed = crate::fix::apply_edits(doc.text, edits);
    let arena = Arena::new();
    if doc.text.ends_with('\n') {
        let after = parse(&arena, &fixed, &comrak_options());
        return same_tree(doc.root, after);
    }
    let arena_before = Arena::new();
    same_tree(
        parse_as_ended(&arena_before, doc.text),
        parse_as_ended(&arena, &fixed),
    )
}

/// `text` parsed as the whole document, with a final line break if it has
/// none. comrak reads a last line the same with or without one, but for
/// front matter: past a line starting with `---`, `---` at the very end
/// closes none, so `--- ` made `---` there changed nothing until an editor
/// added the final line break, and then front matter swallowed the
/// document (found by fuzzing).
fn parse_as_ended<'a>(arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
    if text.ends_with('\n') {
        parse(arena, text, &comrak_options())
    } else {
        parse(arena, &format!("{text}\n"), &comrak_options())
    }
}

/// Whether the text of `window` and that text with the edits inside it
/// applied parse to the same tree; `None` where the window cannot tell
/// (see `Window::footnotes_kept`).
fn window_keeps_its_tree(text: &str, window: &Window, edits: &[Edit]) -> Option<bool> {
    let (before, after) = window_texts(text, window, edits);
    let options = window_options(window);
    let (arena_before, arena_after) = (Arena::new(), Arena::new());
    let root = parse(&arena_before, &before, &options);
    if !window.footnotes_kept(root, &before) {
        return None;
    }
    Some(same_tree(root, parse(&arena_after, &after, &options)))
}

/// The text of `window`, and that text with the edits inside its body
/// applied.
fn window_texts<'t>(text: &'t str, window: &Window, edits: &[Edit]) -> (Cow<'t, str>, String) {
    let before = window.text(text);
    // Where the body's bytes are in `before`, as the document has them.
    let offset = window.body_offset();
    let mut inside: Vec<Edit> = edits
        .iter()
        .filter(|e| window.body.contains(e.span))
        .map(|e| {
            let span = Span::new(
                e.span.start - window.body.start + offset,
                e.span.end - window.body.start + offset,
            );
            Edit::replace(span, e.replacement.clone())
        })
        .collect();
    inside.sort_by_key(|e| e.span);
    let after = crate::fix::apply_edits(&before, &inside);
    (before, after)
}

fn window_options(window: &Window) -> Options<'static> {
    let mut options = comrak_options();
    // Front matter opens only the document: not a window further down.
    if !window.starts_the_document() {
        options.extension.front_matter_delimiter = None;
    }
    options
}

/// The destinations of `windows`, before and after `edits`; `None` where
/// a window cannot tell (see `Window::footnotes_kept`).
fn windowed_destinations(
    text: &str,
    windows: &[Window],
    edits: &[Edit],
) -> Option<(Vec<String>, Vec<String>)> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for window in windows {
        let (text_before, text_after) = window_texts(text, window, edits);
        let options = window_options(window);
        let (arena_before, arena_after) = (Arena::new(), Arena::new());
        let root = parse(&arena_before, &text_before, &options);
        if !window.footnotes_kept(root, &text_before) {
            return None;
        }
        destinations(root, &mut before);
        destinations(parse(&arena_after, &text_after, &options), &mut after);
    }
    Some((before, after))
}

/// The items of sorted `all` that sorted `some` does not hold, as many
/// times as `all` holds them more often: with two sorted lists of
/// [`destinations_around`], the links added or gone.
pub fn without<'s>(all: &'s [String], some: &[String]) -> Vec<&'s String> {
    let mut left = Vec::new();
    let mut others = some.iter().peekable();
    for item in all {
        while others.next_if(|other| *other < item).is_some() {}
        if others.next_if(|other| *other == item).is_none() {
            left.push(item);
        }
    }
    left
}

fn destinations<'a>(root: &'a AstNode<'a>, out: &mut Vec<String>) {
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::Link(link) => out.push(link.url.clone()),
            NodeValue::Image(image) => out.push(format!("!{}", image.url)),
            _ => {}
        }
    }
}

fn parse<'a>(arena: &'a Arena<'a>, text: &str, options: &Options) -> &'a AstNode<'a> {
    comrak::parse_document(arena, text, options)
}

/// Whether two trees have the same nodes, in the same shape, with the same
/// contents, ignoring where they are (positions, indentation offsets).
pub fn same_tree<'a, 'b>(a: &'a AstNode<'a>, b: &'b AstNode<'b>) -> bool {
    // Walked side by side without recursion: 100,000 nested quotes or
    // emphases with a trailing blank, whose fix is judged so, overflowed
    // the stack (abort, exit 134). Values that hold no positions are
    // compared as they are, not copied.
    let mut pending = vec![(a, b)];
    while let Some((a, b)) = pending.pop() {
        if !same_value(&a.data().value, &b.data().value) {
            return false;
        }
        let (mut left, mut right) = (a.children(), b.children());
        loop {
            match (left.next(), right.next()) {
                (None, None) => break,
                (Some(x), Some(y)) => pending.push((x, y)),
                _ => return false,
            }
        }
    }
    true
}

/// Whether two nodes' values are the same, ignoring where they are.
fn same_value(a: &NodeValue, b: &NodeValue) -> bool {
    let positioned = |value: &NodeValue| {
        matches!(
            value,
            NodeValue::List(_)
                | NodeValue::Item(_)
                | NodeValue::TaskItem(_)
                | NodeValue::CodeBlock(_)
        )
    };
    if positioned(a) || positioned(b) {
        without_positions(a) == without_positions(b)
    } else {
        a == b
    }
}

fn without_positions(value: &NodeValue) -> NodeValue {
    let mut value = value.clone();
    match &mut value {
        NodeValue::List(list) | NodeValue::Item(list) => {
            list.marker_offset = 0;
            list.padding = 0;
        }
        NodeValue::TaskItem(task) => task.symbol_sourcepos = (0, 0, 0, 0).into(),
        NodeValue::CodeBlock(code) => code.fence_offset = 0,
        _ => {}
    }
    value
}

#[cfg(test)]
mod tests {
    use super::windows::{FrontMatterReach, near_a_definition, touched_lines};
    use super::*;
    use crate::document::{Document, Reading};

    /// Each line of `text` with its line break (`\n`, `\r\n` or a lone
    /// `\r`, as comrak reads them), and where it starts.
    fn lines_of(text: &str) -> Vec<(usize, &str)> {
        let lines = crate::span::LineIndex::new(text);
        (1..=lines.line_count())
            .map(|n| (lines.offset(n, 1), lines.offset(n + 1, 1)))
            .filter(|(start, end)| start < end)
            .map(|(start, end)| (start, &text[start..end]))
            .collect()
    }

    /// Edits deleting every line's trailing blanks, as trailing-space would.
    fn trailing_blank_edits(text: &str) -> Vec<Edit> {
        let mut edits = Vec::new();
        for (start, line) in lines_of(text) {
            let content = line.trim_end_matches(['\n', '\r']);
            let kept = content.trim_end_matches([' ', '\t']).len();
            if kept < content.len() {
                edits.push(Edit::delete(Span::new(start + kept, start + content.len())));
            }
        }
        edits
    }

    /// Both ways of judging the trailing-blank edits of `text` agree, and
    /// windows (not the whole document) were used, unless an edit is
    /// within reach of front matter.
    fn agree(text: &str) -> Option<bool> {
        let edits = &trailing_blank_edits(text);
        if edits.is_empty() {
            return None;
        }
        let arena = Arena::new();
        let doc = Document::parse(text, &arena, &Reading::new(&[]));
        assert!(
            windows(doc.tree(), &OnceCell::new(), edits).is_some()
                || touched_lines(doc.text, edits).any(|lines| {
                    FrontMatterReach::of(doc.tree()).reached_by(&lines) || near_a_definition(&lines)
                }),
            "{text:?}"
        );
        let keeps = doc.keeps_the_tree(edits);
        assert_eq!(keeps, whole_keeps_its_tree(doc.tree(), edits), "{text:?}");
        Some(keeps)
    }

    /// Paragraphs to put around a case, so that its window is a small part
    /// of the document.
    fn padding(n: usize) -> String {
        (0..n).map(|i| format!("Paragraph {i}.\n\n")).collect()
    }

    /// Edits that join a lone `\r` and a `\n` into one line end, or part a
    /// `\r\n`, are judged whole: the proptest below, given such line ends,
    /// found windows keep trees the whole document did not. Other edits in
    /// a document with lone `\r` line ends keep their windows.
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
    fn edits_that_pair_line_ends_are_judged_whole() {
        let text = format!(
            "{}Some text\r  \nMore text  \r\r{}",
            padding(40),
            padding(40)
        );
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let blank_line = text.find("\r  \n").unwrap() + 1;
        let joins = [Edit::delete(Span::new(blank_line, blank_line + 2))];
        assert!(windows(doc.tree(), &OnceCell::new(), &joins).is_none());
        let trailing = text.find("text  \r").unwrap() + 4;
        let elsewhere = [Edit::delete(Span::new(trailing, trailing + 2))];
        assert!(windows(doc.tree(), &OnceCell::new(), &elsewhere).is_some());
        assert_eq!(
            doc.keeps_the_tree(&elsewhere),
            whole_keeps_its_tree(doc.tree(), &elsewhere)
        );
        let crlf = format!("{}Some text\r\nMore\n{}", padding(40), padding(40));
        let doc = Document::parse(&crlf, &arena, &Reading::new(&[]));
        let between = crlf.find("\r\n").unwrap() + 1;
        assert!(windows(doc.tree(), &OnceCell::new(), &[Edit::insert(between, " ")]).is_none());
        assert!(
            windows(
                doc.tree(),
                &OnceCell::new(),
                &[Edit::insert(between + 1, " ")]
            )
            .is_some()
        );
    }

    /// Past its budget, a document's edits that only the whole document can
    /// judge are taken as wrong, so that hundreds of them cost a few parses
    /// of the document, not one each.
    #[test]
    fn whole_document_judgements_stop_at_the_budget() {
        // No `\n` at all: the first line, where front matter may open, is
        // the whole text as windows read it, so every edit is judged whole.
        let text = "Paragraph  \r\r".repeat(4000);
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let edits = [Edit::delete(Span::new(9, 11))];
        assert!(windows(doc.tree(), &OnceCell::new(), &edits).is_none());
        let kept = (0..200).filter(|_| doc.keeps_the_tree(&edits)).count();
        // Two parses each: the text has no final line break.
        assert_eq!(kept, WHOLE_BUDGET_BYTES / (2 * text.len()));
        assert!(doc.destinations_around(&edits).is_none());
    }

    /// The passes of a fix share one budget: each document judged with it
    /// has what the ones before left.
    #[test]
    fn a_shared_budget_is_spent_once_over_the_passes() {
        let text = "Paragraph  \r\r".repeat(4000);
        let budget = JudgeBudget::for_text(&text);
        let edits = [Edit::delete(Span::new(9, 11))];
        let mut kept = 0;
        for _ in 0..3 {
            let arena = Arena::new();
            let reading = Reading {
                budget: Some(&budget),
                ..Reading::new(&[])
            };
            let doc = Document::parse(&text, &arena, &reading);
            kept += (0..200).filter(|_| doc.keeps_the_tree(&edits)).count();
        }
        assert_eq!(kept, WHOLE_BUDGET_BYTES / (2 * text.len()));
    }

    /// Edits on one line are read together, with the line once: thousands
    /// of repairs on one line each read all of it.
    #[test]
    fn edits_on_one_line_are_read_together() {
        let text = "# A\n\n[a](u [b](v [c](w\nnext [d](x\n";
        let at = |pattern: &str| text.find(pattern).unwrap() + pattern.len();
        let edits = [
            Edit::insert(at("(u"), ")"),
            Edit::insert(at("(v"), ")"),
            Edit::insert(at("(w"), ")"),
            Edit::insert(at("(x"), ")"),
        ];
        let lines: Vec<(String, String)> = touched_lines(text, &edits)
            .map(|lines| (lines.before.to_owned(), lines.after))
            .collect();
        assert_eq!(
            lines,
            [
                (
                    "[a](u [b](v [c](w".to_owned(),
                    "[a](u) [b](v) [c](w)".to_owned()
                ),
                ("next [d](x".to_owned(), "next [d](x)".to_owned()),
            ]
        );
        // An edit across a line break takes both lines in.
        let joined = [Edit::replace(Span::new(at("(w"), at("(w") + 1), " ")];
        let lines: Vec<String> = touched_lines(text, &joined).map(|l| l.after).collect();
        assert_eq!(lines, ["[a](u [b](v [c](w next [d](x"]);
    }

    #[test]
    fn windows_judge_as_the_whole_document_does() {
        let cases = [
            // A line of blanks holds an item that starts empty open.
            "*\n   \n  [a](u)\n",
            "- a\n  \n      code\n",
            // `--- ` closes no front matter, `---` does (at the start only).
            "---\ntitle: x\n--- \n# Heading\n",
            // A dash after a paragraph: `- ` is text, `-` a setext line.
            "Some text\n- \n",
            "Some text\n-  \n",
            "> quote\n>  \n> more\n",
            "| a | b |\n|---|---|  \n| 1 | 2 |\n",
            "```\ncode  \n```  \n",
            "[ref]: https://a.org  \n\n[x][ref]\n",
            "a\\ \nb\n",
            "1. one\n   \n   two\n",
        ];
        let more = std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/fuzz-regressions"
        ))
        .expect("the fuzz regressions")
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default());
        let mut verdicts = Vec::new();
        for case in cases.iter().map(|c| c.to_string()).chain(more) {
            verdicts.extend(agree(&format!("{case}\n{}", padding(40))));
            verdicts.extend(agree(&format!("{}{case}\n{}", padding(40), padding(40))));
        }
        // Cases of both kinds were judged.
        assert!(
            verdicts.contains(&true) && verdicts.contains(&false),
            "{verdicts:?}"
        );
    }

    #[test]
    fn without_takes_away_as_many_as_there_are() {
        let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let all = strings(&["a", "b", "b", "c"]);
        let left: Vec<&str> = without(&all, &strings(&["b", "c", "d"]))
            .into_iter()
            .map(String::as_str)
            .collect();
        assert_eq!(left, ["a", "b"]);
        assert!(without(&all, &all).is_empty());
    }

    /// `head`, then `line(i)` for `before` lines, `case` with `prefix`
    /// before each of its lines, and 40 more lines.
    fn placed(
        head: &str,
        line: fn(usize) -> String,
        prefix: &str,
        case: &str,
        before: usize,
    ) -> String {
        let case: String = case.lines().map(|l| format!("{prefix}{l}\n")).collect();
        let lines = |range: std::ops::Range<usize>| range.map(line).collect::<String>();
        format!(
            "{head}{}{case}{}",
            lines(0..before),
            lines(before..before + 40)
        )
    }

    /// `case` among the items of an outline under one bullet, indented as
    /// they are.
    fn in_outline(case: &str, before: usize) -> String {
        let item = |i| format!("  - [Item {i}](u{i})\n");
        placed("- Topic\n", item, "  ", case, before)
    }

    /// `case` in a block quote of list items, each line quoted.
    fn in_quote(case: &str, before: usize) -> String {
        let item = |i| format!("> - [Item {i}](u{i})\n");
        placed("", item, "> ", case, before)
    }

    /// `case` as rows of a table of links.
    fn in_table(case: &str, before: usize) -> String {
        let row = |i| format!("| [Item {i}](u{i}) | x |\n");
        placed("| Name | What |\n|---|---|\n", row, "", case, before)
    }

    /// `case` in a long footnote definition, among its list of links.
    fn in_footnote(case: &str, before: usize) -> String {
        let item = |i| format!("    - [Item {i}](u{i})\n");
        placed(
            "Text[^notes]\n\n[^notes]: Notes\n",
            item,
            "    ",
            case,
            before,
        )
    }

    /// `case` in a footnote definition among many short ones, each
    /// referred to at the top.
    fn among_footnotes(case: &str, before: usize) -> String {
        let references: String = (0..before + 40).map(|i| format!("[^{i}]")).collect();
        let head = format!("Text{references}[^x]\n\n");
        let definition = |i| format!("[^{i}]: [Item {i}](u{i})\n");
        let case = format!(
            "Note\n{}",
            case.lines()
                .map(|l| format!("    {l}\n"))
                .collect::<String>()
        );
        placed(&head, definition, "", &format!("[^x]: {case}"), before)
    }

    /// Windows judge each case's trailing-blank edits as the whole document
    /// does, wherever `place` puts it; how many were judged on windows.
    fn agree_in(place: fn(&str, usize) -> String, cases: &[&str]) -> usize {
        let mut windowed = 0;
        let mut verdicts = Vec::new();
        for case in cases {
            for before in [0, 40] {
                let text = place(case, before);
                let edits = &trailing_blank_edits(&text);
                let arena = Arena::new();
                let doc = Document::parse(&text, &arena, &Reading::new(&[]));
                windowed += usize::from(windows(doc.tree(), &OnceCell::new(), edits).is_some());
                let keeps = doc.keeps_the_tree(edits);
                assert_eq!(keeps, whole_keeps_its_tree(doc.tree(), edits), "{text:?}");
                verdicts.push(keeps);
            }
        }
        assert!(
            verdicts.contains(&true) && verdicts.contains(&false),
            "{verdicts:?}"
        );
        windowed
    }

    #[test]
    fn windows_inside_long_items_quotes_and_tables_judge_as_the_whole_document_does() {
        let cases = [
            "- [a](u)  \n",
            "*\n   \n  [a](u)\n",
            "- a\n  \n      code\n",
            "Some text\n- \n",
            "Some text\n-  \n",
            "> quote\n>  \n> more\n",
            "```\ncode  \n```  \n",
            "1. one\n   \n   two\n",
            "- a\n\n  b  \n",
        ];
        assert!(agree_in(in_outline, &cases) >= cases.len());
        assert!(agree_in(in_quote, &cases) >= cases.len());
        // An edit of a link reference definition is judged whole: where a
        // reference points is read across the document.
        for place in [in_outline, in_quote, in_table] {
            let text = place("[ref]: https://a.org  \n\n[x][ref]\n", 40);
            let edits = &trailing_blank_edits(&text);
            let arena = Arena::new();
            let doc = Document::parse(&text, &arena, &Reading::new(&[]));
            assert!(
                windows(doc.tree(), &OnceCell::new(), edits).is_none(),
                "{text:?}"
            );
            assert_eq!(
                doc.keeps_the_tree(edits),
                whole_keeps_its_tree(doc.tree(), edits)
            );
        }
        let rows = [
            "| [a](u) | b |  \n",
            "| a |  \n",
            "a  \n",
            "   \n| a | b |\n",
            "- x  \n",
            "> q  \n",
            "| a | b |\n|---|---|  \n",
            "| a  \nb |\n",
        ];
        assert!(agree_in(in_table, &rows) >= rows.len());
        let notes = [
            "a  \nb\n",
            "- [a](u)  \n",
            "- a\n  \n      code\n",
            "```\ncode  \n```  \n",
            "> quote\n>  \n> more\n",
            "Some text\n-  \n",
            "[ref]: https://a.org  \n\n[x][ref]\n",
        ];
        assert!(agree_in(in_footnote, &notes) >= notes.len());
        assert!(agree_in(among_footnotes, &notes) >= notes.len());
    }

    #[test]
    fn an_outline_under_one_bullet_is_judged_on_windows_of_its_items() {
        let text = in_outline("- [b](v)\n  - [c](w)\n", 40) + "\nAfter.\n";
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let nested = text.find("    - [c]").unwrap();
        let reindent = [Edit::insert(nested, " ")];
        let found =
            windows(doc.tree(), &OnceCell::new(), &reindent).expect("a window of three items");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].text(&text),
            "- Topic\n  - [Item 39](u39)\n  - [b](v)\n    - [c](w)\n  - [Item 40](u40)\n"
        );
        assert!(doc.keeps_the_tree(&reindent));
        // Out of its parent item, or out of the outline, it changes the tree.
        for cut in [2, 4] {
            let outdent = [Edit::delete(Span::new(nested, nested + cut))];
            assert!(windows(doc.tree(), &OnceCell::new(), &outdent).is_some());
            assert!(!doc.keeps_the_tree(&outdent), "{cut}");
            assert!(!whole_keeps_its_tree(doc.tree(), &outdent), "{cut}");
        }
        // The last item's edits may change what follows the outline: the
        // whole document judges them. (The outline's first item follows its
        // opening lines, which its windows hold.)
        let last = text.rfind("  - ").unwrap();
        assert!(
            windows(
                doc.tree(),
                &OnceCell::new(),
                &[Edit::delete(Span::new(last, last + 2))]
            )
            .is_none()
        );
        let first = text.find("  - ").unwrap();
        let dedent = [Edit::delete(Span::new(first, first + 2))];
        assert!(windows(doc.tree(), &OnceCell::new(), &dedent).is_some());
        assert!(!doc.keeps_the_tree(&dedent));
    }

    #[test]
    fn edits_in_a_footnote_definition_are_judged_on_a_window_referring_to_it() {
        // Far from its reference, a window of the definition alone parsed
        // to nothing before and after (comrak drops a definition nothing
        // refers to): two spaces making a hard break were deletable.
        let padding = padding(40);
        let text = format!("Text[^1]\n\n{padding}[^1]: a  \n    b\n\n{padding}");
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let at = text.find("a  \n").unwrap() + 1;
        let hard_break = [Edit::delete(Span::new(at, at + 2))];
        let found = windows(doc.tree(), &OnceCell::new(), &hard_break).expect("a window");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].footnotes.len(), 1);
        assert_eq!(found[0].footnotes[0].of(&text), "[^1]");
        assert_eq!(
            window_keeps_its_tree(&text, &found[0], &hard_break),
            Some(false)
        );
        assert!(!doc.keeps_the_tree(&hard_break));
        // A fence left open swallows the references that end the window:
        // then the whole document judges.
        let text = format!("Text[^1]\n\n{padding}[^1]: a  \n    b\n\n```\ncode\n");
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let hard_break = [Edit::delete(Span::new(at, at + 2))];
        let found = windows(doc.tree(), &OnceCell::new(), &hard_break).expect("a window");
        assert_eq!(window_keeps_its_tree(&text, &found[0], &hard_break), None);
        assert!(!doc.keeps_the_tree(&hard_break));
    }

    /// Found by the proptest below: a label defined twice, once in the
    /// window and once past it. comrak takes one definition and leaves the
    /// other where it is written; the window, holding only one, moved it to
    /// the end before and after the edit. Taking two spaces off the nested
    /// item took the definition under it into it in the document only.
    #[test]
    fn a_footnote_label_defined_outside_the_window_too_is_judged_whole() {
        let item = "- [x](https://x.org/) see[^b]\n    - deeper\n    [^a]: indented\n\n";
        let text = format!(
            "{item}Text[^a] and more.\n\n[^a]: Short note\n\n{}",
            padding(40)
        );
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let at = text.find("    - deeper").unwrap();
        let dedent = [Edit::delete(Span::new(at, at + 2))];
        assert!(!whole_keeps_its_tree(doc.tree(), &dedent));
        assert!(windows(doc.tree(), &OnceCell::new(), &dedent).is_none());
        assert!(!doc.keeps_the_tree(&dedent));
        // Defined once, the window judges; ASCII letters of another case
        // are the same label, and a non-ASCII label could be folded (by
        // Unicode's rules, as comrak does) to one defined elsewhere.
        let cases = [("a", "b", true), ("a", "A", false), ("é", "b", false)];
        for (inside, elsewhere, windowed) in cases {
            let item = item.replace("[^a]:", &format!("[^{inside}]:"));
            let text = format!(
                "{item}{}[^{elsewhere}]: Note\n\n{}",
                padding(20),
                padding(20)
            );
            let arena = Arena::new();
            let doc = Document::parse(&text, &arena, &Reading::new(&[]));
            let at = text.find("    - deeper").unwrap();
            let dedent = [Edit::delete(Span::new(at, at + 2))];
            assert_eq!(
                windows(doc.tree(), &OnceCell::new(), &dedent).is_some(),
                windowed,
                "{text:?}"
            );
            assert_eq!(
                doc.keeps_the_tree(&dedent),
                whole_keeps_its_tree(doc.tree(), &dedent)
            );
        }
    }

    /// Found by the proptest below: windows that did not see a footnote
    /// definition that the whole document keeps.
    #[test]
    fn footnote_definitions_kept_elsewhere_are_not_missed() {
        // Dedented out of a definition nothing refers to (which comrak
        // drops), a line becomes a definition the first line refers to.
        let paragraphs = "Text[^a] and more.\n\n".repeat(6);
        let text = format!(
            "Text[^b] and more.\n\n{paragraphs}[^c]: Note\n    - y\n\n    [^b]: indented\n"
        );
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let at = text.find("    [^b]").unwrap();
        let dedent = [Edit::delete(Span::new(at, at + 2))];
        assert!(windows(doc.tree(), &OnceCell::new(), &dedent).is_none());
        assert!(!doc.keeps_the_tree(&dedent));
        // A long definition holding only a definition (which stays inside
        // it): split into no unit, its hard break fell to a window that
        // did not refer to it.
        let text = format!(
            "Text[^b] and more.\n\n{paragraphs}[^b]: Short note  \nlazy line and more.\n\n    [^a]: indented\n\n"
        );
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let at = text.find("note  ").unwrap() + 4;
        let hard_break = [Edit::delete(Span::new(at, at + 2))];
        assert!(!whole_keeps_its_tree(doc.tree(), &hard_break));
        assert!(!doc.keeps_the_tree(&hard_break));
    }

    /// Found by the proptest below: in an outline under one bullet, a
    /// footnote definition comrak dropped, moved or left in place took in
    /// the lines after it in a window, where they were blocks of their own
    /// in the document. Taking two spaces off a table's delimiter row took
    /// the table apart there, not in the window.
    #[test]
    fn footnote_definitions_inside_a_split_item_leave_it_to_the_whole_document() {
        let text = "- Topic\n  [^b]: Short note\n  ```\n  left open\n  ```\n  left open\n  | a | b |\n  |---|---|\n  | [^a] | x |\n  \n  <div>\n  \n  - [a](https://a.org/)\n    - b\n     - c\n  \n  Text[^a] and more.\n  Next line.\n  \n";
        let arena = Arena::new();
        let doc = Document::parse(text, &arena, &Reading::new(&[]));
        let at = text.find("  |---|").unwrap();
        let dedent = [Edit::delete(Span::new(at, at + 2))];
        assert!(!whole_keeps_its_tree(doc.tree(), &dedent));
        assert!(windows(doc.tree(), &OnceCell::new(), &dedent).is_none());
        assert!(!doc.keeps_the_tree(&dedent));
    }

    /// Found by the proptest below: the opening lines of a split item
    /// ended with its first paragraph, so a window read a table after a
    /// blank line as following that paragraph directly. Taking two spaces
    /// off the table took it out of the item in the document only.
    #[test]
    fn a_split_item_s_opening_lines_keep_the_blank_lines_after_them() {
        let items: String = (0..60).map(|i| format!("  - [Item {i}](u{i})\n")).collect();
        for gap in ["  \n", "\n"] {
            let text = format!("- Topic\n{gap}  | a | b |\n  |---|---|\n  | x | y |\n  \n{items}");
            let arena = Arena::new();
            let doc = Document::parse(&text, &arena, &Reading::new(&[]));
            let at = text.find("  | a").unwrap();
            let dedent = [Edit::delete(Span::new(at, at + 2))];
            assert!(
                windows(doc.tree(), &OnceCell::new(), &dedent).is_some(),
                "{gap:?}"
            );
            assert!(!whole_keeps_its_tree(doc.tree(), &dedent), "{gap:?}");
            assert!(!doc.keeps_the_tree(&dedent), "{gap:?}");
        }
    }

    #[test]
    fn a_footnote_definition_inside_another_block_is_judged_on_the_whole_text() {
        let padding = padding(40);
        let text = format!("Text[^1]\n\n{padding}> [^1]: a  \n> b\n\n{padding}");
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let at = text.find("a  \n").unwrap() + 1;
        let hard_break = [Edit::delete(Span::new(at, at + 2))];
        assert!(windows(doc.tree(), &OnceCell::new(), &hard_break).is_none());
        assert!(!doc.keeps_the_tree(&hard_break));
    }

    #[test]
    fn a_last_line_is_judged_as_if_it_ended_in_a_line_break() {
        // After a `---x` line, `---` ending the text closes no front matter
        // until an editor adds the final line break; then the link is in
        // the front matter.
        let text = "---\ntitle: x\n---x\n\n[l](u)\n--- ";
        let arena = Arena::new();
        let doc = Document::parse(text, &arena, &Reading::new(&[]));
        let space = [Edit::delete(Span::new(text.len() - 1, text.len()))];
        assert!(!doc.keeps_the_tree(&space));
        let (before, after) = doc.destinations_around(&space).unwrap();
        assert_eq!((before.len(), after.len()), (1, 0));
        // Where nothing opens front matter, the same edit keeps the tree.
        let text = "Title\n\n[l](u)\n--- ";
        let doc = Document::parse(text, &arena, &Reading::new(&[]));
        let space = [Edit::delete(Span::new(text.len() - 1, text.len()))];
        assert!(doc.keeps_the_tree(&space));
    }

    #[test]
    fn edits_within_reach_of_front_matter_are_judged_on_the_whole_text() {
        let padding = padding(40);
        // `---\t` made `---` opens front matter that swallows the link.
        let text = format!("---\t\ntitle: x\n\n[l](u)\n---\n\n{padding}");
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let tab = [Edit::delete(Span::new(3, 4))];
        assert!(windows(doc.tree(), &OnceCell::new(), &tab).is_none());
        assert!(!doc.keeps_the_tree(&tab));
        // Past the front matter, windows judge.
        let text = format!("---\ntitle: x\n---\n\n{padding}End.  \n");
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let end = text.len() - 1;
        let blanks = [Edit::delete(Span::new(end - 2, end))];
        assert!(windows(doc.tree(), &OnceCell::new(), &blanks).is_some());
        assert!(doc.keeps_the_tree(&blanks));
        // An opening line with no closing one: only an edit of a line that
        // starts with `---` could close it.
        let text = format!("---\n\n{padding}End.  \n\n--- \n");
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let end = text.find("End.").unwrap() + 4;
        let blanks = [Edit::delete(Span::new(end, end + 2))];
        assert!(windows(doc.tree(), &OnceCell::new(), &blanks).is_some());
        assert!(doc.keeps_the_tree(&blanks));
        let closing = text.len() - 2;
        let space = [Edit::delete(Span::new(closing, closing + 1))];
        assert!(windows(doc.tree(), &OnceCell::new(), &space).is_none());
        assert!(!doc.keeps_the_tree(&space));
        // Past front matter that ends in LF, a `---` line made to end in
        // CR LF moves its end there: comrak looks for that one first.
        let text = format!("---\ntitle: x\n---\n\n{padding}[a](u)\n\n--- \r\n");
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let closing = text.len() - 3;
        let space = [Edit::delete(Span::new(closing, closing + 1))];
        assert!(windows(doc.tree(), &OnceCell::new(), &space).is_none());
        assert!(!doc.keeps_the_tree(&space));
    }

    #[test]
    fn items_of_a_long_list_are_their_own_windows() {
        let items: String = (0..100).map(|i| format!("- [a{i}](u{i})\n")).collect();
        let text = format!("# Links\n\n{items}- [b](v)\n   - [c](w)\n{items}");
        let arena = Arena::new();
        let doc = Document::parse(&text, &arena, &Reading::new(&[]));
        let nested = text.find("   - [c]").unwrap();
        let reindent = [Edit::replace(Span::new(nested, nested + 3), "  ")];
        let windows =
            windows(doc.tree(), &OnceCell::new(), &reindent).expect("a window of three items");
        assert_eq!(windows.len(), 1);
        assert_eq!(
            windows[0].text(&text),
            "- [a99](u99)\n- [b](v)\n   - [c](w)\n- [a0](u0)\n"
        );
        assert!(doc.keeps_the_tree(&reindent));
        // A nested item moved out of its parent changes the tree.
        let outdent = [Edit::delete(Span::new(nested, nested + 3))];
        assert!(!doc.keeps_the_tree(&outdent));
        assert!(!whole_keeps_its_tree(doc.tree(), &outdent));
    }

    /// Where each `](https://…` left open in `text` ends.
    fn open_link_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
        text.match_indices("](https://").filter_map(|(at, _)| {
            let url = at + 2;
            let end = text[url..]
                .find(|c: char| c.is_whitespace() || c == ')')
                .map_or(text.len(), |e| url + e);
            (!text[end..].starts_with(')')).then_some(end)
        })
    }

    /// The destinations `after` has that `before` has not, and those it
    /// lost, as often as they differ.
    fn changes(mut before: Vec<String>, mut after: Vec<String>) -> (Vec<String>, Vec<String>) {
        before.sort();
        after.sort();
        let owned = |left: Vec<&String>| left.into_iter().cloned().collect();
        (
            owned(without(&after, &before)),
            owned(without(&before, &after)),
        )
    }

    /// Each line of `text` after `prefix` (blank lines too).
    fn in_lines(text: &str, prefix: &str) -> String {
        text.lines()
            .map(|line| format!("{prefix}{line}\n"))
            .collect()
    }

    /// A block of a generated document: what windows must judge right,
    /// footnote definitions and references among them, with trailing
    /// blanks (`{t}`) to delete.
    fn block() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let label = prop::sample::select(vec!["a", "b", "c"]);
        let blank = prop::sample::select(vec!["", " ", "  ", "\t", "   "]);
        (0..17usize, label, blank).prop_map(|(kind, l, t)| match kind {
            16 => format!("- [x](https://x.org/) see[^{l}]{t}\n    - deeper{t}\n    [^{l}]: indented{t}\n\n"),
            12 => format!("- item{t}\n\n  [^{l}]: in an item{t}\n  - [y](https://y.org/){t}\n"),
            13 => format!("- [x](https://x.org/) see[^{l}]{t}\n    - deeper{t}\n\n"),
            14 => format!("[^{l}]: note{t}\nlazy line{t}\n\n"),
            15 => {
                let items: String = (0..12)
                    .map(|i| format!("    - [Item {i}](https://i.org/{i}){t}\n"))
                    .collect();
                format!("[^{l}]: Long note{t}\n{items}\n")
            }
            0 => format!("Text[^{l}] and more.{t}\nNext line.\n\n"),
            1 => format!("[^{l}]: Note{t}\n    - [x](https://x.org/{l}){t}\n    - y\n\n"),
            2 => format!("[^{l}]: Short note{t}\n"),
            3 => format!("- [a](https://a.org/){t}\n  - b{t}\n   - c\n\n"),
            4 => format!("> quote{t}\n>{t}\n> [^{l}]: quoted{t}\n\n"),
            5 => format!("```\ncode{t}\n```{t}\n\n"),
            6 => "```\nleft open\n".to_owned(),
            7 => format!("<div>{t}\n{t}\n"),
            8 => format!("| a | b |{t}\n|---|---|\n| [^{l}] | x |{t}\n\n"),
            9 => format!("Some text{t}\n-{t}\n\n"),
            10 => format!("    [^{l}]: indented{t}\n\n"),
            _ => format!("- [Open](https://o.org/{l}{t}\n  - [Deeper](https://d.org/{l} - x\nSee [this](https://s.org/{l}\n\n"),
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 500,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Whatever blocks surround them, windows judge each trailing
        /// blank's deletion, and all of them together, as the whole
        /// document does (never keeping what it does not); and so for
        /// taking two spaces off a line. And the links a closing `)`
        /// adds or removes are the same in windows and in the document.
        #[test]
        fn windows_judge_generated_documents_as_the_whole_document_does(
            blocks in proptest::collection::vec(block(), 4..24),
            placement in 0..3usize,
            endings in 0..3usize,
        ) {
            // At the top level, as an outline under one bullet, or quoted:
            // long items and quotes are split into windows of their own.
            let text = match placement {
                0 => blocks.concat(),
                1 => format!("- Topic\n{}", in_lines(&blocks.concat(), "  ")),
                _ => in_lines(&blocks.concat(), "> "),
            };
            // Lines ended by `\n`, by `\r\n`, or every other one by a lone
            // `\r`.
            let text = match endings {
                0 => text,
                1 => text.replace('\n', "\r\n"),
                _ => text
                    .split('\n')
                    .enumerate()
                    .map(|(i, line)| {
                        if i % 2 == 1 {
                            format!("\r{line}")
                        } else {
                            format!("\n{line}")
                        }
                    })
                    .collect::<String>()[1..]
                    .to_owned(),
            };
            let arena = Arena::new();
            let doc = Document::parse(&text, &arena, &Reading::new(&[]));
            let blanks = trailing_blank_edits(&text);
            let mut cases: Vec<Vec<Edit>> = blanks.iter().map(|e| vec![e.clone()]).collect();
            cases.push(blanks);
            for (start, line) in lines_of(&text) {
                if line.starts_with("  ") {
                    cases.push(vec![Edit::delete(Span::new(start, start + 2))]);
                }
            }
            // And closing each link left open, as broken-link repairs it:
            // windows tell the same links added and gone.
            for close in open_link_ends(&text).map(|at| vec![Edit::insert(at, ")")]) {
                if windows(doc.tree(), &OnceCell::new(), &close).is_some() {
                    let (before, after) = doc.destinations_around(&close).unwrap();
                    let fixed = crate::fix::apply_edits(&text, &close);
                    let (arena_before, arena_after) = (Arena::new(), Arena::new());
                    let (mut whole_before, mut whole_after) = (Vec::new(), Vec::new());
                    destinations(parse_as_ended(&arena_before, &text), &mut whole_before);
                    destinations(parse_as_ended(&arena_after, &fixed), &mut whole_after);
                    proptest::prop_assert_eq!(
                        changes(before, after),
                        changes(whole_before, whole_after),
                        "{:?} {:?}",
                        text,
                        close
                    );
                }
            }
            for edits in cases.iter().filter(|edits| !edits.is_empty()) {
                if windows(doc.tree(), &OnceCell::new(), edits).is_some() {
                    let windowed = doc.keeps_the_tree(edits);
                    proptest::prop_assert!(
                        !windowed || whole_keeps_its_tree(doc.tree(), edits),
                        "{:?} {:?}",
                        text,
                        edits
                    );
                }
            }
        }
    }
}
