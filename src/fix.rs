//! The fix engine. It knows nothing about rules: it is handed diagnostics,
//! applies the fixes it may, and asks again until nothing is left to fix.
//!
//! One pass takes the allowed fixes in source order, skips any fix whose
//! edits overlap a fix already taken (the skipped one is found again on the
//! next pass, against the new text) and applies the taken edits. Passes
//! repeat until a pass has nothing to apply. A text seen before means two
//! fixes undo each other; a pass cap stops anything else that never settles.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Bound;

/// More passes than any real file needs (ruff's cap too). A pass costs a
/// lint of the file; some fixes take one each, where each reveals the next
/// (an open link that comrak reads as one only once the link after it is
/// closed: twenty in a line took twenty passes, over the cap of ten this
/// was). Cycles are caught apart, at once.
pub const MAX_PASSES: usize = 100;

#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
}

impl FixOptions {
    fn allows(self, fix: &Fix) -> bool {
        fix.applicability == Applicability::Safe || self.unsafe_fixes
    }
}

#[derive(Debug)]
pub struct FixOutcome {
    /// The fixed text (equal to the input when nothing applied).
    pub text: String,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// How many of them each rule's findings carried (for `--show-fixes`;
    /// the rule names are labels here, as in [`FixError`]).
    pub applied_by_label: BTreeMap<&'static str, usize>,
    /// How many findings they repaired: each fix's own, and those it
    /// repairs too (`Diagnostic::fixed_by`).
    pub fixed: usize,
    /// What is left after the last pass, fixable by unsafe fixes or not at all.
    pub remaining: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error("fixes did not settle: the text returned to an earlier state (fixes of {})", names(.labels))]
    Cycle { labels: Vec<&'static str> },
    #[error("fixes did not settle after {passes} passes (last fixes of {})", names(.labels))]
    PassLimit {
        passes: usize,
        labels: Vec<&'static str>,
    },
}

fn names(labels: &[&str]) -> String {
    labels.join(", ")
}

/// Fix `text` to a fixpoint. `lint` reports the diagnostics of a text; each
/// diagnostic's rule name is used only to say who was involved in a failure,
/// and with `fixed_by`, to count the findings a fix repairs.
pub fn fix_text(
    text: &str,
    options: FixOptions,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Result<FixOutcome, FixError> {
    let mut current = text.to_owned();
    // Every state so far, and the labels of the fixes that left each one.
    // The first is hashed only once there is something to fix, so that a
    // file with nothing to fix costs what `check` costs.
    let mut states = Vec::new();
    let mut pass_labels: Vec<Vec<&'static str>> = Vec::new();
    let (mut applied, mut fixed) = (0, 0);
    let mut applied_by_label: BTreeMap<&'static str, usize> = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        let diagnostics = lint(&current);
        let fixes: Vec<(&Diagnostic, &Fix)> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref().map(|fix| (d, fix)))
            .filter(|(_, fix)| options.allows(fix))
            .collect();
        let (edits, taken) = select_edits(&current, &fixes);
        if edits.is_empty() {
            return Ok(FixOutcome {
                text: current,
                applied,
                applied_by_label,
                fixed,
                remaining: diagnostics,
            });
        }
        if states.is_empty() {
            states.push(hash(&current));
        }
        applied += taken.len();
        for finding in &taken {
            *applied_by_label.entry(finding.rule).or_default() += 1;
        }
        fixed += taken.len() + repaired_along(&diagnostics, &taken);
        pass_labels.push(taken.iter().map(|d| d.rule).collect());
        current = apply_edits(&current, &edits);
        let state = hash(&current);
        if let Some(first) = states.iter().position(|&s| s == state) {
            let labels = pass_labels[first..].concat();
            return Err(FixError::Cycle {
                labels: dedup(labels),
            });
        }
        states.push(state);
    }
    let diagnostics = lint(&current);
    let labels = diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| options.allows(f)))
        .map(|d| d.rule)
        .collect();
    Err(FixError::PassLimit {
        passes: MAX_PASSES,
        labels: dedup(labels),
    })
}

/// How many of `diagnostics` the fixes of `taken` repair besides their
/// own: those whose `fixed_by` names one of them.
fn repaired_along(diagnostics: &[Diagnostic], taken: &[&Diagnostic]) -> usize {
    let mut carriers: Vec<(&str, usize)> = taken.iter().map(|d| (d.rule, d.span.start)).collect();
    carriers.sort_unstable();
    diagnostics
        .iter()
        .filter_map(|d| Some((d.rule, d.fixed_by?.at)))
        .filter(|carrier| carriers.binary_search(carrier).is_ok())
        .count()
}

