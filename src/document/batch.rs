//! Judging many fixes together: a rule's fixes are taken as right first and
//! judged in batches, since each judgement costs a parse of the text
//! around them. The ways to batch, in one place.

/// How [`accepted_together`] splits a batch the judge refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Not at all: the fixes are right together or none is kept (where
    /// any part of them may be wrong only with the rest, as blanks removed
    /// from one line and the next).
    Never,
    /// Each half in turn, down to parts of two: a wrong fix costs a few
    /// judgements, and is left out with the few split off alone on the
    /// way, for the rule to judge alone.
    InHalves,
}

/// Which of `count` fixes, those among `candidates`, `right_together`
/// accepts, split as `split` says.
pub fn accepted_together(
    count: usize,
    candidates: &[usize],
    split: Split,
    mut right_together: impl FnMut(&[usize]) -> bool,
) -> Vec<bool> {
    match split {
        Split::InHalves => accepted_in_halves(count, candidates, right_together),
        Split::Never => {
            let mut accepted = vec![false; count];
            if !candidates.is_empty() && right_together(candidates) {
                candidates.iter().for_each(|&c| accepted[c] = true);
            }
            accepted
        }
    }
}

/// Of `count` fixes, those among `candidates` that `right_together`
/// accepts in a part of two or more: all of them at once, else each half
/// in turn, so that a rule's many fixes cost one judgement where they are
/// right together, and a wrong one a few. A fix left out (wrong, or alone
/// in a part) is for the rule to judge alone.
fn accepted_in_halves(
    count: usize,
    candidates: &[usize],
    mut right_together: impl FnMut(&[usize]) -> bool,
) -> Vec<bool> {
    let mut accepted = vec![false; count];
    let mut pending = vec![candidates];
    while let Some(part) = pending.pop() {
        if part.len() < 2 {
            continue;
        }
        if right_together(part) {
            part.iter().for_each(|&g| accepted[g] = true);
        } else {
            let (left, right) = part.split_at(part.len() / 2);
            pending.extend([left, right]);
        }
    }
    accepted
}

/// The longest start of `run` that `together` accepts, with its edits,
/// given the edits of its first element (`alone`, accepted): found by
/// doubling the length until one is refused, then halving the gap, so a
/// few parses whatever the length, and none for a run of one. A start is
/// kept only where it was itself accepted.
pub fn longest_accepted_start<T, E>(
    run: &[T],
    alone: E,
    together: impl Fn(&[T]) -> Option<E>,
) -> (&[T], E) {
    let (mut good, mut edits) = (1, alone);
    let mut bad = run.len() + 1;
    while good < run.len() {
        let length = (good * 2).min(run.len());
        match together(&run[..length]) {
            Some(accepted) => (good, edits) = (length, accepted),
            None => {
                bad = length;
                break;
            }
        }
    }
    // Halve the gap between the longest accepted and the shortest refused.
    while bad - good > 1 {
        let middle = (good + bad) / 2;
        match together(&run[..middle]) {
            Some(accepted) => (good, edits) = (middle, accepted),
            None => bad = middle,
        }
    }
    (&run[..good], edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    #[test]
    fn fixes_right_together_are_judged_at_once_and_a_wrong_one_in_a_few_tries() {
        let candidates: Vec<usize> = (0..300).step_by(3).collect();
        let tries = std::cell::Cell::new(0);
        let accepted = accepted_together(300, &candidates, Split::InHalves, |_| {
            tries.set(tries.get() + 1);
            true
        });
        assert_eq!(tries.get(), 1);
        assert!((0..300).all(|g| accepted[g] == (g % 3 == 0)));
        // Fix 51 is wrong with any other: it is left to the rule, with the
        // few split off alone on the way (judged alone there too), and the
        // others are accepted all the same.
        tries.set(0);
        let accepted = accepted_together(300, &candidates, Split::InHalves, |part| {
            tries.set(tries.get() + 1);
            !part.contains(&51)
        });
        assert!(!accepted[51]);
        assert!((0..300).all(|g| !accepted[g] || g % 3 == 0));
        let left = candidates.iter().filter(|&&g| !accepted[g]).count();
        assert!(left <= 4, "{left} left");
        assert!(tries.get() <= 16, "{} tries", tries.get());
    }

    #[test]
    fn the_longest_accepted_start_of_a_run_is_found_in_a_few_tries() {
        let run: Vec<usize> = (0..1000).collect();
        for limit in [1, 2, 3, 5, 8, 500, 999, 1000] {
            let tries = std::cell::Cell::new(0);
            let (kept, edits) =
                longest_accepted_start(&run, vec![Edit::insert(1, "]")], |indices| {
                    tries.set(tries.get() + 1);
                    (indices.len() <= limit).then(|| vec![Edit::insert(indices.len(), "]")])
                });
            assert_eq!(kept.len(), limit);
            // The edits are those of the run kept, not of a longer one tried.
            assert_eq!(edits, vec![Edit::insert(limit, "]")]);
            assert!(tries.get() <= 20, "{limit}: {} tries", tries.get());
        }
        // A run of one is not judged again.
        let (kept, _) =
            longest_accepted_start(&[7], vec![Edit::insert(1, "]")], |_| unreachable!());
        assert_eq!(kept, [7]);
    }

    #[test]
    fn a_batch_never_split_is_kept_whole_or_not_at_all() {
        let all = [0, 2, 3];
        assert_eq!(
            accepted_together(4, &all, Split::Never, |_| true),
            [true, false, true, true]
        );
        assert_eq!(
            accepted_together(4, &all, Split::Never, |p| p.len() < 3),
            [false; 4]
        );
        // One fix alone is judged too.
        assert_eq!(
            accepted_together(2, &[1], Split::Never, |_| true),
            [false, true]
        );
        assert_eq!(
            accepted_together(2, &[], Split::Never, |_| unreachable!()),
            [false; 2]
        );
    }
}
