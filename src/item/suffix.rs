//! A suffix group of a link item: ` ([Label](url))`, or a malformed one.

use crate::diagnostic::Edit;
use crate::link::{Link, Part};
use crate::span::Span;

/// One `([Label](url))` group, or a malformed one: `[Label](url)` without
/// its parentheses, with the `)` missing, or wrapped twice (`(([L](u))`,
/// `([[L](u)])`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suffix<'a, 'd> {
    /// From the opening to the closing wrapper, the link when they are empty.
    pub span: Span,
    pub link: &'d Link<'a>,
    /// What stands right before the link: `(` when well formed.
    pub opening: Part<'a>,
    /// What stands right after the link: `)` when well formed.
    pub closing: Part<'a>,
    /// The whitespace before the group (empty when there is none).
    pub gap: Span,
}

impl Suffix<'_, '_> {
    pub fn is_well_formed(&self) -> bool {
        self.opening.text == "(" && self.closing.text == ")"
    }

    /// Edits that make the group `([Label](url))`; empty if it already is.
    pub fn rewrap_edits(&self) -> Vec<Edit> {
        let mut edits = Vec::new();
        if self.opening.text != "(" {
            edits.push(Edit::replace(self.opening.span, "("));
        }
        if self.closing.text != ")" {
            edits.push(Edit::replace(self.closing.span, ")"));
        }
        edits
    }
}
