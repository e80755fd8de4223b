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
use crate::link::{Link, Part};
use crate::span::Span;
pub use brackets::brackets_balanced;
pub(crate) use brackets::in_code;
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
    /// Tags, badges and notes that are not prose, before the separator
    /// (`[[crate](…)]`, `(3:09:00)`) or after the description
    /// (`` `MIT` ``, `[![CI](…)](…)`, `**[Deprecated]**`, `⭐`), in source
    /// order: the description ends before them, and no fix writes after
    /// or inside them.
    pub metadata: Vec<Span>,
    /// Whether the description's end may not be where the item's text
    /// ends: it wraps onto lines followed by more of the item (a nested
    /// list), or lines after it are not indented as the item's are (lazy
    /// continuation lines, such as a `**[⬆ back to top](#contents)**` line
    /// right under the last item). A period is not put there.
    pub open_ended: bool,
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

/// Where a link item stands, as the document's scan found it: everything
/// [`LinkItem::read`] needs besides the text.
pub struct Located<'a, 'd> {
    /// The whole list item.
    pub item: Span,
    /// Its first paragraph, which starts with `link`.
    pub paragraph: Span,
    pub link: &'d Link<'a>,
    /// The paragraph's other links, in order.
    pub rest: &'d [Link<'a>],
    /// The paragraph's text not to edit, sorted and disjoint.
    pub code: &'d [Span],
    pub section: Option<Span>,
    pub parent: Option<Span>,
    /// The byte column the item's content starts at on its lines; `None`
    /// where its lines start with more than blanks (in a block quote).
    pub content_column: Option<usize>,
}

impl<'a, 'd> LinkItem<'a, 'd> {
    /// Read the parts of a located item from `text`: done once per item,
    /// here, and nowhere else.
    pub fn read(text: &'a str, at: Located<'a, 'd>) -> Self {
        let Located {
            item,
            paragraph,
            link,
            rest,
            code,
            section,
            parent,
            content_column,
        } = at;
        // Links inside text not to edit (within a link of the wrong shape)
        // are neither suffixes nor descriptions; copied without them only
        // where there are any.
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
        // A trailing HTML comment (`<!-- mdlinks-disable-line -->`) is not
        // part of the description: a period goes before it, not after.
        let mut tail_end = trim_end(text, link.span.end, paragraph.end);
        while let Some(comment) = code.iter().find(|c| {
            c.end == tail_end && c.start > link.span.end && c.of(text).starts_with("<!--")
        }) {
            tail_end = trim_end(text, link.span.end, comment.start);
        }
        let tail = parse_tail(text, link.span.end, tail_end, rest, code);
        let open_ended = tail.description.is_some_and(|description| {
            let wrapped = description.text.contains('\n');
            let more_of_item = !text[paragraph.end..item.end].trim().is_empty();
            (wrapped && more_of_item) || has_lazy_line(text, paragraph, content_column)
        });
        LinkItem {
            item,
            paragraph,
            link,
            year_after_link: tail.year_after_link,
            leading: tail.leading,
            separator: tail.separator,
            description: tail.description,
            suffixes: tail.suffixes,
            metadata: tail.metadata,
            open_ended,
            other_links,
            code,
            section,
            parent,
        }
    }
}

/// Whether a line of `paragraph` after its first is indented less than
/// the item's content (`column`): a lazy continuation line, which belongs
/// to the paragraph but not, to the eye, to the item.
fn has_lazy_line(text: &str, paragraph: Span, column: Option<usize>) -> bool {
    let Some(column) = column else {
        return false;
    };
    paragraph.of(text).split('\n').skip(1).any(|line| {
        let blanks = line.len() - line.trim_start_matches([' ', '\t']).len();
        let width: usize = line[..blanks]
            .bytes()
            .fold(0, |w, b| if b == b'\t' { w + 4 - w % 4 } else { w + 1 });
        !line.trim().is_empty() && width < column
    })
}

mod brackets;
mod metadata;
mod suffix;
mod tail;
#[cfg(test)]
mod tests;