/// The edits of every fix that overlaps no fix taken before it, sorted, with
/// the findings whose fixes were taken. Fixes with edits out of bounds, off
/// char boundaries or overlapping each other are never taken. Fixes are
/// taken in order of their first edit, one that replaces text before one
/// that only inserts at the same place: a period after a description and
/// the trailing blank after it touch and go in turn, and the blank's fix,
/// judged by a parse, was judged again on the next pass when it went
/// second.
fn select_edits<'d>(
    text: &str,
    fixes: &[(&'d Diagnostic, &Fix)],
) -> (Vec<Edit>, Vec<&'d Diagnostic>) {
    let mut ordered: Vec<&(&Diagnostic, &Fix)> = fixes.iter().collect();
    ordered.sort_by_key(|(_, fix)| {
        fix.edits
            .iter()
            .map(|e| (e.span.start, e.span.is_empty()))
            .min()
    });
    let mut taken = TakenEdits::default();
    let mut findings = Vec::new();
    for (finding, fix) in ordered {
        let Some(edits) = sorted_disjoint(fix.edits.clone()) else {
            continue;
        };
        let valid = edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !valid || edits.iter().any(|e| taken.conflicts_with(e)) {
            continue;
        }
        for edit in edits {
            taken.insert(edit);
        }
        findings.push(*finding);
    }
    (taken.by_start.into_values().collect(), findings)
}

/// The edits taken so far, by start. They never conflict with each other, so
/// no two start at one offset and none lies inside another: an edit can only
/// conflict with the last one starting at or before it, or one starting
/// inside it or where it ends. Checking those, not every edit taken, keeps a
/// pass linear in the number of fixes (comparing against all of them took
/// minutes on a file with 180,000 fixes).
#[derive(Default)]
struct TakenEdits {
    by_start: BTreeMap<usize, Edit>,
}

impl TakenEdits {
    fn conflicts_with(&self, edit: &Edit) -> bool {
        let span = edit.span;
        let before = self.by_start.range(..=span.start).next_back();
        let inside = self
            .by_start
            .range((Bound::Excluded(span.start), Bound::Included(span.end)));
        before
            .into_iter()
            .chain(inside)
            .any(|(_, taken)| conflict(taken, edit))
    }

    fn insert(&mut self, edit: Edit) {
        self.by_start.insert(edit.span.start, edit);
    }
}

/// `edits` sorted as they are applied, if no two of them conflict (as the
/// edits of one fix must not, nor those of fixes judged together).
pub fn sorted_disjoint(mut edits: Vec<Edit>) -> Option<Vec<Edit>> {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    edits
        .windows(2)
        .all(|w| !conflict(&w[0], &w[1]))
        .then_some(edits)
}

/// Two edits conflict when their ranges intersect, or when one inserts at a
/// point the other also inserts at or touches: their order would be a guess.
fn conflict(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    if a.start < b.end && b.start < a.end {
        return true;
    }
    (a.is_empty() || b.is_empty()) && (a.start == b.end || b.start == a.end)
}

/// Apply sorted, disjoint edits. Building the result front to back in one copy
/// is the same as applying them back to front, without shifting the text.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let grown: usize = edits.iter().map(|e| e.replacement.len()).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut cursor = 0;
    for edit in edits {
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    out.push_str(&text[cursor..]);
    out
}

fn hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn dedup(mut labels: Vec<&'static str>) -> Vec<&'static str> {
    labels.sort_unstable();
    labels.dedup();
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn diag(rule: &'static str, fix: Fix) -> Diagnostic {
        Diagnostic::new(rule, fix.edits[0].span, "m").with_fix(fix)
    }

    #[test]
    fn findings_a_fix_repairs_too_are_counted_fixed() {
        // One fix upper-cases every `a`; it is carried by the first finding
        // and the others name it, as list-indent's are for a list.
        let lint = |text: &str| {
            let spans: Vec<Span> = text
                .match_indices('a')
                .map(|(i, _)| Span::new(i, i + 1))
                .collect();
            let Some(&first) = spans.first() else {
                return Vec::new();
            };
            let edits = spans.iter().map(|&s| Edit::replace(s, "A")).collect();
            let carrier = diag("upper", Fix::safe("upper", edits));
            let by = crate::diagnostic::FixedBy::of(&carrier).unwrap();
            let mut out = vec![carrier];
            out.extend(
                spans[1..]
                    .iter()
                    .map(|&s| Diagnostic::new("upper", s, "m").with_fixed_by(by, "by the first")),
            );
            // Another rule's finding at the same place is not repaired.
            out.push(Diagnostic::new("other", first, "m"));
            out
        };
        let outcome = fix_text("a-a-a", FixOptions::default(), lint).unwrap();
        assert_eq!(outcome.text, "A-A-A");
        assert_eq!((outcome.applied, outcome.fixed), (1, 3));
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        // Two rules both want to rewrite "ab"; the first wins, the second sees
        // the new text next pass and has nothing left to do.
        let lint = |text: &str| {
            let mut out = Vec::new();
            if let Some(i) = text.find("ab") {
                let span = Span::new(i, i + 2);
                out.push(diag("one", Fix::safe("x", vec![Edit::replace(span, "AB")])));
                out.push(diag("two", Fix::safe("y", vec![Edit::replace(span, "Ab")])));
            }
            out
        };
        let outcome = fix_text("-ab-ab", FixOptions::default(), lint).unwrap();
        assert_eq!(outcome.text, "-AB-AB");
        assert_eq!(outcome.applied, 2);
        assert!(outcome.remaining.is_empty());
    }

    #[test]
    fn insertions_at_one_point_are_not_both_taken() {
        let a = Edit::insert(3, "x");
        let b = Edit::insert(3, "y");
        let c = Edit::replace(Span::new(1, 3), "z");
        assert!(conflict(&a, &b));
        assert!(conflict(&a, &c));
        assert!(!conflict(&Edit::replace(Span::new(0, 1), "q"), &c));
    }

    #[test]
    fn a_fix_is_taken_only_if_it_conflicts_with_no_fix_taken() {
        let text = "abcdefghij";
        let fix = |edits: Vec<Edit>| Fix::safe("f", edits);
        // Taken in order of their first edit, a replacement before an
        // insertion at one place.
        let fixes = [
            fix(vec![Edit::insert(0, "<"), Edit::insert(10, ">")]),
            fix(vec![Edit::replace(Span::new(1, 3), "Z")]),
            fix(vec![Edit::replace(Span::new(2, 4), "X")]), // overlaps 1..3
            fix(vec![Edit::insert(4, "!")]),                // touches the replacement
            fix(vec![Edit::replace(Span::new(4, 6), "Y")]), // adjoins 1..3 only
            fix(vec![Edit::replace(Span::new(7, 9), "W")]),
            fix(vec![Edit::insert(8, "?"), Edit::insert(10, ".")]), // inside 7..9
        ];
        let found: Vec<Diagnostic> = fixes.iter().map(|f| diag("r", f.clone())).collect();
        let labelled: Vec<_> = found.iter().zip(&fixes).collect();
        let (edits, taken) = select_edits(text, &labelled);
        assert_eq!(taken.len(), 4);
        assert_eq!(apply_edits(text, &edits), "<aZdYgWj>");
    }

    #[test]
    fn unsafe_fixes_need_permission() {
        let lint = |text: &str| {
            if text.ends_with('!') {
                return vec![];
            }
            let end = text.len();
            vec![diag(
                "u",
                Fix::unsafe_("bang", vec![Edit::insert(end, "!")]),
            )]
        };
        let outcome = fix_text("hi", FixOptions::default(), lint).unwrap();
        assert_eq!((outcome.text.as_str(), outcome.remaining.len()), ("hi", 1));
        let outcome = fix_text("hi", FixOptions { unsafe_fixes: true }, lint).unwrap();
        assert_eq!(outcome.text, "hi!");
    }

    #[test]
    fn a_cycle_names_its_rules() {
        let lint = |text: &str| {
            let (rule, to) = if text == "a" {
                ("up", "b")
            } else {
                ("down", "a")
            };
            vec![diag(
                rule,
                Fix::safe("f", vec![Edit::replace(Span::new(0, 1), to)]),
            )]
        };
        let err = fix_text("a", FixOptions::default(), lint).unwrap_err();
        assert_eq!(
            err,
            FixError::Cycle {
                labels: vec!["down", "up"]
            }
        );
    }

    #[test]
    fn a_fix_that_never_settles_hits_the_cap() {
        let lint = |text: &str| {
            vec![diag(
                "grow",
                Fix::safe("f", vec![Edit::insert(text.len(), ".")]),
            )]
        };
        let err = fix_text("a", FixOptions::default(), lint).unwrap_err();
        assert!(matches!(
            err,
            FixError::PassLimit {
                passes: MAX_PASSES,
                ..
            }
        ));
    }

    #[test]
    fn invalid_edits_are_never_applied() {
        let lint = |text: &str| {
            if text != "é" {
                return vec![];
            }
            vec![diag(
                "bad",
                Fix::safe("f", vec![Edit::replace(Span::new(1, 2), "x")]),
            )]
        };
        let outcome = fix_text("é", FixOptions::default(), lint).unwrap();
        assert_eq!(outcome.text, "é");
        assert_eq!(outcome.remaining.len(), 1);
    }
}
